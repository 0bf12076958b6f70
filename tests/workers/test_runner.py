"""The task runner: results on the GUI thread, prompt cancel, errors, one DB job at a time."""

import threading
import time

import pytest
from PySide6.QtCore import QThread

from app.core.errors import ImportProblem
from app.core.progress import check_cancel
from app.workers import usecases
from app.workers.runner import TaskRunner


@pytest.fixture
def runner(qtbot, tmp_path):
    r = TaskRunner()
    task = r.open_workspace(tmp_path / "ws.sdstudio")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    yield r
    r.shutdown()


def test_result_is_delivered_on_the_gui_thread(qtbot, runner):
    seen = {}

    def job(ws):
        seen["worker"] = threading.get_ident()
        return ws.path.name

    task = runner.submit(job)
    task.succeeded.connect(lambda _r: seen.setdefault("slot", QThread.currentThread()))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == ["ws.sdstudio"]
    assert seen["worker"] != threading.get_ident()
    assert seen["slot"] is qtbot_main_thread()


def qtbot_main_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_open_workspace_reports_name_and_count(qtbot, runner):
    assert runner.workspace_info.name == "ws"
    assert runner.workspace_info.customer_count == 0
    task = runner.submit(usecases.customer_count)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [0]


def test_cancel_stops_a_long_job_promptly(qtbot, runner):
    def long_job(ws, progress, cancel):
        for i in range(10_000):
            check_cancel(cancel)
            progress(i / 10_000, f"step {i}")
            time.sleep(0.01)
        return "finished"

    task = runner.submit(long_job, progress=True)
    updates = []
    task.progressed.connect(lambda f, m: updates.append(f))
    with qtbot.waitSignal(task.progressed, timeout=5000):
        pass
    qtbot.wait(600)
    started = time.monotonic()
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=2000):
        pass
    assert time.monotonic() - started < 0.5
    assert task.result is None and task.error is None
    # ~0.6 s of work reported 60 steps; throttling lets through about 10 per second.
    assert 2 <= len(updates) <= 12


def test_errors_arrive_expected_or_with_traceback(qtbot, runner):
    def bad_file(ws):
        raise ImportProblem(file="a.xlsx")

    def bug(ws):
        return 1 / 0

    expected = runner.submit(bad_file)
    with qtbot.waitSignal(expected.failed, timeout=5000) as blocker:
        pass
    error = blocker.args[0]
    assert error.expected and error.params == {"file": "a.xlsx"}
    assert "{file}" in error.template

    crash = runner.submit(bug)
    with qtbot.waitSignal(crash.failed, timeout=5000) as blocker:
        pass
    error = blocker.args[0]
    assert not error.expected
    assert "ZeroDivisionError" in error.details and "def bug" not in error.template


def test_workspace_jobs_run_one_at_a_time_in_order(qtbot, runner):
    active = []
    overlap = []
    order = []
    threads = set()

    def job(ws, n):
        active.append(n)
        if len(active) > 1:
            overlap.append(n)
        threads.add(threading.get_ident())
        time.sleep(0.02)
        order.append(n)
        active.remove(n)
        return n

    tasks = [runner.submit(job, n) for n in range(8)]
    with qtbot.waitSignals([t.finished for t in tasks], timeout=5000):
        pass
    assert order == list(range(8))
    assert not overlap
    assert len(threads) == 1


def test_jobs_without_workspace_run_beside_a_long_db_job(qtbot, runner):
    gate = threading.Event()
    db_task = runner.submit(lambda ws: gate.wait(5))
    side = runner.submit(lambda x: x * 2, 21, workspace=False)
    with qtbot.waitSignal(side.succeeded, timeout=3000) as blocker:
        pass
    assert blocker.args == [42]
    gate.set()
    with qtbot.waitSignal(db_task.finished, timeout=5000):
        pass


def test_no_workspace_is_an_expected_error(qtbot):
    r = TaskRunner()
    try:
        task = r.submit(usecases.customer_count)
        with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
            pass
        assert blocker.args[0].expected
    finally:
        r.shutdown()
