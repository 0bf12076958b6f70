"""The main window: workflow steps down the side, the pages, menus, status, drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.ui.i18n import LANGUAGES, SETTINGS_KEY, Translations, error_text
from app.ui.pages import STEPS, PageContext
from app.ui.widgets import CrashDialog
from app.workers.runner import TaskRunner

WORKSPACE_FILTER = "*.sdstudio"
RECENT_KEY = "recentWorkspaces"
MAX_RECENT = 8
IMPORTABLE = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt"}


class MessageBar(QFrame):
    """A plain note above the pages (import summary, undo result); closes with ×."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("×", self)
        close.setObjectName("closeMessage")
        close.setFixedSize(28, 28)
        close.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_text(self, text) -> None:
        """`text` may be a callable, re-asked when the language changes."""
        self._source = text
        self.retranslate()
        self.setVisible(bool(self.text.text()))

    def retranslate(self) -> None:
        source = getattr(self, "_source", "")
        self.text.setText(source() if callable(source) else source)


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, runner: TaskRunner, translations: Translations | None = None,
                 log_file: str = "") -> None:
        super().__init__()
        self.runner = runner
        self.translations = translations
        self.log_file = log_file
        self.settings = QSettings()
        self.setAcceptDrops(True)
        self.setMinimumSize(960, 600)
        self.context = PageContext(
            runner=runner,
            show_page=self.show_page,
            customers_changed=self.customers_changed,
            show_message=self.show_message,
            report_crash=self.report_crash,
        )
        central = QWidget(self)
        central.setObjectName("central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QFrame(central)
        side.setObjectName("sidebar")
        side.setFixedWidth(210)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 18, 12, 12)
        self.brand = QLabel(side)
        self.brand.setObjectName("brand")
        side_layout.addWidget(self.brand)
        self.steps = QListWidget(side)
        self.steps.setObjectName("steps")
        self.steps.setFrameShape(QFrame.Shape.NoFrame)
        side_layout.addWidget(self.steps, 1)
        self.workspace_label = QLabel(side)
        self.workspace_label.setObjectName("sideWorkspace")
        self.workspace_label.setWordWrap(True)
        side_layout.addWidget(self.workspace_label)
        row.addWidget(side)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.message_bar = MessageBar(central)
        right.addWidget(self.message_bar)
        self.stack = QStackedWidget(central)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {}
        for key, _title, factory in STEPS:
            page = factory(self.context)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.steps.addItem(item)
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.steps.setCurrentRow(0)

        self.status_workspace = QLabel(self)
        self.status_count = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_workspace)
        self.statusBar().addPermanentWidget(self.status_count)
        self._build_menus()
        runner.workspace_changed.connect(self._workspace_changed)
        self.retranslate()

    # ---- pages ---------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        keys = [k for k, *_ in STEPS]
        self.steps.setCurrentRow(keys.index(key))

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def _step_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        hook = getattr(self.stack.currentWidget(), "page_shown", None)
        if hook:
            hook()

    def _each_page(self, hook: str, *args) -> None:
        for page in self.pages.values():
            method = getattr(page, hook, None)
            if method:
                method(*args)

    def customers_changed(self) -> None:
        self.runner.refresh_count()
        self._each_page("customers_changed")

    def show_message(self, text: str) -> None:
        self.message_bar.show_text(text)

    def report_crash(self, details: str) -> None:
        CrashDialog(details, self.log_file, self).exec()

    # ---- workspace -----------------------------------------------------------------------
    def open_workspace(self, path, then=None) -> None:
        task = self.runner.open_workspace(path)
        task.failed.connect(self._workspace_failed)
        if then is not None:
            task.succeeded.connect(lambda _info: then())

    def _workspace_failed(self, error) -> None:
        if not error.expected:
            self.report_crash(error.details)
            return
        QMessageBox.warning(self, self.tr("Workspace"), error_text(error))

    def _workspace_changed(self, info) -> None:
        if info is None:
            return
        if str(info.path) != getattr(self, "_workspace_path", None):
            self._workspace_path = str(info.path)
            self._remember(info.path)
            self._each_page("workspace_changed", info)
        self._show_status()

    def _show_status(self) -> None:
        info = self.runner.workspace_info
        if info is None:
            self.status_workspace.setText(self.tr("No workspace open"))
            self.status_count.setText("")
            self.workspace_label.setText("")
            return
        self.status_workspace.setText(self.tr("Workspace: {name}").format(name=info.name))
        self.status_workspace.setToolTip(str(info.path))
        count = self.tr("{count} customers").format(count=f"{info.customer_count:,}")
        self.status_count.setText(count)
        self.workspace_label.setText(f"{info.name}\n{count}")
        self.setWindowTitle(f"{info.name} — {self._app_title()}")

    def _remember(self, path: Path) -> None:
        recent = [p for p in self._recent() if p != str(path)]
        recent.insert(0, str(path))
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self._fill_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, []) or []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workspace"), "", self.tr("Workspaces") + f" ({WORKSPACE_FILTER})"
        )
        if path:
            if not path.endswith(".sdstudio"):
                path += ".sdstudio"
            self.open_workspace(path)

    def choose_workspace(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), "", self.tr("Workspaces") + f" ({WORKSPACE_FILTER})"
        )
        if path:
            self.open_workspace(path)

    def undo_last(self) -> None:
        from app.workers import usecases  # pandas & co. load on first use, not at start-up

        task = self.runner.submit(usecases.undo, label="undo")
        task.succeeded.connect(self._undone)
        task.failed.connect(self._undo_failed)

    def _undone(self, result) -> None:
        summary = str(getattr(result, "summary", "") or "").removeprefix("Undo: ")
        if summary:
            self.show_message(self.tr("Undone: {step}").format(step=summary))
        else:
            self.show_message(self.tr("The last step was undone."))
        self.customers_changed()

    def _undo_failed(self, error) -> None:
        if error.expected:
            self.show_message(error_text(error))
        else:
            self.report_crash(error.details)

    # ---- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_new = self.file_menu.addAction("", self.new_workspace)
        self.act_open = self.file_menu.addAction("", self.choose_workspace)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addSeparator()
        self.act_import = self.file_menu.addAction("", self._import_files)
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.file_menu.addSeparator()
        self.act_quit = self.file_menu.addAction("", self.close)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.edit_menu = bar.addMenu("")
        self.act_undo = self.edit_menu.addAction("", self.undo_last)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = self.translations.language if self.translations else "en"
        for code, name in LANGUAGES:
            action = self.language_menu.addAction(name)  # each language in its own words
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_actions[code] = action
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self._recent()
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.open_workspace(p))
        self.recent_menu.setEnabled(bool(recent))

    def _import_files(self) -> None:
        self.show_page("import")
        self.pages["import"].choose_files()

    def set_language(self, code: str) -> None:
        if self.translations is None:
            return
        self.translations.apply(code)
        self.settings.setValue(SETTINGS_KEY, code)
        for c, action in self.language_actions.items():
            action.setChecked(c == code)
        self.language_changed.emit(code)

    # ---- texts ---------------------------------------------------------------------------
    def _app_title(self) -> str:
        return self.tr("SmallData Studio") if APP_NAME else ""

    def retranslate(self) -> None:
        self.setWindowTitle(self._app_title())
        self.brand.setText(self._app_title())
        for index, (_key, title, _factory) in enumerate(STEPS):
            self.steps.item(index).setText(f"{index + 1}   {QCoreApplication.translate('steps', title)}")
        self.file_menu.setTitle(self.tr("&File"))
        self.act_new.setText(self.tr("&New workspace…"))
        self.act_open.setText(self.tr("&Open workspace…"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.act_import.setText(self.tr("&Import files…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.act_undo.setText(self.tr("&Undo last step"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.message_bar.retranslate()
        self._show_status()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- drops ---------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        files = self._dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.show_page("import")
        self.pages["import"].open_files(files)

    @staticmethod
    def _dropped_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [
            url.toLocalFile() for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMPORTABLE
        ]

    def closeEvent(self, event) -> None:  # noqa: N802
        self.runner.shutdown()
        super().closeEvent(event)
