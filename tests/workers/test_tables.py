"""The customer table job reads only what the table shows, and shows what it showed before."""

import numpy as np

from app.storage.customers import load_customers
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from app.workers import tables
from app.workers.tables import build_table, load_customer_table
from tests.storage.helpers import sample_import


def test_table_job_equals_the_table_of_the_full_frame(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "AS_OBJECTS_SLICE", 2)
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import(n=5))
        expected = build_table(load_customers(ws))
        table = load_customer_table(ws)
    assert [c.key for c in table.columns] == [c.key for c in expected.columns]
    assert "会员等级" in [c.key for c in table.columns]  # extra fields kept
    for got, want in zip(table.columns, expected.columns, strict=True):
        assert got.is_role == want.is_role
        assert got.values.dtype == object and got.values.tolist() == want.values.tolist()
    assert np.array_equal(table.customer_ids, expected.customer_ids)
    assert tables.search_rows(table, "金卡").tolist() == list(range(5))
    assert tables.search_rows(table, "客户3").tolist() == [3]
