// Behaviour that used to sit in inline attributes, which the Content Security Policy (script-src 'self') blocks.
// - <select data-autosubmit>: submit its form when the choice changes (the language switch).
// - <button data-confirm="…"> / <form data-confirm="…">: ask before submitting (deleting a file).
// - <a data-prepare="URL">: request URL once the page is shown, so the server renders the download (a PDF)
//   ahead of the click; the answer is not needed.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[data-prepare]").forEach(function (link) {
      if (window.fetch) {
        window.fetch(link.getAttribute("data-prepare"), { credentials: "same-origin" }).catch(function () {});
      }
    });
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
