"""Scale: long lists are split so every page stays light, and the work grows linearly.

No timing assertions (shared CI machines are noisy): growth is checked through counts of
pages and output files; build times are in BENCHMARKS.md (build_tools/bench.py).
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.content import fastyaml, yamlio
from noticeboard.pipeline import load_site
from noticeboard.render import pages as pages_mod
from noticeboard.render.outputs import OutputContext, generate_outputs
from noticeboard.render.pages import Renderer, make_environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_tools"))
gen_corpus = importlib.import_module("gen_corpus")

SMALL = {"notices": 30, "tasks_per_notice": 6, "units": 8, "reports": 40, "seed": 3}
ITEM_RE = re.compile(r'<(?:tr|li) data-task="([^"]+)" data-status="([a-z_]+)"(?: data-due="([0-9-]+)")?')
PART_RE = re.compile(r'data-nb-register-part="([^"]+)"')


def _site(out: Path):
    result = load_site(out / "content", date(2026, 12, 31))
    assert not result.problems.errors, result.problems.report()
    return result.site


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("scale")
    gen_corpus.generate(out, **SMALL)
    return _site(out)


def _render_all(site, monkeypatch: pytest.MonkeyPatch, **limits: int) -> dict[str, str]:
    for name, value in limits.items():
        monkeypatch.setattr(pages_mod, name, value)
    renderer = Renderer(site, make_environment())
    return {spec.url: renderer.render(spec) for spec in renderer.generate_pages()}


def _items(html: str) -> list[tuple[str, str]]:
    return [(gid, due or "") for gid, _status, due in ITEM_RE.findall(html)]


def test_register_split_puts_every_task_item_on_exactly_one_page(small_site, monkeypatch) -> None:
    html = _render_all(small_site, monkeypatch, REGISTER_PAGE_ITEMS=25)
    parts = {url: page for url, page in html.items() if url.startswith("nhiem-vu/") and PART_RE.search(page)}
    assert "nhiem-vu/" not in parts  # the root is a summary once the register is split
    assert len(parts) > len({i.due.year for i in small_site.items if i.due})  # years, and pages within years
    assert any("/trang-2/" in url for url in parts)
    assert all(PART_RE.search(page)[1] == url.split("/")[1] for url, page in parts.items())
    seen = Counter(item for page in parts.values() for item in _items(page))
    expected = Counter((i.gid, i.due.isoformat() if i.due else "") for i in small_site.items)
    assert seen == expected  # each item once, with its data-task / data-status / data-due marks
    assert max(seen.values()) == 1
    for url, page in parts.items():  # an item sits on the page of its due year
        key = url.split("/")[1]
        assert all((due[:4] if due else "khong-han") == key for _, due in _items(page))
    root = html["nhiem-vu/"]
    for url in parts:
        if "/trang-" not in url:
            assert f'href="{url.removeprefix("nhiem-vu/")}"' in root


def test_small_register_stays_one_page(small_site, monkeypatch) -> None:
    html = _render_all(small_site, monkeypatch)
    # the status pages (nhiem-vu/trang-thai/<status>/) are the register filtered, not parts of it
    assert not [
        url
        for url in html
        if url.startswith("nhiem-vu/") and url != "nhiem-vu/" and not url.startswith("nhiem-vu/trang-thai/")
    ]
    assert Counter(_items(html["nhiem-vu/"])) == Counter(
        (i.gid, i.due.isoformat() if i.due else "") for i in small_site.items
    )


def test_unit_split_keeps_every_led_and_supported_item(small_site, monkeypatch) -> None:
    html = _render_all(small_site, monkeypatch, UNIT_PAGE_ITEMS=10)
    for unit in small_site.units:
        if len(unit.led) + len(unit.supported) <= 10:
            continue
        years = {
            url: page
            for url, page in html.items()
            if url.startswith(f"don-vi/{unit.id}/") and url.count("/") == 3
        }
        assert years
        led = Counter(item for page in years.values() for item in _items(page.split('id="phoi-hop"')[0]))
        supported = Counter(
            item for page in years.values() for item in _items(page.split('id="phoi-hop"')[1])
        )
        assert led == Counter((i.gid, i.due.isoformat() if i.due else "") for i in unit.led)
        assert supported == Counter((i.gid, i.due.isoformat() if i.due else "") for i in unit.supported)


def test_notices_split_by_year_keeps_every_notice(small_site, monkeypatch) -> None:
    html = _render_all(small_site, monkeypatch, NOTICES_PAGE_ITEMS=5)
    lists = [
        page for url, page in html.items() if url == "thong-bao/" or re.fullmatch(r"thong-bao/\d{4}/", url)
    ]
    listed = Counter(n for page in lists for n in re.findall(r'<li data-notice="([^"]+)"', page))
    assert listed == Counter(n.id for n in small_site.notices)


def _count_outputs(out: Path) -> tuple[int, int]:
    site = _site(out)
    specs = Renderer(site, make_environment()).generate_pages()
    outputs = generate_outputs(site, OutputContext("https://example.org/", "x", "Asia/Ho_Chi_Minh"))
    return len(specs), len(specs) + len(outputs)


def test_pages_and_outputs_grow_linearly(tmp_path: Path) -> None:
    sizes = {}
    for n in (60, 120):
        gen_corpus.generate(
            tmp_path / str(n), notices=n, tasks_per_notice=10, units=12, reports=3 * n, seed=1
        )
        sizes[n] = _count_outputs(tmp_path / str(n))
    pages_n, files_n = sizes[60]
    pages_2n, files_2n = sizes[120]
    assert pages_2n <= 2.1 * pages_n
    assert files_2n <= 2.1 * files_n


def _same(a, b, where: str = "$") -> None:
    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert list(a) == list(b) and a.line == b.line and a.key_lines == b.key_lines and a.raw == b.raw, (
            where
        )
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b) and a.line == b.line and a.item_lines == b.item_lines and a.raw == b.raw, (
            where
        )
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def _yaml_texts(root: Path):
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in (".yml", ".yaml", ".md"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".md":
            if not text.startswith("---\n") or "\n---\n" not in text[3:]:
                continue
            yield path, text[4:].split("\n---\n", 1)[0], 1
        else:
            yield path, text, 0


def test_fast_yaml_reader_agrees_with_pyyaml(tmp_path: Path) -> None:
    gen_corpus.generate(tmp_path / "plain", **SMALL)
    gen_corpus.generate(tmp_path / "commented", **SMALL, comments=True)
    fast: Counter[str] = Counter()
    roots = {
        "plain": tmp_path / "plain" / "content",
        "commented": tmp_path / "commented" / "content",
        "demo": ROOT / "content",
        "fixtures": ROOT / "tests" / "fixtures",
    }
    for name, root in roots.items():
        for path, text, offset in _yaml_texts(root):
            try:
                got = fastyaml.read(text, offset)
            except (fastyaml.Unsupported, RecursionError):
                continue
            fast[name] += 1
            try:
                expected = yamlio.load_yaml_pyyaml(text, offset)
            except yamlio.YamlProblem as err:
                pytest.fail(f"{path}: the fast reader accepted what PyYAML refuses ({err})")
            _same(got, expected, str(path))
    assert fast["plain"] > 60
    # the guide's "# yaml-language-server" line and comments after values keep a file on the fast
    # path: every generated file, and the demo's notices and reports (written with comments)
    assert fast["commented"] == fast["plain"]
    assert fast["demo"] >= 13, fast  # of 14: a flow map with a comma in a quoted value is PyYAML's


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: yes\nc: ~\nd: 2026-04-25\ne: 1.5\nf: '0x1F'\ng: on\n",
        "k: [a, 'b, c', \"d\", 2026, ]\n",
        "k: {x: 1, y: z}\nl:\n- a\n-\n  - b\n",
        "tasks:\n  - id: a\n    due: Q2/2026\n  -   id: b\n      support: []\n",
        "a: b: c\n",
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: |\n  text\n",
        "a: x\n  y\n",
        "title: V/v [x] {y}, z\n",
        "date: 2026-02-31\n",
        "- a\nb: c\n",
        "",
        "# yaml-language-server: $schema=x.json\nkind: ke-hoach  # c\n",
        "a:  # nothing\nb:\n  # before\n  - x # y\n  -   # empty\n  - [p, q]  # r\n",
        "a: \"x #y\"  # z\nb: 'it''s' # q\nc: a#b\n- x\n",
        'a: "x #y"\nb: it\'s # c\n',
        "- \"q\" # c\n- k: 'v'  #\n  # end\n",
        'a: "x"#c\n',
        "a: 'x' y # c\n",
        'a: [b, "c"] # d\n',
        "a: x\n  # c\n  y\n",
        "# only a comment\n",
    ],
)
def test_fast_yaml_reader_agrees_or_gives_up(text: str) -> None:
    try:
        got = fastyaml.read(text, 3)
    except fastyaml.Unsupported:
        return
    _same(got, yamlio.load_yaml_pyyaml(text, 3))


# Pieces of content-like YAML, so random documents reach every branch of the fast reader:
# keys PyYAML reads as booleans or None, dates real and not, numbers, quotes, flow lists and maps.
YAML_KEYS = ["id", "title", "due", "tasks", "note", "on_time", "_k", "a-b", "Y2"]
YAML_WORD_KEYS = ["no", "No", "NULL", "nuLL", "on", "yes", "True"]  # PyYAML: booleans and None
yaml_key = st.sampled_from(YAML_KEYS * 8 + YAML_WORD_KEYS)
YAML_SCALARS = [
    "x",
    "Bát Tràng",
    "2026-04-25",
    "2026-4-5",
    "0099-01-01",
    "25/4/2026",
    "Q2/2026",
    "12",
    "012",
    "0x1F",
    "1_000",
    "1.5",
    ".5",
    "-3",
    "+4",
    "1:30",
    "~",
    "null",
    "Null",
    "no",
    "On",
    "OFF",
    "y",
    "nuLL",
    "tháng 12/2026",
    "'a''b'",
    '"q"',
    "'x'",
    "[a, b]",
    "[a, 'b, c', \"d\", 2026-04-25, yes]",
    "[]",
    "{x: 1}",
    "{}",
    "２０２６-０４-２５",
    "V/v [x] {y}",
    # words the reader takes as strings without asking PyYAML: a bool/null letter first, a digit first
    "Tuyên truyền",
    "Nope",
    "nullable",
    "Yes sir",
    "2023-12-12-kh-x",
    "12 ngày",
    "1e5",
    "1E+5",
    "0o17",
    "0b101",
    "1_0:30",
    "3.",
    "2026-04-25T10:00:00",
    "2026-04-25 10:00:00 +7",
    # flow lists of plain words split at commas
    "[yes, No, 12, 2026-04-25, 1:30, x y]",
    "[Tháng 5, truong-a, 0x1F, 1.5e+3]",
    "[ a ,  b ]",
    "[.5, ~, null]",
]
# ... and, now and then, what the fast reader must give up on or PyYAML refuses
YAML_ODD_SCALARS = [
    "2026-02-31",
    '"a: b"',
    "a: b",
    "x:",
    "-",
    "- x",
    "[a, ]",
    "{x: 1, x: 2}",
    "'a",
    "[a",
    "[a,,b]",
    "[a, -b]",
    "[a, ?b]",
    "[a, &b]",
    "[,a]",
    "[a, b c: d]",
    "[2026-02-31]",
]
# "#" inside values is text, not a comment
YAML_SCALARS += ["a#b", '"x #y"', "'x # y'", "'it''s #1'", '"#"', "C#"]
yaml_scalar = st.sampled_from(YAML_SCALARS * 6 + YAML_ODD_SCALARS)
# comments as editors write them after a value
yaml_comment = st.sampled_from(["  # ghi chú", " #", ' # "x"', " # a: b", "#x", "   # 'q"])


@st.composite
def yaml_documents(draw, indent: int = 0, depth: int = 0) -> str:
    """A block mapping or sequence of content-like lines, sometimes slightly off (indents, dashes)."""
    pad = " " * indent
    lines = []
    as_list = draw(st.booleans())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        key = draw(yaml_key)
        nested = depth < 2 and draw(st.integers(min_value=0, max_value=3)) == 0
        if as_list and draw(st.booleans()):
            lines.append(f"{pad}- {draw(yaml_scalar)}")
        elif as_list:
            step = draw(st.sampled_from([2, 2, 3, 4]))
            lines.append(f"{pad}-{' ' * (step - 1)}{key}: {draw(yaml_scalar)}")
            lines.append(
                draw(yaml_documents(indent + step, depth + 1)) if nested else f"{pad}{' ' * step}id: x"
            )
        elif nested:
            lines.append(f"{pad}{key}:")
            lines.append(draw(yaml_documents(indent + draw(st.sampled_from([0, 2, 2, 4])), depth + 1)))
        else:
            lines.append(f"{pad}{key}:{draw(st.sampled_from([' ', ' ', '  ', '']))}{draw(yaml_scalar)}")
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            lines[-1] += draw(yaml_comment)
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", " x: 1", "- y", "# c", "    # c", "#"])))
    return "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(yaml_documents(), st.integers(min_value=0, max_value=5))
def test_fast_yaml_reader_agrees_or_gives_up_on_random_documents(text: str, offset: int) -> None:
    """Whatever the fast reader accepts, PyYAML reads to the same values on the same lines."""
    try:
        got = fastyaml.read(text, offset)
    except (fastyaml.Unsupported, RecursionError):
        return
    try:
        expected = yamlio.load_yaml_pyyaml(text, offset)
    except yamlio.YamlProblem as err:
        pytest.fail(f"the fast reader accepted what PyYAML refuses ({err}): {text!r}")
    _same(got, expected, repr(text))


@pytest.mark.slow
def test_no_page_of_a_300_notice_corpus_exceeds_1_5_mb(tmp_path: Path) -> None:
    gen_corpus.generate(
        tmp_path, notices=300, tasks_per_notice=10, units=30, reports=900, seed=1, mkdocs=True
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        check=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 300
    sizes = {p.relative_to(tmp_path / "site").as_posix(): p.stat().st_size for p in pages}
    too_big = {path: size for path, size in sizes.items() if size > 1.5 * 1024 * 1024}
    assert not too_big, too_big


def test_bench_tables_from_a_saved_run_show_each_rounds_ratio(tmp_path: Path, capsys) -> None:
    """bench.py --from-json writes the tables of a saved run; a/b' is shown per round (each a and
    b' ran side by side) besides the ratio of the medians."""
    bench = importlib.import_module("bench")

    def runs(walls):
        return [
            {
                "wall": w,
                "cpu": w * 1.5,
                "max_rss_mb": 100.0,
                "max_tree_pss_mb": 200.0,
                "stages": {"load": 0.5, "check": 0.1, "model": 0.2},
            }
            for w in walls
        ]

    def summary(walls):
        return {
            "wall_median": sorted(walls)[1],
            "cpu_median": sorted(walls)[1] * 1.5,
            "max_rss_mb": 100.0,
            "max_tree_pss_mb": 200.0,
        }

    a, b2 = [20.0, 21.0, 30.0], [20.0, 10.0, 25.0]
    size = {"bytes": 1e6, "files": 10, "largest_html": "x/index.html", "largest_html_bytes": 2048}
    result = {
        "scale": 1.0,
        "notices": 1000,
        "tasks": 10000,
        "reports": 3000,
        "rounds": 3,
        "runs": {"noticeboard": runs(a), "mkdocs_pagefind": runs(b2)},
        "noticeboard": {**summary(a), "stages_median": {"load": 0.5, "check": 0.1, "model": 0.2}},
        "noticeboard_one": summary(a),
        "mkdocs": summary(b2),
        "mkdocs_pagefind": summary(b2),
        "sizes": {"noticeboard": size, "mkdocs": size},
        "ratio_a_b": 1.0,
        "ratio_a_b_pagefind": 21.0 / 20.0,
        "ratio_a_b_pagefind_cpu": 1.0,
        "ratio_a1_b_pagefind": 1.0,
    }
    saved = tmp_path / "run.json"
    saved.write_text(__import__("json").dumps({"hugo": None, "results": [result]}), encoding="utf-8")
    assert bench.main(["--from-json", str(saved), "--no-md"]) == 0
    out = capsys.readouterr().out
    assert (
        "| **1.05** | 1.00 / 2.10 / 1.20 (1.20) |" in out
    )  # ratio of medians, then each round's and their median
    assert "| 1.0x | 0.50 | 0.10 | 0.20 |" in out
