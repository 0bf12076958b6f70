"""The Segment and Dashboard pages driven like a user, on a real workspace."""

import pytest
from PySide6.QtCore import QDate, Qt

from app.storage.workspace import Workspace
from app.workers import segment_tasks, usecases
from tests.storage.test_segment_store import customers_book, orders_book


@pytest.fixture
def window(open_studio, tmp_path):
    path = tmp_path / "seg.sdstudio"
    with Workspace.open(path) as ws:
        usecases.import_files(ws, [customers_book(tmp_path / "客户.xlsx")])
        segment_tasks.import_orders(ws, orders_book(tmp_path / "orders.xlsx"))
    return open_studio(path)


def segment_page(qtbot, window):
    window.show_page("segment")
    page = window.page("segment")
    qtbot.waitUntil(lambda: page.overview is not None, timeout=10000)
    return page


def set_condition(row, field, op, value):
    """Fill one condition row as a user does: field, operator, then the value."""
    row.field.setCurrentIndex(row.field.findData(field))
    row.op.setCurrentIndex(row.op.findData(op))
    row.value.setText(value)


def test_rule_builder_counts_live_and_saves(qtbot, window):
    page = segment_page(qtbot, window)
    rules = page.rules
    set_condition(rules.groups[0].rows[0], "city", "equals", "广州")
    qtbot.waitUntil(lambda: rules.count.text() == "3 of 6 customers match", timeout=5000)
    assert rules.rule_text.text() == "City = 广州"  # the field as the user reads it
    set_condition(rules.groups[0].add_row(), "industry", "one_of", "零售, 互联网")
    qtbot.waitUntil(lambda: rules.count.text() == "2 of 6 customers match", timeout=5000)
    rules.name.setText("广州零售")
    qtbot.mouseClick(rules.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rules.saved.rowCount() == 1, timeout=5000)
    assert rules.saved.item(0, 0).text() == "广州零售" and rules.saved.item(0, 1).text() == "2"
    rules.saved.selectRow(0)
    qtbot.keyClicks(rules.tag, "VIP")
    qtbot.mouseClick(rules.tag_add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "VIP (2)" in rules.tags_label.text(), timeout=5000)


def test_rfm_and_clusters_tabs(qtbot, window):
    page = segment_page(qtbot, window)
    page.tabs.setCurrentWidget(page.rfm)
    page.rfm.date.setDate(QDate(2024, 7, 1))
    qtbot.mouseClick(page.rfm.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rfm.table.rowCount() == 9, timeout=10000)
    sizes = {page.rfm.table.item(i, 0).text(): page.rfm.table.item(i, 1).text()
             for i in range(9)}
    assert sizes["No purchase"] == "2"
    assert page.rfm.table.item(0, 2).text()  # advice
    qtbot.waitUntil(lambda: page.rfm.grid_chart.figure is not None, timeout=10000)
    assert not page.rfm.grid_chart.image.pixmap().isNull()  # drawn on a worker, then shown
    page.tabs.setCurrentWidget(page.clusters)
    qtbot.mouseClick(page.clusters.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.clusters.reason.text().startswith("Recommended: k ="),
                    timeout=20000)
    assert page.clusters.cards.count() == page.clusters.k.value()
    qtbot.waitUntil(lambda: page.clusters.scatter.figure is not None
                    and page.clusters.elbow.figure is not None, timeout=20000)
    card = page.clusters.cards.itemAt(0).widget()
    card.name.setText("大客户")
    card.name.editingFinished.emit()
    qtbot.waitUntil(lambda: page.clusters.cards.count() and
                    page.clusters.cards.itemAt(0).widget().name.text() == "大客户", timeout=5000)


def test_dashboard_shows_counts_and_saves_png(qtbot, window, tmp_path):
    window.show_page("dashboard")
    page = window.page("dashboard")
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.customers.value.text() == "6"
    assert page.orders.value.text() == "5"
    assert page.city.figure is not None
    saved = page.city.save_png(str(tmp_path / "city.png"))
    assert (tmp_path / "city.png").stat().st_size > 5000 and saved.endswith(".png")


def test_rule_text_reads_in_chinese(qtbot, window):
    window.translations.apply("zh_CN")
    try:
        page = segment_page(qtbot, window)
        rules = page.rules
        set_condition(rules.groups[0].rows[0], "city", "not_contains", "广州")
        qtbot.waitUntil(lambda: rules.rule_text.text() == "城市 非 包含 广州", timeout=5000)
    finally:
        window.translations.apply("en")
        qtbot.wait(50)
