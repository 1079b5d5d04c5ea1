"""Content files as read by the load stage, kept between builds. No MkDocs import.

A rebuild (``mkdocs serve`` after an edit, a second build, CI with a restored cache) reads every
content file again, but parses only those whose bytes changed: each file's record and problems
are kept under its path and a hash of its bytes, so a stale entry can never be used (a changed
file has another key, whatever its date). The cache file is named after a hash of this package's
code and of the libraries that shape a record, so a new version starts afresh.

What is kept is the load stage's result before the cross-file checks (which fill in a few fields
from other files: those are computed again each build), and Vietnam's public holidays for the years
the content spans (the ``holidays`` package's first call costs more than the rest of a rebuild's
check stage). A cache that cannot be read is ignored;
one that cannot be written is skipped: the build never depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..model import workdays

PREFIX = "records-"
CACHE_DIR = Path(".cache") / "noticeboard"  # beside mkdocs.yml: the build's, and `noticeboard validate`'s
Key = tuple[str, bytes]  # (content-relative path, hash of the file's bytes)


@cache
def code_version() -> str:
    """A hash of the package's source files and of the versions of Python, PyYAML and holidays."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())
    for dist in ("PyYAML", "holidays"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{dist}={metadata.version(dist)}".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def file_key(rel: str, raw: bytes) -> Key:
    return rel, hashlib.sha256(raw).digest()[:16]  # SHA-256: the CPU's SHA instructions make it the faster here


class RecordCache:
    """``{(path, hash of bytes): (record, problems)}`` in ``folder``, read once when made."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / f"{PREFIX}{code_version()}.pickle"
        self.entries: dict[Key, Any] = {}
        self.hits = 0
        self._pending: dict[Key, Any] | None = None  # kept by save(background=True), written by write_pending()
        try:
            with self.path.open("rb") as f:
                entries, holidays = pickle.load(f)
            if isinstance(entries, dict) and isinstance(holidays, dict):
                self.entries = entries
                workdays.preload(holidays)
        except Exception:  # missing, truncated, written by something else: start afresh
            pass

    def get(self, key: Key) -> Any:
        found = self.entries.get(key)
        if found is not None:
            self.hits += 1
        return found

    def save(self, entries: dict[Key, Any], *, background: bool) -> None:
        """Keep ``entries`` (the files read this time) for the next build, unless they are what is
        kept already. Written now, before the checks add to the records; or, when ``background``,
        by :meth:`write_pending` once every page is rendered (the build waits for its worker
        then: pickling the records before the checks would add to the build's time)."""
        if entries.keys() == self.entries.keys():
            return
        if background:
            self._pending = entries
        else:
            self._write(entries)

    def write_pending(self) -> None:
        """Write what :meth:`save` kept. It first takes out what the cross-file checks added (a
        report's parsed ``new_due``), so the file holds the load stage's records: call it only
        once nothing reads the records any more (the model keeps what it needs of them)."""
        entries, self._pending = self._pending, None
        if entries is not None:
            self._write(_as_loaded(entries))

    def _write(self, entries: dict[Key, Any]) -> None:
        years = {record.date.year for record, _ in entries.values() if record is not None and record.date.year > 1}
        known = workdays.tables(range(min(years) - 1, max(years) + 3)) if years else {}  # deadlines run on
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{self.path.name}.{os.getpid()}"
            with partial.open("wb") as f:
                pickle.dump((entries, known), f, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.path)  # a reader sees the old file or the new one, never half
            for old in self.folder.glob(f"{PREFIX}*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)  # written by another version of the code
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError, UnboundLocalError):
                partial.unlink(missing_ok=True)


def _as_loaded(entries: dict[Key, Any]) -> dict[Key, Any]:
    """``entries`` as the load stage left them: the check stage parses each report's ``new_due``
    (it needs the task's notice date). Changes the records in place: see :meth:`RecordCache.write_pending`."""
    for record, _ in entries.values():
        for update in getattr(record, "updates", ()):
            update.new_due = None
    return entries


def read_limited(path: Path, limit: int) -> bytes | int:
    """The file's bytes, or its size when that is over ``limit`` (nothing read then); OSError as
    ``open`` raises it. One open, fstat and read for a content file: no ``stat`` by path before."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            return size
        chunks = [os.read(fd, size + 1)]  # a regular file reads in full: shorter than size + 1 is its end
        if len(chunks[0]) > size:  # it grew meanwhile: read to its end, within the limit
            total = len(chunks[0])
            while (chunk := os.read(fd, 65536)) and total <= limit:
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:
                return total
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def read_raw(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it is larger than ``limit`` or unreadable (the load stage
    then reports why, and the file is not cached)."""
    try:
        raw = read_limited(path, limit)
    except OSError:
        return None
    return None if isinstance(raw, int) else raw
