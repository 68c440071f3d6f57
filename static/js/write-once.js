/* Questionnaire forms carry a one-time key (form_key) that the server acts on once.
   Going Back to a page the browser fetches afresh gives it a new key, while the browser
   puts the owner's entries back: sending it again would then act twice. So each key
   sent is remembered for this tab, by page, and a page reached through Back or Forward
   sends the key its earlier copy sent; the server then lands it where the first went. */
(function () {
  "use strict";
  var storageKey = "form-key:" + location.pathname + location.search;
  var fields = document.querySelectorAll("form input[name='form_key']");
  if (!fields.length) {
    return;
  }
  var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  var sent = null;
  try {
    sent = sessionStorage.getItem(storageKey);
  } catch (error) {
    sent = null; /* storage off: the server still refuses nothing it should not */
  }
  if (sent && navigation && navigation.type === "back_forward") {
    fields[0].value = sent;
  }
  fields[0].form.addEventListener("submit", function () {
    try {
      sessionStorage.setItem(storageKey, fields[0].value);
    } catch (error) {
      /* nothing to remember without storage */
    }
  });
})();
