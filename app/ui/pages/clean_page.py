"""Clean step: the suggested fixes as checkable rows (count, examples old → new), a preview of
every change of the selected fix, Apply selected / Undo, and value clustering for city and
company (pick or type the canonical value, untick a wrong variant, merge)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import error_text, tr_core
from app.ui.pages.check_page import field_label
from app.ui.widgets import PageHeader, TaskProgress

PREVIEW_ROWS = 500  # changes listed for the selected fix (the count shows them all)
CLUSTER_FIELDS = ("city", "company", "industry", "province")
METHODS = ("pinyin", "fingerprint", "ngram", "simplified", "levenshtein")
RULE_ROLE = Qt.ItemDataRole.UserRole
CLUSTER_SIZE_ROLE = Qt.ItemDataRole.UserRole + 1  # (spellings, customers) of a group


def _tasks():
    from app.workers import clean_tasks

    return clean_tasks


class CleanPage(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan = None
        self.plan_settings = None  # the CleanSettings the plan was made with (phone region)
        self.score_before = None
        self.last_result = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        layout.addWidget(self.header)

        bar = QHBoxLayout()
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("findFixes")
        self.find_button.clicked.connect(self.find_fixes)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("applyFixes")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_selected)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undoClean")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo)
        self.fake_label = QLabel(self)
        self.fake_choice = QComboBox(self)  # what to do with fake/placeholder values
        self.fake_choice.setObjectName("fakeChoice")
        self.notes_button = QPushButton(self)  # phones found in notes -> alternate phones
        self.notes_button.setObjectName("notePhones")
        self.notes_button.setEnabled(False)
        self.notes_button.clicked.connect(self.apply_note_phones)
        self.score = QLabel(self)
        self.score.setObjectName("cleanScore")
        self.score.setStyleSheet("font-size: 15px; font-weight: 600;")
        for w in (self.fake_label, self.fake_choice, self.find_button, self.apply_button,
                  self.notes_button, self.undo_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        bar.addWidget(self.score, 1)
        layout.addLayout(bar)
        self.status = QLabel(self)
        self.status.setObjectName("cleanStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        vertical = QSplitter(Qt.Orientation.Vertical, self)
        split = QSplitter(Qt.Orientation.Horizontal, vertical)
        self.rules = QTreeWidget(split)
        self.rules.setObjectName("fixList")
        self.rules.setColumnCount(3)
        self.rules.setRootIsDecorated(False)
        self.rules.setAlternatingRowColors(True)
        self.rules.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.rules.header().resizeSection(0, 330)
        self.rules.header().resizeSection(1, 70)
        self.rules.currentItemChanged.connect(self._show_preview)
        self.rules.itemChanged.connect(lambda *_: self._update_buttons())
        self.preview = QTableWidget(0, 4, split)
        self.preview.setObjectName("preview")
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        split.addWidget(self.rules)
        split.addWidget(self.preview)
        split.setSizes([620, 420])

        clusters = QWidget(vertical)
        box = QVBoxLayout(clusters)
        box.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        self.cluster_title = QLabel(clusters)
        self.cluster_title.setStyleSheet("font-weight: 600;")
        self.cluster_field = QComboBox(clusters)
        self.cluster_method = QComboBox(clusters)
        self.cluster_button = QPushButton(clusters)
        self.cluster_button.setObjectName("findClusters")
        self.cluster_button.clicked.connect(self.find_clusters)
        self.merge_button = QPushButton(clusters)
        self.merge_button.setObjectName("mergeClusters")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        row.addWidget(self.cluster_title)
        row.addWidget(self.cluster_field)
        row.addWidget(self.cluster_method)
        row.addWidget(self.cluster_button)
        row.addWidget(self.merge_button)
        row.addStretch(1)
        box.addLayout(row)
        self.cluster_tree = QTreeWidget(clusters)
        self.cluster_tree.setObjectName("clusters")
        self.cluster_tree.setColumnCount(3)
        self.cluster_tree.header().resizeSection(0, 300)
        self.cluster_tree.header().resizeSection(1, 260)
        box.addWidget(self.cluster_tree, 1)
        vertical.addWidget(split)
        vertical.addWidget(clusters)
        vertical.setSizes([420, 220])
        layout.addWidget(vertical, 1)
        self.retranslate()

    # ---- values as the user reads them ---------------------------------------------------
    def show_value(self, value) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return self.tr("(blank)")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            low, high = (value + [None, None])[:2]
            return f"{low}+" if high is None else f"{low}–{high}"
        if isinstance(value, float) and value.is_integer():
            return f"{value:,.0f}"
        return str(value).replace("\n", "⏎")

    def _examples(self, rule) -> str:
        return "   ".join(f"{self.show_value(o)} → {self.show_value(n)}"
                          for o, n in rule.examples[:3])

    # ---- fixes ---------------------------------------------------------------------------
    def find_fixes(self) -> None:
        self.find_button.setEnabled(False)
        self.status.setText(self.tr("Looking for fixes…"))

        from app.ui.settings_dialog import current_settings

        chosen = current_settings()
        settings = _tasks().CleanSettings(chosen.phone_region,
                                          date_order=chosen.cleaning_date_order,
                                          fake=self.fake_choice.currentData() or "blank")
        self.plan_settings = settings

        def job(ws, progress=None, cancel=None):
            from app.core.progress import sub_progress

            tasks = _tasks()
            frame = tasks.load_for_cleaning(ws)
            checked = tasks.profile_workspace(ws, frame=frame, region=settings.region,
                                              progress=sub_progress(progress, 0.0, 0.3),
                                              cancel=cancel)
            plan = tasks.plan_cleaning(ws, frame=frame, settings=settings,
                                       progress=sub_progress(progress, 0.3, 1.0), cancel=cancel)
            tasks.release_frame(frame)  # piece by piece: freed at once it froze the window
            return checked.report.score, plan

        task = self.context.runner.submit(job, progress=True, label="plan cleaning")
        TaskProgress(task, self.tr("Looking for fixes…"), self)
        task.succeeded.connect(self.show_plan)
        task.failed.connect(self._failed)
        task.cancelled.connect(lambda: self.status.setText(self.tr("Stopped; nothing changed.")))
        task.finished.connect(lambda: self.find_button.setEnabled(True))

    def show_plan(self, result) -> None:
        if result[1] is not self.plan:  # (shown again in a new language: the same plan)
            self._let_go_of_plan()  # an earlier plan, from a previous Find fixes
        self.score_before, self.plan = result
        self.rules.blockSignals(True)
        self.rules.clear()
        import numpy as np

        from app.core.cleaning.plan import RULE_CODE

        fields_of: dict[int, list[str]] = {}
        for name, column in self.plan.columns.items():
            # which rules touch this column: a count per code (a set of 1M ints took 10-20 ms)
            for code in np.flatnonzero(np.bincount(column.rules.view(np.uint8))).tolist():
                fields_of.setdefault(code, []).append(name)
        for rule in self.plan.rules:
            item = QTreeWidgetItem(self.rules)
            fields = fields_of.get(RULE_CODE.get(rule.rule_id), [rule.field])
            where = "、".join(field_label(f) for f in fields[:3]) + ("…" if len(fields) > 3 else "")
            item.setText(0, f"{tr_core('cleaning', rule.label)}  ·  {where}")
            item.setToolTip(0, rule.rule_id)
            item.setText(1, f"{rule.count:,}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setText(2, self._examples(rule))
            item.setData(0, RULE_ROLE, rule.rule_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
        self.rules.blockSignals(False)
        if self.plan.rules:
            self.rules.setCurrentItem(self.rules.topLevelItem(0))
            self.status.setText(self.tr("{n} suggested fixes. Untick any you do not want, check "
                                        "the preview, then apply.").format(n=len(self.plan.rules)))
        else:
            self.preview.setRowCount(0)
            self.status.setText(self.tr("Nothing to clean: every value is already in its clean "
                                        "form."))
        self._show_score()
        self._update_buttons()

    def checked_rules(self) -> list[str]:
        out = []
        for i in range(self.rules.topLevelItemCount()):
            item = self.rules.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.data(0, RULE_ROLE))
        return out

    def _show_preview(self, current, _previous=None) -> None:
        self.preview.setRowCount(0)
        if current is None or self.plan is None:
            return
        changes = self.plan.changes_for(current.data(0, RULE_ROLE), PREVIEW_ROWS)
        self.preview.setRowCount(len(changes))
        for row, change in enumerate(changes):
            for col, text in enumerate((str(change.customer_id), field_label(change.field),
                                        self.show_value(change.old), self.show_value(change.new))):
                self.preview.setItem(row, col, QTableWidgetItem(text))
        header = self.preview.horizontalHeader()
        # Not the last column: sizing it by hand stops it stretching, leaving a blank strip.
        for col in range(3):
            self.preview.resizeColumnToContents(col)
            header.resizeSection(col, min(header.sectionSize(col), 90 if col < 2 else 170))

    def apply_selected(self) -> None:
        rules = self.checked_rules()
        if not rules or self.plan is None:
            return
        self.apply_button.setEnabled(False)
        task = self.context.runner.submit(_tasks().apply_cleaning, self.plan, rules,
                                          settings=self.plan_settings,
                                          score_before=self.score_before, progress=True,
                                          label="apply cleaning")
        TaskProgress(task, self.tr("Applying the fixes…"), self)
        task.succeeded.connect(self._applied)
        task.failed.connect(self._failed)
        task.cancelled.connect(lambda: self.status.setText(self.tr("Stopped; nothing changed.")))
        task.finished.connect(self._update_buttons)

    def apply_note_phones(self) -> None:
        if self.plan is None or not self.plan.suggestions:
            return
        self.notes_button.setEnabled(False)
        task = self.context.runner.submit(_tasks().apply_note_phones, self.plan, progress=True,
                                          label="phones from notes")
        task.succeeded.connect(self._notes_applied)
        task.failed.connect(self._failed)
        task.finished.connect(self._update_buttons)

    def _notes_applied(self, result) -> None:
        self.last_result = result
        if self.plan is not None:
            self.plan.suggestions = []
        n = sum(result.counts.values())
        self.status.setText(self.tr("%n phone number(s) from notes added as alternate phones. "
                                    "Undo takes them back.", "", n))
        self._update_buttons()
        self.context.customers_changed()

    def _applied(self, result) -> None:
        self.last_result = result
        self._let_go_of_plan()
        self.rules.clear()
        self.preview.setRowCount(0)
        if result.op_id is None:
            self.status.setText(self.tr("Nothing needed changing."))
        else:
            self.status.setText(self.tr("{cells} cells changed in {customers} customers, as one "
                                        "step in the history. Undo takes it all back.").format(
                cells=f"{result.cells:,}", customers=f"{result.customers:,}"))
        self._show_score()
        self._update_buttons()
        self.context.customers_changed()

    def _let_go_of_plan(self) -> None:
        """Drop the plan; a worker empties it (a million-row plan freed here froze the
        window 0.15-0.18 s)."""
        plan, self.plan = self.plan, None
        if plan is not None and not self.context.runner.stopped:
            self.context.runner.submit(_tasks().release_plan, plan, workspace=False,
                                       label="free plan")

    def undo(self) -> None:
        from app.workers import usecases

        self.undo_button.setEnabled(False)
        task = self.context.runner.submit(usecases.undo, label="undo")
        task.succeeded.connect(self._undone)
        task.failed.connect(self._failed)

    def _undone(self, _entry) -> None:
        self.last_result = None
        self.status.setText(self.tr("The last step was undone."))
        self.score.setText("")
        self._update_buttons()
        self.context.customers_changed()

    def _failed(self, error) -> None:
        self._update_buttons()
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.status.setText(error_text(error))

    def _show_score(self) -> None:
        result = self.last_result
        if result is not None and result.score_after is not None and result.score_before is not None:
            self.score.setText(self.tr("Quality score {before:.0f} → {after:.0f}").format(
                before=result.score_before, after=result.score_after))
        elif self.score_before is not None:
            self.score.setText(self.tr("Quality score now {score:.0f}").format(
                score=self.score_before))
        else:
            self.score.setText("")

    def _update_buttons(self, *_args) -> None:
        self.apply_button.setEnabled(self.plan is not None and bool(self.checked_rules()))
        self.notes_button.setEnabled(self.plan is not None and bool(self.plan.suggestions))
        self.undo_button.setEnabled(self.last_result is not None
                                    and self.last_result.op_id is not None)
        self.merge_button.setEnabled(bool(self._mapping()))

    # ---- value clustering ----------------------------------------------------------------
    def find_clusters(self) -> None:
        field = self.cluster_field.currentData()
        method = self.cluster_method.currentData()
        self.cluster_button.setEnabled(False)
        task = self.context.runner.submit(_tasks().cluster_column, field, method, progress=True,
                                          label="clusters")
        TaskProgress(task, self.tr("Grouping similar values…"), self)
        task.succeeded.connect(lambda clusters: self.show_clusters(field, clusters))
        task.failed.connect(self._failed)
        task.finished.connect(lambda: self.cluster_button.setEnabled(True))

    def show_clusters(self, field: str, clusters) -> None:
        self._cluster_field = field
        tree = self.cluster_tree
        tree.blockSignals(True)
        tree.clear()
        for cluster in clusters:
            top = QTreeWidgetItem(tree)
            top.setData(0, CLUSTER_SIZE_ROLE, (len(cluster.values), cluster.size))
            self._label_cluster(top)
            top.setText(1, cluster.suggested)
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
            top.setCheckState(0, Qt.CheckState.Checked)
            top.setToolTip(1, self.tr("The value all of them become; double-click to type "
                                      "another"))
            for value, count in cluster.values:
                child = QTreeWidgetItem(top)
                child.setText(0, value)
                child.setText(2, f"{count:,}")
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked)
            top.setExpanded(True)
        tree.blockSignals(False)
        tree.itemChanged.connect(self._update_buttons, Qt.ConnectionType.UniqueConnection)
        if not clusters:
            self.status.setText(self.tr("No groups of similar values found in {field}.").format(
                field=field_label(field)))
        self._update_buttons()

    def _label_cluster(self, top: QTreeWidgetItem) -> None:
        n, size = top.data(0, CLUSTER_SIZE_ROLE)
        top.setText(0, self.tr("{n} spellings, {rows} customers").format(n=n, rows=f"{size:,}"))

    def _mapping(self) -> dict[str, str]:
        mapping = {}
        for i in range(self.cluster_tree.topLevelItemCount()):
            top = self.cluster_tree.topLevelItem(i)
            canonical = top.text(1).strip()
            if top.checkState(0) != Qt.CheckState.Checked or not canonical:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child.checkState(0) == Qt.CheckState.Checked and child.text(0) != canonical:
                    mapping[child.text(0)] = canonical
        return mapping

    def merge_selected(self) -> None:
        mapping = self._mapping()
        if not mapping:
            return
        field = self._cluster_field
        self.merge_button.setEnabled(False)
        task = self.context.runner.submit(_tasks().apply_cluster_merge, field, mapping,
                                          label="merge values")
        task.succeeded.connect(self._merged)
        task.failed.connect(self._failed)

    def _merged(self, applied) -> None:
        self.last_result = applied
        self.cluster_tree.clear()
        self.status.setText(self.tr("{n} customers now share one spelling. Undo takes it "
                                    "back.").format(n=f"{applied.customers:,}"))
        self._update_buttons()
        self.context.customers_changed()

    # ---- window hooks --------------------------------------------------------------------
    def workspace_changed(self, _info) -> None:
        self._let_go_of_plan()
        self.last_result = None
        self.score_before = None
        self.rules.clear()
        self.preview.setRowCount(0)
        self.cluster_tree.clear()
        self.status.setText("")
        self._show_score()
        self._update_buttons()

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Clean"),
            self.tr("Suggested fixes for every column. See each change before it happens; "
                    "applied fixes are one step you can undo."))
        self.find_button.setText(self.tr("Find fixes"))
        self.fake_label.setText(self.tr("Fake values:"))
        fake = self.fake_choice.currentData()
        self.fake_choice.clear()
        for key, text in (("blank", self.tr("Blank them")),
                          ("keep", self.tr("Keep them, flagged")),
                          ("exclude", self.tr("Exclude the customer"))):
            self.fake_choice.addItem(text, key)
        self.fake_choice.setCurrentIndex(max(self.fake_choice.findData(fake), 0))
        self.fake_choice.setToolTip(self.tr(
            "test@test.com, 13800000000, 张三, N/A …: blank the cell, keep it with a flag, or "
            "leave the whole customer out of lists and exports (undoable)."))
        self.notes_button.setText(self.tr("Add phones from notes"))
        self.apply_button.setText(self.tr("Apply selected"))
        self.undo_button.setText(self.tr("Undo"))
        self.rules.setHeaderLabels([self.tr("Fix"), self.tr("Cells"),
                                    self.tr("Examples (before → after)")])
        self.preview.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Column"),
                                                self.tr("Before"), self.tr("After")])
        self.cluster_title.setText(self.tr("Similar values"))
        self.cluster_tree.setHeaderLabels([self.tr("Spellings"), self.tr("Becomes"),
                                           self.tr("Customers")])
        current = self.cluster_field.currentData()
        self.cluster_field.clear()
        for key in CLUSTER_FIELDS:
            self.cluster_field.addItem(field_label(key), key)
        self.cluster_field.setCurrentIndex(max(self.cluster_field.findData(current), 0))
        names = {"pinyin": self.tr("Same pinyin"), "fingerprint": self.tr("Same words"),
                 "ngram": self.tr("Same letters"), "simplified": self.tr("Traditional = Simplified"),
                 "levenshtein": self.tr("Near spellings")}
        method = self.cluster_method.currentData()
        self.cluster_method.clear()
        for key in METHODS:
            self.cluster_method.addItem(names[key], key)
        self.cluster_method.setCurrentIndex(max(self.cluster_method.findData(method), 0))
        self.cluster_button.setText(self.tr("Find groups"))
        self.merge_button.setText(self.tr("Merge selected"))
        self.cluster_tree.blockSignals(True)  # relabel the groups, keeping the user's choices
        for i in range(self.cluster_tree.topLevelItemCount()):
            self._label_cluster(self.cluster_tree.topLevelItem(i))
        self.cluster_tree.blockSignals(False)
        if self.plan is not None:
            self.show_plan((self.score_before, self.plan))
        else:
            self._show_score()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
