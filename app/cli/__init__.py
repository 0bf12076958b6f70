"""The command-line interface: the same use cases the GUI runs, for scripts and power users.

A package rather than the single cli.py of ARCHITECTURE.md: each workflow step registers its
subcommands from its own small module (COMMANDS below), so steps can grow independently.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from app import __version__
from app.cli.common import CliError, fail
from app.core.errors import StudioError
from app.core.progress import Cancelled

# Modules that each define register(subparsers). Adding a step = adding a line here.
COMMANDS = (
    "app.cli.import_cmd",
    "app.cli.export_cmd",
    "app.cli.suppress_cmd",
    "app.cli.history_cmd",
    "app.cli.dedupe_cmd",
    "app.cli.orders_cmd",
    "app.cli.segment_cmd",
    "app.cli.profile_cmd",
    "app.cli.clean_cmd",
    "app.cli.backup_cmd",
)

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description="SmallData Studio (小数据工作室): clean, deduplicate, segment and export "
        "customer lists. Without a subcommand the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for module in COMMANDS:
        importlib.import_module(module).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except Cancelled:
        return fail("Cancelled; nothing was changed.", code=130)
    except (StudioError, CliError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("Interrupted; nothing was changed.", code=130)
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error. Point stdout at devnull so the
        # interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the contract: one plain line, never a traceback
        from app.cli.common import log_unexpected

        where = log_unexpected(exc)
        return fail(f"Unexpected error: {exc.__class__.__name__}: {exc} (details: {where})")


if __name__ == "__main__":
    sys.exit(main())
