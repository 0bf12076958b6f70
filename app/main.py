"""The one composition root of the desktop app.

paths -> logging to a file -> excepthook (crash dialog) -> QApplication -> translator ->
task runner (opens the workspace on its own thread) -> main window. Heavy libraries (pandas,
sklearn, matplotlib) are not imported here: the worker loads them when a job first needs them,
so the window shows fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app import APP_NAME, ORG_NAME, __version__
from app.paths import default_workspace, log_dir, sample_workbook

log = logging.getLogger("app")


def setup_logging() -> Path:
    path = log_dir() / "smalldata.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_file: Path) -> None:
    """Unexpected errors on the GUI thread: log them and show a dialog with copyable details
    (the app keeps running; the workspace is untouched because each step is a transaction)."""

    def hook(kind, value, tb):
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unhandled exception:\n%s", details)
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None:
            sys.__excepthook__(kind, value, tb)
            return
        from app.ui.widgets import CrashDialog

        CrashDialog(details, str(log_file)).exec()

    sys.excepthook = hook


GUI_SWITCH_INTERVAL_S = 0.0001


def create_application(argv: list[str]):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    # Every data() a view asks for while painting takes the GIL back from any busy worker.
    # At Python's default 5 ms switch interval each such call could wait 5 ms: with a job
    # running, a repaint of the customer table took 2-5 s. At 0.1 ms it takes about 0.1 s;
    # two worker threads running Python at once lose 5-10% to the extra switches.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    font = QFont(app.font())
    # Chinese glyphs: prefer the platform's CJK UI fonts, fall back to what is installed.
    font.setFamilies([app.font().family(), "Microsoft YaHei UI", "PingFang SC",
                      "Noto Sans CJK SC", "WenQuanYi Micro Hei"])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    from app.ui.style import STYLE

    app.setStyleSheet(STYLE)
    return app


def build_window(app, *, workspace: Path | None, import_paths: list[Path] | None = None,
                 log_file: Path | None = None, language: str | None = None):
    """Translator, runner and main window, with `workspace` opening and `import_paths`
    imported as soon as it is open. Returns the (not yet shown) MainWindow."""
    from app.ui.i18n import Translations, chosen_language, ensure_translations_built
    from app.ui.main_window import MainWindow
    from app.workers.runner import TaskRunner

    if not getattr(sys, "frozen", False):
        try:
            ensure_translations_built()
        except OSError as exc:  # a read-only checkout still runs, in English
            log.warning("could not build translations: %s", exc)
    translations = Translations(app)
    translations.apply(language or chosen_language())
    from app.ui.settings_dialog import AppSettings, apply_font_size

    apply_font_size(app, AppSettings.load().font_size)  # the size chosen in Settings
    runner = TaskRunner()
    window = MainWindow(runner, translations, str(log_file or ""))
    runner.setParent(window)
    window.resize(1280, 800)
    if workspace is not None:
        then = (lambda: import_at_start(window, import_paths)) if import_paths else None
        window.open_workspace(workspace, then=then)
    return window


def import_at_start(window, paths: list[Path]) -> None:
    """Import these files straight away (the README's sample start) and show the table."""
    from PySide6.QtCore import QCoreApplication

    from app.ui.widgets import TaskProgress
    from app.workers.import_job import FileChoice, import_with_choices

    runner = window.runner
    task = runner.submit(import_with_choices, [FileChoice(Path(p)) for p in paths],
                         progress=True, label="import")
    TaskProgress(task, QCoreApplication.translate("ImportPage", "Importing customers…"), window)
    page = window.page("import")
    task.succeeded.connect(lambda reports: window.show_message(lambda: page.summary(reports)))
    task.succeeded.connect(lambda _r: window.customers_changed())
    task.succeeded.connect(lambda _r: window.show_page("customers"))
    task.failed.connect(page._inline_problem)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description=f"{APP_NAME} desktop app")
    parser.add_argument("--workspace", type=Path, help="workspace file to open (created if missing)")
    parser.add_argument("--import", dest="import_paths", type=Path, action="append", default=[],
                        metavar="FILE", help="import this file once the window is open")
    parser.add_argument("--sample", action="store_true",
                        help="open the default workspace with the bundled sample workbook imported")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="language for this run")
    # benchmarks/startup_bench.py: print one line once the window is painted, then quit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_gui(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    log_file = setup_logging()
    install_excepthook(log_file)
    log.info("%s %s starting", APP_NAME, __version__)
    app = create_application([])
    workspace = args.workspace or default_workspace()
    imports = list(args.import_paths)
    if args.sample:
        imports.append(sample_workbook())
    window = build_window(app, workspace=workspace, import_paths=imports, log_file=log_file,
                          language=args.lang)
    window.show()
    if args.startup_probe:
        from PySide6.QtCore import QTimer

        def shown() -> None:
            window.repaint()
            print("startup-probe: window shown", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    elif not imports and not args.workspace:
        from app.ui.welcome import should_show

        if should_show():  # first run: offer the sample or the user's own file
            from PySide6.QtCore import QTimer

            QTimer.singleShot(200, window.show_welcome)
    return app.exec()


def open_app(workspace: Path | None = None, import_paths: list[Path] | None = None) -> int:
    """Open the app on `workspace` (default: the one in the user data folder) and import
    `import_paths` at start."""
    argv: list[str] = ["--workspace", str(workspace or default_workspace())]
    for path in import_paths or []:
        argv += ["--import", str(path)]
    return run_gui(argv)
