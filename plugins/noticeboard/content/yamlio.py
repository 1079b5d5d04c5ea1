"""Safe YAML loading that keeps line numbers and refuses what PyYAML lets through.

Every mapping becomes a :class:`LineDict` that knows the line of each key, every
sequence a :class:`LineList` that knows the line of each item. Duplicate keys and
anchors/aliases (``&a`` / ``*a``, the "billion laughs" bomb) are errors: an
editor never needs them and both hide what a file really says.

:func:`load_yaml` tries the fast reader of ``fastyaml`` first; this module's PyYAML loader reads
whatever it does not take and is the only source of error messages.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from . import fastyaml
from .yamlvalues import (
    CONTROL_CHARS,
    MAX_DEPTH,
    LineDict,
    LineList,
    YamlProblem,
    ambiguous_plain,
    control_char_problem,
)

# what the loader's callers use; the rest of yamlvalues is shared with fastyaml
__all__ = ["CONTROL_CHARS", "LineDict", "LineList", "YamlProblem", "load_yaml", "load_yaml_pyyaml"]

try:  # the C parser is several times faster; the constructor stays in Python
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


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


def load_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse one YAML document; raise :class:`YamlProblem` with a line and a fix.

    The fast reader takes what content files use; PyYAML reads the rest and reports every error.
    """
    try:
        return fastyaml.read(text, line_offset)
    except (fastyaml.Unsupported, RecursionError):  # "- - - - ..." thousands deep: PyYAML's path refuses it
        pass
    return load_yaml_pyyaml(text, line_offset)


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
