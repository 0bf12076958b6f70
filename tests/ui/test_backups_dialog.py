"""File > Safety copies: list the workspace's copies, make one, put one back."""

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
    QApplication.setApplicationName("backup-tests")
    translations = Translations(QApplication.instance())
    translations.apply("en")
    runner = TaskRunner()
    win = MainWindow(runner, translations)
    qtbot.addWidget(win)
    win.show()
    task = runner.open_workspace(tmp_path / "b.sdstudio")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    yield win
    translations.apply("en")
    runner.shutdown()


def import_csv(qtbot, win, path, rows):
    path.write_text("姓名,手机\n" + "".join(f"客户{i},1380013{i:04d}\n" for i in range(rows)),
                    encoding="utf-8")
    task = win.runner.submit(usecases.import_files, [path])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert task.error is None, task.error
    win.customers_changed()


def count(win):
    return win.runner.workspace_info.customer_count


def test_a_copy_made_by_hand_is_listed_and_putting_it_back_returns_to_that_moment(
        qtbot, window, tmp_path):
    assert window.act_backups in window.file_menu.actions()
    import_csv(qtbot, window, tmp_path / "first.csv", 3)
    qtbot.waitUntil(lambda: count(window) == 3, timeout=5000)
    dialog = window.show_backups()
    qtbot.waitUntil(lambda: "No safety copies yet" in dialog.status.text(), timeout=5000)
    assert not dialog.restore_button.isEnabled()

    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert dialog.table.item(0, 1).text() == "made by hand"
    assert "Safety copy saved" in dialog.status.text()
    copy = dialog.selected()
    assert copy is not None and dialog.restore_button.isEnabled()

    import_csv(qtbot, window, tmp_path / "second.csv", 5)
    qtbot.waitUntil(lambda: count(window) == 8, timeout=5000)
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore(copy)
    qtbot.waitUntil(lambda: count(window) == 3, timeout=10000)  # the second import is gone
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    assert dialog.table.item(0, 1).text() == "before putting a copy back"
    assert "is back as it was" in dialog.status.text()
    # The state just before the restore was kept: putting it back brings the 8 customers back.
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore(dialog.copies[0])
    qtbot.waitUntil(lambda: count(window) == 8, timeout=10000)
    dialog.close()
