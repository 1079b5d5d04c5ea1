"""What a YAML read gives, whichever reader made it (``yamlio``'s PyYAML loader or ``fastyaml``).

Every mapping becomes a :class:`LineDict` that knows the line of each key, every sequence a
:class:`LineList` that knows the line of each item; a file that cannot be read raises
:class:`YamlProblem` with a line and a plain fix.
"""

from __future__ import annotations

import re
from typing import Any


class YamlProblem(Exception):
    """A file that is not readable YAML; carries a 1-based line and a plain fix."""

    def __init__(self, message: str, line: int = 0, fix: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.fix = fix


class LineDict(dict):
    """A mapping that remembers where it and each of its keys stood, and how each value that YAML
    did not read as text was written (``raw``: ``ref: 1.10`` is the float 1.1 written "1.10")."""

    line: int = 0
    key_lines: dict[Any, int]
    raw: dict[Any, str]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def raw_of(self, key: Any) -> str:
        return self.raw.get(key, "")


class LineList(list):
    """A sequence that remembers where it and each item stood, and how each item that YAML did
    not read as text was written (``raw``, by index)."""

    line: int = 0
    item_lines: list[int]
    # a flow list ``[a, b]`` and, per item, whether it was a plain (unquoted) scalar: YAML splits a
    # plain item at every comma, so the validator can tell a name cut in pieces (load.py)
    flow: bool = False
    plain: tuple[bool, ...] = ()
    raw: dict[int, str]

    def line_of(self, index: int) -> int:
        try:
            return self.item_lines[index]
        except IndexError:
            return self.line

    def raw_of(self, index: int) -> str:
        return self.raw.get(index, "")


# Plain scalars that PyYAML keeps as text but a YAML 1.2 reader (ruamel, the linters of git web
# editors, other tools reading the same files) takes for a number: 1e3, 0o17, +.5, .inf. A text
# field written so does not mean one thing everywhere; it is kept in ``raw`` to be refused.
YAML12_NUMBER = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NUMBER_FIRSTS = frozenset("0123456789+-.")


def ambiguous_plain(text: str) -> bool:
    """``text``, written unquoted, is a string to PyYAML but a number to YAML 1.2."""
    return text[:1] in _NUMBER_FIRSTS and YAML12_NUMBER.fullmatch(text) is not None


# Control characters (C0 but tab and line feed, DEL, C1): invisible, and they make XML feeds
# malformed. Refused in every value, whether typed raw or through a YAML escape ("\v", "\0"); so
# are the code points XML cannot hold at all (U+FFFE, U+FFFF, a lone surrogate).
CONTROL_CHARS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")


def control_char_problem(text: str, line: int) -> YamlProblem | None:
    """The problem to report when ``text`` holds a control character, else None."""
    found = CONTROL_CHARS.search(text)
    if found is None:
        return None
    return YamlProblem(
        f"Giá trị chứa ký tự điều khiển vô hình (U+{ord(found.group()):04X}).",
        line,
        "Xoá ký tự này (thường do dán từ phần mềm khác hoặc viết \\v, \\0... trong dấu nháy kép).",
    )


MAX_DEPTH = 64  # an editor's file nests 5 or 6 levels
