"""Check and Clean pages driven like a user on a real workspace: score, fixes, preview,
apply, undo, value clustering; screenshots in English and Chinese."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from app.storage import backups
from app.workers import usecases


def messy_book(path):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "客户名单"
    sheet.append(["姓名", "手机", "邮箱", "公司", "城市", "是否同意营销"])
    rows = [
        ("王先生", "+86 138-0013-8000", "Wang@QQ.COM ", "广州美佳贸易有限公司", "广州市", "是"),
        ("张三", "13800000000", "test@test.com", "个人", "N/A", "N"),
        ("KAREN HILL", "139 1234 5678", "karen@gmial.com", "Hill Trading", "Guagnzhou", None),
        ("李娜", "13612345678", "li.na@163.cm", "美佳贸易", "廣州", "不同意"),
        ("Emma Smith", "13700137000", "emma@sina.com", "Hill Trading", "guangzhou", "yes"),
    ]
    for row in rows:
        sheet.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def window(open_studio, qtbot, tmp_path):
    win = open_studio(tmp_path / "ui.sdstudio")
    task = win.runner.submit(usecases.import_files, [messy_book(tmp_path / "客户.xlsx")])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    return win


def frame(window, qtbot):
    task = window.runner.submit(usecases.customers_frame)
    with qtbot.waitSignal(task.succeeded, timeout=10000) as got:
        pass
    return got.args[0]


def test_check_page_shows_score_drags_and_columns(qtbot, window):
    window.show_page("check")
    page = window.page("check")
    qtbot.waitUntil(lambda: page.report is not None, timeout=20000)
    assert 0 < float(page.score.text()) < 100
    assert "phone" in page.drags.text().lower() or "Phone" in page.drags.text()
    fields = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert len(fields) == 6
    qtbot.waitUntil(lambda: page.chart.figure is not None, timeout=10000)
    assert not page.chart.image.pixmap().isNull()  # drawn on a worker, then shown
    # Four real mobiles and one fake: valid, though none is in +86 form yet.
    phone = fields.index("Phone")
    assert [page.table.item(phone, c).text() for c in (1, 2, 3)] == ["100.0%", "80.0%", "80.0%"]


def test_clean_page_previews_applies_and_undoes(qtbot, window, tmp_path):
    before = frame(window, qtbot)
    window.show_page("clean")
    page = window.page("clean")
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20000)
    ids = page.checked_rules()
    assert "phone.e164" in ids and "email.typo_domain" in ids
    typo = next(page.rules.topLevelItem(i) for i in range(page.rules.topLevelItemCount())
                if page.rules.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                == "email.typo_domain")
    assert typo.text(1) == "2" and "karen@gmial.com → karen@gmail.com" in typo.text(2)
    page.rules.setCurrentItem(typo)
    shown = {(page.preview.item(r, 2).text(), page.preview.item(r, 3).text())
             for r in range(page.preview.rowCount())}
    assert shown == {("karen@gmial.com", "karen@gmail.com"), ("li.na@163.cm", "li.na@163.com")}
    # Untick one fix: it must not be applied.
    consent = next(page.rules.topLevelItem(i) for i in range(page.rules.topLevelItemCount())
                   if page.rules.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                   == "consent.parse")
    consent.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=20000)
    assert "→" in page.score.text() and page.undo_button.isEnabled()
    copies = backups.list_backups(tmp_path / "ui.sdstudio")
    assert [c.reason for c in copies] == ["before-clean"]  # written before the clean ran
    after = frame(window, qtbot).set_index("customer_id")
    assert "karen@gmail.com" in set(after["email"]) and "是" in set(after["consent"])
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_result is None, timeout=20000)
    import pandas as pd

    pd.testing.assert_frame_equal(frame(window, qtbot), before)


def test_value_clusters_merge_with_a_typed_canonical_value(qtbot, window):
    page = window.page("clean")
    window.show_page("clean")
    page.cluster_field.setCurrentIndex(page.cluster_field.findData("city"))
    page.cluster_method.setCurrentIndex(page.cluster_method.findData("pinyin"))
    qtbot.mouseClick(page.cluster_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.cluster_tree.topLevelItemCount() > 0, timeout=20000)
    top = page.cluster_tree.topLevelItem(0)
    variants = {top.child(j).text(0) for j in range(top.childCount())}
    assert {"广州市", "廣州", "guangzhou"} <= variants
    assert top.text(1) == "广州"  # the gazetteer's name is suggested, not the commonest spelling
    top.setText(1, "广州")
    traditional = next(top.child(j) for j in range(top.childCount())
                       if top.child(j).text(0) == "廣州")
    traditional.setCheckState(0, Qt.CheckState.Unchecked)  # the user removes one wrong value
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.cluster_tree.topLevelItemCount() == 0, timeout=20000)
    cities = list(frame(window, qtbot)["city"])
    assert cities.count("广州") == 2 and "廣州" in cities and "广州市" not in cities


def test_fake_values_choice_excludes_the_customer_and_notes_phones_are_added(qtbot, window):
    def add_note(ws, progress=None, cancel=None):
        with ws.transaction():
            ws.conn.execute("UPDATE customers SET notes = '老板手机 13700001234' "
                            "WHERE name = '李娜'")

    task = window.runner.submit(add_note)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    window.show_page("clean")
    page = window.page("clean")
    assert [page.fake_choice.itemText(i) for i in range(page.fake_choice.count())] == [
        "Blank them", "Keep them, flagged", "Exclude the customer"]
    assert not page.notes_button.isEnabled()
    page.fake_choice.setCurrentIndex(page.fake_choice.findData("exclude"))
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20000)
    fake = next(page.rules.topLevelItem(i) for i in range(page.rules.topLevelItemCount())
                if page.rules.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "fake.blank")
    assert fake.text(0).startswith("Exclude customers with fake")
    assert page.notes_button.isEnabled()
    qtbot.mouseClick(page.notes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "alternate phones" in page.status.text(), timeout=20000)
    lina = frame(window, qtbot).set_index("name").loc["李娜"]
    assert lina["alt_phones"] == ["+8613700001234"]
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan is None, timeout=20000)
    names = set(frame(window, qtbot)["name"])
    assert "张三" not in names and len(names) == 4


@pytest.mark.parametrize(("order", "expected"), [("DMY", "2024-05-03"), ("MDY", "2024-03-05")])
def test_the_date_order_setting_decides_how_ambiguous_dates_are_read(
        qtbot, window, tmp_path, order, expected):
    path = tmp_path / "dates.csv"
    path.write_text("姓名,首次购买日期\n" + "".join(
        f"客户{i},0{i + 3}/0{i + 5}/2024\n" for i in range(3)), encoding="utf-8")
    task = window.runner.submit(usecases.import_files, [path])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    from app.ui.settings_dialog import AppSettings

    window.apply_settings(AppSettings(phone_region="CN", date_order=order))
    window.show_page("clean")
    page = window.page("clean")
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=20000)
    dates = next(page.rules.topLevelItem(i) for i in range(page.rules.topLevelItemCount())
                 if page.rules.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "date.iso")
    assert f"03/05/2024 → {expected}" in dates.text(2)
