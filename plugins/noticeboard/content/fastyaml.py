"""The fast reader of content YAML: the small part of YAML that content files use, read line by line.

PyYAML builds a Python node per scalar and runs its resolver and constructor on each, which makes
it the largest cost of a first build's load stage (BENCHMARKS.md, issue 20 item 7). Content files
use a small part of YAML: block mappings and sequences, one-line scalars, flow lists and maps of
plain or quoted words, and comments (the editor's guide starts every file with a
``# yaml-language-server`` line). That part is read here, with PyYAML's own resolver and scalar
constructors. On anything else (anchors, tags, block or multi-line scalars, escapes, duplicate
keys, odd characters, a comment after a quoted value it cannot place) :func:`read` raises
:class:`Unsupported` and ``yamlio.load_yaml`` hands the file to PyYAML, so every error message
comes from one place. Tests check that whatever this reader accepts, PyYAML reads to the same
values on the same lines (tests/test_scale.py: the demo, the fixtures, generated corpora with and
without comments, random documents).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

import yaml

from .yamlvalues import MAX_DEPTH, LineDict, LineList, ambiguous_plain


class Unsupported(Exception):
    """The text uses more of YAML than this reader takes: PyYAML reads it."""


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
            raise Unsupported from None
    resolvers = _IMPLICIT.get(first)
    if resolvers:
        for tag, regexp in resolvers:
            if regexp.match(value):
                if tag == _STR_TAG:
                    return value
                make = _SCALAR_TAGS.get(tag)
                if make is None:
                    raise Unsupported
                try:
                    return make(value)
                except (ValueError, OverflowError, KeyError):
                    raise Unsupported from None
    return value


def _scalar(text: str) -> Any:
    first = text[0]
    if first == '"':
        if len(text) < 2 or text[-1] != '"' or '"' in text[1:-1] or "\\" in text:
            raise Unsupported
        return text[1:-1]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise Unsupported
        return inner.replace("''", "'")
    if first in _PLAIN_START or ": " in text or text[-1] == ":":
        raise Unsupported
    return _plain(text)


def _flow(text: str, line: int) -> Any:
    inner = text[1:-1].strip(" ")
    if text[0] == "[":
        if text[-1] != "]":
            raise Unsupported
        items = LineList()
        items.line = line
        items.flow = True
        items.raw = {}
        if inner and _FLOW_SIMPLE.search(inner) is None:  # plain words and commas: split, no regex per item
            for part in inner.split(","):
                word = part.strip(" ")
                if not word or word[0] in _FLOW_NOT_FIRST:
                    raise Unsupported  # an empty item (",,", a trailing comma) or an indicator first
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
                raise Unsupported
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
                raise Unsupported  # a trailing comma
        items.item_lines = [line] * len(items)
        items.plain = tuple(plain_items)
        return items
    if text[-1] != "}":
        raise Unsupported
    mapping = LineDict()
    mapping.line = line
    key_lines: dict[Any, int] = {}
    mapping.key_lines = key_lines
    mapping.raw = {}
    for part in inner.split(",") if inner else ():
        key, sep, value = part.partition(": ")
        key, value = key.strip(" "), value.strip(" ")
        if not sep or not _KEY_LINE.fullmatch(key + ":") or not value or ":" in value:
            raise Unsupported
        key = _plain(key)
        if not isinstance(key, str) or key in mapping:
            raise Unsupported
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
                raise Unsupported
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
            raise Unsupported
        if rest:
            if rest[0] != " ":
                raise Unsupported
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
            raise Unsupported
    return mapping, i


# A value that is one quoted scalar, after "key: ", "- " or both: what may stand before a comment
# when the line holds quotes (a "#" inside quotes is text, not a comment).
_QUOTED_VALUE = re.compile(r"(?:- +)*(?:[A-Za-z_][A-Za-z0-9_-]*: +)?(?:\"[^\"\\]*\"|'(?:[^']|'')*')")


def _uncomment(content: str) -> str:
    """``content`` (a line without its indent) without its comment; "" for a comment line.

    A comment starts at a "#" first on the line or after a space. When the line holds a quote
    before that, the "#" may be text inside a quoted scalar: then the line must be exactly
    ``key: "value"`` and a comment, else PyYAML reads the file. (A quoted scalar opened on an
    earlier line makes that line unreadable here.)
    """
    if content[0] == "#":
        return ""
    at = content.find(" #")
    if at < 0:
        return content
    head = content[:at]
    if '"' not in head and "'" not in head:
        return head.rstrip(" ")
    quoted = _QUOTED_VALUE.match(content)
    if quoted is None:
        raise Unsupported
    end = quoted.end()
    rest = content[end:]
    if rest and (rest[0] != " " or rest.lstrip(" ")[0] != "#"):
        raise Unsupported
    return content[:end]


def read(text: str, line_offset: int = 0) -> Any:
    """The document, as ``yamlio.load_yaml_pyyaml`` reads it; raises :class:`Unsupported` when it
    uses more of YAML than content files need."""
    if "\t" in text or _REFUSED_CHARS.search(text) or not unicodedata.is_normalized("NFC", text):
        raise Unsupported
    numbers: list[int] = []
    indents: list[int] = []
    texts: list[str] = []
    number = line_offset
    for raw in text.split("\n"):
        number += 1
        stripped = raw.rstrip(" ")
        if stripped:
            content = stripped.lstrip(" ")
            indent = len(stripped) - len(content)
            if "#" in content:
                content = _uncomment(content)
                if not content:
                    continue
            first = content[0]
            if (
                (first == "-" and content.startswith("---"))
                or (first == "." and content.startswith("..."))
                or first == "%"
            ):
                raise Unsupported
            if indent > MAX_DEPTH:  # deep nesting is PyYAML's path to refuse, with its message
                raise Unsupported
            numbers.append(number)
            indents.append(indent)
            texts.append(content)
    if not texts:
        return None
    value, end = _block(numbers, indents, texts, 0)
    if end != len(texts):
        raise Unsupported
    return value
