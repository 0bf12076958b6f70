"""Undo restores in bulk (runs of rows per statement): the result must equal what restoring
row by row in reverse would give, foreign keys must hold at every statement, and redo (undoing
the undo) must give back the step's result exactly."""

import sqlite3

import pytest

from app.storage import oplog
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from tests.storage.helpers import Imported, Table


def snapshot(ws: Workspace) -> dict:
    return {table: ws.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("customers", "raw_rows", "imports")}


def big_import(n: int = 3000) -> Imported:
    rows = [(i + 2, [f"客户{i}", f"138{i:08d}", f"c{i}@example.com"]) for i in range(n)]
    chunks = [rows[start:start + 700] for start in range(0, n, 700)]
    return Imported("客户.xlsx", "bulk", [Table("名单", ["姓名", "手机", "邮箱"],
                                                ["name", "phone", "email"], chunks)])


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as workspace:
        store_import(workspace, big_import())
        yield workspace


def test_a_step_that_created_a_row_others_point_to_undoes_without_breaking_keys(ws):
    before = snapshot(ws)
    with ws.operation("merge", "Merge 2 records") as op:
        survivor = op.insert("customers", {"created_op": op.id, "name": "客户0", "phone": "x"})
        op.update_many("customers", {1: {"status": "merged", "merged_into": survivor},
                                     2: {"status": "merged", "merged_into": survivor}})
        op.update("customers", survivor, {"phone": "13800138000"})  # the new row changes again
    after = snapshot(ws)
    oplog.undo(ws)  # the survivor must go only after rows 1 and 2 stop pointing at it
    assert snapshot(ws) == before
    assert ws.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    oplog.undo(ws)  # redo
    assert snapshot(ws) == after


def test_a_deleted_parent_comes_back_before_the_rows_that_point_to_it(ws):
    with ws.operation("merge", "Merge") as op:
        survivor = op.insert("customers", {"created_op": op.id, "name": "合并"})
        op.update("customers", 5, {"merged_into": survivor, "status": "merged"})
    before = snapshot(ws)
    with ws.operation("erase", "unlink and drop") as op:
        op.update("customers", 5, {"merged_into": None})
        op.delete("customers", survivor)
    ws.conn.execute("UPDATE operations SET kind = 'clean' WHERE kind = 'erase'")  # undoable
    oplog.undo(ws)
    assert snapshot(ws) == before


def test_import_undo_and_redo_of_thousands_of_rows_are_exact(ws):
    empty_before = {"customers": [], "raw_rows": [], "imports": []}
    imported = snapshot(ws)
    oplog.undo(ws)
    assert snapshot(ws) == empty_before
    oplog.undo(ws)  # redo brings back every row, ids and all
    assert snapshot(ws) == imported
    with pytest.raises(sqlite3.IntegrityError):  # keys are enforced, so the order was right
        ws.conn.execute("DELETE FROM imports")


def test_undoing_a_redo_marks_the_step_undone_again_all_the_way_down(ws):
    imported = snapshot(ws)
    (step,) = oplog.history(ws)

    def done(op_id):
        return next(e for e in oplog.history(ws) if e.id == op_id).undone_at is None

    oplog.undo(ws)  # undo the import
    assert not done(step.id) and snapshot(ws)["customers"] == []
    redo = oplog.undo(ws, oplog.history(ws)[-1].id)  # redo
    assert done(step.id) and snapshot(ws) == imported
    oplog.undo(ws, redo.id)  # undo the redo: the import is undone again
    assert not done(step.id) and snapshot(ws)["customers"] == []
    oplog.undo(ws, oplog.history(ws)[-1].id)  # and redo once more
    assert done(step.id) and snapshot(ws) == imported
