"""Same content + same as-of date → the same bytes, whatever day the build runs.

MkDocs 1.6 takes the sitemap's ``<lastmod>`` and the gzip header time of ``sitemap.xml.gz``
from the build clock unless ``SOURCE_DATE_EPOCH`` is set (``mkdocs.utils.get_build_datetime``,
read when pages are created, after ``on_config``). Everything else the plugin writes depends
on the content and the as-of date only. So, when the user has not set it, the plugin pins
``SOURCE_DATE_EPOCH`` to 00:00 UTC of the as-of date (MkDocs writes the sitemap date in UTC,
so ``<lastmod>`` then shows the as-of date itself), and unpins it after the build. No MkDocs import: ``plugin.py`` calls these.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

ENV = "SOURCE_DATE_EPOCH"

_pinned: str | None = None  # the value this process set, so a later build may move it


def as_of_epoch(as_of: date) -> int:
    """Seconds since 1970 of 00:00 UTC on ``as_of``: MkDocs writes the sitemap's dates in UTC, so
    midnight UTC (not the portal's zone) is what makes ``<lastmod>`` equal the as-of date."""
    return int(datetime.combine(as_of, time(0, 0), tzinfo=ZoneInfo("UTC")).timestamp())


def pin_build_date(as_of: date, environ: MutableMapping[str, str] | None = None) -> str | None:
    """Set ``SOURCE_DATE_EPOCH`` from the as-of date unless the user set it; the value set, or None."""
    global _pinned
    environ = os.environ if environ is None else environ
    current = environ.get(ENV)
    if current is not None and current != _pinned:
        return None  # the user's (or CI's) own value wins
    _pinned = str(as_of_epoch(as_of))
    environ[ENV] = _pinned
    return _pinned


def unpin_build_date(environ: MutableMapping[str, str] | None = None) -> None:
    """Remove the value :func:`pin_build_date` set (a user's own value stays)."""
    global _pinned
    environ = os.environ if environ is None else environ
    if _pinned is not None and environ.get(ENV) == _pinned:
        del environ[ENV]
    _pinned = None
