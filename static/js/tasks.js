/* Tasks step: add rows without a round trip, fill a row's typical ratings when a catalog
   service is picked, keep each row's folded ratings line and the list's running total up
   to date. Only an enhancement: without it, the "Add another task" button asks the server
   for a blank row, the server fills blank ratings on save, and the total is the saved one. */
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
    addUp();
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
      summarise(row);
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
    summarise(row);
    var note = row.querySelector(".prefill-note");
    status.textContent = note && !note.hidden ? note.textContent : "";
  });

  // The folded ratings line, in the words of TaskForm.ratings_summary.
  var RATINGS = [
    ["complexity", "complexity"],
    ["skill_level", "skill"],
    ["standardisation", "standardisation"],
    ["strategic_importance", "importance"],
    ["data_sensitivity", "sensitivity"]
  ];

  function summarise(row) {
    var line = row.querySelector(".task-ratings-summary");
    if (!line) {
      return;
    }
    var parts = RATINGS.map(function (pair) {
      var checked = Array.prototype.filter.call(radiosOf(row, pair[0]), function (radio) {
        return radio.checked;
      })[0];
      var value = !checked || checked.value === "" ? "not rated" : checked.value;
      return pair[1] + " " + (value === "unsure" ? "not sure" : value);
    });
    line.textContent = ": " + parts.join(", ");
  }

  // The running total: the saved tasks of other pages, plus this page's rows as typed.
  var totals = document.getElementById("task-totals");
  var costMarks = totals ? (totals.getAttribute("data-marks") || "").split(" ").filter(Boolean) : [];

  // An amount as typed, read by the rules of the server's reader (assessments/numbers.py):
  // 3200, 3,200, 3 200, 1.200,50, 1,20,000 or 3200.50, marked or not with the currency's own sign
  // or code (`marks`; none for hours). NaN for what the server refuses, so that the total
  // says it is not counted: a negative amount, another currency, "1.200" (1200 or 1.2?),
  // more than two decimals, or anything else that is not a number.
  var GROUPED = /^[1-9]\d{0,2}(_\d{3})*$/;
  var LAKHS = /^[1-9]\d?(_\d{2})*_\d{3}$/; // 1,20,000 and 12,34,567: commas only

  function wholeDigits(grouped, lakhs) {
    if (grouped.indexOf("_") < 0) {
      return /^\d+$/.test(grouped) ? grouped : null;
    }
    return GROUPED.test(grouped) || (lakhs && LAKHS.test(grouped)) ? grouped.replace(/_/g, "") : null;
  }

  function plainDigits(number) {
    var grouped = number.replace(/[ \u00a0\u202f\u2009'\u2019]/g, "_");
    var point = Math.max(grouped.lastIndexOf("."), grouped.lastIndexOf(","));
    if (point < 0) {
      return wholeDigits(grouped);
    }
    var mark = grouped.charAt(point);
    var other = mark === "." ? "," : ".";
    var head = grouped.slice(0, point);
    var fraction = grouped.slice(point + 1);
    var lakhs = false;
    if (head.indexOf(other) >= 0) {
      // Both marks: the last one is the decimal mark, the other groups thousands.
      if (head.indexOf(mark) >= 0 || head.indexOf("_") >= 0) {
        return null;
      }
      head = head.split(other).join("_");
      lakhs = other === ",";
    } else if (head.indexOf(mark) >= 0) {
      return wholeDigits(grouped.split(mark).join("_"), mark === ","); // 1,200,000 or 1.200.000
    } else if (grouped.indexOf("_") < 0 && fraction.length === 3 && head.length >= 1 &&
               head.length <= 3 && head !== "0") {
      return mark === "," ? head + fraction : null; // 1,200 is 1200; 1.200 is refused
    }
    if (!/^\d{0,2}$/.test(fraction)) {
      return null;
    }
    var whole = head ? wholeDigits(head, lakhs) : "0";
    return whole === null ? null : whole + (fraction ? "." + fraction : "");
  }

  function amount(text, marks) {
    var parts = /^\+?\s*([^\d\s.,+\-\u2212]*)\s*([.,]?\d(?:[\d., \u00a0\u202f\u2009'\u2019]*\d)?\.?)\s*([^\d\s.,]*)$/.exec(text.trim());
    if (!parts || (parts[1] && parts[3])) {
      return NaN;
    }
    var mark = (parts[1] || parts[3]).toLowerCase();
    if (mark && marks.indexOf(mark) < 0) {
      return NaN;
    }
    var digits = plainDigits(parts[2]);
    return digits === null ? NaN : parseFloat(digits);
  }

  function addUp() {
    if (!totals) {
      return;
    }
    var count = parseInt(totals.getAttribute("data-other-tasks"), 10);
    var cost = parseFloat(totals.getAttribute("data-other-cost"));
    var hours = parseFloat(totals.getAttribute("data-other-hours"));
    var withHours = parseInt(totals.getAttribute("data-other-with-hours"), 10);
    var unread = 0;
    Array.prototype.forEach.call(rows.querySelectorAll(".task-row"), function (row) {
      var removed = row.querySelector('input[name$="-DELETE"]');
      var name = row.querySelector('input[name$="-name"]');
      var costText = row.querySelector('input[name$="-monthly_cost"]').value.trim();
      var hoursText = row.querySelector('input[name$="-hours_per_month"]').value.trim();
      if ((removed && removed.checked) || (!name.value.trim() && !costText)) {
        return;
      }
      count += 1;
      var rowCost = amount(costText, costMarks);
      if (isNaN(rowCost)) {
        unread += 1;
      } else {
        cost += rowCost;
      }
      var rowHours = amount(hoursText, []);
      if (!isNaN(rowHours)) {
        hours += rowHours;
        withHours += 1;
      }
    });
    if (!count) {
      totals.textContent = "No tasks yet.";
      return;
    }
    var locale = totals.getAttribute("data-locale") || "en";
    var money = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: totals.getAttribute("data-currency")
    });
    var text = "Total of " + count + " task" + (count === 1 ? "" : "s") + ": " + money.format(cost) + " a month";
    if (withHours) {
      text += ", " + new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hours) + " team hours a month";
      if (withHours < count) {
        text += " (hours given for " + withHours + " of " + count + ")";
      }
    }
    if (unread) {
      text += "; " + unread + " cost" + (unread === 1 ? "" : "s") + " not counted until corrected";
    }
    totals.textContent = text + ".";
  }

  rows.addEventListener("input", function (event) {
    if (event.target.matches('input[name$="-monthly_cost"], input[name$="-hours_per_month"], input[name$="-name"]')) {
      addUp();
    }
  });
  rows.addEventListener("change", function (event) {
    if (event.target.matches('input[name$="-DELETE"]')) {
      addUp();
    }
  });
  addUp();
})();
