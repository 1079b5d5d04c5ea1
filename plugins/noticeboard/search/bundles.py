"""Which pages go into which Pagefind bundle, newest notices first.

One Pagefind index keeps a word's whole posting list in one chunk, so on a large archive a common
word costs hundreds of KB before the first result. Split by notice date, the newest bundle is small
and answers first; older bundles are searched only when the reader needs them (BENCHMARKS.md,
"## Search"). Bundles follow years: whole years are packed together up to ``max_notices``, a year
with more is cut into contiguous parts. Unit pages go with the newest notices.

No MkDocs import: :func:`indexed_pages` reads the site model, :func:`plan_bundles` is pure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from ..model.site import Site

MAX_NOTICES = 200
MANIFEST = "bundles.json"
MANIFEST_VERSION = 1
_URL_RE = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*/$")  # slugs only: safe inside a Pagefind glob


@dataclass(frozen=True)
class IndexedPage:
    url: str  # directory URL relative to the site root, e.g. "thong-bao/2026-04-10-x/"
    day: date | None = None  # the notice's date; None for a unit page


@dataclass(frozen=True)
class Bundle:
    key: str  # folder under pagefind/: "" for the newest bundle, else e.g. "2025" or "2024-2"
    label: str  # what the search page says it is searching, after "thông báo": "năm 2025"
    pages: tuple[IndexedPage, ...]

    @property
    def notices(self) -> int:
        return sum(1 for p in self.pages if p.day is not None)

    @property
    def days(self) -> tuple[date, date] | None:
        days = [p.day for p in self.pages if p.day is not None]
        return (min(days), max(days)) if days else None


def indexed_pages(site: Site) -> list[IndexedPage]:
    """The pages that carry ``data-pagefind-body``: every published notice and each unit's main page.

    A large unit's year pages (``don-vi/<id>/<YYYY>/``) repeat its names and are left out.
    """
    pages = [IndexedPage(n.url, n.date) for n in site.notices]
    pages += [IndexedPage(f"don-vi/{u.id}/") for u in site.units]
    return pages


def plan_bundles(pages: Iterable[IndexedPage], max_notices: int = MAX_NOTICES) -> list[Bundle]:
    """Bundles in search order (newest first); every page is in exactly one."""
    if max_notices < 1:
        raise ValueError("noticeboard: search_bundle_notices phải từ 1 trở lên.")
    pages = list(pages)
    for page in pages:
        if not _URL_RE.match(page.url):
            raise ValueError(
                f"noticeboard: địa chỉ trang “{page.url}” không phải chữ thường không dấu, không lập chỉ mục tìm kiếm được."
            )
    units = sorted((p for p in pages if p.day is None), key=lambda p: p.url)
    notices = sorted((p for p in pages if p.day is not None), key=lambda p: (p.day, p.url), reverse=True)

    # (year, part number or 0 for a whole year, notices): parts of a long year are numbered
    # from January so that a part keeps its name while the year goes on.
    segments: list[tuple[int, int, list[IndexedPage]]] = []
    for year, group in groupby(notices, key=lambda p: p.day.year):  # type: ignore[union-attr]
        year_notices = list(group)
        if len(year_notices) <= max_notices:
            segments.append((year, 0, year_notices))
            continue
        count = math.ceil(len(year_notices) / max_notices)
        size, extra = divmod(len(year_notices), count)
        start = 0
        for i in range(count):  # newest part first; the first `extra` parts take one more
            end = start + size + (1 if i < extra else 0)
            segments.append((year, count - i, year_notices[start:end]))
            start = end

    packed: list[list[tuple[int, int, list[IndexedPage]]]] = []
    for segment in segments:
        last = packed[-1] if packed else None
        if (
            last is not None
            and segment[1] == 0
            and last[-1][1] == 0
            and sum(len(s[2]) for s in last) + len(segment[2]) <= max_notices
        ):
            last.append(segment)
        else:
            packed.append([segment])

    bundles = [
        Bundle(
            key="" if i == 0 else _key(group),
            label=_label(group),
            pages=tuple(p for s in group for p in s[2]),
        )
        for i, group in enumerate(packed)
    ]
    if not bundles:
        return [Bundle(key="", label="", pages=tuple(units))]
    bundles[0] = Bundle(key="", label=bundles[0].label, pages=bundles[0].pages + tuple(units))
    return bundles


def _key(group: Sequence[tuple[int, int, list[IndexedPage]]]) -> str:
    newest, oldest = group[0], group[-1]
    if newest[1]:
        return f"{newest[0]}-{newest[1]}"
    return str(newest[0]) if newest[0] == oldest[0] else f"{oldest[0]}-{newest[0]}"


def _label(group: Sequence[tuple[int, int, list[IndexedPage]]]) -> str:
    newest, oldest = group[0], group[-1]
    if newest[1]:  # a part of a year: its months
        first, last = newest[2][-1].day, newest[2][0].day
        assert first is not None and last is not None
        months = f"{first.month}" if first.month == last.month else f"{first.month}–{last.month}"
        return f"tháng {months}/{newest[0]}"
    return f"năm {newest[0]}" if newest[0] == oldest[0] else f"năm {oldest[0]}–{newest[0]}"


def manifest(bundles: Sequence[Bundle]) -> dict[str, Any]:
    """What the search page reads (``pagefind/bundles.json``): the bundles in search order."""
    entries = []
    for bundle in bundles:
        days = bundle.days
        entries.append(
            {
                "path": f"{bundle.key}/" if bundle.key else "",
                "label": bundle.label,
                "notices": bundle.notices,
                "pages": len(bundle.pages),
                "from": days[0].isoformat() if days else None,
                "to": days[1].isoformat() if days else None,
            }
        )
    return {"version": MANIFEST_VERSION, "bundles": entries}
