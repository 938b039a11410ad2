/* Place names as you type: fills the <datalist> of any input with data-suggest-url.
   Progressive enhancement: without this file the input still takes a name, code or postcode,
   and the server resolves it. */
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest-url");
    if (!list || !url || !window.fetch) { return; }
    var timer = null;
    var last = "";

    function fill(places) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      places.forEach(function (place) {
        var option = document.createElement("option");
        option.value = place.name;
        option.textContent = place.kind + (place.gss_code ? " · " + place.gss_code : "");
        list.appendChild(option);
      });
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text === last) { return; }
      last = text;
      window.clearTimeout(timer);
      if (text.length < 2) { fill([]); return; }
      timer = window.setTimeout(function () {
        window.fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { places: [] }; })
          .then(function (data) { if (input.value.trim() === text) { fill(data.places || []); } })
          .catch(function () { /* the plain text box still works */ });
      }, 200);
    });
  }

  document.querySelectorAll("input[data-suggest-url][list]").forEach(attach);
})();
