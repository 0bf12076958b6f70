"""Segment storage and use cases on a real workspace: orders, RFM, personas, rules, tags, undo."""

from datetime import datetime

import pytest
from openpyxl import Workbook

from app.core.errors import UsageProblem
from app.storage import oplog
from app.storage.workspace import Workspace
from app.workers import segment_tasks as tasks
from app.workers import usecases


def zhao_liu_book(path):
    """One more customer, 赵六, whose phone an order line carries: imported after the lines."""
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "城市"])
    sheet.append(["赵六", "139 1234 5678", "杭州"])
    book.save(path)
    return path


def customers_book(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "邮箱", "城市", "行业", "员工人数"])
    rows = [
        ("王伟", "13800138001", "wang@qq.com", "广州", "制造业", 500),
        ("李娜", "13800138002", "lina@163.com", "广州", "零售", 12),
        ("张敏", "13800138003", "zhang@163.com", "深圳", "制造业", 80),
        ("刘洋", "13800138004", "liu@qq.com", "北京", "互联网", 30),
        ("陈静", "13800138005", None, "上海", "教育培训", 8),
        ("杨帆", "13800138006", "yang@qq.com", "广州", "零售", 3),
    ]
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def orders_book(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "订单明细"
    ws.append(["订单号", "下单时间", "客户手机", "客户邮箱", "金额", "渠道"])
    lines = [
        ("A1", datetime(2024, 6, 20, 10, 0), "138 0013 8001", None, 1000.0, "天猫"),
        ("A2", datetime(2024, 5, 1), None, "WANG@QQ.COM", 2000.0, "天猫"),
        ("A2", datetime(2024, 5, 1), None, "wang@qq.com", 2000.0, "天猫"),  # repeated order
        ("A3", "2023/12/01", "13800138002", None, "¥300", "抖音"),
        ("A4", datetime(2024, 6, 1), "13800138003", None, 800, "门店"),
        ("A5", datetime(2024, 3, 1), "13912345678", None, 50, "门店"),  # not a customer
        ("A6", datetime(2024, 3, 2), "13800000000", None, 50, "门店"),  # fake phone
        ("A7", datetime(2024, 1, 5), "+86 138-0013-8004", None, "1,200元", "天猫"),
    ]
    for line in lines:
        ws.append(list(line))
    wb.save(path)
    return path


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "w.sdstudio")
    usecases.import_files(workspace, [customers_book(tmp_path / "客户.xlsx")])
    yield workspace
    workspace.close()


def ids_by_name(ws):
    frame = usecases.customers_frame(ws)
    return dict(zip(frame["name"], frame["customer_id"], strict=True))


def test_orders_link_store_every_line_and_reimport_adds_nothing(ws, tmp_path):
    book = orders_book(tmp_path / "orders.xlsx")
    report = tasks.import_orders(ws, book)
    assert report.lines == 8 and report.linked == 5
    assert report.counts["duplicate_order"] == 1
    assert report.counts["not_in_customer_list"] == 1
    assert report.counts["fake_identifier"] == 1
    reasons = {u["row"]: u["status"] for u in report.unlinked}
    assert reasons == {7: "not_in_customer_list", 8: "fake_identifier"}
    stored = ws.conn.execute("SELECT source, raw FROM orders ORDER BY id").fetchall()
    assert stored[0][0] == "orders.xlsx|订单明细|2" and '"A1"' in stored[0][1]
    again = tasks.import_orders(ws, book)
    assert again.already_imported_at is not None
    assert ws.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 8
    oplog.undo(ws)  # the orders import
    assert ws.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0
    assert tasks.import_orders(ws, book).already_imported_at is None  # importable again


def test_rfm_values_classes_and_rerun_replaces_and_undoes(ws, tmp_path):
    tasks.import_orders(ws, orders_book(tmp_path / "orders.xlsx"))
    report = tasks.run_rfm(ws, "2024-07-01")
    assert report.source == "orders" and report.buyers == 4 and report.customers == 6
    frame = tasks.analysis_frame(ws).set_index("name")
    assert frame.loc["王伟", "recency_days"] == 11
    assert frame.loc["王伟", "frequency"] == 2  # A2 repeated counts once
    assert frame.loc["王伟", "monetary"] == 3000.0
    assert frame.loc["李娜", "monetary"] == 300.0
    assert frame.loc["陈静", "rfm_class"] == "无购买记录"
    assert sum(c["size"] for c in report.classes) == 6
    assert int(report.grid.to_numpy().sum()) == 4
    first = tasks.segment_customer_ids(ws, "RFM")
    later = tasks.run_rfm(ws, "2025-07-01")
    assert later.reference_date == "2025-07-01"
    assert ws.conn.execute("SELECT COUNT(*) FROM segments WHERE kind='rfm'").fetchone()[0] == 1
    assert tasks.analysis_frame(ws).set_index("name").loc["王伟", "recency_days"] == 376
    oplog.undo(ws)
    assert tasks.rfm_report(ws).reference_date == "2024-07-01"
    assert tasks.analysis_frame(ws).set_index("name").loc["王伟", "recency_days"] == 11
    assert tasks.segment_customer_ids(ws, "RFM") == first
    wang = ids_by_name(ws)["王伟"]
    klass = tasks.analysis_frame(ws).set_index("name").loc["王伟", "rfm_class"]
    assert wang in tasks.segment_customer_ids(ws, f"RFM:{klass}")


def test_lines_find_customers_imported_later_and_after_the_rfm_run_is_undone(ws, tmp_path):
    # Line A5 (13912345678) names nobody on the list. RFM re-runs with the same customers skip
    # matching it again; once that person is imported, or the RFM that linked it is undone,
    # the next RFM links it.
    tasks.import_orders(ws, orders_book(tmp_path / "orders.xlsx"))
    assert tasks.run_rfm(ws, "2024-07-01").relinked == 0
    tasks.add_tag(ws, "vip", [ids_by_name(ws)["王伟"]])
    assert tasks.run_rfm(ws, "2024-07-01").relinked == 0
    usecases.import_files(ws, [zhao_liu_book(tmp_path / "more.xlsx")])
    report = tasks.run_rfm(ws, "2024-07-01")
    assert report.relinked == 1 and report.buyers == 5
    zhao = tasks.analysis_frame(ws).set_index("name").loc["赵六"]
    assert (zhao["frequency"], zhao["monetary"], zhao["recency_days"]) == (1, 50.0, 122)
    again = tasks.run_rfm(ws, "2024-07-01")
    assert again.relinked == 0  # linked for good now
    oplog.undo(ws, again.op_id)
    oplog.undo(ws, report.op_id)  # the RFM run that linked it: the line is unlinked again
    assert ws.conn.execute("SELECT status FROM orders WHERE order_no = 'A5'").fetchone()[0] \
        == "not_in_customer_list"
    assert tasks.run_rfm(ws, "2024-07-01").relinked == 1


def test_rfm_without_orders_uses_customer_fields(tmp_path):
    wb = Workbook()
    sheet = wb.active
    sheet.append(["姓名", "手机", "最近购买日期", "购买次数", "消费金额"])
    sheet.append(["甲", "13800138001", datetime(2024, 6, 1), 3, 900])
    sheet.append(["乙", "13800138002", datetime(2023, 6, 1), 1, 100])
    wb.save(tmp_path / "c.xlsx")
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        usecases.import_files(ws, [tmp_path / "c.xlsx"])
        report = tasks.run_rfm(ws, "2024-07-01")
        assert report.source == "customer_fields"
        frame = tasks.analysis_frame(ws).set_index("name")
        assert frame.loc["甲", "recency_days"] == 30 and frame.loc["乙", "frequency"] == 1


def test_kmeans_personas_rename_is_undoable(ws, tmp_path):
    tasks.import_orders(ws, orders_book(tmp_path / "orders.xlsx"))
    run = tasks.cluster_sweep(ws, ["monetary", "employees", "city"])
    report = tasks.save_clusters(ws, run, 2)
    assert report.k == 2 and 2 <= report.recommended_k <= 4 and report.reason_en
    assert sum(p["size"] for p in report.personas) == 6
    assert all(p["description_zh"] and p["description_en"] for p in report.personas)
    tasks.rename_persona(ws, 1, "大客户")
    assert tasks.cluster_report(ws).personas[0]["name"] == "大客户"
    assert len(tasks.segment_customer_ids(ws, "Personas:大客户")) == report.personas[0]["size"]
    assert set(tasks.analysis_frame(ws)["persona"].dropna()) >= {"大客户"}
    oplog.undo(ws)
    assert tasks.cluster_report(ws).personas[0]["name"] != "大客户"


def test_rule_segments_stay_live_and_tags_are_undoable(ws, tmp_path):
    size = tasks.save_rule_segment(ws, "广州制造", "城市 = 广州 and 行业 = 制造业")
    assert size == 1
    assert tasks.save_rule_segment(ws, "VIP", {"op": "and", "items": [
        {"field": "tags", "op": "has_tag", "value": "VIP"}]}) == 0
    ids = ids_by_name(ws)
    assert tasks.add_tag(ws, "VIP", [ids["李娜"], ids["王伟"]]) == 2
    assert tasks.add_tag(ws, "VIP", [ids["王伟"]]) == 0  # already there
    sizes = {s.name: s.size for s in tasks.list_segments(ws)}
    assert sizes["VIP"] == 2  # re-evaluated, not a stale 0
    assert tasks.tag_customer_ids(ws, "vip") == sorted([ids["李娜"], ids["王伟"]])
    assert tasks.remove_tag(ws, "VIP", [ids["李娜"]]) == 1
    assert tasks.segment_customer_ids(ws, "VIP") == [ids["王伟"]]
    oplog.undo(ws)  # the removal
    assert len(tasks.segment_customer_ids(ws, "VIP")) == 2
    # a new customer import changes the rule segment's size without re-saving it
    wb = Workbook()
    sheet = wb.active
    sheet.append(["姓名", "手机", "城市", "行业"])
    sheet.append(["赵磊", "13800138009", "广州", "制造业"])
    wb.save(tmp_path / "more.xlsx")
    usecases.import_files(ws, [tmp_path / "more.xlsx"])
    assert {s.name: s.size for s in tasks.list_segments(ws)}["广州制造"] == 2
    with pytest.raises(UsageProblem):
        tasks.save_rule_segment(ws, "RFM", "城市 = 广州")
    with pytest.raises(UsageProblem):
        tasks.segment_customer_ids(ws, "nope")


def test_lifecycle_and_bant_edits_are_usable_in_rules_and_undoable(ws):
    ids = ids_by_name(ws)
    changed = tasks.set_marketing_fields(ws, [ids["刘洋"]], lifecycle="evaluation",
                                         bant_budget="有", bant_authority="决策人",
                                         bant_need="high", bant_timeline="本月")
    assert changed == 1
    frame = tasks.analysis_frame(ws)
    assert tasks.count_rule(frame, "lifecycle_stage = evaluation") == 1
    assert tasks.count_rule(frame, "lead_score >= 100") == 1
    with pytest.raises(UsageProblem):
        tasks.set_marketing_fields(ws, [ids["刘洋"]], lifecycle="sleeping")
    oplog.undo(ws)
    frame = tasks.analysis_frame(ws)
    assert tasks.count_rule(frame, "lead_score >= 100") == 0
