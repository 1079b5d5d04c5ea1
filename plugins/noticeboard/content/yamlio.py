"""Safe YAML loading that keeps line numbers and refuses what PyYAML lets through.

Every mapping becomes a :class:`LineDict` that knows the line of each key, every
sequence a :class:`LineList` that knows the line of each item. Duplicate keys and
anchors/aliases (``&a`` / ``*a``, the "billion laughs" bomb) are errors: an
editor never needs them and both hide what a file really says.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import yaml

try:  # the C parser is several times faster; the constructor stays in Python
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


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


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    line_offset = 0
    last_line = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias makes the composer hand back a node it has already built.
        if node in self.constructed_objects and not isinstance(node, yaml.ScalarNode):
            raise YamlProblem(
                "Tệp dùng neo/bí danh YAML (&tên, *tên, <<).",
                node.start_mark.line + 1 + self.line_offset,
                "Viết đầy đủ nội dung ở từng chỗ, không dùng & và *.",
            )
        self.last_line = node.start_mark.line  # where a RecursionError is reported
        return super().construct_object(node, deep=deep)

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = loader._line(node)
    data.key_lines = {}
    data.raw = {}
    yield data
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(
                "Tệp dùng khoá gộp YAML (<<).",
                loader._line(key_node),
                "Viết đầy đủ các khoá, không dùng <<.",
            )
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str):
            key = unicodedata.normalize("NFC", key)
        try:
            hash(key)
        except TypeError:
            raise YamlProblem("Khoá không hợp lệ.", loader._line(key_node), "Khoá phải là một chữ.") from None
        if key in data:
            raise YamlProblem(
                f"Khoá “{key}” xuất hiện hai lần (lần đầu ở dòng {data.key_lines[key]}).",
                loader._line(key_node),
                "Xoá một trong hai dòng; nếu cần nhiều giá trị hãy dùng danh sách.",
            )
        data[key] = value = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = loader._line(key_node)
        if (
            isinstance(value_node, yaml.ScalarNode)
            and value_node.value
            and (not isinstance(value, str) or (not value_node.style and ambiguous_plain(value_node.value)))
        ):
            data.raw[key] = value_node.value


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Any:
    data = LineList()
    data.line = loader._line(node)
    data.item_lines = [loader._line(child) for child in node.value]
    if node.flow_style:
        data.flow = True
        data.plain = tuple(isinstance(c, yaml.ScalarNode) and not c.style for c in node.value)  # C loader: ""
    data.raw = {}
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)
    for index, child in enumerate(node.value):
        if (
            isinstance(child, yaml.ScalarNode)
            and child.value
            and (not isinstance(data[index], str) or (not child.style and ambiguous_plain(child.value)))
        ):
            data.raw[index] = child.value


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    value = unicodedata.normalize("NFC", loader.construct_scalar(node))
    problem = control_char_problem(value, loader._line(node))
    if problem is not None:
        raise problem
    return value


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise YamlProblem(
            f"Ngày “{node.value}” không có thật.",
            loader._line(node),
            "Viết ngày có thật theo dạng năm-tháng-ngày, ví dụ 2026-04-25.",
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:omap", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


_PLAIN_REASONS = [
    # PyYAML 6.0.4 refuses deep nesting itself, in English; older versions leave it to _check_depth.
    (
        re.compile(r"maximum nesting depth|nesting depth"),
        "Các danh sách/khối lồng nhau quá sâu.",
        "Viết lại phần này với ít cấp lồng nhau hơn.",
    ),
    (
        re.compile(r"found character '\\t'|found a tab character"),
        "Dòng có ký tự Tab.",
        "Thụt lề bằng dấu cách (2 dấu cách mỗi cấp), không dùng phím Tab.",
    ),
    (
        re.compile(r"mapping values are not allowed"),
        "Có dấu hai chấm “:” ở chỗ YAML không cho phép.",
        'Nếu giá trị có chứa “: ”, hãy đặt cả giá trị trong dấu nháy kép "...".',
    ),
    (
        re.compile(r"could not find expected ':'"),
        "Thiếu dấu hai chấm sau tên khoá.",
        "Viết theo dạng `khoa: gia tri`.",
    ),
    (
        re.compile(r"found undefined alias|found unhashable key"),
        "Giá trị không hợp lệ.",
        "Đặt giá trị trong dấu nháy kép.",
    ),
    (
        re.compile(r"could not determine a constructor for the tag"),
        "Giá trị dùng thẻ YAML (bắt đầu bằng “!”) không được hỗ trợ.",
        "Bỏ thẻ “!...” hoặc đặt cả giá trị trong dấu nháy kép.",
    ),
    (
        re.compile(r"while scanning a quoted scalar"),
        "Dấu nháy mở mà không đóng.",
        "Thêm dấu nháy đóng ở cuối giá trị.",
    ),
    (
        re.compile(r"while parsing a flow (sequence|mapping)"),
        "Dấu ngoặc “[” hoặc “{” mở mà không đóng.",
        "Thêm “]” hoặc “}” ở cuối danh sách; nếu giá trị có dấu phẩy hay ngoặc, đặt nó trong dấu nháy kép.",
    ),
    (
        re.compile(r"did not find expected '-' indicator|expected <block end>|bad indentation"),
        "Thụt lề không đều.",
        "Các mục cùng cấp phải thẳng cột với nhau (dùng dấu cách).",
    ),
    (
        re.compile(r"found character '@'|found character '`'|found character '%'"),
        "Giá trị bắt đầu bằng ký tự đặc biệt.",
        'Đặt cả giá trị trong dấu nháy kép "...".',
    ),
]


def _explain(err: yaml.YAMLError, source_line: str = "") -> tuple[str, str]:
    text = str(err)
    if "\t" in source_line and "cannot start any token" in text:
        text = "found character '\\t'"
    for pattern, message, fix in _PLAIN_REASONS:
        if pattern.search(text):
            return message, fix
    problem = getattr(err, "problem", None) or text.splitlines()[0]
    return f"YAML không đọc được ({problem}).", "Kiểm tra thụt lề, dấu hai chấm và dấu nháy ở dòng này."


# Errors whose cause is where something was opened (a quote, a bracket, a key without ":"),
# not where the scanner gave up, which may be many lines further down.
_AT_CONTEXT = re.compile(
    r"while scanning a (quoted scalar|simple key)|while parsing a flow (sequence|mapping)"
)


# -- fast path ----------------------------------------------------------------------------
# PyYAML builds a Python node per scalar and runs its resolver and constructor on each: about
# 0.7 ms per notice, most of a five-year commune's build before MkDocs starts. Content files
# use a small part of YAML (block mappings and sequences, one-line scalars, flow lists of
# plain or quoted words), so that part is read here line by line, with PyYAML's own resolver
# and scalar constructors. Anything else (comments, anchors, tags, block or multi-line
# scalars, escapes, duplicate keys, odd characters) gives up and PyYAML reads the file, so
# every error message still comes from one place. tests/test_scale.py checks that both
# readers agree, value and line, on the demo, the fixtures and a generated corpus.


class _GiveUp(Exception):
    pass


_SAFE = yaml.SafeLoader("")
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": lambda value: None,
    "tag:yaml.org,2002:bool": lambda value: _SAFE.bool_values[value.lower()],
    "tag:yaml.org,2002:int": lambda value: _SAFE.construct_yaml_int(yaml.ScalarNode("", value)),
    "tag:yaml.org,2002:float": lambda value: _SAFE.construct_yaml_float(yaml.ScalarNode("", value)),
    "tag:yaml.org,2002:timestamp": lambda value: _SAFE.construct_yaml_timestamp(yaml.ScalarNode("", value)),
}
# PyYAML's printable set, plus the line breaks it knows and we do not split on.
_REFUSED_CHARS = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_FLOW_ITEM = re.compile(
    r" *(?:\"([^\"\\]*)\"|'((?:[^']|'')*)'|([^ ,\[\]{}\"'#&*!|>%@`?:-][^,\[\]{}:#]*?)) *(?:,|$)"
)
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SIMPLE = re.compile(r"[\"'\[\]{}:#]")  # a flow list holding none of these is words and commas
_FLOW_NOT_FIRST = frozenset(" ,[]{}\"'#&*!|>%@`?:-")  # what _FLOW_ITEM's plain item may not start with


# Only the bool and null resolvers apply to a scalar starting with a letter, and both match
# whole words: anything else starting with these letters is a string without asking PyYAML.
_WORD_FIRSTS = frozenset("yYnNtTfFoO")
_BOOL_NULL_WORDS = frozenset(("yes", "no", "true", "false", "on", "off", "null"))


def _plain(value: str) -> Any:
    first = value[0]
    if first in _WORD_FIRSTS:
        if value.lower() not in _BOOL_NULL_WORDS:
            return value
    elif first not in _IMPLICIT:
        return value
    elif (
        len(value) == 10
        and value[4] == "-"
        and value[7] == "-"
        and value[:4].isdigit()
        and value[5:7].isdigit()
        and value[8:].isdigit()
        and value.isascii()
    ):  # yyyy-mm-dd: PyYAML's timestamp (no int or float form matches it)
        try:
            return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise _GiveUp from None
    resolvers = _IMPLICIT.get(first)
    if resolvers:
        for tag, regexp in resolvers:
            if regexp.match(value):
                if tag == _STR_TAG:
                    return value
                make = _SCALAR_TAGS.get(tag)
                if make is None:
                    raise _GiveUp
                try:
                    return make(value)
                except (ValueError, OverflowError, KeyError):
                    raise _GiveUp from None
    return value


def _scalar(text: str) -> Any:
    first = text[0]
    if first == '"':
        if len(text) < 2 or text[-1] != '"' or '"' in text[1:-1] or "\\" in text:
            raise _GiveUp
        return text[1:-1]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _GiveUp
        return inner.replace("''", "'")
    if first in _PLAIN_START or ": " in text or text[-1] == ":":
        raise _GiveUp
    return _plain(text)


def _flow(text: str, line: int) -> Any:
    inner = text[1:-1].strip(" ")
    if text[0] == "[":
        if text[-1] != "]":
            raise _GiveUp
        items = LineList()
        items.line = line
        items.flow = True
        items.raw = {}
        if inner and _FLOW_SIMPLE.search(inner) is None:  # plain words and commas: split, no regex per item
            for part in inner.split(","):
                word = part.strip(" ")
                if not word or word[0] in _FLOW_NOT_FIRST:
                    raise _GiveUp  # an empty item (",,", a trailing comma) or an indicator first
                items.append(word if _is_string(word) else _plain(word))
                if type(items[-1]) is not str or ambiguous_plain(word):
                    items.raw[len(items) - 1] = word
            items.item_lines = [line] * len(items)
            items.plain = (True,) * len(items)
            return items
        pos = 0
        end = len(inner)
        match = _FLOW_ITEM.match
        plain_items = []
        while pos < end:
            m = match(inner, pos)
            if m is None or m.end() == pos:
                raise _GiveUp
            quoted, single, plain = m.groups()
            plain_items.append(plain is not None)
            if quoted is not None:
                items.append(quoted)
            elif single is not None:
                items.append(single.replace("''", "'"))
            else:
                items.append(_plain(plain))
                if type(items[-1]) is not str or ambiguous_plain(plain):
                    items.raw[len(items) - 1] = plain
            pos = m.end()
            if pos == end and inner[pos - 1] == ",":
                raise _GiveUp  # a trailing comma
        items.item_lines = [line] * len(items)
        items.plain = tuple(plain_items)
        return items
    if text[-1] != "}":
        raise _GiveUp
    mapping = LineDict()
    mapping.line = line
    key_lines: dict[Any, int] = {}
    mapping.key_lines = key_lines
    mapping.raw = {}
    for part in inner.split(",") if inner else ():
        key, sep, value = part.partition(": ")
        key, value = key.strip(" "), value.strip(" ")
        if not sep or not _KEY_LINE.fullmatch(key + ":") or not value or ":" in value:
            raise _GiveUp
        key = _plain(key)
        if not isinstance(key, str) or key in mapping:
            raise _GiveUp
        mapping[key] = made = _scalar(value)
        key_lines[key] = line
        if type(made) is not str or ambiguous_plain(value):
            mapping.raw[key] = value
    return mapping


def _is_item(text: str) -> bool:
    return text[0] == "-" and (len(text) == 1 or text[1] == " ")


# A value starting with none of these, holding no ": " and not ending in ":" is a plain string as
# it stands (what _scalar and _plain would return after their checks): most titles, ids, names.
_NOT_PLAIN_STRING = frozenset(_PLAIN_START) | frozenset(_IMPLICIT) | _WORD_FIRSTS | frozenset("\"'[{")
_DIGITS = frozenset("0123456789")
_NOT_NUMBERISH = re.compile(r"[^0-9a-fA-Fxob_.:+\-TtZ \t]")  # outside every int/float/timestamp form
_KEY_OK: dict[str, bool] = {}  # "key" -> usable as a block mapping key (see _key_ok)


def _key_ok(key: str) -> bool:
    """``key`` (before the ":") is a name the fast reader takes: _KEY_LINE's, not a word PyYAML
    reads as true/false/None."""
    ok = _KEY_OK.get(key)
    if ok is None:
        ok = _KEY_LINE.fullmatch(key + ":") is not None and not (
            key[0] in _WORD_FIRSTS and key.lower() in _BOOL_NULL_WORDS
        )
        if len(_KEY_OK) < 4096:
            _KEY_OK[key] = ok
    return ok


def _inline(rest: str, line: int) -> Any:
    """The value written after "key: " or "- " (``rest``: without the leading spaces)."""
    if ": " not in rest and rest[-1] != ":" and _is_string(rest):
        return rest
    if rest[0] in "[{":
        return _flow(rest, line)
    return _scalar(rest)


def _is_string(plain: str) -> bool:
    """A plain scalar (no ": ", not ending in ":") that is a string as it stands: one _plain
    returns unchanged. False when unsure (then _scalar/_plain decide)."""
    first = plain[0]
    if first not in _NOT_PLAIN_STRING:
        return True
    if first in _WORD_FIRSTS:  # true/false/yes/no/on/off/null have at most 5 letters
        return len(plain) > 5 or plain.lower() not in _BOOL_NULL_WORDS
    # A digit first: an int, float or timestamp holds nothing but these characters.
    return first in _DIGITS and _NOT_NUMBERISH.search(plain) is not None


def _block(numbers: list[int], indents: list[int], texts: list[str], i: int) -> tuple[Any, int]:
    """The node starting at line ``i``; returns it and the index of the first line after it.

    The document is three parallel lists: line number, indent and text (stripped) of each
    non-blank line.
    """
    indent = indents[i]
    count = len(texts)
    if _is_item(texts[i]):
        seq = LineList()
        seq.line = numbers[i]
        item_lines: list[int] = []
        seq.item_lines = item_lines
        seq.raw = {}
        while i < count and indents[i] == indent and _is_item(text := texts[i]):
            line = numbers[i]
            rest = text[1:].lstrip(" ")
            if not rest:
                if i + 1 < count and indents[i + 1] > indent:
                    item_lines.append(numbers[i + 1])
                    item, i = _block(numbers, indents, texts, i + 1)
                else:
                    item_lines.append(line)
                    item, i = None, i + 1
            elif _is_item(rest) or (
                (colon := rest.find(":")) > 0
                and (len(rest) == colon + 1 or rest[colon + 1] == " ")
                and _KEY_LINE.fullmatch(rest)
            ):
                indents[i] = indent + len(text) - len(rest)
                texts[i] = rest
                item_lines.append(line)
                item, i = _block(numbers, indents, texts, i)
            else:
                item_lines.append(line)
                item, i = _inline(rest, line), i + 1
                if (type(item) is not str and not isinstance(item, (LineDict, LineList))) or ambiguous_plain(
                    rest
                ):
                    seq.raw[len(seq)] = rest
            seq.append(item)
            if i < count and indents[i] > indent:
                raise _GiveUp
        return seq, i
    mapping = LineDict()
    mapping.line = numbers[i]
    key_lines: dict[Any, int] = {}
    mapping.key_lines = key_lines
    raw: dict[Any, str] = {}
    mapping.raw = raw
    while i < count and indents[i] == indent:
        line = numbers[i]
        key, sep, rest = texts[i].partition(":")
        if not sep or not (_KEY_OK.get(key) or _key_ok(key)) or key in mapping:
            raise _GiveUp
        if rest:
            if rest[0] != " ":
                raise _GiveUp
            value, i = _inline(rest := rest.lstrip(" "), line), i + 1
            if (type(value) is not str and not isinstance(value, (LineDict, LineList))) or ambiguous_plain(
                rest
            ):
                raw[key] = rest
        elif i + 1 < count and (
            indents[i + 1] > indent or (indents[i + 1] == indent and _is_item(texts[i + 1]))
        ):
            value, i = _block(numbers, indents, texts, i + 1)
        else:
            value, i = None, i + 1
        mapping[key] = value
        key_lines[key] = line
        if i < count and indents[i] > indent:
            raise _GiveUp
    return mapping, i


def _fast_load(text: str, line_offset: int) -> Any:
    """The document, or :class:`_GiveUp` when it uses more of YAML than content files need."""
    if (
        "#" in text
        or "\t" in text
        or _REFUSED_CHARS.search(text)
        or not unicodedata.is_normalized("NFC", text)
    ):
        raise _GiveUp
    numbers: list[int] = []
    indents: list[int] = []
    texts: list[str] = []
    number = line_offset
    for raw in text.split("\n"):
        number += 1
        stripped = raw.rstrip(" ")
        if stripped:
            content = stripped.lstrip(" ")
            first = content[0]
            if (
                (first == "-" and content.startswith("---"))
                or (first == "." and content.startswith("..."))
                or first == "%"
            ):
                raise _GiveUp
            indent = len(stripped) - len(content)
            if indent > MAX_DEPTH:  # deep nesting is PyYAML's path to refuse, with its message
                raise _GiveUp
            numbers.append(number)
            indents.append(indent)
            texts.append(content)
    if not texts:
        return None
    value, end = _block(numbers, indents, texts, 0)
    if end != len(texts):
        raise _GiveUp
    return value


def load_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse one YAML document; raise :class:`YamlProblem` with a line and a fix."""
    try:
        return _fast_load(text, line_offset)
    except (_GiveUp, RecursionError):  # "- - - - ..." thousands deep: PyYAML's path refuses it
        pass
    return load_yaml_pyyaml(text, line_offset)


MAX_DEPTH = 64  # an editor's file nests 5 or 6 levels


def _check_depth(text: str, line_offset: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH before PyYAML composes the document.

    libyaml's composer recurses in C once per level: "[" * 100000 (200 KB) kills the process
    with a segmentation fault, no exception. Its parser does not recurse, so count levels on
    the event stream -- only when a cheap upper bound on the depth says it might be needed.
    """
    flow = text.count("[") + text.count("{")
    block = max(
        (
            len(ln) - len(ln.lstrip(" ")) + ln.count("- ") + ln.count(": ") + ln.count("? ")
            for ln in text.split("\n")
        ),
        default=0,
    )
    if flow + 2 * block + 2 <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        f"Các danh sách/khối lồng nhau quá sâu (hơn {MAX_DEPTH} cấp).",
                        event.start_mark.line + 1 + line_offset,
                        "Viết lại phần này với ít cấp lồng nhau hơn.",
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # reported with its line by the real load


def load_yaml_pyyaml(text: str, line_offset: int = 0) -> Any:
    """:func:`load_yaml` through PyYAML only (the reference the fast path is tested against)."""
    _check_depth(text, line_offset)
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark is not None and _AT_CONTEXT.search(err.context or ""):
            mark = err.context_mark
        line = (mark.line + 1 + line_offset) if mark is not None else 0
        lines = text.splitlines()
        source_line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        message, fix = _explain(err, source_line)
        raise YamlProblem(message, line, fix) from None
    except yaml.YAMLError as err:
        message, fix = _explain(err)
        raise YamlProblem(message, line_offset + 1, fix) from None
    except RecursionError:  # "[[[[..." thousands deep: the constructor recurses per level
        raise YamlProblem(
            "Các danh sách/khối lồng nhau quá sâu.",
            loader.last_line + 1 + line_offset,
            "Viết lại phần này với ít cấp lồng nhau hơn.",
        ) from None
    except (ValueError, TypeError, OverflowError) as err:  # e.g. a timestamp like 2026-02-31
        raise YamlProblem(
            f"Giá trị không hợp lệ: {err}.",
            line_offset + 1,
            "Kiểm tra các ngày tháng (năm-tháng-ngày có thật).",
        ) from None
    finally:
        loader.dispose()
