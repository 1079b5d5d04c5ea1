"""One test per validation rule: the right file, the right line, a plain message and a fix."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import UNITS_YML, build, make_project, notice, write_tree
from noticeboard.pipeline import load_site

GOOD_NOTICE = notice(
    """
    kind: thong-bao
    number: 45/TB-UBND
    issuer: ubnd-xa
    date: 2026-04-10
    title: Kết luận làm việc với Phòng Văn hoá - Xã hội
    tasks:
      - id: sap-nhap-thon
        title: Tham mưu phương án sáp nhập thôn
        lead: van-hoa-xa-hoi
        support: [van-phong]
        due: 25/4/2026
    """
)
NOTICE_PATH = "notices/2026/2026-04-10-vhxh.md"


def problems_for(tmp_path: Path, files: dict[str, str], units: str = UNITS_YML) -> list:
    tree = {"units.yml": units, **files}
    write_tree(tmp_path / "content", tree)
    result = load_site(tmp_path / "content", date(2026, 5, 1))
    return result.problems.errors


def only(errors: list, path: str, line: int, *words: str):
    matching = [e for e in errors if e.path == path and e.line == line]
    assert matching, f"no error at {path}:{line}; got {[e.format() for e in errors]}"
    text = matching[0].format()
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    assert matching[0].fix, "every error says how to fix it"
    return matching[0]


def test_valid_content_has_no_problem(tmp_path):
    assert problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE}) == []


# --- units.yml -----------------------------------------------------------------------------
def test_duplicate_unit_id(tmp_path):
    units = UNITS_YML + "  - id: kinh-te\n    name: Phòng Kinh tế (trùng)\n"
    errors = problems_for(tmp_path, {}, units=units)
    only(errors, "units.yml", 18, "kinh-te", "trùng")


def test_unit_id_with_diacritics(tmp_path):
    units = UNITS_YML + "  - id: phòng tư pháp\n    name: Phòng Tư pháp\n"
    errors = problems_for(tmp_path, {}, units=units)
    only(errors, "units.yml", 18, "phòng tư pháp", "không dấu")


def test_unknown_parent(tmp_path):
    units = UNITS_YML + "  - id: tu-phap\n    name: Phòng Tư pháp\n    parent: ubnd-xaa\n"
    errors = problems_for(tmp_path, {}, units=units)
    only(errors, "units.yml", 20, "ubnd-xaa", "ubnd-xa")


def test_unit_without_name(tmp_path):
    errors = problems_for(tmp_path, {}, units=UNITS_YML + "  - id: tu-phap\n")
    only(errors, "units.yml", 18, "name")


# --- notices --------------------------------------------------------------------------------
def test_notice_without_front_matter(tmp_path):
    errors = problems_for(tmp_path, {NOTICE_PATH: "THÔNG BÁO\n\nNội dung\n"})
    only(errors, NOTICE_PATH, 1, "---")


def test_notice_missing_required_keys(tmp_path):
    errors = problems_for(tmp_path, {NOTICE_PATH: notice("kind: thong-bao\nissuer: ubnd-xa\n")})
    texts = " ".join(e.format() for e in errors)
    assert "“date”" in texts and "“title”" in texts


def test_unknown_key_did_you_mean(tmp_path):
    text = GOOD_NOTICE.replace("issuer: ubnd-xa", "isuer: ubnd-xa")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 4, "isuer", "issuer")


def test_unknown_task_key_did_you_mean(tmp_path):
    text = GOOD_NOTICE.replace("support: [van-phong]", "suport: [van-phong]")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 11, "suport", "support")


def test_unknown_issuer_unit(tmp_path):
    text = GOOD_NOTICE.replace("issuer: ubnd-xa", "issuer: ubnd-xaa")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 4, "ubnd-xaa", "units.yml", "ubnd-xa")


def test_unknown_lead_unit(tmp_path):
    text = GOOD_NOTICE.replace("lead: van-hoa-xa-hoi", "lead: van-hoa")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 10, "van-hoa", "chủ trì")


def test_two_leads(tmp_path):
    text = GOOD_NOTICE.replace("lead: van-hoa-xa-hoi", "lead: [van-hoa-xa-hoi, kinh-te]")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 10, "một đơn vị chủ trì", "support")


def test_lead_also_support(tmp_path):
    text = GOOD_NOTICE.replace("support: [van-phong]", "support: [van-phong, van-hoa-xa-hoi]")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 11, "vừa chủ trì vừa phối hợp")


def test_duplicate_task_id(tmp_path):
    text = GOOD_NOTICE.replace(
        "---\n\nNội", "  - id: sap-nhap-thon\n    title: Lặp lại\n    lead: kinh-te\n---\n\nNội"
    )
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 13, "sap-nhap-thon", "trùng")


def test_duplicate_notice_id_across_years(tmp_path):
    other = GOOD_NOTICE.replace("date: 2026-04-10", "date: 2025-04-10")
    errors = problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE, "notices/2025/2026-04-10-vhxh.md": other})
    only(errors, "notices/2026/2026-04-10-vhxh.md", 0, "trùng", "notices/2025/2026-04-10-vhxh.md")


def test_notice_in_wrong_year_folder(tmp_path):
    errors = problems_for(tmp_path, {"notices/2025/2026-04-10-vhxh.md": GOOD_NOTICE})
    only(errors, "notices/2025/2026-04-10-vhxh.md", 5, "2025")


def test_notice_outside_year_folder(tmp_path):
    errors = problems_for(tmp_path, {"notices/2026-04-10-vhxh.md": GOOD_NOTICE})
    only(errors, "notices/2026-04-10-vhxh.md", 0, "notices/<năm>/")


def test_notice_file_name_with_spaces(tmp_path):
    errors = problems_for(tmp_path, {"notices/2026/Thông báo 45.md": GOOD_NOTICE})
    only(errors, "notices/2026/Thông báo 45.md", 0, "Tên tệp")


def test_impossible_notice_date(tmp_path):
    text = GOOD_NOTICE.replace("date: 2026-04-10", "date: 2026-02-31")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 5, "2026-02-31")


def test_unknown_kind(tmp_path):
    errors = problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE.replace("kind: thong-bao", "kind: thongbao")})
    only(errors, NOTICE_PATH, 2, "thongbao", "thong-bao")


def test_unknown_status(tmp_path):
    text = GOOD_NOTICE.replace("kind: thong-bao", "kind: thong-bao\nstatus: secret")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 3, "secret", "confidential")


def test_bad_deadline_quotes_text(tmp_path):
    errors = problems_for(
        tmp_path, {NOTICE_PATH: GOOD_NOTICE.replace("due: 25/4/2026", "due: sớm nhất có thể")}
    )
    only(errors, NOTICE_PATH, 12, "sớm nhất có thể")


def test_impossible_deadline(tmp_path):
    errors = problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE.replace("due: 25/4/2026", "due: 31/2/2026")})
    only(errors, NOTICE_PATH, 12, "31/2/2026")


def test_deadline_before_notice_date(tmp_path):
    errors = problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE.replace("due: 25/4/2026", "due: 25/3/2026")})
    only(errors, NOTICE_PATH, 12, "25/3/2026")


def test_duplicate_yaml_key(tmp_path):
    text = GOOD_NOTICE.replace("date: 2026-04-10", "date: 2026-04-10\ndate: 2026-04-11")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 6, "hai lần", "dòng 5")


def test_tab_indentation(tmp_path):
    text = GOOD_NOTICE.replace("    lead: van-hoa-xa-hoi", "\tlead: van-hoa-xa-hoi")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 10, "Tab")


def test_unquoted_colon_in_title(tmp_path):
    text = GOOD_NOTICE.replace("title: Kết luận làm việc", "title: Kết luận: làm việc")
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 6, "hai chấm", "nháy")


def test_yaml_alias_refused(tmp_path):
    text = GOOD_NOTICE.replace("support: [van-phong]", "support: &s [van-phong]").replace(
        "due: 25/4/2026", "due: 25/4/2026\n  - id: b\n    title: B\n    lead: kinh-te\n    support: *s"
    )
    errors = problems_for(tmp_path, {NOTICE_PATH: text})
    only(errors, NOTICE_PATH, 11, "&", "*")


def test_not_utf8(tmp_path):
    path = tmp_path / "content" / NOTICE_PATH
    path.parent.mkdir(parents=True)
    path.write_bytes(GOOD_NOTICE.encode("utf-8").replace("Phòng".encode(), b"Ph\xf2ng"))  # Latin-1 bytes
    errors = problems_for(tmp_path, {})
    only(errors, NOTICE_PATH, 6, "UTF-8")


@pytest.mark.parametrize(
    "recipients, warned",
    [
        ("[TT Đảng ủy - TT HĐND xã, Các phòng, ban, đơn vị thuộc xã]", True),
        (
            "[TT Đảng ủy - TT HĐND xã, Các phòng,\n    ban, đơn vị thuộc xã]",
            True,
        ),  # a flow list over two lines
        ('[TT Đảng ủy - TT HĐND xã, "Các phòng, ban, đơn vị thuộc xã"]', False),
        ("\n  - TT Đảng ủy - TT HĐND xã\n  - Các phòng\n  - ban", False),  # a block list is meant as written
        ("[Như trên, Lưu VT (02)]", False),
    ],
)
def test_a_name_split_at_its_commas_is_warned_of(tmp_path, recipients, warned):
    front = GOOD_NOTICE.replace("title: Kết luận", f"recipients: {recipients}\ntitle: Kết luận")
    write_tree(tmp_path / "content", {"units.yml": UNITS_YML, NOTICE_PATH: front})
    result = load_site(tmp_path / "content", date(2026, 5, 1))
    assert result.problems.errors == []
    warnings = [w for w in result.problems.warnings if "tách" in w.message]
    if not warned:
        assert warnings == []
        return
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning.path, warning.line) == (NOTICE_PATH, 6)
    assert "“Các phòng, ban, đơn vị thuộc xã”" in warning.message and "“ban”" in warning.message
    assert '- "Các phòng, ban, đơn vị thuộc xã"' in warning.fix
    assert "TT Đảng ủy" not in warning.message


def test_aliases_written_in_lowercase_are_not_pieces(tmp_path):
    """Aliases are names as documents write them mid-sentence, lowercase included."""
    units = UNITS_YML.replace(
        "aliases: [Phòng VH-XH]", "aliases: [phòng VH-XH, các tổ chức chính trị, Phòng Văn hoá, xã hội]"
    )
    write_tree(tmp_path / "content", {"units.yml": units})
    assert load_site(tmp_path / "content", date(2026, 5, 1)).problems.warnings == []


# --- progress reports ----------------------------------------------------------------------
REPORT = """\
by: van-hoa-xa-hoi
updates:
  - task: 2026-04-10-vhxh/sap-nhap-thon
    state: done
    done_on: 2026-04-23
    note: Đã trình phương án
"""
REPORT_PATH = "progress/van-hoa-xa-hoi/2026-04-24.yml"


def report_errors(tmp_path, text, path=REPORT_PATH):
    return problems_for(tmp_path, {NOTICE_PATH: GOOD_NOTICE, path: text})


def test_valid_report(tmp_path):
    assert report_errors(tmp_path, REPORT) == []


def test_report_in_wrong_folder(tmp_path):
    errors = report_errors(tmp_path, REPORT.replace("by: van-hoa-xa-hoi", "by: van-phong"))
    only(errors, REPORT_PATH, 1, "van-phong", "progress/van-phong/")


def test_report_folder_not_a_unit(tmp_path):
    path = "progress/vhxh/2026-04-24.yml"
    errors = report_errors(tmp_path, REPORT.replace("by: van-hoa-xa-hoi", "by: vhxh"), path)
    only(errors, path, 0, "vhxh")


def test_report_unknown_task(tmp_path):
    errors = report_errors(tmp_path, REPORT.replace("sap-nhap-thon", "sap-nhap"))
    only(errors, REPORT_PATH, 3, "sap-nhap", "2026-04-10-vhxh/sap-nhap-thon")


def test_report_on_task_of_other_unit(tmp_path):
    path = "progress/kinh-te/2026-04-24.yml"
    errors = report_errors(tmp_path, REPORT.replace("by: van-hoa-xa-hoi", "by: kinh-te"), path)
    only(errors, path, 3, "kinh-te", "không chủ trì hay phối hợp")


def test_report_done_without_date(tmp_path):
    errors = report_errors(tmp_path, REPORT.replace("    done_on: 2026-04-23\n", ""))
    only(errors, REPORT_PATH, 3, "done_on")


def test_report_done_after_report_date(tmp_path):
    errors = report_errors(tmp_path, REPORT.replace("done_on: 2026-04-23", "done_on: 2026-04-30"))
    only(errors, REPORT_PATH, 5, "30/04/2026", "24/04/2026")


def test_report_unknown_state(tmp_path):
    errors = report_errors(
        tmp_path, REPORT.replace("state: done", "state: finished").replace("    done_on: 2026-04-23\n", "")
    )
    only(errors, REPORT_PATH, 4, "finished", "in_progress")


def test_report_percent_out_of_range(tmp_path):
    text = REPORT.replace("state: done\n    done_on: 2026-04-23", "state: in_progress\n    percent: 150")
    errors = report_errors(tmp_path, text)
    only(errors, REPORT_PATH, 5, "150", "0 đến 100")


def test_report_extension_not_later(tmp_path):
    text = REPORT.replace("state: done\n    done_on: 2026-04-23", "state: extended\n    new_due: 20/4/2026")
    errors = report_errors(tmp_path, text)
    only(errors, REPORT_PATH, 5, "20/04/2026", "25/04/2026")


def test_report_extension_without_new_due(tmp_path):
    errors = report_errors(
        tmp_path, REPORT.replace("state: done\n    done_on: 2026-04-23", "state: extended")
    )
    only(errors, REPORT_PATH, 3, "new_due")


def test_report_bad_file_name(tmp_path):
    path = "progress/van-hoa-xa-hoi/bao-cao-thang-4.yml"
    errors = report_errors(tmp_path, REPORT, path)
    only(errors, path, 0, "bao-cao-thang-4.yml", "2026-04-24.yml")


def test_report_without_updates(tmp_path):
    errors = report_errors(tmp_path, "by: van-hoa-xa-hoi\n")
    only(errors, REPORT_PATH, 1, "updates")


def test_report_dated_after_as_of_is_a_warning(tmp_path):
    path = "progress/van-hoa-xa-hoi/2026-06-01.yml"
    write_tree(tmp_path / "content", {"units.yml": UNITS_YML, NOTICE_PATH: GOOD_NOTICE, path: REPORT})
    result = load_site(tmp_path / "content", date(2026, 5, 1))
    assert result.problems.errors == []
    assert [w.path for w in result.problems.warnings] == [path]
    item = result.site.tasks_by_gid["2026-04-10-vhxh/sap-nhap-thon"].items[0]
    assert item.status == "overdue"  # the future report is not applied yet


OTHER_NOTICE = GOOD_NOTICE.replace("2026-04-10", "2026-04-12").replace("45/TB-UBND", "46/TB-UBND")
OTHER_PATH = "notices/2026/2026-04-12-vhxh.md"


@pytest.mark.parametrize(
    "breakage",
    [
        ("title: Kết luận làm việc", "title: Kết luận: làm việc"),  # unreadable YAML: no record at all
        ("lead: van-hoa-xa-hoi", "lead: van-hoa"),  # read, but a unit is unknown
    ],
)
def test_reports_on_a_broken_notice_wait_on_it(tmp_path, breakage):
    """A report on a broken notice's tasks is not "wrong": one warning says it waits on that notice,
    and no suggestion sends the clerk to another notice's task of the same name."""
    other_report = REPORT.replace("2026-04-10-vhxh", "2026-04-12-vhxh").replace("2026-04-23", "2026-04-24")
    two = REPORT + other_report.split("updates:\n", 1)[1]
    files = {
        NOTICE_PATH: GOOD_NOTICE.replace(*breakage),
        OTHER_PATH: OTHER_NOTICE,
        REPORT_PATH: two,
        "progress/van-hoa-xa-hoi/2026-04-25.yml": REPORT.replace("2026-04-23", "2026-04-25"),
    }
    write_tree(tmp_path / "content", {"units.yml": UNITS_YML, **files})
    result = load_site(tmp_path / "content", date(2026, 5, 1))
    assert {e.path for e in result.problems.errors} == {NOTICE_PATH}, [
        e.format() for e in result.problems.errors
    ]
    warnings = result.problems.warnings
    assert sorted(w.path for w in warnings) == [REPORT_PATH, "progress/van-hoa-xa-hoi/2026-04-25.yml"]
    for warning in warnings:
        assert warning.line == 3 and NOTICE_PATH in warning.message and NOTICE_PATH in warning.fix
        assert "2026-04-12-vhxh" not in warning.format()
    # the report's update on the good notice is still checked and applied
    other = result.site.tasks_by_gid["2026-04-12-vhxh/sap-nhap-thon"].items[0]
    assert other.status == "done_on_time"


def test_a_broken_notice_with_a_good_copy_does_not_hold_reports(tmp_path):
    """Two files with one notice id: the second is the error, the reports go on the first."""
    files = {NOTICE_PATH: GOOD_NOTICE, "notices/2027/2026-04-10-vhxh.md": GOOD_NOTICE, REPORT_PATH: REPORT}
    write_tree(tmp_path / "content", {"units.yml": UNITS_YML, **files})
    result = load_site(tmp_path / "content", date(2026, 5, 1))
    assert result.problems.warnings == []


# --- all at once, through MkDocs and the CLI ------------------------------------------------
BROKEN = {
    NOTICE_PATH: GOOD_NOTICE.replace("lead: van-hoa-xa-hoi", "lead: van-hoa"),
    "notices/2026/2026-04-11-khac.md": GOOD_NOTICE.replace("due: 25/4/2026", "due: 31/2/2026"),
    REPORT_PATH: REPORT.replace("by: van-hoa-xa-hoi", "by: van-phong"),
}


def test_strict_build_fails_with_every_error_and_no_traceback(tmp_path, caplog):
    project = make_project(tmp_path, BROKEN)
    with pytest.raises(Abort):
        build(project, strict=True)
    message = caplog.text
    assert not (project / "site" / "thong-bao").exists()  # stopped before writing pages
    assert "notices/2026/2026-04-10-vhxh.md:10" in message
    assert "notices/2026/2026-04-11-khac.md:12" in message
    assert "progress/van-hoa-xa-hoi/2026-04-24.yml:1" in message
    assert "Traceback" not in message


def test_strict_build_cli_prints_errors_without_traceback(tmp_path):
    project = make_project(tmp_path, BROKEN)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "notices/2026/2026-04-10-vhxh.md:10" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "breakage",
    [
        {
            NOTICE_PATH: GOOD_NOTICE.replace("lead: van-hoa-xa-hoi", "lead: van-hoa")
        },  # noticeboard stops the build
        {
            "about.md": "# Giới thiệu\n\n[Xem](khong-co.md)\n"
        },  # MkDocs' own warning, --strict stops after the hooks
    ],
)
def test_a_failed_strict_build_keeps_the_last_good_site(tmp_path, breakage):
    """A clerk previewing keeps the last good site/ when a build fails; a good build replaces it."""
    project = make_project(tmp_path, {NOTICE_PATH: GOOD_NOTICE})
    site = build(project)
    page = site / "thong-bao" / "2026-04-10-vhxh" / "index.html"
    before = page.read_bytes()
    (site / ".git").mkdir()  # e.g. a gh-pages checkout: MkDocs keeps hidden entries
    write_tree(project / "content", breakage)
    with pytest.raises(Abort):
        build(project)
    assert page.read_bytes() == before and (site / "sitemap.xml").is_file() and (site / ".git").is_dir()
    assert not [p for p in tmp_path.iterdir() if "noticeboard-new" in p.name]  # nothing left over
    write_tree(
        project / "content",
        {NOTICE_PATH: GOOD_NOTICE.replace("Tham mưu", "Xây dựng"), "about.md": "# Giới thiệu\n"},
    )
    build(project)
    assert "Xây dựng phương án" in page.read_text(encoding="utf-8") and (site / ".git").is_dir()
    assert not [p for p in tmp_path.iterdir() if "noticeboard-new" in p.name]


def test_a_failed_strict_build_on_the_command_line_keeps_the_site(tmp_path):
    project = make_project(tmp_path, {NOTICE_PATH: GOOD_NOTICE})
    run = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    assert subprocess.run(run, cwd=project, capture_output=True, timeout=120).returncode == 0
    write_tree(
        project / "content", {NOTICE_PATH: GOOD_NOTICE.replace("lead: van-hoa-xa-hoi", "lead: van-hoa")}
    )
    proc = subprocess.run(run, cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert (project / "site" / "thong-bao" / "2026-04-10-vhxh" / "index.html").is_file()
    assert "vẫn giữ trang của lần dựng thành công trước" in proc.stderr


def test_non_strict_build_leaves_broken_files_out(tmp_path):
    project = make_project(tmp_path, BROKEN)
    site = build(project, strict=False)
    assert not (site / "thong-bao" / "2026-04-10-vhxh").exists()
    assert not (site / "thong-bao" / "2026-04-11-khac").exists()
    assert (site / "thong-bao" / "index.html").exists()


def test_validate_cli(tmp_path):
    project = make_project(tmp_path, BROKEN)
    proc = subprocess.run(
        [sys.executable, "-m", "noticeboard.cli", "validate", str(project)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "notices/2026/2026-04-10-vhxh.md:10" in proc.stderr
    assert "progress/van-hoa-xa-hoi/2026-04-24.yml:1" in proc.stderr
    assert "Traceback" not in proc.stderr

    good = make_project(tmp_path / "good", {NOTICE_PATH: GOOD_NOTICE})
    proc = subprocess.run(
        [sys.executable, "-m", "noticeboard.cli", "validate", str(good / "content")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1 thông báo" in proc.stdout


def test_the_noticeboard_program_leaves_what_validate_read_to_the_os(tmp_path, capsys):
    """As the program (``cli.run``: the process ends with the command) validate leaves its records
    and model to the operating system (kept frozen, not freed one by one); called as a function,
    as here, it keeps nothing frozen."""
    import gc

    from noticeboard import cli

    good = make_project(tmp_path / "good", {NOTICE_PATH: GOOD_NOTICE})
    code = (
        "import gc, sys\nfrom noticeboard import cli\nrc = cli.main(['validate', sys.argv[1]], exiting=True)\n"
        "print('frozen', gc.get_freeze_count() > 0)\nsys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(good)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "frozen True"
    before = gc.get_freeze_count()
    assert cli.main(["validate", str(good)]) == 0
    assert gc.get_freeze_count() == before
    assert "1 thông báo" in capsys.readouterr().out


def test_content_files_are_listed_as_sorted_rglob_lists_them(tmp_path):
    """load._walk (os.scandir) lists what ``sorted(root.rglob("*"))`` less folders and ignored names
    lists: nested and hidden folders entered, README/.gitkeep/dotfiles left out; symlinks, to folders
    or files, left out too (content/placement.py reports them, issue 19)."""
    from noticeboard.content import load

    root = tmp_path / "content"
    for rel in (
        "notices/2026/b.md",
        "notices/2026/a.md",
        "notices/2025/z.md",
        "notices/2026/sub/deep.md",
        "notices/.hidden/x.md",
        "notices/README.md",
        "notices/2026/.gitkeep",
        "notices/2026/.x.md",
        "notices/top.txt",
        "progress/van-phong/2026-01-02.yml",
        "progress/van-phong/2026-01-02-2.yml",
        "progress/Z/2026-01-01.yml",
        "progress/a-b/2026-01-01.yml",
        "elsewhere/e.md",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "notices" / "2024").symlink_to(root / "elsewhere")
    (root / "notices" / "2026" / "c.md").symlink_to(root / "elsewhere" / "e.md")
    (root / "notices" / "2026" / "d.md").symlink_to(root / "missing.md")
    for folder in ("notices", "progress", "absent"):
        expected = []
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            if (
                path.name in load.IGNORED_NAMES
                or path.name.startswith(".")
                or path.is_dir()
                or path.is_symlink()
            ):
                continue
            parts = path.relative_to(base).parts
            expected.append((path, "/".join((folder, *parts)), parts))
        got = list(load._walk(root, folder))
        assert got == expected, folder
    assert len(list(load._walk(root, "notices"))) == 6  # symlinks are left to content/placement.py
