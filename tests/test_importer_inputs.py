"""`noticeboard import` inputs and drafts: PDF, old .doc, broken files (issue 19.13),
Word numbering, bold/italic kept in the body, header and signature left out of it,
assignment-sentence titles, --explain, "??" instead of a guess, fuzzy unit names."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import require_tool
from noticeboard.cli import main
from noticeboard.importer import read as read_module
from noticeboard.importer.draft import import_file, import_text, notice_id, render_draft
from noticeboard.importer.parse import TITLE_LIMIT
from noticeboard.importer.units import FUZZY_THRESHOLD, Registry

CORPUS = Path(__file__).parent / "fixtures" / "import_corpus"
UNITS = CORPUS / "units.yml"
T4 = CORPUS / "tune" / "t4_ket_luan_giao_ban.docx"
T5 = CORPUS / "tune" / "t5_ke_hoach_nam_hoc.pdf"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(UNITS)


def front(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def body(text: str) -> str:
    return text.split("\n---\n", 1)[1]


# --- broken and old files (issue 19.13) -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "tệp rỗng"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        (b"PK\x03\x04 not really a zip", "không phải tệp .docx hợp lệ"),
        (b"Hello, just text", "không phải tệp .docx hợp lệ"),
    ],
)
def test_broken_docx_is_a_plain_message(
    content: bytes,
    words: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(read_module, "soffice", lambda: None)
    bad = tmp_path / "thong-bao.docx"
    bad.write_bytes(content)
    assert main(["import", str(bad), "--units", str(UNITS)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "PackageNotFoundError" not in err
    assert "thong-bao.docx" in err and words in err


def test_doc_without_libreoffice_is_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_module, "soffice", lambda: None)
    old = tmp_path / "cong-van.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert main(["import", str(old), "--units", str(UNITS)]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "Traceback" not in err


def _to_doc(source: Path, tmp_path: Path) -> Path:
    office = require_tool("soffice", "apt-get install libreoffice-writer")
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / (source.stem + ".doc")


@pytest.mark.slow
def test_old_doc_and_doc_renamed_docx_import_like_the_docx(registry: Registry, tmp_path: Path) -> None:
    doc = _to_doc(T4, tmp_path)
    wanted = [(t.lead, t.due.key if t.due else None) for t in import_file(T4, registry).tasks]
    from_doc = import_file(doc, Registry.from_units(registry.units))
    assert [(t.lead, t.due.key if t.due else None) for t in from_doc.tasks] == wanted
    assert from_doc.number == "32/TB-UBND"
    renamed = tmp_path / "renamed.docx"
    shutil.copy(doc, renamed)  # an old .doc saved under a .docx name: read all the same
    from_renamed = import_file(renamed, Registry.from_units(registry.units))
    assert [(t.lead, t.due.key if t.due else None) for t in from_renamed.tasks] == wanted


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_hard_wraps_are_rejoined(registry: Registry) -> None:
    draft = import_file(T5, registry)
    assert (
        draft.title
        == "Phối hợp giữa Ủy ban nhân dân xã và các trường học thực hiện nhiệm vụ năm học 2025-2026"
    )
    first = draft.tasks[0]
    # the clause ran over two PDF lines: one title, its deadline on the second line
    assert first.title.startswith("Các trường học trên địa bàn xã hoàn thành tuyển sinh")
    assert first.due is not None and first.due.key == "2025-08-31"
    assert draft.signer == {"name": "Đỗ Thị Hạnh", "authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH"}


def test_pdf_tables_and_columns(registry: Registry) -> None:
    pytest.importorskip("pdfplumber", reason="pip install pdfplumber (the importer's 'import' extra)")
    blocks = read_module.read_pdf(CORPUS / "tune" / "t13_ke_hoach_kiem_tra.pdf")
    tables = [b for b in blocks if b.is_table]
    assert len(tables) == 1 and len(tables[0].rows) == 7
    assert tables[0].rows[3][1] == "Kiểm tra việc giải quyết thủ tục hành chính trên môi trường điện tử"
    lines = [b.text for b in blocks if not b.is_table]
    # the header's two columns and the signature's, one after the other
    assert lines[:2] == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
    assert lines[-3:] == ["- Lưu: VT, CCHC.", "GIÁM ĐỐC", "Nguyễn Hữu Phước"]


def test_pdf_without_text_is_a_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scanned = tmp_path / "scan.pdf"
    with scanned.open("wb") as fh:
        writer.write(fh)
    assert main(["import", str(scanned), "--units", str(UNITS)]) == 2
    assert "không có lớp chữ" in capsys.readouterr().err
    garbage = tmp_path / "hong.pdf"
    garbage.write_bytes(b"%PDF-1.4 garbage")
    assert main(["import", str(garbage), "--units", str(UNITS)]) == 2
    assert "Traceback" not in capsys.readouterr().err


# --- Word numbering, emphasis, body -------------------------------------------------------------------


def test_word_numbering_restored(registry: Registry) -> None:
    text = render_draft(import_file(T4, registry))
    refs = [t.get("ref") for t in front(text)["tasks"]][:5]
    assert refs == ["1.a", "1.b", "2.a", "2.b", "3"]
    # escaped so that Markdown shows clause 2 as "2." (a list would restart every clause at 1)
    assert "\n1\\. Về công tác văn hóa - xã hội\n" in body(text)
    assert "\n2\\. Về kinh tế, hạ tầng\n" in body(text)
    assert "\na) Phòng Kinh tế hoàn thiện" in body(text)  # the lettering restarts under clause 2
    import markdown

    html = markdown.markdown(body(text), extensions=["tables"])
    assert "<ol>" not in html and "<p>2. Về kinh tế, hạ tầng</p>" in html


def test_numbering_from_list_styles(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ["Phòng Kinh tế rà soát hồ sơ.", "Công an xã tuần tra."]:
        document.add_paragraph(text, style="List Number")  # numbered by the style's numbering, not by hand
    document.add_paragraph("ý phụ", style="List Bullet")
    document.save(str(tmp_path / "ds.docx"))
    lines = [b.text for b in read_module.read_docx(tmp_path / "ds.docx")]
    assert lines == ["1. Phòng Kinh tế rà soát hồ sơ.", "2. Công an xã tuần tra.", "- ý phụ"]


def test_body_keeps_emphasis_and_drops_header_and_signature(registry: Registry) -> None:
    text = body(render_draft(import_file(T4, registry)))
    assert "**trước ngày 31/3/2026**" in text
    assert "*Chủ tịch UBND xã kết luận như sau:*" in text
    for gone in (
        "CỘNG HÒA",
        "Số: 32/TB-UBND",
        "Tân Hà, ngày 20",
        "Nơi nhận",
        "Lưu: VT",
        "Phạm Minh Tuấn",
        "TM. ỦY BAN",
    ):
        assert gone not in text, gone
    assert text.lstrip().startswith("Ngày 18/3/2026")


def test_body_keeps_the_appendix(registry: Registry) -> None:
    text = body(render_draft(import_file(CORPUS / "tune" / "t2_ke_hoach_chuyen_doi_so.txt", registry)))
    assert "| STT | Nhiệm vụ | Sản phẩm |" in text and "PHỤ LỤC" in text
    assert "Lê Văn Cường" not in text


def test_title_is_the_assigning_sentence(registry: Registry) -> None:
    filler = " ".join(["Thời gian qua, công tác này còn nhiều hạn chế, chưa đáp ứng yêu cầu đặt ra."] * 12)
    text = (
        f"THÔNG BÁO\n\nKết luận về công tác chuyển đổi số\n\nTân Hà, ngày 2 tháng 3 năm 2026\n\n"
        f"1. {filler} Giao Phòng Kinh tế rà soát hạ tầng mạng, báo cáo trước ngày 30/3/2026. {filler}\n"
    )
    draft = import_text(text, Registry.from_units(registry.units))
    assert len(draft.tasks) == 1
    title = draft.tasks[0].title
    assert title == "Giao Phòng Kinh tế rà soát hạ tầng mạng, báo cáo trước ngày 30/3/2026."
    assert len(title) <= TITLE_LIMIT
    assert draft.tasks[0].id == "giao-phong-kinh-te-ra"


def test_ids_of_a_task_given_to_several_units(registry: Registry) -> None:
    draft = import_file(CORPUS / "tune" / "t1_ket_luan_tru_so.txt", registry)
    ids = [t.id for t in draft.tasks if t.due is not None and t.due.key == "2026-04-24"]
    assert ids == [
        "hoan-thanh-thu-tuc-duc-trong",
        "hoan-thanh-thu-tuc-hiep-thanh",
        "hoan-thanh-thu-tuc-lam-ha",
    ]
    assert notice_id(draft) == "2026-04-14-ket-luan-pho-chu-tich-ubnd-tinh-nguyen-van-an"


# --- --explain -------------------------------------------------------------------------------------


def test_explain_prints_each_task_with_source_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    doc = CORPUS / "tune" / "t1_ket_luan_tru_so.txt"
    assert main(["import", str(doc), "--units", str(UNITS), "--explain"]) == 0
    out = capsys.readouterr().out
    draft = import_file(doc, Registry.load(UNITS))
    for task in draft.tasks:
        assert f"] {task.id}" in out
    assert "nguồn: dòng 15" in out  # the line of "a) Giao UBND các xã: Đức Trọng, ..."
    assert "> a) Giao UBND các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà:" in out
    assert "mỗi đơn vị một nhiệm vụ" in out
    assert "đơn vị nêu ở câu dẫn phía trên" in out  # "- Rà soát ..." under "b) UBND xã Bảo Lâm 2:"
    assert "đọc từ “trước ngày 24/4/2026”" in out
    assert not out.startswith("---")  # the explanation, not the draft


# --- never a guess ------------------------------------------------------------------------------------


def test_same_named_units_of_two_communes_are_not_guessed(registry: Registry) -> None:
    text = (
        "THÔNG BÁO\n\nKết luận giao ban\n\nNgày 2 tháng 3 năm 2026\n\n"
        "1. Phòng Kinh tế rà soát hồ sơ đất đai, báo cáo trước ngày 30/3/2026.\n"
    )
    out = render_draft(import_text(text, Registry.from_units(registry.units)))
    task = front(out)["tasks"][0]
    assert task["lead"] == "?? Phòng Kinh tế"
    assert "kinh-te-tan-ha" in out and "kinh-te-phuc-tho" in out  # offered, not chosen


def test_unknown_issuer_is_marked(registry: Registry) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ ĐẠ TẺH\nSố: 12/TB-UBND\nĐạ Tẻh, ngày 2 tháng 3 năm 2026\nTHÔNG BÁO\n"
        "Kết luận giao ban\n\n1. Phòng Kinh tế rà soát hồ sơ đất đai, báo cáo trước ngày 30/3/2026.\n"
    )
    fm = front(render_draft(import_text(text, Registry.from_units(registry.units))))
    assert fm["issuer"].startswith("??")
    assert fm["tasks"][0]["lead"].startswith("??")


FUZZY_CASES = [
    ("Trung tâm Xúc đầu tư", "trung-tam-xuc-tien"),
    ("Sở Nôi vụ", "so-noi-vu"),
    ("Sở Tài chánh", "so-tai-chinh"),
    ("Sở Xây dưng", "so-xay-dung"),
    ("Sở Ngoại vụ", None),  # another department, not a typo of Sở Nội vụ
    ("UBND xã Bảo Lâm 3", None),  # another commune: numbers must agree
    ("Công an huyện", None),
    ("Trung tâm Y tế", None),
    ("Phòng Kinh tê", None),  # a typo, but two communes have one: never guess
]


@pytest.mark.parametrize(("name", "unit"), FUZZY_CASES)
def test_fuzzy_unit_names(name: str, unit: str | None, registry: Registry) -> None:
    assert 0.8 < FUZZY_THRESHOLD < 0.9
    assert registry.fuzzy(name) == unit


# --- drafts are what validate reads --------------------------------------------------------------------


def test_corpus_drafts_validate_and_question_marks_are_flagged(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    (content / "notices").mkdir(parents=True)
    shutil.copy(UNITS, content / "units.yml")
    for name in (
        "tune/t4_ket_luan_giao_ban.docx",
        "tune/t8_ket_luan_nam_hoc.pdf",
        "tune/t3_cong_van_can_bo.txt",
    ):
        draft = import_file(CORPUS / name, Registry.from_units(registry.units))
        text = render_draft(draft)
        assert "??" not in repr(front(text)), name
        folder = content / "notices" / str(draft.date.year)
        folder.mkdir(exist_ok=True)
        (folder / f"{notice_id(draft)}.md").write_text(text, encoding="utf-8")
    assert main(["validate", str(content), "--as-of", "2026-06-15"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    flagged = import_file(CORPUS / "tune/t6_ke_hoach_phong_dich.docx", Registry.from_units(registry.units))
    text = render_draft(flagged)
    assert "?? Trung tâm Kiểm soát bệnh tật tỉnh" in text
    (content / "notices" / "2026" / f"{notice_id(flagged)}.md").write_text(text, encoding="utf-8")
    assert main(["validate", str(content), "--as-of", "2026-06-15"]) == 1
    err = capsys.readouterr().err
    assert notice_id(flagged) in err and "Trung tâm Kiểm soát bệnh tật" in err


# --- header variants and tables that are not assignments ------------------------------------------


def test_header_variants(registry: Registry) -> None:
    text = (
        "UBND XÃ TÂN HÀ\nSố: 45 /TB- UBND\nTân Hà, ngày 05/6/2026\n\nTHÔNG BÁO KẾT LUẬN\n"
        "CỦA CHỦ TỊCH UBND XÃ TẠI HỘI NGHỊ GIAO BAN THÁNG 6\n\n"
        "1. Phòng Kinh tế rà soát hồ sơ đất đai, báo cáo trước ngày 30/6/2026.\n"
    )
    draft = import_text(text, Registry.from_units(registry.units))
    assert (draft.kind, draft.number, draft.issuer, draft.place) == (
        "thong-bao",
        "45/TB-UBND",
        "ubnd-xa-tan-ha",
        "Tân Hà",
    )
    assert str(draft.date) == "2026-06-05"
    assert draft.title == "KẾT LUẬN CỦA CHỦ TỊCH UBND XÃ TẠI HỘI NGHỊ GIAO BAN THÁNG 6"
    assert [t.lead for t in draft.tasks] == ["kinh-te-tan-ha"]


def test_a_meeting_timetable_is_not_a_task_table(registry: Registry) -> None:
    text = (
        "THÔNG BÁO\nLịch công tác tuần\n\nTân Hà, ngày 2 tháng 3 năm 2026\n\n"
        "| Thời gian | Nội dung | Địa điểm | Thành phần |\n|---|---|---|---|\n"
        "| 8h00 ngày 3/3/2026 | Họp giao ban | Hội trường UBND xã | Lãnh đạo UBND xã |\n"
    )
    assert import_text(text, Registry.from_units(registry.units)).tasks == []


# --- unit headings, however they are written --------------------------------------------------------

HEADING_HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1/TB-UBND\nLâm Đồng, ngày 2 tháng 3 năm 2026\nTHÔNG BÁO\nKết luận\n\n"
    "Phó Chủ tịch kết luận như sau:\n\n3. Đối với các địa phương\n"
)
HEADING_CASES = {
    "lettered, colon, bullets": "a) UBND xã Bảo Lâm 1:\n- Bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "b) UBND xã Bảo Lâm 2:\n- Bố trí phòng trước ngày 30/4/2026.\n- Báo cáo tiến độ hằng tháng.\n",
    "numbered items restart under each": "a) UBND xã Bảo Lâm 1:\n1. Bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "b) UBND xã Bảo Lâm 2:\n1. Bố trí phòng trước ngày 30/4/2026.\n"
    "2. Báo cáo tiến độ hằng tháng.\n",
    "Đối với, no colon": "a) Đối với UBND xã Bảo Lâm 1\n- Bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "b) Đối với UBND xã Bảo Lâm 2\n- Bố trí phòng trước ngày 30/4/2026.\n- Báo cáo tiến độ hằng tháng.\n",
    "capitals, no blank lines": "UBND XÃ BẢO LÂM 1:\n- Bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "UBND XÃ BẢO LÂM 2:\n- Bố trí phòng trước ngày 30/4/2026.\n- Báo cáo tiến độ hằng tháng.\n",
    "numbering lost to bullets": "- UBND xã Bảo Lâm 1:\n+ Bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "- UBND xã Bảo Lâm 2:\n+ Bố trí phòng trước ngày 30/4/2026.\n+ Báo cáo tiến độ hằng tháng.\n",
    "inline": "a) UBND xã Bảo Lâm 1: bàn giao mặt bằng trước ngày 20/4/2026.\n"
    "b) UBND xã Bảo Lâm 2: bố trí phòng trước ngày 30/4/2026; báo cáo tiến độ hằng tháng.\n",
}


@pytest.mark.parametrize("case", list(HEADING_CASES))
def test_each_unit_heading_starts_a_new_lead(case: str, registry: Registry) -> None:
    draft = import_text(HEADING_HEAD + HEADING_CASES[case], Registry.from_units(registry.units))
    assert [(t.lead, t.due.key if t.due else None) for t in draft.tasks] == [
        ("ubnd-xa-bao-lam-1", "2026-04-20"),
        ("ubnd-xa-bao-lam-2", "2026-04-30"),
        ("ubnd-xa-bao-lam-2", "every:month"),
    ]


MULTI_CASES = {
    "Giao UBND các xã A, B và C ...": (
        "Giao UBND các xã Đức Trọng, Hiệp Thạnh và Đinh Văn Lâm Hà hoàn thành hồ sơ trước ngày 24/4/2026.",
        ["ubnd-xa-duc-trong", "ubnd-xa-hiep-thanh", "ubnd-xa-dinh-van-lam-ha"],
    ),
    "UBND các xã: A, B: ...": (
        "UBND các xã: Đức Trọng, Hiệp Thạnh: hoàn thành hồ sơ trước ngày 24/4/2026.",
        ["ubnd-xa-duc-trong", "ubnd-xa-hiep-thanh"],
    ),
    "xã and phường, a hyphenated name": (
        "Giao UBND các xã, phường: Đức Trọng, Lâm Viên - Đà Lạt hoàn thành hồ sơ trước ngày 24/4/2026.",
        ["ubnd-xa-duc-trong", "ubnd-phuong-lam-vien"],
    ),
    "các Sở: A, B, C và D": (
        "Giao các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường rà soát hồ sơ trước ngày 24/4/2026.",
        ["so-tai-chinh", "so-xay-dung", "so-nong-nghiep-moi-truong"],
    ),
    "a collective unit is one lead": (
        "Giao UBND các xã, phường rà soát hồ sơ trước ngày 24/4/2026.",
        ["ubnd-cac-xa-phuong"],
    ),
    "A và B: a lead and its partner": (
        "Giao Sở Tài chính và Sở Xây dựng rà soát hồ sơ trước ngày 24/4/2026.",
        ["so-tai-chinh"],
    ),
}


@pytest.mark.parametrize("case", list(MULTI_CASES))
def test_several_leads(case: str, registry: Registry) -> None:
    clause, leads = MULTI_CASES[case]
    draft = import_text(
        HEADING_HEAD.replace("3. Đối với các địa phương\n", "") + "1. " + clause + "\n",
        Registry.from_units(registry.units),
    )
    assert [t.lead for t in draft.tasks] == leads
    assert all(t.due is not None and t.due.key == "2026-04-24" for t in draft.tasks)


def test_a_letter_asking_quy_co_quan_goes_to_its_addressee(registry: Registry) -> None:
    text = (
        "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 9/SNV-VP\nV/v báo cáo số lượng viên chức\n"
        "Lâm Đồng, ngày 2 tháng 3 năm 2026\n\nKính gửi: Sở Y tế.\n\n"
        "Để có cơ sở tổng hợp, Sở Nội vụ đề nghị Quý cơ quan báo cáo số lượng viên chức, "
        "gửi về Sở Nội vụ trước ngày 15 tháng 3.\n\nTrân trọng./.\n"
    )
    draft = import_text(text, Registry.from_units(registry.units))
    assert (draft.kind, draft.issuer, draft.title) == ("cong-van", "so-noi-vu", "báo cáo số lượng viên chức")
    assert [(t.lead, t.due.key if t.due else None) for t in draft.tasks] == [("so-y-te", "2026-03-15")]
    assert "Kính gửi" in draft.tasks[0].rule


# --- no traceback, whatever the clerk pastes -----------------------------------------------------------

_PIECES = [
    "ỦY BAN NHÂN DÂN",
    "XÃ TÂN HÀ",
    "Số: 12/TB-UBND",
    "Số: /KH-UBND",
    "Tân Hà, ngày 2 tháng 3 năm 2026",
    "Lâm Đồng, ngày",
    "tháng 4 năm 2026",
    "THÔNG BÁO",
    "KẾ HOẠCH",
    "V/v báo cáo",
    "Kính gửi:",
    "- Sở Nội vụ;",
    "1. Giao UBND các xã: Đức Trọng, Hiệp Thạnh: làm trước ngày 24/4/2026.",
    "a) UBND xã Bảo Lâm 2:",
    "- Rà soát trước 30/4.",
    "Tháng 9: Công an xã tuần tra.",
    "| STT | Nhiệm vụ | Chủ trì | Thời gian |",
    "|---|---|---|---|",
    "| 1 | Việc | Phòng Kinh tế | Quý II |",
    "| A. NHÓM |",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Phạm Minh Tuấn",
    "PHỤ LỤC",
    "x | y |",
    "II. TỔ CHỨC THỰC HIỆN",
    "- Đơn vị chủ trì: Phòng Kinh tế.",
    "- Thời gian: Tháng 5.",
    "Thời gian hoàn thành: trước ngày 30/5/2026.",
    "",
    "./.",
    ":",
    "(Phòng Kinh tế chủ trì)",
    "Các sở, ngành; UBND các xã, phường: làm.",
    "1.",
    "a)",
    "-",
]


def test_any_arrangement_of_notice_pieces_imports_without_error(registry: Registry) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=30)), max_size=40))
    def check(lines: list[str]) -> None:
        text = render_draft(import_text("\n".join(lines), Registry.from_units(registry.units)))
        assert front(text)["status"] == "draft"  # the front matter is YAML that validate can read

    check()


def test_text_boxes_and_content_controls_are_read_once(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    anchor = document.add_paragraph("THÔNG BÁO")
    w = nsdecls("w")
    box = f"<w:txbxContent {w}><w:p><w:r><w:t>Số: 12/TB-UBND</w:t></w:r></w:p></w:txbxContent>"
    anchor._p.append(
        parse_xml(
            f'<w:r {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
            f"<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>1. Phòng Kinh tế rà soát hồ sơ.</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    document.save(str(tmp_path / "hop.docx"))
    lines = [b.text for b in read_module.read_docx(tmp_path / "hop.docx")]
    assert lines == ["Số: 12/TB-UBND", "THÔNG BÁO", "1. Phòng Kinh tế rà soát hồ sơ."]


def test_header_table_of_three_rows(registry: Registry, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in zip(
        table.rows,
        [
            ("ỦY BAN NHÂN DÂN\nXÃ TÂN HÀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 7/TB-UBND", "Tân Hà, ngày 9 tháng 3 năm 2026"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = left, right
    document.add_paragraph("THÔNG BÁO")
    document.add_paragraph("Kết luận giao ban")
    document.add_paragraph("1. Phòng Kinh tế rà soát hồ sơ đất đai, báo cáo trước ngày 30/3/2026.")
    document.save(str(tmp_path / "ba-hang.docx"))
    draft = import_file(tmp_path / "ba-hang.docx", Registry.from_units(registry.units))
    assert (draft.number, draft.issuer, str(draft.date)) == ("7/TB-UBND", "ubnd-xa-tan-ha", "2026-03-09")
    assert [t.lead for t in draft.tasks] == ["kinh-te-tan-ha"]
