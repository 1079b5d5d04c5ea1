"""``noticeboard import FILE [--units content/units.yml] [-o OUT.md] [--explain]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .draft import import_file, notice_id, render_draft
from .parse import Draft
from .units import Registry

SUFFIXES = {".txt", ".md", ".docx", ".doc", ".pdf"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="văn bản cần nhập: .txt, .md, .docx, .doc (cần LibreOffice) hoặc .pdf có lớp chữ"
    )
    parser.add_argument("--units", default=None, help="danh mục đơn vị (mặc định content/units.yml nếu có)")
    parser.add_argument(
        "-o", "--output", default=None, help="ghi bản nháp ra tệp này (mặc định: in ra màn hình)"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="in từng nhiệm vụ kèm các dòng văn bản gốc và quy tắc đã dùng để nhận ra nó",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() not in SUFFIXES:
        print(f"Không nhập được “{path.name}”: chỉ nhận tệp .txt, .md, .docx, .doc, .pdf.", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"Không thấy tệp {path}.", file=sys.stderr)
        return 2
    units = Path(args.units) if args.units else Path("content/units.yml")
    if args.units and not units.is_file():
        print(f"Không thấy danh mục đơn vị {units}.", file=sys.stderr)
        return 2
    registry = Registry.load(units if units.is_file() else None)
    if not units.is_file():
        print("Cảnh báo: không có units.yml, mọi đơn vị sẽ được đánh dấu “??”.", file=sys.stderr)
    try:
        draft = import_file(path, registry)
    except (OSError, ValueError, KeyError) as err:
        print(f"Không đọc được “{path.name}”: {err}", file=sys.stderr)
        return 2
    text = render_draft(draft)
    for p in draft.problems:
        print(f"Vấn đề: {p.message}", file=sys.stderr)
    if args.explain:
        sys.stdout.write(explain(draft))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        year = draft.date.year if draft.date else "<năm>"
        print(
            f"Đã ghi bản nháp {args.output} (gợi ý: content/notices/{year}/{notice_id(draft)}.md).",
            file=sys.stderr,
        )
    elif not args.explain:
        sys.stdout.write(text)
    return 0


def explain(draft: Draft) -> str:
    """Each task with the source lines it was read from and the rule that gave
    its lead and deadline, for a clerk checking the draft against the document."""
    out = [
        f"Văn bản: {draft.kind}, số {draft.number or '(không số)'}, cơ quan ban hành {draft.issuer}, "
        f"ngày {draft.date_value}.",
        f"{len(draft.tasks)} nhiệm vụ.",
        "",
    ]
    for k, task in enumerate(draft.tasks, 1):
        out.append(f"[{k}] {task.id}" + (f" (mục {task.ref})" if task.ref else ""))
        out.append(f"    chủ trì: {task.lead} — {task.rule or 'không rõ'}")
        if task.support:
            out.append(f"    phối hợp: {', '.join(task.support)}")
        if task.due is not None:
            out.append(f"    thời hạn: {task.due.value} — đọc từ “{' '.join(task.due.phrase.split())}”")
        else:
            out.append("    thời hạn: không có (thường xuyên hoặc văn bản không ghi)")
        for comment in task.comments:
            out.append(f"    lưu ý: {comment}")
        source = task.source
        if source is not None:
            out.append(f"    nguồn: {source.where or 'không rõ vị trí'}")
            lines = [" | ".join(row) for row in source.rows] if source.is_table else source.lines
            out.extend(f"      > {line}" for line in lines)
        out.append("")
    return "\n".join(out)
