/* Tasks step: suggest a catalog service from what the owner types as a task's name.

   When typing pauses and the row's service is still "None", the catalog's suggestion
   endpoint (the form's data-suggest-url) is asked, and its best answer is offered under
   the name: "Suggested service: Bookkeeping (matches 'bookkeeping' in the name). Use it".
   The button picks the service and fires the select's change event, so the ratings are
   prefilled as if the owner had picked it (tasks.js). Rows added later are handled by
   listening on the document. Only an enhancement: without it the owner picks a service
   from the list as before. */
(function () {
  "use strict";

  var form = document.getElementById("task-form");
  var url = form && form.getAttribute("data-suggest-url");
  if (!url || !window.fetch) {
    return;
  }
  var DELAY_MS = 300;
  var MIN_LENGTH = 3;
  var MAX_LENGTH = 200; // the endpoint refuses longer names
  var NAME_INPUT = '.task-row input[name$="-name"]';
  var SERVICE_SELECT = 'select[name$="-service_type"]';
  var pending = new WeakMap(); // name input -> {timer, controller, query}

  function serviceSelect(row) {
    return row.querySelector(SERVICE_SELECT);
  }

  // One live region per row, made once and then only filled or emptied, so screen
  // readers announce each new suggestion.
  function suggestionBox(input) {
    var row = input.closest(".task-row");
    var box = row.querySelector(".service-suggestion");
    if (!box) {
      box = document.createElement("div");
      box.className = "small mt-1 service-suggestion";
      box.setAttribute("aria-live", "polite");
      var field = input.parentElement;
      field.appendChild(box);
    }
    return box;
  }

  function clear(box) {
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
  }

  function show(box, suggestion) {
    clear(box);
    box.appendChild(document.createTextNode("Suggested service: "));
    var name = document.createElement("strong");
    name.textContent = suggestion.name;
    box.appendChild(name);
    box.appendChild(document.createTextNode(" (" + suggestion.reason + "). "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link btn-sm p-0 align-baseline";
    button.setAttribute("data-service-id", String(suggestion.id));
    button.textContent = "Use it";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + suggestion.name;
    button.appendChild(hidden);
    box.appendChild(button);
  }

  function hasOption(select, id) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === String(id);
    });
  }

  function ask(input) {
    var row = input.closest(".task-row");
    var select = serviceSelect(row);
    var box = suggestionBox(input);
    var query = input.value.trim();
    var state = pending.get(input);
    if (state.controller) {
      state.controller.abort();
      state.controller = null;
    }
    if (!select || select.value || query.length < MIN_LENGTH || query.length > MAX_LENGTH) {
      clear(box);
      return;
    }
    state.query = query;
    state.controller = window.AbortController ? new AbortController() : null;
    var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
    fetch(address, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: state.controller ? state.controller.signal : undefined
    })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        var best = (data.suggestions || [])[0];
        // A name typed on since, or a service picked meanwhile, makes the answer stale.
        if (state.query !== input.value.trim() || select.value) {
          return;
        }
        if (best && hasOption(select, best.id)) {
          show(box, best);
        } else {
          clear(box);
        }
      })
      .catch(function () {
        clear(box); // aborted, offline or refused: no suggestion, no error for the owner
      });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.matches(NAME_INPUT)) {
      return;
    }
    var state = pending.get(input);
    if (!state) {
      state = { timer: null, controller: null, query: null };
      pending.set(input, state);
    }
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(function () {
      ask(input);
    }, DELAY_MS);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".service-suggestion button[data-service-id]");
    if (!button) {
      return;
    }
    var row = button.closest(".task-row");
    var select = serviceSelect(row);
    var box = button.closest(".service-suggestion");
    select.value = button.getAttribute("data-service-id");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    clear(box);
    select.focus(); // the button is gone: keep the owner's place on the row
  });

  // A service the owner picks makes the suggestion moot.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.matches(SERVICE_SELECT)) {
      return;
    }
    var row = select.closest(".task-row");
    var box = row && row.querySelector(".service-suggestion");
    if (box && select.value) {
      clear(box);
    }
  });
})();
