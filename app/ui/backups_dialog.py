"""Safety copies: the automatic copies taken before merges, erasures, cleaning and undo (and
any made by hand), listed newest first; any of them can be put back. Putting one back first
saves the current state as another copy, so a restore can itself be taken back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.i18n import error_text

# Backup file names carry the reason as a slug; these are the ones the app writes.
REASONS = {
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "made by hand"),
    "before-merge": QT_TRANSLATE_NOOP("BackupsDialog", "before merging duplicates"),
    "before-erase": QT_TRANSLATE_NOOP("BackupsDialog", "before erasing a person"),
    "before-clean": QT_TRANSLATE_NOOP("BackupsDialog", "before cleaning"),
    "before-undo": QT_TRANSLATE_NOOP("BackupsDialog", "before an undo"),
    "before-restore": QT_TRANSLATE_NOOP("BackupsDialog", "before putting a copy back"),
}


def _tasks():
    from app.workers import backup_tasks

    return backup_tasks


class BackupsDialog(QDialog):
    restored = Signal()  # the workspace content was replaced: every page must reload

    def __init__(self, runner, parent=None, report_crash=None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.runner = runner
        self.report_crash = report_crash
        self.copies: list = []
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.make_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        self.buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.make_button.clicked.connect(self.make_copy)
        self.restore_button.clicked.connect(self.ask_restore)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.reload()

    # ---- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        task = self.runner.submit(_tasks().list_safety_copies, label="safety copies")
        task.succeeded.connect(self.show_copies)
        task.failed.connect(self._failed)

    def show_copies(self, copies) -> None:
        self.copies = list(copies)
        self.table.setRowCount(len(self.copies))
        for row, copy in enumerate(self.copies):
            reason = REASONS.get(copy.reason)
            texts = (f"{copy.created_at:%Y-%m-%d %H:%M:%S}",
                     self.tr(reason) if reason else copy.reason.replace("-", " "),
                     self.tr("{size} MB").format(size=f"{copy.size / 1024**2:,.1f}"))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        if self.copies:
            self.table.selectRow(0)
        else:
            self.status.setText(self.tr("No safety copies yet: the first is made before the "
                                        "first merge, erasure, cleaning or undo."))
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _failed(self, error) -> None:
        self._busy(False)
        if error.expected or self.report_crash is None:
            self.status.setText(error_text(error))
        else:
            self.report_crash(error.details)

    def _busy(self, busy: bool) -> None:
        self.make_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    # ---- actions ------------------------------------------------------------------------
    def make_copy(self) -> None:
        self._busy(True)
        self.status.setText(self.tr("Making a safety copy…"))
        task = self.runner.submit(_tasks().make_safety_copy, label="safety copy")
        task.succeeded.connect(lambda path: self.status.setText(
            self.tr("Safety copy saved: {file}").format(file=path.name)))
        task.succeeded.connect(lambda _path: self.reload())
        task.failed.connect(self._failed)

    def ask_restore(self) -> None:
        copy = self.selected()
        if copy is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Put back a safety copy"),
            self.tr("Put the workspace back as it was on {when}? Everything done since then "
                    "is replaced. The current state is saved as a safety copy first, so you "
                    "can come back to it.").format(when=f"{copy.created_at:%Y-%m-%d %H:%M}"))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(copy)

    def restore(self, copy):
        self._busy(True)
        self.status.setText(self.tr("Putting the copy back…"))
        task = self.runner.submit(_tasks().restore_safety_copy, copy.path, label="restore")
        task.succeeded.connect(lambda _before: self._restored(copy))
        task.failed.connect(self._failed)
        return task

    def _restored(self, copy) -> None:
        self._busy(False)
        self.status.setText(self.tr("The workspace is back as it was on {when}; the state "
                                    "before that was saved as a safety copy.").format(
            when=f"{copy.created_at:%Y-%m-%d %H:%M}"))
        self.restored.emit()
        self.reload()

    # ---- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Safety copies"))
        self.intro.setText(self.tr(
            "A copy of the whole workspace is made automatically before every merge, erasure, "
            "cleaning and undo (the newest copies are kept). Choose one and put it back to "
            "return to that moment."))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Made"), self.tr("Size")])
        self.make_button.setText(self.tr("Make a copy now"))
        self.restore_button.setText(self.tr("Put back…"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.show_copies(self.copies)
        super().changeEvent(event)
