"""Progress reporting and cooperative cancellation for long core functions.

Core functions take `progress(fraction, message)` and `cancel` (a CancelToken or any callable
returning True when the user asked to stop) and raise Cancelled. The GUI adapts these to Qt
signals, the CLI to a terminal bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressFn = Callable[[float, str], None]


class Cancelled(Exception):
    """The user cancelled; whatever was under way must leave no trace."""


def no_progress(fraction: float, message: str = "") -> None:
    return None


class CancelToken:
    """Thread-safe flag set by the GUI thread and polled by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def check_cancel(cancel: Callable[[], bool] | None) -> None:
    """Raise Cancelled if `cancel` says so; accepts None for callers that cannot cancel."""
    if cancel is not None and cancel():
        raise Cancelled()


def sub_progress(progress: ProgressFn | None, start: float, end: float) -> ProgressFn:
    """Map a step's own 0..1 onto [start, end] of the caller's progress."""
    if progress is None:
        return no_progress
    span = end - start

    def report(fraction: float, message: str = "") -> None:
        progress(start + span * min(max(fraction, 0.0), 1.0), message)

    return report
