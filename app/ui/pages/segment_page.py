"""Segment step: rule segments (builder with a live count), RFM classes, k-means personas."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.fields import OTHER_FIELD_LABELS, ROLE_LABELS, ROLE_LABELS_ZH
from app.ui.chart_view import ChartView, chart_language
from app.ui.i18n import error_text, tr_core
from app.ui.pages.on_screen import ReloadWhenShown
from app.ui.widgets import PageHeader, TaskProgress


def _tasks():
    """The use cases, imported on first use: they pull in pandas, which the window does not
    need in order to open."""
    from app.workers import segment_tasks

    return segment_tasks


COUNT_DELAY_MS = 250
NO_VALUE_OPS = ("empty", "not_empty")


def field_label(key: str) -> str:
    """A field as the user reads it: the role label, or the Chinese / plain English name."""
    from app.core.segments.rules import EXTRA_FIELDS_ZH

    if chart_language() == "zh":
        return ROLE_LABELS_ZH.get(key) or EXTRA_FIELDS_ZH.get(key) or key
    if key in ROLE_LABELS:
        return tr_core("fields", ROLE_LABELS[key])
    if key in OTHER_FIELD_LABELS:  # "RFM class", not "Rfm class"
        return tr_core("fields", OTHER_FIELD_LABELS[key])
    return key.replace("_", " ").capitalize()


def _shown_rule(seg) -> str:
    """A saved segment's definition; a rule in the user's words (the stored text uses keys)."""
    if seg.rule is None:
        return seg.text
    from app.core.segments.rule_text import rule_to_text
    from app.core.segments.rules import rule_from_dict

    try:
        return rule_to_text(rule_from_dict(seg.rule), label=field_label,
                            chinese=chart_language() == "zh")
    except Exception:  # noqa: BLE001 - an old or odd rule still shows as it was saved
        return seg.text


class Retranslating:
    """Widgets that redraw their texts when the language changes."""

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]


# ============================================================================ rule builder

class ConditionRow(QWidget):
    """field / operator / value, and a button to remove the row."""

    def __init__(self, builder, group, parent=None) -> None:
        super().__init__(parent)
        self.builder, self.group = builder, group
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = QComboBox(self)
        self.field.setMinimumWidth(170)
        self.op = QComboBox(self)
        self.op.setMinimumWidth(170)
        self.value = QLineEdit(self)
        self.remove = QPushButton("✕", self)
        self.remove.setFixedWidth(34)
        row.addWidget(self.field)
        row.addWidget(self.op)
        row.addWidget(self.value, 1)
        row.addWidget(self.remove)
        self.fill()
        self.field.currentIndexChanged.connect(builder.changed)
        self.op.currentIndexChanged.connect(self._op_changed)
        self.value.textChanged.connect(builder.changed)
        self.remove.clicked.connect(lambda: group.remove_row(self))

    def fill(self) -> None:
        from app.core.segments.rules import OP_LABELS, OPS

        field, op = self.field.currentData(), self.op.currentData()
        self.field.blockSignals(True)
        self.op.blockSignals(True)
        self.field.clear()
        for key in self.builder.fields:
            self.field.addItem(field_label(key), key)
        self.op.clear()
        for key in OPS:
            self.op.addItem(tr_core("rules", OP_LABELS[key]), key)
        if field in self.builder.fields:
            self.field.setCurrentIndex(self.builder.fields.index(field))
        if op:
            self.op.setCurrentIndex(self.op.findData(op))
        self.field.blockSignals(False)
        self.op.blockSignals(False)
        self._op_changed()

    def _op_changed(self, *_args) -> None:
        op = self.op.currentData()
        self.value.setEnabled(op not in NO_VALUE_OPS)
        self.field.setEnabled(op != "has_tag")
        hints = {"one_of": self.tr("values separated by commas"),
                 "between": self.tr("low, high"), "within_days": self.tr("number of days"),
                 "has_tag": self.tr("tag")}
        self.value.setPlaceholderText(hints.get(op, self.tr("value")))
        self.builder.changed()

    def to_dict(self) -> dict | None:
        op, text = self.op.currentData(), self.value.text().strip()
        if op not in NO_VALUE_OPS and not text:
            return None  # an unfinished row is left out of the count
        value: object = text
        if op == "one_of":
            value = _split(text)
        elif op == "between":
            parts = _split(text) if "," in text or "，" in text else text.split(" and ")
            if len(parts) != 2:
                return None
            value = [p.strip() for p in parts]
        elif op in NO_VALUE_OPS:
            value = None
        return {"field": self.field.currentData() or "", "op": op, "value": value}


class GroupBox(Retranslating, QFrame):
    """Conditions joined by AND or OR."""

    def __init__(self, builder, parent=None) -> None:
        super().__init__(parent)
        self.builder = builder
        self.setObjectName("ruleGroup")
        self.setStyleSheet("QFrame#ruleGroup { border: 1px solid #e3e7ee; border-radius: 8px; }")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.join_label = QLabel(self)
        self.join = QComboBox(self)
        self.join.addItem("", "and")
        self.join.addItem("", "or")
        self.join.currentIndexChanged.connect(builder.changed)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(lambda: builder.remove_group(self))
        top.addWidget(self.join_label)
        top.addWidget(self.join)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        self.rows_layout = QVBoxLayout()
        layout.addLayout(self.rows_layout)
        self.rows: list[ConditionRow] = []
        self.retranslate()

    def add_row(self) -> ConditionRow:
        row = ConditionRow(self.builder, self, self)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.builder.changed()
        return row

    def remove_row(self, row) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.builder.changed()

    def to_dict(self) -> dict:
        items = [d for r in self.rows if (d := r.to_dict())]
        return {"op": self.join.currentData(), "negate": False, "items": items}

    def retranslate(self) -> None:
        self.join_label.setText(self.tr("Match"))
        self.join.setItemText(0, self.tr("all of these (AND)"))
        self.join.setItemText(1, self.tr("any of these (OR)"))
        self.add_button.setText(self.tr("+ Condition"))
        self.remove_button.setText(self.tr("Remove group"))
        for row in self.rows:
            row.fill()


class RulesTab(Retranslating, QWidget):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.fields: list[str] = []
        self.groups: list[GroupBox] = []
        self._count_task = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        top = QHBoxLayout()
        self.top_label = QLabel(self)
        self.top_join = QComboBox(self)
        self.top_join.addItem("", "and")
        self.top_join.addItem("", "or")
        self.top_join.currentIndexChanged.connect(self.changed)
        self.add_group_button = QPushButton(self)
        self.add_group_button.clicked.connect(lambda: self.add_group())
        top.addWidget(self.top_label)
        top.addWidget(self.top_join)
        top.addStretch(1)
        top.addWidget(self.add_group_button)
        left.addLayout(top)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget(scroll)
        self.groups_layout = QVBoxLayout(holder)
        self.groups_layout.addStretch(1)
        scroll.setWidget(holder)
        left.addWidget(scroll, 1)
        self.rule_text = QLabel(self)
        self.rule_text.setObjectName("muted")
        self.rule_text.setWordWrap(True)
        self.rule_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.rule_text)
        self.count = QLabel(self)
        self.count.setObjectName("pageTitle")
        left.addWidget(self.count)
        save = QHBoxLayout()
        self.name = QLineEdit(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        save.addWidget(self.name, 1)
        save.addWidget(self.save_button)
        left.addLayout(save)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        left.addWidget(self.problem)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        self.saved_title = QLabel(self)
        self.saved_title.setStyleSheet("font-weight: 600;")
        right.addWidget(self.saved_title)
        self.saved = QTableWidget(0, 3, self)
        self.saved.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.saved.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.saved.verticalHeader().hide()
        self.saved.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.saved, 1)
        tag_row = QHBoxLayout()
        self.tag = QLineEdit(self)
        self.tag_add = QPushButton(self)
        self.tag_remove = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.tag_add.clicked.connect(lambda: self.tag_selected(add=True))
        self.tag_remove.clicked.connect(lambda: self.tag_selected(add=False))
        self.delete_button.clicked.connect(self.delete_selected)
        tag_row.addWidget(self.tag, 1)
        tag_row.addWidget(self.tag_add)
        tag_row.addWidget(self.tag_remove)
        right.addLayout(tag_row)
        right.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tags_label = QLabel(self)
        self.tags_label.setObjectName("muted")
        self.tags_label.setWordWrap(True)
        right.addWidget(self.tags_label)
        layout.addLayout(right, 2)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        self.add_group().add_row()
        self.retranslate()

    # ---- builder
    def add_group(self) -> GroupBox:
        group = GroupBox(self, self)
        self.groups.append(group)
        self.groups_layout.insertWidget(self.groups_layout.count() - 1, group)
        self.changed()
        return group

    def remove_group(self, group) -> None:
        self.groups.remove(group)
        group.setParent(None)
        group.deleteLater()
        self.changed()

    def rule(self) -> dict:
        return {"op": self.top_join.currentData(), "negate": False,
                "items": [g.to_dict() for g in self.groups if g.to_dict()["items"]]}

    def set_fields(self, fields: list[str]) -> None:
        self.fields = fields
        for group in self.groups:
            for row in group.rows:
                row.fill()

    def changed(self, *_args) -> None:
        self._timer.start()

    def recount(self) -> None:
        from app.core.segments.rule_text import rule_to_text
        from app.core.segments.rules import rule_from_dict

        frame = self.page.overview.frame if self.page.overview else None
        rule = self.rule()
        try:
            self.rule_text.setText(rule_to_text(
                rule_from_dict(rule), label=field_label, chinese=chart_language() == "zh"
            ) if rule["items"] else "")
        except Exception:  # noqa: BLE001 - the preview must never stop the builder
            self.rule_text.setText("")
        if frame is None or not self.isVisible():
            return  # counted again when the tab is shown
        if self._count_task is not None:
            self._count_task.cancel()
        try:
            task = self.page.context.runner.submit(_tasks().count_rule, frame, rule,
                                                   workspace=False, label="count")
        except RuntimeError:
            return  # the window is closing
        self._count_task = task
        task.succeeded.connect(lambda n, t=task: self._show_count(t, n, len(frame)))
        task.failed.connect(lambda e, t=task: self._count_failed(t, e))

    def showEvent(self, event) -> None:  # noqa: N802
        self.changed()
        super().showEvent(event)

    def _show_count(self, task, n: int, total: int) -> None:
        if task is not self._count_task:
            return  # an older count finishing late
        self.problem.hide()
        self.count.setText(self.tr("{n} of {total} customers match").format(
            n=f"{n:,}", total=f"{total:,}"))

    def _count_failed(self, task, error) -> None:
        if task is not self._count_task:
            return
        if not error.expected:
            self.page.context.report_crash(error.details)
            return
        self.count.setText("—")
        self.problem.setText(error_text(error))
        self.problem.show()

    def save(self) -> None:
        rule = self.rule()
        if not rule["items"]:
            self.problem.setText(self.tr("Add at least one complete condition first."))
            self.problem.show()
            return
        task = self.page.context.runner.submit(_tasks().save_rule_segment,
                                               self.name.text(), rule, label="save segment")
        saved = self.name.text()
        task.succeeded.connect(lambda n: self.page.done(  # a callable: re-read in a new language
            lambda: self.tr("Segment “{name}” saved: {n} customers.").format(name=saved,
                                                                           n=f"{n:,}")))
        task.failed.connect(self.page.failed)

    # ---- saved segments and tags
    def show_segments(self, segments, tags) -> None:
        self._shown = (segments, tags)  # shown again in the new language by retranslate()
        kinds = {"rule": self.tr("Rule"), "rfm": "RFM", "kmeans": self.tr("Personas")}
        self.saved.setRowCount(len(segments))
        for i, seg in enumerate(segments):
            shown = self.tr("Personas") if seg.name == "Personas" else seg.name  # built-in
            for j, text in enumerate((shown, f"{seg.size:,}",
                                      f"{kinds.get(seg.kind, seg.kind)}: {_shown_rule(seg)}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, seg.name)
                if j == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.saved.setItem(i, j, item)
        self.saved.resizeColumnsToContents()
        self.tags_label.setText(self.tr("Tags: {tags}").format(
            tags=", ".join(f"{t} ({n:,})" for t, n in tags.items()) or "—"))

    def selected_segment(self) -> str | None:
        rows = self.saved.selectionModel().selectedRows()
        return self.saved.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def tag_selected(self, add: bool) -> None:
        name = self.selected_segment()
        if not name:
            self.page.show_problem(self.tr("Choose a segment in the list first."))
            return
        tag = self.tag.text()

        def job(ws, segment, tag, add):
            ids = _tasks().segment_customer_ids(ws, segment)
            return (_tasks().add_tag if add else _tasks().remove_tag)(ws, tag, ids)

        task = self.page.context.runner.submit(job, name, tag, add, label="tag")
        def text():
            return (self.tr("Tag “{tag}” added to {n} customers.") if add
                    else self.tr("Tag “{tag}” removed from {n} customers."))
        task.succeeded.connect(lambda n: self.page.done(
            lambda: text().format(tag=tag, n=f"{n:,}")))
        task.failed.connect(self.page.failed)

    def delete_selected(self) -> None:
        name = self.selected_segment()
        if not name:
            return
        task = self.page.context.runner.submit(_tasks().delete_segment, name,
                                               label="delete segment")
        task.succeeded.connect(lambda _r: self.page.done(
            lambda: self.tr("Segment “{name}” deleted (Undo brings it back).").format(name=name)))
        task.failed.connect(self.page.failed)

    def retranslate(self) -> None:
        self.top_label.setText(self.tr("Customers who match"))
        self.top_join.setItemText(0, self.tr("every group (AND)"))
        self.top_join.setItemText(1, self.tr("any group (OR)"))
        self.add_group_button.setText(self.tr("+ Group"))
        self.name.setPlaceholderText(self.tr("Segment name, e.g. 广州制造业"))
        self.save_button.setText(self.tr("Save segment"))
        self.saved_title.setText(self.tr("Saved segments (sizes are counted now)"))
        self.saved.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Customers"),
                                              self.tr("Definition")])
        self.tag.setPlaceholderText(self.tr("Tag, e.g. VIP"))
        self.tag_add.setText(self.tr("Tag segment"))
        self.tag_remove.setText(self.tr("Remove tag"))
        self.delete_button.setText(self.tr("Delete segment"))
        if getattr(self, "_shown", None) is not None:
            self.show_segments(*self._shown)
        for group in self.groups:
            group.retranslate()
        self.changed()


# ============================================================================ RFM

class RfmTab(Retranslating, QWidget):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.report = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.date_label = QLabel(self)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        top.addWidget(self.date_label)
        top.addWidget(self.date)
        top.addWidget(self.run_button)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        body = QHBoxLayout()
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        body.addWidget(self.table, 3)
        self.grid_chart = ChartView(self, 340)
        body.addWidget(self.grid_chart, 2)
        layout.addLayout(body, 1)
        self.retranslate()

    def run(self) -> None:
        ref = self.date.date().toString("yyyy-MM-dd")
        task = self.page.context.runner.submit(_tasks().run_rfm, ref, progress=True,
                                               label="rfm")
        TaskProgress(task, self.tr("Computing RFM"), self)
        task.succeeded.connect(lambda r: self.page.done(
            lambda: self.tr("RFM as of {date}: {n} customers scored.").format(
                date=r.reference_date, n=f"{r.customers:,}")))
        task.failed.connect(self.page.failed)

    def show_report(self, report) -> None:
        self.report = report
        if report is None:
            self.table.setRowCount(0)
            self.grid_chart.clear()
            self.summary.setText(self.tr("Not computed yet. Pick the reference date and run."))
            return
        zh = chart_language() == "zh"
        self.date.setDate(QDate.fromString(report.reference_date, "yyyy-MM-dd"))
        source = (self.tr("purchase lines") if report.source == "orders"
                  else self.tr("the customer sheet's purchase columns"))
        self.summary.setText(self.tr("As of {date}, from {source}: {buyers} of {n} customers "
                                     "bought.").format(date=report.reference_date, source=source,
                                                       buyers=f"{report.buyers:,}",
                                                       n=f"{report.customers:,}"))
        self.table.setRowCount(len(report.classes))
        for i, c in enumerate(report.classes):
            name = c["class_zh"] if zh else tr_core("segments", c["class_en"])
            advice = c["advice_zh"] if zh else tr_core("segments", c["advice_en"])
            size = QTableWidgetItem(f"{c['size']:,}")
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, QTableWidgetItem(name))
            self.table.setItem(i, 1, size)
            self.table.setItem(i, 2, QTableWidgetItem(advice))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()
        from app.core.segments.charts import rfm_grid_heatmap

        grid, lang = report.grid, "zh" if zh else "en"
        self.grid_chart.draw_later(self.page.context.runner,
                                   lambda: rfm_grid_heatmap(grid, lang), "rfm_grid")

    def retranslate(self) -> None:
        self.date_label.setText(self.tr("Reference date"))
        self.run_button.setText(self.tr("Run RFM"))
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Customers"),
                                              self.tr("What to do")])
        self.show_report(self.report)


# ============================================================================ clusters

class PersonaCard(QFrame):
    def __init__(self, tab, persona: dict, parent=None) -> None:
        super().__init__(parent)
        self.tab, self.cluster = tab, persona["cluster"]
        self.setObjectName("personaCard")
        self.setStyleSheet("QFrame#personaCard { border: 1px solid #e3e7ee; border-radius: 8px;"
                           " background: #f9fafb; }")
        layout = QVBoxLayout(self)
        zh = chart_language() == "zh"
        self.name = QLineEdit(persona["name_zh"] if zh else persona["name_en"], self)
        self.name.setStyleSheet("font-weight: 600;")
        self._original = self.name.text()
        self.name.editingFinished.connect(self._renamed)
        self.description = QLabel(persona["description_zh"] if zh else persona["description_en"],
                                  self)
        self.description.setWordWrap(True)
        layout.addWidget(self.name)
        layout.addWidget(self.description)

    def _renamed(self) -> None:
        text = self.name.text().strip()
        if text and text != self._original:
            self._original = text
            self.tab.rename(self.cluster, text)


class ClustersTab(Retranslating, QWidget):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.run_result = None
        self.report = None
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        self.features_label = QLabel(self)
        self.features_label.setStyleSheet("font-weight: 600;")
        side.addWidget(self.features_label)
        self.features = QListWidget(self)
        self.features.setMaximumWidth(230)
        side.addWidget(self.features, 1)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run)
        side.addWidget(self.run_button)
        k_row = QHBoxLayout()
        self.k_label = QLabel(self)
        self.k = QSpinBox(self)
        self.k.setRange(2, 10)
        self.k.setEnabled(False)
        self.k_apply = QPushButton(self)
        self.k_apply.setEnabled(False)
        self.k_apply.clicked.connect(self.apply_k)
        k_row.addWidget(self.k_label)
        k_row.addWidget(self.k)
        k_row.addWidget(self.k_apply)
        side.addLayout(k_row)
        layout.addLayout(side)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        self.body = QVBoxLayout(body)
        self.reason = QLabel(body)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("font-size: 14px;")
        self.body.addWidget(self.reason)
        self.cards = QGridLayout()
        for column in range(3):
            self.cards.setColumnStretch(column, 1)
        self.body.addLayout(self.cards)
        charts = QGridLayout()
        self.elbow = ChartView(body, 300)
        self.silhouette = ChartView(body, 300)
        self.sizes = ChartView(body, 300)
        self.scatter = ChartView(body, 340)
        self.profile = ChartView(body, 340)
        # One chart per row: side by side they were too narrow for their titles.
        for row, view in enumerate((self.elbow, self.silhouette, self.sizes, self.scatter,
                                    self.profile)):
            charts.addWidget(view, row, 0)
        self.body.addLayout(charts)
        self.body.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def set_fields(self, fields: list[str], defaults: list[str]) -> None:
        checked = {self.features.item(i).data(Qt.ItemDataRole.UserRole)
                   for i in range(self.features.count())
                   if self.features.item(i).checkState() == Qt.CheckState.Checked}
        self.features.clear()
        for key in fields:
            item = QListWidgetItem(field_label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = key in (checked or set(defaults))
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.features.addItem(item)

    def chosen(self) -> list[str]:
        return [self.features.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.features.count())
                if self.features.item(i).checkState() == Qt.CheckState.Checked]

    def run(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.page.show_problem(self.tr("Tick at least one feature."))
            return
        task = self.page.context.runner.submit(_tasks().cluster_sweep, chosen,
                                               progress=True, label="k-means")
        TaskProgress(task, self.tr("Trying 2 to 10 groups"), self)
        task.succeeded.connect(self._swept)
        task.failed.connect(self.page.failed)

    def _swept(self, run) -> None:
        self.run_result = run
        self._save(run.sweep.recommended_k)

    def apply_k(self) -> None:
        if self.run_result is None:
            self.run()
            return
        self._save(self.k.value())

    def _save(self, k: int) -> None:
        task = self.page.context.runner.submit(_tasks().save_clusters, self.run_result, k,
                                               label="save personas")
        task.succeeded.connect(lambda r: self.page.done(
            lambda: self.tr("{k} personas saved.").format(k=r.k)))
        task.failed.connect(self.page.failed)

    def rename(self, cluster: int, name: str) -> None:
        task = self.page.context.runner.submit(_tasks().rename_persona, cluster, name,
                                               label="rename persona")
        task.succeeded.connect(lambda _r: self.page.done(
            lambda: self.tr("Persona renamed to “{name}”.").format(name=name)))
        task.failed.connect(self.page.failed)

    def show_report(self, report) -> None:
        self.report = report
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for view in (self.elbow, self.silhouette, self.sizes, self.scatter, self.profile):
            view.clear()
        if report is None:
            self.reason.setText(self.tr("Tick the features to group customers by, then Run. "
                                        "The number of groups is chosen for you and explained."))
            return
        lang = chart_language()
        self.k.setEnabled(True)
        self.k_apply.setEnabled(True)
        self.k.blockSignals(True)
        self.k.setRange(min(report.inertia), max(report.inertia))
        self.k.setValue(report.k)
        self.k.blockSignals(False)
        reason = report.reason_zh if lang == "zh" else report.reason_en
        chosen = "" if report.k == report.recommended_k else " " + self.tr(
            "You chose k = {k}.").format(k=report.k)
        self.reason.setText(self.tr("Recommended: {reason}").format(reason=reason) + chosen)
        names = []
        for i, p in enumerate(report.personas):
            card = PersonaCard(self, p, self)
            names.append(card.name.text())
            self.cards.addWidget(card, i // 3, i % 3)
        from app.core.segments import charts

        sweep = SimpleNamespace(ks=sorted(report.inertia), inertia=report.inertia,
                                silhouette=report.silhouette, recommended_k=report.recommended_k)
        runner, k = self.page.context.runner, report.k
        self.elbow.draw_later(runner, lambda: charts.elbow_chart(sweep, k, lang), "elbow")
        self.silhouette.draw_later(runner, lambda: charts.silhouette_chart(sweep, k, lang),
                                   "silhouette")
        import pandas as pd

        sizes = pd.Series([p["size"] for p in report.personas], index=names)
        self.sizes.draw_later(runner, lambda: charts.segment_sizes_chart(sizes, lang),
                              "persona_sizes")
        run = self.run_result
        if run is not None and report.k in run.sweep.labels and run.features == report.features:
            from app.core.segments.personas import cluster_profile

            labels, matrix = run.sweep.labels[report.k], run.matrix
            # The scatter projects every customer (PCA): a second or more at 1M rows.
            self.scatter.draw_later(runner, lambda: charts.pca_scatter(
                matrix.X, labels, names, lang), "personas_scatter")
            self.profile.draw_later(runner, lambda: charts.profile_heatmap(
                cluster_profile(matrix, labels), names, lang), "personas_profile")
        else:
            note = self.tr("Run again to see this chart")
            self.scatter.placeholder.setText(note)
            self.profile.placeholder.setText(note)

    def retranslate(self) -> None:
        self.features_label.setText(self.tr("Group customers by"))
        self.run_button.setText(self.tr("Run"))
        self.k_label.setText(self.tr("Groups (k)"))
        self.k_apply.setText(self.tr("Use this k"))
        for i in range(self.features.count()):
            item = self.features.item(i)
            item.setText(field_label(item.data(Qt.ItemDataRole.UserRole)))
        self.show_report(self.report)


# ============================================================================ the page

class SegmentPage(ReloadWhenShown, Retranslating, QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        layout.addWidget(self.header)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.tabs = QTabWidget(self)
        self.rules = RulesTab(self)
        self.rfm = RfmTab(self)
        self.clusters = ClustersTab(self)
        self.tabs.addTab(self.rules, "")
        self.tabs.addTab(self.rfm, "")
        self.tabs.addTab(self.clusters, "")
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def reload(self) -> None:
        task = self.context.runner.submit(_tasks().segment_overview, label="segments")
        task.succeeded.connect(self._show)
        task.failed.connect(self.failed)

    def _show(self, overview) -> None:
        self.overview = overview
        hidden = {"alt_phones", "alt_emails", "flags", "extra", "source_rows", "imported_at",
                  "salutation", "customer_id"}
        self.rules.set_fields([c for c in overview.frame.columns if c not in hidden])
        self.rules.show_segments(overview.segments, overview.tags)
        self.rules.changed()
        self.rfm.show_report(overview.rfm)
        self.clusters.set_fields(overview.fields, overview.default_features)
        self.clusters.show_report(overview.clusters)

    def done(self, message) -> None:
        """`message`: text, or a callable giving it (asked again when the language changes)."""
        self.problem.hide()
        self.context.show_message(message)
        self.context.customers_changed()  # other pages (dashboard, export) see the change

    def failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.show_problem(error_text(error))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    # hooks called by the main window (a hidden page reloads when shown: on_screen.py)
    def workspace_changed(self, _info) -> None:
        self.reload_when_shown()

    def customers_changed(self) -> None:
        self.reload_when_shown()

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Segment"),
            self.tr("Find who to talk to: build rules, score customers by recency, frequency "
                    "and spend (RFM), or let the app form groups of similar customers."))
        self.tabs.setTabText(0, self.tr("Rules"))
        self.tabs.setTabText(1, self.tr("RFM"))
        self.tabs.setTabText(2, self.tr("Clusters"))
