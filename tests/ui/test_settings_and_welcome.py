"""Settings dialog (remembered, applied) and the first-run welcome, driven like a user."""

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui import welcome
from app.ui.settings_dialog import AppSettings, SettingsDialog, current_settings


@pytest.fixture
def settings_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SMALLDATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SMALLDATA_LANG", raising=False)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QApplication.setOrganizationName("SmallDataTests")
    QApplication.setApplicationName("settings-tests")
    return tmp_path


@pytest.fixture
def window(open_studio, settings_home):
    font = QApplication.font()
    yield open_studio(settings_home / "s.sdstudio")
    QApplication.setFont(font)


def test_settings_are_remembered_and_read_back(qtbot, settings_home):
    assert current_settings().phone_region == "CN"  # defaults on a fresh machine
    assert current_settings().date_order == "YMD"
    dialog = SettingsDialog(AppSettings(language="en"))
    qtbot.addWidget(dialog)
    dialog.region.setCurrentIndex(dialog.region.findData("HK"))
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("DMY"))
    dialog.font_size.setValue(13)
    assert "Hong Kong (+852)" in [dialog.region.itemText(i) for i in range(dialog.region.count())]
    chosen = dialog.result_settings()
    chosen.save()
    again = current_settings()
    assert (again.phone_region, again.date_order, again.font_size) == ("HK", "DMY", 13)
    assert again.day_first


def test_settings_dialog_from_the_edit_menu_applies_language_and_font(qtbot, window):
    def fill_and_save():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.region.setCurrentIndex(dialog.region.findData("SG"))
        dialog.font_size.setValue(14)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    seen = []
    window.page("history").settings_changed = seen.append  # a page hook receives them
    QTimer.singleShot(100, fill_and_save)
    window.act_settings.trigger()
    assert window.translations.language == "zh_CN"
    qtbot.waitUntil(lambda: window.brand.text() == "小数据工作室")  # the window is in Chinese
    assert QApplication.font().pointSize() == 14
    assert current_settings().phone_region == "SG"
    assert seen and seen[0].phone_region == "SG"
    # Back to English inside the test: pages reload when LanguageChange arrives, which must
    # happen while the runner still runs.
    window.set_language("en")
    qtbot.waitUntil(lambda: window.brand.text() == "SmallData Studio", timeout=3000)
    qtbot.wait(200)


def test_welcome_shows_once_and_the_sample_choice_imports_it(qtbot, window):
    assert welcome.should_show()

    def choose_sample():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, welcome.WelcomeDialog)
        assert "Welcome" in dialog.title.text()
        qtbot.mouseClick(dialog.sample_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, choose_sample)
    assert window.show_welcome() == welcome.SAMPLE
    assert not welcome.should_show()  # remembered: not shown on the next start
    assert welcome.last_choice() == welcome.SAMPLE
    customers = window.page("customers")
    qtbot.waitUntil(lambda: customers.model.rowCount() > 100, timeout=30000)
    assert window.stack.currentWidget() is customers


def test_welcome_skip_is_remembered_too(qtbot, settings_home):
    dialog = welcome.WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == welcome.SKIP
    assert not welcome.should_show()


def test_next_step_hint_walks_the_steps(qtbot, window):
    window.show_page("import")
    assert window.next_hint.text().startswith("Next: ")
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.steps.currentRow() == 1
    window.show_page("history")  # the last step: no next button
    assert window.next_button.isHidden()
