"""`noticeboard codeowners`: each unit's git_team owns its progress folder, a default owner the rest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import MKDOCS_YML, write_tree
from noticeboard.cli import main

UNITS = """\
units:
  - id: van-phong
    name: Văn phòng HĐND và UBND xã
    git_team: "@xa-bat-trang/van-phong"
  - id: van-hoa-xa-hoi
    name: Phòng Văn hoá - Xã hội
    git_team: "@xa-bat-trang/van-hoa-xa-hoi"
  - id: kinh-te
    name: Phòng Kinh tế
  - id: cong-an
    name: Công an xã
    git_team: "@xa-bat-trang/cong-an @truong-cong-an"
  - id: ubnd-xa
    name: Ủy ban nhân dân xã
"""

EXPECTED = """\
# Sinh tự động bằng `noticeboard codeowners` từ units.yml: đừng sửa tay, hãy sửa git_team
# trong units.yml rồi chạy lại lệnh. Dòng sau cùng khớp một tệp sẽ quyết định ai duyệt.

# Mọi tệp khác: thông báo, units.yml, các trang
* @xa-bat-trang/van-phong

# Báo cáo tiến độ: mỗi đơn vị sửa thư mục của mình
/content/progress/cong-an/ @xa-bat-trang/cong-an @truong-cong-an
/content/progress/van-hoa-xa-hoi/ @xa-bat-trang/van-hoa-xa-hoi
/content/progress/van-phong/ @xa-bat-trang/van-phong

# Đơn vị chưa có git_team (báo cáo do chủ sở hữu mặc định duyệt):
#   kinh-te
#   ubnd-xa
"""


def project(tmp_path: Path, units: str = UNITS) -> Path:
    return write_tree(
        tmp_path, {"mkdocs.yml": MKDOCS_YML.format(as_of="2026-05-01"), "content/units.yml": units}
    )


def test_writes_codeowners_from_units(tmp_path: Path, capsys):
    root = project(tmp_path)
    code = main(
        ["codeowners", str(root), "-o", ".github/CODEOWNERS", "--default-owner", "@xa-bat-trang/van-phong"]
    )
    assert code == 0, capsys.readouterr().err
    assert (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == EXPECTED


def test_output_is_deterministic_and_sorted(tmp_path: Path, capsys):
    root = project(tmp_path)
    assert main(["codeowners", str(root), "--default-owner", "@xa-bat-trang/van-phong"]) == 0
    first = capsys.readouterr().out
    # the same units in another order give the same file
    blocks = UNITS.split("  - ")
    shuffled = blocks[0] + "  - " + "  - ".join(reversed(blocks[1:]))
    other = project(tmp_path / "b", shuffled)
    assert main(["codeowners", str(other), "--default-owner", "@xa-bat-trang/van-phong"]) == 0
    assert capsys.readouterr().out == first == EXPECTED


def test_without_default_owner_says_so(tmp_path: Path, capsys):
    assert main(["codeowners", str(project(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "\n* " not in out and "--default-owner" in out
    assert "/content/progress/van-phong/ @xa-bat-trang/van-phong" in out


def test_content_dir_from_mkdocs_yml(tmp_path: Path, capsys):
    root = write_tree(
        tmp_path, {"mkdocs.yml": "site_name: X\ndocs_dir: docs/portal\n", "docs/portal/units.yml": UNITS}
    )
    assert main(["codeowners", str(root)]) == 0
    assert "/docs/portal/progress/van-hoa-xa-hoi/ @xa-bat-trang/van-hoa-xa-hoi" in capsys.readouterr().out


def test_bad_git_team_is_an_error_with_its_line(tmp_path: Path, capsys):
    units = UNITS.replace('"@xa-bat-trang/van-hoa-xa-hoi"', "xa-bat-trang/van hoa")
    assert main(["codeowners", str(project(tmp_path, units))]) == 1
    err = capsys.readouterr().err
    assert "units.yml:7:" in err and "xa-bat-trang/van" in err


def test_broken_units_yml_is_reported(tmp_path: Path, capsys):
    assert main(["codeowners", str(project(tmp_path, "units:\n\t- id: x\n"))]) == 1
    assert "units.yml:2:" in capsys.readouterr().err


def test_check_mode(tmp_path: Path, capsys):
    root = project(tmp_path)
    args = ["codeowners", str(root), "-o", "CODEOWNERS", "--default-owner", "@xa-bat-trang/van-phong"]
    assert main([*args, "--check"]) == 1  # not written yet
    assert main(args) == 0
    assert main([*args, "--check"]) == 0
    (root / "content" / "units.yml").write_text(
        UNITS.replace("  - id: kinh-te\n    name: Phòng Kinh tế\n", ""), encoding="utf-8"
    )
    assert main([*args, "--check"]) == 1
    assert "chưa khớp" in capsys.readouterr().err


def test_console_script(tmp_path: Path):
    root = project(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "noticeboard.cli",
            "codeowners",
            str(root),
            "--default-owner",
            "@xa-bat-trang/van-phong",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == EXPECTED
