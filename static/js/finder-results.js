/* After a search, move focus to the results heading, so the answer comes first for keyboard
   and screen reader users and on small screens. Without this file the page works the same,
   with a "Skip to results" link. */
(function () {
  "use strict";
  if (!window.location.search) { return; }
  var problem = document.querySelector(".error-summary");
  var target = problem || document.getElementById("results");
  if (target && target.focus) {
    target.focus({ preventScroll: true });
    target.scrollIntoView(true);
  }
}());
