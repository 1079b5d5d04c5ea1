"""`noticeboard import`: seeds against hand-labelled gold, units, deadlines, .docx, CLI."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from noticeboard.cli import main
from noticeboard.importer.deadlines import due_from_phrase, due_key
from noticeboard.importer.draft import import_file, import_text, notice_id, render_draft
from noticeboard.importer.units import Registry

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
GOLD = FIXTURES / "import_gold"
UNITS = GOLD / "units.yml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(UNITS)


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def seed_ids() -> list[str]:
    return [p.stem for p in SEEDS]


def test_every_seed_has_gold() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert (GOLD / f"{seed.stem}.yml").is_file(), seed.stem


@pytest.mark.parametrize("stem", seed_ids())
def test_metadata_matches_gold(stem: str, registry: Registry) -> None:
    gold = yaml.safe_load((GOLD / f"{stem}.yml").read_text(encoding="utf-8"))["metadata"]
    text = render_draft(import_file(FIXTURES / "seeds" / f"{stem}.txt", registry))
    fm = front_matter(text)
    assert fm["status"] == "draft"
    assert fm["kind"] == gold["kind"]
    assert fm.get("number") == gold["number"]
    assert fm.get("place") == gold["place"]
    assert fm["title"] == gold["title"]
    assert fm.get("signer") == gold["signer"]
    if gold["date_blank_day"]:
        # reported, never invented: a placeholder the validator rejects, and a comment
        assert isinstance(fm["date"], str) and fm["date"].startswith("??")
        assert "VẤN ĐỀ: Văn bản để trống ngày ban hành" in text
        # and said in the format, so the page shows the blank as the document does
        assert fm["date_left_blank"] == "day"
    else:
        assert fm["date"] == gold["date"]
        assert "date_left_blank" not in fm


def _pairs(tasks: list[dict]) -> Counter:
    return Counter((t["lead"], due_key(t.get("due"))) for t in tasks)


def test_task_precision_recall(registry: Registry) -> None:
    total_tp = total_found = total_gold = 0
    for seed in SEEDS:
        gold = yaml.safe_load((GOLD / f"{seed.stem}.yml").read_text(encoding="utf-8"))["tasks"]
        fm = front_matter(render_draft(import_file(seed, registry)))
        found, wanted = _pairs(fm.get("tasks") or []), _pairs(gold)
        tp = sum((found & wanted).values())
        n_found, n_gold = sum(found.values()), sum(wanted.values())
        print(
            f"{seed.stem}: tasks {n_found} found / {n_gold} gold, precision {tp / max(n_found, 1):.2f}, "
            f"recall {tp / max(n_gold, 1):.2f}"
        )
        total_tp, total_found, total_gold = total_tp + tp, total_found + n_found, total_gold + n_gold
    precision, recall = total_tp / total_found, total_tp / total_gold
    print(f"overall: precision {precision:.3f}, recall {recall:.3f} ({total_tp} of {total_gold} gold tasks)")
    assert precision >= 0.95
    assert recall >= 0.95


def test_task_ids_unique_and_valid(registry: Registry) -> None:
    for seed in SEEDS:
        draft = import_file(seed, registry)
        ids = [t.id for t in draft.tasks]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
        nid = notice_id(draft)
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*", nid)
        assert len(nid) <= 60


def test_notice_id_from_date_and_title(registry: Registry) -> None:
    draft = import_file(FIXTURES / "seeds" / "000_648413ddb1c9055c.txt", registry)
    assert notice_id(draft).startswith("2026-04-10-ket-luan-")


# --- .docx round trip -----------------------------------------------------------------------


def _seed_to_docx(seed: Path, out: Path) -> None:
    """Paragraphs as Word paragraphs (lines as line breaks), tab tables as real tables."""
    import docx

    document = docx.Document()
    paragraphs = re.split(r"\n\s*\n", seed.read_text(encoding="utf-8"))
    for para in paragraphs:
        lines = [x for x in para.split("\n") if x.strip()]
        table_rows = [x.split("\t") for x in lines if x.count("\t") >= 2]
        other = [x for x in lines if x.count("\t") < 2]
        if other:
            _add_marked(document.add_paragraph(), "\n".join(other))
        if table_rows:
            width = max(len(r) for r in table_rows)
            last = document.element.body[-2] if len(document.element.body) > 1 else None
            prev = last is not None and last.tag.endswith("tbl") and len(document.tables[-1].columns) == width
            table = document.tables[-1] if prev else document.add_table(rows=0, cols=width)
            for row in table_rows:
                cells = table.add_row().cells
                for j, value in enumerate(row):
                    cells[j].text = value
    document.save(str(out))


def _add_marked(paragraph, text: str) -> None:
    """Markdown **bold** and *italic* as Word runs, as a clerk's file has them."""
    for part in re.split(r"(\*\*[^*]+\*\*|(?<![\w\\])\*[^*\s][^*]*\*)", text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)


@pytest.mark.parametrize("stem", seed_ids())
def test_docx_round_trip(stem: str, registry: Registry, tmp_path: Path) -> None:
    seed = FIXTURES / "seeds" / f"{stem}.txt"
    target = tmp_path / f"{stem}.docx"
    _seed_to_docx(seed, target)
    from_text = render_draft(import_file(seed, registry))
    from_docx = render_draft(import_file(target, registry))
    assert from_docx == from_text


def test_docx_table_gives_tasks(registry: Registry, tmp_path: Path) -> None:
    target = tmp_path / "pl.docx"
    _seed_to_docx(FIXTURES / "seeds" / "004_0cff4eb056487c04.txt", target)
    draft = import_file(target, registry)
    assert sum(1 for t in draft.tasks if t.supervisor == "Cấp ủy") == 10


# --- unit matching ----------------------------------------------------------------------------

UNIT_CASES = [
    ("Phòng Văn hoá - Xã hội", "van-hoa-xa-hoi"),
    ("Phòng Văn hóa - Xã hội", "van-hoa-xa-hoi"),  # tone placement
    (unicodedata.normalize("NFD", "Phòng Văn hoá - Xã hội"), "van-hoa-xa-hoi"),  # NFD
    ("PHÒNG VĂN HOÁ – XÃ HỘI", "van-hoa-xa-hoi"),  # case, en dash
    ("phòng VH-XH", "van-hoa-xa-hoi"),  # abbreviation
    ("Phòng GD&ĐT", "giao-duc-dao-tao"),
    ("phòng Giáo dục & Đào tạo", "giao-duc-dao-tao"),  # & / và
    ("Văn phòng HĐND&UBND", "van-phong"),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "van-phong"),
    ("Văn phòng HĐND và Uỷ ban nhân dân", "van-phong"),  # uỷ / ủy
    ("UBND quận", "ubnd-quan"),
    ("Phòng TC-KH", "tai-chinh-ke-hoach"),
    ("Phòng Tài chính – Kế hoạch", "tai-chinh-ke-hoach"),
    ("Ủy ban MTTQ xã", "mat-tran"),
    ("Phòng Nội vụ huyện", "noi-vu"),  # trailing place word
]


@pytest.mark.parametrize(("name", "unit"), UNIT_CASES)
def test_unit_matching(name: str, unit: str, registry: Registry) -> None:
    assert registry.match(name) == unit


def test_unmatched_unit_gets_marker_and_did_you_mean(registry: Registry) -> None:
    text = (
        "THÔNG BÁO\n\nKết luận về công tác pháp chế\n\nHà Nội, ngày 2 tháng 3 năm 2026\n\n"
        "1. Giao Phòng Tư pháp chủ trì, phối hợp với Phòng Nội vụ rà soát văn bản, xong trước ngày 30/3/2026.\n"
    )
    extra = Registry.from_units(
        [*registry.units, {"id": "tu-phap-ho-tich", "name": "Phòng Tư pháp - Hộ tịch"}]
    )
    out = render_draft(import_text(text, extra))
    fm = front_matter(out)
    task = fm["tasks"][0]
    assert task["lead"] == "?? Phòng Tư pháp"
    assert task["support"] == ["noi-vu"]
    assert "# không khớp đơn vị nào trong units.yml; có phải: tu-phap-ho-tich" in out
    assert not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", task["lead"])


# --- deadlines -----------------------------------------------------------------------------------

NOTICE = date(2026, 4, 10)
DEADLINE_CASES = [
    ("trước ngày 25/4/2026", "25/4/2026"),
    ("**xong trước ngày 25/4/2026.**", "25/4/2026"),
    ("hoàn thành trước ngày 25/04/2026", "25/4/2026"),
    ("chậm nhất ngày 25/4/2026", "25/4/2026"),
    ("chậm nhất là ngày 25 tháng 4 năm 2026", "25/4/2026"),
    ("hoàn thành trong tháng 7/2026", "7/2026"),
    ("trong tháng 7 năm 2026", "7/2026"),
    ("trong Quý III/2026", "Q3/2026"),
    ("trong quý 3/2026", "Q3/2026"),
    ("6 tháng đầu năm 2026", "H1/2026"),
    ("06 tháng cuối năm 2026", "H2/2026"),
    ("trong năm 2026", "2026"),
    ("hằng tháng", {"every": "month"}),
    ("hàng quý", {"every": "quarter"}),
    ("hằng năm", {"every": "year"}),
    ("định kỳ 03 tháng/lần", {"every": "quarter"}),
    ("Quý I hằng năm", {"every": "year", "by": "Q1"}),
    ("thường xuyên", None),
    ("Thường xuyên hằng năm", None),
    ("10 ngày làm việc kể từ ngày ký", {"working_days": 10, "after": NOTICE}),
    ("Chậm nhất là 07 ngày làm việc, sau khi có Thông báo kết luận", {"working_days": 7, "after": NOTICE}),
    ("10 ngày làm việc sau 20/5/2026", {"working_days": 10, "after": date(2026, 5, 20)}),
]


@pytest.mark.parametrize(("phrase", "expected"), DEADLINE_CASES)
def test_deadline_phrases(phrase: str, expected: object) -> None:
    due = due_from_phrase(phrase, NOTICE, bare=False)
    assert due is not None
    assert due.value == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "Nghị định số 361/2025/NĐ-CP ngày 31/12/2025 của Chính phủ",
        "năm học 2018-2019",
        "Kế hoạch chuyển đổi số xã Bát Tràng năm 2026",
        "giao ban hằng tuần",
    ],
)
def test_not_deadlines(phrase: str) -> None:
    due = due_from_phrase(phrase, NOTICE, bare=False)
    assert due is None or due.key is None


def test_unanchored_working_days_are_reported(registry: Registry) -> None:
    due = due_from_phrase("Chậm nhất là 10 ngày làm việc sau hội nghị đối thoại", NOTICE, bare=False)
    assert due is not None and due.key is None and "không rõ mốc" in due.problem


def test_due_values_are_grammar(registry: Registry) -> None:
    allowed = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|Q[1-4]/\d{4}|H[12]/\d{4}|\d{4})$")
    for seed in SEEDS:
        for task in front_matter(render_draft(import_file(seed, registry))).get("tasks") or []:
            due = task.get("due")
            if due is None or isinstance(due, dict):
                continue
            assert allowed.match(str(due)), due


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    seed = FIXTURES / "seeds" / "004_0cff4eb056487c04.txt"
    assert main(["import", str(seed), "--units", str(UNITS)]) == 0
    out = capsys.readouterr().out
    fm = front_matter(out)
    assert fm["status"] == "draft" and fm["number"] == "08-KH/CB"


def test_cli_output_file_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = FIXTURES / "seeds" / "002_e46ec28ffbf48fec.txt"
    target = tmp_path / "draft.md"
    assert main(["import", str(seed), "--units", str(UNITS), "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "để trống ngày ban hành" in captured.err
    assert front_matter(target.read_text(encoding="utf-8"))["kind"] == "ke-hoach"


def test_cli_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF")
    assert main(["import", str(bad)]) == 2


# --- the drafts validate once reviewed -------------------------------------------------------------


def test_seed_drafts_validate(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("noticeboard.commands.validate")
    content = tmp_path / "content"
    (content / "notices").mkdir(parents=True)
    (content / "units.yml").write_text(UNITS.read_text(encoding="utf-8"), encoding="utf-8")
    for seed in SEEDS:
        draft = import_file(seed, registry)
        text = render_draft(draft)
        if draft.date is None:  # the clerk fills in the blank day: the first of the month written
            m = re.search(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})", draft.date_text)
            assert m
            filled = date(int(m[2]), int(m[1]), 1)
            text = text.replace(
                yaml.safe_dump(draft.date_value, allow_unicode=True).split("\n")[0], filled.isoformat()
            )
            text = text.replace(
                draft.date_value if isinstance(draft.date_value, str) else "", filled.isoformat()
            )
            draft.date = filled
        assert "??" not in front_matter(text).__repr__(), seed.stem
        folder = content / "notices" / str(draft.date.year)
        folder.mkdir(exist_ok=True)
        (folder / f"{notice_id(draft)}.md").write_text(text, encoding="utf-8")
    code = main(["validate", str(content), "--as-of", "2026-04-15"])
    err = capsys.readouterr().err
    assert code == 0, err
