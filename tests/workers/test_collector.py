"""Long jobs never trigger a full garbage-collection pass (it holds the GIL, so the window
froze for about a second at a time while a million customers loaded)."""

import gc

import pytest

from app.workers.collector import NEVER, collect_all
from app.workers.runner import TaskRunner


@pytest.fixture
def runner(qtbot, tmp_path):
    r = TaskRunner()
    task = r.open_workspace(tmp_path / "ws.sdstudio")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    yield r
    r.shutdown()
    collect_all()


def test_jobs_run_without_full_collections_and_leave_their_data_frozen(qtbot, runner):
    before = gc.get_threshold()

    def job(ws):
        seen = gc.get_threshold()
        # What a big load leaves behind: many small containers that outlive the job.
        return seen, [[k] for k in range(50_000)]

    task = runner.submit(job)
    with qtbot.waitSignal(task.succeeded, timeout=10000) as blocker:
        pass
    during, rows = blocker.args[0]
    assert during[2] == NEVER  # no automatic generation-2 pass while a job runs
    assert gc.get_threshold() == before  # and the usual thresholds afterwards
    # The job's lists are out of reach of later full passes (they stay usable and are freed
    # by reference counting as usual).
    assert gc.get_freeze_count() >= len(rows)
    assert rows[49_999] == [49_999]


def test_a_failing_job_also_restores_the_collector(qtbot, runner):
    before = gc.get_threshold()

    def job(ws):
        raise ValueError("boom")

    task = runner.submit(job)
    with qtbot.waitSignal(task.failed, timeout=10000):
        pass
    assert gc.get_threshold() == before
