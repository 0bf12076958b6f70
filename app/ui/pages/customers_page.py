"""Customers step: every customer in the workspace, searchable and sortable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.customers_model import CustomersModel
from app.ui.pages.on_screen import ReloadWhenShown
from app.ui.widgets import BigTableView, PageHeader

SEARCH_DELAY_MS = 250
FIT_ROWS = 60  # rows a column's width is measured on


class CustomersPage(ReloadWhenShown, QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = CustomersModel(self, run_async=self._run_async)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        layout.addWidget(self.header)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.counts = QLabel(self)
        self.counts.setObjectName("muted")
        bar.addWidget(self.search)
        bar.addSpacing(12)
        bar.addWidget(self.counts, 1)
        layout.addLayout(bar)
        self.view = BigTableView(self)
        self.view.setObjectName("customerTable")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(150)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.model.set_filter(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.model.rows_changed.connect(lambda *_: self._show_counts())
        self.model.filtering_changed.connect(lambda _busy: self._show_counts())
        self.model.modelReset.connect(self._fit_columns)
        self._loading = False
        self.retranslate()

    def _run_async(self, fn, args, on_result) -> None:
        task = self.context.runner.submit(fn, *args, workspace=False, label="table")
        task.succeeded.connect(on_result)
        task.failed.connect(lambda e: self.context.report_crash(e.details))

    def reload(self) -> None:
        self._loading = True
        self._show_counts()
        from app.workers.tables import load_customer_table

        task = self.context.runner.submit(load_customer_table, label="load customers")
        task.succeeded.connect(self._show_table)
        task.failed.connect(self._load_failed)
        task.finished.connect(self._loaded)

    def _show_table(self, table) -> None:
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_table(table)

    def _loaded(self) -> None:
        self._loading = False
        self._show_counts()

    def _load_failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)

    def _fit_columns(self) -> None:
        """Each column as wide as its header and first rows' texts (90-280 px), measured on
        the model's own texts (BigTableView.fit_columns)."""
        samples = self.model.sample_texts(FIT_ROWS)
        self.view.fit_columns([(c, *sample) for c, sample in enumerate(samples)], 90, 280)

    # hooks called by the main window (a hidden page reloads when shown: on_screen.py)
    def workspace_changed(self, _info) -> None:
        self.reload_when_shown()

    def customers_changed(self) -> None:
        self.reload_when_shown()

    def _show_counts(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.table)
        if self._loading:
            text = self.tr("Loading customers…")
        elif self.search.text().strip():
            text = self.tr("{shown} of {total} customers match").format(
                shown=f"{shown:,}", total=f"{total:,}"
            )
        else:
            text = self.tr("{total} customers").format(total=f"{total:,}")
        self.counts.setText(text)

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Customers"),
            self.tr("Everyone in this workspace, as imported. Search to find someone, click a "
                    "column title to sort; next, check and clean the data."),
        )
        self.search.setPlaceholderText(self.tr("Search names, phones, e-mails, companies…"))
        self.model.retranslate()
        self._show_counts()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
