// Spreadsheet habits in the workspace grids (a table of fields inside a form that posts):
// - Enter and the arrow keys move between cells (left/right only from the first/last character of a field);
// - a block pasted from Excel (tab-separated columns, one line per row) fills the cells from the focused one,
//   right and down, and each filled field fires input/change as if typed: the live checks run, and the server
//   validates the whole grid on save as for anything typed;
// - leaving a page whose form has unsaved changes asks first.
(function () {
  "use strict";
  var TEXT = "input[type=text], input[type=number], input:not([type])";

  function gridCell(el) {
    var cell = el.closest && el.closest("td");
    if (!cell || !el.form || el.form.method.toLowerCase() !== "post" || !cell.closest("table")) {
      return null;
    }
    return cell;
  }

  function fieldsOfRow(row) {
    return Array.prototype.filter.call(row.querySelectorAll(TEXT), function (el) {
      return !el.disabled && !el.readOnly && el.type !== "hidden";
    });
  }

  // The rows after (step 1) or before (step -1) this one that hold fields, across the table's bodies.
  function rowsAfter(row, step) {
    var all = Array.prototype.slice.call(row.closest("table").rows);
    var index = all.indexOf(row);
    var rows = step > 0 ? all.slice(index + 1) : all.slice(0, index).reverse();
    return rows.filter(function (candidate) {
      return fieldsOfRow(candidate).length > 0;
    });
  }

  function fieldBelow(el, step) {
    var cell = gridCell(el);
    var row = cell.parentElement;
    var column = cell.cellIndex;
    var candidates = rowsAfter(row, step);
    for (var i = 0; i < candidates.length; i++) {
      var target = candidates[i].cells[column];
      var field = target && target.querySelector(TEXT);
      if (field && !field.disabled && !field.readOnly) {
        return field;
      }
    }
    return null;
  }

  function move(to) {
    if (to) {
      to.focus();
      if (to.select) {
        to.select();
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches(TEXT) || !gridCell(el) || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var row = gridCell(el).parentElement;
    var fields = fieldsOfRow(row);
    var index = fields.indexOf(el);
    var caretAtStart = el.selectionStart === 0 && el.selectionEnd === 0;
    var caretAtEnd = el.selectionStart === el.value.length;
    if (event.key === "Enter" || event.key === "ArrowDown") {
      event.preventDefault(); // Enter would submit the whole grid
      move(fieldBelow(el, event.shiftKey && event.key === "Enter" ? -1 : 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(fieldBelow(el, -1));
    } else if (event.key === "ArrowLeft" && caretAtStart && index > 0) {
      event.preventDefault();
      move(fields[index - 1]);
    } else if (event.key === "ArrowRight" && caretAtEnd && index < fields.length - 1) {
      event.preventDefault();
      move(fields[index + 1]);
    }
  });

  // A field that gets the focus (Tab, Enter, a tap) is brought wholly into view inside its grid's frame: Chromium
  // leaves a field that is partly visible where it is, cut by the frame's edge (on a phone, most of them). The
  // frame's scroll-padding keeps it clear of the sticky columns.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.matches && el.matches("input, select, textarea") && gridCell(el) && el.scrollIntoView) {
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  document.addEventListener("paste", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches(TEXT) || !gridCell(el) || !event.clipboardData) {
      return;
    }
    var text = event.clipboardData.getData("text/plain").replace(/\r?\n$/, "");
    if (text.indexOf("\t") < 0 && text.indexOf("\n") < 0) {
      return; // one value: the browser pastes it as usual
    }
    event.preventDefault();
    var lines = text.split(/\r?\n/);
    var row = gridCell(el).parentElement;
    var start = fieldsOfRow(row).indexOf(el);
    var rows = [row].concat(rowsAfter(row, 1));
    lines.forEach(function (line, i) {
      if (!rows[i]) {
        return;
      }
      var fields = fieldsOfRow(rows[i]);
      line.split("\t").forEach(function (value, j) {
        var field = fields[start + j];
        if (field) {
          field.value = value.trim();
          field.dispatchEvent(new Event("input", { bubbles: true }));
          field.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    });
  });

  // Unsaved changes: a form in the page's main part that was typed into and not submitted.
  var dirty = new Set();
  var submitting = false;
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.method.toLowerCase() === "post" && form.closest("main")) {
      dirty.add(form);
    }
  });
  document.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size && !submitting) {
      event.preventDefault();
      event.returnValue = ""; // the browser shows its own "leave the page?" question
    }
  });
})();

// Evidence files dropped on a row of the realisation grid ([data-evidence-drop]): uploaded at once, several at a
// time, to that indicator's evidence page; its count is updated in place, so what was typed in the grid stays.
(function () {
  "use strict";
  function zone(event) {
    return event.target.closest && event.target.closest("[data-evidence-drop]");
  }
  document.addEventListener("dragover", function (event) {
    var cell = zone(event);
    if (cell && event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
      event.preventDefault();
      cell.classList.add("evidence-drop-over");
    }
  });
  document.addEventListener("dragleave", function (event) {
    var cell = zone(event);
    if (cell) {
      cell.classList.remove("evidence-drop-over");
    }
  });
  document.addEventListener("drop", function (event) {
    var cell = zone(event);
    if (!cell || !event.dataTransfer || !event.dataTransfer.files.length) {
      return;
    }
    event.preventDefault();
    cell.classList.remove("evidence-drop-over");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var body = new FormData();
    Array.prototype.forEach.call(event.dataTransfer.files, function (file) {
      body.append("file", file);
    });
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    var note = cell.querySelector("[data-evidence-note]") || document.createElement("div");
    note.setAttribute("data-evidence-note", "");
    note.setAttribute("role", "status");
    note.className = "small";
    cell.appendChild(note);
    window.fetch(cell.getAttribute("data-evidence-drop"), {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.errors) {
          note.className = "small text-danger";
          note.textContent = answer.errors.join(" ");
          return;
        }
        cell.querySelector("[data-evidence-count]").textContent = answer.count;
        note.className = "small text-success";
        note.textContent = "✓ " + answer.stored.concat(answer.repeated).join(", ");
      })
      .catch(function () {
        note.className = "small text-danger";
        note.textContent = "✗";
      });
  });
})();
