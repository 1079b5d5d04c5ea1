"""Problems found in content: each names a file, a line and a plain fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    ``path`` is relative to the content folder (POSIX form) so messages read the
    same on every machine; ``line`` is 1-based, 0 when the whole file is meant.
    """

    path: str
    line: int
    message: str
    fix: str = ""
    severity: str = "error"  # "error" | "warning"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" Cách sửa: {self.fix}"
        return text


@dataclass
class Problems:
    """Collects every problem of a run so they can be reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str | PurePosixPath, line: int, message: str, fix: str = "") -> None:
        self.items.append(Problem(str(path), line, message, fix, "error"))

    def warning(self, path: str | PurePosixPath, line: int, message: str, fix: str = "") -> None:
        self.items.append(Problem(str(path), line, message, fix, "warning"))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "warning")

    def __bool__(self) -> bool:
        return bool(self.errors)

    def report(self) -> str:
        errs = self.errors
        lines = [f"noticeboard: {len(errs)} lỗi trong nội dung, cần sửa trước khi xuất bản:"]
        lines += [f"  - {p.format()}" for p in errs]
        return "\n".join(lines)
