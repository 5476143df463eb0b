// The LKE page: "Pakai saran" puts the app's suggested answer into the evaluator's answer field (saved with the
// other answers; the server-side "apply every suggestion" button does the same without JavaScript).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-suggest-target]");
    if (!button) {
      return;
    }
    var field = document.getElementById(button.getAttribute("data-suggest-target"));
    if (!field) {
      return;
    }
    field.value = button.getAttribute("data-suggest-value");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    field.focus();
  });
})();
