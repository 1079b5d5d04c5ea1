"""JSON Schemas (Draft 2020-12) of what editors write, published and used by ``validate --schema``.

The schemas ship in the package (``noticeboard/schema/*.schema.json``):
``units`` (content/units.yml), ``notice`` (a notice's front matter) and
``report`` (content/progress/<unit>/<date>.yml). The site publishes them at
``du-lieu/schema/<name>.schema.json`` (with ``$id`` set when ``site_url`` is
known), so an editor's VS Code checks a file while it is typed through the line
``# yaml-language-server: $schema=<url>``.

They say less than the built-in checks (no cross-file rules, the deadline
grammar only by shape) and are slightly stricter about types (a title must be
text). Only keywords that mean the same in Draft-07 are used (no ``$defs``,
``prefixItems`` or ``unevaluated*``), so editors whose YAML language server
still speaks Draft-07 read them the same way. Its YAML extension does not look
inside a Markdown file's front matter (redhat-developer/vscode-yaml#207), which
the editor's guide says. :func:`check_content_schemas` runs them over a content folder and maps
each finding to a file and line, for ``noticeboard validate --schema``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..content.yamlio import LineDict, LineList, YamlProblem, load_yaml
from ..errors import Problem, Problems
from ..model.site import Site
from .outputs import OutputContext, register

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
SCHEMA_NAMES = ("units", "notice", "report")
PUBLISHED = "du-lieu/schema/{name}.schema.json"


@cache
def _schema_text(name: str) -> str:
    return (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_schema_text(name))
    return data


def published_schema(name: str, ctx: OutputContext) -> str:
    data = load_schema(name)
    if ctx.site_url:  # an absolute $id only when there is a real address to give
        path = PUBLISHED.format(name=name)
        data = {"$schema": data.pop("$schema"), "$id": ctx.absolute(path), **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@register(lambda site: [PUBLISHED.format(name=name) for name in SCHEMA_NAMES])
def generate_schemas(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    return {PUBLISHED.format(name=name): published_schema(name, ctx) for name in SCHEMA_NAMES}


# -- validate --schema ---------------------------------------------------------------------


def plain(value: Any) -> Any:
    """YAML data as JSON sees it: dates as ``YYYY-MM-DD`` (what an editor's YAML 1.2 reads too)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def line_of(data: Any, path: list[Any], default: int = 1) -> int:
    """The line of the value at a JSON path, through LineDict/LineList ``line_of``."""
    line = getattr(data, "line", 0) or default
    node = data
    for part in path:
        found = (isinstance(node, LineDict) and part in node) or (
            isinstance(node, LineList) and isinstance(part, int) and part < len(node)
        )
        if not found:
            break
        line = node.line_of(part) or line
        node = node[part]
    return line


def _where(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _explain(error: Any) -> str:
    """A Vietnamese sentence for the common validators; jsonschema's own text otherwise."""
    kind, value, schema = error.validator, _shown(error.instance), error.schema
    title = schema.get("title", "") if isinstance(schema, dict) else ""
    if kind == "required":
        missing = error.validator_value
        names = [k for k in missing if isinstance(error.instance, dict) and k not in error.instance]
        return "thiếu " + ", ".join(f"“{n}”" for n in names) + "."
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = (
            sorted(k for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []
        )
        return (
            "khoá " + ", ".join(f"“{k}”" for k in extra) + " không có trong lược đồ. "
            "Các khoá được dùng: " + ", ".join(allowed) + "."
        )
    if kind == "enum":
        return f"“{value}” không phải giá trị được phép ({', '.join(map(str, error.validator_value))})."
    if kind == "pattern":
        return f"“{value}” không đúng dạng{f' của {title}' if title else ''}."
    if kind == "type":
        return (
            f"“{value}” có kiểu không đúng{f' cho {title}' if title else ''} (cần {error.validator_value})."
        )
    if kind in ("oneOf", "anyOf"):
        return f"“{value}” không khớp dạng nào được phép{f' của {title}' if title else ''}."
    if kind in ("minimum", "maximum"):
        return f"{value} nằm ngoài khoảng cho phép{f' của {title}' if title else ''}."
    if kind in ("minItems", "minLength"):
        return f"{title or 'giá trị'} không được để trống."
    return str(error.message)


def _first_key_line(data: Any, path: list[Any], error: Any) -> int:
    """For an unknown key: the line of that key rather than of its mapping."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return line_of(data, path)
    if isinstance(node, LineDict):
        allowed = error.schema.get("properties", {})
        lines = [node.line_of(k) for k in node if k not in allowed]
        if lines:
            return min(lines)
    return line_of(data, path)


def schema_problems(name: str, data: Any, rel: str) -> Iterator[Problem]:
    import jsonschema  # imported here: only `validate --schema` needs it, not the build

    validator = jsonschema.Draft202012Validator(load_schema(name))
    for error in sorted(validator.iter_errors(plain(data)), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            line = _first_key_line(data, path, error)
        else:
            line = line_of(data, path)
        where = _where(path)
        message = f"Lược đồ {name}.schema.json" + (f", “{where}”" if where else "") + f": {_explain(error)}"
        yield Problem(rel, line, message, "Xem các khoá và dạng giá trị trong hướng dẫn biên tập.")


def check_content_schemas(content_dir: Path) -> list[Problem]:
    """Every schema finding in units.yml, notices/**/*.md and progress/**/*.yml (files that read as YAML)."""
    from ..content.load import split_front_matter

    found: list[Problem] = []

    def read(path: Path, line_offset: int = 0, text: str | None = None) -> Any:
        try:
            source = text if text is not None else path.read_text(encoding="utf-8-sig")
            return load_yaml(source.replace("\r\n", "\n"), line_offset=line_offset)
        except (OSError, UnicodeDecodeError, YamlProblem):
            return None  # the built-in checks report unreadable files

    units = content_dir / "units.yml"
    if units.is_file() and (data := read(units)) is not None:
        found += schema_problems("units", data, units.name)
    for path in sorted((content_dir / "notices").rglob("*.md")):
        rel = path.relative_to(content_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            continue
        parts = split_front_matter(text, rel, Problems())
        if parts is None:
            continue
        data = read(path, parts[1] - 1, parts[0])
        if data is not None:
            found += schema_problems("notice", data, rel)
    for path in sorted((content_dir / "progress").rglob("*.y*ml")):
        rel = path.relative_to(content_dir).as_posix()
        if (data := read(path)) is not None:
            found += schema_problems("report", data, rel)
    return sorted(found)
