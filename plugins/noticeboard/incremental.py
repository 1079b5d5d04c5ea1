"""What a ``mkdocs serve --dirty`` rebuild may leave as the previous build wrote it.

A plain ``mkdocs serve`` empties the site and makes every page again after each edit: 15-30 s at
five-year size for a change to one progress report, depending on the machine. With ``--dirty`` MkDocs rebuilds only the
pages whose file says it changed; noticeboard's pages are made from the model, so the plugin
tells: a page is kept when the digest of everything it is made from (its Markdown file and the
HTML noticeboard renders around the body) equals the previous build's, the file is still in the
site, and nothing every page depends on changed (the site's settings, the docs folder's own
files, the templates). Pagefind bundles whose pages all hand over the same content keep their
index. No MkDocs import: the plugin feeds this what MkDocs gives it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def digest(*parts: str | bytes) -> str:
    """A short stable digest of ``parts`` (each part delimited, so ("ab", "c") != ("a", "bc")).
    SHA-256, as the record cache's file keys: the CPU's SHA instructions make it faster than blake2b."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def files_digest(paths: Iterable[str | Path]) -> str:
    """Names, sizes and modification times of ``paths`` (a missing one counts as missing)."""
    parts: list[str] = []
    for path in sorted(str(p) for p in paths):
        try:
            st = Path(path).stat()
            parts.append(f"{path}\t{st.st_size}\t{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\t-")
    return digest(*parts)


def tree_files(folder: str | Path | None) -> list[Path]:
    """Every file under ``folder`` (none when it is not a folder)."""
    if not folder or not Path(folder).is_dir():
        return []
    return [p for p in Path(folder).rglob("*") if p.is_file()]


@dataclass
class Build:
    """What one build wrote, for the next build of the same site to compare with."""

    site_dir: str
    env: str  # digest of what every page depends on besides its own content
    pages: dict[str, str] = field(default_factory=dict)  # output path (in site_dir) -> digest of its inputs
    indexed: dict[str, str] = field(default_factory=dict)  # page URL -> the HTML handed to Pagefind
    outputs: set[str] = field(default_factory=set)  # calendars, feeds, open data (site-relative paths)
    bundles: dict[str, str] = field(default_factory=dict)  # Pagefind bundle key -> digest of its pages

    def same_site(self, site_dir: str, env: str) -> bool:
        return self.site_dir == site_dir and self.env == env

    def kept(self, dest: str, page_digest: str, url: str, indexed: bool) -> bool:
        """The page at ``dest`` can stay as it is: same inputs, still there, and (if Pagefind indexes
        it) its indexed HTML known."""
        return (
            self.pages.get(dest) == page_digest
            and (not indexed or url in self.indexed)
            and Path(dest).is_file()
        )

    def remove_stale(self, made: set[str]) -> list[str]:
        """Delete the pages and output files this build wrote that are not in ``made`` (the
        absolute paths the next build wrote: a removed notice's page, a removed unit's calendar);
        returns the paths removed, relative to the site."""
        root = Path(self.site_dir)
        stale = [Path(p) for p in self.pages if p not in made]
        stale += [root / p for p in self.outputs if str(root / p) not in made]
        removed = []
        for path in stale:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))
            folder = path.parent
            while folder != root and folder.is_relative_to(root):
                try:
                    folder.rmdir()  # only when empty
                except OSError:
                    break
                folder = folder.parent
        return sorted(removed)


def remove_unmade(
    site_dir: str | Path, folders: Iterable[str], made: set[str], keep: Iterable[str] = ()
) -> list[str]:
    """Delete every file under ``site_dir/<folder>`` for ``folders`` (the site folders noticeboard
    writes into) that is not in ``made`` (absolute paths this build wrote) nor under ``keep``
    (site-relative folders another step owns); returns the paths removed, relative to the site.

    A build that does not empty the site first (``mkdocs build --dirty``) leaves the previous
    build's files in place: the page and calendar of a notice that has since become draft,
    confidential or embargoed would stay published.
    """
    root = Path(site_dir)
    kept = tuple(root / k for k in keep)
    removed = []
    for folder in sorted(set(folders)):
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        for path in sorted(base.rglob("*"), reverse=True):  # files before the folders holding them
            if any(path == k or path.is_relative_to(k) for k in kept):
                continue
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif str(path) not in made:
                path.unlink()
                removed.append(path.relative_to(root).as_posix())
    return sorted(removed)
