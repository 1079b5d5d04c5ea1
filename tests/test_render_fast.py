"""The fast paths of the render stage give exactly what the slow, obvious code gives.

Rows in Python (render/rows.py) against ``_task_row.html`` through Jinja, and the cached
relative-link helper against ``posixpath.relpath``, on the demo and a generated corpus.
"""

from __future__ import annotations

import importlib
import itertools
import posixpath
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from noticeboard.pipeline import load_site
from noticeboard.render import rows
from noticeboard.render.pages import _ROOT, Renderer, make_environment, relative_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_tools"))
gen_corpus = importlib.import_module("gen_corpus")


def _slow_relative_url(target: str, base: str) -> str:
    path, _, anchor = target.partition("#")
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath(path or ".", base_dir.rstrip("/") or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("corpus")
    gen_corpus.generate(out, notices=40, tasks_per_notice=6, units=8, reports=60, seed=5)
    demo = load_site(ROOT / "content", date(2026, 11, 22))
    generated = load_site(out / "content", date(2026, 12, 31))
    assert not demo.problems.errors and not generated.problems.errors
    return [demo.site, generated.site]


def test_python_rows_equal_the_template_on_every_item(sites) -> None:
    compared = 0
    for site in sites:
        env = make_environment()
        template = env.get_template("noticeboard/_task_row.html")
        Renderer(site, env)  # registers the globals the template needs
        for item in site.items:
            for show_notice, show_lead, compact in itertools.product((True, False), repeat=3):
                slow = template.render(
                    item=item,
                    show_notice=show_notice,
                    show_lead=show_lead,
                    compact=compact,
                    url=lambda target: _ROOT + target,
                )
                assert rows.task_row(item, show_notice, show_lead, _ROOT, compact) == slow, item.gid
                compared += 1
    assert compared > 1000


def test_rows_from_an_overridden_template_are_used(sites, tmp_path: Path) -> None:
    override = tmp_path / "noticeboard"
    override.mkdir()
    (override / "_task_row.html").write_text(
        '<tr data-task="{{ item.gid }}"><td>ghi đè</td></tr>', encoding="utf-8"
    )
    renderer = Renderer(sites[0], make_environment([tmp_path]))
    assert "ghi đè" in renderer.task_row(sites[0].items[0], True, True)
    fast = Renderer(sites[0], make_environment())
    assert "ghi đè" not in fast.task_row(sites[0].items[0], True, True)


def test_relative_url_equals_posixpath_on_the_site_links(sites) -> None:
    site = sites[1]
    bases = ["", "thong-bao/", "nhiem-vu/2026/trang-2/", "lich/2026/03/", "don-vi/x/2025/", "tim-kiem/"]
    targets = [
        "",
        "#a",
        "thong-bao/",
        "lich/",
        "don-vi/x/",
        "don-vi/x/2025/",
        "du-lieu/nhiem-vu.json",
        *(t.url for n in site.notices[:20] for t in n.tasks[:2]),
    ]
    for base in bases:
        for target in targets:
            assert relative_url(target, base) == _slow_relative_url(target, base), (target, base)


_segment = st.sampled_from(["a", "b", "thong-bao", "x", "2026", "..", "."])


@given(
    st.lists(_segment, max_size=4),
    st.lists(_segment.filter(lambda s: s not in ("..", ".")), max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_relative_url_equals_posixpath(target, base, target_dir, base_dir) -> None:
    depth = 0
    for segment in target:
        depth += -1 if segment == ".." else 0 if segment == "." else 1
        if depth < 0:
            return  # above the site root ("..", "./.."): never produced
    t = "/".join(target) + ("/" if target_dir and target else "")
    b = "/".join(base) + ("/" if base_dir and base else "")
    assert relative_url(t, b) == _slow_relative_url(t, b)


# The month page's entries as Jinja loops: what month_day and month_agenda (render/rows.py) mirror.
_MONTH_DAY_LOOP = (
    '<ul>{% for item in day_items %}<li {{ task_attrs(item) }} class="nb-s-{{ item.status }}"><a href="{{ '
    'url(item.task.url) }}" title="{{ LABELS[item.status] }} — {{ item.task.lead.name }}">{{ item.task.title '
    "| truncate(60) }}</a></li>{% endfor %}</ul>"
)
_MONTH_AGENDA_LOOP = (
    "{% for item in month.items %}\n"
    '<li {{ task_attrs(item) }}><time datetime="{{ item.due.isoformat() }}">{{ item.due | vn_date }}</time> '
    '{{ badge(item) }} <a href="{{ url(item.task.url) }}">{{ item.task.title }}</a> <span class="nb-muted">— '
    "{{ item.task.lead.label }}</span></li>\n{% endfor %}\n"
)


def test_month_entries_in_python_equal_the_jinja_loops(sites, tmp_path: Path) -> None:
    """Every month page of the demo and a generated corpus, byte for byte, against month.html with
    the two Python calls written back as the loops they replace (a site override of month.html)."""
    from noticeboard.render.pages import TEMPLATES_DIR

    ours = (TEMPLATES_DIR / "noticeboard" / "month.html").read_text(encoding="utf-8")
    reference = ours.replace("{{ month_day(day_items) }}", _MONTH_DAY_LOOP)
    reference = reference.replace("{{ month_agenda(month.items) }}", _MONTH_AGENDA_LOOP)
    assert reference.count("{% for item in") == 2, "month.html no longer calls month_day and month_agenda"
    (tmp_path / "noticeboard").mkdir()
    (tmp_path / "noticeboard" / "month.html").write_text(reference, encoding="utf-8")
    compared = 0
    for site in sites:
        fast = Renderer(site, make_environment())
        slow = Renderer(site, make_environment([tmp_path]))
        months = [spec for spec in fast.generate_pages() if spec.kind == "month"]
        differ = [spec.url for spec in months if fast.render(spec) != slow.render(spec)]
        assert differ == []  # (pages of 100 KB: no diff of the strings themselves)
        compared += sum(len(spec.context["month"].items) for spec in months)
    assert compared > 200


def _notice_loop() -> str:
    """The task table's rows as the Jinja loop that rows.notice_rows mirrors."""
    return (
        "{% for task in tasks_in_order %}\n{% for item in task.items %}\n"
        '<tr {{ task_attrs(item) }}{% if loop.first %} id="nv-{{ task.id }}"{% endif %}>\n'
        '<td data-label="Mục">{{ task.ref or "—" }}</td>\n'
        '<td data-label="Nhiệm vụ"><strong>{{ task.title }}</strong>{% if task.items | length > 1 %} '
        '<span class="nb-muted">(kỳ {{ item.index + 1 }})</span>{% endif %}\n'
        '{% if task.output %}<br><small><span class="nb-muted">Sản phẩm:</span> {{ task.output }}</small>{% endif %}\n'
        '{% if task.supervisor %}<br><small><span class="nb-muted">Theo dõi, chỉ đạo:</span> {{ task.supervisor }}'
        "</small>{% endif %}\n"
        '{% if item.percent is not none and item.status not in ("done_on_time", "done_late") %}<br><small '
        'class="nb-muted">Tiến độ: {{ item.percent }}%</small>{% endif %}\n'
        '{% if item.note %}<br><small class="nb-note">{{ item.note }}</small>{% endif %}\n'
        "</td>\n"
        "<td data-label=\"Chủ trì\"><a href=\"{{ url('don-vi/' ~ task.lead.id ~ '/') }}\">{{ unit_label(task.lead) }}</a></td>\n"
        "<td data-label=\"Phối hợp\">{% for u in task.support %}<a href=\"{{ url('don-vi/' ~ u.id ~ '/') }}\">"
        '{{ unit_label(u) }}</a>{% if not loop.last %}, {% endif %}{% else %}<span class="nb-muted">—</span>{% endfor %}</td>\n'
        '<td data-label="Hạn">{{ due_cell(item) }}</td>\n'
        '<td data-label="Trạng thái">{{ badge(item) }}{% if item.done_on %}<br><small class="nb-muted">xong '
        "{{ item.done_on | vn_date }}</small>{% endif %}</td>\n"
        "</tr>\n{% else %}\n"
        '<tr id="nv-{{ task.id }}"><td data-label="Mục">{{ task.ref or "—" }}</td><td data-label="Nhiệm vụ"><strong>'
        '{{ task.title }}</strong><br><small class="nb-muted">Kỳ đầu tiên chưa bắt đầu ({{ task.deadline.label }}).'
        "</small></td><td data-label=\"Chủ trì\"><a href=\"{{ url('don-vi/' ~ task.lead.id ~ '/') }}\">"
        '{{ unit_label(task.lead) }}</a></td><td data-label="Phối hợp">{% for u in task.support %}{{ unit_label(u) }}{% if not '
        'loop.last %}, {% endif %}{% else %}—{% endfor %}</td><td data-label="Hạn">{{ task.deadline.label }}</td>'
        '<td data-label="Trạng thái"><span class="nb-muted">Chưa đến kỳ</span></td></tr>\n'
        "{% endfor %}\n{% endfor %}\n"
    )


def test_notice_task_rows_in_python_equal_the_jinja_loop(sites, tmp_path: Path) -> None:
    """Every notice page of the demo and a generated corpus, byte for byte, against notice.html
    with notice_rows written back as the loop it replaces (a site override of notice.html)."""
    from noticeboard.render.pages import TEMPLATES_DIR

    ours = (TEMPLATES_DIR / "noticeboard" / "notice.html").read_text(encoding="utf-8")
    reference = ours.replace("{{ notice_rows(tasks_in_order) }}", _notice_loop())
    assert reference != ours, "notice.html no longer calls notice_rows"
    (tmp_path / "noticeboard").mkdir()
    (tmp_path / "noticeboard" / "notice.html").write_text(reference, encoding="utf-8")
    shapes = set()
    for site in sites:
        fast = Renderer(site, make_environment())
        slow = Renderer(site, make_environment([tmp_path]))
        notices = [spec for spec in fast.generate_pages() if spec.kind == "notice"]
        differ = [spec.url for spec in notices if fast.render(spec) != slow.render(spec)]
        assert differ == []  # (whole pages: no diff of the strings themselves)
        for task in (t for n in site.notices for t in n.tasks):
            shapes.add("none" if not task.items else "several" if len(task.items) > 1 else "one")
            shapes.update(key for key in ("output", "supervisor", "support") if getattr(task, key))
            shapes.update(
                key for i in task.items for key in ("note", "done_on", "percent") if getattr(i, key)
            )
    assert shapes == {
        "none",
        "several",
        "one",
        "output",
        "supervisor",
        "support",
        "note",
        "done_on",
        "percent",
    }


# The item_list loop as _macros.html wrote it before its lines came from render/rows.py (issue 20);
# done items add ", xong <date>", which none of the lists that used it showed.
_ITEM_LOOP = """<ul class="nb-items">
{% for item in items %}
<li {{ task_attrs(item) }}>{{ badge(item) }} <a href="{{ url(item.task.url) }}">{{ item.task.title }}</a>
<span class="nb-muted">— {% if show_lead %}{{ item.task.lead.label }}, {% endif %}hạn {{ item.due | vn_date("thường xuyên") }}{% if item.done_on %}, xong {{ item.done_on | vn_date }}{% endif %}</span></li>
{% else %}
<li class="nb-muted">Không có.</li>
{% endfor %}
</ul>"""


def test_item_lines_in_python_equal_the_jinja_loop(sites) -> None:
    compared = 0
    for site in sites:
        env = make_environment()
        renderer = Renderer(site, env)
        macro = env.from_string(
            '{% from "noticeboard/_macros.html" import item_list with context %}'
            "{{ item_list(items, url, show_lead) }}"
        )
        slow = env.from_string(_ITEM_LOOP)
        for page_url in ("", "don-vi/kinh-te/", "nhiem-vu/trang-thai/overdue/trang-2/"):
            renderer._prefix = "../" * page_url.count("/")
            for show_lead in (True, False):
                for items in (site.items, []):
                    ctx = {
                        "items": items,
                        "show_lead": show_lead,
                        "url": lambda t, b=page_url: relative_url(t, b),
                    }
                    assert macro.render(ctx) == slow.render(ctx)
                    compared += len(items)
    assert compared > 1000


def test_unit_board_lists_the_50_longest_overdue_and_every_one_in_its_table(sites) -> None:
    """A board's overdue list is the leader's chase list (issue 20): the 50 longest overdue, each
    also in the table of tasks the unit leads, which keeps every item; supported items are lines."""
    import re

    site = sites[1]
    renderer = Renderer(site, make_environment())
    boards = [s for s in renderer.generate_pages() if s.kind == "unit" and s.context.get("mode") == "all"]
    capped = 0
    for spec in boards:
        unit = spec.context["unit"]
        html = renderer.render(spec)
        listed = html.split('id="qua-han"')[1].split('id="sap-den-han"')[0]
        led = html.split('id="chu-tri"')[1].split('id="phoi-hop"')[0]
        supported = html.split('id="phoi-hop"')[1].split('id="bao-cao"')[0]
        overdue = sorted((i for i in unit.led if i.status == "overdue"), key=lambda i: -i.days_overdue)
        found = re.findall(r'<li data-task="([^"]+)" data-status="overdue" data-due="([^"]+)"', listed)
        assert len(found) == min(50, len(overdue)), unit.id
        assert [d for _, d in found] == [i.due.isoformat() for i in overdue[:50]], unit.id
        rows = re.findall(r'<tr data-task="([^"]+)" data-status="[a-z_]+"(?: data-due="([^"]+)")?', led)
        assert sorted(rows) == sorted((i.gid, i.due.isoformat() if i.due else "") for i in unit.led)
        lines = re.findall(r'<li data-task="([^"]+)"', supported)
        assert sorted(lines) == sorted(i.gid for i in unit.supported) and "<tr" not in supported
        capped += len(overdue) > 50
    assert boards and capped, "the corpus has a board past 50 overdue items"
