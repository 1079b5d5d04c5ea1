"""Non-HTML outputs (feeds, calendars, open data, schemas): one registry the plugin writes out.

Each generator takes the built :class:`Site` and an :class:`OutputContext` and
returns ``{site-root-relative path: text or bytes}``; it is registered with the function that
names those paths from the model alone, so that the build settles a clash with a docs file of the
same name before anything is written (the worker writes the files while MkDocs copies the docs
folder's). No MkDocs import.
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
    organization: Any = None  # the `organization` option (CONTENT_FORMAT section 4), a mapping

    def absolute(self, path: str) -> str:
        """An absolute URL when site_url is known, else the site-root-relative path."""
        return (self.site_url + path) if self.site_url else path


Generator = Callable[[Site, OutputContext], dict[str, str | bytes]]
Paths = Callable[[Site], list[str]]

#: Filled by the modules below: (generator, the paths it writes); order does not matter, paths
#: must not collide.
GENERATORS: list[tuple[Generator, Paths]] = []


def register(paths: Paths) -> Callable[[Generator], Generator]:
    """Register a generator, with the function that names the paths it writes."""

    def add(generator: Generator) -> Generator:
        GENERATORS.append((generator, paths))
        return generator

    return add


def output_paths(site: Site) -> list[str]:
    """The paths :func:`generate_outputs` writes for ``site``, sorted, without making the files."""
    _load_generators()
    return sorted(path for _, paths in GENERATORS for path in paths(site))


def generate_outputs(site: Site, ctx: OutputContext) -> dict[str, str | bytes]:
    """Every output file of ``site``: ``{site-root-relative path: text or bytes}``."""
    _load_generators()
    out: dict[str, str | bytes] = {}
    for generator, _ in GENERATORS:
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
