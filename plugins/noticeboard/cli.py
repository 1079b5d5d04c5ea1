"""Command line: ``noticeboard validate``, ``noticeboard codeowners``, ``noticeboard import``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noticeboard",
        description="Công cụ cho cổng thông báo và theo dõi nhiệm vụ (noticeboard).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    from .commands import validate  # local imports keep `noticeboard --help` fast

    validate.add_arguments(
        sub.add_parser("validate", help="Kiểm tra nội dung (không dựng trang); mã thoát khác 0 khi có lỗi.")
    )
    from .commands import codeowners

    codeowners.add_arguments(
        sub.add_parser("codeowners", help="Viết tệp CODEOWNERS từ git_team trong units.yml.")
    )
    try:
        from .importer import cli as importer_cli
    except ImportError:  # importer not installed in this build
        return parser
    if hasattr(importer_cli, "add_arguments"):
        importer_cli.add_arguments(
            sub.add_parser(
                "import", help="Chuyển văn bản (.txt, .md, .docx, .doc, .pdf) thành bản nháp thông báo."
            )
        )
    return parser


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run one command. ``exiting``: the process ends with it (the ``noticeboard`` program), so
    what the command built is left to the operating system instead of being freed object by object."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.exiting = exiting
    return int(args.run(args) or 0)


def run() -> None:
    """The ``noticeboard`` program (console script, ``python -m noticeboard.cli``)."""
    # What the build logs through MkDocs (a record cache ignored, and why) reaches the terminal too.
    logger = logging.getLogger("mkdocs.plugins.noticeboard")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    sys.exit(main(exiting=True))


if __name__ == "__main__":  # pragma: no cover
    run()
