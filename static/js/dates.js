// Dates typed or picked. A text field input[data-date-picker] (sakip.forms.PlannerDateInput) keeps taking dates as
// planners type them ("3 Januari 2022", "03/01/2022", "2022-01-03"; the server reads them, sakip/dates.py); a
// button beside it shows the browser's own calendar (an <input type="date">), and the day picked there is written
// into the text field as an Indonesian document prints it: "3 Januari 2022". Without JavaScript the text field is
// all there is, and it works the same.
(function () {
  "use strict";
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "November", "Desember"];

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) {
      text = "0" + text;
    }
    return text;
  }

  // "YYYY-MM-DD" of the date typed in the text field, or "" (the calendar then opens on today's month).
  function isoOfTyped(text) {
    var value = (text || "").trim().replace(/\s+/g, " ");
    var day, month, year, match;
    if ((match = /^(\d{4})[\/.-](\d{1,2})[\/.-](\d{1,2})$/.exec(value))) {
      year = +match[1]; month = +match[2]; day = +match[3];
    } else if ((match = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(value))) {
      day = +match[1]; month = +match[2]; year = +match[3];
    } else if ((match = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})$/.exec(value))) {
      var name = match[2].toLowerCase().slice(0, 3);
      month = 0;
      MONTHS.forEach(function (candidate, index) {
        if (candidate.toLowerCase().slice(0, 3) === name) {
          month = index + 1;
        }
      });
      day = +match[1]; year = +match[3];
    } else {
      return "";
    }
    var date = new Date(year, month - 1, day);
    if (!month || date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
      return "";
    }
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  function indonesian(iso) {
    var parts = iso.split("-");
    return +parts[2] + " " + MONTHS[+parts[1] - 1] + " " + +parts[0];
  }

  function enhance(field) {
    var group = document.createElement("div");
    group.className = "input-group date-picker";
    field.parentNode.insertBefore(group, field);
    group.appendChild(field);

    var calendar = document.createElement("input");
    calendar.type = "date";
    calendar.className = "form-control date-picker-calendar";
    calendar.id = field.id + "-kalender";
    calendar.hidden = true;
    calendar.setAttribute("aria-label", field.getAttribute("data-date-picker-calendar") || "Kalender");
    group.appendChild(calendar);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary date-picker-button";
    button.disabled = field.disabled || field.readOnly; // (a disabled fieldset disables both by itself)
    button.title = field.getAttribute("data-date-picker");
    button.setAttribute("aria-label", button.title);
    button.setAttribute("aria-controls", calendar.id);
    button.setAttribute("aria-expanded", "false");
    group.appendChild(button);

    function show(open) {
      calendar.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    button.addEventListener("click", function () {
      if (!calendar.hidden) {
        show(false);
        field.focus();
        return;
      }
      calendar.value = isoOfTyped(field.value);
      show(true);
      calendar.focus();
      if (calendar.showPicker) {
        try {
          calendar.showPicker();
        } catch (ignored) {
          // Not allowed here (an embedded frame): the field is shown, the planner opens it.
        }
      }
    });
    // Each whole day chosen (picked, or its parts typed) is written into the text field at once, as if typed: the
    // page's checks and its "unsaved changes" question see it.
    calendar.addEventListener("input", function () {
      if (!calendar.value) {
        return;
      }
      field.value = indonesian(calendar.value);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    calendar.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Enter") {
        event.preventDefault(); // Enter would submit the form before the planner looks at the date
        show(false);
        field.focus();
      }
    });
    // The calendar folds away once the planner moves on (not to its own button, which folds it itself).
    group.addEventListener("focusout", function (event) {
      if (event.relatedTarget !== calendar && event.relatedTarget !== button && event.target === calendar) {
        show(false);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-date-picker]").forEach(enhance);
  });
})();
