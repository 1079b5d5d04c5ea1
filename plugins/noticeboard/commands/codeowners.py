"""``noticeboard codeowners [DIR] [-o .github/CODEOWNERS]``: who may change what, from units.yml.

Each unit with a ``git_team`` (``@xa-bat-trang/van-hoa-xa-hoi``) owns its own progress folder,
``/<content>/progress/<unit-id>/``; everything else (notices, units.yml, pages) belongs to the
default owner (``--default-owner @xa-bat-trang/van-phong``). Units without a ``git_team`` are
listed in a comment so nobody wonders why their folder has no owner. The output depends on
units.yml only (sorted, no date), so a CI job can regenerate it and diff (``--check``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..content.load import load_units
from ..content.records import UnitRecord
from ..errors import Problems
from .validate import find_content_dir

# GitHub and GitLab accept @user, @org/team (GitLab: @group/subgroup/...) and e-mail addresses.
OWNER_RE = re.compile(r"^(@[A-Za-z0-9](?:[A-Za-z0-9_.-]*)(?:/[A-Za-z0-9_.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", default=".", help="thư mục dự án (gốc kho git, có mkdocs.yml)")
    parser.add_argument(
        "-o",
        "--output",
        default=None,
        help="ghi vào tệp này (ví dụ .github/CODEOWNERS); mặc định in ra màn hình",
    )
    parser.add_argument(
        "--default-owner", default="", help="chủ sở hữu mọi tệp khác, ví dụ @xa-bat-trang/van-phong"
    )
    parser.add_argument(
        "--check", action="store_true", help="không ghi; mã thoát 1 nếu tệp -o khác với nội dung cần có"
    )
    parser.set_defaults(run=run)


def _owners(unit: UnitRecord, problems: Problems) -> list[str]:
    owners = unit.git_team.split()
    for owner in owners:
        if not OWNER_RE.match(owner):
            problems.error(
                unit.path,
                unit.lines.get("git_team", unit.line),
                f"git_team “{owner}” của đơn vị “{unit.id}” không phải tên nhóm hay người dùng git.",
                "Viết dạng @to-chuc/ten-nhom (ví dụ @xa-bat-trang/van-hoa-xa-hoi) hoặc @ten-nguoi-dung.",
            )
    return owners


def render_codeowners(
    units: list[UnitRecord], content_prefix: str, default_owner: str, problems: Problems
) -> str:
    """The CODEOWNERS text; ``content_prefix`` is the content folder from the repository root."""
    prefix = "/" + content_prefix.strip("/") + "/" if content_prefix.strip("/") else "/"
    lines = [
        "# Sinh tự động bằng `noticeboard codeowners` từ units.yml: đừng sửa tay, hãy sửa git_team",
        "# trong units.yml rồi chạy lại lệnh. Dòng sau cùng khớp một tệp sẽ quyết định ai duyệt.",
        "",
    ]
    if default_owner:
        for owner in default_owner.split():
            if not OWNER_RE.match(owner):
                problems.error(
                    "--default-owner",
                    0,
                    f"“{owner}” không phải tên nhóm hay người dùng git.",
                    "Ví dụ: --default-owner @xa-bat-trang/van-phong.",
                )
        lines += ["# Mọi tệp khác: thông báo, units.yml, các trang", f"* {default_owner}", ""]
    else:
        lines += ["# (chưa có chủ sở hữu mặc định: chạy lại với --default-owner @to-chuc/nhom)", ""]
    seen: set[str] = set()
    owned, without = [], []
    for unit in sorted(units, key=lambda u: u.id):
        if unit.id in seen:
            continue
        seen.add(unit.id)
        owners = _owners(unit, problems)
        if owners:
            owned.append(f"{prefix}progress/{unit.id}/ {' '.join(owners)}")
        else:
            without.append(unit.id)
    if owned:
        lines += ["# Báo cáo tiến độ: mỗi đơn vị sửa thư mục của mình", *owned, ""]
    if without:
        lines += ["# Đơn vị chưa có git_team (báo cáo do chủ sở hữu mặc định duyệt):"]
        lines += [f"#   {unit_id}" for unit_id in without]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def run(args: argparse.Namespace) -> int:
    if args.check and args.output is None:
        print("--check cần -o <tệp CODEOWNERS> để so sánh.", file=sys.stderr)
        return 2
    root = Path(args.dir)
    content_dir = find_content_dir(root)
    units_path = content_dir / "units.yml"
    if not units_path.is_file():
        print(f"Không tìm thấy {units_path}.", file=sys.stderr)
        return 2
    problems = Problems()
    units = load_units(units_path, "units.yml", problems)
    try:
        prefix = content_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        print(f"Thư mục nội dung {content_dir} nằm ngoài {root}.", file=sys.stderr)
        return 2
    text = render_codeowners(units, "" if prefix == "." else prefix, args.default_owner, problems)
    if problems.errors:
        for p in problems.errors:
            print(f"Lỗi: {p.format()}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if not out.is_absolute():
        out = root / out
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            print(
                f"{out} chưa khớp với units.yml: chạy `noticeboard codeowners -o {args.output}`.",
                file=sys.stderr,
            )
            return 1
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    print(f"Đã ghi {out} ({len(units)} đơn vị).")
    return 0
