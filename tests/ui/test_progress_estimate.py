"""Long work shows its progress with an estimate of the time left, and Cancel stops it."""

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.ui.widgets import TaskProgress, time_left_text
from app.workers.runner import TaskRunner


def test_time_left_comes_from_the_pace_so_far_and_only_once_there_is_enough():
    assert time_left_text(1.0, 0.5) == ""  # too early to say
    assert time_left_text(10.0, 0.01) == ""  # mostly set-up so far
    assert time_left_text(10.0, 0.5) == "About 10 s left"
    assert time_left_text(60.0, 0.25) == "About 3 min left"
    assert time_left_text(10.0, 0.99) == "Almost done"


def slow_job(progress=None, cancel=None):
    for step in range(300):
        if cancel():
            from app.core.progress import Cancelled

            raise Cancelled
        progress(step / 300, f"{step} of 300 rows")
        time.sleep(0.05)
    return "finished"


def test_the_dialog_shows_the_estimate_and_cancel_stops_the_job(qtbot):
    runner = TaskRunner()
    try:
        task = runner.submit(slow_job, workspace=False, progress=True, label="slow")
        dialog = TaskProgress(task, "Working…")
        qtbot.waitUntil(lambda: "left" in dialog.labelText(), timeout=6000)
        assert "of 300 rows" in dialog.labelText()
        button = dialog.findChild(QPushButton)
        assert dialog.isVisible() and button.text() == "Cancel"
        with qtbot.waitSignal(task.cancelled, timeout=5000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert task.done
    finally:
        runner.shutdown()
