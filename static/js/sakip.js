// Behaviour that used to sit in inline attributes, which the Content Security Policy (script-src 'self') blocks.
// - <select data-autosubmit>: submit its form when the choice changes (the language switch).
// - <button data-confirm="…"> / <form data-confirm="…">: ask before submitting (deleting a file).
// - <a data-prepare="URL">: request URL once the page is shown, so that a task worker renders the download (a PDF)
//   ahead of the click; the answer is not needed.
// - [data-render-status="URL"] (the "PDF sedang disiapkan" page): ask URL every second how the render goes, show
//   the state, and start the download once the file is ready (without JavaScript the page reloads itself).
(function () {
  "use strict";
  var POLL_MS = 1000;

  function followRender(box) {
    var url = box.getAttribute("data-render-status");
    var bar = box.querySelector("[data-render-progress]");
    function show(state) {
      box.setAttribute("data-status", state);
      box.querySelectorAll("[data-render-state]").forEach(function (line) {
        line.hidden = line.getAttribute("data-render-state") !== state;
      });
    }
    function poll() {
      window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.status === "unknown") {
            window.location.href = answer.again;
            return;
          }
          show(answer.status);
          if (answer.status === "ready") {
            bar.max = 1;
            bar.value = 1;
            box.querySelector("[data-render-file]").setAttribute("href", answer.file);
            window.location.href = answer.file;
            return;
          }
          if (answer.status === "failed") {
            bar.hidden = true;
            return;
          }
          if (answer.status === "running" && answer.estimate) {
            bar.max = answer.estimate;
            bar.value = Math.min(answer.running || 0, answer.estimate * 0.95);
          }
          window.setTimeout(poll, POLL_MS);
        })
        .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
    }
    window.setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) {
      return;
    }
    document.querySelectorAll("a[data-prepare]").forEach(function (link) {
      window.fetch(link.getAttribute("data-prepare"), { credentials: "same-origin" }).catch(function () {});
    });
    document.querySelectorAll("[data-render-status]").forEach(followRender);
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm], input[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
