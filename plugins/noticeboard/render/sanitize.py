"""Raw HTML in notice bodies is limited to a safe allowlist (nh3, the Ammonia sanitiser).

Two things beyond tags and URLs make a body's markup dangerous on a Material page:

- ids: the theme reads its configuration from ``<script id="__config">`` with
  ``getElementById``, and a body element earlier in the page with the same id wins (it could turn
  on features). Every id in a body is prefixed with :data:`BODY_ID_PREFIX`, which no id of the theme
  (``__…``) or of noticeboard starts with; links to an anchor of the same body (a heading's
  permalink, a footnote, ``[xem](#muc-2)``) are rewritten to match, so they keep working.
- titles: with Material's ``content.tooltips`` feature the theme puts a ``title`` attribute into
  its tooltip as HTML. :func:`tooltip_safe` is applied to every title noticeboard emits.
"""

from __future__ import annotations

import re

import nh3

# Body ids live in their own namespace: no id that Material or noticeboard's templates use starts
# with it (theirs: "__config", "__drawer", "nb-…", "nv-<task>", section slugs such as "qua-han").
BODY_ID_PREFIX = "nd-"

_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "scope", "headers"},
    "ol": {"start", "type"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
}
_LOCAL_HREF = re.compile(r'href="#([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_TOOLTIP_UNSAFE = str.maketrans({"<": "‹", ">": "›"})


_TITLE_ATTR = re.compile(r"""(\stitle=)("[^"]*"|'[^']*')""")
_OPENING = re.compile(r"&lt;|&#0*60;|&#x0*3c;|<", re.IGNORECASE)
_CLOSING = re.compile(r"&gt;|&#0*62;|&#x0*3e;|>", re.IGNORECASE)


def tooltip_safe_titles(html: str) -> str:
    """Every ``title`` attribute of a finished page made :func:`tooltip_safe`, whichever template
    or extension wrote it (ours, a site's override, Markdown's link titles): the one place that
    keeps Material's tooltips from turning an editor's text into markup."""

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        if "&" not in value and "<" not in value and ">" not in value:
            return match.group(0)
        return match.group(1) + _CLOSING.sub("›", _OPENING.sub("‹", value))

    return _TITLE_ATTR.sub(fix, html)


def tooltip_safe(text: str) -> str:
    """``text`` as a tooltip may show it: Material's ``content.tooltips`` inserts a title as HTML,
    so the angle brackets that would open a tag become the look-alike ‹ ›. Escape the result for
    the attribute as usual."""
    return text.translate(_TOOLTIP_UNSAFE)


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "title":
        return tooltip_safe(value)
    if attribute == "headers":  # td/th headers="id1 id2" name ids of the same body
        return " ".join(BODY_ID_PREFIX + token for token in value.split())
    return value


def sanitize_html(html: str) -> str:
    """Drop scripts, event handlers, styles, iframes and javascript: URLs; keep document markup.
    Ids are moved into the body's namespace (and in-page links with them); titles made
    tooltip-safe."""
    cleaned = nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
        id_prefix=BODY_ID_PREFIX,
    )
    if 'href="#' not in cleaned:
        return cleaned
    ids = set(_ID.findall(cleaned))
    return _LOCAL_HREF.sub(
        lambda m: f'href="#{BODY_ID_PREFIX}{m[1]}"' if BODY_ID_PREFIX + m[1] in ids else m[0], cleaned
    )


def prefixed_anchor(anchor: str) -> str:
    """The id a body anchor has once cleaned (for the page's table of contents)."""
    return BODY_ID_PREFIX + anchor
