"""Screenshots of every step, in English and Chinese, at 1280x800 and 1920x1080.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--only NAME ...]

Walks the bundled sample like a user, in a throw-away workspace: the welcome, the Import
preview, import (and the sample's purchase lines), Check, Clean (the fixes previewed, then
applied), Deduplicate (found, review pane, merges), Customers, Segment (a rule, RFM, automatic
groups), Dashboard, Export, History and Settings. Each state is grabbed in both languages at
both sizes into docs/screenshots/NAME_LANG_WxH.png, written as 256-colour PNGs (a screen of a
calm UI loses nothing visible and the files are 3-4 times smaller).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SMALLDATA_HOME"] = tempfile.mkdtemp(prefix="sdshots-")

from PySide6.QtCore import QBuffer, QDate, QIODevice, QPoint, QRect, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402

from app.main import build_window, create_application  # noqa: E402
from app.paths import resource_path, sample_workbook  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = ((1280, 800), (1920, 1080))
LANGUAGES = ("en", "zh_CN")
RFM_DATE = "2025-01-01"  # after the sample's last purchase, so recency reads sensibly
# People who signed up at a trade show: four look like customers already in the sample
# (same name and city, other e-mail or company), so Deduplicate has unsure pairs to review.
SIGN_UP = """姓名,手机,邮箱,公司,城市,备注
徐涛,,xutao.work@126.com,杭州数联科技,杭州,展会报名
黄敏,,huangmin2024@qq.com,华美贸易,杭州,展会报名
张静,,,深圳创新科技,深圳,展会报名
Henry King,,h.king@outlook.com,,北京,展会报名
周晓梅,18688886666,zhouxm@163.com,星辰文化,成都,展会报名
"""


def pump(app, seconds: float, until=None) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            app.processEvents()
            return True
        time.sleep(0.02)
    return until is None


def save_png(image, path: Path) -> int:
    """Save a QImage/QPixmap as an adaptive 256-colour PNG; returns the size in bytes."""
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                     dither=Image.Dither.NONE).save(path, optimize=True)
    return path.stat().st_size


def over_window(window, dialog):
    """The window with `dialog` drawn centred on it under a plain title bar, as the user
    sees a modal dialog (the offscreen platform draws no window frames)."""
    image = window.grab()
    dialog.resize(dialog.size().expandedTo(dialog.sizeHint()))
    picture = dialog.grab()
    bar = 30
    x = (image.width() - picture.width()) // 2
    y = max(bar, (image.height() - picture.height()) // 3)
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
    painter.fillRect(QRect(x, y - bar, picture.width(), bar), QColor("#e5e7eb"))
    painter.setPen(QColor("#111827"))
    painter.setFont(window.font())
    painter.drawText(QRect(x + 12, y - bar, picture.width() - 24, bar),
                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                     dialog.windowTitle())
    painter.drawPixmap(QPoint(x, y), picture)
    painter.setPen(QColor("#9ca3af"))
    painter.drawRect(QRect(x, y - bar, picture.width() - 1, picture.height() + bar - 1))
    painter.end()
    return image


class Shooter:
    def __init__(self, app, window, only: set[str]) -> None:
        self.app = app
        self.window = window
        self.only = only
        self.saved: list[Path] = []

    def idle(self, seconds: float = 0.6) -> None:
        """Let queued work (page reloads, charts) finish, then settle."""
        pump(self.app, 30, lambda: not self.window.runner.busy)
        pump(self.app, seconds)
        pump(self.app, 30, lambda: not self.window.runner.busy)
        pump(self.app, 0.2)

    def shoot(self, name: str, show, dialog=None, then=None) -> None:
        """Grab state `name` in every language and size. `show()` puts the page in view (it
        runs again after each language switch), `then()` once the page has settled;
        `dialog()` makes a dialog drawn over it."""
        if self.only and name not in self.only:
            return
        for width, height in SIZES:
            self.window.resize(width, height)
            for code in LANGUAGES:
                self.window.set_language(code)
                show()
                self.idle()
                if then is not None:
                    then()
                    self.idle(0.2)
                # Notes above the page are transient (and keep the language they were
                # written in); the pictures show the pages themselves.
                self.window.message_bar.hide()
                self.app.processEvents()
                if dialog is None:
                    image = self.window.grab()
                else:
                    shown = dialog()
                    shown.show()
                    pump(self.app, 0.4)
                    image = over_window(self.window, shown)
                    shown.close()
                    shown.deleteLater()
                path = OUT / f"{name}_{code}_{width}x{height}.png"
                size = save_png(image, path)
                self.saved.append(path)
                print(f"{path.relative_to(ROOT)}  {size // 1024} KB", flush=True)
        self.window.resize(*SIZES[0])
        self.window.set_language("en")
        self.idle(0.3)


def run(app, window, shooter: Shooter) -> None:
    from app.ui.settings_dialog import SettingsDialog
    from app.ui.welcome import WelcomeDialog
    from app.workers import segment_tasks, usecases

    runner = window.runner

    def page(key: str):
        return window.page(key)

    def on(key: str, then=None):
        def show():
            window.show_page(key)
            if then is not None:
                then()
        return show

    def wait(what: str, condition, seconds: float = 120) -> None:
        if not pump(app, seconds, condition):
            raise SystemExit(f"timed out waiting for {what}")
        shooter.idle(0.3)

    # First start: the welcome over the empty window.
    shooter.shoot("welcome", on("import"), dialog=lambda: WelcomeDialog(window))

    # Import: the sample's preview, then import it and its purchase lines.
    importer = page("import")
    importer.open_files([str(sample_workbook())])
    wait("the import preview", lambda: importer.tabs.count() > 0 and importer._pending == 0)
    shooter.shoot("import", on("import"))
    importer.start_import()
    wait("the import", lambda: (runner.workspace_info is not None
                                and runner.workspace_info.customer_count > 0
                                and not runner.busy))
    window.customers_changed()
    done = []
    task = runner.submit(segment_tasks.import_orders,
                         resource_path("samples", "sample_orders.xlsx"))
    task.finished.connect(lambda: done.append(1))
    wait("the purchase lines", lambda: bool(done))
    window.customers_changed()
    window.message_bar.hide()

    # Check.
    check = page("check")
    window.show_page("check")
    wait("the quality check", lambda: check.report is not None)
    shooter.shoot("check", on("check"))

    # Clean: the suggested fixes previewed, then applied.
    clean = page("clean")
    window.show_page("clean")
    clean.find_button.click()
    wait("the cleaning preview", lambda: clean.plan is not None)
    clean.cluster_field.setCurrentIndex(max(clean.cluster_field.findData("city"), 0))
    clean.cluster_button.click()  # similar spellings of the city, grouped
    wait("the similar values", lambda: clean.cluster_tree.topLevelItemCount() > 0, 30)
    shooter.shoot("clean", on("clean"))
    clean.apply_button.click()
    wait("the cleaning", lambda: clean.last_result is not None)
    window.message_bar.hide()

    # Deduplicate: find and merge the sure matches (the sample's duplicates are all sure
    # ones), then a small sign-up list from a trade show brings look-alikes to review.
    dedup = page("dedup")
    window.show_page("dedup")
    dedup.find_button.click()
    wait("the duplicate search", lambda: dedup.run is not None)
    before = dedup.merges_model.rowCount()
    dedup.merge_button.click()
    wait("the merge", lambda: dedup.merges_model.rowCount() > before)
    shooter.shoot("dedup_merges",
                  on("dedup", lambda: dedup.tabs.setCurrentWidget(dedup.merges_tab)))
    signup = Path(os.environ["SMALLDATA_HOME"]) / "展会报名.csv"
    signup.write_text(SIGN_UP, encoding="utf-8")
    done.clear()
    task = runner.submit(usecases.import_files, [signup])
    task.finished.connect(lambda: done.append(1))
    wait("the sign-up list", lambda: bool(done))
    window.customers_changed()
    shooter.idle(0.5)
    searched = dedup.run
    dedup.find_button.click()
    wait("the second duplicate search", lambda: dedup.run is not None and dedup.run is not searched)
    shooter.shoot("dedup_review", on("dedup", lambda: dedup.tabs.setCurrentWidget(dedup.review)))

    # Customers.
    customers = page("customers")
    shooter.shoot("customers", on("customers"))

    # Segment: a rule with a live count (saved), RFM, automatic groups.
    segment = page("segment")
    window.show_page("segment")
    wait("the segment page", lambda: segment.overview is not None)
    rules = segment.rules
    row = rules.groups[0].rows[0]
    row.field.setCurrentIndex(row.field.findData("city"))
    row.op.setCurrentIndex(row.op.findData("one_of"))
    row.value.setText("上海, 北京")
    second = rules.groups[0].add_row()
    second.field.setCurrentIndex(second.field.findData("total_spent"))
    second.op.setCurrentIndex(second.op.findData("gt"))
    second.value.setText("1000")
    shooter.idle(1.0)
    if hasattr(rules, "name"):
        rules.name.setText("上海北京高消费")
        rules.save_button.click()
        shooter.idle(1.0)
    shooter.shoot("segment_rules", on("segment", lambda: segment.tabs.setCurrentWidget(rules)))
    segment.tabs.setCurrentWidget(segment.rfm)
    segment.rfm.date.setDate(QDate.fromString(RFM_DATE, "yyyy-MM-dd"))
    segment.rfm.run_button.click()
    wait("RFM", lambda: segment.rfm.table.rowCount() > 0)
    window.message_bar.hide()
    shooter.shoot("segment_rfm", on("segment", lambda: segment.tabs.setCurrentWidget(segment.rfm)))
    segment.tabs.setCurrentWidget(segment.clusters)
    segment.clusters.run_button.click()
    wait("the automatic groups", lambda: segment.clusters.cards.count() > 0)
    window.message_bar.hide()
    shooter.shoot("segment_clusters",
                  on("segment", lambda: segment.tabs.setCurrentWidget(segment.clusters)))

    # Dashboard, Export, History, Settings.
    dashboard = page("dashboard")
    window.show_page("dashboard")
    wait("the dashboard", lambda: dashboard.data is not None)
    shooter.shoot("dashboard", on("dashboard"))
    export = page("export")
    window.show_page("export")
    wait("the export plan", lambda: export.plan is not None)
    shooter.shoot("export", on("export"))

    def erase_dialog():
        from app.ui.pages.export_page import EraseDialog

        dialog = EraseDialog(export, window)
        dialog.query.setText("张静")
        dialog.search_button.click()
        pump(app, 20, lambda: dialog.results.count() > 0)
        dialog.results.setCurrentRow(0)
        return dialog

    shooter.shoot("export_erase", on("export"), dialog=erase_dialog)

    def backups_dialog():
        from app.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(runner, window)
        pump(app, 20, lambda: dialog.table.rowCount() > 0)
        return dialog

    shooter.shoot("backups", on("history"), dialog=backups_dialog)
    history = page("history")

    def history_selected():
        if history.table.rowCount():
            history.table.selectRow(0)

    shooter.shoot("history", on("history"), then=history_selected)
    shooter.shoot("settings", on("customers"),
                  dialog=lambda: SettingsDialog(window.app_settings, window))
    del customers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="only these screen names")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["SMALLDATA_HOME"])
    app = create_application([])
    workspace = Path(os.environ["SMALLDATA_HOME"]) / "Sample.sdstudio"
    window = build_window(app, workspace=workspace, language="en")
    window.resize(*SIZES[0])
    window.show()
    pump(app, 10, lambda: window.runner.workspace_info is not None)
    shooter = Shooter(app, window, set(args.only))
    run(app, window, shooter)
    window.set_language("en")
    window.close()
    total = sum(p.stat().st_size for p in shooter.saved)
    print(f"{len(shooter.saved)} screenshots, {total / 1024**2:.1f} MB, in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
