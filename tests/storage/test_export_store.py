"""Suppression list, exports log, erasing a person and flagging re-imports, on real workspaces."""

import json
import sqlite3

import openpyxl
import pytest

from app.core.errors import StudioError
from app.storage import oplog
from app.storage.customers import load_customers
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from app.workers import export_tasks as tasks
from tests.storage.helpers import Imported, Table


def people_import(name="客户.xlsx", digest="h1", rows=None) -> Imported:
    headers = ["姓名", "手机", "邮箱", "是否同意营销", "地址"]
    roles = ["name", "phone", "email", "consent", "address"]
    rows = rows or [
        (2, ["王伟", "138 0013 8000", "Wang.Wei@QQ.com", "是", "广州天河路 1 号"]),
        (3, ["李娜", "13900139000", "lina@163.com", "否", "上海世纪大道 2 号"]),
        (4, ["赵峰", "13700137000", "zhaofeng@126.com", None, None]),
        (5, ["王伟", "+86 138-0013-8000", None, "是", None]),
    ]
    return Imported(name, digest, [Table("Sheet1", headers, roles, [rows])])


@pytest.fixture
def ws(tmp_path):
    w = Workspace.open(tmp_path / "w.sdstudio")
    store_import(w, people_import())
    yield w
    w.close()


def test_suppression_from_file_adds_only_new_and_is_applied(ws, tmp_path):
    path = tmp_path / "unsub.csv"
    path.write_text("邮箱,原因\nlina@163.com,退订\nWANG.WEI@qq.com,bounced\nnot an address,x\n",
                    encoding="gbk")
    first = tasks.import_suppression_file(ws, path)
    assert (first.added, first.already, len(first.rejected)) == (2, 0, 1)
    again = tasks.import_suppression_file(ws, path)
    assert (again.added, again.already, again.op_id) == (0, 2, None)  # no empty history step
    typed = tasks.add_suppression_text(ws, "13700137000\nlina@163.com")
    assert (typed.added, typed.total) == (1, 3)
    assert tasks.suppression_counts(ws) == {"unsubscribed": 2, "bounced": 1}
    plan = tasks.plan_export(ws, format="xlsx", include_unknown_consent=True,
                             include_no_consent=True)
    # the second 王伟 row has only the phone, which is not on the list
    assert plan.exported == 1 and plan.left_out == {"suppressed": 3}


def test_undo_of_a_suppression_import_removes_its_entries(ws):
    tasks.add_suppression_text(ws, "lina@163.com")
    oplog.undo(ws)
    assert tasks.suppression_counts(ws) == {}


def test_export_is_logged_in_history_and_exports_table_and_not_undone(ws, tmp_path):
    plan = tasks.plan_export(ws, format="xlsx", include_no_consent=True)
    # 王伟 twice (yes), 李娜 refused but included on request, 赵峰 unknown consent
    assert plan.exported == 3 and plan.left_out == {"unknown_consent": 1}
    assert "refused marketing" in plan.warnings[0]
    done = tasks.write_export(ws, plan, tmp_path / "list.xlsx")
    assert done.summary == ("Export 3 customers to list.xlsx (Excel); includes 1 who refused "
                            "marketing (override)")
    sheet = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    assert [c.value for c in sheet[1]][:2] == ["Name", "Phone"]
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == \
        ["李娜", "王伟", "王伟"]
    (logged,) = tasks.export_history(ws)
    assert (logged["format"], logged["rows"], logged["file_name"], logged["segment"]) == \
        ("xlsx", 3, "list.xlsx", "all customers")
    entry = oplog.history(ws)[-1]
    assert entry.kind == "export" and entry.params["included_no_consent_ids"] == [2]
    with pytest.raises(StudioError, match="cannot be undone"):
        oplog.undo(ws, entry.id)
    assert oplog.undo(ws).summary == "Undo: Import 客户.xlsx: 4 rows"  # skips the export


def _all_text(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(line for line in conn.iterdump())
    finally:
        conn.close()


def test_erase_removes_values_everywhere_and_keeps_only_a_hash(ws, tmp_path):
    # Merge customer 4 into 1 the way dedup records it (before/after images in op_changes),
    # then tag the survivor: all of it holds 王伟's values.
    with ws.operation("merge", "Merge 2 customers") as op:
        op.update("customers", 4, {"status": "merged", "merged_into": 1})
        op.update("customers", 1, {"alt_emails": json.dumps(["ww@example.cn"])})
        op.insert("tags", {"customer_id": 1, "tag": "VIP"})
    found = tasks.find_people(ws, "+86 13800138000")
    assert [p["id"] for p in found] == [1]
    result = tasks.erase_person(ws, email="wang.wei@qq.com")
    assert sorted(result.customer_ids) == [1, 4]
    assert result.raw_rows == 2 and result.history_entries == 3
    assert result.linked_rows == {"tags": 1}
    assert list(load_customers(ws)["name"]) == ["李娜", "赵峰"]
    ws.close()
    dump = _all_text(tmp_path / "w.sdstudio")
    for value in ("王伟", "13800138000", "138 0013 8000", "138-0013", "wang.wei", "ww@example.cn", "广州天河路"):
        assert value not in dump, value
    # not even in freed pages of the file or its WAL
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("w.sdstudio*") if p.is_file())
    assert b"wang.wei" not in raw.lower() and "广州天河路".encode() not in raw
    ws2 = Workspace.open(tmp_path / "w.sdstudio")
    try:
        entry = oplog.history(ws2)[-1]
        assert entry.kind == "erase" and "2 customer record(s)" in entry.summary
        with pytest.raises(StudioError, match="cannot be undone"):
            oplog.undo(ws2, entry.id)
        assert tasks.suppression_counts(ws2) == {"erased": 3}  # 2 emails + 1 phone, hashed
        # an earlier step can still be undone without bringing the person back
        assert "Merge" in oplog.undo(ws2).summary
        assert list(load_customers(ws2)["name"]) == ["李娜", "赵峰"]
    finally:
        ws2.close()


def test_reimported_erased_person_is_flagged_and_left_out(ws):
    tasks.erase_person(ws, customer_id=3)  # 赵峰, 13700137000
    again = people_import("new.xlsx", "h2", rows=[
        (2, ["Zhao Feng", "137-0013-7000", None, "是", "厦门"]),
        (3, ["新客户", "13600136000", "new@qq.com", "是", "北京"]),
    ])
    stored = store_import(ws, again)
    assert tasks.flag_erased_reimports(ws, stored.op_id) == 1
    frame = load_customers(ws)
    flagged = frame[frame["name"] == "Zhao Feng"]["flags"].iloc[0]
    assert flagged == {"erased_match": "erased"}
    assert "matched an erased person" in oplog.history(ws)[-1].summary
    plan = tasks.plan_export(ws, tasks.Audience.selection(frame["customer_id"]), format="csv")
    assert plan.left_out.get("erased_hash_match") == 1
    # undoing the import removes the flagged row with it
    oplog.undo(ws)
    assert "Zhao Feng" not in list(load_customers(ws)["name"])


def test_erase_by_ambiguous_or_unknown_identifier_refuses(ws):
    with pytest.raises(StudioError, match="2 customers match"):
        tasks.erase_person(ws, phone="13800138000")
    with pytest.raises(StudioError, match="No customer matches"):
        tasks.erase_person(ws, email="nobody@nowhere.cn")
