"""``noticeboard validate [DIR]``: every check of the build, without building."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..content.cache import CACHE_DIR
from ..cores import keep_until_exit
from ..errors import Problem
from ..pipeline import DEFAULT_TIMEZONE, AsOfError, LoadResult, load_site, resolve_as_of


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (``!ENV``, ``!relative``, ``!!python/name:`` of the
    theme's extensions) read as null instead of failing the whole file."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_config(path: Path) -> dict[str, Any] | None:
    """DIR's mkdocs.yml (or properdocs.yml) as a mapping, read with MkDocs' tags as null; {} when it
    cannot be read, None when there is none."""
    for name in ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml"):
        config = path / name
        if config.is_file():
            try:
                data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
            except (yaml.YAMLError, UnicodeDecodeError):
                data = {}
            return data if isinstance(data, dict) else {}
    return None


def find_project(path: Path) -> tuple[Path, Path | None]:
    """(content folder, record cache folder): DIR may be the project (with mkdocs.yml) or the
    content folder itself. The cache folder is the build's, so a validation and the build after
    it read each file's records from the same place; None without a config file, or when the
    noticeboard plugin there says ``cache: false``."""
    data = _read_config(path)
    if data is not None:
        options = _plugin_options(data.get("plugins"), "noticeboard")
        cache = None if options.get("cache") is False else (path / CACHE_DIR).resolve()
        return (path / str(data.get("docs_dir") or "docs")).resolve(), cache
    if (path / "content" / "units.yml").exists():
        return path / "content", None
    return path, None


def project_timezone(path: Path) -> str:
    """The noticeboard plugin's ``timezone`` in DIR's mkdocs.yml (date-times in content are read
    in it, as the build reads them); the default without one."""
    options = _plugin_options((_read_config(path) or {}).get("plugins"), "noticeboard")
    zone = options.get("timezone")
    return zone if isinstance(zone, str) and zone else DEFAULT_TIMEZONE


def find_content_dir(path: Path) -> Path:
    """DIR may be the project (with mkdocs.yml) or the content folder itself."""
    return find_project(path)[0]


def _plugin_options(plugins: object, name: str) -> dict:
    """The options of plugin ``name`` in mkdocs.yml's ``plugins`` (a list or a mapping)."""
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, {})
            for p in (plugins if isinstance(plugins, list) else ())
        )
    )
    for key, options in entries:
        if key == name:
            return options if isinstance(options, dict) else {}
    return {}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir", nargs="?", default=".", help="thư mục dự án (có mkdocs.yml) hoặc thư mục content/"
    )
    parser.add_argument("--as-of", default=None, help="ngày tính trạng thái, YYYY-MM-DD (mặc định: hôm nay)")
    parser.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    parser.add_argument(
        "--schema",
        action="store_true",
        help="kiểm tra thêm theo lược đồ JSON (du-lieu/schema/*.schema.json); cần gói jsonschema",
    )
    parser.set_defaults(run=run)


def _schema_errors(content_dir: Path, known: list[Problem]) -> list[Problem]:
    """Schema findings on lines where the built-in checks found nothing (no message twice)."""
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        print("Bỏ qua --schema: chưa cài gói jsonschema (pip install jsonschema).", file=sys.stderr)
        return []
    from ..render.schemas import check_content_schemas

    seen = {(p.path, p.line) for p in known}
    return [p for p in check_content_schemas(content_dir) if (p.path, p.line) not in seen]


def run(args: argparse.Namespace) -> int:
    content_dir, cache_dir = find_project(Path(args.dir))
    if not content_dir.is_dir():
        print(f"Không tìm thấy thư mục nội dung {content_dir}.", file=sys.stderr)
        return 2
    timezone = project_timezone(Path(args.dir))
    try:
        as_of = resolve_as_of(args.as_of, timezone)
    except AsOfError as err:
        print(str(err), file=sys.stderr)
        return 2
    # The build's record cache, so that CI's validation and the build after it read each unchanged
    # file once (README, "Rebuilds").
    result = load_site(content_dir, as_of, cache_dir=cache_dir, timezone=timezone)
    try:
        return _report(result, args, content_dir, as_of)
    finally:
        if getattr(args, "exiting", False):
            keep_until_exit(result)  # freeing the records and model one by one: BENCHMARKS.md


def _report(result: LoadResult, args: argparse.Namespace, content_dir: Path, as_of: date) -> int:
    errors, warnings = result.problems.errors, result.problems.warnings
    if getattr(args, "schema", False):
        errors = sorted(errors + _schema_errors(content_dir, errors))
    for p in warnings:
        print(f"Cảnh báo: {p.format()}", file=sys.stderr)
    for p in errors:
        print(f"Lỗi: {p.format()}", file=sys.stderr)
    site = result.site
    if errors or (args.strict and warnings):
        print(f"{len(errors)} lỗi, {len(warnings)} cảnh báo trong {content_dir}.", file=sys.stderr)
        return 1
    print(
        f"Nội dung hợp lệ: {len(site.notices)} thông báo công khai, {len(site.tasks)} nhiệm vụ, "
        f"{len(site.units)} đơn vị (tính đến {as_of:%d/%m/%Y}).",
    )
    return 0
