"""Grab the main window at 1280x800 in English and Chinese into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
Uses a throw-away workspace and the bundled sample workbook.
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

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.main import build_window, create_application  # noqa: E402
from app.paths import sample_workbook  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def pump(app, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.02)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["SMALLDATA_HOME"])
    app = create_application([])
    workspace = Path(os.environ["SMALLDATA_HOME"]) / "Sample.sdstudio"
    window = build_window(app, workspace=workspace, language="en")
    window.resize(1280, 800)
    window.show()
    pump(app, 10, lambda: window.runner.workspace_info is not None)
    page = window.page("import")
    page.open_files([str(sample_workbook())])
    pump(app, 20, lambda: page.tabs.count() > 0 and page._pending == 0)
    pump(app, 0.5)
    for code in ("en", "zh_CN"):
        window.set_language(code)
        window.show_page("import")
        pump(app, 0.5)
        window.grab().save(str(OUT / f"import_{code}.png"))
    window.set_language("en")
    page.start_import()
    customers = window.page("customers")
    pump(app, 30, lambda: customers.model.rowCount() > 0 and not window.runner.busy)
    pump(app, 1.0)
    for code in ("en", "zh_CN"):
        window.set_language(code)
        pump(app, 0.5)
        window.grab().save(str(OUT / f"customers_{code}.png"))
    window.close()
    print("saved to", OUT)
    return 0


if __name__ == "__main__":
    QApplication.setApplicationName("SmallData Studio")
    sys.exit(main())
