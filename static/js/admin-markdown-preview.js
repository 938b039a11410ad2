/* Live preview for the admin's Markdown fields.
 *
 * Each textarea marked data-markdown-preview="<url>" gets a preview below it, rendered by the
 * server through the same sanitiser as the public site, so what you see is what readers get,
 * with a warning for anything that will not appear. Text pasted from a word processor keeps its
 * bullets (as Markdown list items) and its paragraphs.
 */
(function () {
  "use strict";

  var DELAY = 400;
  var BULLET = /^[ \t]*[\u2022\u00b7\u2013\u25aa\u25e6\u25cf\u2023][ \t]+/;
  var LIST_ITEM = /^\s*([-*+]|\d+\.)\s/;

  // Word gives each paragraph one line: make each a Markdown paragraph, and bullets list items.
  function tidyPaste(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var out = [];
    lines.forEach(function (line, i) {
      var item = BULLET.test(line) || LIST_ITEM.test(line);
      line = line.replace(BULLET, "- ");
      var previous = out.length ? out[out.length - 1] : "";
      var previousItem = LIST_ITEM.test(previous);
      if (i > 0 && line.trim() && previous.trim() && !(item && previousItem)) {
        out.push("");
      }
      out.push(line);
    });
    return out.join("\n");
  }

  function onPaste(event) {
    var data = event.clipboardData;
    var text = data ? data.getData("text/plain") : "";
    if (!text || text.indexOf("\n") === -1) {
      return;
    }
    var tidied = tidyPaste(text);
    if (tidied === text.replace(/\r\n?/g, "\n")) {
      return;
    }
    event.preventDefault();
    var textarea = event.target;
    textarea.setRangeText(tidied, textarea.selectionStart, textarea.selectionEnd, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function csrfToken(textarea) {
    var form = textarea.form || document;
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(textarea) {
    var url = textarea.getAttribute("data-markdown-preview");
    var panel = document.createElement("div");
    panel.className = "lpip-md-preview";
    var label = document.createElement("p");
    label.className = "lpip-md-preview__label";
    label.textContent = "Preview, as it will appear on the site";
    var warnings = document.createElement("ul");
    warnings.className = "lpip-md-preview__warnings errorlist";
    warnings.setAttribute("role", "status");
    var body = document.createElement("div");
    body.className = "lpip-md-preview__body";
    body.setAttribute("aria-live", "polite");
    panel.appendChild(label);
    panel.appendChild(warnings);
    panel.appendChild(body);
    // Below the label and the box (the admin sets them side by side), not squeezed beside them.
    var row = textarea.closest(".flex-container") || textarea;
    row.insertAdjacentElement("afterend", panel);

    function showWarnings(list) {
      warnings.textContent = "";
      list.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        warnings.appendChild(item);
      });
      warnings.hidden = !list.length;
    }

    var timer = null;
    var latest = 0;

    function render() {
      var text = textarea.value;
      if (!text.trim()) {
        body.textContent = "";
        panel.hidden = true;
        return;
      }
      panel.hidden = false;
      var request = ++latest;
      var data = new FormData();
      data.append("text", text);
      data.append("top_heading", textarea.getAttribute("data-markdown-top-heading") || "2");
      data.append("figures_of", textarea.getAttribute("data-markdown-figures") || "");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) },
      })
        .then(function (response) {
          return response.json().then(function (json) {
            return { ok: response.ok, json: json };
          });
        })
        .then(function (result) {
          if (request !== latest) {
            return; // a newer preview is on its way
          }
          if (result.ok) {
            body.innerHTML = result.json.html; // sanitised by the server (nh3)
            showWarnings(result.json.warnings || []);
          } else {
            body.textContent = result.json.error || "The preview is not available.";
          }
        })
        .catch(function () {
          if (request === latest) {
            body.textContent = "The preview is not available: check your connection.";
          }
        });
    }

    textarea.addEventListener("paste", onPaste);
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, DELAY);
    });
    render();
  }

  function start() {
    var fields = document.querySelectorAll("textarea[data-markdown-preview]");
    Array.prototype.forEach.call(fields, attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
