"""Cleaning on a real workspace: one undoable step, exact undo, idempotent, merges, recipes."""

import json
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import Workbook

from app.core.errors import StudioError
from app.core.progress import Cancelled, CancelToken
from app.storage import oplog
from app.storage.workspace import Workspace
from app.workers import clean_tasks as tasks
from app.workers import usecases


def messy_book(path):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "客户名单"
    sheet.append(["姓名", "手机", "邮箱", "公司", "城市", "省份", "员工人数", "首次购买日期",
                  "消费金额", "是否同意营销"])
    rows = [
        ("王先生", "+86 138-0013-8000", "Wang@QQ.COM ", "广州美佳贸易有限公司", "广州市", None,
         "50-199人", "2023/5/1", "¥1,200.00", "是"),
        ("张三", "13800000000", "test@test.com", "个人", "N/A", "广东", "约120人",
         datetime(2023, 5, 2), "1.2万", "N"),
        ("KAREN HILL", "13912345678 / 020-88888888", "karen@gmial.com", "Hill Trading Co., Ltd.",
         "Guagnzhou", "Guangdong", 80, 45047, "RMB 1200", None),
        ("李娜", "1366829430", "li.na@163.cm", "美佳贸易", "廣州", "廣東省", "1000+",
         "2023-02-30", "1200元", "不同意"),
        ("Emma Smith", "13700137000", "emma@example.org", None, "GZ", None, None, None, 300, "yes"),
    ]
    for row in rows:
        sheet.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "w.sdstudio")
    usecases.import_files(workspace, [messy_book(tmp_path / "客户.xlsx")])
    yield workspace
    workspace.close()


def frame(ws):
    return usecases.customers_frame(ws)


def test_clean_is_one_step_and_undo_restores_the_exact_customers(ws):
    before = frame(ws)
    steps = len(oplog.history(ws))
    plan = tasks.plan_cleaning(ws)
    assert plan.counts()["phone.e164"] >= 2 and plan.counts()["fake.blank"] >= 4
    result = tasks.apply_cleaning(ws, plan)
    assert result.op_id is not None and result.cells >= len(plan.changes)
    assert len(oplog.history(ws)) == steps + 1, "the whole clean is ONE history entry"
    after = frame(ws).set_index("customer_id")
    first, fake, karen = after.index[0], after.index[1], after.index[2]
    assert after.loc[first, "phone"] == "+8613800138000"
    assert after.loc[first, "name"] == "王" and after.loc[first, "salutation"] == "先生"
    assert after.loc[first, "email"] == "wang@qq.com" and after.loc[first, "province"] == "广东省"
    assert after.loc[karen, "alt_phones"] == ["+862088888888"]
    assert after.loc[karen, "email"] == "karen@gmail.com"
    assert pd.isna(after.loc[fake, "phone"])
    assert after.loc[fake, "flags"]["phone"] == "fake" and after.loc[fake, "flags"]["email"] == "fake"
    assert result.score_after > result.score_before

    dump = usecases.full_dump_frame(ws).set_index("customer_id")
    assert "phone:fake" in dump.loc[fake, "flags"].split(";")

    oplog.undo(ws)
    pd.testing.assert_frame_equal(frame(ws), before)
    oplog.undo(ws)  # undoing the undo is redo
    assert frame(ws).set_index("customer_id").loc[first, "phone"] == "+8613800138000"


def test_cleaning_twice_changes_nothing_the_second_time(ws):
    tasks.apply_cleaning(ws, tasks.plan_cleaning(ws))
    cleaned = frame(ws)
    steps = len(oplog.history(ws))
    again = tasks.plan_cleaning(ws)
    assert len(again.changes) == 0, list(again.changes)[:5]
    result = tasks.apply_cleaning(ws, again)
    assert result.op_id is None and result.cells == 0
    assert len(oplog.history(ws)) == steps
    pd.testing.assert_frame_equal(frame(ws), cleaned)


def test_flags_and_alternates_merge_with_what_is_there(ws):
    cid = int(frame(ws)["customer_id"].iloc[1])
    ws.conn.execute("UPDATE customers SET flags = ?, alt_phones = ? WHERE id = ?",
                    ('{"company": "placeholder"}', '["+8613911112222"]', cid))
    ws.conn.commit()
    tasks.apply_cleaning(ws, tasks.plan_cleaning(ws, only=["fake.blank"]))
    row = frame(ws).set_index("customer_id").loc[cid]
    assert row["flags"]["company"] == "placeholder" and row["flags"]["phone"] == "fake"
    assert row["alt_phones"] == ["+8613911112222"]


def test_only_some_rules_and_bands_survive_storage(ws):
    result = tasks.apply_cleaning(ws, tasks.plan_cleaning(ws), ["employees.parse", "city.canonical"])
    assert set(result.counts) == {"employees.parse", "city.canonical"}
    after = tasks.load_for_cleaning(ws)
    assert after["employees"].tolist()[:4] == [[50, 199], 120, 80, [1000, None]]
    assert after["phone"].iloc[0] == "+86 138-0013-8000", "a rule not chosen changed nothing"
    assert list(after["city"]) == ["广州", "N/A", "广州", "广州", "广州"]


def test_cancel_leaves_the_workspace_unchanged(ws):
    before = frame(ws)
    plan = tasks.plan_cleaning(ws)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        tasks.apply_cleaning(ws, plan, cancel=token)
    pd.testing.assert_frame_equal(frame(ws), before)


def test_cluster_merge_is_undoable(ws):
    clusters = tasks.cluster_column(ws, "city", "pinyin")
    guangzhou = next(c for c in clusters if c.key == "guangzhou")
    assert {"广州市", "Guagnzhou", "廣州"} <= {v for v, _ in guangzhou.values} or len(
        guangzhou.values) >= 2
    before = frame(ws)
    mapping = {v: "广州" for v, _ in guangzhou.values}
    applied = tasks.apply_cluster_merge(ws, "city", mapping)
    assert applied.customers == sum(n for v, n in guangzhou.values if v != "广州")
    assert oplog.history(ws)[-1].summary.startswith("Merge")
    oplog.undo(ws)
    pd.testing.assert_frame_equal(frame(ws), before)


def test_recipes_are_kept_by_rule_and_unknown_ones_refused(ws):
    tasks.save_recipe(ws, "monthly", ["phone.e164", "email.tidy"])
    run = tasks.clean_workspace(ws, recipe="monthly")
    assert set(run.result.counts) == {"phone.e164", "email.tidy"}
    assert [r.name for r in tasks.list_recipes(ws)] == ["last", "monthly"]
    with pytest.raises(StudioError, match="no saved recipe"):
        tasks.clean_workspace(ws, recipe="nope")
    with pytest.raises(StudioError, match="Unknown cleaning rule"):
        tasks.plan_cleaning(ws, only=["phone.bogus"])


def test_dry_run_writes_nothing(ws):
    before = frame(ws)
    steps = len(oplog.history(ws))
    run = tasks.clean_workspace(ws, dry_run=True)
    assert run.dry_run and run.result.counts["phone.e164"] >= 2
    assert len(oplog.history(ws)) == steps
    pd.testing.assert_frame_equal(frame(ws), before)


def test_excluding_fake_customers_is_one_undoable_step(ws):
    before = frame(ws)
    plan = tasks.plan_cleaning(ws, settings=tasks.CleanSettings(fake="exclude"))
    assert plan.excluded, "张三 / 13800000000 / test@test.com is a fake row"
    result = tasks.apply_cleaning(ws, plan)
    after = frame(ws)
    assert len(after) == len(before) - len(plan.excluded)
    assert not set(plan.excluded) & set(after["customer_id"])
    statuses = dict(ws.conn.execute("SELECT id, status FROM customers").fetchall())
    assert all(statuses[c] == "excluded" for c in plan.excluded), "kept in the workspace"
    oplog.undo(ws, result.op_id)
    pd.testing.assert_frame_equal(frame(ws), before)


def test_phones_found_in_notes_added_as_alternates_and_undone(ws):
    cid = int(frame(ws)["customer_id"].iloc[0])
    ws.conn.execute("UPDATE customers SET notes = '老板手机 13700001234' WHERE id = ?", (cid,))
    plan = tasks.plan_cleaning(ws)
    assert [(s.customer_id, s.value) for s in plan.suggestions] == [(cid, "+8613700001234")]
    before = frame(ws)
    result = tasks.apply_note_phones(ws, plan)
    assert result.op_id is not None and result.counts == {"phone.from_notes": 1}
    assert frame(ws).set_index("customer_id").loc[cid, "alt_phones"] == ["+8613700001234"]
    oplog.undo(ws, result.op_id)
    pd.testing.assert_frame_equal(frame(ws), before)


def test_a_released_plan_is_emptied_and_the_workspace_untouched(ws):
    plan = tasks.plan_cleaning(ws)
    assert len(plan.changes) and plan.flags
    before = frame(ws)
    tasks.release_plan(plan)
    assert all(len(c.old) == 0 and len(c.new) == 0 for c in plan.columns.values())
    assert not plan.flags and not plan.alt_phones
    pd.testing.assert_frame_equal(frame(ws), before)


@pytest.mark.parametrize("presses_after", [2, 4])
def test_cancel_between_or_during_batches_leaves_the_workspace_unchanged(ws, monkeypatch,
                                                                         presses_after):
    from app.storage import clean_store

    monkeypatch.setattr(clean_store, "CHUNK", 1)  # a batch per customer, several in flight
    before = frame(ws)
    steps = len(oplog.history(ws))
    plan = tasks.plan_cleaning(ws)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > presses_after

    with pytest.raises(Cancelled):
        clean_store.apply_plan(ws, plan, "test", progress=None, cancel=cancel)
    pd.testing.assert_frame_equal(frame(ws), before)
    assert len(oplog.history(ws)) == steps
    result = tasks.apply_cleaning(ws, plan)  # and the workspace is usable afterwards
    assert result.op_id is not None


def test_json_cells_are_stored_as_json_dumps_writes_them(ws):
    """Later steps compare the stored text (IS NOT) and undo restores it: a band or a flags
    dict written with other spacing would count as a change the next time."""
    plan = tasks.plan_cleaning(ws)
    tasks.apply_cleaning(ws, plan)
    rows = ws.conn.execute("SELECT employees, flags FROM customers ORDER BY id").fetchall()
    bands = [e for e, _ in rows if isinstance(e, str) and e.startswith("[")]
    flags = [f for _, f in rows if f]
    assert "[50, 199]" in bands and flags
    for text in bands + flags:
        assert text == json.dumps(json.loads(text), ensure_ascii=False)
