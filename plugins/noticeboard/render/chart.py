"""Progress over time as build-time SVG: the on-time rate (a line) and the overdue count (bars)
at each month's report date. No script, nothing fetched: the page carries the drawing.

Two small charts rather than one with two scales (a percentage and a count on one plot read
as if they were comparable). Colours come from the page's CSS variables (classes ``nb-chart-*``
in noticeboard.css), so the charts follow the light and dark schemes and print in ink; the
attributes in the SVG are the fallback when the stylesheet is absent (a saved SVG, say).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from ..model.reports import ProgressPoint

WIDTH, HEIGHT = 600, 200
LEFT, RIGHT, TOP, BOTTOM = 52, 6, 20, 30
FONT = 16  # in viewBox units: still ~9 px when a phone draws the chart 360 px wide  # margins: axis labels left, month labels below


def _month(point: ProgressPoint) -> str:
    start = point.period.start
    return f"{start.month:02d}/{start.year % 100:02d}"


def _axis_month(points: Sequence[ProgressPoint], i: int) -> str:
    """The month under its bar: "1/26" where a year starts (and first), then "2", "3"…: twelve
    "01/26" labels ran into each other at every width (about 45 units a month)."""
    start = points[i].period.start
    if i == 0 or start.month == 1:
        return f"{start.month}/{start.year % 100:02d}"
    return str(start.month)


def _x(i: int, n: int) -> float:
    step = (WIDTH - LEFT - RIGHT) / max(n, 1)
    return LEFT + step * (i + 0.5)


def _y(value: float, top: float) -> float:
    """``value`` on a scale from 0 to ``top`` (top > 0), in SVG coordinates."""
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def nice_top(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50… at least ``value`` (an axis that ends on a round number)."""
    top, factors, i = 1, (2, 2.5, 2), 0
    while top < value:
        top = round(top * factors[i % 3])
        i += 1
    return top


def _frame(
    kind: str,
    title: str,
    desc: str,
    ticks: Sequence[tuple[float, str]],
    points: Sequence[ProgressPoint],
    ident: str,
) -> list[str]:
    out = [
        f'<svg class="nb-chart nb-chart-{kind}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    for y, label in ticks:
        out.append(
            f'<line class="nb-chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
        )
        out.append(
            f'<text class="nb-chart-label" x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="{FONT}" fill="#444">{label}</text>'
        )
    n = len(points)
    for i in range(n):
        out.append(
            f'<text class="nb-chart-label" x="{_x(i, n):.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="{FONT}" fill="#444">{_axis_month(points, i)}</text>'
        )
    return out


def rate_svg(points: Sequence[ProgressPoint], ident: str) -> str:
    """The on-time rate at each month end as a line; a month without due tasks leaves a gap."""
    n = len(points)
    ticks = [(_y(v, 100), f"{v}%") for v in (0, 25, 50, 75, 100)]
    shown = [f"{_month(p)}: {_rate_text(p)}" for p in points]
    out = _frame("rate", "Tỉ lệ hoàn thành đúng hạn cuối mỗi tháng", "; ".join(shown), ticks, points, ident)
    runs: list[list[str]] = [[]]
    for i, p in enumerate(points):
        if p.rate is None:
            runs.append([])
            continue
        x, y = _x(i, n), _y(p.rate * 100, 100)
        runs[-1].append(f"{x:.1f},{y:.1f}")
    for run in runs:
        if len(run) > 1:
            out.append(
                f'<polyline class="nb-chart-line" points="{" ".join(run)}" fill="none" stroke="#276d2b" stroke-width="2.5"/>'
            )
    for i, p in enumerate(points):
        if p.rate is not None:
            out.append(
                f'<circle class="nb-chart-dot" cx="{_x(i, n):.1f}" cy="{_y(p.rate * 100, 100):.1f}" r="4" fill="#276d2b">'
                f"<title>{_month(p)}: {_rate_text(p)}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


def overdue_svg(points: Sequence[ProgressPoint], ident: str) -> str:
    """The number of overdue tasks at each month end as bars, each labelled with its number."""
    n = len(points)
    top = nice_top(max((p.overdue for p in points), default=0))
    ticks = [(_y(v, top), str(v)) for v in ((0, top // 2, top) if top % 2 == 0 else (0, top))]
    shown = [f"{_month(p)}: {p.overdue}" for p in points]
    out = _frame("overdue", "Số nhiệm vụ quá hạn cuối mỗi tháng", "; ".join(shown), ticks, points, ident)
    width = (WIDTH - LEFT - RIGHT) / max(n, 1) * 0.6
    for i, p in enumerate(points):
        y = _y(p.overdue, top)
        x = _x(i, n) - width / 2
        height = _y(0, top) - y
        if p.overdue:
            out.append(
                f'<rect class="nb-chart-bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#c62828">'
                f"<title>{_month(p)}: {p.overdue}</title></rect>"
            )
        out.append(
            f'<text class="nb-chart-value" x="{_x(i, n):.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="{FONT - 2}" fill="#444">{p.overdue}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _rate_text(point: ProgressPoint) -> str:
    if point.rate is None:
        return "chưa có nhiệm vụ đến hạn"
    return f"{point.rate * 100:.0f}% ({point.on_time}/{point.due})"
