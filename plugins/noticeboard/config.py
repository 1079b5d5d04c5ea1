"""Options of the ``noticeboard`` plugin (mkdocs.yml, CONTENT_FORMAT section 4)."""

from __future__ import annotations

import datetime

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ContactConfig(Config):
    """The contact official of CONTENT_FORMAT §4 (Nghị định 42/2022/NĐ-CP, Điều 4 khoản 1 điểm e)."""

    name = c.Type(str, default="")
    title = c.Type(str, default="")
    phone = c.Type(str, default="")
    email = c.Type(str, default="")


class OrganizationConfig(Config):
    """The portal's owner (CONTENT_FORMAT §4), shown in every page's footer."""

    name = c.Type(str, default="")
    address = c.Type(str, default="")
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    contact = c.SubConfig(ContactConfig)


class NoticeboardConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (the site then has only its ordinary pages)."""

    as_of = c.Type((str, datetime.date), default="today")
    """Date the statuses are computed at: ``today`` (in ``timezone``) or ``YYYY-MM-DD``.
    The environment variable ``NOTICEBOARD_AS_OF`` overrides it."""

    timezone = c.Type(str, default="Asia/Ho_Chi_Minh")
    """IANA time zone in which "today" is taken (not the build machine's zone)."""

    due_soon_days = c.Type(int, default=7)
    """An in-progress task due within this many days is marked "sắp đến hạn"."""

    upcoming_days = c.Type(int, default=30)
    """How far ahead the calendar page lists upcoming deadlines."""

    nav = c.Type(bool, default=True)
    """When mkdocs.yml has no ``nav:``, build the small navigation (Trang chủ, Thông báo,
    Nhiệm vụ, Đơn vị, Lịch, then the site's own top-level pages)."""

    search_bundle_notices = c.Type(int, default=200)
    """At most this many notices per search bundle. The search page searches the newest bundle
    first and older ones only when needed, so a reader downloads a small index to see the first
    results (BENCHMARKS.md, "## Search"). Years are kept whole where they fit."""

    parallel = c.Type(bool, default=True)
    """On a machine with two or more cores, render the generated pages and write the calendars,
    feeds, open data and record cache in a second process while MkDocs converts the notices
    (``mkdocs build`` only; ``serve`` stays in one process). The output is the same either way."""

    cache = c.Type(bool, default=True)
    """Keep what was read of each content file in ``.cache/noticeboard/`` (beside mkdocs.yml), under
    a hash of the file's bytes: the next build parses only the files that changed (a rebuild of
    ``mkdocs serve``, a second build, CI that restores the folder). The pages are the same either way."""

    trust_html = c.Type(bool, default=False)
    """Publish raw HTML in notice bodies as written. Off by default: bodies are cleaned to a
    safe allowlist (no scripts, event handlers, iframes or styles). Turn on only for sites
    whose every editor is trusted."""

    # -- readers (issue 23; CONTENT_FORMAT v1.1 §4) --------------------------------------------
    home_overview = c.Type(bool, default=True)
    """The docs' home page shows the overview block of ``tong-quan/`` (summary by status, late
    units, newest notices, deadlines this week and month) after its first heading."""

    organization = c.SubConfig(OrganizationConfig)
    """The portal's owner: name, address, phone, email and the contact official, shown in every
    page's footer (and on top of every printed page); the periodic reports' documents name
    ``name`` as the issuing body (cơ quan) in their header."""

    field_names = c.Type(dict, default={})
    """Vietnamese names of ``fields:`` slugs, e.g. ``{nong-nghiep: Nông nghiệp}``; they add to or
    replace the built-in names of the common fields."""
