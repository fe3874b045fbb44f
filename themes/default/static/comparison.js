// comparison.js: the weights of a comparison sheet, made adjustable. The page already shows the
// weighted scores for the sheet's own weights (computed at build time); this script shows the
// weights form and recomputes the scores as the buyer changes a weight. No framework, no eval;
// the data comes from the page's <script type="application/json" id="comparison-data">.
(function () {
  "use strict";
  var data = document.getElementById("comparison-data");
  var form = document.querySelector("[data-weights]");
  if (!data || !form) return;
  var sheet = JSON.parse(data.textContent);
  var inputs = form.querySelectorAll("input[data-criterion]");

  // The weights as the form has them, each between 0 and 5; empty or invalid counts as 0.
  function weights() {
    var chosen = sheet.weights.slice();
    inputs.forEach(function (input) {
      var value = Number(input.value);
      chosen[Number(input.dataset.criterion)] = isFinite(value) ? Math.min(5, Math.max(0, value)) : 0;
    });
    return chosen;
  }

  // Rounded to one decimal as the build rounds it (half away from zero), then written as the
  // build wrote it: Intl.NumberFormat with the page's language and the options it gives.
  var format = new Intl.NumberFormat(sheet.language, sheet.score);
  function shown(score) {
    return format.format(Math.round(score * 10) / 10);
  }

  function update() {
    var chosen = weights();
    var total = 0;
    var sums = [];
    sheet.points.forEach(function (points, at) {
      if (!points) return;
      total += chosen[at];
      points.forEach(function (point, option) {
        sums[option] = (sums[option] || 0) + chosen[at] * point;
      });
    });
    document.querySelectorAll("[data-score]").forEach(function (cell) {
      var option = Number(cell.dataset.score);
      cell.textContent = total > 0 ? shown(sums[option] / total) : "";
    });
    document.querySelectorAll("[data-weight-of]").forEach(function (cell) {
      var at = Number(cell.dataset.weightOf);
      if (sheet.points[at]) cell.textContent = String(chosen[at]);
    });
  }

  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // Back to the sheet's weights at once (a form resets its fields only after this event).
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    inputs.forEach(function (input) { input.value = input.defaultValue; });
    update();
  });
})();
