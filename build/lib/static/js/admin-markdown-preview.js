/* Live preview for the admin's Markdown fields.
 *
 * Each textarea marked data-markdown-preview="<url>" gets a preview below it, rendered by the
 * server through the same sanitiser as the public site, so what you see is what readers get.
 */
(function () {
  "use strict";

  var DELAY = 400;

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
    var body = document.createElement("div");
    body.className = "lpip-md-preview__body";
    body.setAttribute("aria-live", "polite");
    panel.appendChild(label);
    panel.appendChild(body);
    textarea.insertAdjacentElement("afterend", panel);

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
