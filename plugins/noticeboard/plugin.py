"""The MkDocs adapter: the only module that touches MkDocs. Each hook hands MkDocs' objects to
the stages that know nothing of MkDocs (pipeline: load, check, build; render; search) and puts
what they make back into MkDocs' build. The flow of one build: ARCHITECTURE.md."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import time
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, cast

import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from . import incremental, reproducible, search
from .config import NoticeboardConfig
from .content.cache import CACHE_DIR, RecordCache
from .cores import can_fork, exits_after_build, keep_until_exit
from .model.site import Site
from .pipeline import AsOfError, LoadResult, load_site, resolve_as_of
from .render import identity
from .render.outputs import OutputContext, generate_outputs, output_paths
from .render.pages import BODY_MARK, KINDS, TEMPLATES_DIR, PageSpec, Renderer, make_environment, relative_url
from .render.sanitize import prefixed_anchor, sanitize_html, tooltip_safe, tooltip_safe_titles
from .render.worker import Job, Worker, WorkerError
from .search.pagefind import OUTPUT_SUBDIR, STAGING

log = logging.getLogger("mkdocs.plugins.noticeboard")

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSETS = ("noticeboard.css", "noticeboard.js")
IMAGES = ("logo.svg", "favicon.svg")  # the portal's default logo and favicon (theme.logo / theme.favicon win)
THEME_DIR = Path(__file__).resolve().parent / "theme"  # overrides of the theme's partials (the footer)
MATERIAL_FAVICON = "assets/images/favicon.png"
ASSET_PREFIX = "assets/noticeboard/"
SOURCE_DIRS = ("notices/", "progress/")
SOURCE_FILES = ("units.yml", "units.yaml")
YAML_SUFFIXES = (".yml", ".yaml")  # data, never a page or an asset: no YAML file of the docs folder is copied


class BuildState:
    """Everything one build holds, from ``on_files`` to its end: made in :meth:`NoticeboardPlugin._begin`,
    closed in :meth:`NoticeboardPlugin._end_build`. After the build its model and pages stay until
    the next build starts (``mkdocs serve``) or the process exits (``mkdocs build``)."""

    def __init__(
        self,
        site: Site,
        renderer: Renderer,
        bundles: list[search.Bundle],
        record_cache: RecordCache | None,
        this_build: incremental.Build | None,
    ) -> None:
        self.site = site
        self.renderer = renderer
        self.bundles = bundles
        self.record_cache = record_cache
        self.this_build = this_build  # serve --dirty: what this build makes, for the next to compare
        self.specs: dict[str, PageSpec] = {}  # the generated pages by src_uri, in the order MkDocs gets them
        self.made: dict[str, tuple[File, str]] = {}  # src_uri -> (its File, its Markdown)
        self.worker: Worker | None = None
        self.worked: set[str] = set()  # the pages the worker makes (the others are rendered here)
        self.index_run: search.IndexRun | None = None
        self.files: Files | None = None  # MkDocs' files, from on_env
        self.written: list[str] = []  # the output files (site-relative)
        self.closed = False

    def close(self) -> None:
        """End the worker and any Pagefind run still going; write the record cache if a failed
        build has not (its model is not used any more)."""
        self.closed = True
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        if self.record_cache is not None:
            self.record_cache.write_pending()  # nothing left to write after on_post_build
        if self.index_run is not None:
            self.index_run.cancel()
            self.index_run = None


class NoticeboardPlugin(BasePlugin[NoticeboardConfig]):
    """The ``noticeboard`` plugin: the generated pages, output files and search index of a build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: BuildState | None = None
        self.as_of: date | None = None
        self.timings: dict[str, Any] = {}  # seconds per stage; NOTICEBOARD_TIMINGS=<path> writes them
        self.build_started = 0.0
        self.command: str | None = None
        # `mkdocs serve --dirty`: what the previous build wrote, so that a rebuild redoes only the
        # pages an edit changed (incremental.py); None for a build that starts from nothing.
        self.dirty = False
        self.build_dirty = False  # a build into a site folder that was not emptied first (--dirty)
        self.previous: incremental.Build | None = None
        # `mkdocs build`: the site is made in a folder beside site_dir and moved into it only when
        # the build succeeds, so that a failed build (--strict) leaves the last good site.
        self.clean_build = False
        self.staged: tuple[str, str] | None = None  # (staging folder, site_dir)
        self.staged_ok = False

    @property
    def specs(self) -> dict[str, PageSpec]:
        """The last build's generated pages by src_uri."""
        return self.build.specs if self.build is not None else {}

    @property
    def bundles(self) -> list[search.Bundle]:
        """The last build's search bundles."""
        return self.build.bundles if self.build is not None else []

    # -- hooks, in the order MkDocs calls them ----------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note the command: only ``build`` forks a worker and stages the site."""
        self.command = command
        self.dirty = dirty and command == "serve"
        self.clean_build = command == "build" and not dirty
        self.build_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Fix the as-of date, pin the build date to it, stage the site, add our CSS and JS."""
        self.build_started = time.perf_counter()
        if not self.config.enabled:
            return config
        try:
            self.as_of = as_of = resolve_as_of(cast(str | date, self.config.as_of), self.config.timezone)
        except AsOfError as err:
            raise PluginError(f"noticeboard: {err}") from None
        reproducible.pin_build_date(as_of)  # sitemap dates from as_of, not the clock
        self._stage_site(config)
        if not config.site_url:
            log.info(
                "Cảnh báo: mkdocs.yml chưa có site_url (địa chỉ của cổng, ví dụ https://xa.gov.vn/): "
                "nguồn tin, lịch và dữ liệu mở chỉ có liên kết tương đối mà nhiều ứng dụng đọc tin "
                "không mở được, và trang không có sitemap.xml. Thêm dòng site_url vào mkdocs.yml."
            )
        self._identity(config)
        if not config.site_description:  # every page needs a description (search engines, link previews)
            config.site_description = (
                f"{config.site_name}: thông báo, nhiệm vụ được giao và tiến độ thực hiện của các đơn vị."
            )
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if ASSET_PREFIX + name not in [str(x) for x in target]:
                target.append(ASSET_PREFIX + name)
        return config

    def _identity(self, config: MkDocsConfig) -> None:
        """The theme's fonts come from Google: off, the system's own (CONTENT_FORMAT §8). The
        footer partial that shows ``organization`` goes before the theme's; our logo and favicon
        unless the site has its own."""
        theme = config.theme
        if theme.name != "material":
            return
        if theme.get("font") is not False:
            theme["font"] = False
            log.info(
                "noticeboard: không tải phông chữ từ Google (theme.font: false); dùng phông của máy đọc."
            )
        dirs = theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        if not theme.get("logo") and not (theme.get("icon") or {}).get("logo"):
            theme["logo"] = ASSET_PREFIX + "logo.svg"
        if theme.get("favicon") in (None, "", MATERIAL_FAVICON):
            theme["favicon"] = ASSET_PREFIX + "favicon.svg"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Find Pagefind before the build (not after it) and turn the theme's search index off."""
        if not self.config.enabled:
            return
        try:
            search.find_pagefind()
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        # The theme's search ships one index of every page (50 MB for 1,000 notices) that its
        # header box fetches on every page view; Pagefind replaces it.
        theme_search = config.plugins.get("material/search")
        if theme_search is not None and getattr(theme_search.config, "enabled", False):
            theme_search.config.enabled = False
            log.info(
                "noticeboard: tìm kiếm dùng Pagefind (trang tim-kiem/); đã tắt chỉ mục tìm kiếm của theme."
            )

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """The build's main step: the model, then the generated pages and output files in MkDocs'
        files, then the worker and the Pagefind run that make them while MkDocs converts Markdown."""
        if not self.config.enabled:
            return files
        self._free_previous_build()
        # A fork only from a single-threaded build (serve's server threads could deadlock a child).
        parallel = self.config.parallel and self.command in ("build", "gh-deploy") and can_fork()
        result = self._load(config, parallel)
        started = time.perf_counter()
        docs_files = self._drop_sources(files, config, result)
        previous, this_build = self._start_incremental(config, docs_files)
        build = self._begin(config, result, this_build)
        self._add_pages(files, config, build)
        self._add_outputs(files, config, build.site)
        kept, rendered = self._keep_pages(previous, build)
        self._start_index(config, build, previous, kept)
        self._start_worker(config, build, kept, rendered, parallel)
        if config.nav is None and self.config.nav:
            config.nav = _default_nav(files)
        self.timings["pages_and_outputs"] = time.perf_counter() - started
        self.timings["at_files_end"] = time.perf_counter() - self.build_started
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A generated page's HTML: the worker's (a notice's body put in its place), marked for search."""
        build = self.build
        spec = build.specs.get(page.file.src_uri) if build is not None else None
        if build is None or spec is None:
            return html
        started = time.perf_counter()
        if spec.markdown and not self.config.trust_html:
            html = sanitize_html(html)
            _follow_body_ids(page.toc)
        if spec.src_uri in build.worked:
            made = self._from_worker(lambda worker: worker.page(spec.src_uri))
            if spec.markdown:
                html = made.replace(BODY_MARK, html)
            elif (
                html.strip()
            ):  # made with an empty body; a Markdown extension that adds to an empty page wins
                html = build.renderer.render(spec, body_html=html)
            else:
                html = made
        else:
            html = build.renderer.render(spec, body_html=html)
        html = self._search_block(build, spec, html)
        self.timings["render"] = self.timings.get("render", 0.0) + time.perf_counter() - started
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep MkDocs' final files (serve --dirty compares what they wrote between builds)."""
        if self.config.enabled and self.build is not None:
            self.timings["at_env"] = time.perf_counter() - self.build_started
            self.build.files = files
            env.globals["noticeboard_organization"] = self.config.organization  # partials/copyright.html
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """The home page gets the search box under its heading."""
        build = self.build
        if not self.config.enabled or build is None or page.content is None:
            return context
        if page.file.src_uri not in build.specs and page.is_homepage:
            block = self._render_search_part("noticeboard/search_box.html", page)
            if self.config.home_overview:  # CONTENT_FORMAT §6: the home page shows the overview block
                block += build.renderer.render_overview(page.url)
            page.content = search.add_after_heading(page.content, block)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Every page gets the header's link to the search page, Open Graph tags, a printed header and
        titles that Material's tooltips cannot turn into markup."""
        if not self.config.enabled or self.build is None:
            return output
        output = search.add_header_link(
            output, self._render_search_part("noticeboard/search_link.html", page)
        )
        output = self._identity_marks(self.build, output, page, config)
        if "content.tooltips" in (config.theme.get("features") or ()):
            # these tooltips show a title as HTML: no title of any page may open a tag (a browser's
            # own tooltips show it as text)
            output = tooltip_safe_titles(output)
        return output

    def _identity_marks(self, build: BuildState, output: str, page: Page, config: MkDocsConfig) -> str:
        """Open Graph tags (a notice: its number and trích yếu) and the printed page's header."""
        spec = build.specs.get(page.file.src_uri)
        notice = spec.context.get("notice") if spec is not None else None
        if spec is not None:
            title, about = spec.title, identity.describe(spec.template, spec.title, spec.context)
        else:
            title = page.title or config.site_name
            about = (page.meta or {}).get("description") or config.site_description or ""
        tags = identity.og_tags(
            title=str(title),
            description=str(about),
            site_name=config.site_name,
            url=page.canonical_url or "" if config.site_url else "",
            kind="article" if notice is not None else "website",
            modified=build.renderer.updated(notice) if notice is not None else None,
        )
        output = identity.add_to_head(output, tags)
        org = self.config.organization.name or ""
        return identity.add_print_head(output, identity.print_head(org, config.site_name, build.site.as_of))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the output files and the search index, then close the build."""
        build = self.build
        if not self.config.enabled or build is None or build.closed:
            return
        started = time.perf_counter()
        self.timings["at_post_build"] = started - self.build_started
        if build.record_cache is not None:
            # While the worker finishes the output files. Every page is rendered by now, so the
            # records may lose what the checks added to them (write_pending); in the worker, its
            # copies of their memory pages would have stayed to the build's end.
            build.record_cache.write_pending()
        if build.worker is not None:
            build.written = self._from_worker(lambda worker: worker.outputs())
        self.timings["outputs_wait"] = time.perf_counter() - started
        if self.build_dirty:
            self._remove_unmade(config, build)
        if build.index_run is not None:
            self._finish_index(build, build.index_run)
        self.staged_ok = True  # every hook has run: MkDocs' strict check of warnings still may fail it
        self._end_build()
        self.timings["search_index_wait"] = time.perf_counter() - started
        self.timings["at_end"] = time.perf_counter() - self.build_started
        spent = os.times()  # CPU of this process (the worker and Pagefind count as children once reaped)
        self.timings["cpu_self"] = [round(spent.user, 2), round(spent.system, 2)]
        log.debug("noticeboard: timings %s", self.timings)
        if os.environ.get("NOTICEBOARD_TIMINGS"):
            Path(os.environ["NOTICEBOARD_TIMINGS"]).write_text(json.dumps(self.timings), encoding="utf-8")

    def _remove_unmade(self, config: MkDocsConfig, build: BuildState) -> None:
        """A build that did not empty the site folder (``--dirty``): delete what an earlier build
        wrote into noticeboard's folders and this one did not make: a hidden notice's page and
        calendar never survive it."""
        site_dir = str(config.site_dir)
        made = {str(Path(site_dir) / path) for path in build.written}
        made |= {f.abs_dest_path for f in build.files or ()}
        folders = {spec.url.split("/", 1)[0] for spec in build.specs.values() if "/" in spec.url}
        folders |= {path.split("/", 1)[0] for path in build.written if "/" in path}
        removed = incremental.remove_unmade(
            site_dir, folders - {""}, {os.path.normpath(p) for p in made}, keep=(OUTPUT_SUBDIR, STAGING)
        )
        if removed:
            log.info(
                "noticeboard: đã xoá %d tệp cũ không còn được xuất bản: %s",
                len(removed),
                ", ".join(removed[:5]),
            )

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build: stop its worker and Pagefind; the next build makes every page again."""
        self.previous = None  # the site is half made
        if self.build is not None:
            self.build.this_build = None
        self.staged_ok = False
        self._end_build()

    def on_shutdown(self) -> None:
        """The end of the command: publish the staged site (or keep the last good one)."""
        self._end_build()
        self._publish_staged()
        self.dirty, self.previous = False, None  # the serve session is over (its site folder goes)
        # MkDocs keeps a plugin with on_startup for the next config loaded in this process: a later
        # build() called without on_startup (the API) must not stage its site as this command did
        self.command, self.clean_build, self.build_dirty = None, False, False

    # -- on_files, step by step -------------------------------------------------------------
    def _load(self, config: MkDocsConfig, parallel: bool) -> LoadResult:
        """Load, check and build the model; report every problem (``--strict``: stop here)."""
        assert self.as_of is not None
        cache_dir = None
        if self.config.cache and config.config_file_path:
            cache_dir = Path(config.config_file_path).parent / CACHE_DIR
        # freeze: the model lives until the build ends; frozen, the collector does not walk it
        # again and again, and the forked worker shares its memory pages instead of copying them.
        result = load_site(
            Path(config.docs_dir),
            self.as_of,
            self.config.due_soon_days,
            parallel=parallel,
            freeze=True,
            cache_dir=cache_dir,
            timezone=self.config.timezone,
        )
        self.timings = {**result.timings, "render": 0.0}
        for problem in result.problems.warnings:
            log.info("Cảnh báo: %s", problem.format())
        if result.problems.errors:
            if config.strict:
                if result.cache is not None:
                    result.cache.write_pending()  # the next build, once the files are fixed, parses less
                raise PluginError(result.problems.report())
            for problem in result.problems.errors:
                log.error("%s", problem.format())
            log.error("noticeboard: các tệp có lỗi ở trên không được xuất bản cho tới khi sửa.")
        return result

    def _drop_sources(self, files: Files, config: MkDocsConfig, result: LoadResult) -> list[File]:
        """Take the content sources out of MkDocs' files: they are published through the generated
        pages, never as they are; misplaced notices, stray YAML and symlinks not at all
        (content/placement.py). Returns the docs folder's other files when serve --dirty
        compares them between builds."""
        docs_files = []
        docs_root = os.path.normpath(config.docs_dir) + os.sep  # as MkDocs makes abs_src_path
        withheld = result.records.withheld
        withheld_dirs = tuple(path for path in withheld if path.endswith("/"))
        for file in list(files):
            uri = file.src_uri
            if (
                uri in SOURCE_FILES
                or uri.startswith(SOURCE_DIRS)
                or uri.lower().endswith(YAML_SUFFIXES)
                or uri in withheld
                or uri.startswith(withheld_dirs)
            ):
                files.remove(file)
            elif self.dirty and file.abs_src_path and file.abs_src_path.startswith(docs_root):
                docs_files.append(file)
            elif self.build_dirty and file.is_documentation_page():
                # `build --dirty` skips pages whose source did not change, but the home page shows the
                # overview (a hidden notice must leave it) and every page the navigation: remake them
                file.is_modified = _modified  # type: ignore[method-assign]
        return docs_files

    def _begin(
        self, config: MkDocsConfig, result: LoadResult, this_build: incremental.Build | None
    ) -> BuildState:
        """This build's state: the renderer, the search bundles and the page specs in the order
        MkDocs will reach them."""
        env = make_environment(config.theme.dirs)
        env.globals["site_url"] = _site_url(config)
        renderer = Renderer(
            result.site,
            env,
            site_name=config.site_name,
            upcoming_days=self.config.upcoming_days,
            field_names=self.config.field_names,
        )
        try:
            bundles = search.plan_bundles(
                search.indexed_pages(result.site), self.config.search_bundle_notices
            )
        except ValueError as err:
            raise PluginError(str(err)) from None
        build = self.build = BuildState(result.site, renderer, bundles, result.cache, this_build)
        # Notices first: MkDocs converts their Markdown while the worker renders the other pages.
        # Then the other indexed pages (units), then the rest; indexed pages oldest bundle first,
        # so that Pagefind indexes each bundle while the pages after it are written.
        order = [p.url for b in reversed(bundles) for p in reversed(b.pages)]
        rank = {url: i for i, url in enumerate(order)}
        specs = sorted(
            renderer.generate_pages(),
            key=lambda spec: (not spec.markdown, spec.url not in rank, rank.get(spec.url, 0)),
        )
        build.specs = {spec.src_uri: spec for spec in specs}
        return build

    def _add_pages(self, files: Files, config: MkDocsConfig, build: BuildState) -> None:
        """A generated Markdown file for each page (front matter and, for a notice, its body); a
        docs file of the same name gives way to ours."""
        for spec in build.specs.values():
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
                log.warning(
                    "noticeboard: %s trùng với trang được tạo tự động; trang của noticeboard được dùng.",
                    spec.src_uri,
                )
            hide = "\nhide: [navigation, toc]" if spec.wide else "\nhide: [navigation]"
            about = _yaml_str(identity.describe(spec.template, spec.title, spec.context))
            content = (
                f"---\ntitle: {_yaml_str(spec.title)}\ndescription: {about}{hide}\n---\n\n{spec.markdown}"
            )
            file = File.generated(config, spec.src_uri, content=content)
            if not spec.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            build.made[spec.src_uri] = (file, content)

    def _add_outputs(self, files: Files, config: MkDocsConfig, site: Site) -> None:
        """Make room for the output files (a docs file of the same name gives way to ours: the
        worker writes them while MkDocs copies the docs folder), and add our assets and robots.txt."""
        for path in output_paths(site):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
                log.warning(
                    "noticeboard: %s trùng với tệp được tạo tự động; tệp của noticeboard được dùng.", path
                )
        for name in (*ASSETS, *IMAGES):
            files.append(File.generated(config, ASSET_PREFIX + name, abs_src_path=str(ASSETS_DIR / name)))
        for notice in site.notices:  # attachments: published with their notice, never otherwise
            for attachment in notice.attachments:
                files.append(
                    File.generated(config, notice.url + attachment.name, abs_src_path=attachment.source)
                )
        site_url = _site_url(config)
        if not site_url:
            # MkDocs would write a sitemap with no URL in it, which the sitemaps.org schema refuses.
            # Dropped here, after MkDocs has left the template out of the theme files it copies.
            config.theme.static_templates.discard("sitemap.xml")
        if files.get_file_from_path("robots.txt") is None:  # a site's own robots.txt wins
            files.append(File.generated(config, "robots.txt", content=robots_txt(site_url)))

    def _start_index(
        self, config: MkDocsConfig, build: BuildState, previous: incremental.Build | None, kept: set[str]
    ) -> None:
        """The Pagefind run that indexes each bundle once its pages are rendered."""
        try:
            build.index_run = search.IndexRun(
                config.site_dir,
                build.bundles,
                order=[spec.url for spec in build.specs.values()],
                previous=None
                if build.this_build is None
                else previous.bundles
                if previous is not None
                else {},
            )
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        if previous is not None and build.this_build is not None:  # kept pages: Pagefind gets what they had
            for uri in kept:
                url = build.specs[uri].url
                if url in previous.indexed:
                    build.this_build.indexed[url] = previous.indexed[url]
                    build.index_run.add_page(url, previous.indexed[url])

    def _start_worker(
        self,
        config: MkDocsConfig,
        build: BuildState,
        kept: set[str],
        rendered: dict[str, str],
        parallel: bool,
    ) -> None:
        """Start the worker on the pages it can make ahead (a notice's with a mark where its body
        goes) and the output files; with ``parallel``, in a forked process (render/worker.py)."""
        renderer, site = build.renderer, build.site
        specs = [
            spec
            for spec in build.specs.values()
            if spec.src_uri not in kept and (not spec.markdown or renderer.body_mark_safe)
        ]
        ctx = OutputContext(
            _site_url(config), config.site_name, self.config.timezone, self.config.organization
        )

        def render(spec: PageSpec) -> str:
            html = rendered.pop(spec.src_uri, None)
            if html is None:
                html = renderer.render(spec, body_html=BODY_MARK if spec.markdown else "")
                if build.this_build is not None:  # serve --dirty: what the page is made from
                    self._record_page(build, build.made[spec.src_uri], html)
            return html

        job = Job(specs, render, lambda: generate_outputs(site, ctx), config.site_dir)
        build.worker = Worker(job, parallel=parallel)
        build.worked = {spec.src_uri for spec in specs}

    def _from_worker(self, get: Any) -> Any:
        """``get(worker)``, with the worker's failure as the build's error."""
        assert self.build is not None and self.build.worker is not None
        try:
            return get(self.build.worker)
        except WorkerError as err:
            raise PluginError(str(err)) from None

    # -- search (noticeboard.search; why Pagefind: BENCHMARKS.md) ---------------------------
    def _search_block(self, build: BuildState, spec: PageSpec, html: str) -> str:
        """Mark what Pagefind indexes, and hand an indexed page to it now: Pagefind reads only the
        marked block, so it indexes the page's content while MkDocs converts the next notices."""
        kind = KINDS[spec.kind]
        if kind.indexed is None:
            return html
        html, indexed = kind.indexed(spec, html)
        if build.index_run is not None:  # a failed Pagefind run is reported by finish(), in on_post_build
            build.index_run.add_page(spec.url, indexed)  # what Pagefind reads of the page, no more
        if build.this_build is not None:
            build.this_build.indexed[spec.url] = str(indexed)
        return html

    def _finish_index(self, build: BuildState, run: search.IndexRun) -> None:
        """Wait for Pagefind's last runs and write its manifest; note when each bundle ran."""
        build.index_run = None
        try:
            stats = run.finish()
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        log.info(
            "noticeboard: chỉ mục tìm kiếm Pagefind: %d trang trong %d gói, %d tệp, %.1f s",
            stats.pages,
            stats.bundles,
            stats.files,
            stats.seconds,
        )
        self.timings["search_index"] = stats.seconds
        self._end_incremental(build, run)
        for key, start, end in run.spans:  # when each bundle ran, from the start of the build
            offset = self.timings.get("at_files_end", 0.0)
            self.timings[f"pagefind_{key or 'newest'}"] = [round(start + offset, 2), round(end + offset, 2)]

    def _render_search_part(self, template: str, page: Page) -> str:
        assert self.build is not None
        base = page.url if page.url.endswith("/") or not page.url else page.url.rsplit("/", 1)[0] + "/"
        return self.build.renderer.env.get_template(template).render(
            url=lambda target: relative_url(target, base)
        )

    # -- the end of a build -----------------------------------------------------------------
    def _end_build(self) -> None:
        """Close the build (worker, record cache, Pagefind); its model and pages are freed by the
        next build (serve) or left to the exit of a command-line build."""
        build = self.build
        if build is not None and not build.closed:
            build.close()
        if self.command in ("build", "gh-deploy") and exits_after_build():
            keep_until_exit(build)  # the process ends: no need to free the model and pages
            log.debug("noticeboard: model and pages left to the operating system at exit")
        else:
            gc.unfreeze()  # serve rebuilds, API callers go on: the next build's model replaces this one
        reproducible.unpin_build_date()

    def _free_previous_build(self) -> None:
        """A rebuild in the same process (``mkdocs serve``): free the previous build's pages and
        model now. They hold reference cycles (MkDocs' pages and files), and ``load_site`` is about
        to freeze every object alive: left to the collector, each rebuild's garbage was frozen
        with the next model and survived it, ~280 MB a rebuild at five-year size."""
        build, self.build = self.build, None
        if build is None:
            return
        if not build.closed:
            build.close()
        del build
        gc.collect()

    # -- mkdocs build: keep the last good site until a new one is made ----------------------
    def _stage_site(self, config: MkDocsConfig) -> None:
        """Point a clean ``mkdocs build`` at a folder beside site_dir: MkDocs empties site_dir before
        the plugin can report a content error, and a clerk previewing would lose the last good site."""
        if self.command != "build" or not self.clean_build or self.staged is not None:
            return
        final = Path(os.path.normpath(config.site_dir))
        staging = final.with_name(f".{final.name}.noticeboard-new")  # same file system: moves are renames
        try:
            staging.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # a folder we may not write beside: build in place, as MkDocs does
        self.staged, self.staged_ok = (str(staging), str(final)), False
        config.site_dir = str(staging)

    def _publish_staged(self) -> None:
        """Move the finished site into site_dir (the folder itself stays: a server serving it goes
        on), or drop an unfinished one and keep what site_dir holds."""
        if self.staged is None:
            return
        (staging_dir, final_dir), self.staged = self.staged, None
        staging, final = Path(staging_dir), Path(final_dir)
        if not self.staged_ok:
            shutil.rmtree(staging, ignore_errors=True)
            if final.is_dir() and any(final.iterdir()):
                log.error(
                    "noticeboard: bản dựng không thành công; thư mục %s vẫn giữ trang của lần dựng "
                    "thành công trước.",
                    final,
                )
            return
        final.mkdir(parents=True, exist_ok=True)
        clean_directory(final_dir)
        for entry in staging.iterdir():
            target = final / entry.name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)  # a hidden folder MkDocs' cleaning keeps, made again by this build
            shutil.move(entry, target)  # a rename, unless site_dir links to another file system
        staging.rmdir()
        log.info("noticeboard: trang đã dựng được chuyển vào %s.", final)

    # -- mkdocs serve --dirty (incremental.py) ------------------------------------------------
    def _start_incremental(
        self, config: MkDocsConfig, docs_files: list[File]
    ) -> tuple[incremental.Build | None, incremental.Build | None]:
        """A serve --dirty build: (the previous build when this one may keep its pages, i.e. same
        site folder and nothing all pages depend on changed; the record of this build)."""
        if not self.dirty:
            return None, None
        sources: list[str | Path] = [
            config.config_file_path or "",
            *(f.abs_src_path or "" for f in docs_files),
        ]
        sources += incremental.tree_files(config.theme.custom_dir) + incremental.tree_files(TEMPLATES_DIR)
        sources += incremental.tree_files(ASSETS_DIR) + incremental.tree_files(THEME_DIR)
        env = incremental.digest(incremental.files_digest(sources), *sorted(f.src_uri for f in docs_files))
        this_build = incremental.Build(site_dir=str(config.site_dir), env=env)
        for file in docs_files:  # the docs folder's own pages: always made again (their titles are
            if file.is_documentation_page():  # in every page's navigation, read only when made)
                file.is_modified = _modified  # type: ignore[method-assign]
        previous = self.previous
        return (
            previous if previous is not None and previous.same_site(str(config.site_dir), env) else None
        ), this_build

    def _keep_pages(
        self, previous: incremental.Build | None, build: BuildState
    ) -> tuple[set[str], dict[str, str]]:
        """The generated pages a serve --dirty rebuild leaves as they are (MkDocs skips them), and
        the HTML rendered to compare the others, for the page jobs to reuse."""
        kept: set[str] = set()
        rendered: dict[str, str] = {}
        if build.this_build is None or previous is None:
            return kept, rendered
        indexed = {p.url for b in build.bundles for p in b.pages}
        specs = build.specs.values()
        for spec in specs:
            file = build.made[spec.src_uri][0]
            html = build.renderer.render(spec, body_html=BODY_MARK if spec.markdown else "")
            page_digest = self._record_page(build, build.made[spec.src_uri], html)
            if previous.kept(file.abs_dest_path, page_digest, spec.url, spec.url in indexed):
                kept.add(spec.src_uri)
                file.is_modified = _unmodified  # type: ignore[method-assign]
            else:
                rendered[spec.src_uri] = html
        log.info(
            "noticeboard: %d/%d trang không đổi, chỉ dựng lại %d trang.",
            len(kept),
            len(specs),
            len(specs) - len(kept),
        )
        return kept, rendered

    def _record_page(self, build: BuildState, made: tuple[File, str], html: str) -> str:
        """Note in this build's record the digest of what a page is made from (its Markdown and
        the HTML rendered around its body); returns it."""
        assert build.this_build is not None
        file, content = made
        page_digest = build.this_build.pages[file.abs_dest_path] = incremental.digest(content, html)
        return page_digest

    def _end_incremental(self, state: BuildState, run: search.IndexRun) -> None:
        """Remember what this serve --dirty build wrote; remove what the previous one wrote and this
        one no longer makes."""
        build, state.this_build = state.this_build, None
        if build is None:
            return
        build.outputs = set(state.written)
        build.bundles = dict(run.digests)
        old = self.previous
        if old is not None and old.site_dir == build.site_dir:
            made = set(build.pages) | {str(Path(build.site_dir) / p) for p in build.outputs}
            made |= {f.abs_dest_path for f in state.files or ()}
            removed = old.remove_stale(made)
            if removed:
                log.info(
                    "noticeboard: đã xoá %d tệp không còn được tạo: %s", len(removed), ", ".join(removed[:5])
                )
        self.previous = build
        self.timings["kept_bundles"] = len(run.kept)


def _site_url(config: MkDocsConfig) -> str:
    """``site_url`` ending in "/", or "" when mkdocs.yml has none."""
    site_url = config.site_url or ""
    return site_url if site_url.endswith("/") or not site_url else site_url + "/"


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap is named when there is one (with ``site_url``)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _follow_body_ids(toc: Any) -> None:
    """The table of contents of a notice's page, after its body was cleaned: its links go to the
    headings' prefixed ids (render/sanitize.py), and its titles, which Material copies into a
    tooltip when they are cut short, hold no tag-opening brackets."""
    for link in toc or ():
        link.id = prefixed_anchor(link.id)
        link.title = link.title.replace("&lt;", "‹").replace("&gt;", "›")
        _follow_body_ids(link.children)


def _yaml_str(text: str) -> str:
    # The theme renders page titles without autoescape: escape editor text here. Material copies a
    # title cut short in the header or navigation into a tooltip as HTML: no brackets (sanitize.py).
    escaped = str(markupsafe.escape(tooltip_safe(" ".join(text.split()))))
    return json.dumps(escaped, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _default_nav(files: Files) -> list[Any]:
    nav: list[Any] = []
    if files.get_file_from_path("index.md"):
        nav.append({"Trang chủ": "index.md"})
    nav += [
        {"Tổng quan": "tong-quan/index.md"},
        {"Thông báo": "thong-bao/index.md"},
        {"Nhiệm vụ": "nhiem-vu/index.md"},
        {"Đơn vị": "don-vi/index.md"},
        {"Lịch": "lich/index.md"},
        {"Báo cáo": "bao-cao/index.md"},
    ]
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        uri = PurePosixPath(file.src_uri)
        if len(uri.parts) == 1 and file.src_uri != "index.md" and not file.generated_by:
            nav.append(file.src_uri)
    return nav
