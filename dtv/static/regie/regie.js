// Regie's only script of its own: the error summary of a form that failed (templates/partials/form_errors.html),
// and where the focus goes after htmx swapped part of a page.
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

  // After htmx swapped a fragment, keyboard and screen-reader users must not be left on a removed element:
  // a fragment's message (data-focus-after-swap) takes the focus, and a new page of the work queue puts it
  // on the results.
  document.addEventListener("htmx:afterSettle", function (event) {
    var message = document.querySelector("[data-focus-after-swap]");
    if (message) {
      message.removeAttribute("data-focus-after-swap");
      message.focus();
      return;
    }
    var source = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.closest && source.closest(".regie-pager")) {
      var results = document.getElementById("queue-results");
      if (results) {
        results.focus();
      }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
