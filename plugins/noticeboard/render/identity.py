"""Who publishes the portal, on every page (issue 23): Open Graph tags for shared links, the
printed page's header, the description of each generated page. No MkDocs import."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import escape

from .rows import format_date, notice_date_phrase

ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'


def og_tags(
    *,
    title: str,
    description: str,
    site_name: str,
    url: str = "",
    kind: str = "website",
    modified: date | None = None,
    image: str = "",
) -> str:
    """``<meta property="og:…">`` for Zalo and Facebook previews (they read Open Graph only)."""
    tags = [("og:type", kind), ("og:site_name", site_name), ("og:title", title), ("og:locale", "vi_VN")]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    if image:
        tags.append(("og:image", image))
    if modified is not None:
        tags.append(("article:modified_time", modified.isoformat()))
    return "".join(f'<meta property="{k}" content="{escape(" ".join(v.split()))}">' for k, v in tags if v)


def add_to_head(page_html: str, tags: str) -> str:
    at = page_html.find("</head>")
    return page_html if at < 0 else page_html[:at] + tags + page_html[at:]


def add_print_head(page_html: str, head_html: str) -> str:
    """The organization and the as-of date on top of a printed page (shown only in print)."""
    at = page_html.find(ARTICLE_OPEN)
    if at < 0:
        return page_html
    at += len(ARTICLE_OPEN)
    return page_html[:at] + head_html + page_html[at:]


def print_head(organization: str, site_name: str, as_of: date) -> str:
    who = f"<strong>{escape(organization)}</strong> · " if organization else ""
    return (
        f'<div class="nb-print-head">{who}{escape(site_name)} · số liệu tính đến ngày '
        f"{format_date(as_of)}</div>"
    )


def describe(template: str, title: str, context: dict[str, Any]) -> str:
    """The meta and Open Graph description of a generated page."""
    notice = context.get("notice")
    if notice is not None:
        number = f" số {notice.number}" if notice.number else ""
        return f"{notice.kind_label}{number} {notice_date_phrase(notice)} của {notice.issuer.name}: {notice.title}"
    unit = context.get("unit")
    if unit is not None:
        return (
            f"Tiến độ thực hiện nhiệm vụ của {unit.name}: nhiệm vụ chủ trì, phối hợp, hạn sắp tới, báo cáo."
        )
    return {
        "noticeboard/overview.html": "Tổng quan: nhiệm vụ theo trạng thái, đơn vị có nhiệm vụ quá hạn, hạn trong tuần và tháng, văn bản mới.",
        "noticeboard/register.html": "Sổ theo dõi mọi nhiệm vụ được giao: đơn vị chủ trì, phối hợp, thời hạn, trạng thái.",
        "noticeboard/units.html": "Tiến độ thực hiện nhiệm vụ của từng đơn vị: số nhiệm vụ quá hạn, đúng hạn, tỉ lệ hoàn thành đúng hạn.",
        "noticeboard/notices.html": "Thông báo, kế hoạch, quyết định đã ban hành, mới nhất trước.",
        "noticeboard/calendar.html": "Lịch hạn nhiệm vụ: hạn sắp tới, nhiệm vụ quá hạn, lịch theo tháng.",
        "noticeboard/status.html": f"{title}: danh sách nhiệm vụ theo trạng thái thực hiện.",
        "noticeboard/fields.html": "Văn bản và nhiệm vụ theo lĩnh vực.",
        "noticeboard/field.html": f"{title}: văn bản và nhiệm vụ.",
    }.get(template, title)
