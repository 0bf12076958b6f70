"""Keep Python's cyclic garbage collector from freezing the window during long jobs.

A full (generation 2) collection walks every container object alive and holds the GIL while
it does, whichever thread triggers it. Loading a million customers makes about three million
lists and tuples; CPython then runs a full collection each time the heap grows by a quarter,
and the last of them held the GIL for about a second each: the GUI thread could not run.

So while jobs run, only the young generations are collected (they still free short-lived
cycles; a job's own data holds none: measured on the import, table, clean and dedup paths, a
full collection afterwards found nothing to free). When the last running job ends, whatever
survived is moved to the permanent generation (gc.freeze) so later full collections skip it;
objects there are still freed by reference counting as usual. A cycle that was frozen while
garbage stays until `collect_all()`, which the runner calls when a workspace is opened.
"""

from __future__ import annotations

import gc
import threading

NEVER = 10**9  # generation-2 threshold meaning "not automatically"


class QuietCollector:
    """Context manager around each job; nests across threads (counted)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._thresholds: tuple[int, int, int] | None = None

    def __enter__(self) -> QuietCollector:
        with self._lock:
            if self._running == 0:
                self._thresholds = gc.get_threshold()
                first, second, _third = self._thresholds
                gc.set_threshold(first, second, NEVER)
            self._running += 1
        return self

    def __exit__(self, *_exc) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                gc.collect(1)  # young cycles the job left (cheap: the young generations only)
                gc.freeze()
                if self._thresholds is not None:
                    gc.set_threshold(*self._thresholds)

    @property
    def running(self) -> int:
        return self._running


def collect_all() -> int:
    """Unfreeze and collect everything (a pause in proportion to the heap: call it where
    the user expects to wait, e.g. opening a workspace). Returns what was freed."""
    gc.unfreeze()
    return gc.collect()


quiet = QuietCollector()
