/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Language switcher: submit as soon as a language is picked.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) {
      select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    }
  });

  // Ask before destructive actions (the server checks the rules regardless).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Only one drop-down open at a time; a click elsewhere or Escape closes it.
  function closeDropdowns(except) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (d) {
      if (d !== except && !d.contains(except)) { d.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (event) {
    var inside = event.target.closest && event.target.closest("details.dropdown");
    closeDropdowns(inside);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeDropdowns(null); }
  });
})();
