"""The customer count and quality score stay visible on every page, and say when the score is
out of date."""

from PySide6.QtCore import Qt

from tests.ui.conftest import import_rows


def import_csv(qtbot, win, path, rows):
    import_rows(qtbot, win, path, "姓名,手机,邮箱\n" + "".join(
        f"客户{i},1380013{i:04d},{'test@test.com' if i % 2 else f'c{i}@163.com'}\n"
        for i in range(rows)))


def test_quality_score_is_shown_after_a_check_and_marked_old_after_changes(
        qtbot, studio, tmp_path):
    assert studio.status_quality.text() == "Quality: not checked yet"
    import_csv(qtbot, studio, tmp_path / "a.csv", 6)
    qtbot.waitUntil(lambda: studio.status_count.text() == "6 customers", timeout=5000)
    studio.show_page("check")
    page = studio.page("check")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: studio.status_quality.text().startswith("Quality "), timeout=20000)
    qtbot.waitUntil(lambda: studio.runner.workspace_info.quality is not None, timeout=20000)
    score = studio.runner.workspace_info.quality
    assert studio.status_quality.text() == f"Quality {score:.0f}"
    assert 0 < score < 100  # half the e-mails are fake
    assert f"Quality {score:.0f}" in studio.workspace_label.text()  # also in the side panel

    studio.show_page("export")  # (a Check page on screen would check again by itself)
    import_csv(qtbot, studio, tmp_path / "b.csv", 3)
    qtbot.waitUntil(lambda: "before the latest changes" in studio.status_quality.text(),
                    timeout=5000)
    assert "Check again" in studio.status_quality.toolTip()
