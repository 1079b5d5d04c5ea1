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

The folder is not trusted: it may be restored by CI from a cache that a merge request could write,
or committed by mistake. So it holds JSON, never pickle (unpickling runs code): plain values, and
objects only of the record classes named in :data:`_CLASSES`, made through their constructors. A
file that is not such JSON is ignored, with the reason logged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import sys
from datetime import date, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import workdays
from ..model.deadlines import Deadline, Occurrence
from .records import NoticeRecord, ReportRecord, Signer, TaskRecord, UpdateRecord
from .yamlio import LineDict, LineList

log = logging.getLogger("mkdocs.plugins.noticeboard")  # MkDocs shows this logger's records

PREFIX = "records-"
SUFFIX = ".json"
DEFAULT_SALT = "Asia/Ho_Chi_Minh"  # the default timezone: its cache keeps the plain name
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
    return rel, hashlib.sha256(raw).digest()[
        :16
    ]  # SHA-256: the CPU's SHA instructions make it the faster here


class RecordCache:
    """``{(path, hash of bytes): (record, problems)}`` in ``folder``, read once when made."""

    def __init__(self, folder: str | Path, salt: str = DEFAULT_SALT) -> None:
        """``salt``: what else shapes a record (the site's timezone): another salt, another file."""
        self.folder = Path(folder)
        version = (
            code_version()
            if salt == DEFAULT_SALT
            else code_version() + "-" + hashlib.blake2b(salt.encode(), digest_size=4).hexdigest()
        )
        self.path = self.folder / f"{PREFIX}{version}{SUFFIX}"
        self.entries: dict[Key, Any] = {}
        self.hits = 0
        self._pending: dict[Key, Any] | None = (
            None  # kept by save(background=True), written by write_pending()
        )
        try:
            raw = self.path.read_bytes()
        except OSError:  # none yet (a first build, another version of the code): start afresh
            return
        try:
            entries, holidays = _decode(raw)
        except Exception as err:  # truncated, planted, written by something else: start afresh
            log.info(
                "Cảnh báo: bộ nhớ đệm %s bị bỏ qua và sẽ được ghi lại (%s: %s).",
                self.path,
                type(err).__name__,
                str(err)[:200],
            )
            return
        self.entries = entries
        workdays.preload(holidays)

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
        years = {
            record.date.year for record, _ in entries.values() if record is not None and record.date.year > 1
        }
        known = workdays.tables(range(min(years) - 1, max(years) + 3)) if years else {}  # deadlines run on
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{self.path.name}.{os.getpid()}"
            partial.write_bytes(_encode(entries, known))
            partial.replace(self.path)  # a reader sees the old file or the new one, never half
            for old in self.folder.glob(f"{PREFIX}*"):
                if old != self.path:
                    old.unlink(missing_ok=True)  # another version of the code (or an old pickle)
        except (OSError, TypeError, ValueError):
            with contextlib.suppress(OSError, UnboundLocalError):
                partial.unlink(missing_ok=True)


# -- the file format: JSON with tagged values ----------------------------------------------------
# {"$c": name, ...fields} is a record class built by its constructor (only these), {"$d": iso} a
# date, {"$t": iso} a date-time, {"$u": [...]} a tuple, {"$m": [[key, value], ...]} a mapping whose
# keys JSON cannot hold as they are, {"$L": {...}} and {"$S": {...}} YAML's line-keeping mapping
# and sequence (a report's new_due as written).
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (NoticeRecord, ReportRecord, TaskRecord, UpdateRecord, Signer, Deadline, Occurrence, Problem)
}
_FIELDS = {name: frozenset(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}
# A notice's body is most of its bytes (60 % of the file at five-year size) and the load stage has
# the file's bytes anyway: it is not kept, but cut from the file again on a hit (load._load_cached).
_CUT = frozenset({"body"})


def _pack(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, LineDict):
        return {
            "$L": {
                "items": _pack(dict(value)),
                "line": value.line,
                "key_lines": _pack(value.key_lines),
                "raw": _pack(getattr(value, "raw", {})),
            }
        }
    if isinstance(value, LineList):
        return {
            "$S": {
                "items": [_pack(v) for v in value],
                "line": value.line,
                "item_lines": value.item_lines,
                "raw": _pack(getattr(value, "raw", {})),
            }
        }
    if isinstance(value, list):
        return [_pack(v) for v in value]
    if isinstance(value, tuple):
        return {"$u": [_pack(v) for v in value]}
    if isinstance(value, dict):
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: _pack(v) for k, v in value.items()}
        return {"$m": [[_pack(k), _pack(v)] for k, v in value.items()]}
    name = type(value).__name__
    if _CLASSES.get(name) is type(value):
        fields = dataclasses.fields(value)  # type: ignore[arg-type]  # one of _CLASSES: a dataclass
        packed = {f.name: _pack(getattr(value, f.name)) for f in fields if f.name not in _CUT}
        packed["$c"] = name
        return packed
    raise TypeError(f"{type(value).__name__} is not kept in the record cache")


def _unpack(obj: dict[str, Any]) -> Any:
    """json's object_hook: a tagged object back to its value; an unknown tag is an error."""
    name = obj.pop("$c", None)
    if name is not None:
        if name not in _CLASSES or not obj.keys() <= _FIELDS[name]:
            raise ValueError(f"unknown object {name!r}")
        return _CLASSES[name](**obj)
    if len(obj) == 1:
        ((tag, value),) = obj.items()
        if tag[:1] != "$":
            return obj
        if tag == "$d":
            return date.fromisoformat(value)
        if tag == "$t":
            return datetime.fromisoformat(value)
        if tag == "$u":
            return tuple(value)
        if tag == "$m":
            return {_hashable(k): v for k, v in value}
        if tag == "$L":
            made = LineDict(value["items"])
            made.line, made.key_lines, made.raw = (
                int(value["line"]),
                dict(value["key_lines"]),
                dict(value["raw"]),
            )
            return made
        if tag == "$S":
            made_list = LineList(value["items"])
            made_list.line, made_list.item_lines = int(value["line"]), list(value["item_lines"])
            made_list.raw = dict(value["raw"])
            return made_list
        raise ValueError(f"unknown tag {tag!r}")
    return obj  # a plain mapping: _pack wrote any with "$" keys as "$m"


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def _encode(entries: dict[Key, Any], holidays: dict[int, dict[date, str]]) -> bytes:
    files = [[rel, digest.hex(), _pack(loaded)] for (rel, digest), loaded in entries.items()]
    return json.dumps(
        {"files": files, "holidays": _pack(holidays)}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def _decode(raw: bytes) -> tuple[dict[Key, Any], dict[int, dict[date, str]]]:
    """What :func:`_encode` wrote; ValueError, TypeError or KeyError for anything else."""
    data = json.loads(raw, object_hook=_unpack)
    entries: dict[Key, Any] = {}
    for rel, digest, loaded in data["files"]:
        record, problems = loaded
        if (
            not isinstance(rel, str)
            or not isinstance(record, (NoticeRecord, ReportRecord, type(None)))
            or not all(isinstance(p, Problem) for p in problems)
        ):
            raise ValueError(f"unexpected entry for {rel!r}")
        entries[(rel, bytes.fromhex(digest))] = (record, problems)
    holidays = data["holidays"]
    if not isinstance(holidays, dict) or not all(
        isinstance(y, int)
        and isinstance(t, dict)
        and all(isinstance(d, date) and isinstance(n, str) for d, n in t.items())
        for y, t in holidays.items()
    ):
        raise ValueError("unexpected holiday tables")
    return entries, holidays


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
