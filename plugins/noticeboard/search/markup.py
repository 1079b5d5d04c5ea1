"""The attributes Pagefind reads, added around a rendered page.

Only what a reader searches for is indexed (``data-pagefind-body``): a notice's page (full text,
its tasks with their units, the number) and, for a unit, its names. List pages, calendars and the
unit boards' task tables stay out, or every task would be found five times over.
A hidden paragraph after the indexed text holds the folded spelling of its words with "đ"; it
starts with :data:`FOLD_MARK` so the search page can cut it off the excerpt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..content.text import match_key
from .normalize import d_folded_words

FOLD_MARK = "¶"
_TAG_RE = re.compile(r"<[^>]*>")


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


#: Separators of the ``tasks`` meta (id, status, title of each task): characters no title holds.
TASK_SEP, FIELD_SEP = "\u205e", "\u205d"


def notice_block(
    content_html: str,
    *,
    title: str,
    kind: str,
    date: str,
    number: str = "",
    tasks: Iterable[tuple[str, str, str]] = (),
) -> str:
    """A notice page: its whole rendered content is indexed. ``tasks`` (id, status, title) ride
    along as metadata, so the search page lists the matching tasks of a result with their status
    and links each to its row, without fetching the page."""
    packed = TASK_SEP.join(FIELD_SEP.join(t) for t in tasks)
    meta = _meta({"title": title, "kind": kind, "date": date, "number": number, "tasks": packed})
    return Markup(
        f"<div data-pagefind-body>{content_html}"
        f"{_hidden_tail(_visible_text(content_html), number=number)}{meta}</div>"
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
