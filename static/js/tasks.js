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

  // The ratings a service may fill, in the order the note names them.
  var SHORT_NAMES = { complexity: "complexity", skill_level: "skill", standardisation: "standardisation" };

  function radiosOf(row, field) {
    return row.querySelectorAll('input[type="radio"][name$="-' + field + '"]');
  }

  // The hidden list of filled ratings and the visible note follow the row's radios:
  // a rating is "filled" while the radio the service checked is still the chosen one.
  function showFilled(row) {
    var select = row.querySelector("select.service-type-select");
    var filled = [];
    var parts = [];
    Object.keys(SHORT_NAMES).forEach(function (field) {
      Array.prototype.forEach.call(radiosOf(row, field), function (radio) {
        if (radio.checked && radio.hasAttribute("data-prefilled")) {
          filled.push(field);
          parts.push(SHORT_NAMES[field] + " " + radio.value);
        }
      });
    });
    var hidden = row.querySelector('input[name$="-prefilled"]');
    if (hidden) {
      hidden.value = filled.join(",");
    }
    var note = row.querySelector(".prefill-note");
    if (!note) {
      return;
    }
    if (parts.length && select && select.value) {
      var name = select.options[select.selectedIndex].text;
      note.textContent = "Filled from " + name + ": " + parts.join(", ") + " \u2014 change any of them.";
      note.hidden = false;
    } else {
      note.textContent = "";
      note.hidden = true;
    }
  }

  // Saved rows: the server lists which ratings its service filled.
  Array.prototype.forEach.call(rows.querySelectorAll(".task-row"), function (row) {
    var hidden = row.querySelector('input[name$="-prefilled"]');
    if (!hidden || !hidden.value) {
      return;
    }
    hidden.value.split(",").forEach(function (field) {
      Array.prototype.forEach.call(radiosOf(row, field), function (radio) {
        radio.toggleAttribute("data-prefilled", radio.checked);
      });
    });
  });

  rows.addEventListener("change", function (event) {
    var target = event.target;
    var row = target.closest(".task-row");
    if (!row) {
      return;
    }
    if (target.matches('input[type="radio"]')) {
      // The owner's choice: never the service's again.
      Array.prototype.forEach.call(radiosOf(row, target.name.replace(/^.*-/, "")), function (radio) {
        radio.removeAttribute("data-prefilled");
      });
      showFilled(row);
      return;
    }
    if (!target.matches("select.service-type-select")) {
      return;
    }
    var values = prefill[target.value] || {};
    Object.keys(SHORT_NAMES).forEach(function (field) {
      var radios = radiosOf(row, field);
      var chosenByHand = Array.prototype.some.call(radios, function (radio) {
        return radio.checked && !radio.hasAttribute("data-prefilled");
      });
      if (chosenByHand) {
        return; // never change a rating the owner picked
      }
      Array.prototype.forEach.call(radios, function (radio) {
        radio.checked = values[field] !== undefined && radio.value === String(values[field]);
        radio.toggleAttribute("data-prefilled", radio.checked);
      });
    });
    showFilled(row);
    var note = row.querySelector(".prefill-note");
    status.textContent = note && !note.hidden ? note.textContent : "";
  });
})();
