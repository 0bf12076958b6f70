"""Table model over the customer table (app.workers.tables.CustomerTable).

Cells are formatted only when the view asks for them, so a million rows cost nothing until
scrolled to. The model shows `rows`, an index array into the table: searching replaces it,
sorting reorders it (numpy argsort, stable, empty cells last). Building a column's sort key
and running a search take a fraction of a second at a million rows, so both go through
`run_async` (the task runner) when one is given; stale answers are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.core.fields import ROLE_LABELS
from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.models.one_call import OneCallPerCell
from app.workers.tables import (
    CustomerTable,
    display_text,
    release_table,
    search_rows,
    sorted_rows,
)

NUMERIC_ROLES = {"employees", "orders", "total_spent"}
CONSENT_WORDS = {1: QT_TRANSLATE_NOOP("CustomersModel", "Yes"),
                 0: QT_TRANSLATE_NOOP("CustomersModel", "No")}


def cell_text(key: str, value) -> str:
    """A cell as the user reads it: a head-count band stored as "[50, 199]" shows as 50–199
    ("[1000, null]" as 1000+), consent 1/0 as Yes/No; everything else as display_text."""
    if key == "employees" and isinstance(value, str) and value.startswith("["):
        try:
            low, high = json.loads(value)
        except (ValueError, TypeError):
            return value
        return f"{low}+" if high is None else f"{low}–{high}"
    if key == "consent" and value in (0, 1) and not isinstance(value, float):
        return QCoreApplication.translate("CustomersModel", CONSENT_WORDS[int(value)])
    return display_text(value)

# run_async(fn, args, on_result): run fn(*args) off the GUI thread, call on_result(result) on it.
RunAsync = Callable[[Callable, tuple, Callable], None]


def _run_now(fn, args, on_result) -> None:
    on_result(fn(*args))


class CustomersModel(OneCallPerCell, QAbstractTableModel):
    filtering_changed = Signal(bool)  # True while a search or sort runs
    rows_changed = Signal(int, int)  # shown rows, total rows

    def __init__(self, parent=None, run_async: RunAsync | None = None) -> None:
        super().__init__(parent)
        self._run_async = run_async or _run_now
        self._table = CustomerTable(np.zeros(0, dtype=np.int64), [])
        self._rows = np.zeros(0, dtype=np.int64)
        self._filter = ""
        self._sort: tuple[int, bool] | None = None
        self._generation = 0
        self._extra_font = QFont()
        self._extra_font.setItalic(True)

    # ---- data in -----------------------------------------------------------------------------
    def set_table(self, table: CustomerTable) -> None:
        self.beginResetModel()
        old = [self._table]
        self._table = table
        self._rows = np.arange(len(table))
        self._sort = None
        self._generation += 1
        self.endResetModel()
        self.rows_changed.emit(len(self._rows), len(table))
        if self._filter:
            self.set_filter(self._filter, force=True)
        if self._run_async is not _run_now and len(old[0]):
            # Freed off the GUI thread, a slice at a time: a million-row table let go here
            # froze the window for most of a second. (Popped straight into the job's
            # arguments: this frame keeps no reference for the job to wait on.)
            self._run_async(release_table, (old.pop(),), lambda _none: None)

    @property
    def table(self) -> CustomerTable:
        return self._table

    def column_key(self, column: int) -> str:
        return self._table.columns[column].key

    def customer_id(self, row: int) -> int:
        return int(self._table.customer_ids[self._rows[row]])

    def set_filter(self, text: str, *, force: bool = False) -> None:
        text = text.strip()
        if text == self._filter and not force:
            return
        self._filter = text
        self._generation += 1
        generation = self._generation
        table, sort = self._table, self._sort
        self.filtering_changed.emit(True)

        def work(table, text, sort):
            rows = search_rows(table, text)
            if sort is not None:
                rows = sorted_rows(table, sort[0], sort[1], rows)
            return rows

        self._run_async(work, (table, text, sort), lambda rows: self._apply(generation, rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._table.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._sort = (column, descending)
        self._generation += 1
        generation = self._generation
        self.filtering_changed.emit(True)
        self._run_async(
            sorted_rows,
            (self._table, column, descending, self._rows.copy()),
            lambda rows: self._apply(generation, rows),
        )

    def _apply(self, generation: int, rows: np.ndarray) -> None:
        if generation != self._generation:
            return  # a newer search or sort superseded this one
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._rows = np.asarray(rows, dtype=np.int64)
        persistent = self.persistentIndexList()
        if persistent:  # keep selections on the same customers (few indexes: cheap)
            position = np.full(len(self._table), -1, dtype=np.int64)
            position[self._rows] = np.arange(len(self._rows))
            moved = []
            for index in persistent:
                new_row = int(position[old_rows[index.row()]])
                moved.append(
                    self.index(new_row, index.column()) if new_row >= 0 else QModelIndex()
                )
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.filtering_changed.emit(False)
        self.rows_changed.emit(len(self._rows), len(self._table))

    # ---- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._table.columns)):
            return None
        col = self._table.columns[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = col.values[self._rows[row]]
            text = cell_text(col.key, value) if col.is_role else display_text(value)
            if role == Qt.ItemDataRole.ToolTipRole and len(text) < 30:
                return None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and col.key in NUMERIC_ROLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sample_texts(self, rows: int) -> list[tuple[str, list[str], bool]]:
        """Per column: its header text, the display texts of the first `rows` rows shown, and
        whether the header is in the extra-field font (for sizing columns in one pass)."""
        shown = self._rows[:rows].tolist()
        out = []
        for section, col in enumerate(self._table.columns):
            values = col.values
            texts = [cell_text(col.key, values[r]) if col.is_role else display_text(values[r])
                     for r in shown]
            out.append((self.headerData(section, Qt.Orientation.Horizontal), texts,
                        not col.is_role))
        return out

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(self._table.columns):
            return None
        col = self._table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if col.is_role:
                return QCoreApplication.translate("fields", ROLE_LABELS.get(col.key, col.key))
            return col.key
        if role == Qt.ItemDataRole.ToolTipRole and not col.is_role:
            return QCoreApplication.translate(
                "CustomersModel", "Extra field kept from your file: {header}"
            ).format(header=col.key)
        if role == Qt.ItemDataRole.FontRole and not col.is_role:
            return self._extra_font
        return None

    def retranslate(self) -> None:
        if self._table.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._table.columns) - 1)
