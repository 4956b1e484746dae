/*
 * Treatment names suggested as a reader types in a search box (the WAI-ARIA combobox
 * pattern, list autocomplete). Without this script the search form works as a plain form.
 * Each input with data-suggest-url becomes a combobox controlling a listbox of options;
 * a polite live region says how many names are suggested.
 */
(function () {
    "use strict";

    var DELAY_MS = 150;

    function enhance(input) {
        var url = input.getAttribute("data-suggest-url");
        var listId = input.id + "-suggestions";
        var list = document.createElement("ul");
        var status = document.createElement("p");
        var form = input.form;
        var timer = null;
        var request = null;
        var options = [];
        var active = -1;
        var lastTyped = "";

        list.id = listId;
        list.className = "search-suggest";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggested treatments");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        input.parentNode.insertBefore(list, input.nextSibling);
        form.appendChild(status);
        form.classList.add("search-form--suggest");

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index < 0) {
                input.removeAttribute("aria-activedescendant");
            } else {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            }
        }

        function go(option) {
            window.location.assign(option.getAttribute("data-url"));
        }

        function show(suggestions) {
            // A late answer must not take away the name the reader has already arrowed to.
            var chosen = active >= 0 ? options[active].getAttribute("data-url") : null;
            var keep = -1;
            list.textContent = "";
            options = suggestions.map(function (suggestion, i) {
                var option = document.createElement("li");
                var title = document.createElement("span");
                option.id = listId + "-" + i;
                option.className = "search-suggest__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", suggestion.url);
                title.className = "search-suggest__title";
                title.textContent = suggestion.title;
                option.appendChild(title);
                if (suggestion.also) {
                    var also = document.createElement("span");
                    also.className = "search-suggest__also";
                    also.textContent = " (" + suggestion.also + ")";
                    option.appendChild(also);
                }
                // mousedown, not click: the input keeps focus and does not close the list first.
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    go(option);
                });
                list.appendChild(option);
                if (suggestion.url === chosen) {
                    keep = i;
                }
                return option;
            });
            active = -1;
            input.removeAttribute("aria-activedescendant");
            if (options.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                if (keep >= 0) {
                    highlight(keep);
                }
                status.textContent = options.length === 1
                    ? "1 treatment suggested. Use the up and down arrows to choose."
                    : options.length + " treatments suggested. Use the up and down arrows to choose.";
            } else {
                close();
                status.textContent = "No treatments suggested.";
            }
        }

        function fetchSuggestions() {
            var typed = input.value.trim();
            if (typed === lastTyped) {
                return;
            }
            lastTyped = typed;
            if (request) {
                request.abort();
            }
            if (!typed) {
                show([]);
                status.textContent = "";
                return;
            }
            request = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(typed), {
                headers: { Accept: "application/json" },
                signal: request.signal
            })
                .then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === typed) {
                        show(data.suggestions || []);
                    }
                })
                .catch(function () { /* aborted or offline: the form still works */ });
        }

        input.addEventListener("input", function () {
            // Typing moves the reader back to the box: no option stays chosen.
            if (active >= 0) {
                highlight(-1);
            }
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (!open && options.length) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                if (options.length) {
                    highlight(active + 1 < options.length ? active + 1 : 0);
                }
            } else if (event.key === "ArrowUp") {
                if (open && options.length) {
                    event.preventDefault();
                    highlight(active > 0 ? active - 1 : options.length - 1);
                }
            } else if (event.key === "Enter") {
                if (open && active >= 0) {
                    event.preventDefault();
                    go(options[active]);
                }
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                }
            }
        });

        input.addEventListener("blur", close);
    }

    Array.prototype.forEach.call(
        document.querySelectorAll("input[data-suggest-url]"),
        enhance
    );
})();
