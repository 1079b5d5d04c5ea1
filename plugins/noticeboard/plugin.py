"""MkDocs hooks only: a thin adapter over pipeline (load/check/build) and render."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from . import converted, incremental, reproducible, search
from .config import NoticeboardConfig
from .content.cache import CACHE_DIR, RecordCache
from .cores import exits_after_build, keep_until_exit
from .pipeline import AsOfError, load_site, resolve_as_of
from .render import identity
from .render.ahead import Ahead, AheadError, can_fork, write_files
from .render.outputs import OutputContext, generate_outputs
from .render.pages import BODY_MARK, TEMPLATES_DIR, PageSpec, Renderer, make_environment, relative_url
from .render.readers import task_status
from .render.sanitize import prefixed_anchor, sanitize_html, tooltip_safe
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
OUTPUTS = "\x00outputs"  # key of the output files' job (page jobs are keyed by src_uri)


class NoticeboardPlugin(BasePlugin[NoticeboardConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None
        self.as_of = None
        self.timings: dict[str, float] = {}  # seconds per stage; NOTICEBOARD_TIMINGS=<path> writes them
        self.build_started = 0.0
        self.command: str | None = None
        self.ahead: Ahead | None = None
        self.ahead_pages: set[str] = set()
        self.offload: set[str] = set()  # notices whose Markdown the child converts (converted.py)
        self.converted: dict[str, tuple[converted.Converted, str]] = {}  # src_uri: (result, Markdown)
        self.bundles: list[search.Bundle] = []
        self.index_run: search.IndexRun | None = None
        self.files: Files | None = None
        self.site_files: Files | None = None  # MkDocs' files and pages, until the build ends
        self.write_outputs: Callable[[list[str]], None] | None = None  # rewrites outputs a docs file replaced
        self.own_outputs: Callable[[], list[str]] | None = None  # the output files this process makes
        self.record_cache: RecordCache | None = None  # may still be written by a child: wait() at the end
        # `mkdocs serve --dirty`: what the previous build wrote, so that a rebuild redoes only the
        # pages an edit changed (incremental.py); None for a build that starts from nothing.
        self.dirty = False
        self.build_dirty = False  # a build into a site folder that was not emptied first
        self.previous: incremental.Build | None = None
        self.this_build: incremental.Build | None = None
        self.written: list[str] = []  # the output files of this build (site-relative)
        # `mkdocs build`: the site is made in a folder beside site_dir and moved into it only when
        # the build succeeds, so that a failed build (--strict) leaves the last good site.
        self.clean_build = False
        self.staged: tuple[str, str] | None = None  # (staging folder, site_dir)
        self.staged_ok = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty and command == "serve"
        self.clean_build = command == "build" and not dirty
        self.build_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.build_started = time.perf_counter()
        if not self.config.enabled:
            return config
        try:
            self.as_of = resolve_as_of(self.config.as_of, self.config.timezone)
        except AsOfError as err:
            raise PluginError(f"noticeboard: {err}") from None
        reproducible.pin_build_date(self.as_of, self.config.timezone)  # sitemap dates from as_of, not the clock
        self._stage_site(config)
        if not config.site_url:
            log.info("Cảnh báo: mkdocs.yml chưa có site_url (địa chỉ của cổng, ví dụ https://xa.gov.vn/): "
                     "nguồn tin, lịch và dữ liệu mở chỉ có liên kết tương đối mà nhiều ứng dụng đọc tin "
                     "không mở được, và trang không có sitemap.xml. Thêm dòng site_url vào mkdocs.yml.")
        self._identity(config)
        if not config.site_description:  # every page needs a description (search engines, link previews)
            config.site_description = f"{config.site_name}: thông báo, nhiệm vụ được giao và tiến độ thực hiện của các đơn vị."
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if ASSET_PREFIX + name not in [str(x) for x in target]:
                target.append(ASSET_PREFIX + name)
        return config

    # -- readers (issue 23): the portal's identity, pages from no other host ---------------------
    def _identity(self, config: MkDocsConfig) -> None:
        """The theme's fonts come from Google: off, the system's own (CONTENT_FORMAT §8). The
        footer partial that shows ``organization`` goes before the theme's; our logo and favicon
        unless the site has its own."""
        theme = config.theme
        if theme.name != "material":
            return
        if theme.get("font") is not False:
            theme["font"] = False
            log.info("noticeboard: không tải phông chữ từ Google (theme.font: false); dùng phông của máy đọc.")
        dirs = theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        if not theme.get("logo") and not (theme.get("icon") or {}).get("logo"):
            theme["logo"] = ASSET_PREFIX + "logo.svg"
        if theme.get("favicon") in (None, "", MATERIAL_FAVICON):
            theme["favicon"] = ASSET_PREFIX + "favicon.svg"

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        assert self.as_of is not None
        content_dir = Path(config.docs_dir)
        # One process per core where that is safe: a build, single-threaded (not serve's server).
        parallel = self.config.parallel and self.command in ("build", "gh-deploy") and can_fork()
        if self.record_cache is not None:  # an earlier build's background writer (no on_shutdown since)
            self.record_cache.wait()
            self.record_cache = None
        if self.command not in ("build", "gh-deploy") and self.renderer is not None:
            self._free_previous_build()
        # The model lives until the build ends: frozen, the collector does not walk it again and
        # again, and a forked child shares its memory pages instead of copying them.
        cache_dir = None
        if self.config.cache and config.config_file_path:
            cache_dir = Path(config.config_file_path).parent / CACHE_DIR
        result = load_site(content_dir, self.as_of, self.config.due_soon_days, parallel=parallel, freeze=True,
                           cache_dir=cache_dir, timezone=self.config.timezone)
        self.record_cache = result.cache
        self.timings, started = {**result.timings, "render": 0.0}, time.perf_counter()
        for problem in result.problems.warnings:
            log.info("Cảnh báo: %s", problem.format())
        if result.problems.errors:
            if config.strict:
                raise PluginError(result.problems.report())
            for problem in result.problems.errors:
                log.error("%s", problem.format())
            log.error("noticeboard: các tệp có lỗi ở trên không được xuất bản cho tới khi sửa.")

        docs_files = []  # the docs folder's other files (serve --dirty compares them between builds)
        docs_root = os.path.normpath(config.docs_dir) + os.sep  # as MkDocs makes abs_src_path
        withheld = result.records.withheld
        withheld_dirs = tuple(path for path in withheld if path.endswith("/"))
        for file in list(files):
            uri = file.src_uri
            if (uri in SOURCE_FILES or uri.startswith(SOURCE_DIRS) or uri.lower().endswith(YAML_SUFFIXES)
                    or uri in withheld or uri.startswith(withheld_dirs)):
                # sources are published through the generated pages, never as-is; misplaced
                # notices, stray YAML and symlinks not at all (content/placement.py)
                files.remove(file)
            elif self.dirty and file.abs_src_path and file.abs_src_path.startswith(docs_root):
                docs_files.append(file)
            elif self.build_dirty and file.is_documentation_page():
                # `build --dirty` skips pages whose source did not change, but the home page shows the
                # overview (a hidden notice must leave it) and every page the navigation: remake them
                file.is_modified = _modified  # type: ignore[method-assign]
        previous = self._start_incremental(config, docs_files)

        site_url = config.site_url or ""
        site_url = site_url if site_url.endswith("/") or not site_url else site_url + "/"
        env = make_environment(config.theme.dirs)
        env.globals["site_url"] = site_url
        self.renderer = Renderer(result.site, env, site_name=config.site_name, upcoming_days=self.config.upcoming_days,
                                 field_names=self.config.field_names)
        try:
            self.bundles = search.plan_bundles(search.indexed_pages(result.site), self.config.search_bundle_notices)
        except ValueError as err:
            raise PluginError(str(err)) from None
        # Notices first: MkDocs converts their Markdown while the other pages are rendered ahead.
        # Then the other indexed pages (units), then the rest; indexed pages oldest bundle first,
        # so that Pagefind indexes each bundle while the pages after it are written.
        order = [p.url for b in reversed(self.bundles) for p in reversed(b.pages)]
        rank = {url: i for i, url in enumerate(order)}
        specs = sorted(
            self.renderer.generate_pages(),
            key=lambda spec: (not spec.markdown, spec.url not in rank, rank.get(spec.url, 0)),
        )
        self.specs = {}
        made_files: dict[str, tuple[File, str]] = {}  # src_uri -> (file, its Markdown)
        for spec in specs:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
                log.warning("noticeboard: %s trùng với trang được tạo tự động; trang của noticeboard được dùng.", spec.src_uri)
            hide = "\nhide: [navigation, toc]" if spec.wide else "\nhide: [navigation]"
            about = _yaml_str(identity.describe(spec.template, spec.title, spec.context))
            content = f"---\ntitle: {_yaml_str(spec.title)}\ndescription: {about}{hide}\n---\n\n{spec.markdown}"
            file = File.generated(config, spec.src_uri, content=content)
            if not spec.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            self.specs[spec.src_uri] = spec
            made_files[spec.src_uri] = (file, content)
        for name in (*ASSETS, *IMAGES):
            files.append(File.generated(config, ASSET_PREFIX + name, abs_src_path=str(ASSETS_DIR / name)))
        if not site_url:
            # MkDocs would write a sitemap with no URL in it, which the sitemaps.org schema refuses.
            # Dropped here, after MkDocs has left the template out of the theme files it copies.
            config.theme.static_templates.discard("sitemap.xml")
        if files.get_file_from_path("robots.txt") is None:  # a site's own robots.txt wins
            files.append(File.generated(config, "robots.txt", content=robots_txt(site_url)))
        for notice in result.site.notices:  # attachments: published with their notice, never otherwise
            for attachment in notice.attachments:
                files.append(File.generated(config, notice.url + attachment.name, abs_src_path=attachment.source))

        # Pages (a notice's with a mark where its body goes) and the output files (calendars,
        # feeds, open data) are made ahead, in a second process where that is safe
        # (render/ahead.py), in the order MkDocs asks for them; outputs go straight into
        # site_dir, which MkDocs has already cleaned.
        renderer, site, site_dir = self.renderer, result.site, config.site_dir
        kept, rendered = self._keep_pages(previous, specs, made_files)
        ahead = [spec for spec in specs if spec.src_uri not in kept and (not spec.markdown or renderer.body_mark_safe)]
        ctx = OutputContext(site_url, config.site_name, self.config.timezone, self.config.organization)
        # The child also converts the newest notices' Markdown, as MkDocs would (converted.py).
        parallel = parallel and can_fork()
        bodies = [spec.src_uri for spec in ahead if spec.markdown]
        offload = set(bodies[len(bodies) - len(bodies) * converted.SHARE // 100:]) if (
            parallel and converted.offload_safe(config, self)) else set()
        convert = converted.converter(config, files, (lambda html: html) if self.config.trust_html else sanitize_html)

        def jobs() -> Iterator[tuple[str, Any]]:
            for spec in ahead:
                if spec.src_uri in offload:
                    yield converted.KEY_PREFIX + spec.src_uri, convert(spec.src_uri)
                html = rendered.pop(spec.src_uri, None)
                if html is None:
                    html = renderer.render(spec, body_html=BODY_MARK if spec.markdown else "")
                    if self.this_build is not None:  # serve --dirty, one process: what the page is made from
                        self._record_page(made_files[spec.src_uri], html)
                yield spec.src_uri, html
            yield OUTPUTS, write_files(site_dir, generate_outputs(site, ctx, part="ahead"))

        def write_outputs(paths: list[str]) -> None:
            made = generate_outputs(site, ctx)
            write_files(site_dir, {path: made[path] for path in paths})

        self.write_outputs = write_outputs
        # The periodic reports' files (render/outputs.py OWN), made here while the jobs finish.
        self.own_outputs = lambda: write_files(site_dir, generate_outputs(site, ctx, part="own"))

        self._close_ahead()
        self._cancel_index()
        try:
            self.index_run = search.IndexRun(
                config.site_dir, self.bundles, order=[spec.url for spec in specs],
                previous=None if self.this_build is None else previous.bundles if previous is not None else {},
            )
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        if previous is not None and self.this_build is not None:  # kept pages: Pagefind gets what they had
            for uri in kept:
                url = self.specs[uri].url
                if url in previous.indexed:
                    self.this_build.indexed[url] = previous.indexed[url]
                    self.index_run.add_page(url, previous.indexed[url])
        self.ahead = Ahead(jobs, parallel=parallel)
        self.ahead_pages = {spec.src_uri for spec in ahead}
        if not self.ahead.parallel:
            offload.clear()  # the jobs run here, lazily: MkDocs converts every page itself
        self.offload = offload
        self.timings["converted_ahead"] = len(offload)

        if config.nav is None and self.config.nav:
            config.nav = _default_nav(files)
        self.timings["pages_and_outputs"] = time.perf_counter() - started
        self.timings["at_files_end"] = time.perf_counter() - self.build_started
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if uri not in self.offload:
            return markdown
        self.offload.discard(uri)
        made = self._ahead_result(converted.KEY_PREFIX + uri)
        if made is None:
            return markdown  # the child could not: MkDocs converts it here, and reports what failed
        made.replay_logs()  # the conversion's warnings, where MkDocs would have logged them
        self.converted[uri] = (made, markdown)
        return ""  # MkDocs renders an empty page; on_page_content puts the child's back

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.renderer is None:
            return html
        started = time.perf_counter()
        done = self.converted.pop(spec.src_uri, None)
        if done is not None:  # converted (and sanitised) in the child
            made, page.markdown = done
            made.apply(page, files)
            html = made.html
        elif spec.markdown and not self.config.trust_html:
            html = sanitize_html(html)
        if spec.markdown and not self.config.trust_html:
            _follow_body_ids(page.toc)
        if spec.src_uri in self.ahead_pages:
            made = self._ahead_result(spec.src_uri)
            if spec.markdown:
                html = made.replace(BODY_MARK, html)
            elif html.strip():  # made with an empty body; a Markdown extension that adds to an empty page wins
                html = self.renderer.render(spec, body_html=html)
            else:
                html = made
        else:
            html = self.renderer.render(spec, body_html=html)
        html = self._search_block(spec, html)
        self.timings["render"] = self.timings.get("render", 0.0) + time.perf_counter() - started
        return html

    def _search_block(self, spec: PageSpec, html: str) -> str:
        """Mark what Pagefind indexes, and hand an indexed page to it now: Pagefind reads only the
        marked block, so it indexes the page's content while MkDocs converts the next notices."""
        if spec.template == "noticeboard/notice.html":
            notice = spec.context["notice"]
            html = indexed = search.notice_block(html, title=spec.title, kind=notice.kind_label,
                                                 date=notice.date.strftime("%d/%m/%Y"), number=notice.number,
                                                 tasks=[(t.id, task_status(t), t.title) for t in notice.tasks if t.items])
        elif spec.template == "noticeboard/unit.html":  # a large unit's year pages are marked too, not indexed
            unit = spec.context["unit"]
            indexed = search.unit_block(name=unit.name, short=unit.short, aliases=unit.aliases,
                                        parent=unit.parent.name if unit.parent else "")
            html = markupsafe.Markup(str(indexed) + str(html))  # both HTML already (Markup + str would escape html)
        else:
            return html
        if self.index_run is not None:  # a failed Pagefind run is reported by finish(), in on_post_build
            self.index_run.add_page(spec.url, indexed)  # what Pagefind reads of the page, no more
        if self.this_build is not None:
            self.this_build.indexed[spec.url] = str(indexed)
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled or self.renderer is None:
            return env
        self.timings["at_env"] = time.perf_counter() - self.build_started
        self.files = self.site_files = files
        env.globals["noticeboard_organization"] = self.config.organization  # partials/copyright.html
        if self.ahead is not None and not self.ahead.parallel:
            self._take_outputs(files)  # made now, before MkDocs copies the docs folder's other files
            self._make_own_outputs()
        # A child still writes them while MkDocs writes the pages: taken in on_post_build.
        return env

    def _make_own_outputs(self) -> None:
        """The output files this process makes itself (render/outputs.py OWN): in a two-process
        build while Pagefind's last bundles run, which start only once the child's files are in."""
        if self.own_outputs is not None:
            started = time.perf_counter()
            self.written += self.own_outputs()
            self.own_outputs = None
            self.timings["own_outputs"] = time.perf_counter() - started

    def _take_outputs(self, files: Files) -> list[str]:
        """Wait for the calendars, feeds and open data (written into site_dir); a docs file of the
        same name gives way to ours. Returns the names both wanted."""
        assert self.ahead is not None
        started = time.perf_counter()
        written = self._ahead_result(OUTPUTS)
        self.timings["outputs_wait"] = time.perf_counter() - started
        self.written = list(written)
        self._close_ahead()
        clashes = []
        for path in written:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
                clashes.append(path)
                log.warning("noticeboard: %s trùng với tệp được tạo tự động; tệp của noticeboard được dùng.", path)
        return clashes

    def _ahead_result(self, key: str) -> Any:
        assert self.ahead is not None
        try:
            return self.ahead.get(key)
        except AheadError as err:
            raise PluginError(str(err)) from None

    def _cancel_index(self) -> None:
        if self.index_run is not None:
            self.index_run.cancel()
            self.index_run = None

    def _close_ahead(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None
            self.ahead_pages = set()
            self.offload = set()
            self.converted = {}

    # -- search (noticeboard.search; why Pagefind: BENCHMARKS.md) ---------------------------
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            search.find_pagefind()  # fail before the build, not after it
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        # The theme's search ships one index of every page (50 MB for 1,000 notices) that its
        # header box fetches on every page view; Pagefind replaces it.
        theme_search = config.plugins.get("material/search")
        if theme_search is not None and getattr(theme_search.config, "enabled", False):
            theme_search.config.enabled = False
            log.info("noticeboard: tìm kiếm dùng Pagefind (trang tim-kiem/); đã tắt chỉ mục tìm kiếm của theme.")

    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any] | None:
        if not self.config.enabled or self.renderer is None or page.content is None:
            return context
        spec = self.specs.get(page.file.src_uri)
        if spec is None and page.is_homepage:
            block = self._render_search_part("noticeboard/search_box.html", page)
            if self.config.home_overview:  # CONTENT_FORMAT §6: the home page shows the overview block
                block += self.renderer.render_overview(page.url)
            page.content = search.add_after_heading(page.content, block)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.renderer is None:
            return output
        output = search.add_header_link(output, self._render_search_part("noticeboard/search_link.html", page))
        return self._identity_marks(output, page, config)

    def _identity_marks(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Open Graph tags (a notice: its number and trích yếu) and the printed page's header."""
        assert self.renderer is not None
        spec = self.specs.get(page.file.src_uri)
        site_url = config.site_url or ""
        notice = spec.context.get("notice") if spec is not None else None
        if spec is not None:
            title, about = spec.title, identity.describe(spec.template, spec.title, spec.context)
        else:
            title = page.title or config.site_name
            about = (page.meta or {}).get("description") or config.site_description or ""
        tags = identity.og_tags(
            title=str(title), description=str(about), site_name=config.site_name,
            url=page.canonical_url or "" if site_url else "", kind="article" if notice is not None else "website",
            modified=self.renderer.updated(notice) if notice is not None else None,
        )
        output = identity.add_to_head(output, tags)
        org = self.config.organization.name or ""
        return identity.add_print_head(output, identity.print_head(org, config.site_name, self.renderer.site.as_of))


    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        started = time.perf_counter()
        self.timings["at_post_build"] = started - self.build_started
        if self.ahead is not None and self.files is not None:
            clashes = self._take_outputs(self.files)
            if clashes:  # MkDocs has copied the docs files meanwhile, maybe over ours: ours again
                assert self.write_outputs is not None
                self.write_outputs(clashes)
            self.files = None
        if self.build_dirty:
            self._remove_unmade(config)
        if self.index_run is None:
            self._make_own_outputs()
            return
        run, self.index_run = self.index_run, None
        try:
            stats = run.finish(meanwhile=self._make_own_outputs)
        except search.PagefindError as err:
            raise PluginError(str(err)) from None
        log.info("noticeboard: chỉ mục tìm kiếm Pagefind: %d trang trong %d gói, %d tệp, %.1f s",
                 stats.pages, stats.bundles, stats.files, stats.seconds)
        self.timings["search_index"] = stats.seconds
        self._end_incremental(run)
        for key, start, end in run.spans:  # when each bundle ran, from the start of the build
            offset = self.timings.get("at_files_end", 0.0)
            self.timings[f"pagefind_{key or 'newest'}"] = [round(start + offset, 2), round(end + offset, 2)]  # type: ignore[assignment]
        self.staged_ok = True  # every hook has run: MkDocs' strict check of warnings still may fail it
        self.timings["search_index_wait"] = time.perf_counter() - started
        self.timings["at_end"] = time.perf_counter() - self.build_started
        spent = os.times()  # CPU of this process (children: the forked renderer and Pagefind, once reaped)
        self.timings["cpu_self"] = [round(spent.user, 2), round(spent.system, 2)]  # type: ignore[assignment]
        gc.unfreeze()  # serve rebuilds: the next build's model replaces this one
        log.debug("noticeboard: timings %s", self.timings)
        if os.environ.get("NOTICEBOARD_TIMINGS"):
            Path(os.environ["NOTICEBOARD_TIMINGS"]).write_text(json.dumps(self.timings), encoding="utf-8")

    def _remove_unmade(self, config: MkDocsConfig) -> None:
        """A build that did not empty the site folder (``--dirty``): delete what an earlier build
        wrote into noticeboard's folders and this one did not make: a hidden notice's page and
        calendar never survive it."""
        site_dir = str(config.site_dir)
        made = {str(Path(site_dir) / path) for path in self.written}
        made |= {f.abs_dest_path for f in self.site_files or ()}
        folders = {spec.url.split("/", 1)[0] for spec in self.specs.values() if "/" in spec.url}
        folders |= {path.split("/", 1)[0] for path in self.written if "/" in path}
        removed = incremental.remove_unmade(site_dir, folders - {""}, {os.path.normpath(p) for p in made},
                                            keep=(OUTPUT_SUBDIR, STAGING))
        if removed:
            log.info("noticeboard: đã xoá %d tệp cũ không còn được xuất bản: %s", len(removed), ", ".join(removed[:5]))

    def on_build_error(self, *, error: Exception) -> None:
        self.previous = self.this_build = None  # the site is half made: the next build makes it all
        self.staged_ok = False
        self._end_build()

    def on_shutdown(self) -> None:
        self._end_build()
        self._publish_staged()
        self.dirty, self.previous = False, None  # the serve session is over (its site folder goes)

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
                log.error("noticeboard: bản dựng không thành công; thư mục %s vẫn giữ trang của lần dựng "
                          "thành công trước.", final)
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

    def _free_previous_build(self) -> None:
        """A rebuild in the same process (``mkdocs serve``): free the previous build's pages and
        model now. They hold reference cycles (MkDocs' pages and files), and ``load_site`` is about
        to freeze every object alive: left to the collector, each rebuild's garbage was frozen
        with the next model and survived it, ~280 MB a rebuild at five-year size."""
        self.renderer, self.specs, self.site_files, self.files = None, {}, None, None
        self.bundles, self.converted = [], {}
        gc.collect()

    # -- mkdocs serve --dirty (incremental.py) ------------------------------------------------
    def _start_incremental(self, config: MkDocsConfig, docs_files: list[File]) -> incremental.Build | None:
        """A serve --dirty build: start recording it; the previous build when this one may keep
        its pages (same site folder, nothing all pages depend on changed), else None."""
        self.this_build = None
        if not self.dirty:
            return None
        sources = [config.config_file_path or "", *(f.abs_src_path or "" for f in docs_files)]
        sources += incremental.tree_files(config.theme.custom_dir) + incremental.tree_files(TEMPLATES_DIR)
        sources += incremental.tree_files(ASSETS_DIR) + incremental.tree_files(THEME_DIR)
        env = incremental.digest(incremental.files_digest(sources), *sorted(f.src_uri for f in docs_files))
        self.this_build = incremental.Build(site_dir=str(config.site_dir), env=env)
        for file in docs_files:  # the docs folder's own pages: always made again (their titles are
            if file.is_documentation_page():  # in every page's navigation, read only when made)
                file.is_modified = _modified  # type: ignore[method-assign]
        previous = self.previous
        return previous if previous is not None and previous.same_site(str(config.site_dir), env) else None

    def _keep_pages(self, previous: incremental.Build | None, specs: list[PageSpec],
                    made_files: dict[str, tuple[File, str]]) -> tuple[set[str], dict[str, str]]:
        """The generated pages a serve --dirty rebuild leaves as they are (MkDocs skips them), and
        the HTML rendered to compare the others, for the page jobs to reuse."""
        kept: set[str] = set()
        rendered: dict[str, str] = {}
        if self.this_build is None or previous is None or self.renderer is None:
            return kept, rendered
        indexed = {p.url for b in self.bundles for p in b.pages}
        for spec in specs:
            file = made_files[spec.src_uri][0]
            html = self.renderer.render(spec, body_html=BODY_MARK if spec.markdown else "")
            page_digest = self._record_page(made_files[spec.src_uri], html)
            if previous.kept(file.abs_dest_path, page_digest, spec.url, spec.url in indexed):
                kept.add(spec.src_uri)
                file.is_modified = _unmodified  # type: ignore[method-assign]
            else:
                rendered[spec.src_uri] = html
        log.info("noticeboard: %d/%d trang không đổi, chỉ dựng lại %d trang.", len(kept), len(specs),
                 len(specs) - len(kept))
        return kept, rendered

    def _record_page(self, made: tuple[File, str], html: str) -> str:
        """Note in this build's record the digest of what a page is made from (its Markdown and
        the HTML rendered around its body); returns it."""
        assert self.this_build is not None
        file, content = made
        page_digest = self.this_build.pages[file.abs_dest_path] = incremental.digest(content, html)
        return page_digest

    def _end_incremental(self, run: search.IndexRun) -> None:
        """Remember what this serve --dirty build wrote; remove what the previous one wrote and this
        one no longer makes."""
        build, self.this_build = self.this_build, None
        if build is None:
            return
        build.outputs = set(self.written)
        build.bundles = dict(run.digests)
        old = self.previous
        if old is not None and old.site_dir == build.site_dir:
            made = set(build.pages) | {str(Path(build.site_dir) / p) for p in build.outputs}
            made |= {f.abs_dest_path for f in self.site_files or ()}
            removed = old.remove_stale(made)
            if removed:
                log.info("noticeboard: đã xoá %d tệp không còn được tạo: %s", len(removed), ", ".join(removed[:5]))
        self.previous = build
        self.timings["kept_bundles"] = len(run.kept)

    def _end_build(self) -> None:
        if self.record_cache is not None:
            self.record_cache.wait()
            self.record_cache = None
        self._close_ahead()
        self.files = self.write_outputs = self.own_outputs = None
        self._cancel_index()
        if self.command in ("build", "gh-deploy") and exits_after_build():
            keep_until_exit(self.renderer, self.specs, self.site_files)  # the process ends: no need to free them
            log.debug("noticeboard: model and pages left to the operating system at exit")
        else:
            gc.unfreeze()  # serve rebuilds, API callers go on: the next build's model replaces this one
        self.site_files = None
        reproducible.unpin_build_date()

    def _render_search_part(self, template: str, page: Page) -> str:
        assert self.renderer is not None
        base = page.url if page.url.endswith("/") or not page.url else page.url.rsplit("/", 1)[0] + "/"
        return self.renderer.env.get_template(template).render(url=lambda target: relative_url(target, base))


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
