"""Pages of the periodic reports (``bao-cao/``, ``bao-cao/<period>/``, CONTENT_FORMAT section 7)
and the progress block of unit boards and the overview (``noticeboard/_progress.html``).
No MkDocs import.

The pages are listed from the periods alone; the figures are computed when the first of them
is rendered (:func:`noticeboard.model.reports.reports_for`), in the process that renders pages,
so the listing of pages stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import jinja2
import markupsafe

from ..model.reports import (
    OverdueItem,
    Period,
    PeriodReport,
    ProgressPoint,
    Reports,
    period_of,
    progress_for,
    published_periods,
    reports_for,
)
from ..model.site import Site
from . import chart
from .rows import _e, format_date

if TYPE_CHECKING:
    from .pages import PageSpec


def document_name(key: str, ext: str) -> str:
    """``bao-cao/<period>/bao-cao-<period>.<ext>``: the documents sit beside the report's page."""
    return f"bao-cao/{key}/bao-cao-{key}.{ext}"


def report_title(label: str) -> str:
    """ "Báo cáo kết quả thực hiện nhiệm vụ quý II/2026": the page's and the documents' title."""
    return f"Báo cáo kết quả thực hiện nhiệm vụ {label[0].lower()}{label[1:]}"


def report_pages(site: Site) -> list[PageSpec]:
    """``bao-cao/`` and one page per published period."""
    from .pages import PageSpec  # pages.py lists these pages: imported here, not at module level

    periods = published_periods(site)
    pages = [PageSpec("bao-cao/index.md", "bao-cao/", "Báo cáo", "reports", in_nav=True)]
    for period in periods:
        pages.append(
            PageSpec(
                f"{period.url}index.md",
                period.url,
                report_title(period.label),
                "report",
                {"period_key": period.key},
            )
        )
    return pages


def install(env: jinja2.Environment, site: Site) -> None:
    """The templates' functions for reports and progress (globals: a site's own templates can use them)."""

    rows_cache: dict[tuple[str, int, date, str], str] = {}  # for this site's build only

    def reports() -> Reports:
        return reports_for(site)

    def progress_of(scope: str) -> list[ProgressPoint]:
        return progress_for(site).get(scope, [])

    def progress_charts(scope: str) -> markupsafe.Markup:
        points = progress_of(scope)
        ident = "nb-chart-" + ("site" if scope == "*" else scope)
        return markupsafe.Markup(
            f'<figure class="nb-chart-fig"><figcaption>Tỉ lệ hoàn thành đúng hạn</figcaption>{chart.rate_svg(points, ident + "-rate")}</figure>'
            f'<figure class="nb-chart-fig"><figcaption>Số nhiệm vụ quá hạn</figcaption>{chart.overdue_svg(points, ident + "-overdue")}</figure>'
        )

    def current_periods() -> list[Period]:
        """The published periods holding the as-of date (month, quarter, year), without figures."""
        published = {p.key: p for p in published_periods(site)}
        found = (published.get(period_of(kind, site.as_of).key) for kind in ("month", "quarter", "year"))
        return [p for p in found if p is not None]

    def current_reports() -> list[PeriodReport]:
        built = reports_for(site)
        found = (built.by_key.get(period_of(kind, site.as_of).key) for kind in ("month", "quarter", "year"))
        return [r for r in found if r is not None]

    env.globals.update(
        all_reports=reports,
        report_of=lambda key: reports_for(site).by_key[key],
        progress_of=progress_of,
        progress_charts=progress_charts,
        current_reports=current_reports,
        current_periods=current_periods,
        overdue_rows=lambda items, url: overdue_rows(items, url, rows_cache),
        report_file=document_name,
        report_title=report_title,
    )


def overdue_rows(
    items: list[OverdueItem],
    url: Callable[[str], str],
    cache: dict[tuple[str, int, date, str], str] | None = None,
) -> markupsafe.Markup:
    """The overdue list's entries with the task marks of section 6 (status and due at the report
    date) and the days overdue; written in Python, as the register's rows are (render/rows.py).
    ``cache`` keeps the part of a row that does not depend on the report date (an item is listed
    in many periods' reports)."""
    cache = {} if cache is None else cache
    base = url("")  # the page's way to the site root: part of the cached text
    out = []
    for o in items:
        key = (o.item.gid, o.item.index, o.due, base)
        rest = cache.get(key)
        if rest is None:
            task = o.item.task
            extended = " (đã gia hạn)" if o.due != o.item.original_due else ""
            number = "; " + _e(task.notice.number) if task.notice.number else ""
            rest = cache[key] = (
                f'<a href="{_e(url(task.url))}">{_e(task.title)}</a> <span class="nb-muted">— {_e(task.lead.name)}; '
                f'hạn <time datetime="{o.due.isoformat()}">{format_date(o.due)}</time>{extended}{number}</span></li>'
            )
        days = o.days_overdue
        out.append(
            f'<li data-task="{_e(o.item.gid)}" data-status="overdue" data-due="{o.due.isoformat()}" data-days-overdue="{days}">'
            f'<span class="nb-badge nb-s-overdue">Quá hạn {days} ngày</span> {rest}'
        )
    return markupsafe.Markup("\n".join(out))
