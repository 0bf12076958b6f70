"""StagedUpdate: many rows' columns set inside SQLite as one logged, undoable step."""

import json
import sqlite3

import numpy as np
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


def stored(ws, columns):
    """Each row's values with their SQLite types: 1 and 1.0 or '1' are told apart."""
    picks = ", ".join(f"{c}, typeof({c})" for c in columns)
    return ws.conn.execute(f"SELECT id, {picks} FROM customers ORDER BY id").fetchall()


def stage_rows(stage, staged):
    """staged: [(row id, {column: value})] -> StagedUpdate.add's arrays."""
    ids = np.array([cid for cid, _ in staged], dtype=np.int64)
    wanted = np.zeros(len(ids), dtype=np.int64)
    values = [np.zeros(len(ids), dtype=object) for _ in stage.columns]  # 0: not set
    for i, (_, cells) in enumerate(staged):
        for column, value in cells.items():
            k = stage.columns.index(column)
            wanted[i] |= 1 << k
            values[k][i] = value
    stage.add(ids, wanted, values)


def test_only_cells_that_really_change_are_written_and_logged(ws):
    ids = [r[0] for r in rows(ws)]
    before = rows(ws)
    with ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name", "orders", "total_spent"],
                             "c.status = 'active'")
        stage_rows(stage, [
            (ids[0], {"name": "新名字", "orders": 1.0, "total_spent": 1200}),  # 1 == 1.0: name only
            (ids[1], {"orders": "1"}),  # the text '1' is not the number 1: a change
            (ids[2], {"name": None}),  # the name blanked
        ])
        changed, cells = stage.apply(op.id)
        stage.close()
        op_id = op.id
    assert (changed, cells) == (3, 3)
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
    assert images[0][2] == json.dumps({"id": ids[0], "name": "新名字"}, ensure_ascii=False), \
        "the same text Operation.write_changes logs"
    oplog.undo(ws)
    assert rows(ws) == before


ODD_VALUES = [  # name, orders, total_spent, notes
    ("", 0, 0.0, None),  # empty text is not NULL; a 0 that is set is written (unset cells are 0)
    ('{"a": 1}', -7, 1e300, "[50, 199]"),  # text that looks like JSON stays text
    ("null", 2**62, -0.5, 'he said "hi"\\\n\t\x01'),  # quotes, backslash, control characters
    (None, True, float("nan"), "😀 王 ünï"),  # True is kept as 1, NaN as NULL
]


def test_values_of_every_kind_round_trip_through_stage_apply_undo_and_redo(ws):
    from app.storage.imports import store_import

    store_import(ws, sample_import(name="b.xlsx", digest="def", n=2))
    ws.conn.execute("UPDATE customers SET notes = 'x', orders = '1', total_spent = 5")
    ws.conn.commit()
    columns = ["name", "orders", "total_spent", "notes"]
    ids = [r[0] for r in rows(ws)]
    assert len(ids) == len(ODD_VALUES) + 1
    original = stored(ws, columns)
    with ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", columns, "c.status = 'active'")
        # Two batches, the second with the last row wanting only one of its columns.
        stage_rows(stage, [(cid, dict(zip(columns, vals, strict=True)))
                           for cid, vals in zip(ids[:2], ODD_VALUES[:2], strict=True)])
        first = stage.apply(op.id)
        stage_rows(stage, [(cid, dict(zip(columns, vals, strict=True)))
                           for cid, vals in zip(ids[2:4], ODD_VALUES[2:], strict=True)]
                   + [(ids[4], {"notes": None})])
        second = stage.apply(op.id)
        stage.close()
    assert (first, second) == ((2, 8), (3, 9)), "(rows, cells) changed by each batch"
    expected = [(1, "", "text", 0, "integer", 0.0, "real", None, "null"),
                (2, '{"a": 1}', "text", -7, "integer", 1e300, "real", "[50, 199]", "text"),
                (3, "null", "text", 2**62, "integer", -0.5, "real", 'he said "hi"\\\n\t\x01',
                 "text"),
                (4, None, "null", 1, "integer", None, "null", "😀 王 ünï", "text")]
    after = stored(ws, columns)
    assert [r[1:] for r in after[:4]] == [r[1:] for r in expected]
    assert after[4][1:] == (*original[4][1:7], None, "null")
    images = ws.conn.execute("SELECT before, after FROM op_changes WHERE op_id = ? ORDER BY id",
                             (op.id,)).fetchall()
    assert json.loads(images[2][1]) == {"id": ids[2], "name": "null", "orders": 2**62,
                                        "total_spent": -0.5, "notes": 'he said "hi"\\\n\t\x01'}
    oplog.undo(ws)
    assert stored(ws, columns) == original, "undo gives back the values and their types"
    oplog.undo(ws)
    assert stored(ws, columns) == after, "redo gives back exactly what the step wrote"


def test_rows_outside_the_filter_are_left_alone(ws):
    ids = [r[0] for r in rows(ws)]
    ws.conn.execute("UPDATE customers SET status = 'merged' WHERE id = ?", (ids[0],))
    ws.conn.commit()
    with ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name"], "c.status = 'active'")
        stage_rows(stage, [(i, {"name": "同一个名字"}) for i in ids])
        assert stage.apply(op.id) == (2, 2)
    assert rows(ws)[0][1] != "同一个名字"


def test_cancel_stops_the_statement_and_nothing_is_kept(ws):
    before = rows(ws)
    steps = len(oplog.history(ws))
    with pytest.raises(Cancelled), ws.operation("clean", "test") as op:
        stage = StagedUpdate(op.conn, "customers", ["name"])
        stage_rows(stage, [(r[0], {"name": "x"}) for r in before])
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
        stage_rows(stage, [(r[0], {"name": "x"}) for r in before])
        stage.apply(op.id, cancel=cancel)
    assert isinstance(stopped.value.__cause__, sqlite3.OperationalError), \
        "stopped inside the statement by the progress handler"
    assert rows(ws) == before


def test_a_column_name_that_is_not_a_plain_word_is_refused(ws):
    with pytest.raises(ValueError):
        StagedUpdate(ws.conn, "customers", ['name" = 1; --'])
