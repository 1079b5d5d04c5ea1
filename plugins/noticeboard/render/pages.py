"""Render stage: the pages of section 6 from the :class:`Site` model. No MkDocs import.

Each generated page is a :class:`PageSpec`: where it lives, its title, the
template that renders it and, for a notice, the Markdown body that the site's
Markdown pipeline turns into HTML before :meth:`Renderer.render` wraps it.
Templates are looked up by file name through ``search_dirs`` (a site's
overrides first), rendered with autoescape on.
"""

from __future__ import annotations

import calendar
import functools
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.filters import do_truncate

from ..model.site import KIND_LABELS, Month, Notice, Site, Task, TaskItem, Unit
from ..model.status import LABELS, SHORT_LABELS, STATUSES
from ..search import markup as search_markup
from . import readers, report_pages, rows
from .rows import format_date

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROOT = "\x00"  # stands for the site root in cached rows; content never holds NUL (refused on load)
BODY_MARK = "\x00nb-body\x00"  # stands for a notice's body in a page rendered before its Markdown

# A task row is about 1.1 KB of HTML: past these counts a list page is split (by year, then
# into numbered pages) so that no page grows past ~1 MB as the archive grows. CONTENT_FORMAT §6
# calls nhiem-vu/ "the whole task register": it stays one page for as long as that is usable.
REGISTER_PAGE_ITEMS = 800
UNIT_PAGE_ITEMS = 700
NOTICES_PAGE_ITEMS = 800
NO_DUE = "khong-han"


@dataclass
class PageSpec:
    src_uri: str  # e.g. "thong-bao/2026-04-10-x/index.md"
    url: str  # directory URL relative to the site root, e.g. "thong-bao/2026-04-10-x/"
    title: str
    kind: str  # a key of KINDS: its template, context and search block
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""  # the source the site's Markdown renders (a notice's body)
    in_nav: bool = False
    wide: bool = True  # hide the theme's side navigation and table of contents: tables need the width

    @property
    def template(self) -> str:
        """The template that renders the page (its kind's)."""
        return KINDS[self.kind].template


def relative_url(target: str, base: str) -> str:
    """Link from the page at directory URL ``base`` to ``target`` (both site-root relative)."""
    if target.startswith(("http://", "https://", "webcal://", "mailto:")):
        return target
    path, _, anchor = target.partition("#")
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = _relpath(path, base_dir)
    return rel + (f"#{anchor}" if anchor else "")


def _segments(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == ".." and out and out[-1] != "..":
            out.pop()
        else:
            out.append(part)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _relpath(path: str, base_dir: str) -> str:
    """``posixpath.relpath`` for site-root paths, without its ``os.getcwd()`` per call; a
    directory target keeps its trailing slash."""
    to, start = _segments(path), _segments(base_dir)
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    rel = "/".join([".."] * (len(start) - common) + to[common:]) or "."
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def official_date(value: date) -> str:
    """Nghị định 30/2020: "ngày 05 tháng 01 năm 2026": days < 10 and months 1-2 take a leading zero."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.0f}%".replace(".", ",")


def make_environment(search_dirs: Sequence[str | Path] = ()) -> jinja2.Environment:
    """Templates from ``search_dirs`` first (a site's overrides), then ours."""
    dirs = [str(d) for d in search_dirs] + [str(TEMPLATES_DIR)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["vn_date"] = format_date
    env.filters["notice_date"] = rows.notice_date
    env.filters["notice_date_phrase"] = rows.notice_date_phrase
    env.filters["percent"] = percent
    env.filters["official_date"] = official_date
    env.globals.update(
        STATUSES=STATUSES,
        LABELS=LABELS,
        SHORT_LABELS=SHORT_LABELS,
        KIND_LABELS=KIND_LABELS,
        WEEKDAYS=WEEKDAYS,
        WEEKDAYS_SHORT=WEEKDAYS_SHORT,
        ROMAN=ROMAN,
        badge=_markup(rows.badge),
        pending_dates=readers.pending_dates,
        unit_label=_markup(rows.unit_label),
        due_cell=_markup(rows.due_cell),
        task_attrs=_markup(rows.task_attrs),
    )
    return env


def _markup(func: Callable[..., str]) -> Callable[..., markupsafe.Markup]:
    return lambda *args: markupsafe.Markup(func(*args))


def month_weeks(month: Month) -> list[list[tuple[date, bool]]]:
    """Monday-first weeks of (day, in this month)."""
    cal = calendar.Calendar(firstweekday=0)
    return [
        [(d, d.month == month.month) for d in week]
        for week in cal.monthdatescalendar(month.year, month.month)
    ]


class Renderer:
    def __init__(
        self,
        site: Site,
        env: jinja2.Environment,
        *,
        site_name: str = "",
        upcoming_days: int = 30,
        field_names: dict[str, str] | None = None,
    ) -> None:
        self.site = site
        self.env = env
        self.site_name = site_name
        self.upcoming_days = upcoming_days
        self.fields = readers.fields_of(site.notices, dict(field_names or {}))
        self._fields_by_slug = {f.slug: f for f in self.fields}
        self._overview: readers.Overview | None = None
        self._rows: dict[tuple[int, bool, bool, bool], str] = {}
        self._lines: dict[tuple[int, bool], str] = {}
        self._prefix = ""
        # Rows in Python (render/rows.py) unless the site overrides the templates they mirror.
        self._python_rows = _is_ours(env, "noticeboard/_task_row.html")
        # Our notice page prints its body once, as is: it can be rendered with BODY_MARK in its
        # place and the body put in later. A site's own notice.html might test or filter it.
        self.body_mark_safe = _is_ours(env, KINDS["notice"].template)
        env.globals["task_row"] = self.task_row
        env.globals["item_lines"] = self.item_lines
        env.globals["month_day"] = self.month_day
        env.globals["month_agenda"] = self.month_agenda
        env.globals["notice_rows"] = self.notice_rows
        report_pages.install(env, site)  # periodic reports and progress charts

    # -- which pages exist -------------------------------------------------------------
    def generate_pages(self) -> list[PageSpec]:
        site = self.site
        pages = [
            PageSpec("thong-bao/index.md", "thong-bao/", "Thông báo", "notices", in_nav=True),
            PageSpec("nhiem-vu/index.md", "nhiem-vu/", "Nhiệm vụ", "register", in_nav=True),
            PageSpec("don-vi/index.md", "don-vi/", "Đơn vị", "units", in_nav=True),
            PageSpec("lich/index.md", "lich/", "Lịch", "calendar", in_nav=True),
            PageSpec("tim-kiem/index.md", "tim-kiem/", "Tìm kiếm", "search", wide=False),
            PageSpec("du-lieu/index.md", "du-lieu/", "Dữ liệu mở", "data", in_nav=False),
        ]
        roots = {spec.src_uri: spec for spec in pages}
        pages += self._register_pages(roots["nhiem-vu/index.md"])
        pages += self._notice_year_pages(roots["thong-bao/index.md"])
        for notice in site.notices:
            title = notice.title if not notice.number else f"{notice.number}: {notice.title}"
            pages.append(
                PageSpec(
                    f"thong-bao/{notice.id}/index.md",
                    notice.url,
                    title,
                    "notice",
                    {"notice": notice},
                    markdown=notice.body,
                    wide=False,
                )
            )
        for unit in site.units:
            pages += self._unit_pages(unit)
        pages += self._reader_pages()
        pages += report_pages.report_pages(site)  # bao-cao/ and bao-cao/<period>/
        for i, month in enumerate(site.months):
            prev_month = site.months[i - 1] if i > 0 else None
            next_month = site.months[i + 1] if i + 1 < len(site.months) else None
            pages.append(
                PageSpec(
                    f"{month.url}index.md",
                    month.url,
                    f"Lịch hạn {month.label.lower()}",
                    "month",
                    {"month": month, "prev_month": prev_month, "next_month": next_month},
                )
            )
        return pages

    # -- reader pages (CONTENT_FORMAT v1.1 §6): overview, status pages, fields ----------
    def _reader_pages(self) -> list[PageSpec]:
        pages = [
            PageSpec(
                "tong-quan/index.md",
                "tong-quan/",
                "Tổng quan",
                "overview",
                in_nav=True,
                context={"overview_page": True},
            )
        ]
        for status in STATUSES:
            pages += self._status_pages(status)
        pages.append(
            PageSpec("linh-vuc/index.md", "linh-vuc/", "Lĩnh vực", "fields", {"fields": self.fields})
        )
        for f in self.fields:
            pages.append(PageSpec(f"{f.url}index.md", f.url, f"Lĩnh vực {f.name}", "field", {"field": f}))
        return pages

    def _status_pages(self, status: str) -> list[PageSpec]:
        """``nhiem-vu/trang-thai/<status>/``, in numbered pages past REGISTER_PAGE_ITEMS like the register."""
        items = [i for i in self.site.items if i.status == status]
        items = (
            readers.overdue_first(items)
            if status == "overdue"
            else readers.nearest_first(items, self.site.as_of)
        )
        base = f"nhiem-vu/trang-thai/{status}/"
        size = REGISTER_PAGE_ITEMS
        chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
        links = [(n, base if n == 1 else f"{base}trang-{n}/") for n in range(1, len(chunks) + 1)]
        pages = []
        for (number, url), chunk in zip(links, chunks, strict=True):
            title = f"Nhiệm vụ {LABELS[status].lower()}" + (
                f" (trang {number}/{len(chunks)})" if len(chunks) > 1 else ""
            )
            pages.append(
                PageSpec(
                    f"{url}index.md",
                    url,
                    title,
                    "status",
                    {
                        "status": status,
                        "items": chunk,
                        "total": len(items),
                        "page_number": number,
                        "pages_count": len(chunks),
                        "page_links": links,
                    },
                )
            )
        return pages

    def register_filters(self, items: list[TaskItem]) -> dict[str, Any]:
        """The register's filter options, as a reader looks for them: notices by number and
        title (newest first), units alphabetical."""
        notice_ids = {i.task.notice.id for i in items}
        unit_ids = {u.id for i in items for u in (i.task.lead, *i.task.support)}
        notices = [n for n in self.site.notices if n.id in notice_ids]
        units = sorted(
            (u for u in self.site.units if u.id in unit_ids), key=lambda u: readers.collation_key(u.name)
        )
        return {"filter_notices": notices, "filter_units": units}

    @property
    def overview(self) -> readers.Overview:
        if self._overview is None:
            self._overview = readers.overview(self.site)
        return self._overview

    def updated(self, notice: Notice) -> date:
        return _updated(notice, self.site.as_of)

    def render_overview(self, page_url: str) -> str:
        """The home page's overview block (``home_overview``), linked from ``page_url``."""
        self._prefix = "../" * page_url.count("/")
        return self.env.get_template("noticeboard/_overview.html").render(
            self._base_context(page_url, ""),
            overview_page=False,
            overview=self.overview,
            status_urls=_status_urls(),
        )

    # -- splitting long lists -----------------------------------------------------------
    def _register_pages(self, root: PageSpec) -> list[PageSpec]:
        """Past REGISTER_PAGE_ITEMS the register is a summary with one part per due year
        (``nhiem-vu/<YYYY>/``, ``nhiem-vu/khong-han/``), each in numbered pages; every item
        is on exactly one part page."""
        items = self.site.items
        if len(items) <= REGISTER_PAGE_ITEMS:
            root.context.update(mode="all", items=readers.nearest_first(items, self.site.as_of))
            return []
        parts: list[RegisterPart] = []
        pages: list[PageSpec] = []
        for key, group in _by_due_year(items):
            base = f"nhiem-vu/{key}/"
            label = f"Hạn năm {key}" if key != NO_DUE else "Không có hạn cụ thể (thường xuyên)"
            part = RegisterPart(key, label, base, group)
            parts.append(part)
            for number, chunk in enumerate(part.chunks, start=1):
                url = part.page_url(number)
                title = f"Nhiệm vụ: {label.lower()}" + (
                    f" (trang {number}/{len(part.chunks)})" if len(part.chunks) > 1 else ""
                )
                pages.append(
                    PageSpec(
                        f"{url}index.md",
                        url,
                        title,
                        "register",
                        {
                            "mode": "part",
                            "items": readers.nearest_first(chunk, self.site.as_of),
                            "part": part,
                            "page_number": number,
                        },
                    )
                )
        soon = [i for i in items if i.status == "in_progress"][:50]
        root.context.update(mode="root", items=soon, parts=parts)
        return pages

    def _notice_year_pages(self, root: PageSpec) -> list[PageSpec]:
        """Past NOTICES_PAGE_ITEMS, ``thong-bao/`` lists the newest year and links ``thong-bao/<YYYY>/``."""
        years = self.site.years
        if len(self.site.notices) <= NOTICES_PAGE_ITEMS:
            root.context.update(show_years=years, year_links={})
            return []
        links = {year: f"thong-bao/{year}/" for year in years[1:]}
        root.context.update(show_years=years[:1], year_links=links)
        return [
            PageSpec(
                f"{url}index.md",
                url,
                f"Thông báo năm {year}",
                "notices",
                {"show_years": [year], "year_links": {}, "year_page": year},
            )
            for year, url in links.items()
        ]

    def _unit_pages(self, unit: Unit) -> list[PageSpec]:
        """A unit page; past UNIT_PAGE_ITEMS its task tables move to ``don-vi/<id>/<YYYY>/``."""
        base = f"don-vi/{unit.id}/"
        root = PageSpec(f"{base}index.md", base, unit.name, "unit", {"unit": unit})
        shown = [h for h in unit.history if h.date <= self.site.as_of]  # a report is shown from its date on
        if len(unit.led) + len(unit.supported) <= UNIT_PAGE_ITEMS:
            root.context.update(mode="all", led=unit.led, supported=unit.supported, history=shown)
            return [root]
        led = dict(_by_due_year(unit.led))
        supported = dict(_by_due_year(unit.supported))
        history: dict[str, list[Any]] = {}
        for h in shown:
            history.setdefault(str(h.date.year), []).append(h)
        keys = sorted(set(led) | set(supported) | set(history), key=_year_order)
        years = [
            UnitYear(key, f"{base}{key}/", led.get(key, []), supported.get(key, []), history.get(key, []))
            for key in keys
        ]
        root.context.update(
            mode="root", led=[], supported=[], history=shown[:50], history_total=len(shown), years=years
        )
        pages = [root]
        for year in years:
            label = f"hạn năm {year.key}" if year.key != NO_DUE else "không có hạn cụ thể"
            pages.append(
                PageSpec(
                    f"{year.url}index.md",
                    year.url,
                    f"{unit.name}: {label}",
                    "unit",
                    {
                        "unit": unit,
                        "mode": "year",
                        "year": year,
                        "led": year.led,
                        "supported": year.supported,
                        "history": year.history,
                    },
                )
            )
        return pages

    # -- rendering -----------------------------------------------------------------------
    def task_row(
        self, item: TaskItem, show_notice: bool, show_lead: bool, compact: bool = False
    ) -> markupsafe.Markup:
        """A register row, rendered once per item and role, then placed on each page.

        An item appears on the register, its year page, its notice's and its units' boards;
        rows carry site-root paths behind a marker that each page swaps for its own "../".
        ``compact`` rows (the register's) leave cell labels and muted notes to its CSS.
        """
        key = (id(item), show_notice, show_lead, compact)
        html = self._rows.get(key)
        if html is None:
            if self._python_rows:
                html = rows.task_row(item, show_notice, show_lead, _ROOT, compact)
            else:
                html = self.env.get_template("noticeboard/_task_row.html").render(
                    item=item,
                    show_notice=show_notice,
                    show_lead=show_lead,
                    compact=compact,
                    url=lambda target: _ROOT + target,
                )
            self._rows[key] = html
        return markupsafe.Markup(html.replace(_ROOT, self._prefix))

    def item_lines(self, items: list[TaskItem], show_lead: bool) -> markupsafe.Markup:
        """Compact lines (``rows.item_line``), each made once per item and role like rows."""
        out = []
        cache = self._lines
        for item in items:
            key = (id(item), show_lead)
            html = cache.get(key)
            if html is None:
                html = cache[key] = rows.item_line(item, show_lead, _ROOT)
            out.append(html)
        return markupsafe.Markup("".join(out).replace(_ROOT, self._prefix))

    def month_day(self, items: list[TaskItem]) -> markupsafe.Markup:
        """A day's entries in the month grid (render/rows.py; Jinja's ``truncate(60)`` on titles)."""
        env = self.env
        return markupsafe.Markup(rows.month_day(items, self._prefix, lambda text: do_truncate(env, text, 60)))

    def month_agenda(self, items: list[TaskItem]) -> markupsafe.Markup:
        return markupsafe.Markup(rows.month_agenda(items, self._prefix))

    def notice_rows(self, tasks: list[Task]) -> markupsafe.Markup:
        """A notice page's task table rows (render/rows.py)."""
        return markupsafe.Markup(rows.notice_rows(tasks, self._prefix))

    def render(self, spec: PageSpec, body_html: str = "") -> str:
        page_url = spec.url
        self._prefix = "../" * page_url.count("/")  # directory URLs: one "../" per level

        context = {
            **self._base_context(page_url, spec.title),
            "body_html": markupsafe.Markup(body_html),  # produced by the site's Markdown, then sanitised
            **KINDS[spec.kind].context(self, spec),
            **spec.context,
        }
        return self.env.get_template(spec.template).render(context)

    def _base_context(self, page_url: str, title: str) -> dict[str, Any]:
        def url(target: str) -> str:
            return relative_url(target, page_url)

        return {
            "site": self.site,
            "as_of": self.site.as_of,
            "page_url": page_url,
            "url": url,
            "title": title,
            "site_name": self.site_name,
        }


def _is_ours(env: jinja2.Environment, name: str) -> bool:
    """True when ``name`` resolves to the template shipped in this package (not a site override)."""
    try:
        _, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        return False
    return filename is not None and Path(filename).resolve().is_relative_to(TEMPLATES_DIR)


def _due_key(item: TaskItem) -> str:
    return str(item.due.year) if item.due else NO_DUE


def _year_order(key: str) -> tuple[int, str]:
    return (1, key) if key == NO_DUE else (0, f"{9999 - int(key):04d}")  # newest year first, no-deadline last


def _by_due_year(items: list[TaskItem]) -> list[tuple[str, list[TaskItem]]]:
    groups: dict[str, list[TaskItem]] = {}
    for item in items:  # already in due order
        groups.setdefault(_due_key(item), []).append(item)
    return sorted(groups.items(), key=lambda kv: _year_order(kv[0]))


@dataclass
class RegisterPart:
    """The register's items of one due year (or without a due date), in numbered pages."""

    key: str
    label: str
    url: str
    items: list[TaskItem]

    @property
    def chunks(self) -> list[list[TaskItem]]:
        size = REGISTER_PAGE_ITEMS
        return [self.items[i : i + size] for i in range(0, len(self.items), size)] or [[]]

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}trang-{number}/"

    @property
    def page_links(self) -> list[tuple[int, str, TaskItem, TaskItem]]:
        return [(n, self.page_url(n), c[0], c[-1]) for n, c in enumerate(self.chunks, start=1) if c]

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


@dataclass
class UnitYear:
    key: str
    url: str
    led: list[TaskItem]
    supported: list[TaskItem]
    history: list[Any]


def _issuers(notices: list[Notice]) -> list[Unit]:
    seen: dict[str, Unit] = {}
    for n in notices:
        seen.setdefault(n.issuer.id, n.issuer)
    return sorted(seen.values(), key=lambda u: u.name)


# -- page kinds: a new kind of page is one entry in KINDS and one template ------------------------
Context = Callable[["Renderer", PageSpec], dict[str, Any]]
Indexed = Callable[[PageSpec, str], tuple[str, str]]


def _no_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    return {}


def _notices_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    site = renderer.site
    return {
        "issuers": _issuers(site.notices),
        "kinds": sorted({n.kind for n in site.notices}),
        "show_years": site.years,
        "year_links": {},
    }


def _register_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    items = spec.context.get("items", renderer.site.items)
    months = sorted({(i.due.year, i.due.month) for i in items if i.due}, reverse=True)
    return {
        "items": items,
        "due_months": months,
        "mode": "all",
        "overview": renderer.overview,
        "status_urls": _status_urls(),
        **renderer.register_filters(items),
    }


def _overview_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    return {"overview": renderer.overview, "status_urls": _status_urls()}


def _units_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    units = renderer.site.units
    return {
        "units": readers.ordered_units(units),
        "pending": {u.id: readers.pending_dates(u.led) for u in units},
    }


def _notice_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    notice: Notice = spec.context["notice"]
    return {
        "counts": readers.count_items(notice.items),
        "pending": readers.pending_dates(notice.items),
        "tasks_in_order": _tasks_in_order(notice),
        "updated": _updated(notice, renderer.site.as_of),
        "notice_fields": [renderer._fields_by_slug[f] for f in dict.fromkeys(notice.fields)],
    }


def _calendar_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    site = renderer.site
    horizon = site.as_of + timedelta(days=renderer.upcoming_days)
    upcoming = [
        i
        for i in site.items
        if i.due and site.as_of <= i.due <= horizon and i.status in ("in_progress", "ongoing")
    ]
    overdue = sorted((i for i in site.items if i.status == "overdue"), key=lambda i: (-i.days_overdue, i.gid))
    years: dict[int, list[Month]] = {}
    for m in site.months:
        years.setdefault(m.year, []).append(m)
    return {
        "upcoming": upcoming,
        "overdue": overdue,
        "horizon": horizon,
        "month_years": sorted(years.items(), reverse=True),
        "current_month": site.months_by_key.get(f"{site.as_of.year:04d}/{site.as_of.month:02d}"),
    }


def _month_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    month: Month = spec.context["month"]
    by_day: dict[date, list[TaskItem]] = {}
    for item in month.items:
        assert item.due is not None
        by_day.setdefault(item.due, []).append(item)
    return {"weeks": month_weeks(month), "by_day": by_day}


def _unit_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    """A unit board: what it leads and supports, its next deadlines, overdue tasks, sub-units."""
    unit: Unit = spec.context["unit"]
    open_items = [i for i in unit.led if i.status in ("in_progress", "overdue")]
    next_deadlines = [i for i in open_items if i.status == "in_progress"][:10]
    overdue = sorted((i for i in unit.led if i.status == "overdue"), key=lambda i: -i.days_overdue)
    children = [u for u in renderer.site.units if u.parent is unit]
    return {
        "next_deadlines": next_deadlines,
        "overdue": overdue,
        "children": children,
        "mode": "all",
        "led": unit.led,
        "supported": unit.supported,
        "counts": readers.count_items(unit.led),
        "pending": readers.pending_dates(unit.led),
    }


def _field_context(renderer: Renderer, spec: PageSpec) -> dict[str, Any]:
    """A field page: its notices, each with its items in the notice page's order."""
    f: readers.Field = spec.context["field"]
    groups = [(n, [i for t in _tasks_in_order(n) for i in t.items]) for n in f.notices]
    items = f.items

    def status_counts(group: list[TaskItem]) -> list[tuple[str, int]]:
        counts = readers.count_items(group)
        return [(s, counts[s]) for s in STATUSES if counts[s]]

    return {
        "groups": groups,
        "items": items,
        "overdue": sum(1 for i in items if i.status == "overdue"),
        "status_counts": status_counts,
    }


def _status_urls() -> dict[str, str]:
    return {s: f"nhiem-vu/trang-thai/{s}/" for s in STATUSES}


def _tasks_in_order(notice: Notice) -> list[Task]:
    """A notice's tasks as a reader chases them: overdue first (most overdue first), then in
    progress, ongoing, done and stopped; clause order within each."""

    def key(task: Task) -> tuple[int, int]:
        if not task.items:
            return (1, 0)
        rank = readers.TASK_RANK[readers.task_status(task)]
        return (rank, -max(i.days_overdue for i in task.items))

    return sorted(notice.tasks, key=key)


def _updated(notice: Notice, as_of: date) -> date:
    """ "Cập nhật": the latest applied report on the notice's tasks, or its date."""
    dates = [h.date for t in notice.tasks for h in t.history if h.date <= as_of]
    return max([notice.date, *dates])


def _notice_indexed(spec: PageSpec, html: str) -> tuple[str, str]:
    notice: Notice = spec.context["notice"]
    html = search_markup.notice_block(
        html,
        title=spec.title,
        kind=notice.kind_label,
        date=notice.date.strftime("%d/%m/%Y"),
        number=notice.number,
        tasks=[
            search_markup.IndexedTask(
                t.id, t.title, t.output or "", readers.task_status(t) if t.items else "", t.lead.name
            )
            for t in notice.tasks
        ],
    )
    return html, html


def _unit_indexed(spec: PageSpec, html: str) -> tuple[str, str]:
    """Only the unit's names are indexed; a large unit's year pages are marked too (Pagefind is
    handed only the pages of its bundles)."""
    unit: Unit = spec.context["unit"]
    indexed = search_markup.unit_block(
        name=unit.name, short=unit.short, aliases=unit.aliases, parent=unit.parent.name if unit.parent else ""
    )
    return markupsafe.Markup(
        str(indexed) + str(html)
    ), indexed  # both HTML already (Markup + str would escape)


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page: its template (in templates/noticeboard/, a site's override first),
    what it adds to the template's context, and, for a searchable page, its search block:
    ``(page HTML with the block, the block Pagefind indexes)``."""

    template: str
    context: Context = _no_context
    indexed: Indexed | None = None


KINDS: dict[str, PageKind] = {
    "notices": PageKind("noticeboard/notices.html", _notices_context),
    "register": PageKind("noticeboard/register.html", _register_context),
    "units": PageKind("noticeboard/units.html", _units_context),
    "calendar": PageKind("noticeboard/calendar.html", _calendar_context),
    "search": PageKind("noticeboard/search.html"),
    "data": PageKind("noticeboard/data.html"),
    "notice": PageKind("noticeboard/notice.html", _notice_context, _notice_indexed),
    "unit": PageKind("noticeboard/unit.html", _unit_context, _unit_indexed),
    "month": PageKind("noticeboard/month.html", _month_context),
    "overview": PageKind("noticeboard/overview.html", _overview_context),
    "status": PageKind("noticeboard/status.html"),
    "fields": PageKind("noticeboard/fields.html"),
    "field": PageKind("noticeboard/field.html", _field_context),
    "reports": PageKind("noticeboard/reports.html"),
    "report": PageKind("noticeboard/report.html"),
}
