// Regie's only script of its own: the error summary of a form that failed (templates/partials/form_errors.html).
// A static file rather than inline script, so that a Content-Security-Policy without 'unsafe-inline' allows it.
(function () {
  "use strict";

  function focusTarget(link) {
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return false;
    }
    // Bring the field's label (or legend) into view with the field, then put the caret in the field.
    var group = target.closest("fieldset, .utrecht-form-field");
    (group || target).scrollIntoView();
    target.focus({ preventScroll: true });
    return true;
  }

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    // Keyboard and screen-reader users land on the list of what went wrong, not at the top of the page.
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link && focusTarget(link)) {
        event.preventDefault();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
