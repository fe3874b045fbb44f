// checklist.js: keeps what the buyer ticks on a decision checklist in their browser
// (localStorage, under the asset's URL, one entry per item key made from the item's text, so
// editing the list never ticks the wrong item), counts progress and offers a reset. Without it
// the checklist is a plain, printable list of checkboxes.
(function () {
  "use strict";
  document.querySelectorAll("[data-checklist]").forEach(function (list) {
    var storageKey = "stepwise:checklist:" + list.dataset.checklist;
    var boxes = list.querySelectorAll("input[type=checkbox][data-key]");
    var progress = list.querySelector("[data-progress]");
    var reset = list.querySelector("[data-reset]");

    function load() {
      try {
        var state = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
        return state && typeof state === "object" ? state : {};
      } catch (error) {
        return {};
      }
    }

    function save(state) {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(state));
      } catch (error) {
        // Storage may be full or switched off; the ticks then last as long as the page.
      }
    }

    function count() {
      var done = 0;
      boxes.forEach(function (box) { if (box.checked) done += 1; });
      progress.textContent = done + " of " + boxes.length + " done";
      reset.disabled = done === 0;
    }

    var state = load();
    boxes.forEach(function (box) {
      box.checked = state[box.dataset.key] === true;
      box.addEventListener("change", function () {
        var current = load();
        if (box.checked) current[box.dataset.key] = true;
        else delete current[box.dataset.key];
        save(current);
        count();
      });
    });
    reset.hidden = false;
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save({});
      count();
    });
    count();
  });
})();
