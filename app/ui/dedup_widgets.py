"""Pieces of the Deduplicate page: the survivorship settings table, the side-by-side pair
table and the model of the merges list (lazy, so thousands of merges scroll smoothly)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from app.core.dedup.rules import (
    DEFAULT_RULES,
    LONGEST,
    MOST_COMPLETE,
    MOST_FREQUENT,
    MOST_RECENT,
    RULE_LABELS,
    RULE_LABELS_ZH,
    SurvivorshipRules,
)
from app.ui.chart_view import chart_language
from app.ui.i18n import tr_core
from app.ui.models.customers_model import cell_text
from app.ui.models.one_call import OneCallPerCell

FORMATTED = ("employees", "consent")

CHOICES = (MOST_RECENT, MOST_COMPLETE, MOST_FREQUENT, LONGEST)
PURCHASE_FIELDS = ("orders", "total_spent")  # ruled by the purchases choice, not per field
DIFFERENT_BACKGROUND = QColor("#fff4d6")  # soft amber: the two records disagree here
MISSING_FOREGROUND = QColor("#9ca3af")


def field_label(key: str) -> str:
    from app.ui.pages.check_page import field_label as label  # pages import this module

    return label(key)


def rule_label(rule: str) -> str:
    if chart_language() == "zh":
        return RULE_LABELS_ZH.get(rule, rule)
    return tr_core("dedup", RULE_LABELS.get(rule, rule))


def blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, (str, list, tuple, dict)) and len(value) == 0:
        return True
    return isinstance(value, str) and not value.strip()


def shown(value) -> str:
    """A cell as the reviewer reads it."""
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if not blank(v))
    return str(value).replace("\n", " ⏎ ")


def same_value(a, b) -> bool:
    """Equal for the reviewer: case, width and spacing do not count as a difference."""
    import unicodedata

    def key(v):
        return "".join(unicodedata.normalize("NFKC", shown(v)).casefold().split())

    return key(a) == key(b)


class SurvivorshipTable(QTableWidget):
    """Field → which value the merged customer keeps (one combo box per field)."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("survivorship")
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(30)
        self.choices: dict[str, str] = {k: v for k, v in DEFAULT_RULES.items()
                                        if k not in PURCHASE_FIELDS}
        self.fields = list(self.choices)
        self.rebuild()

    def set_fields(self, fields) -> None:
        """Only the fields this workspace has (choices made earlier are kept)."""
        wanted = [f for f in fields if f not in PURCHASE_FIELDS]
        if wanted and wanted != self.fields:
            self.fields = wanted
            self.rebuild()

    def rebuild(self) -> None:
        for row in range(self.rowCount()):  # a replaced cell widget would linger on screen
            widget = self.cellWidget(row, 1)
            if widget is not None:
                self.removeCellWidget(row, 1)
                widget.hide()
                widget.deleteLater()
        self.setRowCount(0)
        self.setRowCount(len(self.fields))
        for row, key in enumerate(self.fields):
            item = QTableWidgetItem(field_label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.setItem(row, 0, item)
            combo = QComboBox(self)
            combo.setObjectName(f"rule_{key}")
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            for choice in CHOICES:
                combo.addItem(rule_label(choice), choice)
            current = self.choices.get(key, MOST_RECENT)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.currentIndexChanged.connect(
                lambda _i, key=key, combo=combo: self.choices.__setitem__(key, combo.currentData()))
            self.setCellWidget(row, 1, combo)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("The merged customer keeps")])
        for row, key in enumerate(self.fields):
            self.item(row, 0).setText(field_label(key))
            combo = self.cellWidget(row, 1)
            for index, choice in enumerate(CHOICES):
                combo.setItemText(index, rule_label(choice))


class PairTable(QTableWidget):
    """Two records side by side: fields as rows, the records as columns; rows where they
    differ get a soft background."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("pairTable")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # S / D / K always reach the buttons
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumWidth(90)
        self.differing: list[str] = []  # field keys shown with the highlight

    def show_pair(self, fields: list[str], left: dict, right: dict, titles: tuple[str, str],
                  extra_rows: list[tuple[str, str, str]] = (), label=field_label) -> None:
        rows = [f for f in fields if not (blank(left.get(f)) and blank(right.get(f)))]
        self.setRowCount(len(rows) + len(extra_rows))
        self.setHorizontalHeaderLabels(list(titles))
        labels = []
        self.differing = []
        for row, key in enumerate(rows):
            a, b = left.get(key), right.get(key)
            labels.append(label(key))
            differ = not blank(a) and not blank(b) and not same_value(a, b)
            if differ:
                self.differing.append(key)
            for col, value in enumerate((a, b)):
                text = cell_text(key, value) if key in FORMATTED and not blank(value) \
                    else shown(value)  # consent 1 -> Yes, head-count band -> 50–199
                item = QTableWidgetItem(text or self.tr("(blank)"))
                if blank(value):
                    item.setForeground(QBrush(MISSING_FOREGROUND))
                if differ:
                    item.setBackground(QBrush(DIFFERENT_BACKGROUND))
                self.setItem(row, col, item)
        for k, (label, a, b) in enumerate(extra_rows):
            labels.append(label)
            for col, text in enumerate((a, b)):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(MISSING_FOREGROUND))
                self.setItem(len(rows) + k, col, item)
        self.setVerticalHeaderLabels(labels)
        self.resizeRowsToContents()

    def clear_pair(self) -> None:
        self.setRowCount(0)
        self.differing = []


class MergesModel(OneCallPerCell, QAbstractTableModel):
    """The merges done in this workspace, newest first: who, how many records, when."""

    UNDO_COLUMN = 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.merges: list = []  # app.workers.dedup_tasks merges(): MergeInfo
        self._link_font = QFont()
        self._link_font.setUnderline(True)

    def set_merges(self, merges) -> None:
        self.beginResetModel()
        self.merges = list(merges)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.merges)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Merged customer"), self.tr("Records"), self.tr("When"), "")[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        merge = self.merges[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                name = shown(merge.name) or self.tr("(no name)")
                return f"{name}  #{merge.survivor_id}"
            if column == 1:
                return str(len(merge.merged_ids))
            if column == 2:
                return when_text(merge.created_at)
            return self.tr("Undo this merge")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.UNDO_COLUMN:
            return QBrush(QColor("#2563eb"))
        if role == Qt.ItemDataRole.FontRole and column == self.UNDO_COLUMN:
            return self._link_font
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.tr("Made from customers {ids}").format(
                ids=", ".join(f"#{c}" for c in merge.merged_ids))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def when_text(iso: str | None) -> str:
    """'2024-07-01T10:03:12' (stored in local time) -> '2024-07-01 10:03'."""
    return (iso or "").replace("T", " ")[:16]


def rules_from(table: SurvivorshipTable, purchases: str) -> SurvivorshipRules:
    rules = dict(DEFAULT_RULES)
    rules.update(table.choices)
    return SurvivorshipRules(rules=rules, purchases=purchases)
