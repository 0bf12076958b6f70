"""The main window: workflow steps down the side, the pages, menus, status, drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
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
from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.i18n import LANGUAGES, SETTINGS_KEY, Translations, error_text
from app.ui.pages import STEPS, PageContext
from app.ui.pages.history_page import (
    load_history,
    redo_latest,
    redone_step_summary,
    step_summary,
    undo_latest,
)
from app.ui.settings_dialog import AppSettings, SettingsDialog, apply_font_size
from app.ui.widgets import CrashDialog
from app.workers.runner import TaskRunner

WORKSPACE_FILTER = "*.sdstudio"
RECENT_KEY = "recentWorkspaces"
MAX_RECENT = 8
IMPORTABLE = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt"}

# What the next step is for, shown under the step list ("next step" hint). Keys are page keys
# of app/ui/pages STEPS; a step without a line here gets only its title.
NEXT_HINTS = {
    "import": QT_TRANSLATE_NOOP("MainWindow", "Bring in your Excel or CSV files."),
    "customers": QT_TRANSLATE_NOOP("MainWindow", "Look through the customers you imported."),
    "check": QT_TRANSLATE_NOOP("MainWindow", "See how complete and valid the data is."),
    "clean": QT_TRANSLATE_NOOP("MainWindow", "Fix phones, e-mails, names and cities."),
    "dedup": QT_TRANSLATE_NOOP("MainWindow", "Merge the same customer found in several rows."),
    "dedupe": QT_TRANSLATE_NOOP("MainWindow", "Merge the same customer found in several rows."),
    "segment": QT_TRANSLATE_NOOP("MainWindow", "Group customers by rules, RFM or automatic groups."),
    "dashboard": QT_TRANSLATE_NOOP("MainWindow", "See the whole list at a glance."),
    "export": QT_TRANSLATE_NOOP("MainWindow", "Write mailing lists that respect consent."),
    "history": QT_TRANSLATE_NOOP("MainWindow", "See every step and undo any of them."),
}


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
        self.app_settings = AppSettings.load(self.settings)
        self._undo_entry = None  # what Edit > Undo / Redo would act on (HistoryEntry)
        self._redo_entry = None
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
        side.setFixedWidth(236)  # a Chinese next-step hint fits one line (no lone 市。)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 18, 12, 12)
        self.brand = QLabel(side)
        self.brand.setObjectName("brand")
        side_layout.addWidget(self.brand)
        self.steps = QListWidget(side)
        self.steps.setObjectName("steps")
        self.steps.setFrameShape(QFrame.Shape.NoFrame)
        side_layout.addWidget(self.steps, 1)
        self.next_hint = QLabel(side)
        self.next_hint.setObjectName("nextHint")
        self.next_hint.setWordWrap(True)
        self.next_hint.setStyleSheet("color: #4b5563; font-size: 12px; padding: 8px 8px 4px 8px;")
        side_layout.addWidget(self.next_hint)
        self.next_button = QPushButton(side)
        self.next_button.setObjectName("nextStep")
        self.next_button.clicked.connect(self.next_step)
        side_layout.addWidget(self.next_button)
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
        self.status_quality = QLabel(self)
        self.status_quality.setObjectName("statusQuality")
        self.statusBar().addPermanentWidget(self.status_workspace)
        self.statusBar().addPermanentWidget(self.status_count)
        self.statusBar().addPermanentWidget(self.status_quality)
        self._build_menus()
        runner.workspace_changed.connect(self._workspace_changed)
        runner.task_started.connect(self._watch_task)
        # Tab order: the step list, the next-step button, then the page.
        self.setTabOrder(self.steps, self.next_button)
        self.setTabOrder(self.next_button, self.stack)
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
        self._show_next_hint()
        hook = getattr(self.stack.currentWidget(), "page_shown", None)
        if hook:
            hook()

    def next_step(self) -> None:
        row = self.steps.currentRow()
        if row + 1 < self.steps.count():
            self.steps.setCurrentRow(row + 1)
            self.stack.currentWidget().setFocus(Qt.FocusReason.TabFocusReason)

    def previous_step(self) -> None:
        row = self.steps.currentRow()
        if row > 0:
            self.steps.setCurrentRow(row - 1)

    def _show_next_hint(self) -> None:
        row = self.steps.currentRow()
        if row + 1 >= len(STEPS):
            self.next_hint.setText(self.tr("This is the last step."))
            self.next_button.hide()
            return
        key, title, _factory = STEPS[row + 1]
        hint = NEXT_HINTS.get(key)
        title = QCoreApplication.translate("steps", title)
        self.next_hint.setText(self.tr("Next: {step}").format(step=title) + (
            "\n" + QCoreApplication.translate("MainWindow", hint) if hint else ""))
        self.next_button.setText(self.tr("Next step →"))
        self.next_button.show()

    def _each_page(self, hook: str, *args) -> None:
        for page in self.pages.values():
            method = getattr(page, hook, None)
            if method:
                method(*args)

    def customers_changed(self) -> None:
        if self.runner.stopped:  # a job's result arrived as the window closed: nothing to redo
            return
        self.runner.refresh_count()
        self._each_page("customers_changed")
        self.refresh_undo_state()

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
            self.refresh_undo_state()
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
        quality = self._quality_text(info)
        self.status_quality.setText(quality)
        self.status_quality.setToolTip(
            self.tr("Customers changed since this score was measured; run Check again to "
                    "update it.") if info.quality_stale else
            self.tr("The share of filled, valid and genuine values (Check shows the details)."))
        self.workspace_label.setText(f"{info.name}\n{count}\n{quality}")
        self.setWindowTitle(f"{info.name} — {self._app_title()}")

    def _quality_text(self, info) -> str:
        if info.quality is None:
            return self.tr("Quality: not checked yet")
        score = f"{info.quality:.0f}"
        if info.quality_stale:
            return self.tr("Quality {score} (before the latest changes)").format(score=score)
        return self.tr("Quality {score}").format(score=score)

    # Jobs after which the quality score (and count) shown in the status bar may have moved.
    STATUS_TASKS = frozenset({"check", "apply cleaning", "merge values", "phones from notes"})

    def _watch_task(self, task) -> None:
        if task.label in self.STATUS_TASKS:
            task.succeeded.connect(lambda _result: self.runner.refresh_count())

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

    # ---- undo / redo over the operation log (app/ui/pages/history_page.py) --------------
    def undo_last(self) -> None:
        """Edit > Undo: take back the newest step still in force."""
        self.act_undo.setEnabled(False)
        task = self.runner.submit(undo_latest, label="undo")
        task.succeeded.connect(self._undone)
        task.failed.connect(self._undo_failed)

    def redo_last(self) -> None:
        """Edit > Redo: bring back the most recently undone step."""
        self.act_redo.setEnabled(False)
        task = self.runner.submit(redo_latest, label="redo")
        task.succeeded.connect(self._undone)
        task.failed.connect(self._undo_failed)

    def refresh_undo_state(self) -> None:
        if self.runner.workspace_info is None and not getattr(self, "_workspace_path", None):
            return
        task = self.runner.submit(load_history, label="history")
        task.succeeded.connect(self._undo_state)
        task.failed.connect(lambda _e: self._undo_state(([], None, None)))

    def _undo_state(self, result) -> None:
        _entries, self._undo_entry, self._redo_entry = result
        self._retranslate_undo()

    def _retranslate_undo(self) -> None:
        undo, redo = self._undo_entry, self._redo_entry
        self.act_undo.setEnabled(undo is not None)
        self.act_redo.setEnabled(redo is not None)
        self.act_undo.setText(self.tr("&Undo {step}").format(step=self._quoted(undo))
                              if undo else self.tr("&Undo"))
        # The redo target is an undo step ("Undo: X"); the user redoes X.
        redo_text = redone_step_summary(redo) if redo else ""
        self.act_redo.setText(self.tr("&Redo {step}").format(step=f"“{self._short(redo_text)}”")
                              if redo else self.tr("&Redo"))

    @staticmethod
    def _short(text: str, width: int = 40) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    def _quoted(self, entry) -> str:
        return f"“{self._short(step_summary(entry))}”"

    def _undone(self, result) -> None:
        self.show_message(lambda: (step_summary(result) if result is not None else "")
                          or self.tr("The last step was undone."))
        self.customers_changed()

    def _undo_failed(self, error) -> None:
        self.refresh_undo_state()
        if error.expected:
            self.show_message(lambda: error_text(error))
        else:
            self.report_crash(error.details)

    # ---- settings and welcome --------------------------------------------------------------
    def show_settings(self) -> None:
        dialog = SettingsDialog(self.app_settings, self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, settings: AppSettings) -> None:
        """Save, then apply: language and font now; region and date order for the next job
        (pages read them with current_settings(); hook: settings_changed(settings))."""
        old = self.app_settings
        self.app_settings = settings
        settings.save(self.settings)
        if settings.font_size != old.font_size:
            apply_font_size(QApplication.instance(), settings.font_size)
        if settings.language != (self.translations.language if self.translations else "en"):
            self.set_language(settings.language)
        self._each_page("settings_changed", settings)

    def show_backups(self):
        """The safety copies of the open workspace; putting one back reloads every page."""
        from app.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.runner, self, report_crash=self.report_crash)
        dialog.restored.connect(self.customers_changed)
        dialog.restored.connect(self.refresh_undo_state)
        dialog.open()
        return dialog

    def show_welcome(self) -> str:
        """The welcome dialog; acts on the choice and returns it (sample / own / skip)."""
        from app.ui.welcome import OWN_FILE, SAMPLE, WelcomeDialog

        dialog = WelcomeDialog(self)
        dialog.exec()
        if dialog.choice == SAMPLE:
            self.import_sample()
        elif dialog.choice == OWN_FILE:
            self._import_files()
        return dialog.choice

    def import_sample(self):
        """Import the bundled sample workbook into the open workspace and show the table."""
        from app.paths import sample_workbook
        from app.ui.widgets import TaskProgress
        from app.workers.import_job import FileChoice, import_with_choices

        page = self.page("import")
        task = self.runner.submit(import_with_choices, [FileChoice(sample_workbook())],
                                  progress=True, label="import")
        TaskProgress(task, QCoreApplication.translate("ImportPage", "Importing customers…"), self)
        task.succeeded.connect(lambda reports: self.show_message(lambda: page.summary(reports)))
        task.succeeded.connect(lambda _r: self.customers_changed())
        task.succeeded.connect(lambda _r: self.show_page("customers"))
        task.failed.connect(page._inline_problem)
        return task

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
        self.act_backups = self.file_menu.addAction("", self.show_backups)
        self.file_menu.addSeparator()
        self.act_quit = self.file_menu.addAction("", self.close)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.edit_menu = bar.addMenu("")
        self.act_undo = self.edit_menu.addAction("", self.undo_last)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)  # Ctrl+Z
        self.act_undo.setEnabled(False)
        self.act_redo = self.edit_menu.addAction("", self.redo_last)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setEnabled(False)
        self.edit_menu.addSeparator()
        self.act_history = self.edit_menu.addAction("", lambda: self.show_page("history"))
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.edit_menu.addSeparator()
        self.act_settings = self.edit_menu.addAction("", self.show_settings)
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.go_menu = bar.addMenu("")
        self.act_next = self.go_menu.addAction("", self.next_step)
        self.act_next.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.act_previous = self.go_menu.addAction("", self.previous_step)
        self.act_previous.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.go_menu.addSeparator()
        self.step_actions = []
        for index, (key, _title, _factory) in enumerate(STEPS):
            action = self.go_menu.addAction("", lambda k=key: self.show_page(k))
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            self.step_actions.append(action)
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
        self.help_menu = bar.addMenu("")
        self.act_welcome = self.help_menu.addAction("", self.show_welcome)
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
        if self.app_settings.language != code:
            from dataclasses import replace

            self.app_settings = replace(self.app_settings, language=code)
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
        self.act_backups.setText(self.tr("&Safety copies…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self._retranslate_undo()
        self.act_history.setText(self.tr("&History"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.act_next.setText(self.tr("&Next step"))
        self.act_previous.setText(self.tr("&Previous step"))
        for action, (_key, title, _factory) in zip(self.step_actions, STEPS, strict=True):
            action.setText(QCoreApplication.translate("steps", title))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_welcome.setText(self.tr("&Welcome…"))
        self._show_next_hint()
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
