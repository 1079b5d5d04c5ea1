"""Files under the content folder that must never be published as they stand (contract §2.4).

MkDocs publishes every Markdown file of the docs folder as a page and copies every other file
as it is. Noticeboard's sources are read by the load stage and published only through the pages
it makes, so a notice saved in the wrong place (``Notices/``, ``notice/``, ``notices /``, the top
of ``content/``) or a stray YAML file (``Units.yml``, ``Progress/...``) would reach the site raw:
hidden notices, uncleaned HTML, unit data. A symlink would publish what it points at, possibly
outside ``content/``. Each such file is an error naming it, and is withheld from the site.
No MkDocs import: the plugin removes the withheld paths from MkDocs' files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Problems

# The contract's three keys, and `issuer`, which only a notice has (a notice without tasks is still one).
NOTICE_KEYS_RE = re.compile(r"""^[ \t]*["']?(tasks|status|publish_on|issuer)["']?[ \t]*:""", re.MULTILINE)
_KEY_ORDER = ("status", "publish_on", "tasks", "issuer")
_FOLD_RE = re.compile(r"[\s_.\-0-9]+")
# Folder names an editor may mean for notices/ or progress/: any case, with stray spaces, dashes,
# digits (notices-2026), a missing or extra s.
_NOTICE_LIKE = {"notice", "notices", "noticess", "progress", "progres", "progresses"}
_SOURCE_DIRS = ("notices", "progress")
_UNITS_FILES = ("units.yml", "units.yaml")
_YAML_SUFFIXES = (".yml", ".yaml")
_FRONT_MATTER_LIMIT = 64 * 1024  # front matter is a few KB; the body is not read


def _folded(name: str) -> str:
    return _FOLD_RE.sub("", name.casefold())


def is_notice_like_folder(name: str, top: bool = True) -> bool:
    """``name`` (one path part) looks like ``notices`` or ``progress`` but is not that folder:
    spelled otherwise, or (``top`` false) not at the top of the content folder."""
    return (not top or name not in _SOURCE_DIRS) and _folded(name) in _NOTICE_LIKE


def check_placement(content_dir: Path, problems: Problems) -> set[str]:
    """Report misplaced notices, notice-like folders, stray YAML files and symlinks under
    ``content_dir``; return what must not be published: content-relative file paths, and folder
    paths ending in "/" (everything under them)."""
    withheld: set[str] = set()
    for parts, name, is_link, path in _entries(content_dir):
        rel = "/".join((*parts, name))
        if is_link:
            is_folder = path.is_dir()
            withheld.add(rel + "/" if is_folder else rel)
            what = f"Thư mục “{rel}/”" if is_folder else f"Tệp “{rel}”"
            problems.error(
                rel,
                0,
                f"{what} là liên kết tượng trưng (symlink): không được đọc hay xuất bản.",
                "Đặt thư mục hoặc tệp thật vào đây thay cho liên kết (symlink).",
            )
            continue
        if parts and parts[0] in _SOURCE_DIRS and not is_notice_like_folder(parts[0]):
            continue  # read (and reported) by the load stage; never published as it is
        misplaced = next((p for i, p in enumerate(parts) if is_notice_like_folder(p, top=i == 0)), None)
        problem = _misplaced(rel, name, path, misplaced)
        if problem is not None:
            withheld.add(rel)
            if problem[1]:
                problems.error(rel, problem[0], problem[1], problem[2])
    return withheld


def _entries(content_dir: Path) -> Iterator[tuple[tuple[str, ...], str, bool, Path]]:
    """(folders above, name, is a symlink, path) of every file and symlink under ``content_dir``, in
    name order; hidden names left out, as MkDocs leaves them out. One ``scandir`` per folder: no
    ``stat`` per file (a five-year site has thousands)."""
    pending: list[tuple[str, tuple[str, ...]]] = [(str(content_dir), ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            link = entry.is_symlink()
            try:
                is_dir = not link and entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                pending.append((entry.path, (*parts, entry.name)))
            else:
                yield parts, entry.name, link, Path(entry.path)


def _misplaced(rel: str, name: str, path: Path, folder: str | None) -> tuple[int, str, str] | None:
    """(line, message, fix) when the file must be withheld (message "" when silently: plain YAML
    data), else None."""
    if folder is not None:
        return (
            _notice_key_line(path) if name.endswith(".md") else 0,
            f"Tệp nằm trong thư mục “{folder}/”, viết sai tên thư mục nội dung: không được đọc và không được xuất bản.",
            f"Chuyển tệp vào {_meant(folder)} (chữ thường, không dấu cách) và xoá thư mục “{folder}/”.",
        )
    if name.lower().endswith(_YAML_SUFFIXES) and rel not in _UNITS_FILES:
        if _folded(name.rsplit(".", 1)[0]) not in ("unit", "units"):
            return 0, "", ""  # data, never copied into the site
        return (
            0,
            f"Tệp “{rel}” viết sai tên danh mục đơn vị: không được đọc và không được xuất bản.",
            "Danh mục đơn vị phải là content/units.yml (chữ thường): đổi tên tệp, hoặc xoá nó.",
        )
    if name.endswith(".md"):
        line = _notice_key_line(path)
        if line:
            return (
                line,
                "Tệp có phần thông tin của một thông báo (tasks, status, publish_on hoặc issuer) nhưng nằm ngoài "
                "notices/<năm>/: không được xuất bản.",
                f"Chuyển tệp vào content/notices/<năm ban hành>/{name}; nếu là trang thường, bỏ các dòng đó.",
            )
    return None


def _meant(folder: str) -> str:
    return (
        "content/progress/<mã-đơn-vị>/" if _folded(folder).startswith("progres") else "content/notices/<năm>/"
    )


def _notice_key_line(path: Path) -> int:
    """The line in the file's front matter of the key that makes it a notice, else 0: ``status``
    or ``publish_on`` first (what would have kept it hidden), then ``tasks``, then ``issuer``."""
    try:
        with path.open("rb") as f:
            head = f.read(_FRONT_MATTER_LIMIT).decode("utf-8-sig", errors="replace")
    except OSError:
        return 0
    head = head.replace("\r\n", "\n").replace("\r", "\n")
    lines = head.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        key = NOTICE_KEYS_RE.match(line)
        if key:
            found.setdefault(key[1], number)
    return next((found[k] for k in _KEY_ORDER if k in found), 0)
