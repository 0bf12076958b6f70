"""The customer table model: Qt's model checks, sorting with empty cells last, searching."""

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt

from app.ui.models.customers_model import CustomersModel
from app.workers.tables import build_table


def frame():
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4, 5],
            "name": ["王芳", "Bob", None, "alice", "张伟"],
            "phone": ["13800000001", None, "13800000003", "13800000004", "13800000005"],
            "total_spent": [120.5, 9.0, None, 1000.0, 9.0],
            "extra": [{"会员等级": "金卡"}, {}, {"会员等级": "银卡"}, {}, {"来源": "展会"}],
        }
    )


def model_over(df=None):
    model = CustomersModel()
    model.set_table(build_table(df if df is not None else frame()))
    return model


def column_texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_qt_model_checks_pass(qtmodeltester):
    model = model_over()
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("138")
    qtmodeltester.check(model)


def test_headers_are_role_labels_then_extra_fields():
    model = model_over()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "Phone", "Total spent", "会员等级", "来源"]
    assert column_texts(model, 2) == ["120.5", "9", "", "1000", "9"]


def test_sort_numbers_numerically_stable_with_empty_cells_last():
    model = model_over()
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [model.customer_id(r) for r in range(5)] == [2, 5, 1, 4, 3]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert [model.customer_id(r) for r in range(5)] == [4, 1, 2, 5, 3]


def test_sort_text_case_insensitively_empty_last():
    model = model_over()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert column_texts(model, 0)[:3] == ["alice", "Bob", "张伟"] or column_texts(model, 0)[:2] == ["alice", "Bob"]
    assert column_texts(model, 0)[-1] == ""
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert column_texts(model, 0)[-1] == ""


def test_search_matches_any_column_and_keeps_sort():
    model = model_over()
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.set_filter("金卡")
    assert [model.customer_id(r) for r in range(model.rowCount())] == [1]
    model.set_filter("BOB")
    assert column_texts(model, 0) == ["Bob"]
    model.set_filter("1380000000")
    assert [model.customer_id(r) for r in range(model.rowCount())] == [4, 1, 5, 3]
    model.set_filter("")
    assert model.rowCount() == 5


def test_a_million_rows_search_and_sort_fast_enough():
    n = 1_000_000
    df = pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "name": [f"客户{i}" for i in range(n)],
            "total_spent": np.arange(n, dtype=float)[::-1],
        }
    )
    model = model_over(df)
    model.set_filter("客户99999")
    assert model.rowCount() == 11  # 99999 and 999990..999999
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "客户999999"


class _Cell(str):
    """A cell value whose references can be counted."""


def _table_of(cells):
    from app.workers.tables import CustomerTable, TableColumn

    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    return CustomerTable(np.arange(1, len(cells) + 1), [TableColumn("name", True, values)])


def test_a_replaced_table_is_emptied_off_the_gui_thread(qtbot, tmp_path):
    """The table the model no longer shows is freed by a runner job (a million rows let go on
    the GUI thread froze the window); its cells are let go, the new table is untouched."""
    import sys

    from app.workers.runner import TaskRunner

    runner = TaskRunner()
    finished = []
    runner.task_finished.connect(finished.append)

    def run_async(fn, args, on_result):
        runner.submit(fn, *args, workspace=False).succeeded.connect(on_result)

    try:
        model = CustomersModel(run_async=run_async)
        cells = [_Cell(f"name {k}") for k in range(6)]
        held = [sys.getrefcount(c) for c in cells]
        model.set_table(_table_of(cells))
        model.set_filter("name 1")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
        assert [sys.getrefcount(c) for c in cells] > held  # the shown table holds them
        model.set_table(_table_of(["kept"] * 3))
        qtbot.waitUntil(lambda: any(t.label == "release_table" for t in finished), timeout=5000)
        assert [sys.getrefcount(c) for c in cells] == held
        assert column_texts(model, 0) == []  # the filter still applies to the new table
        model.set_filter("")
        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
        assert column_texts(model, 0) == ["kept"] * 3
    finally:
        runner.shutdown()


def test_release_table_leaves_arrays_someone_holds(monkeypatch):
    from app.workers import tables

    monkeypatch.setattr(tables, "RELEASE_WAIT", 0.05)
    table = _table_of(["a", "b", "c"])
    tables.search_rows(table, "a")  # builds the haystack
    kept = table.columns[0].values  # someone else still has the column
    haystack = table.haystack
    tables.release_table(table)
    assert kept.tolist() == ["a", "b", "c"] and haystack.tolist() == ["a", "b", "c"]
    assert table.haystack is None  # rebuilt when searched again
    assert tables.search_rows(table, "b").tolist() == [1]


def test_a_view_reads_each_cell_in_one_call_and_shows_the_same(qtbot):
    # multiData answers every role a delegate asks for at once (fewer trips for the GIL);
    # the picture must be the one Qt's per-role default gives.
    from PySide6.QtCore import QAbstractTableModel
    from PySide6.QtWidgets import QTableView

    calls = []

    class Counted(CustomersModel):
        def multiData(self, index, roles):  # noqa: N802
            calls.append(len(roles))
            super().multiData(index, roles)

    class PerRole(CustomersModel):
        multiData = QAbstractTableModel.multiData  # noqa: N815 - Qt's default

    images = []
    for cls in (Counted, PerRole):
        model = cls()
        model.set_table(build_table(frame()))
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.resize(700, 300)
        view.show()
        qtbot.waitExposed(view)
        images.append(view.grab().toImage())
    assert calls and min(calls) > 1  # several roles per call
    assert images[0] == images[1]
