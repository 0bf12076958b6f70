"""Import step: preview each sheet, correct the header row and column roles, import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.fields import EXTRA, IGNORE, ROLE_KEYS
from app.ui.i18n import error_text, role_label, tr_core
from app.ui.widgets import PageHeader, TaskProgress
from app.workers.tables import display_text

# app.workers.usecases / import_job pull in pandas and the readers: imported where used, so
# the window shows before they load.

FILE_FILTER = "*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.tsv *.txt"
ROLE_CHOICES = (*ROLE_KEYS, EXTRA, IGNORE)
HEADER_BACKGROUND = QColor("#dbeafe")
ABOVE_HEADER = QColor("#9ca3af")


def letter_index(letter: str) -> int:
    if letter.isdigit():
        return int(letter) - 1
    number = 0
    for char in letter.upper():
        number = number * 26 + ord(char) - 64
    return number - 1


@dataclass
class FileState:
    path: Path
    preview: object  # FilePreview
    header_rows: dict[str, int] = field(default_factory=dict)  # sheet -> row the user chose
    roles: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> {header: role}


class SheetView(QWidget):
    """One sheet: header-row spin box, the first rows with the header highlighted, and a
    role drop-down over every column."""

    header_row_changed = Signal(object, int)  # (SheetView, row)

    def __init__(self, state: FileState, sheet, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.sheet = sheet
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.header_label = QLabel(self)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("headerRow")
        self.header_spin.setRange(1, max(len(sheet.top_rows), 30))
        self.info = QLabel(self)
        self.info.setObjectName("muted")
        bar.addWidget(self.header_label)
        bar.addWidget(self.header_spin)
        bar.addSpacing(16)
        bar.addWidget(self.info, 1)
        layout.addLayout(bar)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        self.table = QTableWidget(self)
        self.table.setObjectName("previewTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(350)
        self._debounce.timeout.connect(
            lambda: self.header_row_changed.emit(self, self.header_spin.value())
        )
        self.header_spin.valueChanged.connect(lambda _v: self._debounce.start())
        self.combos: list[QComboBox] = []
        self.show_sheet(sheet)
        self.retranslate()

    def show_sheet(self, sheet) -> None:
        self.sheet = sheet
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(sheet.header_row or 1)
        self.header_spin.blockSignals(False)
        columns = sheet.columns
        header = sheet.header_row or 0
        rows = [(n, cells, "above") for n, cells in sheet.top_rows if n < header]
        rows += [(n, cells, "header") for n, cells in sheet.top_rows if n == header]
        aligned = {n for n, _ in sheet.table_rows}
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(1 + len(rows) + len(sheet.table_rows))
        labels = [f"{c.letter}" for c in columns]
        self.table.setHorizontalHeaderLabels(labels)
        positions = [letter_index(c.letter) for c in columns]
        bold = QFont()
        bold.setBold(True)
        vlabels = [""]
        r = 1
        for number, cells, kind in rows:
            vlabels.append(str(number))
            for c, pos in enumerate(positions):
                value = cells[pos] if pos < len(cells) else None
                item = QTableWidgetItem(display_text(value))
                if kind == "header":
                    item.setBackground(QBrush(HEADER_BACKGROUND))
                    item.setFont(bold)
                else:
                    item.setForeground(QBrush(ABOVE_HEADER))
                self.table.setItem(r, c, item)
            r += 1
        for number, cells in sheet.table_rows:
            if number in aligned:
                vlabels.append(str(number))
                for c, value in enumerate(cells[: len(columns)]):
                    self.table.setItem(r, c, QTableWidgetItem(display_text(value)))
                r += 1
        self.table.setVerticalHeaderLabels(vlabels)
        chosen = self.state.roles.get(sheet.sheet, {})
        self.combos = []
        for c, column in enumerate(columns):
            combo = QComboBox(self.table)
            combo.setObjectName(f"role_{c}")
            for role in ROLE_CHOICES:
                combo.addItem(role_label(role), role)
            role = chosen.get(column.header, column.role)
            combo.setCurrentIndex(max(0, combo.findData(role)))
            combo.currentIndexChanged.connect(
                lambda _i, combo=combo, header=column.header: self._role_chosen(header, combo)
            )
            self.table.setCellWidget(0, c, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()
        for c in range(len(columns)):
            width = max(self.table.columnWidth(c), self.combos[c].sizeHint().width() + 4)
            self.table.setColumnWidth(c, min(width, 260))
        self.table.setRowHeight(0, self.combos[0].sizeHint().height() + 6 if self.combos else 30)
        self.retranslate()

    def _role_chosen(self, header: str, combo: QComboBox) -> None:
        self.state.roles.setdefault(self.sheet.sheet, {})[header] = combo.currentData()

    def retranslate(self) -> None:
        self.header_label.setText(self.tr("Header row:"))
        self.header_spin.setToolTip(
            self.tr("The row that holds the column names. Rows above it are not imported.")
        )
        self.info.setText(
            self.tr("About {rows} rows under the header. The highlighted row holds the column "
                    "names; choose below each name what it contains.")
            .format(rows=f"{self.sheet.row_estimate:,}")
        )
        warnings = [tr_core("import", w) for w in self.sheet.warnings]
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        item = self.table.verticalHeaderItem(0)
        if item is not None:
            item.setText(self.tr("Import as"))
        for combo in self.combos:
            for i in range(combo.count()):
                combo.setItemText(i, role_label(combo.itemData(i)))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ImportPage(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.files: list[FileState] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        layout.addWidget(self.header)
        bar = QHBoxLayout()
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("chooseFiles")
        self.choose_button.clicked.connect(self.choose_files)
        self.files_label = QLabel(self)
        self.files_label.setObjectName("muted")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        bar.addWidget(self.choose_button)
        bar.addWidget(self.files_label, 1)
        bar.addWidget(self.import_button)
        layout.addLayout(bar)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.skipped = QLabel(self)
        self.skipped.setObjectName("muted")
        self.skipped.setWordWrap(True)
        self.skipped.hide()
        layout.addWidget(self.skipped)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("dropHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty, 1)
        self.tabs.hide()
        self._pending = 0
        self.retranslate()

    # ---- choosing files ------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose customer files"), "",
            self.tr("Spreadsheets and text files") + f" ({FILE_FILTER})",
        )
        if paths:
            self.open_files(paths)

    def open_files(self, paths) -> None:
        """Preview these files (replacing the previous choice). Called for drops too."""
        self.files = []
        self.tabs.clear()
        self.problem.hide()
        self.skipped.hide()
        self._problems: list[str] = []
        self._pending = len(paths)
        self.import_button.setEnabled(False)
        self.files_label.setText(self.tr("Reading {count} file(s)…").format(count=len(paths)))
        from app.workers import import_job

        for path in paths:
            task = self.context.runner.submit(
                import_job.preview, str(path), workspace=False, label="preview"
            )
            task.succeeded.connect(lambda preview, path=Path(path): self._previewed(path, preview))
            task.failed.connect(self._preview_failed)
            task.finished.connect(self._preview_done)

    def _previewed(self, path: Path, preview) -> None:
        state = FileState(path, preview)
        self.files.append(state)
        for sheet in preview.sheets:
            if sheet.skipped_reason:
                continue
            view = SheetView(state, sheet, self.tabs)
            view.header_row_changed.connect(self._header_row_changed)
            self.tabs.addTab(view, f"{preview.file_name} › {sheet.sheet}")

    def _preview_failed(self, error) -> None:
        if error.expected:
            self._problems.append(error_text(error))
        else:
            self._problems.append(self.tr("This file could not be read (unexpected error)."))
            self.context.report_crash(error.details)

    def _preview_done(self) -> None:
        self._pending -= 1
        if self._pending > 0:
            return
        self._show_state()

    def _show_state(self) -> None:
        has_tabs = self.tabs.count() > 0
        self.tabs.setVisible(has_tabs)
        self.empty.setVisible(not has_tabs)
        self.import_button.setEnabled(has_tabs)
        names = ", ".join(state.path.name for state in self.files)
        self.files_label.setText(names)
        self.problem.setText("\n".join(getattr(self, "_problems", [])))
        self.problem.setVisible(bool(getattr(self, "_problems", [])))
        skipped = []
        for state in self.files:
            for item in state.preview.skipped_sheets:
                skipped.append(
                    self.tr("Sheet “{sheet}” in {file} is skipped: {reason}.").format(
                        sheet=item.sheet, file=state.path.name,
                        reason=tr_core("import", item.reason).rstrip("."),
                    )
                )
            skipped += [tr_core("import", w) for w in state.preview.warnings]
        self.skipped.setText("\n".join(skipped))
        self.skipped.setVisible(bool(skipped))

    def _header_row_changed(self, view: SheetView, row: int) -> None:
        state, sheet = view.state, view.sheet.sheet
        state.header_rows[sheet] = row
        from app.workers import import_job

        task = self.context.runner.submit(
            import_job.preview, str(state.path), workspace=False, sheet=sheet, header_row=row
        )

        def show(preview):
            for new in preview.sheets:
                if new.sheet == sheet:
                    view.show_sheet(new)

        task.succeeded.connect(show)
        task.failed.connect(lambda e: self._inline_problem(e))

    # ---- importing -----------------------------------------------------------------------
    def choices(self) -> list:
        from app.workers.import_job import FileChoice

        result = []
        for state in self.files:
            # import_files takes one header row per file and one {header: role} per file.
            header_row = next(iter(state.header_rows.values()), None)
            mapping: dict[str, str] = {}
            for roles in state.roles.values():
                mapping.update(roles)
            result.append(FileChoice(state.path, header_row, mapping))
        return result

    def start_import(self) -> None:
        if not self.files:
            return
        self.problem.hide()
        self.import_button.setEnabled(False)
        from app.workers.import_job import import_with_choices

        task = self.context.runner.submit(
            import_with_choices, self.choices(), progress=True, label="import"
        )
        TaskProgress(task, self.tr("Importing customers…"), self.window())
        task.succeeded.connect(self._imported)
        task.failed.connect(self._inline_problem)
        task.cancelled.connect(
            lambda: self.context.show_message(lambda: self.tr("Import cancelled. Nothing was changed."))
        )
        task.finished.connect(lambda: self.import_button.setEnabled(bool(self.files)))

    def _inline_problem(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.problem.setText(error_text(error))
        self.problem.show()

    def _imported(self, reports) -> None:
        self.context.show_message(lambda: self.summary(reports))
        self.context.customers_changed()
        self.context.show_page("customers")

    def summary(self, reports) -> str:
        lines = []
        for report in reports:
            if report.already_imported_at:
                lines.append(
                    self.tr("{file} was already imported on {when}; it was not imported again.")
                    .format(file=report.file_name, when=report.already_imported_at.replace("T", " "))
                )
                continue
            for sheet in report.sheets:
                line = self.tr("{file} › {sheet}: {rows} customers imported.").format(
                    file=report.file_name, sheet=sheet.sheet, rows=f"{sheet.rows_imported:,}"
                )
                if sheet.rows_skipped:
                    reasons = {}
                    for _row, reason in sheet.rows_skipped:
                        reasons[reason] = reasons.get(reason, 0) + 1
                    detail = "; ".join(
                        f"{tr_core('import', reason).rstrip('.')} ({count})"
                        for reason, count in reasons.items()
                    )
                    line += " " + self.tr("{count} rows skipped: {reasons}.").format(
                        count=len(sheet.rows_skipped), reasons=detail
                    )
                lines.append(line)
                # What the reading found (cells outside the table, formulas without results…)
                lines += ["  " + tr_core("import", w) for w in sheet.warnings]
            for item in report.skipped_sheets:
                lines.append(
                    self.tr("Sheet “{sheet}” skipped: {reason}.").format(
                        sheet=item.sheet, reason=tr_core("import", item.reason).rstrip(".")
                    )
                )
        return "\n".join(lines)

    # ---- drag and drop, language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Import customer lists"),
            self.tr("Bring in your Excel or CSV files. Check that the highlighted header row "
                    "and the column choices are right, then press Import."),
        )
        self.choose_button.setText(self.tr("Choose files…"))
        self.import_button.setText(self.tr("Import"))
        self.empty.setText(
            self.tr("Drop Excel (.xlsx, .xls, .ods) or CSV files here,\n"
                    "or press “Choose files…”.")
        )
        if self.files:
            self._show_state()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
