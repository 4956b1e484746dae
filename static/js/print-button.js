/*
 * A "Print" button, for readers who cannot reach the browser's own Print command easily
 * (a phone's menu, a shortcut hard to press with stiff hands). The button's wrapper is
 * hidden in the page's markup and shown here, so that without JavaScript no button is
 * offered that would do nothing.
 */
(function () {
    "use strict";

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-print-page]").forEach(function (button) {
            button.addEventListener("click", function () {
                window.print();
            });
            var wrapper = button.closest("[hidden]");
            if (wrapper) {
                wrapper.hidden = false;
            }
        });
    });
})();
