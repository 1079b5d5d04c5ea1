"""``noticeboard import FILE [--units content/units.yml] [-o OUT.md]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .draft import import_file, notice_id, render_draft
from .units import Registry

SUFFIXES = {".txt", ".md", ".docx"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="văn bản cần nhập: .txt, .md hoặc .docx")
    parser.add_argument("--units", default=None, help="danh mục đơn vị (mặc định content/units.yml nếu có)")
    parser.add_argument("-o", "--output", default=None, help="ghi bản nháp ra tệp này (mặc định: in ra màn hình)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() not in SUFFIXES:
        print(f"Không nhập được “{path.name}”: chỉ nhận tệp .txt, .md, .docx.", file=sys.stderr)
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
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        year = draft.date.year if draft.date else "<năm>"
        print(f"Đã ghi bản nháp {args.output} (gợi ý: content/notices/{year}/{notice_id(draft)}.md).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
