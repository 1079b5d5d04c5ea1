"""The attributes Pagefind reads, added around a rendered page.

Only what a reader searches for is indexed (``data-pagefind-body``): a notice's page (full text,
the number, and each task's title and product in a section of its own) and, for a unit, its names.
List pages, calendars, the unit boards' task tables and the notice's own task table stay out, or
every task would be found five times over.
A hidden paragraph after the indexed text holds the folded spelling of its words with "đ"; it
starts with :data:`FOLD_MARK` so the search page can cut it off the excerpt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import NamedTuple

from markupsafe import Markup, escape

from ..content.text import match_key
from .normalize import d_folded_words

FOLD_MARK = "¶"
_TAG_RE = re.compile(r"<[^>]*>")
# The notice page's parts Pagefind leaves out (pagefind.EXCLUDE_SELECTORS): their "đ" words are not
# the notice's own either. Neither section holds another.
_LEFT_OUT_RE = re.compile(r'<section class="nb-notice-(?:tasks|summary)".*?</section>', re.S)


def _visible_text(fragment: str) -> str:
    return html.unescape(_TAG_RE.sub(" ", fragment))


def _hidden_tail(*texts: str, number: str = "") -> str:
    """Folded "đ" words, and the notice number weighted up so "45/TB-UBND" ranks its notice first."""
    words = d_folded_words(*texts)
    if not words and not number:
        return ""
    weighted = f'<span data-pagefind-weight="10">{escape(number)}</span> ' if number else ""
    return f"<p hidden data-nb-fold>{FOLD_MARK} {weighted}{escape(' '.join(words))}</p>"


def _meta(items: dict[str, str]) -> str:
    # One element per key: values may hold commas, which the attribute form would split on.
    spans = "".join(
        f'<span data-pagefind-meta="{escape(k)}">{escape(v)}</span>' for k, v in items.items() if v
    )
    return f'<div hidden data-pagefind-ignore="index">{spans}</div>'


#: Separators of the ``tasks`` meta (id, status, lead of each task): characters no text holds.
TASK_SEP, FIELD_SEP = "\u205e", "\u205d"
#: A task's section in the index starts at a heading with this id + the task's id; the notice page's
#: row is ``nv-<task>`` (the search page links there): the same id twice would be invalid HTML.
TASK_ANCHOR = "nb-nv-"


class IndexedTask(NamedTuple):
    """What the search page needs of a task: its words (``title``, ``output``) are indexed in a
    section of their own; ``status`` (empty before its first period) and ``lead`` only ride along."""

    id: str
    title: str
    output: str = ""
    status: str = ""
    lead: str = ""


def _task_sections(tasks: list[IndexedTask]) -> str:
    """Each task a section of its own, so that Pagefind's sub-results say which tasks hold the
    query's words. Hidden: the page shows the task in its table (left out of the index). Weight 2,
    a heading's default would be 6: a task title counts more than a line of the body, not more
    than the notice's title (7)."""
    parts = []
    for task in tasks:
        output = f"<p>Sản phẩm: {escape(task.output)}</p>" if task.output else ""
        # The folded "đ" words of the task's own text go in its own section, so "de an" finds it.
        words = d_folded_words(task.title, task.output)
        fold = f"<p>{FOLD_MARK} {escape(' '.join(words))}</p>" if words else ""
        parts.append(
            f'<h2 id="{TASK_ANCHOR}{escape(task.id)}" data-pagefind-weight="2">{escape(task.title)}</h2>'
            f"{output}{fold}"
        )
    return f"<section hidden data-nb-index-tasks>{''.join(parts)}</section>" if parts else ""


def notice_block(
    content_html: str,
    *,
    title: str,
    kind: str,
    date: str,
    number: str = "",
    tasks: Iterable[IndexedTask] = (),
) -> str:
    """A notice page: its rendered content is indexed, except what every notice repeats and its
    task table (see ``pagefind.EXCLUDE_SELECTORS``); each task follows in a hidden section of its
    own (:func:`_task_sections`), whose status and lead ride along as metadata: the search page
    shows a task whose own words matched as a result of its own, without fetching the page."""
    tasks = list(tasks)
    packed = TASK_SEP.join(FIELD_SEP.join((t.id, t.status, t.lead)) for t in tasks)
    meta = _meta({"title": title, "kind": kind, "date": date, "number": number, "tasks": packed})
    text = _visible_text(_LEFT_OUT_RE.sub(" ", content_html))
    return Markup(
        f"<div data-pagefind-body>{content_html}"
        f"{_hidden_tail(text, number=number)}{_task_sections(tasks)}{meta}</div>"
    )


def unit_block(*, name: str, short: str = "", aliases: Iterable[str] = (), parent: str = "") -> str:
    """The hidden block a unit page starts with: only its names are indexed (its tasks are found
    through their notices). It is all Pagefind reads of the page, so it is handed over alone: a
    large unit's page is ~800 KB of task tables that Pagefind would parse for nothing."""
    names = list(dict.fromkeys(n for n in (short, *aliases) if n and match_key(n) != match_key(name)))
    text = ". ".join(names)
    if parent:
        text += f". Trực thuộc {parent}"
    meta = _meta({"title": name, "kind": "Đơn vị"})
    return Markup(
        f"<div hidden data-pagefind-body>"
        f"<h1>{escape(name)}</h1><p>{escape(text)}</p>{_hidden_tail(name, text)}{meta}</div>"
    )


def add_header_link(page_html: str, link_html: str) -> str:
    """Put the search button in the theme's header bar, where its own search button would be."""
    start = page_html.find("<header")
    if start < 0:
        return page_html
    end = page_html.find("</nav>", start)
    source = page_html.find('<div class="md-header__source">', start, end if end >= 0 else None)
    at = source if source >= 0 else end
    if at < 0:
        return page_html
    return page_html[:at] + link_html + page_html[at:]


def add_after_heading(content_html: str, box_html: str) -> str:
    """Put a search box under the page's first heading (or on top when it has none)."""
    end = content_html.find("</h1>")
    if end < 0:
        return box_html + content_html
    end += len("</h1>")
    return content_html[:end] + box_html + content_html[end:]
