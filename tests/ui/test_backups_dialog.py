"""File > Safety copies: list the workspace's copies, make one, put one back."""

from PySide6.QtCore import Qt

from tests.ui.conftest import import_rows


def import_csv(qtbot, win, path, rows):
    import_rows(qtbot, win, path, "姓名,手机\n" + "".join(
        f"客户{i},1380013{i:04d}\n" for i in range(rows)))


def count(win):
    return win.runner.workspace_info.customer_count


def test_a_copy_made_by_hand_is_listed_and_putting_it_back_returns_to_that_moment(
        qtbot, studio, tmp_path):
    assert studio.act_backups in studio.file_menu.actions()
    import_csv(qtbot, studio, tmp_path / "first.csv", 3)
    qtbot.waitUntil(lambda: count(studio) == 3, timeout=5000)
    dialog = studio.show_backups()
    qtbot.waitUntil(lambda: "No safety copies yet" in dialog.status.text(), timeout=5000)
    assert not dialog.restore_button.isEnabled()

    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert dialog.table.item(0, 1).text() == "made by hand"
    assert "Safety copy saved" in dialog.status.text()
    copy = dialog.selected()
    assert copy is not None and dialog.restore_button.isEnabled()

    import_csv(qtbot, studio, tmp_path / "second.csv", 5)
    qtbot.waitUntil(lambda: count(studio) == 8, timeout=5000)
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore(copy)
    qtbot.waitUntil(lambda: count(studio) == 3, timeout=10000)  # the second import is gone
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    assert dialog.table.item(0, 1).text() == "before putting a copy back"
    assert "is back as it was" in dialog.status.text()
    # The state just before the restore was kept: putting it back brings the 8 customers back.
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore(dialog.copies[0])
    qtbot.waitUntil(lambda: count(studio) == 8, timeout=10000)
    dialog.close()
