"""Atom feeds (RFC 4287), written with ElementTree: no extra dependency.

    thong-bao/feed.xml             notices, newest first (at most 50)
    don-vi/<unit-id>/feed.xml      what happens to a unit's tasks (at most 50 entries):
                                   a task assigned to it (lead or support), each report filed
                                   about those tasks, and each occurrence falling overdue

Every date comes from the content (notice date, report date, the day after a
due date), at 00:00 in the site's timezone; the feed's ``updated`` is its newest
entry's. Entry ids are tag URIs built from content ids, so they never change
between builds. Without ``site_url`` links are site-root relative and the feed
carries ``xml:base`` pointing to the site root.
"""

from __future__ import annotations

import heapq
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from ..model.site import HistoryEntry, Notice, Site, Task, TaskItem, Unit
from ..model.status import LABELS, OVERDUE
from .ics import site_host
from .outputs import OutputContext, register
from .pages import format_date
from .rows import notice_date_phrase

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
MAX_ENTRIES = 50
FEED_ID_YEAR = 2026  # the date part of a feed's own tag URI: fixed, so the id never changes


@dataclass
class Entry:
    id: str
    title: str
    updated: date
    link: str  # site-root relative
    summary: str
    content_html: str = ""  # already-escaped HTML, sent as type="html"
    author: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


def atom_datetime(day: date, timezone: str) -> str:
    """``2026-04-10T00:00:00+07:00``: midnight of that day in the site's timezone."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(timezone)).isoformat()


def tag_uri(host: str, day: date, specific: str) -> str:
    return f"tag:{host},{day.isoformat()}:{specific}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, name, attrs)
    if text is not None:
        el.text = text
    return el


def render_feed(
    path: str,
    title: str,
    subtitle: str,
    alternate: str,
    entries: list[Entry],
    site: Site,
    ctx: OutputContext,
) -> bytes:
    """One Atom document at ``path`` (site-root relative); ``alternate`` is the HTML page it follows."""
    entries = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:MAX_ENTRIES]
    host = site_host(ctx)
    root = ET.Element("feed", xmlns=ATOM)  # plain names under a default namespace: what readers expect
    if not ctx.site_url:
        root.set(XML_BASE, "../" * path.count("/"))  # relative links resolve against the site root
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    _sub(root, "id", f"tag:{host},{FEED_ID_YEAR}:{path}")
    _sub(root, "title", title)
    _sub(root, "subtitle", subtitle)
    newest = entries[0].updated if entries else max((n.date for n in site.notices), default=site.as_of)
    _sub(root, "updated", atom_datetime(newest, ctx.timezone))
    author = _sub(root, "author")
    _sub(author, "name", ctx.site_name or "noticeboard")
    _sub(root, "link", rel="alternate", type="text/html", href=ctx.absolute(alternate))
    if ctx.site_url:
        _sub(root, "link", rel="self", type="application/atom+xml", href=ctx.absolute(path))
    _sub(root, "generator", "noticeboard")
    for entry in entries:
        el = _sub(root, "entry")
        _sub(el, "id", entry.id)
        _sub(el, "title", entry.title)
        _sub(el, "updated", atom_datetime(entry.updated, ctx.timezone))
        _sub(el, "published", atom_datetime(entry.updated, ctx.timezone))
        _sub(el, "link", rel="alternate", type="text/html", href=ctx.absolute(entry.link))
        if entry.author:
            _sub(_sub(el, "author"), "name", entry.author)
        for term, label in entry.categories:
            _sub(el, "category", term=term, label=label)
        _sub(el, "summary", entry.summary)
        if entry.content_html:
            _sub(el, "content", entry.content_html, type="html")
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def _doc_label(notice: Notice) -> str:
    number = f" số {notice.number}" if notice.number else ""
    return f"{notice.kind_label}{number} {notice_date_phrase(notice)}"


def _due_label(task: Task) -> str:
    return task.deadline.label if task.deadline and task.deadline.occurrences else "thường xuyên"


def _tasks_html(notice: Notice) -> str:
    items = []
    for task in notice.tasks:
        support = ", ".join(u.label for u in task.support)
        text = f"{task.title} — chủ trì: {task.lead.label}" + (f"; phối hợp: {support}" if support else "")
        items.append(f"<li>{html.escape(text)}; hạn: {html.escape(_due_label(task))}</li>")
    if not items:
        return "<p>Văn bản không giao nhiệm vụ cụ thể.</p>"
    return f"<p>{len(items)} nhiệm vụ:</p><ul>" + "".join(items) + "</ul>"


def newest(candidates: Iterable[tuple[date, str, Callable[[str], Entry]]]) -> list[Entry]:
    """The :data:`MAX_ENTRIES` newest of ``(updated, id, make)`` candidates, newest first, the
    entries made (``make(id)``) for those only: a unit's feed has ~350 candidates and keeps 50."""
    top = heapq.nlargest(
        MAX_ENTRIES, candidates, key=lambda c: (c[0], c[1])
    )  # = sorted(..., reverse=True)[:n]
    return [make(entry_id) for _, entry_id, make in top]


def notice_entries(site: Site, host: str) -> list[Entry]:
    """The feed's entries: the newest notices."""

    def make(notice: Notice, entry_id: str) -> Entry:
        place = f" ({notice.place})" if notice.place else ""
        return Entry(
            id=entry_id,
            title=f"{notice.number}: {notice.title}" if notice.number else notice.title,
            updated=notice.date,
            link=notice.url,
            summary=f"{_doc_label(notice)} của {notice.issuer.name}{place}. {len(notice.tasks)} nhiệm vụ.",
            content_html=_tasks_html(notice),
            author=notice.issuer.name,
            categories=[(notice.kind, notice.kind_label)],
        )

    return newest(
        (notice.date, tag_uri(host, notice.date, f"thong-bao/{notice.id}"), partial(make, notice))
        for notice in site.notices
    )


def _unit_tasks(unit: Unit) -> list[tuple[Task, bool]]:
    """(task, supported) for every task the unit leads or supports, once each."""
    seen: dict[str, tuple[Task, bool]] = {}
    for item in unit.led:
        seen.setdefault(item.gid, (item.task, False))
    for item in unit.supported:
        seen.setdefault(item.gid, (item.task, True))
    return [seen[k] for k in sorted(seen)]


def _report_entry(h: HistoryEntry, supported: bool, entry_id: str) -> Entry:
    task = h.task
    what = h.state_label
    if h.percent is not None:
        what += f" {h.percent}%"
    if h.done_on:
        what += f", xong ngày {format_date(h.done_on)}"
    if h.new_due:
        what += f", hạn mới {h.new_due.label}"
    role = "chủ trì" if h.is_lead else "phối hợp, không đổi trạng thái"
    summary = f"Báo cáo ngày {format_date(h.date)}" + (f" ({h.reference})" if h.reference else "")
    summary += f" của {h.unit.name} ({role}) về nhiệm vụ “{task.title}”: {what}."
    if h.note:
        summary += f" Ghi chú: {h.note}"
    return Entry(
        id=entry_id,
        title=("[Phối hợp] " if supported else "")
        + f"Báo cáo của {h.unit.label}{'' if h.is_lead else ' (phối hợp)'}: {task.title} — {what}",
        updated=h.date,
        link=task.url,
        summary=summary,
        author=h.unit.name,
        categories=[("bao-cao", "Báo cáo tiến độ")],
    )


def _overdue_entry(item: TaskItem, supported: bool, entry_id: str) -> Entry:
    assert item.due is not None
    task = item.task
    return Entry(
        id=entry_id,
        title=("[Phối hợp] " if supported else "") + f"Quá hạn: {task.title} — {task.lead.label}",
        updated=item.due + timedelta(days=1),
        link=task.url,
        summary=f"Hạn {format_date(item.due)} đã qua mà chưa có báo cáo hoàn thành của {task.lead.name}: "
        f"{LABELS[OVERDUE]}.",
        categories=[(OVERDUE, LABELS[OVERDUE])],
    )


def _assigned_entry(task: Task, unit: Unit, supported: bool, entry_id: str) -> Entry:
    notice = task.notice
    role = "phối hợp" if supported else "chủ trì"
    support = ", ".join(u.name for u in task.support)
    return Entry(
        id=entry_id,
        title=f"Nhiệm vụ mới ({role}): {task.title}",
        updated=notice.date,
        link=task.url,
        summary=f"{_doc_label(notice)}: {notice.title}. Chủ trì: {task.lead.name}."
        + (f" Phối hợp: {support}." if support else "")
        + f" Hạn: {_due_label(task)}.",
        author=notice.issuer.name,
        categories=[("giao-nhiem-vu", "Giao nhiệm vụ")],
    )


def unit_entries(unit: Unit, site: Site, host: str) -> list[Entry]:
    """The feed's entries: the newest of the unit's assigned tasks, reports and overdue occurrences."""
    candidates: list[tuple[date, str, Callable[[str], Entry]]] = []
    for task, supported in _unit_tasks(unit):
        notice = task.notice
        candidates.append(
            (
                notice.date,
                tag_uri(host, notice.date, f"giao/{task.gid}/{unit.id}"),
                partial(_assigned_entry, task, unit, supported),
            )
        )
        seen: dict[str, int] = {}
        for h in task.history:
            if h.date > site.as_of:
                continue  # not applied yet: it appears once its date has come
            n = seen.get(h.source_path, 0)
            seen[h.source_path] = n + 1
            source = h.source_path.rsplit(".", 1)[0]
            entry_id = tag_uri(host, h.date, f"bao-cao/{source}/{task.gid}" + (f"/{n}" if n else ""))
            candidates.append((h.date, entry_id, partial(_report_entry, h, supported)))
        for item in task.items:
            if item.status == OVERDUE:
                assert item.due is not None and item.original_due is not None
                day = item.due + timedelta(days=1)
                entry_id = tag_uri(host, day, f"qua-han/{task.gid}/{item.original_due:%Y%m%d}")
                candidates.append((day, entry_id, partial(_overdue_entry, item, supported)))
    return newest(candidates)


def feed_paths(site: Site) -> list[str]:
    """The feeds :func:`generate_feeds` writes."""
    return ["thong-bao/feed.xml", *(f"don-vi/{u.id}/feed.xml" for u in site.units)]


@register(feed_paths)
def generate_feeds(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    host = site_host(ctx)
    prefix = f"{ctx.site_name} — " if ctx.site_name else ""
    out: dict[str, str | bytes] = {
        "thong-bao/feed.xml": render_feed(
            "thong-bao/feed.xml",
            f"{prefix}Thông báo",
            "Thông báo, kế hoạch, quyết định mới ban hành, mới nhất trước.",
            "thong-bao/",
            notice_entries(site, host),
            site,
            ctx,
        )
    }
    for unit in site.units:
        path = f"don-vi/{unit.id}/feed.xml"
        out[path] = render_feed(
            path,
            f"{prefix}{unit.name}: nhiệm vụ và báo cáo",
            f"Nhiệm vụ giao cho {unit.name} (chủ trì, phối hợp), báo cáo tiến độ và nhiệm vụ quá hạn.",
            f"don-vi/{unit.id}/",
            unit_entries(unit, site, host),
            site,
            ctx,
        )
    return out
