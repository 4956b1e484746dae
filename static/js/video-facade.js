/*
 * Click-to-play videos (content_pages/blocks/video_block.html). Each video starts as a link
 * to the video on its host; this turns the link into a button that, when pressed, puts the
 * host's player in its place. Nothing is requested from the host before the press.
 */
(function () {
    "use strict";

    function play(frame, button) {
        var iframe = document.createElement("iframe");
        iframe.src = frame.getAttribute("data-video-embed");
        iframe.title = frame.getAttribute("data-video-title");
        iframe.className = "video-facade__player";
        iframe.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
        iframe.setAttribute("allowfullscreen", "");
        frame.replaceChild(iframe, button);
        iframe.focus();
    }

    function enhance(frame) {
        var link = frame.querySelector(".video-facade__play");
        if (!link || frame.hasAttribute("data-enhanced")) {
            return;
        }
        frame.setAttribute("data-enhanced", "");
        var button = document.createElement("button");
        button.type = "button";
        button.className = link.className;
        while (link.firstChild) {
            button.appendChild(link.firstChild);
        }
        button.addEventListener("click", function () {
            play(frame, button);
        });
        frame.replaceChild(button, link);
    }

    function enhanceAll() {
        document.querySelectorAll("[data-video-embed]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enhanceAll);
    } else {
        enhanceAll();
    }
})();
