/* Print view of the results: a Print button for browsers with scripts on. Without them the
   page says how to use the browser's own Print command, which gives the same clean report. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
