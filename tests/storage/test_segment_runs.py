"""Stored segment runs and the purchase block (schema v3): what a user sees stays the same
through re-runs, undo, redo, erase and old workspaces, without logging members row by row."""

import json

import numpy as np
import pandas as pd
import pytest

from app.storage import export_store, oplog
from app.storage import segment_store as store
from app.storage.blocks import decode_frame, encode_frame
from app.storage.workspace import Workspace
from app.workers import segment_tasks as tasks
from app.workers import usecases
from tests.storage.test_segment_store import (
    customers_book,
    ids_by_name,
    orders_book,
    zhao_liu_book,
)


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "w.sdstudio")
    usecases.import_files(workspace, [customers_book(tmp_path / "客户.xlsx")])
    tasks.import_orders(workspace, orders_book(tmp_path / "orders.xlsx"))
    yield workspace
    workspace.close()


def by_name(ws, column):
    return tasks.analysis_frame(ws).set_index("name")[column]


def rows_now(ws):
    """The linked lines as the block would hold them, read from the rows."""
    return store.linked_lines_from_rows(ws)[list(store.PURCHASE_LINE_COLUMNS)]


def logged_tables(ws, op_id):
    return {t for (t,) in ws.conn.execute("SELECT tbl FROM op_changes WHERE op_id = ?", (op_id,))}


def test_rfm_reruns_switch_stored_runs_on_undo_and_redo_without_member_images(ws):
    first = tasks.run_rfm(ws, "2024-07-01")
    oplog.undo(ws, first.op_id)  # the first run made the segment: it goes
    assert store.get_segment(ws, "RFM") is None
    assert "recency_days" not in tasks.analysis_frame(ws)
    oplog.undo(ws)  # redo: it comes back with its run
    assert by_name(ws, "rfm_class")["陈静"] == "无购买记录"
    assert by_name(ws, "frequency")["王伟"] == 2
    second = tasks.run_rfm(ws, "2025-07-01")
    # A run is one block: the step logs the segment row (its current_run), not 6 members.
    assert logged_tables(ws, second.op_id) == {"segments"}
    assert ws.conn.execute("SELECT COUNT(*) FROM op_changes WHERE op_id = ?",
                           (second.op_id,)).fetchone()[0] <= 2
    assert ws.conn.execute("SELECT COUNT(*) FROM segment_runs").fetchone()[0] == 2
    assert by_name(ws, "recency_days")["王伟"] == 376
    oplog.undo(ws)
    assert by_name(ws, "recency_days")["王伟"] == 11
    assert tasks.rfm_report(ws).reference_date == "2024-07-01"
    oplog.undo(ws)  # undoing the undo
    assert by_name(ws, "recency_days")["王伟"] == 376
    assert tasks.rfm_report(ws).reference_date == "2025-07-01"


def test_persona_runs_undo_to_the_previous_grouping(ws):
    run = tasks.cluster_sweep(ws, ["monetary", "employees", "city"])
    two = tasks.save_clusters(ws, run, 2)
    three = tasks.save_clusters(ws, run, 3)
    assert logged_tables(ws, three.op_id) == {"segments"}
    assert tasks.analysis_frame(ws)["cluster"].max() == 3
    assert sorted(s for _, s in tasks.list_segments(ws)[0].labels) == \
        sorted(p["size"] for p in three.personas)
    oplog.undo(ws)
    frame = tasks.analysis_frame(ws)
    assert frame["cluster"].max() == 2 and tasks.cluster_report(ws).k == 2
    sizes = {p["cluster"]: p["size"] for p in two.personas}
    assert {c: len(tasks.segment_customer_ids(ws, f"Personas:{c}")) for c in sizes} == sizes


def test_erasing_a_person_takes_them_out_of_every_stored_run(ws):
    tasks.run_rfm(ws, "2024-07-01")
    tasks.run_rfm(ws, "2025-07-01")
    wang = ids_by_name(ws)["王伟"]
    result = export_store.erase_customer(ws, wang)
    assert result.linked_rows["segment_members"] == 2  # one entry in each run
    for (data,) in ws.conn.execute("SELECT members FROM segment_runs"):
        assert wang not in decode_frame(data)["customer_id"].tolist()
    sizes = dict(ws.conn.execute("SELECT id, size FROM segment_runs"))
    assert set(sizes.values()) == {5}
    oplog.undo(ws)  # the second RFM: the first run shows, without the erased person
    assert tasks.rfm_report(ws).reference_date == "2024-07-01"
    assert wang not in tasks.segment_customer_ids(ws, "RFM")
    assert tasks.rfm_report(ws).customers == 5


def test_the_purchase_block_follows_every_change_to_the_lines(ws, tmp_path):
    linked = ws.conn.execute("SELECT COUNT(*) FROM orders WHERE status = 'linked'").fetchone()[0]
    block = store.read_purchase_block(ws.conn)
    assert block is not None and len(block) == linked == 5  # written by the orders import
    pd.testing.assert_frame_equal(block, rows_now(ws))
    first = tasks.run_rfm(ws, "2024-07-01")
    orders_op = ws.conn.execute("SELECT id FROM operations WHERE kind = 'orders'").fetchone()[0]
    oplog.undo(ws, first.op_id)
    orders_undone = oplog.undo(ws, orders_op)  # lines gone: so is the block
    assert store.read_purchase_block(ws.conn) is None
    without = tasks.run_rfm(ws, "2024-07-01")
    assert without.source == "customer_fields"
    oplog.undo(ws, without.op_id)
    oplog.undo(ws, orders_undone.id)  # redo the orders import: the lines are back
    assert store.read_purchase_block(ws.conn) is None  # and RFM rebuilds the block
    again = tasks.run_rfm(ws, "2024-07-01")
    assert again.buyers == 4 and by_name(ws, "monetary")["王伟"] == 3000.0
    pd.testing.assert_frame_equal(store.read_purchase_block(ws.conn),
                                  rows_now(ws))
    # A line found later (its person imported) joins the block with the RFM that links it.
    usecases.import_files(ws, [zhao_liu_book(tmp_path / "more.xlsx")])
    assert tasks.run_rfm(ws, "2024-07-01").relinked == 1
    block = store.read_purchase_block(ws.conn)
    assert len(block) == 6
    pd.testing.assert_frame_equal(block, rows_now(ws))


def test_equal_order_keys_of_different_order_numbers_stay_two_orders(ws):
    """A hash collision (forced here: new lines given the key of 王伟's order A1) is found
    when the block is written and never merges two orders; a repeated order number still
    counts once."""
    block = store.read_purchase_block(ws.conn)
    a1 = ws.conn.execute("SELECT id FROM orders WHERE order_no = 'A1'").fetchone()[0]
    a1_key = block.loc[block["id"] == a1, "order_key"].iat[0]
    with ws.transaction() as conn:
        for order_no, amount in (("A9", 5.0), ("A1", 1000.0)):
            conn.execute("INSERT INTO orders (op_id, order_no, ordered_at, amount, customer_id, "
                         "status) SELECT op_id, ?, ordered_at, ?, customer_id, status "
                         "FROM orders WHERE id = ?", (order_no, amount, a1))
        assert store.read_purchase_block(conn) is None  # the trigger dropped it
        new = store.linked_lines_from_rows(ws).tail(2).assign(order_key=a1_key)
        store.write_purchase_block(conn, pd.concat([block, new], ignore_index=True))
    assert store.read_purchase_block(ws.conn).attrs["collisions"] is True
    tasks.run_rfm(ws, "2024-07-01")
    assert by_name(ws, "frequency")["王伟"] == 3  # A1 (twice), A2, A9
    assert by_name(ws, "monetary")["王伟"] == 3005.0


def test_a_block_keyed_by_another_hash_is_rebuilt(ws):
    lines = store.linked_lines_from_rows(ws)
    lines.attrs["probe"] = 12345  # as if written by a pandas hashing differently
    ws.conn.execute("UPDATE purchase_block SET data = ?", (encode_frame(lines),))
    assert store.read_purchase_block(ws.conn) is None
    assert tasks.run_rfm(ws, "2024-07-01").buyers == 4
    assert store.read_purchase_block(ws.conn).attrs["probe"] != 12345


V2_SCORE = ('{{"recency_days": {r}, "frequency": {f}, "monetary": {m}, "r": {rs}, "f": {fs}, '
            '"m": {ms}, "rfm_score": "{score}", "rfm_segment": "{seg}", "segment_en": "x", '
            '"segment_zh": "y", "rfm_class": "{klass}", "class_zh": "{klass}", '
            '"class_en": "z"}}')


def test_v2_stored_rfm_members_are_read_and_a_new_run_undoes_back_to_them(ws):
    """A workspace whose RFM a v2 app stored as member rows with JSON scores."""
    ids = ids_by_name(ws)
    with ws.operation("segment_rfm", "RFM as of 2024-07-01: 6 customers") as op:
        seg = store.save_segment(op, "RFM", "rfm", {"reference_date": "2024-07-01",
                                                    "source": "orders"}, "RFM as of 2024-07-01")
        rows = []
        for name, cid in ids.items():
            if name == "王伟":
                score = V2_SCORE.format(r=11.0, f=2, m=3000.0, rs=5, fs=5, ms=5, score="555",
                                        seg="champions", klass="重要价值客户")
            else:
                score = V2_SCORE.format(r="null", f=0, m=0.0, rs="null", fs="null", ms="null",
                                        score="", seg="no_purchase", klass="无购买记录")
            rows.append((seg, cid, json.loads(score)["rfm_class"], score))
        store.insert_many(op, "segment_members", ("segment_id", "customer_id", "label", "score"),
                          rows)
    frame = tasks.analysis_frame(ws).set_index("name")
    assert frame.loc["王伟", "recency_days"] == 11 and frame.loc["王伟", "rfm_segment"] == "champions"
    assert np.isnan(frame.loc["李娜", "recency_days"])
    assert tasks.segment_customer_ids(ws, "Champions") == [ids["王伟"]]
    report = tasks.rfm_report(ws)
    assert report.customers == 6 and report.buyers == 1
    assert int(report.grid.loc[5, 5]) == 1
    assert {s.name: s.size for s in tasks.list_segments(ws)}["RFM"] == 6
    tasks.run_rfm(ws, "2025-07-01")
    assert by_name(ws, "recency_days")["王伟"] == 376 and by_name(ws, "frequency")["李娜"] == 1
    oplog.undo(ws)
    assert by_name(ws, "recency_days")["王伟"] == 11 and by_name(ws, "frequency")["李娜"] == 0
    assert store.get_segment(ws, "RFM").current_run is None


@pytest.mark.parametrize("features", [None, ["monetary", "employees", "city"],
                                      ["recency_days", "rfm_class", "industry"]])
def test_clustering_reads_only_its_features_with_the_same_values(ws, features):
    tasks.run_rfm(ws, "2024-07-01")
    light = tasks.cluster_frame(ws, features)
    full = tasks.analysis_frame(ws)
    chosen = features or tasks.clustering_fields(full)[1]
    assert "tags" not in light and "lifecycle_stage" not in light  # the whole frame not built
    pd.testing.assert_frame_equal(light[["customer_id", *chosen]], full[["customer_id", *chosen]])
    assert tasks.cluster_sweep(ws, features).features == chosen


def test_a_v2_fixture_workspace_segments_after_migrating(tmp_path):
    import shutil
    from pathlib import Path

    path = tmp_path / "old.sdstudio"
    shutil.copy(Path(__file__).parent / "fixtures" / "workspace_v2.sdstudio", path)
    with Workspace.open(path) as ws:
        overview = tasks.segment_overview(ws)
        assert len(overview.frame) == 5 and overview.rfm is None
        assert {s.name for s in overview.segments} == {"金卡客户"}
        assert store.read_purchase_block(ws.conn) is None  # v2 had none: built by RFM
        report = tasks.run_rfm(ws, "2024-07-01")
        assert (report.customers, report.buyers) == (5, 1)
        assert by_name(ws, "monetary")["王伟"] == 199.0
        assert len(store.read_purchase_block(ws.conn)) == 1
        oplog.undo(ws, report.op_id)
        assert tasks.rfm_report(ws) is None
        assert tasks.dashboard_data(ws).customers == 5


def test_a_deleted_rfm_segment_comes_back_with_its_run_on_undo(ws):
    tasks.run_rfm(ws, "2024-07-01")
    before = tasks.analysis_frame(ws)[["customer_id", "recency_days", "rfm_class"]]
    tasks.delete_segment(ws, "RFM")
    assert "rfm_class" not in tasks.analysis_frame(ws) and tasks.rfm_report(ws) is None
    oplog.undo(ws)
    pd.testing.assert_frame_equal(
        tasks.analysis_frame(ws)[["customer_id", "recency_days", "rfm_class"]], before)
