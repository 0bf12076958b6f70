"""The window driven like a user: a real import through the import page, drops, languages."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.ui.i18n import ensure_translations_built


@pytest.fixture
def messy_xlsx(tmp_path):
    """A title row, a blank row, the header on row 3 in Chinese, an unmapped column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["2024年展会客户名单"])
    ws.append([])
    ws.append(["姓名", "手机号", "邮箱", "城市", "会员等级", "内部编号"])
    ws.append(["张伟", "13800138000", "zhang.wei@example.com", "上海", "金卡", "A-001"])
    ws.append(["李娜", "13900139000", "li.na@example.com", "北京", "银卡", "A-002"])
    ws.append(["王芳", "13700137000", "wang.fang@example.com", "深圳", "金卡", "A-003"])
    path = tmp_path / "展会客户.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def window(studio):
    return studio


def wait_preview(qtbot, page):
    qtbot.waitUntil(lambda: page.tabs.count() > 0 and page._pending == 0, timeout=15000)


def test_real_import_through_the_import_page(qtbot, window, messy_xlsx):
    page = window.page("import")
    page.open_files([str(messy_xlsx)])
    wait_preview(qtbot, page)
    view = page.tabs.widget(0)
    assert view.header_spin.value() == 3  # header found under the title rows
    roles = [combo.currentData() for combo in view.combos]
    assert roles[:4] == ["name", "phone", "email", "city"]
    # The user says 内部编号 should not be imported, through the drop-down.
    combo = view.combos[5]
    combo.setCurrentIndex(combo.findData("ignore"))
    assert page.import_button.isEnabled()
    customers = window.page("customers")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: customers.model.rowCount() == 3, timeout=20000)
    assert window.stack.currentWidget() is customers
    model = customers.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "Phone", "Email", "City", "会员等级"]
    names = sorted(model.index(r, 0).data() for r in range(3))
    assert names == ["张伟", "李娜", "王芳"]
    assert "3 customers imported" in window.message_bar.text.text()
    qtbot.waitUntil(lambda: window.runner.workspace_info.customer_count == 3, timeout=5000)
    assert "3 customers" in window.status_count.text()
    # Searching the table finds one customer by an extra field's value.
    customers.search.setText("银卡")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.index(0, 0).data() == "李娜"


def test_dropping_a_file_opens_it_on_the_import_page(qtbot, window, messy_xlsx):
    window.show_page("customers")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(messy_xlsx))])
    event = QDropEvent(
        QPointF(QPoint(400, 300)), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert event.isAccepted()
    page = window.page("import")
    assert window.stack.currentWidget() is page
    wait_preview(qtbot, page)
    assert "展会客户.xlsx" in page.tabs.tabText(0)


def test_dropping_something_else_is_refused(window, tmp_path):
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.page("import").files == []


def test_switching_to_chinese_shows_chinese_labels(qtbot, window, messy_xlsx):
    assert ensure_translations_built(), "the zh_CN .qm could not be built"
    assert window.steps.item(0).text().endswith("Import")
    page = window.page("import")
    page.open_files([str(messy_xlsx)])
    wait_preview(qtbot, page)
    window.set_language("zh_CN")
    # Qt posts LanguageChange to every widget; they re-read their texts when it arrives.
    qtbot.waitUntil(lambda: window.steps.item(0).text().endswith("导入"), timeout=3000)
    steps = [window.steps.item(i).text() for i in range(window.steps.count())]
    assert any(text.endswith("检查") for text in steps), steps
    assert any(text.endswith("客户") for text in steps), steps
    assert page.import_button.text() == "导入"
    assert window.file_menu.title() == "文件(&F)"
    view = page.tabs.widget(0)
    assert view.combos[0].currentText() == "姓名"
    assert view.combos[0].itemText(view.combos[0].findData("extra")) == "保留为附加字段"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.steps.item(0).text().endswith("Import"), timeout=3000)
    assert view.combos[0].currentText() == "Name"


def test_an_unreadable_file_is_explained_inline(qtbot, window, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a spreadsheet at all")
    page = window.page("import")
    page.open_files([str(bad)])
    qtbot.waitUntil(lambda: page._pending == 0 and page.problem.isVisible(), timeout=10000)
    assert "broken.xlsx" in page.problem.text()
    assert not page.import_button.isEnabled()


def test_import_warnings_are_shown_in_the_chosen_language_before_and_after_import(
        qtbot, window, tmp_path):
    """A repeated column name (known from the preview) and a cell right of the table (found
    while reading): both reach the user, in Chinese once Chinese is chosen."""
    assert ensure_translations_built(), "the zh_CN .qm could not be built"
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "手机", "手机"])
    for i in range(250):
        ws.append([f"客户{i}", f"138{i:08d}", None])
    # Below the rows the preview looks at: a cell beyond the table's columns, found on reading.
    ws.append(["李娜", "13700137000", None, None, "表外备注"])
    path = tmp_path / "重复列.xlsx"
    wb.save(path)
    window.set_language("zh_CN")
    page = window.page("import")
    page.open_files([str(path)])
    wait_preview(qtbot, page)
    view = page.tabs.widget(0)
    assert "列名重复：“手机”。" in view.warnings.text()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    customers = window.page("customers")
    qtbot.waitUntil(lambda: customers.model.rowCount() == 251, timeout=20000)
    message = window.message_bar.text.text()
    assert "工作表 名单：有 1 行在表格各列右边还有内容；这些单元格没有导入。" in message
    window.set_language("en")
    qtbot.waitUntil(lambda: "1 rows have cells to the right of the table" in
                    window.message_bar.text.text(), timeout=3000)
