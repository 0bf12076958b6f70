"""Source rows per customer, read a slice at a time, through chains of merges."""

import pytest

import app.storage.customers as customers_module
from app.storage import dedup_store
from app.storage.customers import load_customers, source_rows_by_customer
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from tests.storage.helpers import sample_import


@pytest.fixture
def ws(tmp_path):
    ws = Workspace.open(tmp_path / "w.sdstudio")
    store_import(ws, sample_import(n=7))
    yield ws
    ws.close()


def test_source_rows_follow_merges_of_merges_across_fetch_slices(ws, monkeypatch):
    monkeypatch.setattr(customers_module, "FETCH_ROWS", 2)  # several slices of 7 rows
    first = dedup_store.merge_groups(ws, [[1, 2]]).merges[0]
    second = dedup_store.merge_groups(ws, [[first.survivor_id, 3]]).merges[0]
    sources = source_rows_by_customer(ws)
    # rows 4..6 of the sheet (1-based, header on row 3) all belong to the last survivor
    assert sources[second.survivor_id] == [f"客户.xlsx|客户名单|{row}" for row in (4, 5, 6)]
    assert sources[4] == ["客户.xlsx|客户名单|7"]
    assert first.survivor_id not in sources and 1 not in sources
    frame = load_customers(ws)
    by_id = dict(zip(frame["customer_id"], frame["source_rows"], strict=True))
    assert by_id[second.survivor_id] == sources[second.survivor_id]
    assert by_id[7] == ["客户.xlsx|客户名单|10"]
    assert frame["source_rows"].dtype == object and len(frame) == 5
