"""The editor's guide (content/huong-dan-bien-tap.md): its examples validate as written against the
demo's units.yml, and it covers what a clerk does (install, preview, validate, import)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from conftest import REPO
from noticeboard.pipeline import load_site

GUIDE = REPO / "content" / "huong-dan-bien-tap.md"
FENCE = re.compile(r"^( *)```(\w+)\n(.*?)^\1```$", re.S | re.M)


def _blocks(lang: str, marker: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        if m.group(2) == lang and marker in m.group(3):
            indent = len(m.group(1))
            found.append("".join(line[indent:] for line in m.group(3).splitlines(keepends=True)))
    return found


def _named_path(pattern: str) -> str:
    """The file name the guide itself gives the example (so the text and the example agree)."""
    found = re.search(pattern, GUIDE.read_text(encoding="utf-8"))
    assert found, pattern
    return found.group(1)


def test_the_guides_examples_validate_against_the_demo_units(tmp_path):
    [notice] = _blocks("markdown", "tasks:")
    [report] = _blocks("yaml", "updates:")
    [unit] = _blocks("yaml", "- id: ")
    notice_path = _named_path(r"ví dụ\s+`content/(notices/\d{4}/[a-z0-9-]+\.md)`")
    report_path = _named_path(r"ví dụ\s+`content/(progress/[a-z0-9-]+/\d{4}-\d{2}-\d{2}\.yml)`")
    content = tmp_path / "content"
    content.mkdir()
    units = (REPO / "content" / "units.yml").read_text(encoding="utf-8")
    (content / "units.yml").write_text(units.rstrip("\n") + "\n" + unit, encoding="utf-8")
    for rel, text in ((notice_path, notice), (report_path, report)):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = load_site(content, date(2026, 5, 1))
    assert [p.format() for p in result.problems.items] == []  # no error, no warning
    notice_id = Path(notice_path).stem
    statuses = {
        gid.split("/")[1]: task.items[0].status
        for gid, task in result.site.tasks_by_gid.items()
        if gid.startswith(notice_id + "/")
    }
    # the report is applied as the guide says: done, extended (in time again), in progress
    assert statuses == {
        "sap-nhap-thon": "done_on_time",
        "de-an-vi-tri-viec-lam": "in_progress",
        "kiem-tra-di-tich": "in_progress",
    }
    assert any(u.id == "tu-phap-bat-trang" for u in result.site.units)
    notice_record = next(n for n in result.records.notices if n.id == notice_id)
    assert "Các phòng, ban, đơn vị thuộc xã" in notice_record.recipients


def test_the_guides_date_left_blank_lines_validate(tmp_path):
    """Each ``date_left_blank:`` line the guide tells clerks to add is accepted in its notice example."""
    [notice] = _blocks("markdown", "tasks:")
    lines = re.findall(r"`(date_left_blank: [^`]+)`", GUIDE.read_text(encoding="utf-8"))
    assert sorted(lines) == ["date_left_blank: day", "date_left_blank: day-month"]
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("notices", "progress"))
    for i, line in enumerate(lines):
        path = content / "notices" / "2026" / f"2026-04-0{i + 1}-de-trong-ngay.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            notice.replace("\ndate: 2026-04-10 ", f"\n{line}\ndate: 2026-04-10 "), encoding="utf-8"
        )
    result = load_site(content, date(2026, 5, 1))
    assert [p.format() for p in result.problems.items] == []
    assert sorted(n.date_left_blank for n in result.records.notices) == ["day", "day-month"]


def test_the_demo_content_has_no_warning(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = load_site(tmp_path / "content", date(2026, 11, 21))
    assert [p.format() for p in result.problems.items if p.severity == "warning"] == []


def test_the_guide_covers_install_preview_validate_and_import():
    text = GUIDE.read_text(encoding="utf-8")
    for words in (
        "pip install -e .",
        "mkdocs serve",
        "noticeboard validate",
        "noticeboard import",
        "mkdocs build --strict",
        "site_url",
    ):
        assert words in text, words
    assert "mỗi mục một dòng" in text  # block lists are recommended
    assert "recipients: [" not in "".join(_blocks("markdown", "tasks:"))
