(function () {
  "use strict";
  // Without this script the page shows every finding; with it, the filters appear and hide
  // the findings of unticked severities and rules, and a flagged cell keeps its colour only
  // while one of its findings is shown.
  var order = ["error", "warning", "info"];
  var panel = document.getElementById("filters");
  panel.hidden = false;

  function apply() {
    var off = {};
    panel.querySelectorAll("input").forEach(function (box) {
      if (!box.checked) { off[box.value] = true; }
    });
    document.querySelectorAll("[data-rule]").forEach(function (item) {
      item.hidden = Boolean(off[item.dataset.rule] || off[item.dataset.severity]);
    });
    document.querySelectorAll("[data-flagged]").forEach(function (cell) {
      var shown = Array.prototype.map.call(cell.querySelectorAll(".mark:not([hidden])"), function (mark) {
        return order.indexOf(mark.dataset.severity);
      });
      order.forEach(function (severity) { cell.classList.remove("flag-" + severity); });
      if (shown.length) { cell.classList.add("flag-" + order[Math.min.apply(null, shown)]); }
    });
  }

  panel.addEventListener("change", apply);
  apply();
}());
