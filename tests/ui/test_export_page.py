"""The Export page driven like a user on a real workspace: summary, export, suppression, erase."""

import csv

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.storage import backups
from app.storage.workspace import Workspace
from app.ui.pages import export_page
from app.workers import usecases
from tests.cli.test_cli_export import book


@pytest.fixture
def window(open_studio, tmp_path):
    path = tmp_path / "exp.sdstudio"
    with Workspace.open(path) as ws:
        usecases.import_files(ws, [book(tmp_path / "客户.xlsx")])
    return open_studio(path)


def export_page_ready(qtbot, window):
    window.show_page("export")
    page = window.page("export")
    qtbot.waitUntil(lambda: page.plan is not None, timeout=10000)
    return page


def wait_count(qtbot, page, text):
    qtbot.waitUntil(lambda: page.count.text() == text, timeout=10000)


def test_summary_updates_with_consent_choices_and_export_writes_the_file(qtbot, window,
                                                                         tmp_path, monkeypatch):
    page = export_page_ready(qtbot, window)
    assert page.audience.currentText() == "All customers (5)"
    wait_count(qtbot, page, "3 customer(s) will be exported")
    assert "No marketing consent: 1" in page.reasons.text()
    assert "Consent unknown: 1" in page.reasons.text()
    page.include_unknown.setChecked(True)
    wait_count(qtbot, page, "4 customer(s) will be exported")
    assert "people whose consent is unknown were included" in page.warnings.text()
    page.include_no.setChecked(True)
    assert page.no_warning.isVisible() and "history" in page.no_warning.text()
    wait_count(qtbot, page, "5 customer(s) will be exported")

    # columns: untick everything but name and email
    for i in range(page.columns.count()):
        item = page.columns.item(i)
        keep = item.data(Qt.ItemDataRole.UserRole) in ("name", "email")
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: page.plan.columns == ["name", "email"], timeout=10000)
    out = tmp_path / "list.xlsx"
    asked = []
    monkeypatch.setattr(export_page, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(export_page, "confirm",
                        lambda _p, _t, text, warning: asked.append((text, warning)) or True)
    qtbot.waitUntil(page.export_button.isEnabled, timeout=5000)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_done is not None, timeout=10000)
    assert asked[0][1] is True and "GDPR" in asked[0][0]  # the override is warned about
    assert page.result.text() == "5 customer(s) written to list.xlsx."
    assert page.open_folder.isVisible()
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Email") and len(rows) == 6


def test_platform_format_hides_columns_and_counts_its_own_rules(qtbot, window, tmp_path,
                                                                 monkeypatch):
    page = export_page_ready(qtbot, window)
    page.format.setCurrentIndex(page.format.findData("labels-pdf"))
    assert page.layout_choice.isVisible() and not page.columns.isEnabled()
    assert "without an address" in page.format_help.text()
    page.include_unknown.setChecked(True)
    qtbot.waitUntil(lambda: "No postal address: 1" in page.reasons.text(), timeout=10000)
    assert page.count.text() == "3 customer(s) will be exported"  # 赵峰 has no address
    page.format.setCurrentIndex(page.format.findData("mailchimp"))
    wait_count(qtbot, page, "4 customer(s) will be exported")
    out = tmp_path / "mc.csv"
    monkeypatch.setattr(export_page, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(export_page, "confirm", lambda *a: True)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_done is not None, timeout=10000)
    emails = [r["Email Address"] for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert emails == ["wang.wei@qq.com", "zhaofeng@126.com", "emma@hunterfoods.cn",
                      "chen.jing@qq.com"]


def test_typed_suppression_and_erase_dialog(qtbot, window, monkeypatch, tmp_path):
    page = export_page_ready(qtbot, window)
    wait_count(qtbot, page, "3 customer(s) will be exported")
    monkeypatch.setattr(export_page, "ask_text", lambda _p: "chen.jing@qq.com\nnot-an-address")
    qtbot.mouseClick(page.type_list, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1 added to the suppression list" in page.result.text(),
                    timeout=10000)
    assert "1 line(s) held no email or phone" in page.result.text()
    qtbot.waitUntil(lambda: "Suppression list: 1 address" in page.suppression_count.text(),
                    timeout=10000)
    wait_count(qtbot, page, "2 customer(s) will be exported")
    assert "On the suppression list: 1" in page.reasons.text()

    qtbot.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    dialog = page.erase_dialog
    dialog.query.setText("王伟")  # QTest cannot type CJK key events
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=10000)
    assert "wang.wei@qq.com" in dialog.results.item(0).text()
    assert "cannot be undone" in dialog.warning.text()
    assert "safety copy" in dialog.backup_note.text()
    assert not dialog.erase_button.isEnabled()  # not before the warning is acknowledged
    dialog.understood.setChecked(True)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was erased" in page.result.text(), timeout=10000)
    # A wrong erase can be put back: the copy taken just before it, with the person in it.
    folder = backups.backups_folder(tmp_path / "exp.sdstudio")
    assert f"safety copies in {folder} still hold their data" in page.result.text()
    (copy,) = backups.list_backups(tmp_path / "exp.sdstudio")
    assert copy.reason == "before-erase"
    assert b"wang.wei@qq.com" in copy.path.read_bytes()
    qtbot.waitUntil(lambda: page.audience.currentText() == "All customers (4)", timeout=10000)
    qtbot.waitUntil(lambda: "fingerprint" in page.suppression_count.text(), timeout=10000)
    wait_count(qtbot, page, "1 customer(s) will be exported")
