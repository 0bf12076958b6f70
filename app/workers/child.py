"""Run one job in a child process, with progress, Cancel and its outcome brought back.

Why: python-calamine parses a whole sheet into memory, and letting that parsed sheet go frees
every cell in one C call with the GIL held (95-130 ms at a million rows). In the window's own
process that froze the window at the end of each big import, and while it ran the window's
process also carried the parsed sheet (about 1 GB at a million rows). A child process has its
own GIL and its own memory: the window stays free and gets the memory back when the child ends.

The child is started with "spawn" (the only start method on Windows and macOS, and safe beside
Qt's threads on Linux), imports only what the job needs, and sends back ("progress", fraction,
message), then ("ok", result) or ("error", exception) or ("cancelled",). A StudioError
travels with its template and params, so the window still shows it in the user's language.
An unexpected error comes back as ChildFailed with the child's traceback as details.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from app.core.progress import Cancelled, ProgressFn, no_progress

POLL_S = 0.05  # how often the parent looks at Cancel while it waits for news
PROGRESS_EVERY_S = 0.1  # the child sends at most this often (a queue message each)


class ChildFailed(RuntimeError):
    """The child raised something unexpected, or died (details: its traceback or exit code)."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def run_in_child(fn: Callable, *args, workspace: Path | None = None,
                 progress: ProgressFn | None = None, cancel: Callable[[], bool] | None = None,
                 **kwargs):
    """fn(*args, progress=..., cancel=..., **kwargs) in a child process; with `workspace`,
    fn(ws, ...) on that workspace opened in the child without its session lock (the caller's
    process holds it and waits here, so the child is the only writer meanwhile).

    `fn` must be a module-level function (the child imports it by name). Returns fn's result;
    raises what fn raised (StudioError, Cancelled) or ChildFailed."""
    progress = progress or no_progress
    context = multiprocessing.get_context("spawn")
    news = context.Queue()
    stop = context.Event()
    child = context.Process(target=_child_main, name="smalldata-job", daemon=True,
                            args=(fn, args, kwargs, workspace, news, stop))
    child.start()
    try:
        while True:
            if cancel is not None and cancel():
                stop.set()  # the child's cancel() now says yes: it rolls back and reports
            try:
                message = news.get(timeout=POLL_S)
            except queue.Empty:
                if not child.is_alive():
                    try:  # its last words may have arrived just as it ended
                        message = news.get(timeout=POLL_S)
                    except queue.Empty:
                        raise ChildFailed("the job's process stopped unexpectedly",
                                          f"exit code {child.exitcode}") from None
                else:
                    continue
            kind = message[0]
            if kind == "progress":
                progress(message[1], message[2])
            elif kind == "ok":
                return message[1]
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "error":
                raise message[1]
            else:  # "failed"
                raise ChildFailed(message[1], message[2])
    finally:
        stop.set()
        child.join(timeout=30)
        if child.is_alive():  # never leave a process behind (it was told to stop)
            child.terminate()
            child.join(timeout=5)
        news.close()


def _child_main(fn, args, kwargs, workspace, news, stop) -> None:
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - last[0] >= PROGRESS_EVERY_S:
            last[0] = now
            news.put(("progress", float(fraction), str(message or "")))

    def cancel() -> bool:
        return stop.is_set()

    from app.core.errors import StudioError

    ws = None
    try:
        if workspace is not None:
            from app.storage.workspace import Workspace

            ws = Workspace.open(workspace, create=False, lock=False)
            args = (ws, *args)
        result = fn(*args, progress=progress, cancel=cancel, **kwargs)
        news.put(("ok", result))
    except Cancelled:
        news.put(("cancelled",))
    except StudioError as exc:
        news.put(("error", exc))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, never lost
        news.put(("failed", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        if ws is not None:
            ws.close()
        news.close()
        news.join_thread()  # everything sent has reached the pipe before the process ends
