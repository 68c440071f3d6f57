/* Tasks step: add rows without a round trip, and fill a row's typical ratings when a
   catalog service is picked. Only an enhancement: without it, the "Add another task"
   button asks the server for a blank row and the server fills blank ratings on save. */
(function () {
  "use strict";

  var form = document.getElementById("task-form");
  if (!form) {
    return;
  }
  var rows = document.getElementById("task-rows");
  var template = document.getElementById("task-row-template");
  var total = form.querySelector('input[name="tasks-TOTAL_FORMS"]');
  var maximum = form.querySelector('input[name="tasks-MAX_NUM_FORMS"]');
  var initial = form.querySelector('input[name="tasks-INITIAL_FORMS"]');
  // New tasks the draft still has room for, counted over every page.
  var room = parseInt(form.getAttribute("data-room"), 10);
  var status = document.getElementById("task-status");
  // Rows are numbered through the whole list; this page's first row follows `offset`.
  var offset = parseInt(form.getAttribute("data-row-offset") || "0", 10);
  var prefill = JSON.parse(document.getElementById("service-type-prefill").textContent);

  document.getElementById("add-task").addEventListener("click", function (event) {
    if (!form.hasAttribute("data-last-page")) {
      return; // new tasks go at the end: the server saves this page and opens the last
    }
    var index = parseInt(total.value, 10);
    var added = index - parseInt(initial.value, 10);
    if (index >= parseInt(maximum.value, 10) || added >= room) {
      return; // let the server say why no more rows fit
    }
    event.preventDefault();
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(offset + index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var row = rows.lastElementChild;
    row.querySelector('input[type="text"]').focus();
    status.textContent = "Task " + (offset + index + 1) + " added.";
  });

  rows.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches('input[type="radio"]')) {
      target.removeAttribute("data-prefilled");
      return;
    }
    if (!target.matches("select.service-type-select") || !prefill[target.value]) {
      return;
    }
    var prefix = target.name.replace(/-service_type$/, "");
    var values = prefill[target.value];
    var filled = [];
    Object.keys(values).forEach(function (field) {
      var radios = form.querySelectorAll('input[name="' + prefix + "-" + field + '"]');
      var chosenByHand = Array.prototype.some.call(radios, function (radio) {
        return radio.checked && !radio.hasAttribute("data-prefilled");
      });
      if (chosenByHand) {
        return;
      }
      radios.forEach(function (radio) {
        radio.checked = radio.value === String(values[field]);
        radio.toggleAttribute("data-prefilled", radio.checked);
      });
      filled.push(field.replace("_", " ") + " " + values[field]);
    });
    if (filled.length) {
      status.textContent = "Filled in typical ratings: " + filled.join(", ") + ".";
    }
  });
})();
