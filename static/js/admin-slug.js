/* The admin's slug box keeps the base form of Welsh and accented letters as you type, as the
 * server's make_slug does: "Tŷ Pawb, Wrexham" gives "ty-pawb-wrexham", not "t-pawb-wrexham".
 */
(function () {
  "use strict";

  var LETTERS = {
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
    "’": "", "'": "",
  };
  var SPECIAL = new RegExp(Object.keys(LETTERS).join("|"), "g");

  function fold(text) {
    return text
      .replace(SPECIAL, function (letter) { return LETTERS[letter]; })
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function wrap() {
    var urlify = window.URLify;
    if (!urlify || urlify.lpipFolds) {
      return;
    }
    var folding = function (text, length, allowUnicode) {
      return urlify(fold(String(text)), length, allowUnicode);
    };
    folding.lpipFolds = true;
    window.URLify = folding;
  }

  wrap();
  document.addEventListener("DOMContentLoaded", wrap);
})();
