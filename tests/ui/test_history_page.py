"""History page and Edit > Undo / Redo over the operation log, driven like a user."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.storage.oplog import HistoryEntry
from app.ui.pages.history_page import redo_target, undo_target
from app.workers import usecases
from tests.ui.conftest import import_rows


def entry(op_id, kind="clean", undone=False, undo_of=None):
    return HistoryEntry(op_id, kind, f"step {op_id}", {}, "2024-01-01T10:00:00",
                        "2024-01-01T11:00:00" if undone else None, undo_of)


def test_stack_rules_over_the_log():
    # 1 import, 2 clean, 3 = undo of 2: Ctrl+Z takes back 1, Ctrl+Shift+Z brings back 2.
    log = [entry(1, "import"), entry(2, undone=True), entry(3, "undo", undo_of=2)]
    assert undo_target(log).id == 1
    assert redo_target(log).id == 3
    # A new real step after the undo clears what can be redone.
    assert redo_target([*log, entry(4, "dedupe")]) is None
    # After the redo (5 = undo of 3), 2 is in force again and nothing is left to redo.
    redone = [entry(1, "import"), entry(2), entry(3, "undo", undone=True, undo_of=2),
              entry(5, "undo", undo_of=3)]
    assert undo_target(redone).id == 2
    assert redo_target(redone) is None
    # An export is in the log but is never what Ctrl+Z takes back.
    assert undo_target([entry(1, "import"), entry(2, "export")]).id == 1
    assert undo_target([]) is None and redo_target([]) is None


@pytest.fixture
def window(studio):
    return studio


def import_csv(qtbot, win, path, rows):
    import_rows(qtbot, win, path, "姓名,手机\n" + "".join(
        f"客户{i},1380013{i:04d}\n" for i in range(rows)))


def count(win):
    return win.runner.workspace_info.customer_count


def test_history_lists_steps_and_undoes_and_redoes_the_selected_one(qtbot, window, tmp_path):
    import_csv(qtbot, window, tmp_path / "first.csv", 3)
    import_csv(qtbot, window, tmp_path / "second.csv", 2)
    qtbot.waitUntil(lambda: count(window) == 5, timeout=5000)
    window.show_page("history")
    page = window.page("history")
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    # Newest first, with what the user recognises: kind and the file name.
    assert page.table.item(0, 2).text() == "Import"
    assert "second.csv" in page.table.item(0, 3).text()
    assert page.table.item(0, 4).text() == "Done"
    assert not page.undo_button.isEnabled()  # nothing selected yet

    # Undo the OLDER import (not the last step): its 3 customers go, the 2 others stay.
    page.select_step(1)
    assert page.undo_button.isEnabled() and not page.redo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: count(window) == 2, timeout=10000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=5000)
    assert page.table.item(0, 2).text() == "Undo"
    assert "first.csv" in page.table.item(0, 3).text()
    page.select_step(1)
    assert page.table.item(page.table.currentRow(), 4).text().startswith("Undone")
    assert page.redo_button.isEnabled() and not page.undo_button.isEnabled()
    assert "first.csv" in window.message_bar.text.text()

    # Redo it from the page: the 3 customers come back.
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: count(window) == 5, timeout=10000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=5000)
    assert page.table.item(0, 2).text() == "Redo"


def test_edit_menu_undo_redo_with_shortcuts(qtbot, window, tmp_path):
    assert window.act_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in window.act_redo.shortcuts()
    import_csv(qtbot, window, tmp_path / "a.csv", 4)
    qtbot.waitUntil(lambda: window.act_undo.isEnabled(), timeout=5000)
    assert "a.csv" in window.act_undo.text().replace("&", "")
    assert not window.act_redo.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: count(window) == 0, timeout=10000)
    qtbot.waitUntil(lambda: window.act_redo.isEnabled(), timeout=5000)
    assert not window.act_undo.isEnabled()  # the only step is undone: Ctrl+Z does not redo
    assert "a.csv" in window.act_redo.text()
    english = window.message_bar.text.text()
    assert "a.csv" in english
    window.translations.apply("zh_CN")  # the note above the pages is re-read in Chinese
    try:
        qtbot.waitUntil(lambda: window.message_bar.text.text() != english, timeout=5000)
        assert "a.csv" in window.message_bar.text.text()
        assert "撤销" in window.message_bar.text.text()
    finally:
        window.translations.apply("en")

    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: count(window) == 4, timeout=10000)
    qtbot.waitUntil(lambda: window.act_undo.isEnabled() and not window.act_redo.isEnabled(),
                    timeout=5000)


def test_undo_after_redo_of_an_import(tmp_path):
    from app.storage.workspace import Workspace
    from app.ui.pages.history_page import redo_latest, undo_latest

    path = tmp_path / "a.csv"
    path.write_text("姓名,手机\n张伟,13800138000\n", encoding="utf-8")
    ws = Workspace.open(tmp_path / "w.sdstudio")
    try:
        usecases.import_files(ws, [path])
        undo_latest(ws)
        redo_latest(ws)
        assert usecases.customer_count(ws) == 1
        undo_latest(ws)
        assert usecases.customer_count(ws) == 0
    finally:
        ws.close()


def run(qtbot, win, fn, *args):
    task = win.runner.submit(fn, *args)
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert task.error is None, task.error
    return task.result


def test_history_in_chinese_shows_chinese_lines_for_import_clean_and_undo(qtbot, window,
                                                                          tmp_path):
    from app.workers import clean_tasks

    path = tmp_path / "客户.csv"
    path.write_text("姓名,手机\n张伟,138 0013 8000\n李娜,+86-139-0013-9000\n王芳,13700137000\n",
                    encoding="utf-8")
    run(qtbot, window, usecases.import_files, [path])
    cleaned = run(qtbot, window, lambda ws: clean_tasks.clean_workspace(ws, ["phone.e164"]))
    assert cleaned.result.op_id is not None and cleaned.result.cells >= 2

    def old_step(ws):  # a step logged by an older version: English text only, no template
        with ws.operation("tag_add", "Tag “VIP” added to 1 customers", {"tag": "VIP"}):
            pass

    run(qtbot, window, old_step)
    run(qtbot, window, usecases.undo)  # takes back the old step

    window.set_language("zh_CN")
    window.customers_changed()
    window.show_page("history")
    page = window.page("history")
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=5000)
    lines = [page.table.item(row, 3).text() for row in range(4)]  # newest first
    undo_line, old_line, clean_line, import_line = lines
    assert import_line == "导入 客户.csv：3 行"
    assert clean_line.startswith("清洗：") and "个单元格（手机）" in clean_line
    assert old_line == "Tag “VIP” added to 1 customers"  # kept readable as it was stored
    assert undo_line == "撤销：Tag “VIP” added to 1 customers"
    assert [page.table.item(row, 2).text() for row in range(4)] == ["撤销", "标签", "清洗", "导入"]
    # The selected step's details and the Edit menu speak Chinese too.
    page.select_step(2)
    assert "清洗：" in page.details.text()
    qtbot.waitUntil(lambda: "清洗：" in window.act_undo.text(), timeout=5000)

    # Undo the clean from the page: the new line reads in Chinese, and back in English after
    # switching the language (the line is translated when shown, not when stored).
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=10000)
    assert page.table.item(0, 3).text().startswith("撤销：清洗：")
    window.set_language("en")
    qtbot.waitUntil(lambda: page.table.item(0, 3).text().startswith("Undo: Clean: "),
                    timeout=5000)
    assert page.table.item(4, 3).text() == "Import 客户.csv: 3 rows"
