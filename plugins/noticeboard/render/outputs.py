"""Non-HTML outputs (feeds, calendars, open data, schemas): one registry the plugin writes out.

Each generator takes the built :class:`Site` and an :class:`OutputContext` and
returns ``{site-root-relative path: text or bytes}``. No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.site import Site


@dataclass(frozen=True)
class OutputContext:
    site_url: str  # absolute base URL ending in "/", or "" when mkdocs.yml has no site_url
    site_name: str
    timezone: str = "Asia/Ho_Chi_Minh"
    organization: dict[str, Any] | None = None  # the `organization` option (CONTENT_FORMAT section 4)

    def absolute(self, path: str) -> str:
        """An absolute URL when site_url is known, else the site-root-relative path."""
        return (self.site_url + path) if self.site_url else path


Generator = Callable[[Site, OutputContext], dict[str, str | bytes]]

#: Filled by the modules below; order does not matter, paths must not collide.
GENERATORS: list[Generator] = []
#: Those of GENERATORS that the build's own process runs (``part="own"``) while the second
#: process, which runs the rest (``part="ahead"``), finishes its pages: plugin.py.
OWN: list[Generator] = []


def register(generator: Generator) -> Generator:
    GENERATORS.append(generator)
    return generator


def register_own(generator: Generator) -> Generator:
    """Register a generator whose files the build's own process makes (see OWN)."""
    OWN.append(generator)
    return register(generator)


def generate_outputs(site: Site, ctx: OutputContext, *, part: str = "all") -> dict[str, str | bytes]:
    """Every registered generator's files (``part``: "all", "own" or "ahead", see OWN)."""
    _load_generators()
    out: dict[str, str | bytes] = {}
    for generator in GENERATORS:
        if part != "all" and (generator in OWN) != (part == "own"):
            continue
        for path, content in generator(site, ctx).items():
            if path in out:
                raise ValueError(f"two outputs want {path}")
            out[path] = content
    return out


def _load_generators() -> None:
    """Import the modules that register generators (each is optional while being written)."""
    import importlib

    for name in ("exports", "ics", "feeds", "schemas", "report_files"):
        try:
            importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__package__}.{name}":
                raise
