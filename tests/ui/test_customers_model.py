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
