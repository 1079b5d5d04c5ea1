"""MkDocs hooks only: a thin adapter over pipeline (load/check/build) and render."""

from __future__ import annotations

import json
import logging
from pathlib import Path, PurePosixPath
from typing import Any

import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import NoticeboardConfig
from .pipeline import AsOfError, load_site, resolve_as_of
from .render.outputs import OutputContext, generate_outputs
from .render.pages import PageSpec, Renderer, make_environment
from .render.sanitize import sanitize_html

log = logging.getLogger("mkdocs.plugins.noticeboard")

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSETS = ("noticeboard.css", "noticeboard.js")
ASSET_PREFIX = "assets/noticeboard/"
SOURCE_DIRS = ("notices/", "progress/")
SOURCE_FILES = ("units.yml", "units.yaml")


class NoticeboardPlugin(BasePlugin[NoticeboardConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None
        self.as_of = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        try:
            self.as_of = resolve_as_of(self.config.as_of, self.config.timezone)
        except AsOfError as err:
            raise PluginError(f"noticeboard: {err}") from None
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if ASSET_PREFIX + name not in [str(x) for x in target]:
                target.append(ASSET_PREFIX + name)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        assert self.as_of is not None
        content_dir = Path(config.docs_dir)
        result = load_site(content_dir, self.as_of, self.config.due_soon_days)
        for problem in result.problems.warnings:
            log.info("Cảnh báo: %s", problem.format())
        if result.problems.errors:
            if config.strict:
                raise PluginError(result.problems.report())
            for problem in result.problems.errors:
                log.error("%s", problem.format())
            log.error("noticeboard: các tệp có lỗi ở trên không được xuất bản cho tới khi sửa.")

        for file in list(files):
            uri = file.src_uri
            if uri in SOURCE_FILES or uri.startswith(SOURCE_DIRS):
                files.remove(file)  # sources are published through the generated pages, never as-is

        env = make_environment(config.theme.dirs)
        self.renderer = Renderer(result.site, env, site_name=config.site_name, upcoming_days=self.config.upcoming_days)
        self.specs = {}
        for spec in self.renderer.generate_pages():
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
                log.warning("noticeboard: %s trùng với trang được tạo tự động; trang của noticeboard được dùng.", spec.src_uri)
            hide = "\nhide: [navigation, toc]" if spec.wide else "\nhide: [navigation]"
            content = f"---\ntitle: {_yaml_str(spec.title)}{hide}\n---\n\n{spec.markdown}"
            file = File.generated(config, spec.src_uri, content=content)
            if not spec.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            self.specs[spec.src_uri] = spec
        for name in ASSETS:
            files.append(File.generated(config, ASSET_PREFIX + name, abs_src_path=str(ASSETS_DIR / name)))
        site_url = config.site_url or ""
        ctx = OutputContext(site_url if site_url.endswith("/") or not site_url else site_url + "/",
                            config.site_name, self.config.timezone)
        for path, content in generate_outputs(result.site, ctx).items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))

        if config.nav is None and self.config.nav:
            config.nav = _default_nav(files)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.renderer is None:
            return html
        if spec.markdown and not self.config.trust_html:
            html = sanitize_html(html)
        return self.renderer.render(spec, body_html=html)


def _yaml_str(text: str) -> str:
    # The theme renders page titles without autoescape: escape editor text here.
    escaped = str(markupsafe.escape(" ".join(text.split())))
    return json.dumps(escaped, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _default_nav(files: Files) -> list[Any]:
    nav: list[Any] = []
    if files.get_file_from_path("index.md"):
        nav.append({"Trang chủ": "index.md"})
    nav += [
        {"Thông báo": "thong-bao/index.md"},
        {"Nhiệm vụ": "nhiem-vu/index.md"},
        {"Đơn vị": "don-vi/index.md"},
        {"Lịch": "lich/index.md"},
    ]
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        uri = PurePosixPath(file.src_uri)
        if len(uri.parts) == 1 and file.src_uri != "index.md" and not file.generated_by:
            nav.append(file.src_uri)
    return nav
