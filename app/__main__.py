"""`python -m app` opens the desktop app; `python -m app SUBCOMMAND …` runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        import multiprocessing

        # A job's child process (app/workers/child.py) is this executable started again:
        # this runs the child's job and exits instead of opening a second window.
        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    first = argv[0] if argv else ""
    if first == "--smoke":  # headless pipeline on the bundled sample (app/smoke.py)
        from app.smoke import main as smoke_main

        return smoke_main()
    if first and not first.startswith("-") or first in ("-h", "--help", "--version"):
        from app.cli import main as cli_main

        return cli_main(argv)
    from app.main import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
