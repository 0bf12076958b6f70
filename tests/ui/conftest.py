"""GUI tests load the Chinese catalogue; build it once so a fresh clone tests the real .qm."""

import pytest

from app.ui.i18n import ensure_translations_built


@pytest.fixture(scope="session", autouse=True)
def translations_built():
    assert ensure_translations_built(), "the zh_CN .qm could not be built (pyside6-lrelease?)"


@pytest.fixture
def open_studio(qtbot, tmp_path, monkeypatch):
    """open_studio(path): a real main window in English on the workspace at `path` (created if
    missing); settings kept in tmp_path; runners shut down after the test."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui.i18n import Translations
    from app.ui.main_window import MainWindow
    from app.workers.runner import TaskRunner

    monkeypatch.setenv("SMALLDATA_HOME", str(tmp_path / "home"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QApplication.setOrganizationName("SmallDataTests")
    QApplication.setApplicationName("studio-tests")
    opened = []

    def open_(path):
        translations = Translations(QApplication.instance())
        translations.apply("en")
        runner = TaskRunner()
        win = MainWindow(runner, translations)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        opened.append((translations, runner))
        task = runner.open_workspace(path)
        with qtbot.waitSignal(task.finished, timeout=10000):
            pass
        return win

    yield open_
    for translations, runner in opened:
        translations.apply("en")
        runner.shutdown()


@pytest.fixture
def studio(open_studio, tmp_path):
    """A real main window in English on a new, empty workspace."""
    return open_studio(tmp_path / "studio.sdstudio")


def import_rows(qtbot, win, path, text):
    """Write `text` as a UTF-8 CSV at `path`, import it through the runner, tell the pages."""
    from app.workers import usecases

    path.write_text(text, encoding="utf-8")
    task = win.runner.submit(usecases.import_files, [path])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert task.error is None, task.error
    win.customers_changed()
