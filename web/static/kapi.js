// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen-reader users hear the problems first.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  // Ask before sending an answer or switching AI off.
  document.querySelectorAll("form[action$='/gonder'], form[action='/yonetim/yz']").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      var tr = document.documentElement.lang === "tr";
      if (!window.confirm(tr ? "Emin misiniz?" : "Are you sure?")) e.preventDefault();
    });
  });
});
