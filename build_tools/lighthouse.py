"""Lighthouse scores of a built site's reader pages (BENCHMARKS.md, "## Readers: Lighthouse").

    python build_tools/lighthouse.py SITE --lighthouse PATH/TO/lighthouse [--path P ...] [--json OUT.json]

SITE is a built site (``mkdocs build``). It is served by nginx with gzip on, as a portal would be,
on 127.0.0.1; each page is run through Lighthouse (npm ``lighthouse``, mobile preset: a 412 px
phone, simulated slow 4G and a 4x slower CPU) in Debian's chromium (``CHROME_PATH=/usr/bin/chromium``;
no browser is downloaded). Prints a markdown table: Performance, Accessibility, Best Practices, SEO,
and the page's LCP, TBT, CLS and bytes transferred.
"""

from __future__ import annotations

import argparse
import getpass
import grp
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PATHS = [
    "",
    "thong-bao/2026-04-10-ket-luan-bat-trang-vhxh/",
    "nhiem-vu/",
    "don-vi/",
    "don-vi/van-hoa-xa-hoi-bat-trang/",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIME = {
    "text/html": "html",
    "text/css": "css",
    "text/javascript": "js mjs",
    "application/json": "json",
    "image/svg+xml": "svg",
    "image/png": "png",
    "application/wasm": "wasm",
    "text/plain": "txt",
    "application/xml": "xml",
    "text/calendar": "ics",
    "text/csv": "csv",
}


def nginx_conf(tmp: Path, root: Path, port: int) -> str:
    # As root, nginx would hand its workers to "nobody", who may not read the site's folder.
    user = f"user {getpass.getuser()} {grp.getgrgid(os.getegid()).gr_name};" if os.geteuid() == 0 else ""
    types = "\n".join(f"    {mime} {exts};" for mime, exts in MIME.items())
    temp = "\n".join(
        f"  {n}_temp_path {tmp / n};" for n in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  types {{
{types}
  }}
  default_type application/octet-stream;
  charset utf-8;
  access_log off;
  gzip on;
  gzip_types text/css text/javascript application/json image/svg+xml application/xml;
{temp}
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(
    site: Path, lighthouse: str, paths: list[str], reports: Path | None = None
) -> list[dict[str, object]]:
    tmp = Path(tempfile.mkdtemp(prefix="nb-lh-"))
    port = free_port()
    (tmp / "nginx.conf").write_text(nginx_conf(tmp, site.resolve(), port), encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    rows = []
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        for path in paths:
            out = tmp / "report.json"
            subprocess.run(
                [
                    lighthouse,
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                ],
                env=env,
                check=True,
                timeout=300,
            )
            report = json.loads(out.read_text(encoding="utf-8"))
            if reports:  # the whole report, to read where the main thread's time went
                reports.mkdir(parents=True, exist_ok=True)
                shutil.copy(out, reports / ((path.strip("/").replace("/", "_") or "home") + ".json"))
            audits = report["audits"]
            rows.append(
                {
                    "path": "/" + path.lstrip("/"),
                    **{c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
                    "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
                    "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
                    "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
                    "kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
                    "main_thread": {
                        i["group"]: round(i["duration"])
                        for i in audits["mainthread-work-breakdown"]["details"]["items"]
                    },
                    "failed": [
                        a["id"]
                        for a in audits.values()
                        if a.get("score") is not None
                        and a["score"] < 0.9
                        and a.get("scoreDisplayMode") == "binary"
                    ],
                }
            )
    finally:
        proc.terminate()
        proc.wait()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--path", action="append", dest="paths")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reports", type=Path, help="keep each page's whole Lighthouse report here")
    args = parser.parse_args()
    rows = run(args.site, args.lighthouse, args.paths or PATHS, args.reports)
    print("| page | Performance | Accessibility | Best Practices | SEO | LCP (s) | TBT (ms) | CLS | KB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| `{r['path']}` | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} "
            f"| {r['lcp_s']} | {r['tbt_ms']} | {r['cls']} | {r['kb']} |"
        )
        if r["failed"]:
            print(f"<!-- {r['path']}: {', '.join(r['failed'])} -->", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
