"""What every subcommand shares: --workspace/--json, a terminal progress bar, output."""

from __future__ import annotations

import json
import sys
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

from app.core.progress import CancelToken


class CliError(Exception):
    """A plain-language problem with the command line itself."""


def add_common(parser) -> None:
    parser.add_argument(
        "--workspace", "-w", required=True, metavar="PATH",
        help="workspace file (SQLite); created if missing",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")


@contextmanager
def open_workspace(path: str):
    from app.storage.workspace import Workspace  # heavy-ish; only when a command runs

    ws = Workspace.open(Path(path))
    try:
        yield ws
    finally:
        ws.close()


def fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def emit_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def log_unexpected(exc: BaseException) -> str:
    try:
        from app.paths import log_dir

        path = log_dir() / "cli-errors.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(time.strftime("%Y-%m-%d %H:%M:%S ") + "".join(
                traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return "no log file could be written"


class ProgressBar:
    """A one-line bar on stderr, only when stderr is a terminal (quiet in scripts and CI)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.cancel = CancelToken()
        self._last = 0.0
        self._start = time.monotonic()

    def __call__(self, fraction: float, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        width = 30
        filled = int(width * max(0.0, min(fraction, 1.0)))
        elapsed = now - self._start
        eta = f" ~{elapsed / fraction - elapsed:.0f}s left" if 0.02 < fraction < 1 else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%} "
                         f"{message[:40]:<40}{eta}   ")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
