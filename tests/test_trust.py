"""Issue 19 (trust): nothing hidden is published, nothing an editor types runs in a reader's browser.

Cases that are only content go to ``tests/fixtures/invalid/`` (misplaced notices, stray YAML, empty
status, text fields YAML would change, control characters, long ids, out-of-range dates). Here:
what needs a build, a browser, the file system (symlinks, names no fixture can hold) or a clock.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, MKDOCS_YML, UNITS_YML, build, make_project, write_tree
from noticeboard.content.load import MAX_BODY_BYTES, MAX_NOTICE_ITEMS
from noticeboard.pipeline import load_site
from noticeboard.render.pages import Renderer, make_environment

AS_OF = date(2026, 5, 1)
SECRET = "BI-MAT-KHONG-DUOC-LO"
PWN = "window.__nb_pwned=1"


def notice(front: str, body: str = "Nội dung thông báo.") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}\n"


BASE = """
kind: thong-bao
issuer: ubnd-xa
date: 2026-04-10
title: Kết luận làm việc
tasks:
  - id: viec-a
    title: Việc A
    lead: van-hoa-xa-hoi
    due: 25/5/2026
"""


def _errors(content: Path, as_of: date = AS_OF) -> list[str]:
    return [p.format() for p in load_site(content, as_of).problems.errors]


def _site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NOTICEBOARD_AS_OF", "SOURCE_DATE_EPOCH")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        check=False,
    )


# -- leaks -------------------------------------------------------------------------------------
def test_misplaced_notices_and_stray_yaml_never_reach_a_non_strict_build(tmp_path):
    hidden = notice(BASE + "status: confidential", f"<p>{SECRET}</p><script>{PWN}</script>")
    project = make_project(
        tmp_path,
        {
            "Notices/2026/2026-04-11-mat.md": hidden,
            "notice/2026/2026-04-12-mat.md": hidden,
            "notices /2026/2026-04-13-mat.md": hidden,
            "2026-04-14-mat.md": hidden,
            "Progress/van-phong/2026-04-24.yml": f"by: van-phong\nupdates: []\nnote: {SECRET}\n",
            "Units.yml": UNITS_YML + f"  - id: x\n    name: {SECRET}\n",
            "du-lieu-rieng/so-lieu.yaml": f"a: {SECRET}\n",
        },
    )
    site = build(project, strict=False)
    assert (site / "index.html").is_file()
    assert SECRET not in _site_text(site)
    assert not list(site.rglob("*.yml")) and not list(site.rglob("*.yaml"))
    proc = _mkdocs(project, "--strict")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    for name in (
        "Notices/2026/2026-04-11-mat.md",
        "notice/2026/2026-04-12-mat.md",
        "notices /2026/2026-04-13-mat.md",
        "2026-04-14-mat.md",
        "Progress/van-phong/2026-04-24.yml",
        "Units.yml",
    ):
        assert name in proc.stderr, name


@pytest.mark.parametrize(
    ("publish_on", "hidden_on", "public_on"),
    [
        ("2026-05-01T20:00:00Z", date(2026, 5, 1), date(2026, 5, 2)),  # 03:00 on 2 May in Hà Nội
        ("2026-05-02 08:00:00", date(2026, 5, 1), date(2026, 5, 2)),  # no offset: the site's time
        ("2026-05-02T00:30:00+07:00", date(2026, 5, 1), date(2026, 5, 2)),
        ("2026-05-02T22:00:00-05:00", date(2026, 5, 2), date(2026, 5, 3)),  # 10:00 on 3 May in Hà Nội
        ('"2026-05-01T20:00:00Z"', date(2026, 5, 1), date(2026, 5, 2)),  # the same, quoted
    ],
)
def test_publish_on_with_a_time_is_read_in_the_site_timezone(tmp_path, publish_on, hidden_on, public_on):
    content = (
        make_project(tmp_path, {"notices/2026/2026-04-10-a.md": notice(BASE + f"publish_on: {publish_on}")})
        / "content"
    )
    assert _errors(content) == []
    assert load_site(content, hidden_on).site.notices == []
    assert [n.id for n in load_site(content, public_on).site.notices] == ["2026-04-10-a"]


def test_build_dirty_keeps_nothing_of_a_notice_that_became_hidden(tmp_path):
    project = make_project(
        tmp_path,
        {
            "notices/2026/2026-04-10-a.md": notice(BASE),
            "notices/2026/2026-04-11-b.md": notice(BASE.replace("viec-a", "viec-b")),
        },
    )
    assert _mkdocs(project).returncode == 0
    site = project / "site"
    assert (site / "thong-bao" / "2026-04-10-a" / "index.html").is_file()
    assert (site / "lich" / "thong-bao" / "2026-04-10-a.ics").is_file()
    for change in ("status: confidential", "status: draft", "publish_on: 2026-06-01"):
        (project / "content/notices/2026/2026-04-10-a.md").write_text(notice(BASE + change), encoding="utf-8")
        proc = _mkdocs(project, "--dirty")
        assert proc.returncode == 0, proc.stderr
        left = [
            p.relative_to(site).as_posix()
            for p in site.rglob("*")
            if p.is_file()
            and "2026-04-10-a" in p.read_text(encoding="utf-8", errors="replace") + p.as_posix()
        ]
        assert left == [], change
        assert (site / "thong-bao" / "2026-04-11-b" / "index.html").is_file()  # the rest is still there
        (project / "content/notices/2026/2026-04-10-a.md").write_text(notice(BASE), encoding="utf-8")
        assert _mkdocs(project, "--dirty").returncode == 0
        assert (site / "thong-bao" / "2026-04-10-a" / "index.html").is_file()


# -- what validate accepts builds -----------------------------------------------------------------
def test_symlinks_are_refused_and_what_they_point_at_is_not_published(tmp_path):
    outside = write_tree(
        tmp_path / "outside",
        {
            "2026/2026-04-10-ngoai.md": notice(BASE, SECRET),
            "bao-cao.yml": "by: van-hoa-xa-hoi\nupdates: []\n",
            "secret.md": f"# {SECRET}\n",
        },
    )
    project = make_project(tmp_path / "p", {"notices/2026/2026-04-11-that.md": notice(BASE)})
    content = project / "content"
    (content / "notices" / "2025").symlink_to(outside / "2026")
    (content / "notices" / "2026" / "2026-04-10-ngoai.md").symlink_to(
        outside / "2026" / "2026-04-10-ngoai.md"
    )
    (content / "progress").mkdir()
    (content / "progress" / "van-hoa-xa-hoi").symlink_to(outside)
    (content / "trang.md").symlink_to(outside / "secret.md")
    errors = _errors(content)
    for rel in ("notices/2025", "notices/2026/2026-04-10-ngoai.md", "progress/van-hoa-xa-hoi", "trang.md"):
        assert any(e.startswith(f"{rel}: ") and "symlink" in e for e in errors), (rel, errors)
    assert [n.id for n in load_site(content, AS_OF).site.notices] == ["2026-04-11-that"]
    site = build(project, strict=False)
    assert SECRET not in _site_text(site)


def test_a_name_too_long_for_its_calendar_file_is_an_error_not_a_traceback(tmp_path):
    long_name = "2026-04-10-" + "x" * 241 + ".md"  # 255 bytes: the file exists, <id>.ics would not fit
    project = make_project(tmp_path, {f"notices/2026/{long_name}": notice(BASE)})
    errors = _errors(project / "content")
    assert any(e.startswith(f"notices/2026/{long_name}: ") and "tối đa" in e for e in errors), errors
    proc = _mkdocs(project, "--strict")
    assert (
        proc.returncode != 0 and "Traceback" not in proc.stderr + proc.stdout and "OSError" not in proc.stderr
    )


def test_ids_match_whole_strings(tmp_path):
    project = make_project(tmp_path, {"notices/2026/2026-04-10-a\n.md": notice(BASE)})
    errors = _errors(project / "content")
    assert any("không hợp lệ" in e for e in errors), errors


def test_a_notice_too_large_for_one_page_is_refused_and_one_within_the_limits_stays_under_1_mb(tmp_path):
    row = (
        "  - id: t{i}\n    title: Tham mưu phương án sáp nhập thôn và kiện toàn tổ chức bộ máy số {i} theo quy định\n"
        "    lead: van-hoa-xa-hoi\n    support: [van-phong, kinh-te]\n    supervisor: Đ/c Dương Đăng Hoà\n"
        '    output: Báo cáo kết quả thực hiện\n    due: 25/12/2026\n    ref: "{i}"\n'
    )
    front = "kind: thong-bao\nissuer: ubnd-xa\ndate: 2026-04-10\ntitle: Kế hoạch lớn\ntasks:\n"
    short_row = "  - id: t{i}\n    title: Việc {i}\n    lead: van-hoa-xa-hoi\n    due: 25/12/2026\n"
    big = make_project(
        tmp_path / "big",
        {
            "notices/2026/2026-04-10-lon.md": notice(
                front + "".join(short_row.format(i=i) for i in range(10_000))
            )
        },
    )
    assert any("10000 mục nhiệm vụ" in e for e in _errors(big / "content"))
    body = "Nội dung. " * (MAX_BODY_BYTES // len("Nội dung. ".encode()) - 10)
    edge = make_project(
        tmp_path / "edge",
        {
            "notices/2026/2026-04-10-lon.md": notice(
                front + "".join(row.format(i=i) for i in range(MAX_NOTICE_ITEMS)), body
            )
        },
    )
    result = load_site(edge / "content", AS_OF)
    assert result.problems.errors == []
    renderer = Renderer(result.site, make_environment())
    (spec,) = [s for s in renderer.generate_pages() if s.url == "thong-bao/2026-04-10-lon/"]
    html = renderer.render(spec, body_html="x" * len(body.encode()))
    assert len(html.encode()) < 950_000  # the theme adds ~40 KB around it: under the README's ~1 MB


# -- injection -----------------------------------------------------------------------------------
UNITS_WITH_MARKUP = UNITS_YML.replace(
    "name: Phòng Văn hoá - Xã hội", f'name: "Phòng <img src=x onerror={PWN}> Văn hoá"'
)
LONG_TITLE = f"Kết luận <img src=x onerror={PWN}> của đồng chí Chủ tịch UBND xã tại buổi làm việc với các phòng, ban về nhiều việc"
BODY = f"""## Mục &lt;img src=x onerror={PWN}&gt; một rất dài để bị cắt bớt trong mục lục của trang thông báo này

<p id="__config">{{"base": ".", "features": ["content.tooltips"], "search": "x", "translations": {{}}}}</p>

Xem [liên kết](https://example.org "<img src=x onerror={PWN}>") và [mục dưới](#muc-hai).

<abbr title="<img src=x onerror={PWN}>">UBND</abbr>

## Mục hai
"""


def _injection_site(tmp_path: Path, tooltips: bool) -> Path:
    mkdocs_yml = MKDOCS_YML.format(as_of="2026-05-01")
    if tooltips:
        mkdocs_yml = mkdocs_yml.replace(
            "  language: vi\n", "  language: vi\n  features: [content.tooltips]\n"
        )
    front = BASE.replace("title: Kết luận làm việc", f'title: "{LONG_TITLE}"')
    project = write_tree(
        tmp_path,
        {
            "mkdocs.yml": mkdocs_yml,
            "content/units.yml": UNITS_WITH_MARKUP,
            "content/index.md": "# Trang chủ\n",
            "content/notices/2026/2026-04-10-a.md": notice(front, BODY),
        },
    )
    return build(project)


def _hover_everything(page) -> None:  # type: ignore[no-untyped-def]
    """Move the pointer over every element with a title or a cut-off text, as a reader would, and
    (for those another element covers) send the events Material's tooltips listen to."""
    for selector in ("[title]", ".md-ellipsis", ".md-nav__link"):
        for handle in page.query_selector_all(selector)[:40]:
            if handle.is_visible():
                with contextlib.suppress(
                    Exception
                ):  # covered by the sticky header: the events below reach it
                    handle.hover(timeout=250)
    page.evaluate("""() => document.querySelectorAll('[title], .md-ellipsis, a').forEach(el => {
        for (const type of ['mouseenter', 'mouseover', 'focus']) el.dispatchEvent(new MouseEvent(type, {bubbles: type !== 'mouseenter'}));
    })""")
    page.wait_for_timeout(600)


@pytest.fixture(scope="module")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's chromium through Playwright; with CI=true a missing tool fails the test, never skips it."""
    missing = None if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "Playwright is missing (pip install playwright)"
    if missing:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)(missing)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("tooltips", [False, True])
def test_nothing_an_editor_types_runs_in_the_page(chromium, tmp_path, tooltips):
    """With Material's content.tooltips on (titles become HTML) and off (a body could turn it on
    by planting its own id="__config"): hover every title, cut-off title and link; nothing runs."""
    site = _injection_site(tmp_path, tooltips)
    notice_html = (site / "thong-bao/2026-04-10-a/index.html").read_text(encoding="utf-8")
    assert 'id="__config"' in notice_html and notice_html.count('id="__config"') == 1  # the theme's only
    pages = [
        "thong-bao/2026-04-10-a/index.html",
        "lich/2026/05/index.html",
        "don-vi/van-hoa-xa-hoi/index.html",
    ]
    for width in (390, 1280):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for rel in pages:
                page.goto((site / rel).as_uri())
                page.wait_for_load_state("load")
                assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT"
                features = page.evaluate(
                    "JSON.parse(document.getElementById('__config').textContent).features"
                )
                assert ("content.tooltips" in features) == tooltips
                _hover_everything(page)
                assert page.evaluate("window.__nb_pwned") is None, (rel, width)
                assert (
                    page.evaluate("document.querySelectorAll('.md-tooltip2 img, .md-tooltip img').length")
                    == 0
                )
            page.goto((site / pages[0]).as_uri() + "#nd-muc-hai")
            link = page.locator("a", has_text="mục dưới")
            assert link.get_attribute("href") == "#nd-muc-hai"
            assert page.locator("#nd-muc-hai").count() == 1  # the in-page link still lands on its heading
            toc = page.evaluate("[...document.querySelectorAll('.md-nav--secondary a')].map(a => a.hash)")
            assert toc and all(h.startswith("#nd-") for h in toc), toc
            if width == 1280 and tooltips:
                page.screenshot(path=str(tmp_path / "notice-tooltips.png"), full_page=True)
        finally:
            context.close()
