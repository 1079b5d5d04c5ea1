"""The record cache (content/cache.py): a rebuild parses only the files whose bytes changed, and
gives exactly what reading every file gives."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from datetime import date
from pathlib import Path

import pytest

from conftest import build, write_tree
from noticeboard.content import cache as cache_module
from noticeboard.model import workdays
from noticeboard.pipeline import load_site
from test_parallel import _corpus, needs_fork, ran_alone

BROKEN = {
    "content/notices/2026/2026-05-01-hong.md": "---\nkind: [thong-bao\n---\n",
    "content/progress/kinh-te/2026-13-01.yml": "by: kinh-te\nupdates: []\n",
}


def _as_of(root: Path) -> date:
    return date.fromisoformat(
        (root / "mkdocs.yml").read_text(encoding="utf-8").split("as_of: ")[1].split()[0]
    )


def _load(root: Path, cache_dir: Path | None, parallel: bool = False):  # type: ignore[no-untyped-def]
    return load_site(root / "content", _as_of(root), 7, parallel=parallel, cache_dir=cache_dir)


def _same_as_reading_every_file(result, plain) -> None:  # type: ignore[no-untyped-def]
    # records after the cross-file checks (which fill in new due dates from the notices' dates)
    assert result.records == plain.records
    assert result.problems.items == plain.problems.items  # the broken files' errors come back, in order
    assert _statuses(result.site) == _statuses(plain.site)


def _statuses(site) -> list[tuple[str, str, date | None]]:  # type: ignore[no-untyped-def]
    return [(item.gid, item.status, item.due) for item in site.items]


def _content_files(root: Path) -> int:
    return sum(1 for p in (root / "content").rglob("*") if p.is_file() and p.parent != root / "content")


@pytest.mark.parametrize("parallel", [False, True])
def test_a_rebuild_from_the_cache_equals_reading_every_file(tmp_path, parallel, request):
    if parallel and ran_alone(request):
        return
    root = write_tree(_corpus(tmp_path / "corpus", parallel=parallel), BROKEN)
    cache_dir = tmp_path / "cache"
    plain = _load(root, None)
    first = _load(root, cache_dir, parallel)
    _same_as_reading_every_file(first, plain)
    if parallel:  # a build with a worker writes it once the pages are rendered (on_post_build)
        first.cache.write_pending()
    again = _load(root, cache_dir, parallel)
    assert first.timings["cached_files"] == 0
    assert again.timings["cached_files"] == _content_files(root)
    _same_as_reading_every_file(again, plain)
    assert any(u.new_due is not None for r in again.records.reports for u in r.updates)
    assert {p.path for p in again.problems.errors} >= {f.removeprefix("content/") for f in BROKEN}
    # The file holds the load stage's records: a build with a worker writes it after the checks
    # (which parse each report's new_due), taking those out first.
    entries, _ = cache_module._decode(cache_module.RecordCache(cache_dir).path.read_bytes())
    updates = [u for record, _ in entries.values() for u in getattr(record, "updates", ())]
    assert any(u.new_due_raw is not None for u in updates)
    assert all(u.new_due is None for u in updates)


def test_a_changed_file_is_read_again_even_with_the_same_size_and_date(tmp_path):
    root = _corpus(tmp_path / "corpus", parallel=False)
    cache_dir = tmp_path / "cache"
    first = _load(root, cache_dir)
    notice = first.records.notices[0]
    path = root / "content" / notice.path
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    title = ("X" if notice.title[0] != "X" else "Y") + notice.title[1:]  # one ASCII letter: the same size
    changed = text.replace(f"title: {notice.title}", f"title: {title}", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a copy that kept the old date
    again = _load(root, cache_dir)
    assert again.timings["cached_files"] == _content_files(root) - 1
    assert again.records.notices[0].title == title


def test_a_broken_cache_file_is_ignored_and_replaced(tmp_path):
    root = _corpus(tmp_path / "corpus", parallel=False)
    cache_dir = tmp_path / "cache"
    plain = _load(root, None)
    _load(root, cache_dir)
    (kept,) = cache_dir.glob("records-*.json")
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short, as by a full disk
    again = _load(root, cache_dir)
    assert again.timings["cached_files"] == 0 and again.records == plain.records
    assert _load(root, cache_dir).timings["cached_files"] == _content_files(root)
    kept.write_bytes(pickle.dumps({"not": "ours"}))
    assert _load(root, cache_dir).records == plain.records


class _Planted:
    """Unpickling this creates ``marker``: what a planted cache file could do instead (run anything)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return open, (str(self.marker), "w")


def test_a_planted_cache_runs_no_code_and_is_ignored_with_a_reason(tmp_path, caplog):
    """A cache file added to git or restored from a poisoned CI cache: never unpickled (issue 19)."""
    root = _corpus(tmp_path / "corpus", parallel=False)
    cache_dir = tmp_path / "cache"
    plain = _load(root, None)
    _load(root, cache_dir)
    (kept,) = cache_dir.glob("records-*")
    marker = tmp_path / "ran"
    payload = pickle.dumps(({"x": _Planted(marker)}, {}))
    for name in (kept.name, f"records-{cache_module.code_version()}.pickle", kept.stem + ".pickle"):
        (cache_dir / name).write_bytes(payload)
    caplog.set_level("INFO")
    again = _load(root, cache_dir)
    assert not marker.exists(), "the cache file ran code"
    assert again.timings["cached_files"] == 0 and again.records == plain.records
    assert any("bộ nhớ đệm" in r.getMessage() and "bỏ qua" in r.getMessage() for r in caplog.records)
    # A well-formed file naming a class it does not know is refused too, not half used.
    kept.write_text(
        json.dumps({"files": [["x", "00", {"$c": "Popen", "args": ["true"]}]], "holidays": {}}),
        encoding="utf-8",
    )
    assert _load(root, cache_dir).records == plain.records and not marker.exists()


def test_a_cache_written_by_other_code_is_not_read(tmp_path, monkeypatch):
    root = _corpus(tmp_path / "corpus", parallel=False)
    cache_dir = tmp_path / "cache"
    _load(root, cache_dir)
    (old,) = cache_dir.glob("records-*.json")
    assert old.name == f"records-{cache_module.code_version()}.json"
    monkeypatch.setattr(cache_module, "code_version", lambda: "0123456789abcdef")
    again = _load(root, cache_dir)
    assert again.timings["cached_files"] == 0
    assert [p.name for p in cache_dir.glob("records-*.json")] == ["records-0123456789abcdef.json"]


def test_code_version_follows_the_source(tmp_path, monkeypatch):
    package = tmp_path / "noticeboard"
    (package / "content").mkdir(parents=True)
    (package / "content" / "cache.py").write_text("# one\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "__file__", str(package / "content" / "cache.py"))
    cache_module.code_version.cache_clear()
    try:
        one = cache_module.code_version()
        (package / "model.py").write_text("X = 1\n", encoding="utf-8")
        cache_module.code_version.cache_clear()
        assert cache_module.code_version() != one
    finally:
        cache_module.code_version.cache_clear()


def test_holiday_tables_are_kept_for_the_years_of_the_content(tmp_path):
    root = _corpus(tmp_path / "corpus", parallel=False)
    cache_dir = tmp_path / "cache"
    _load(root, cache_dir)
    (kept,) = cache_dir.glob("records-*.json")
    _, tables = cache_module._decode(kept.read_bytes())
    years = sorted(tables)
    assert years[0] <= 2023 and years[-1] >= 2028  # the corpus runs 2024-2026; deadlines run on
    assert tables[2025] == workdays.holidays_in_year(2025)
    assert date(2025, 9, 2) in tables[2025]  # Quốc khánh


@needs_fork
def test_a_second_build_reads_from_the_cache_and_writes_the_same_site(tmp_path, monkeypatch, request):
    if ran_alone(request):
        return
    root = _corpus(tmp_path / "corpus", parallel=True)
    timings = root / "timings.json"
    monkeypatch.setenv("NOTICEBOARD_TIMINGS", str(timings))
    first = _digest(build(root))
    made = json.loads(timings.read_text(encoding="utf-8"))
    again_site = _digest(build(root))
    again = json.loads(timings.read_text(encoding="utf-8"))
    assert list((root / ".cache" / "noticeboard").glob("records-*.json"))
    assert made["cached_files"] == 0 and again["cached_files"] == _content_files(root)
    assert again_site == first


def test_cache_false_keeps_nothing(tmp_path):
    root = _corpus(tmp_path / "corpus", parallel=False)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      cache: false\n", encoding="utf-8")
    build(root)
    assert not (root / ".cache").exists()


def test_validate_fills_the_builds_cache_and_the_build_reads_it(tmp_path, monkeypatch, capsys):
    """`noticeboard validate` on a project keeps what it read in the build's cache folder: the
    build after it (CI: validate, then build) parses no file again and writes the same site."""
    from noticeboard import cli

    root = _corpus(tmp_path / "corpus", parallel=False)
    reference = _digest(build(_corpus(tmp_path / "reference", parallel=False)))
    assert not (root / ".cache").exists()
    assert cli.main(["validate", str(root), "--as-of", _as_of(root).isoformat()]) == 0
    assert list((root / ".cache" / "noticeboard").glob("records-*.json"))
    timings = root / "timings.json"
    monkeypatch.setenv("NOTICEBOARD_TIMINGS", str(timings))
    site = build(root)
    assert json.loads(timings.read_text(encoding="utf-8"))["cached_files"] == _content_files(root)
    assert _digest(site) == reference
    assert "Nội dung hợp lệ" in capsys.readouterr().out  # validate's report, printed before the build


def test_validate_keeps_nothing_with_cache_false_and_reads_mkdocs_tags(tmp_path):
    """The plugin's `cache: false` holds for validate too; MkDocs' own YAML tags (a theme's
    `!!python/name:` extension, `!ENV`) do not hide docs_dir or the plugin's options."""
    from noticeboard.commands.validate import find_project

    root = _corpus(tmp_path / "corpus", parallel=False)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text + "      cache: false\nsite_url: !ENV [SITE_URL, 'https://example.org/']\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    assert find_project(root) == ((root / "content").resolve(), None)
    config.write_text(text, encoding="utf-8")
    assert find_project(root) == ((root / "content").resolve(), (root / ".cache" / "noticeboard").resolve())
    assert find_project(root / "content") == (root / "content", None)  # a content folder: no cache


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_read_limited_reads_whole_files_and_stops_at_the_limit(tmp_path, monkeypatch):
    """One open/fstat/read; a file that grew after fstat is read to its end, or reported by its
    size once over the limit; a folder or a missing file raises OSError (reported by read_text)."""
    path = tmp_path / "a.md"
    path.write_bytes(b"0123456789")
    assert cache_module.read_limited(path, 10) == b"0123456789"
    assert cache_module.read_limited(path, 9) == 10
    path.write_bytes(b"")
    assert cache_module.read_limited(path, 10) == b""
    big = bytes(range(256)) * 1000  # 256,000 bytes: several reads past the first
    path.write_bytes(big)
    real_fstat = os.fstat

    class Shrunk:
        def __init__(self, result):
            self.st_size = 3
            self.real = result

    monkeypatch.setattr(cache_module.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    assert cache_module.read_limited(path, len(big)) == big  # "grew" after fstat said 3 bytes
    assert cache_module.read_limited(path, 100_000) > 100_000
    monkeypatch.setattr(cache_module.os, "fstat", real_fstat)
    for bad in (tmp_path, tmp_path / "missing.md"):
        with pytest.raises(OSError):
            cache_module.read_limited(bad, 1 << 20)
        assert cache_module.read_raw(bad, 1 << 20) is None
