// The dossier: a link to a step ("#stap-<move>", the status panel's next-step button) opens
// that step's form, which is a closed <details> otherwise.
(function () {
  "use strict";

  function openStep(id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      return target;
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-opens]");
    if (!link) {
      return;
    }
    var target = openStep(link.getAttribute("data-opens"));
    if (target) {
      var field = target.querySelector("input:not([type=hidden]), select, textarea, button");
      if (field) {
        window.setTimeout(function () { field.focus({ preventScroll: true }); }, 0);
      }
    }
  });

  function openFromHash() {
    openStep(window.location.hash.replace(/^#/, ""));
  }

  window.addEventListener("hashchange", openFromHash);
  document.addEventListener("DOMContentLoaded", openFromHash);
})();
