"""A big workbook is imported by a child process: same customers and report as importing it
here, the user's Cancel and the file's problems come back as they would in-process, and the
window's process keeps the workspace's session lock throughout."""

from __future__ import annotations

import pickle

import openpyxl
import pytest

from app.core.errors import ImportProblem, WorkspaceProblem
from app.core.progress import Cancelled
from app.storage.workspace import Workspace
from app.workers import import_job
from app.workers.import_job import FileChoice, import_with_choices

ROWS = 3_000


def _workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客户"
    sheet.append(["客户名单 2024"])  # a title row above the header
    sheet.append(["姓名", "手机", "邮箱", "城市"])
    for i in range(ROWS):
        sheet.append([f"客户{i}", f"139{i:08d}", f"c{i}@qq.com", "广州"])
    book.save(path)
    return path


@pytest.fixture
def in_child(monkeypatch):
    monkeypatch.setattr(import_job, "CHILD_MIN_BYTES", 0)  # every workbook counts as big


def _customers(ws) -> list[tuple]:
    return ws.conn.execute("SELECT name, phone, email, city FROM customers ORDER BY id").fetchall()


def test_the_child_stores_what_an_import_here_stores(tmp_path, in_child):
    book = _workbook(tmp_path / "名单.xlsx")
    seen: list[float] = []
    with Workspace.open(tmp_path / "child.sdstudio") as ws:
        (report,) = import_with_choices(ws, [FileChoice(book)],
                                        progress=lambda f, m="": seen.append(f))
        child_rows = _customers(ws)
        # The window's process still holds the session: a second window is refused.
        with pytest.raises(WorkspaceProblem):
            Workspace.open(tmp_path / "child.sdstudio")
    with Workspace.open(tmp_path / "here.sdstudio") as ws:
        (here,) = import_job.import_here(ws, [FileChoice(book)])
        assert _customers(ws) == child_rows
    assert len(child_rows) == ROWS
    assert (report.file_name, report.sheets[0].rows_imported) == (here.file_name, ROWS)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_a_bad_file_comes_back_as_the_same_plain_message(tmp_path, in_child):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"this is not a zip archive" * 100)
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        with pytest.raises(ImportProblem) as child_error:
            import_with_choices(ws, [FileChoice(bad)])
        with pytest.raises(ImportProblem) as here_error:
            import_job.import_here(ws, [FileChoice(bad)])
        assert ws.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0
    # Template and params survive the trip, so the window can still translate it.
    assert child_error.value.template == here_error.value.template
    assert child_error.value.params == here_error.value.params
    assert "坏文件.xlsx" in str(child_error.value)


def test_cancel_reaches_the_child_and_leaves_the_workspace_as_it_was(tmp_path, in_child):
    book = _workbook(tmp_path / "名单.xlsx")
    asked = []

    def cancel() -> bool:
        # The user presses Cancel just after the import started (the job's own first look
        # says no; every later look, the child's included, says yes).
        asked.append(1)
        return len(asked) > 1

    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        with pytest.raises(Cancelled):
            import_with_choices(ws, [FileChoice(book)], cancel=cancel)
        assert ws.conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 0
        assert ws.conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0
        # And the workspace takes the same file afterwards.
        (report,) = import_with_choices(ws, [FileChoice(book)])
        assert report.sheets[0].rows_imported == ROWS


def test_studio_errors_pickle_with_their_template_and_params():
    error = ImportProblem(ImportProblem.template, file="a.xlsx", sheet="S", row=3)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is ImportProblem
    assert (back.template, back.params, str(back)) == (error.template, error.params, str(error))


def test_a_big_workbooks_preview_comes_from_the_child(tmp_path, in_child):
    from app.workers import usecases

    book = _workbook(tmp_path / "名单.xlsx")
    child = import_job.preview(book)
    here = usecases.preview_file(book)
    assert child == here
    assert child.sheets[0].header_row == 2 and len(child.sheets[0].table_rows) > 0
