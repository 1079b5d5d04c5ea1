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

/* Freshness and calendar links (progressive enhancement; the pages are complete without it).
   Statuses are computed at build time "as of" a date. When the page is read later, an item still
   "in progress" whose due date has passed is shown as overdue, and the as-of note says how old
   the figures are. Links marked data-webcal become webcal:// so calendar apps subscribe. */
(function () {
  "use strict";
  var DAY = 86400000;
  var LABEL_OVERDUE = "Chưa hoàn thành, quá hạn";

  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : null;
  }

  function today() {
    try {
      var parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date());
      var get = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
      return get("year") + "-" + get("month") + "-" + get("day");
    } catch (e) {
      return null;
    }
  }

  function vnDate(iso) {
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }

  function refresh(root) {
    var now = today();
    var todayNum = dayNumber(now);
    if (todayNum === null) return;
    root.querySelectorAll(".nb-asof[data-as-of]").forEach(function (note) {
      var asOf = note.getAttribute("data-as-of");
      var asOfNum = dayNumber(asOf);
      if (asOfNum === null || todayNum <= asOfNum || note.hasAttribute("data-nb-stale")) return;
      var days = todayNum - asOfNum;
      var span = document.createElement("span");
      span.className = "nb-asof-age";
      span.textContent = " Số liệu tính đến " + vnDate(asOf) + " (cách đây " + days + " ngày); trạng thái các nhiệm vụ trong hạn đã qua hạn được cập nhật trên trình duyệt.";
      note.appendChild(span);
      note.classList.add("nb-asof-stale");
      note.setAttribute("data-nb-stale", String(days));
    });
    if (!root.querySelector(".nb-asof-stale")) return;
    root.querySelectorAll('[data-status="in_progress"][data-due]').forEach(function (el) {
      var due = dayNumber(el.getAttribute("data-due"));
      if (due === null || due >= todayNum) return;
      var days = todayNum - due;
      el.setAttribute("data-status", "overdue");
      el.setAttribute("data-status-built", "in_progress");
      var badge = el.querySelector(".nb-badge");
      if (badge) {
        badge.classList.remove("nb-s-in_progress");
        badge.classList.add("nb-s-overdue");
        badge.textContent = LABEL_OVERDUE + " · " + days + " ngày";
      }
    });
  }

  function webcal(root) {
    root.querySelectorAll("a[data-webcal]").forEach(function (a) {
      if (/^https?:/.test(a.href)) a.href = a.href.replace(/^https?:/, "webcal:");
    });
  }

  function setup() {
    refresh(document);
    webcal(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
