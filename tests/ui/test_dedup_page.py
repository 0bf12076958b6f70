"""The Deduplicate page driven like a user on a real imported workbook: find, merge the sure
matches, review a pair with the keyboard, undo one merge."""

import random

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.storage import backups
from app.workers import dedup_tasks, usecases

SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"
CITIES = ["广州", "深圳", "上海", "北京", "杭州", "成都", "武汉", "南京"]
DOMAINS = ["qq.com", "163.com", "126.com", "sina.com"]
PEOPLE = 160


def duplicates_book(path, seed=7):
    """160 people, 12 of them again with the phone written another way (sure), 张伟 / Zhang
    Wei sharing one phone in two formats (sure), two different 王伟 (apart), 3 with a name
    typo at the same company (one typo happens to change nothing: sure), 3 again with only
    name and city in common (unsure), and shared lines / e-mails under other names."""
    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "客户名单"
    sheet.append(["姓名", "手机", "邮箱", "公司", "城市", "最近购买日期", "购买次数"])
    used, rows = set(), []
    for k in range(PEOPLE):
        name = ""
        while not name or name in used:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        used.add(name)
        phone = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
        email = f"user{k:03d}{rng.randrange(100, 999)}@{rng.choice(DOMAINS)}"
        company = (f"{rng.choice(CITIES)}{rng.choice(['美佳', '博远', '腾达', '乐活', '华信'])}"
                   f"{k}贸易有限公司")
        rows.append([name, phone, email, company, rng.choice(CITIES),
                     f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}",
                     rng.randrange(1, 9)])
    for row in rows:
        sheet.append(row)
    for row in rows[:12]:
        p = row[1]
        sheet.append([row[0], f"+86 {p[:3]}-{p[3:7]}-{p[7:]}", row[2].upper(), row[3], row[4],
                      "2024-03-01", row[6] + 1])
    sheet.append(["张伟", "13912345678", "zhangwei.gz@qq.com", "广州美佳贸易有限公司", "广州",
                  "2023-05-01", 2])
    sheet.append(["Zhang Wei", "139 1234 5678", "zhangwei.gz@qq.com", "广州美佳贸易有限公司",
                  "广州", "2024-05-01", 3])
    sheet.append(["王伟", "13600001111", "wangwei88@163.com", "深圳华信科技有限公司", "深圳",
                  "2023-02-02", 1])
    sheet.append(["王伟", "15800002222", "ww.bj@sina.com", "北京宏图教育有限公司", "北京",
                  "2023-03-03", 4])
    for row in rows[20:23]:  # one character of the name mistyped, same company
        sheet.append([row[0][:2] + "华", None, None, row[3], row[4], None, None])
    for row in rows[23:26]:  # same name and city, no company: unsure
        sheet.append([row[0], None, None, "个人", row[4], None, None])
    for row in rows[26:29]:  # a shared line under another name
        sheet.append([rng.choice(SURNAMES) + "芳", row[1], None, row[3], row[4], None, None])
    for row in rows[29:32]:  # a shared e-mail under another name
        sheet.append([rng.choice(SURNAMES) + "敏", None, row[2], None, row[4], None, None])
    book.save(path)
    return path


@pytest.fixture
def window(open_studio, qtbot, tmp_path):
    win = open_studio(tmp_path / "dedup.sdstudio")
    task = win.runner.submit(usecases.import_files, [duplicates_book(tmp_path / "客户.xlsx")])
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    return win


def ask(window, qtbot, fn, *args):
    task = window.runner.submit(fn, *args)
    with qtbot.waitSignal(task.succeeded, timeout=10000) as got:
        pass
    return got.args[0]


def find(window, qtbot):
    window.show_page("dedup")
    page = window.page("dedup")
    before = page.run
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run is not None and page.run is not before, timeout=30000)
    return page


def test_find_merge_review_and_undo(qtbot, window, tmp_path):
    assert ask(window, qtbot, usecases.customer_count) == 188
    page = find(window, qtbot)
    summary = page.summary.text()
    assert "14 sure matches to merge (28 records into 14 customers)" in summary
    assert "3 unsure pairs to review" in summary

    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.merges_model.rowCount() == 14, timeout=20000)
    assert ask(window, qtbot, usecases.customer_count) == 174
    assert "Merged 28 records into 14 customers" in page.status.text()
    (copy,) = backups.list_backups(tmp_path / "dedup.sdstudio")
    assert copy.reason == "before-merge"  # the 188 customers as they were, to restore
    assert not page.merge_button.isEnabled()
    names = [str(m.name) for m in page.merges_model.merges]
    assert sum(n in ("张伟", "Zhang Wei") for n in names) == 1  # hanzi and pinyin: one person
    assert "王伟" not in names  # two different 王伟 stay apart

    # Review: the pair is shown side by side, the differing company highlighted.
    assert page.counter.text() == "Pair 1 of 3"
    first = page.current_pair()
    assert page.pair_table.columnCount() == 2 and "company" in page.pair_table.differing
    # a name no one else in the list holds, in the same city: the pair's own copies make it
    # no more common (app/core/dedup/engine.py _others)
    assert page.likelihood.text().startswith("very likely the same person (")
    assert page.likelihood.text().endswith("(99%)")  # left for review: never "100%"
    assert "Name: identical" in page.reasons.text()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(page.pair_table, Qt.Key.Key_D)
    assert page.counter.text() == "Pair 2 of 3"
    assert page.current_pair() != first
    from app.storage.dedup_store import load_decisions

    qtbot.waitUntil(lambda: (first.a, first.b, "different") in ask(window, qtbot, load_decisions),
                    timeout=10000)
    qtbot.keyClick(page.pair_table, Qt.Key.Key_K)  # skip: nothing stored
    assert page.counter.text() == "Pair 3 of 3"
    qtbot.mouseClick(page.same_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.merges_model.rowCount() == 15, timeout=10000)
    assert "2 answered, 1 skipped" in page.counter.text()
    # Merges from the review pane continue the run that copy protects: no copy per key press.
    assert backups.list_backups(tmp_path / "dedup.sdstudio") == [copy]
    assert ask(window, qtbot, usecases.customer_count) == 173

    # A new search never proposes the pair marked different again.
    page = find(window, qtbot)
    assert all((p.a, p.b) != (first.a, first.b) for p in page.run.result.unsure)

    # Undo one merge from the list: its two customers come back.
    page.tabs.setCurrentIndex(1)
    view = page.merges_view
    rect = view.visualRect(page.merges_model.index(0, page.merges_model.UNDO_COLUMN))
    survivor = page.merges_model.merges[0].survivor_id
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.merges_model.rowCount() == 14, timeout=10000)
    assert ask(window, qtbot, usecases.customer_count) == 174
    assert f"Customer #{survivor} is back as 2 customers" in page.status.text()
    assert survivor not in [m.survivor_id for m in ask(window, qtbot, dedup_tasks.merges)]


def test_chinese_page_reads_in_chinese(qtbot, window):
    window.translations.apply("zh_CN")
    try:
        page = find(window, qtbot)
        assert "14 组确定重复可合并" in page.summary.text()
        assert page.find_button.text() == "查找重复"
        assert page.counter.text() == "第 1 对，共 3 对"
        assert "可能是同一人" in page.likelihood.text()
        assert "姓名：相同" in page.reasons.text()  # the reason in the UI language
        assert page.different_button.text() == "不同的人 (D)"
    finally:
        window.translations.apply("en")
        qtbot.wait(50)  # let every page re-read its texts before the runner stops


def test_survivorship_choices_are_used_and_cancel_changes_nothing(qtbot, window):
    window.show_page("dedup")
    page = window.page("dedup")
    page.find_duplicates()
    page.find_task.cancel()  # as the progress dialog's Cancel does
    qtbot.waitUntil(lambda: "Stopped; nothing changed." in page.status.text(), timeout=10000)
    assert page.run is None and page.find_button.isEnabled()

    page = find(window, qtbot)
    # The user says the sheets hold different purchases, and wants the longest name.
    page.purchases.setCurrentIndex(page.purchases.findData("sum"))
    name_rule = page.rules_table.findChild(type(page.purchases), "rule_name")
    name_rule.setCurrentIndex(name_rule.findData("longest"))
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.merges_model.rowCount() == 14, timeout=20000)
    customers = ask(window, qtbot, usecases.customers_frame).set_index("customer_id")
    zhang = next(m for m in page.merges_model.merges if str(m.name) in ("张伟", "Zhang Wei"))
    assert customers.at[zhang.survivor_id, "name"] == "Zhang Wei"  # longest spelling
    assert customers.at[zhang.survivor_id, "orders"] == 5  # 2 + 3 summed, not the newest 3
