"""History lines keep their template and arguments next to the English text, so the GUI can
show them in the user's language; lines from older workspaces stay as they were stored."""

import json
import shutil
from pathlib import Path

from app.core.i18n import Summary
from app.storage import oplog
from app.storage.imports import store_import
from app.storage.workspace import SUMMARY_KEY, Workspace
from tests.storage.helpers import sample_import

FIXTURES = Path(__file__).parent / "fixtures"
ZH = {
    "Import {file}: {rows:,} rows": "导入 {file}：{rows:,} 行",
    "Undo: {step}": "撤销：{step}",
    "Redo: {step}": "重做：{step}",
}


def chinese(context, text):
    return ZH.get(text, text)


def test_a_new_step_stores_english_text_and_its_template(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import(n=3))
        text, params = ws.conn.execute("SELECT summary, params FROM operations").fetchone()
        assert text == "Import 客户.xlsx: 3 rows"  # the CLI and older readers see this
        assert json.loads(params)[SUMMARY_KEY]["t"] == "Import {file}: {rows:,} rows"
        step = oplog.history(ws)[-1]
        assert isinstance(step.summary, Summary) and SUMMARY_KEY not in step.params
        assert step.params["rows"] == 3
        assert step.summary.render(chinese) == "导入 客户.xlsx：3 行"

        undo = oplog.undo(ws)
        assert undo.summary == "Undo: Import 客户.xlsx: 3 rows"
        assert undo.summary.render(chinese) == "撤销：导入 客户.xlsx：3 行"
        redo = oplog.undo(ws, undo.id)
        assert redo.summary.render(chinese) == "重做：导入 客户.xlsx：3 行"
        # Read back from the file, not from the objects just made.
        assert [e.summary.render(chinese) for e in oplog.history(ws)] == [
            "导入 客户.xlsx：3 行", "撤销：导入 客户.xlsx：3 行",
            "重做：导入 客户.xlsx：3 行"]


def test_steps_from_an_older_workspace_keep_their_stored_text(tmp_path):
    path = tmp_path / "old.sdstudio"
    shutil.copy(FIXTURES / "workspace_v1.sdstudio", path)
    with Workspace.open(path) as ws:
        entries = oplog.history(ws)
        assert [e.summary for e in entries][:2] == ["Import 客户名单.xlsx: 6 rows",
                                                    "Merge 2 customers into 王伟"]
        assert not any(isinstance(e.summary, Summary) for e in entries)


def test_a_damaged_template_falls_back_to_the_stored_text(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        with ws.operation("clean", "Clean: 3 cells", {}) as op:
            op_id = op.id
        with ws.transaction() as conn:
            conn.execute("UPDATE operations SET params = ? WHERE id = ?",
                         (json.dumps({SUMMARY_KEY: {"t": 7}}), op_id))
        assert oplog.history(ws)[-1].summary == "Clean: 3 cells"
    # A translation that does not fit the arguments shows the English line, not a template.
    line = Summary("Import {file}: {rows:,} rows", file="a.csv", rows=3)
    assert line.render(lambda c, t: "导入 {name}") == "Import a.csv: 3 rows"
