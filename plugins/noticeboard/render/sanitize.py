"""Raw HTML in notice bodies is limited to a safe allowlist (nh3, the Ammonia sanitiser)."""

from __future__ import annotations

import nh3

_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
}


def sanitize_html(html: str) -> str:
    """Drop scripts, event handlers, styles, iframes and javascript: URLs; keep document markup."""
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
    )
