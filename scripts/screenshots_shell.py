"""Grab the welcome dialog, the settings dialog and the History page at 1280x800 and 1920x1080,
in English and Chinese, into docs/screenshots/ (a dialog is drawn centred over the window,
as the user sees it).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_shell.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SMALLDATA_HOME"] = tempfile.mkdtemp(prefix="sdshots-")

from PySide6.QtCore import QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402

from app.main import build_window, create_application  # noqa: E402
from app.paths import resource_path  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = ((1280, 800), (1920, 1080))


def pump(app, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.02)


def over_window(window, dialog):
    """The window with `dialog` painted centred on it."""
    image = window.grab()
    dialog.adjustSize()
    picture = dialog.grab()
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
    painter.drawPixmap(QPoint((image.width() - picture.width()) // 2,
                              (image.height() - picture.height()) // 3), picture)
    painter.end()
    return image


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["SMALLDATA_HOME"])
    app = create_application([])
    window = build_window(app, workspace=Path(os.environ["SMALLDATA_HOME"]) / "Sample.sdstudio",
                          language="en")
    window.show()
    pump(app, 10, lambda: window.runner.workspace_info is not None)
    # Some history: the sample, its purchase lines, an RFM segment, then one step undone.
    from app.workers import segment_tasks, usecases

    runner = window.runner
    done = []
    for fn, args in ((usecases.import_files, ([resource_path("samples", "sample_customers.xlsx")],)),
                     (segment_tasks.import_orders, (resource_path("samples", "sample_orders.xlsx"),)),
                     (segment_tasks.run_rfm, ()),
                     (usecases.undo, ())):
        task = runner.submit(fn, *args)
        task.finished.connect(lambda: done.append(1))
        task.failed.connect(lambda e: print("failed:", e.details or e.template))
    pump(app, 60, lambda: len(done) == 4)
    window.customers_changed()
    pump(app, 3)

    from app.ui.settings_dialog import SettingsDialog
    from app.ui.welcome import WelcomeDialog

    for width, height in SIZES:
        window.resize(width, height)
        for code in ("en", "zh_CN"):
            window.set_language(code)
            window.show_page("history")
            page = window.page("history")
            pump(app, 2, lambda p=page: p.table.rowCount() > 0)
            page.table.selectRow(0)
            pump(app, 0.5)
            window.grab().save(str(OUT / f"history_{code}_{width}x{height}.png"))
            window.show_page("import")
            pump(app, 0.3)
            for name, dialog in (("welcome", WelcomeDialog(window)),
                                 ("settings", SettingsDialog(window.app_settings, window))):
                dialog.show()
                pump(app, 0.3)
                over_window(window, dialog).save(str(OUT / f"{name}_{code}_{width}x{height}.png"))
                dialog.close()
    window.set_language("en")
    window.close()
    print("saved to", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
