/* noticeboard: optional filtering and sorting. Every row is in the HTML; without JavaScript nothing is hidden. */
(function () {
  "use strict";

  function setup(root) {
    root.querySelectorAll("form.nb-filters[hidden]").forEach(function (form) {
      var kind = form.getAttribute("data-nb-filter");
      var rows = kind === "notices"
        ? Array.prototype.slice.call(root.querySelectorAll(".nb-notice-list li[data-notice]"))
        : Array.prototype.slice.call(root.querySelectorAll("table.nb-tasks tbody tr[data-task]"));
      var output = form.querySelector(".nb-filter-count");
      var params = new URLSearchParams(window.location.search);
      form.querySelectorAll("select").forEach(function (sel) {
        var wanted = params.get(sel.name);
        if (wanted !== null && sel.querySelector('option[value="' + CSS.escape(wanted) + '"]')) sel.value = wanted;
      });

      function apply() {
        var filters = {};
        form.querySelectorAll("select").forEach(function (sel) { if (sel.name !== "sort" && sel.value) filters[sel.name] = sel.value; });
        var shown = 0;
        rows.forEach(function (row) {
          var ok = Object.keys(filters).every(function (name) { return row.getAttribute("data-" + name) === filters[name]; });
          row.hidden = !ok;
          if (ok) shown += 1;
        });
        if (kind === "notices") {
          root.querySelectorAll("section.nb-year").forEach(function (sec) {
            sec.hidden = !sec.querySelector("li[data-notice]:not([hidden])");
          });
        }
        var sort = form.querySelector('select[name="sort"]');
        if (sort) {
          var body = root.querySelector("table.nb-tasks tbody");
          var order = ["overdue", "in_progress", "ongoing", "done_late", "done_on_time", "cancelled"];
          var sorted = rows.slice().sort(function (a, b) {
            var da = a.getAttribute("data-due") || "9999-12-31", db = b.getAttribute("data-due") || "9999-12-31";
            if (sort.value === "status") {
              var sa = order.indexOf(a.getAttribute("data-status")), sb = order.indexOf(b.getAttribute("data-status"));
              if (sa !== sb) return sa - sb;
            }
            var c = da < db ? -1 : da > db ? 1 : 0;
            return sort.value === "due-desc" ? -c : c;
          });
          sorted.forEach(function (row) { body.appendChild(row); });
        }
        if (output) output.textContent = "Đang hiện " + shown + "/" + rows.length;
        var q = new URLSearchParams();
        form.querySelectorAll("select").forEach(function (sel) { if (sel.value && !(sel.name === "sort" && sel.value === "due")) q.set(sel.name, sel.value); });
        var qs = q.toString();
        history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setup(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
