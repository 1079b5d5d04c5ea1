/* noticeboard: optional filtering and sorting. Every row is in the HTML; without JavaScript nothing is
   hidden, and the register is filtered by following the links to nhiem-vu/trang-thai/<status>/. */
(function () {
  "use strict";

  var LABELS = {
    done_on_time: "hoàn thành đúng hạn", done_late: "hoàn thành quá hạn", in_progress: "chưa hoàn thành, trong hạn",
    overdue: "chưa hoàn thành, quá hạn", ongoing: "thường xuyên", cancelled: "dừng thực hiện"
  };
  var STATUS_ORDER = ["overdue", "in_progress", "ongoing", "done_late", "done_on_time", "cancelled"];
  var DAY = 86400000;

  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : null;
  }

  // Folded text for matching: "Văn hoá" and "van hoa" find the same unit.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }

  function readParams(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select, input").forEach(function (el) {
      var wanted = params.get(el.name);
      if (wanted === null) return;
      if (el.tagName === "INPUT") el.value = wanted;
      else if (el.querySelector('option[value="' + CSS.escape(wanted) + '"]')) el.value = wanted;
    });
  }

  function writeParams(form, defaults) {
    var q = new URLSearchParams();
    form.querySelectorAll("select, input").forEach(function (el) {
      if (el.value && defaults[el.name] !== el.value) q.set(el.name, el.value);
    });
    var qs = q.toString();
    history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
  }

  // -- the task register ------------------------------------------------------------------------
  function periodOf(when, asOf) {
    if (when === "week") {
      var weekday = (new Date(asOf * DAY).getUTCDay() + 6) % 7;  // Monday = 0
      return [asOf - weekday, asOf - weekday + 6];
    }
    if (when === "month") {
      var d = new Date(asOf * DAY);
      return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / DAY];
    }
    return null;
  }

  function matchesTask(row, f, asOf) {
    var status = row.getAttribute("data-status");
    if (f.status && status !== f.status) return false;
    if (f.notice && row.getAttribute("data-task").split("/")[0] !== f.notice) return false;  // <notice-id>/<task-id>
    if (f.unit) {
      var lead = row.getAttribute("data-lead") === f.unit;
      var support = (" " + (row.getAttribute("data-support") || "") + " ").indexOf(" " + f.unit + " ") >= 0;
      if (f.role === "lead" ? !lead : f.role === "support" ? !support : !(lead || support)) return false;
    }
    if (f.when) {
      var open = status === "in_progress" || status === "overdue" || status === "ongoing";
      var due = row.getAttribute("data-due") || "";
      if (f.when === "open") return open;
      var period = periodOf(f.when, asOf);
      if (period) {
        var n = dayNumber(due);
        return open && n !== null && n >= period[0] && n <= period[1];
      }
      return due.slice(0, 7) === f.when;
    }
    return true;
  }

  function taskSorter(sort, asOf) {
    function due(row) { return dayNumber(row.getAttribute("data-due")); }
    return function (a, b) {
      var da = due(a), db = due(b), c = 0;
      if (sort === "status") {
        c = STATUS_ORDER.indexOf(a.getAttribute("data-status")) - STATUS_ORDER.indexOf(b.getAttribute("data-status"));
      }
      if (!c && sort === "overdue") {
        var oa = a.getAttribute("data-status") === "overdue", ob = b.getAttribute("data-status") === "overdue";
        c = oa === ob ? 0 : oa ? -1 : 1;
        if (!c && oa) c = da - db;  // the oldest deadline is the longest overdue
      }
      if (!c && (sort === "due-asc" || sort === "due-desc" || sort === "status")) {
        c = (da === null ? 1e9 : da) - (db === null ? 1e9 : db);
        if (sort === "due-desc") c = -c;
      }
      if (!c && (sort === "due" || sort === "overdue")) {
        // nearest first: deadlines ahead soonest first, then passed ones most recent first (render/readers.py)
        var ka = da === null ? [2, 0] : da >= asOf ? [0, da - asOf] : [1, asOf - da];
        var kb = db === null ? [2, 0] : db >= asOf ? [0, db - asOf] : [1, asOf - db];
        c = ka[0] - kb[0] || ka[1] - kb[1];
      }
      return c || a._nbIndex - b._nbIndex;
    };
  }

  function countLine(shown, total) {
    var by = {};
    shown.forEach(function (row) { var s = row.getAttribute("data-status"); by[s] = (by[s] || 0) + 1; });
    var parts = STATUS_ORDER.filter(function (s) { return by[s]; }).map(function (s) { return by[s] + " " + LABELS[s]; });
    return "Đang hiện " + shown.length + "/" + total + " nhiệm vụ" + (parts.length ? ": " + parts.join(", ") : "") + ".";
  }

  function setupTasks(root, form) {
    var rows = null;  // gathered on the first filter: a page that is only read costs nothing
    var body = root.querySelector("table.nb-tasks tbody");
    var output = form.querySelector(".nb-filter-count");
    var asOf = dayNumber(form.getAttribute("data-as-of"));
    var lastSort = "due";  // the order the page was built in
    readParams(form);

    function apply() {
      if (!rows) {
        rows = Array.prototype.slice.call(root.querySelectorAll("table.nb-tasks tbody tr[data-task]"));
        rows.forEach(function (row, i) { row._nbIndex = i; });
      }
      var f = {};
      form.querySelectorAll("select").forEach(function (sel) { f[sel.name] = sel.value; });
      var shown = [];
      rows.forEach(function (row) {
        var ok = matchesTask(row, f, asOf);
        if (row.hidden === ok) row.hidden = !ok;  // untouched rows keep their style: a phone lays out ~100 cards
        if (ok) shown.push(row);
      });
      if (f.sort && f.sort !== lastSort) {
        rows.slice().sort(taskSorter(f.sort, asOf)).forEach(function (row) { body.appendChild(row); });
        lastSort = f.sort;
      }
      if (output) output.textContent = countLine(shown, rows.length);
      writeParams(form, {sort: "due"});
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    // The page is built unfiltered, in the default order, with its count line: nothing to do on load
    // unless the address asks for a filter.
    if (window.location.search) apply();
    document.addEventListener("nb-remarked", apply);  // statuses aged in the browser: the count line follows
  }

  // -- the notice list ----------------------------------------------------------------------------
  function setupNotices(root, form) {
    var rows = Array.prototype.slice.call(root.querySelectorAll(".nb-notice-list li[data-notice]"));
    var output = form.querySelector(".nb-filter-count");
    readParams(form);
    function apply() {
      var filters = {};
      form.querySelectorAll("select").forEach(function (sel) { if (sel.value) filters[sel.name] = sel.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(filters).every(function (name) { return row.getAttribute("data-" + name) === filters[name]; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      root.querySelectorAll("section.nb-year").forEach(function (sec) {
        sec.hidden = !sec.querySelector("li[data-notice]:not([hidden])");
      });
      if (output) output.textContent = "Đang hiện " + shown + "/" + rows.length + " văn bản.";
      writeParams(form, {});
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // -- the units' table (don-vi/): a box to find a unit, any column sortable ---------------------------
  function setupUnits(root, form) {
    var table = root.querySelector("table[data-nb-sortable]");
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var input = form.querySelector('input[name="q"]');
    var output = form.querySelector(".nb-filter-count");
    readParams(form);
    function find() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var name = fold(row.getAttribute("data-nb-name"));
        var ok = words.every(function (w) { return name.indexOf(w) >= 0; });
        if (row.hidden === ok) row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (output) output.textContent = words.length ? "Đang hiện " + shown + "/" + rows.length + " đơn vị." : "";
      writeParams(form, {});
    }
    input.addEventListener("input", find);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    if (input.value) find();

    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var select = form.querySelector('select[name="sort"]');
    function sortBy(col, dir) {
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      if (col < 0) {  // the page's own order (CONTENT_FORMAT §6)
        rows.forEach(function (row) { body.appendChild(row); });
        return;
      }
      var th = heads[col], type = th.getAttribute("data-sort-type");
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      rows.slice().sort(function (a, b) {
        var ca = a.cells[col], cb = b.cells[col];
        var va = ca.getAttribute("data-sort"), vb = cb.getAttribute("data-sort");
        var c;
        if (type === "number") c = parseFloat(va !== null ? va : ca.textContent) - parseFloat(vb !== null ? vb : cb.textContent);
        else c = fold(ca.textContent).localeCompare(fold(cb.textContent), "vi");
        return sign * c || rows.indexOf(a) - rows.indexOf(b);
      }).forEach(function (row) { body.appendChild(row); });
    }
    heads.forEach(function (th, col) {
      var type = th.getAttribute("data-sort-type");
      if (!type) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nb-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        // Counts are read most first; names and the on-time rate A to Z / lowest first.
        var first = type === "number" && col < heads.length - 2 ? "descending" : "ascending";
        sortBy(col, current === first ? (first === "ascending" ? "descending" : "ascending") : first);
        if (select) select.value = "";
      });
    });
    if (select) {
      select.addEventListener("change", function () {
        var parts = select.value.split(":");
        sortBy(select.value ? parseInt(parts[0], 10) : -1, parts[1]);
      });
    }
  }

  function setup(root) {
    root.querySelectorAll("form.nb-filters[hidden]").forEach(function (form) {
      var kind = form.getAttribute("data-nb-filter");
      if (kind === "notices") setupNotices(root, form);
      else if (kind === "units") setupUnits(root, form);
      else setupTasks(root, form);
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
   "in progress" whose due date has passed is shown as overdue, and every count on the page follows:
   each counted block carries the due dates of its in-progress items (data-nb-pending), so a count
   moves even when its items are not on the page. The as-of note says how old the figures are. Links
   marked data-webcal become webcal:// so calendar apps subscribe. */
(function () {
  "use strict";
  var DAY = 86400000;
  var LABEL_OVERDUE = "Chưa hoàn thành, quá hạn";

  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : null;
  }

  // Today in Vietnam, which keeps UTC+7 all year (no summer time since 1975). Intl.DateTimeFormat
  // with a timeZone gave the same date but loading its zone data cost ~60 ms of a 4x-slowed phone
  // on every page (BENCHMARKS.md, Lighthouse).
  function today() {
    var d = new Date(Date.now() + 7 * 3600000);
    if (isNaN(d.getTime())) return null;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  function vnDate(iso) {
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }

  function passedSince(pending, todayNum) {
    var moved = 0;
    (pending || "").split(" ").forEach(function (pair) {
      var bits = pair.split(":");
      var due = dayNumber(bits[0]);
      if (due !== null && due < todayNum) moved += parseInt(bits[1], 10) || 0;
    });
    return moved;
  }

  function setCount(el, value) {
    el.textContent = String(value);
    var tile = el.closest("li");
    if (tile && tile.parentNode && tile.parentNode.classList.contains("nb-summary-list")) tile.classList.toggle("nb-zero", value === 0);
    var wrap = el.closest("[data-nb-hide-zero]");
    if (wrap) wrap.hidden = value === 0;
  }

  function recount(root, todayNum) {
    root.querySelectorAll("[data-nb-pending]").forEach(function (box) {
      if (box.hasAttribute("data-nb-moved")) return;
      var moved = passedSince(box.getAttribute("data-nb-pending"), todayNum);
      box.setAttribute("data-nb-moved", String(moved));
      if (!moved) return;
      var own = function (sel) {  // this block's counts, not those of a block inside it
        return Array.prototype.filter.call(box.querySelectorAll(sel), function (el) {
          return el.closest("[data-nb-pending]") === box;
        });
      };
      own('[data-count="in_progress"]').forEach(function (el) { setCount(el, (parseInt(el.textContent, 10) || 0) - moved); });
      own('[data-count="overdue"]').forEach(function (el) { setCount(el, (parseInt(el.textContent, 10) || 0) + moved); });
      var due = parseInt(box.getAttribute("data-nb-due"), 10);
      if (!isNaN(due)) {
        var onTime = parseInt(box.getAttribute("data-nb-on-time"), 10) || 0;
        own('[data-nb-count="_due"]').forEach(function (el) { el.textContent = String(due + moved); });
        own('[data-nb-count="_rate"]').forEach(function (el) {
          el.textContent = due + moved ? Math.round(100 * onTime / (due + moved)) + "%" : "—";
          if (el.hasAttribute("data-sort")) el.setAttribute("data-sort", due + moved ? String(onTime / (due + moved)) : "2");
        });
      }
    });
  }

  function refresh(root) {
    var now = today();
    var todayNum = dayNumber(now);
    if (todayNum === null) return;
    var stale = false;
    root.querySelectorAll(".nb-asof[data-as-of]").forEach(function (note) {
      var asOf = note.getAttribute("data-as-of");
      var asOfNum = dayNumber(asOf);
      if (asOfNum === null || todayNum <= asOfNum) return;
      stale = true;  // the note says so itself: the script after it in as_of_note (_macros.html)
    });
    if (!stale) return;
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
    recount(root, todayNum);
    document.dispatchEvent(new Event("nb-remarked"));
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
