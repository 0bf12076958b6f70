"""Check step: how good is the data? The quality score, what drags it down in plain words,
a table per column and a completeness/validity chart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.fields import ROLE_LABELS, ROLE_LABELS_ZH
from app.ui.chart_view import ChartView, chart_language
from app.ui.i18n import error_text, tr_core
from app.ui.widgets import PageHeader, TaskProgress


def _tasks():
    from app.workers import clean_tasks  # pandas on first use, not when the window opens

    return clean_tasks


def field_label(key: str) -> str:
    if chart_language() == "zh":
        return ROLE_LABELS_ZH.get(key, key)
    return tr_core("fields", ROLE_LABELS[key]) if key in ROLE_LABELS else key


def drag_text(drag) -> str:
    params = dict(drag.params)
    params["field"] = field_label(drag.field)
    return tr_core("cleaning", drag.template, **params)


class CheckPage(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.report = None
        self._stale = False  # customers changed while hidden: check again when shown
        self.previous_score = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        layout.addWidget(self.header)

        top = QHBoxLayout()
        score_box = QVBoxLayout()
        self.score = QLabel("–", self)
        self.score.setObjectName("qualityScore")
        self.score.setStyleSheet("font-size: 56px; font-weight: 600; color: #1f2937;")
        self.score_caption = QLabel(self)
        self.score_caption.setObjectName("muted")
        self.compare = QLabel(self)
        self.compare.setObjectName("scoreCompare")
        score_box.addWidget(self.score)
        score_box.addWidget(self.score_caption)
        score_box.addWidget(self.compare)
        score_box.addStretch(1)
        top.addLayout(score_box)
        top.addSpacing(24)
        drag_box = QVBoxLayout()
        self.drags_title = QLabel(self)
        self.drags_title.setStyleSheet("font-weight: 600;")
        self.drags = QLabel(self)
        self.drags.setObjectName("drags")
        self.drags.setWordWrap(True)
        self.drags.setTextFormat(Qt.TextFormat.PlainText)
        self.drags.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        drag_box.addWidget(self.drags_title)
        drag_box.addWidget(self.drags, 1)
        top.addLayout(drag_box, 1)
        buttons = QVBoxLayout()
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("runCheck")
        self.run_button.clicked.connect(self.run_check)
        self.clean_button = QPushButton(self)
        self.clean_button.clicked.connect(lambda: self.context.show_page("clean"))
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.clean_button)
        buttons.addStretch(1)
        top.addLayout(buttons)
        layout.addLayout(top)

        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.hide()
        layout.addWidget(self.problem)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableWidget(0, 7, split)
        self.table.setObjectName("columnTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = ChartView(split, min_height=320)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([560, 480])
        layout.addWidget(split, 1)
        self.retranslate()

    # ---- running -------------------------------------------------------------------------
    def run_check(self) -> None:
        self._stale = False
        self.run_button.setEnabled(False)
        self.problem.hide()
        from app.ui.settings_dialog import current_settings

        task = self.context.runner.submit(_tasks().profile_workspace, progress=True,
                                          region=current_settings().phone_region,
                                          label="check")
        TaskProgress(task, self.tr("Checking the data…"), self)
        task.succeeded.connect(self.show_result)
        task.failed.connect(self._failed)
        task.finished.connect(lambda: self.run_button.setEnabled(True))

    def _failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.problem.setText(error_text(error))
        self.problem.show()

    def show_result(self, checked) -> None:
        self.report = checked.report
        self.previous_score = checked.previous_score
        self._fill()

    def _fill(self) -> None:
        report = self.report
        if report is None:
            self.score.setText("–")
            self.compare.setText("")
            self.drags.setText(self.tr("Press “Check the data” to see how complete and usable "
                                       "each column is."))
            self.table.setRowCount(0)
            self.chart.clear()
            return
        self.score.setText(f"{report.score:.0f}")
        self.score.setStyleSheet("font-size: 56px; font-weight: 600; color: %s;" % (
            "#15803d" if report.score >= 85 else "#b45309" if report.score >= 65 else "#b91c1c"))
        if self.previous_score is not None and abs(self.previous_score - report.score) >= 0.05:
            self.compare.setText(self.tr("Last check: {before:.1f} → now {after:.1f}").format(
                before=self.previous_score, after=report.score))
        else:
            self.compare.setText("")
        if report.drags:
            lines = [f"−{d.points:.1f}  {drag_text(d)}" for d in report.drags[:8]]
            self.drags.setText("\n".join(lines))
        else:
            self.drags.setText(self.tr("Nothing drags the score down."))
        self.table.setRowCount(len(report.columns))
        for row, c in enumerate(report.columns):
            top = ", ".join(f"{v} ({n:,})" for v, n in c.top_values[:3])
            cells = [field_label(c.field), f"{c.filled_pct:.1f}%", f"{c.valid_pct:.1f}%",
                     f"{c.nonstandard_pct:.1f}%", f"{c.distinct:,}", f"{c.fake:,}", top]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < col < 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        from app.core.cleaning.charts import quality_by_column

        lang = chart_language()
        self.chart.draw_later(self.context.runner, lambda: quality_by_column(report, lang),
                              "quality")

    # ---- window hooks --------------------------------------------------------------------
    def workspace_changed(self, _info) -> None:
        self.report = None
        self._fill()

    def customers_changed(self) -> None:
        if self.report is not None:
            if self.isVisible():
                self.run_check()
            else:  # check again when the page is shown (app/ui/pages/on_screen.py)
                self._stale = True

    def page_shown(self) -> None:
        if (self.report is None or self._stale) and self.run_button.isEnabled():
            self.run_check()

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Check"),
            self.tr("How usable is your list? A score out of 100, what lowers it, and each "
                    "column's completeness and validity. Then clean what is wrong."))
        self.score_caption.setText(self.tr("quality score out of 100"))
        self.drags_title.setText(self.tr("What drags the score down"))
        self.run_button.setText(self.tr("Check the data"))
        self.clean_button.setText(self.tr("Clean…"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Column"), self.tr("Filled"), self.tr("Valid"), self.tr("Not yet standard"),
            self.tr("Distinct"), self.tr("Fake"), self.tr("Most common values")])
        self.table.horizontalHeaderItem(2).setToolTip(self.tr(
            "Filled cells holding a usable value of their kind: a real phone number, a "
            "readable date or amount, whether or not it is written the standard way yet"))
        self.table.horizontalHeaderItem(3).setToolTip(self.tr(
            "Usable values Clean will still rewrite into the standard form, e.g. "
            "13800138000 → +8613800138000"))
        self._fill()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
