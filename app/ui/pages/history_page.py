"""History: every step done in the workspace, newest first; undo any step, redo an undone one.

The operation log is the undo stack (app/storage/oplog): undoing a step records an "undo"
step, and undoing that undo is a redo. Edit > Undo / Redo (Ctrl+Z / Ctrl+Shift+Z) behave like
a QUndoStack over it: Undo takes back the newest step still in force, Redo brings back the
most recently undone one, and a new step clears what can be redone. The stack logic is
plain Python over the history entries (`undo_target`, `redo_target`), run on the workspace
thread together with the undo itself, so it never acts on a stale list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import StudioError
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.ui.i18n import error_text, summary_text
from app.ui.pages.on_screen import ReloadWhenShown
from app.ui.widgets import PageHeader

UNDO = "undo"
# Steps the log keeps but cannot undo (app/storage/oplog.NOT_UNDOABLE): they changed no
# customer data (export) or must stay done (erase keeps no values to restore).
NOT_UNDOABLE = ("export", "erase")
NOTHING_TO_UNDO = QT_TRANSLATE_NOOP("errors", "There is nothing to undo.")
NOTHING_TO_REDO = QT_TRANSLATE_NOOP("errors", "There is nothing to redo.")
UNDO_OF = QT_TRANSLATE_NOOP("history", "Undo: {step}")
REDO_OF = QT_TRANSLATE_NOOP("history", "Redo: {step}")
NOT_UNDONE = QT_TRANSLATE_NOOP("errors", "Step {op_id} is not undone, so there is nothing to redo.")

# Operation kinds as the user reads them (unknown kinds are shown as stored).
KIND_LABELS = {
    "import": QT_TRANSLATE_NOOP("history", "Import"),
    "orders": QT_TRANSLATE_NOOP("history", "Purchase lines"),
    "clean": QT_TRANSLATE_NOOP("history", "Clean"),
    "cleaning": QT_TRANSLATE_NOOP("history", "Clean"),
    "dedup": QT_TRANSLATE_NOOP("history", "Deduplicate"),
    "dedupe": QT_TRANSLATE_NOOP("history", "Deduplicate"),
    "merge": QT_TRANSLATE_NOOP("history", "Merge"),
    "unmerge": QT_TRANSLATE_NOOP("history", "Split"),
    "segment": QT_TRANSLATE_NOOP("history", "Segment"),
    "rfm": QT_TRANSLATE_NOOP("history", "RFM"),
    "kmeans": QT_TRANSLATE_NOOP("history", "Personas"),
    "tag": QT_TRANSLATE_NOOP("history", "Tag"),
    "export": QT_TRANSLATE_NOOP("history", "Export"),
    "edit": QT_TRANSLATE_NOOP("history", "Edit"),
    "edit_marketing": QT_TRANSLATE_NOOP("history", "Edit"),
    "review": QT_TRANSLATE_NOOP("history", "Review"),
    "segment_rfm": QT_TRANSLATE_NOOP("history", "RFM"),
    "segment_kmeans": QT_TRANSLATE_NOOP("history", "Personas"),
    "segment_rule": QT_TRANSLATE_NOOP("history", "Segment"),
    "segment_delete": QT_TRANSLATE_NOOP("history", "Delete segment"),
    "rename_persona": QT_TRANSLATE_NOOP("history", "Rename persona"),
    "tag_add": QT_TRANSLATE_NOOP("history", "Tag"),
    "tag_remove": QT_TRANSLATE_NOOP("history", "Remove tag"),
    "suppress": QT_TRANSLATE_NOOP("history", "Suppression list"),
    "erase": QT_TRANSLATE_NOOP("history", "Erase"),
    UNDO: QT_TRANSLATE_NOOP("history", "Undo"),
}


# ---- the undo stack over the log (plain Python; runs on the workspace thread) -------------

def _by_id(entries) -> dict:
    return {e.id: e for e in entries}


def is_redo(entry, entries_by_id: dict) -> bool:
    """An undo of an undo."""
    target = entries_by_id.get(entry.undo_of) if entry.kind == UNDO else None
    return target is not None and target.kind == UNDO


def undo_target(entries):
    """The newest real step still in force (what Ctrl+Z takes back), or None."""
    for entry in reversed(entries):
        if entry.kind not in (UNDO, *NOT_UNDOABLE) and entry.undone_at is None:
            return entry
    return None


def redo_target(entries):
    """The undo step to take back for Ctrl+Shift+Z: the most recent undo, still in force, of
    a real step, made after the newest real step (a new step clears the redo stack)."""
    by_id = _by_id(entries)
    newest_real = max((e.id for e in entries if e.kind not in (UNDO, *NOT_UNDOABLE)), default=0)
    for entry in reversed(entries):
        if entry.id < newest_real:
            break
        if entry.kind == UNDO and entry.undone_at is None and not is_redo(entry, by_id):
            return entry
    return None


def _history(ws):
    from app.workers import usecases  # pandas & co. load on first use, not at start-up

    return usecases.history(ws)


def load_history(ws):
    """(entries, undo target, redo target) in one go on the workspace thread."""
    entries = _history(ws)
    return entries, undo_target(entries), redo_target(entries)


def undo_latest(ws):
    from app.workers import usecases

    target = undo_target(_history(ws))
    if target is None:
        raise StudioError(NOTHING_TO_UNDO)
    return usecases.undo(ws, target.id)


def redo_latest(ws):
    from app.workers import usecases

    target = redo_target(_history(ws))
    if target is None:
        raise StudioError(NOTHING_TO_REDO)
    return usecases.undo(ws, target.id)


def undo_step(ws, op_id: int):
    from app.workers import usecases

    return usecases.undo(ws, op_id)


def redo_step(ws, op_id: int):
    """Bring back undone step `op_id`: undo the undo that took it back."""
    from app.workers import usecases

    entries = _history(ws)
    for entry in reversed(entries):
        if entry.kind == UNDO and entry.undo_of == op_id and entry.undone_at is None:
            return usecases.undo(ws, entry.id)
    raise StudioError(NOT_UNDONE, op_id=op_id)


# ---- texts ---------------------------------------------------------------------------------

def step_summary(entry) -> str:
    """The step's line in the user's language: translated from its template (app.core.i18n
    Summary); a step logged before templates were kept shows its stored English text, with
    the undo prefix translated."""
    if isinstance(entry.summary, Summary):
        return summary_text(entry.summary)
    summary = str(entry.summary or "")
    for prefix in ("Undo: " * 2, "Undo: "):
        if summary.startswith(prefix):
            inner = summary[len(prefix):]
            key = REDO_OF if prefix == "Undo: " * 2 else UNDO_OF
            return QCoreApplication.translate("history", key).format(step=inner)
    return summary


def redone_step_summary(undo_entry) -> str:
    """What Redo brings back, given the undo step it takes back ("Undo: X" -> X)."""
    summary = undo_entry.summary
    if isinstance(summary, Summary) and summary.template == UNDO_OF:
        return summary_text(summary.args.get("step", ""))
    return str(summary or "").removeprefix("Undo: ")


def short_time(iso: str | None) -> str:
    return (iso or "").replace("T", " ")[:16]


class HistoryPage(ReloadWhenShown, QWidget):
    changed = Signal()  # a step was undone or redone here

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.entries: list = []
        self._by_id: dict = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        outer.addWidget(self.header)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)
        self.table = QTableWidget(0, 5, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            head.setSectionResizeMode(column, mode)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._show_details())
        outer.addWidget(self.table, 1)
        self.details = QLabel(self)
        self.details.setObjectName("muted")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.details)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self)
        self.redo_button = QPushButton(self)
        self.undo_button.setObjectName("primary")
        self.undo_button.clicked.connect(self.undo_selected)
        self.redo_button.clicked.connect(self.redo_selected)
        row.addStretch(1)
        row.addWidget(self.redo_button)
        row.addWidget(self.undo_button)
        outer.addLayout(row)
        self.setTabOrder(self.table, self.undo_button)
        self.setTabOrder(self.undo_button, self.redo_button)
        self.retranslate()
        self._update_buttons()

    # ---- page hooks ------------------------------------------------------------------------
    # (a hidden page reloads when shown: on_screen.py)
    def workspace_changed(self, _info) -> None:
        self.reload_when_shown()

    def customers_changed(self) -> None:
        self.reload_when_shown()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        # Steps that do not announce a customer change (an export) still add to the
        # history: read it afresh every time the page is shown.
        if self.context.runner.workspace_info is not None:
            self.stale = True

    # ---- data ------------------------------------------------------------------------------
    def reload(self):
        task = self.context.runner.submit(load_history, label="history")
        task.succeeded.connect(lambda result: self.show_entries(result[0]))
        task.failed.connect(self._failed)
        return task

    def show_entries(self, entries) -> None:
        selected = self.selected_entry()
        self.entries = list(entries)
        self._by_id = _by_id(self.entries)
        self.problem.hide()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(reversed(self.entries)):  # newest first
            cells = (str(entry.id), short_time(entry.created_at), self._kind(entry),
                     step_summary(entry), self._state(entry))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 3:
                    item.setToolTip(text)
                if entry.undone_at is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        if selected is not None and selected.id in self._by_id:
            self.select_step(selected.id)
        self._update_buttons()

    def select_step(self, op_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == op_id:
                self.table.selectRow(row)
                return

    def selected_entry(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        op_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return self._by_id.get(op_id)

    def _kind(self, entry) -> str:
        if is_redo(entry, self._by_id):
            return self.tr("Redo")
        label = KIND_LABELS.get(entry.kind)
        return QCoreApplication.translate("history", label) if label else entry.kind

    def _state(self, entry) -> str:
        if entry.kind == UNDO and entry.undone_at is None:
            return self.tr("Done (undid step {id})").format(id=entry.undo_of) if entry.undo_of else \
                self.tr("Done")
        if entry.undone_at is not None:
            return self.tr("Undone {time}").format(time=short_time(entry.undone_at))
        return self.tr("Done")

    # ---- actions ---------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.undo_button.setEnabled(entry is not None and entry.undone_at is None
                                    and entry.kind not in NOT_UNDOABLE)
        self.redo_button.setEnabled(entry is not None and entry.undone_at is not None)
        self._show_details()

    def _show_details(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.details.setText(self.tr("Select a step to undo it, or to redo it if it was undone."))
            return
        self.details.setText(self.tr("Step {id}, {time}: {summary}").format(
            id=entry.id, time=short_time(entry.created_at), summary=step_summary(entry)))

    def undo_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._run(undo_step, entry.id)

    def redo_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._run(redo_step, entry.id)

    def _run(self, job, *args) -> None:
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        task = self.context.runner.submit(job, *args, label="undo")
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)

    def _done(self, step) -> None:
        self.context.show_message(lambda s=step: self.tr("Done: {step}").format(
            step=step_summary(s)))
        self.changed.emit()
        self.context.customers_changed()  # reloads this page too

    def _failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.problem.setText(error_text(error))
        self.problem.show()
        self._update_buttons()

    # ---- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("History"),
            self.tr("Every step you took in this workspace, newest first. Undo any step; "
                    "an undone step can be brought back with Redo."))
        self.table.setHorizontalHeaderLabels([
            self.tr("#"), self.tr("When"), self.tr("Step"), self.tr("What changed"),
            self.tr("State")])
        self.undo_button.setText(self.tr("&Undo selected step"))
        self.redo_button.setText(self.tr("&Redo selected step"))
        if self.entries:
            self.show_entries(self.entries)
        else:
            self._show_details()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
