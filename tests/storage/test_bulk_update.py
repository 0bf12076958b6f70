"""StagedUpdate: many rows' columns set inside SQLite as one logged, undoable step."""

import json
import sqlite3

import pytest

from app.core.progress import Cancelled
from app.storage import oplog
from app.storage.bulk_update import StagedUpdate
from app.storage.workspace import Workspace
from tests.storage.helpers import sample_import


@pytest.fixture
def ws(tmp_path):
    from app.storage.imports import store_import

    workspace = Workspace.open(tmp_path / "w.sdstudio")
    store_import(workspace, sample_import(n=3))
    workspace.conn.execute("UPDATE customers SET orders = 1, total_spent = 1200.0")
    workspace.conn.commit()
    yield workspace
    workspace.close()


def rows(ws):
    return ws.conn.execute(
        "SELECT id, name, phone, orders, total_spent, status FROM customers ORDER BY id"
    ).fetchall()


def test_only_cells_that_really_change_are_written_and_logged(ws):
    ids = [r[0] for r in rows(ws)]
    before = rows(ws)
    with ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name", "orders", "total_spent"])
        stage.add([
            (ids[0], 0b111, "新名字", 1.0, 1200),  # 1 == 1.0 and 1200.0 == 1200: name only
            (ids[1], 0b010, None, "1", None),  # the text '1' is not the number 1: a change
            (ids[2], 0b001, None, None, None),  # the name blanked
        ])
        told = []
        changed, cells = stage.apply(op.id, "c.status = 'active'", progress=told.append)
        op_id = op.id
    assert (changed, cells) == (3, 3)
    assert told == sorted(told) and len(told) >= 3 and told[-1] == pytest.approx(1.0)
    after = {r[0]: r for r in rows(ws)}
    assert after[ids[0]][1:4] == ("新名字", before[0][2], 1)
    assert after[ids[1]][3] == "1" and after[ids[1]][1] == before[1][1]
    assert after[ids[2]][1] is None
    images = ws.conn.execute(
        "SELECT row_id, before, after FROM op_changes WHERE op_id = ? ORDER BY row_id",
        (op_id,)).fetchall()
    assert [json.loads(b) for _, b, _ in images] == [
        {"id": ids[0], "name": before[0][1]}, {"id": ids[1], "orders": 1},
        {"id": ids[2], "name": before[2][1]}]
    assert json.loads(images[0][2]) == {"id": ids[0], "name": "新名字"}
    oplog.undo(ws)
    assert rows(ws) == before


def test_rows_outside_the_filter_are_left_alone(ws):
    ids = [r[0] for r in rows(ws)]
    ws.conn.execute("UPDATE customers SET status = 'merged' WHERE id = ?", (ids[0],))
    ws.conn.commit()
    with ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name"])
        stage.add([(i, 1, "同一个名字") for i in ids])
        assert stage.apply(op.id, "c.status = 'active'") == (2, 2)
    assert rows(ws)[0][1] != "同一个名字"


def test_cancel_stops_the_statement_and_nothing_is_kept(ws):
    before = rows(ws)
    steps = len(oplog.history(ws))
    with pytest.raises(Cancelled), ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name"])
        stage.add([(r[0], 1, "x") for r in before])
        stage.apply(op.id, cancel=lambda: True)
    assert rows(ws) == before
    assert len(oplog.history(ws)) == steps


def test_cancel_interrupts_a_statement_midway(ws, monkeypatch):
    from app.storage import bulk_update

    monkeypatch.setattr(bulk_update, "CANCEL_EVERY", 5)
    before = rows(ws)
    calls = []

    def cancel():  # the user presses Cancel once SQLite is inside the first statement
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled) as stopped, ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name"])
        stage.add([(r[0], 1, "x") for r in before])
        stage.apply(op.id, cancel=cancel)
    assert isinstance(stopped.value.__cause__, sqlite3.OperationalError), \
        "stopped inside the statement by the progress handler"
    assert rows(ws) == before


def test_a_column_name_that_is_not_a_plain_word_is_refused(ws):
    with pytest.raises(ValueError):
        StagedUpdate(ws.conn, "customers", ['name" = 1; --'])
