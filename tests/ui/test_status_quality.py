"""The customer count and quality score stay visible on every page, and say when the score is
out of date."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.workers import usecases
from app.workers.runner import TaskRunner


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SMALLDATA_HOME", str(tmp_path / "home"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QApplication.setOrganizationName("SmallDataTests")
    QApplication.setApplicationName("status-tests")
    translations = Translations(QApplication.instance())
    translations.apply("en")
    runner = TaskRunner()
    win = MainWindow(runner, translations)
    qtbot.addWidget(win)
    win.show()
    task = runner.open_workspace(tmp_path / "q.sdstudio")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    yield win
    translations.apply("en")
    runner.shutdown()


def import_csv(qtbot, win, path, rows):
    path.write_text("姓名,手机,邮箱\n" + "".join(
        f"客户{i},1380013{i:04d},{'test@test.com' if i % 2 else f'c{i}@163.com'}\n"
        for i in range(rows)), encoding="utf-8")
    task = win.runner.submit(usecases.import_files, [path])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert task.error is None, task.error
    win.customers_changed()


def test_quality_score_is_shown_after_a_check_and_marked_old_after_changes(
        qtbot, window, tmp_path):
    assert window.status_quality.text() == "Quality: not checked yet"
    import_csv(qtbot, window, tmp_path / "a.csv", 6)
    qtbot.waitUntil(lambda: window.status_count.text() == "6 customers", timeout=5000)
    window.show_page("check")
    page = window.page("check")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.status_quality.text().startswith("Quality "), timeout=20000)
    qtbot.waitUntil(lambda: window.runner.workspace_info.quality is not None, timeout=20000)
    score = window.runner.workspace_info.quality
    assert window.status_quality.text() == f"Quality {score:.0f}"
    assert 0 < score < 100  # half the e-mails are fake
    assert f"Quality {score:.0f}" in window.workspace_label.text()  # also in the side panel

    window.show_page("export")  # (a Check page on screen would check again by itself)
    import_csv(qtbot, window, tmp_path / "b.csv", 3)
    qtbot.waitUntil(lambda: "before the latest changes" in window.status_quality.text(),
                    timeout=5000)
    assert "Check again" in window.status_quality.toolTip()
