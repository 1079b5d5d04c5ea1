"""Screenshots of every page kind, desktop and 390 px phone, for a person to look at.

    python build_tools/screenshots.py SITE_DIR OUT_DIR [path ...]

Serves SITE_DIR on 127.0.0.1 and drives Debian's chromium through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_PATHS = ["", "thong-bao/", "nhiem-vu/", "don-vi/", "lich/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str]) -> int:
    site_dir, out_dir = Path(argv[0]), Path(argv[1])
    paths = argv[2:] or DEFAULT_PATHS
    out_dir.mkdir(parents=True, exist_ok=True)
    server, base = serve(site_dir)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, viewport in (
                ("desktop", {"width": 1280, "height": 900}),
                ("phone", {"width": 390, "height": 844}),
            ):
                page = browser.new_page(viewport=viewport)
                for path in paths:
                    page.goto(base + path)
                    slug = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=str(out_dir / f"{slug}-{name}.png"), full_page=True)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
