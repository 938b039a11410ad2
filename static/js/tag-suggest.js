/* Suggest tags already in use as an editor types in a comma-separated tags box.
 *
 * A datalist suggests whole values, so each suggestion is offered after the tags already typed:
 * typing "trust, soc" offers "trust, social capital".
 */
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var names = Array.prototype.map.call(list.options, function (option) {
      return option.value;
    });

    input.addEventListener("input", function () {
      var parts = input.value.split(",");
      var typing = parts.pop().trim().toLowerCase();
      var before = parts.map(function (p) { return p.trim(); }).filter(Boolean);
      var taken = before.map(function (p) { return p.toLowerCase(); });
      var prefix = before.length ? before.join(", ") + ", " : "";
      list.textContent = "";
      names
        .filter(function (name) {
          var lower = name.toLowerCase();
          return taken.indexOf(lower) === -1 && (!typing || lower.indexOf(typing) !== -1);
        })
        .slice(0, 50)
        .forEach(function (name) {
          var option = document.createElement("option");
          option.value = prefix + name;
          list.appendChild(option);
        });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-tag-suggest]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
