"""Files and bytes of built sites, per top-level folder, side by side (a Markdown table).

    python build_tools/site_sizes.py BEFORE_SITE AFTER_SITE [--depth 2]

``--depth 2`` also splits the folders named in DEEPER one level down (lich/don-vi, lich/thong-bao,
nhiem-vu/trang-thai, ...), where the bytes of a five-year site sit.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

DEEPER = ("lich", "nhiem-vu", "don-vi")


def folder_sizes(site: Path, depth: int) -> tuple[Counter[str], Counter[str]]:
    """(files, bytes) per folder key: the first path segment, or two for DEEPER folders."""
    files: Counter[str] = Counter()
    size: Counter[str] = Counter()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        parts = path.relative_to(site).parts
        key = parts[0] if len(parts) > 1 else "(top-level files)"
        if depth > 1 and parts[0] in DEEPER and len(parts) > 2:
            key = "/".join(parts[:2]) if parts[0] != "don-vi" else "don-vi/<unit>/"
            if parts[0] == "nhiem-vu" and parts[1] != "trang-thai":
                key = "nhiem-vu/<year>/"
        files[key] += 1
        size[key] += path.stat().st_size
    files["total"] = sum(files.values())
    size["total"] = sum(size.values())
    return files, size


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--depth", type=int, default=2)
    args = p.parse_args()
    bf, bs = folder_sizes(args.before, args.depth)
    af, as_ = folder_sizes(args.after, args.depth)
    print("| folder | before: files, MB | after: files, MB |")
    print("|---|---|---|")
    for key in sorted(set(bf) | set(af), key=lambda k: (k == "total", k)):
        print(f"| {key} | {bf[key]:,}, {bs[key] / 1e6:.1f} | {af[key]:,}, {as_[key] / 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
