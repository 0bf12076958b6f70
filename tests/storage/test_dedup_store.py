"""Merges as operations: survivors, source rows, per-merge unmerge, decisions through merges."""

import pytest

from app.core.dedup import SurvivorshipRules
from app.core.errors import StudioError
from app.storage import dedup_store, oplog
from app.storage.customers import load_customers, source_rows_by_customer
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from tests.storage.helpers import sample_import


def _snapshot(ws):
    return ws.conn.execute("SELECT * FROM customers WHERE raw_row_id IS NOT NULL ORDER BY id").fetchall()


@pytest.fixture
def ws(tmp_path):
    ws = Workspace.open(tmp_path / "w.sdstudio")
    store_import(ws, sample_import(n=6))
    yield ws
    ws.close()


def test_merge_keeps_every_phone_and_source_row(ws):
    report = dedup_store.merge_groups(ws, [[1, 2]])
    (done,) = report.merges
    customers = load_customers(ws)
    assert 1 not in set(customers["customer_id"]) and done.survivor_id in set(customers["customer_id"])
    survivor = customers.set_index("customer_id").loc[done.survivor_id]
    phones = {survivor["phone"], *survivor["alt_phones"]}
    assert {"13800138000", "13800138001"} <= phones
    assert len(source_rows_by_customer(ws)[done.survivor_id]) == 2
    assert len(customers) == 5


def test_unmerge_any_merge_restores_originals_even_after_later_merges(ws):
    before = _snapshot(ws)
    first = dedup_store.merge_groups(ws, [[1, 2]]).merges[0]
    dedup_store.merge_groups(ws, [[3, 4]], SurvivorshipRules(purchases="sum"))
    # a later edit of the first survivor (as a clean would do) is dropped and reported
    with ws.operation("clean", "edit") as op:
        op.update("customers", first.survivor_id, {"city": "广州"})
    report = dedup_store.unmerge(ws, first.survivor_id)
    assert report.restored_ids == [1, 2]
    assert "city" in report.dropped_edits
    after = {r[0]: r for r in _snapshot(ws)}
    assert after[1] == before[0] and after[2] == before[1]
    ids = set(load_customers(ws)["customer_id"])
    assert {1, 2} <= ids and first.survivor_id not in ids and 3 not in ids
    with pytest.raises(StudioError):
        dedup_store.unmerge(ws, first.survivor_id)


def test_generic_undo_of_a_merge_step_restores_exactly(ws):
    before = _snapshot(ws)
    report = dedup_store.merge_groups(ws, [[1, 2], [3, 4, 5]])
    assert len(report.merges) == 2 and report.customers_merged == 5
    oplog.undo(ws, report.op_id)
    assert _snapshot(ws) == before
    assert len(load_customers(ws)) == 6


def test_decisions_follow_merges(ws):
    dedup_store.record_decisions(ws, [(1, 3, "different"), (5, 6, "same")])
    survivor = dedup_store.merge_groups(ws, [[1, 2]]).merges[0].survivor_id
    decisions = set(dedup_store.load_decisions(ws))
    assert (3, survivor, "different") in decisions
    assert (5, 6, "same") in decisions
    assert [m.survivor_id for m in dedup_store.list_merges(ws)] == [survivor]
