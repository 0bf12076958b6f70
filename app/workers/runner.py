"""The one task runner: long work off the GUI thread, results back on it.

Jobs that touch the workspace run one at a time on ONE dedicated thread, which owns the
Workspace and its sqlite connection (sqlite objects must stay on the thread that made them,
and one writer at a time keeps every operation a clean transaction). Jobs that do not touch
the workspace (previewing a file) run on a small thread pool so they never wait behind a
long import.

Every signal a page connects to belongs to a `Task`, created on the GUI thread; worker threads
never own signal objects. They hand their news to the runner's relay, whose queued slot runs on
the GUI thread and re-emits it there.

    task = runner.submit(usecases.import_files, paths, progress=True)
    task.progressed.connect(dialog.set_progress)   # (fraction, message), at most ~10/s
    task.succeeded.connect(self.show_summary)      # the job's return value
    task.failed.connect(self.show_error)           # TaskError (expected or crash)
    task.cancelled.connect(...)                    # Cancel pressed and the job stopped
    task.finished.connect(...)                     # always, after one of the three above
    task.cancel()                                  # cooperative: the job raises Cancelled
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

from app.core.errors import StudioError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import Cancelled, CancelToken
from app.workers.collector import collect_all, quiet

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds between progress reports: at most ~10 updates per second
NO_WORKSPACE = QT_TRANSLATE_NOOP("errors", "No workspace is open. Open or create one first.")


@dataclass
class TaskError:
    """Why a job failed. `expected` problems are shown inline; the rest go to a crash dialog."""

    error: BaseException
    expected: bool
    details: str  # formatted traceback ("" for expected problems)

    @property
    def template(self) -> str:
        return getattr(self.error, "template", str(self.error))

    @property
    def params(self) -> dict:
        return dict(getattr(self.error, "params", {}) or {})


@dataclass
class WorkspaceInfo:
    path: Path
    name: str
    customer_count: int
    quality: float | None = None  # the last quality score (Check), None before any check
    quality_stale: bool = False  # customers changed since that score was measured


class Task(QObject):
    """One submitted job, as the GUI sees it. Lives on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task_id: int, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.id = task_id
        self.label = label
        self.token = CancelToken()
        self.done = False
        self.result = None
        self.error: TaskError | None = None
        self.was_cancelled = False

    def cancel(self) -> None:
        self.token.cancel()


class _Relay(QObject):
    """GUI-thread object that turns worker news into Task signals on the GUI thread."""

    news = Signal(int, str, object)

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__(runner)
        self._runner = runner
        # Queued explicitly: emitted from worker threads, always delivered on our thread.
        self.news.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, str, object)
    def _deliver(self, task_id: int, kind: str, payload: object) -> None:
        self._runner._deliver(task_id, kind, payload)


class _Job:
    def __init__(self, task_id, fn, args, kwargs, needs_workspace, with_progress, token):
        self.task_id = task_id
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.needs_workspace = needs_workspace
        self.with_progress = with_progress
        self.token = token


def _throttled(report: Callable[[float, str], None]) -> Callable[[float, str], None]:
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            report(float(fraction), str(message or ""))

    return progress


def _execute(job: _Job, relay: _Relay, db_thread) -> None:
    """Run one job and post exactly one outcome (ok / error / cancelled) to the relay."""
    kwargs = dict(job.kwargs)
    if job.with_progress:
        kwargs["progress"] = _throttled(
            lambda f, m: relay.news.emit(job.task_id, "progress", (f, m))
        )
        kwargs["cancel"] = job.token
    args = ((db_thread,) if job.needs_workspace else ()) + tuple(job.args)
    try:
        if job.token.cancelled:
            raise Cancelled()
        with quiet:  # no full GC pass holding the GIL mid-job (app/workers/collector.py)
            result = job.fn(*args, **kwargs)
    except Cancelled:
        relay.news.emit(job.task_id, "cancelled", None)
    except StudioError as exc:
        relay.news.emit(job.task_id, "error", TaskError(exc, True, ""))
    except BaseException as exc:  # noqa: BLE001 - reported to the user, never lost
        details = traceback.format_exc()
        log.error("Task %s failed:\n%s", getattr(job.fn, "__name__", job.fn), details)
        relay.news.emit(job.task_id, "error", TaskError(exc, False, details))
    else:
        relay.news.emit(job.task_id, "ok", result)


class _DbThread(QThread):
    """Owns the Workspace; runs workspace jobs strictly one after another."""

    def __init__(self, relay: _Relay) -> None:
        super().__init__()
        self.setObjectName("workspace-db")
        self._relay = relay
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self.workspace = None  # only touched on this thread

    def put(self, job: _Job | None) -> None:
        self._queue.put(job)

    def run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                break
            _execute(job, self._relay, self)
        self._close_workspace()

    # These two run on the db thread as jobs (see TaskRunner.open_workspace).
    def _open_workspace(self, _db_thread, path, create: bool = True) -> WorkspaceInfo:
        from app.storage.workspace import Workspace
        from app.workers import usecases

        self._close_workspace()
        collect_all()  # cycles frozen by earlier jobs (collector.py); the user waits anyway
        ws = Workspace.open(path, create=create)
        self.workspace = ws
        return WorkspaceInfo(ws.path, ws.path.stem, *usecases.workspace_status(ws))

    def _close_workspace(self, *_ignored) -> None:
        if self.workspace is not None:
            try:
                self.workspace.close()
            finally:
                self.workspace = None


class _PoolJob(QRunnable):
    def __init__(self, job: _Job, relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._relay = relay

    def run(self) -> None:
        _execute(self._job, self._relay, None)


class TaskRunner(QObject):
    """Create once on the GUI thread (main.py) and pass to the pages that need it."""

    task_started = Signal(object)  # Task
    task_finished = Signal(object)  # Task
    workspace_changed = Signal(object)  # WorkspaceInfo or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._db = _DbThread(self._relay)
        self._db.start()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._lock = threading.Lock()
        self.workspace_info: WorkspaceInfo | None = None
        self._stopped = False

    # ---- submitting -------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable,
        *args,
        workspace: bool = True,
        progress: bool = False,
        label: str = "",
        **kwargs,
    ) -> Task:
        """Run `fn` off the GUI thread and return its Task (connect to its signals at once;
        nothing is delivered before control returns to the event loop).

        workspace=True: called as fn(ws, *args, **kwargs) on the workspace thread, after every
        workspace job submitted before it. workspace=False: fn(*args, **kwargs) on a pool.
        progress=True: also passes progress=(fraction, message) and cancel=CancelToken.
        """
        if self._stopped:
            raise RuntimeError("the task runner has been shut down")
        task = Task(next(self._ids), label or getattr(fn, "__name__", "task"), self)
        self._tasks[task.id] = task
        if workspace:
            inner = fn

            def fn(db_thread, *a, **kw):  # noqa: F811 - wraps inner with the open workspace
                if db_thread.workspace is None:
                    raise StudioError(NO_WORKSPACE)
                return inner(db_thread.workspace, *a, **kw)

        job = _Job(task.id, fn, args, kwargs, workspace, progress, task.token)
        if workspace:
            self._db.put(job)
        else:
            self._pool.start(_PoolJob(job, self._relay))
        self.task_started.emit(task)
        return task

    def open_workspace(self, path: str | Path, *, create: bool = True) -> Task:
        """Open (creating if needed) the workspace on the workspace thread, closing the
        previous one. Result: WorkspaceInfo; workspace_changed is emitted on success."""
        task = Task(next(self._ids), "open workspace", self)
        self._tasks[task.id] = task
        job = _Job(task.id, self._db._open_workspace, (path,), {"create": create}, True, False,
                   task.token)
        self._db.put(job)
        task.succeeded.connect(self._on_workspace_opened)
        self.task_started.emit(task)
        return task

    def refresh_count(self) -> Task:
        """Re-read the customer count and quality score (after an import, a check, undo ...);
        updates workspace_info."""
        from app.workers import usecases

        task = self.submit(usecases.workspace_status, label="count")
        task.succeeded.connect(self._on_count)
        return task

    @property
    def stopped(self) -> bool:
        """True once shutdown() ran: late signals (language change while closing) skip work."""
        return self._stopped

    @property
    def busy(self) -> bool:
        return any(not t.done for t in self._tasks.values())

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until every queued job ran (for shutdown and tests); pumps no events."""
        done = threading.Event()
        self._db.put(_Job(0, lambda *_: done.set(), (), {}, True, False, CancelToken()))
        ok = done.wait(timeout_ms / 1000)
        return ok and self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Cancel what is running, close the workspace on its own thread, stop the thread."""
        if self._stopped:
            return
        self._stopped = True
        for task in self._tasks.values():
            task.cancel()
        self._db.put(None)
        self._db.wait(timeout_ms)
        self._pool.waitForDone(timeout_ms)

    # ---- delivery (GUI thread) --------------------------------------------------------------
    def _deliver(self, task_id: int, kind: str, payload: object) -> None:
        if task_id == 0:
            return
        task = self._tasks.get(task_id)
        if task is None:
            return
        if kind == "progress":
            fraction, message = payload
            task.progressed.emit(fraction, message)
            return
        task.done = True
        del self._tasks[task_id]
        if kind == "ok":
            task.result = payload
            task.succeeded.emit(payload)
        elif kind == "cancelled":
            task.was_cancelled = True
            task.cancelled.emit()
        else:
            task.error = payload
            task.failed.emit(payload)
        task.finished.emit()
        self.task_finished.emit(task)
        task.deleteLater()

    def _on_workspace_opened(self, info: WorkspaceInfo) -> None:
        self.workspace_info = info
        self.workspace_changed.emit(info)

    def _on_count(self, status: tuple) -> None:
        if self.workspace_info is not None:
            count, quality, stale = status
            self.workspace_info = WorkspaceInfo(
                self.workspace_info.path, self.workspace_info.name, int(count), quality, stale
            )
            self.workspace_changed.emit(self.workspace_info)

