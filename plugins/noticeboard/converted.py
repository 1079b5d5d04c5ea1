"""Notice bodies converted from Markdown in the forked child, exactly as MkDocs would (adapter side).

MkDocs converts every page's Markdown one after another in its own process: for a five-year
commune most of the build, on one core, while the second core renders the other pages ahead
(render/ahead.py). The child, forked once the files are final, also converts a share of the
notices: it makes the same ``Page`` MkDocs makes and calls the same ``read_source`` and
``render`` with the same config and files, so the HTML, table of contents, title, anchors and
links are MkDocs' own; the warnings those raise (a broken link in a notice) are caught there and
given to the same loggers in the parent when MkDocs reaches the page, so ``--strict`` counts
them. The parent then hands MkDocs an empty Markdown for that page and puts the result back in
``on_page_content``. Only when no other plugin reads or changes a page's source or content
(:func:`offload_safe`); a conversion that fails in the child is done by MkDocs as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, set_exclusions
from mkdocs.structure.pages import Page

KEY_PREFIX = "\x00markdown:"  # + src_uri: the key of a conversion's job in Ahead
SHARE = 15  # per cent of the notices converted in the child (the newest, which MkDocs reaches last)
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")


@dataclass
class Converted:
    """What ``Page.render`` leaves on a page, and what it logged meanwhile."""

    html: str
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by src_uri of the linked file
    records: list[tuple[str, logging.LogRecord]]  # (logger name, record) in the order logged

    def apply(self, page: Page, files: Files) -> None:
        page.toc = self.toc
        page._title_from_render = self.title_from_render
        page.present_anchor_ids = self.present_anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): links for uri, links in self.links_to_anchors.items()
            }

    def replay_logs(self) -> None:
        for name, record in self.records:
            logging.getLogger(name).handle(record)


def offload_safe(config: MkDocsConfig, plugin: object) -> bool:
    """True when the child's conversion is the one MkDocs would make: no other plugin has a hook
    on a page's source, Markdown or content, and no plugin after ours changes the files."""
    events = config.plugins.events
    for name in PAGE_EVENTS:
        if any(getattr(method, "__self__", None) is not plugin for method in events.get(name, ())):
            return False
    on_files = events.get("files", [])
    return bool(on_files) and getattr(on_files[-1], "__self__", None) is plugin


def converter(config: MkDocsConfig, files: Files, clean: Callable[[str], str]) -> Callable[[str], Converted | None]:
    """A function, for the child, that converts the page of ``src_uri`` as MkDocs would and passes
    the HTML through ``clean`` (the sanitiser); None when anything goes wrong (MkDocs then
    converts it in the parent and reports the error there, as in a one-process build)."""
    excluded_set = False

    def convert(src_uri: str) -> Converted | None:
        nonlocal excluded_set
        if not excluded_set:  # what MkDocs does right after the files event
            set_exclusions(files, config)
            excluded_set = True
        records: list[tuple[str, logging.LogRecord]] = []
        handle = logging.Logger.handle

        def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
            record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
            records.append((logger.name, record))

        logging.Logger.handle = keep  # type: ignore[method-assign,assignment]  # only in the child
        try:
            file = files.get_file_from_path(src_uri)
            if file is None:
                return None
            page = Page(None, file, config)
            page.read_source(config)
            page.render(config, files)
            assert page.content is not None
            links = page.links_to_anchors
            return Converted(
                html=clean(page.content),
                toc=page.toc,
                title_from_render=page._title_from_render,
                present_anchor_ids=page.present_anchor_ids,
                links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                records=records,
            )
        except Exception:
            return None
        finally:
            logging.Logger.handle = handle  # type: ignore[method-assign]

    return convert
