"""Deduplicate step: find the same customer entered more than once, merge the sure matches
with the chosen survivorship rules, review the unsure pairs one by one (S / D / K), and undo
any single merge from the list of merges."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.dedup.rules import MOST_RECENT, SUM
from app.core.fields import ROLE_KEYS
from app.core.frames import indexed_by
from app.ui.chart_view import chart_language
from app.ui.dedup_widgets import MergesModel, PairTable, SurvivorshipTable, rules_from
from app.ui.i18n import error_text
from app.ui.pages.check_page import field_label
from app.ui.widgets import BigTableView, PageHeader, TaskProgress

SOURCE_ROWS_SHOWN = 3


def _tasks():
    from app.workers import dedup_tasks  # pandas and the dedup core load on first use

    return dedup_tasks


FREE_ON_WORKER = 10_000  # items in lists let go at once that a worker empties instead


def _root(into: dict[int, int], cid: int) -> int:
    """Where a customer went: merges made in this session move ids to their survivor."""
    for _ in range(1000):
        if cid not in into:
            return cid
        cid = into[cid]
    return cid


# ---- jobs: run on the workspace thread; `into` is written only there -----------------------
def _find_job(ws, progress=None, cancel=None):
    tasks = _tasks()
    run = tasks.find(ws, progress=progress, cancel=cancel)
    by_id = indexed_by(run.customers, "customer_id")  # no copy: a copy froze the window
    return run, by_id, tasks.merges(ws)


def _merge_sure_job(ws, result, rules, into, progress=None, cancel=None):
    tasks = _tasks()
    report = tasks.apply_sure_merges(ws, result, rules, progress=progress, cancel=cancel)
    for done in report.merges:
        for cid in done.merged_ids:
            into[cid] = done.survivor_id
    # The counts the page shows, counted here (94k merges summed on the GUI thread: 56 ms).
    return report, tasks.merges(ws), (report.customers_merged, len(report.merges))


def _decide_job(ws, a, b, decision, rules, into):
    tasks = _tasks()
    ra, rb = _root(into, a), _root(into, b)
    if ra == rb:
        return None, None
    report = tasks.decide(ws, ra, rb, decision, rules)
    for done in report.merges:
        for cid in done.merged_ids:
            into[cid] = done.survivor_id
    return report, (tasks.merges(ws) if report.merges else None)


def _unmerge_job(ws, survivor_id, into):
    tasks = _tasks()
    report = tasks.unmerge(ws, survivor_id)
    for cid in [c for c, s in into.items() if s == survivor_id]:
        del into[cid]
    return report, tasks.merges(ws)


def _merges_job(ws):
    return _tasks().merges(ws)


class DedupPage(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.run = None  # DedupRun of the last search
        self.by_id = None  # its customers indexed by id
        self.position = 0  # index of the pair on screen in run.result.unsure
        self.decided = 0
        self.skipped = 0
        self.into: dict[int, int] = {}  # merged id -> survivor id, for this session
        self.last_unmerge = None
        self.found = None  # counts of the last search, for the summary
        self.sure_merged = False
        self._status_words = None
        self.find_task = None  # the running search (its Cancel is the progress dialog's)
        self._own_change = False
        self._merges_stale = True
        self._busy = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        # A disabled button must look disabled (Merge sure matches after the merge).
        self.setStyleSheet("QPushButton:disabled { color: #9ca3af; border-color: #e5e7eb; }")
        self.header = PageHeader(self)
        layout.addWidget(self.header)

        bar = QHBoxLayout()
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("primary")
        self.find_button.clicked.connect(self.find_duplicates)
        self.merge_button = QPushButton(self)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_sure)
        bar.addWidget(self.find_button)
        bar.addWidget(self.merge_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setObjectName("dedupSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px; font-weight: 600; color: #111827;")
        layout.addWidget(self.summary)
        self.status = QLabel(self)
        self.status.setObjectName("dedupStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        settings = QWidget(split)
        box = QVBoxLayout(settings)
        box.setContentsMargins(0, 6, 8, 0)
        self.settings_title = QLabel(settings)
        self.settings_title.setStyleSheet("font-weight: 600;")
        self.settings_title.setWordWrap(True)
        self.rules_table = SurvivorshipTable(settings)
        self.purchases_label = QLabel(settings)
        self.purchases_label.setWordWrap(True)
        self.purchases = QComboBox(settings)
        self.purchases.setObjectName("purchases")
        box.addWidget(self.settings_title)
        box.addWidget(self.rules_table, 1)
        box.addWidget(self.purchases_label)
        box.addWidget(self.purchases)

        self.tabs = QTabWidget(split)
        self.review = self._build_review()
        self.tabs.addTab(self.review, "")
        self.merges_tab = self._build_merges()
        self.tabs.addTab(self.merges_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        split.addWidget(settings)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 700])
        layout.addWidget(split, 1)
        self.retranslate()
        self._show_pair()

    def _build_review(self) -> QWidget:
        pane = QWidget(self)
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.counter = QLabel(pane)
        self.counter.setObjectName("reviewCounter")
        self.counter.setStyleSheet("font-weight: 600;")
        self.likelihood = QLabel(pane)
        self.likelihood.setObjectName("likelihood")
        top.addWidget(self.counter)
        top.addStretch(1)
        top.addWidget(self.likelihood)
        box.addLayout(top)
        self.pair_table = PairTable(pane)
        box.addWidget(self.pair_table, 1)
        self.reasons = QLabel(pane)
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.reasons)
        buttons = QHBoxLayout()
        self.same_button = QPushButton(pane)
        self.same_button.clicked.connect(lambda: self.answer("same"))
        self.different_button = QPushButton(pane)
        self.different_button.clicked.connect(lambda: self.answer("different"))
        self.skip_button = QPushButton(pane)
        self.skip_button.clicked.connect(self.skip)
        # Own QShortcut objects: a button's setText() would reset a shortcut set on it. They
        # live on the review pane, so they fire only while it is on screen.
        for key, button in ((Qt.Key.Key_S, self.same_button),
                            (Qt.Key.Key_D, self.different_button),
                            (Qt.Key.Key_K, self.skip_button)):
            QShortcut(QKeySequence(key), pane, button.click)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(0)  # takes the room only while the pair table is hidden (no pair)
        return pane

    def _build_merges(self) -> QWidget:
        pane = QWidget(self)
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 8, 0, 0)
        self.merges_note = QLabel(pane)
        self.merges_note.setWordWrap(True)
        box.addWidget(self.merges_note)
        self.merges_model = MergesModel(pane)
        self.merges_view = BigTableView(pane)  # a merge run can list 100k merges
        self.merges_view.setObjectName("merges")
        self.merges_view.setModel(self.merges_model)
        self.merges_view.verticalHeader().hide()
        self.merges_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.merges_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.merges_view.setAlternatingRowColors(True)
        self.merges_view.setMouseTracking(True)
        header = self.merges_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Columns 1-3 are sized by _fit_merge_columns (BigTableView.fit_columns): ResizeToContents
        # asked data() from C++ for 1,000 rows per column at every layout (72,560 calls and
        # 0.2 s for 94k merges; seconds, or 150 ms at 50 rows, beside a busy worker).
        self.merges_model.modelReset.connect(self._fit_merge_columns)
        self.merges_view.clicked.connect(self._merge_clicked)
        box.addWidget(self.merges_view, 1)
        row = QHBoxLayout()
        self.unmerge_button = QPushButton(pane)
        self.unmerge_button.setObjectName("unmerge")
        self.unmerge_button.clicked.connect(self._unmerge_selected)
        row.addWidget(self.unmerge_button)
        row.addStretch(1)
        box.addLayout(row)
        return pane

    # ---- language -----------------------------------------------------------------------
    def _lang(self) -> str:
        return chart_language()

    def reason_text(self, reason) -> str:
        if self._lang() == "zh":
            return reason.text("zh")
        return reason.text("en", lambda s: QCoreApplication.translate("dedup", s))

    def likelihood_text(self, probability: float) -> str:
        # Rounded down: a pair left for review at 99.96% must not read "100%".
        percent = f"{math.floor(probability * 100)}%"
        if probability >= 0.9:
            return self.tr("very likely the same person ({p})").format(p=percent)
        if probability >= 0.7:
            return self.tr("likely the same person ({p})").format(p=percent)
        if probability >= 0.5:
            return self.tr("perhaps the same person ({p})").format(p=percent)
        return self.tr("probably different people ({p})").format(p=percent)

    # ---- find ----------------------------------------------------------------------------
    def find_duplicates(self) -> None:
        self._set_busy(True)
        self.say(lambda: self.tr("Looking for duplicates…"))
        task = self.context.runner.submit(_find_job, progress=True, label="find duplicates")
        self.find_task = task
        TaskProgress(task, self.tr("Looking for duplicates…"), self)
        task.succeeded.connect(self._found)
        task.failed.connect(self._failed)
        task.cancelled.connect(lambda: self.say(lambda: self.tr("Stopped; nothing changed.")))
        task.finished.connect(lambda: self._set_busy(False))

    def _let_go_of_run(self) -> None:
        """Drop the last result; a worker empties it (see dedup_tasks.release_run)."""
        run, by_id = self.run, self.by_id
        self.run = self.by_id = None
        if run is not None and not self.context.runner.stopped:
            self.context.runner.submit(_tasks().release_run, [run, by_id], workspace=False,
                                       label="free dedup run")
        del run, by_id

    def _fit_merge_columns(self) -> None:
        model = self.merges_model
        rows = range(min(model.rowCount(), 50))
        self.merges_view.fit_columns(
            [(column, model.headerData(column, Qt.Orientation.Horizontal),
              [model.data(model.index(row, column)) for row in rows], False)
             for column in (1, 2, 3)])

    def _show_merges(self, merges) -> None:
        old = self.merges_model.merges
        self.merges_model.set_merges(merges)
        self._free_later([old])

    def _free_later(self, lists: list) -> None:
        """Big lists this page lets go are emptied by a worker (dedup_tasks.release_lists)."""
        if sum(map(len, lists)) > FREE_ON_WORKER and not self.context.runner.stopped:
            self.context.runner.submit(_tasks().release_lists, lists, workspace=False,
                                       label="free merges")

    def _found(self, result) -> None:
        self._let_go_of_run()  # the previous search's result
        self.run, self.by_id, merges = result
        self.into = {}
        self.position = self.decided = self.skipped = 0
        self._show_merges(merges)
        self._merges_stale = False
        result = self.run.result
        self.found = {"pairs": int(result.counts.get("candidate_pairs", 0)),
                      "groups": len(result.clusters),
                      "records": sum(len(c) for c in result.clusters),
                      "unsure": len(result.unsure), "linking": int(self.run.linking)}
        self.sure_merged = False
        columns = set(self.run.customers.columns)
        self.rules_table.set_fields([k for k in ROLE_KEYS if k in columns])
        self.say(self._next_words)
        self._show_summary()
        self._show_pair()
        self._update_buttons()
        if self.run.result.unsure:
            self.tabs.setCurrentWidget(self.review)

    def _show_summary(self) -> None:
        found = self.found
        if found is None:
            self.summary.setText("")
            return
        numbers = {k: f"{v:,}" for k, v in found.items()}
        if self.sure_merged:
            text = self.tr("{pairs} candidate pairs compared: {groups} sure matches merged "
                           "({records} records into {groups} customers), {unsure} unsure pairs "
                           "to review.").format(**numbers)
        else:
            text = self.tr("{pairs} candidate pairs compared: {groups} sure matches to merge "
                           "({records} records into {groups} customers), {unsure} unsure pairs "
                           "to review.").format(**numbers)
        if found.get("linking"):
            text += self._space() + self.tr("Only the newest import was matched against the customers "
                                  "you already had.")
        self.summary.setText(text)

    def _space(self) -> str:
        return "" if self._lang() == "zh" else " "  # between two sentences

    def say(self, words) -> None:
        """Show a status line; kept as a callable so a language switch re-reads it."""
        self._status_words = words
        self.status.setText(words() if words else "")

    def _next_words(self) -> str:
        result = self.run.result
        if result.clusters:
            return self.tr("Check how merged customers keep their values on the left, then "
                           "press Merge sure matches. Review the unsure pairs after that.")
        if result.unsure:
            return self.tr("No sure matches left. Review the unsure pairs: S if they are the "
                           "same person, D if not, K to skip.")
        return self.tr("No duplicates found. Go on to the next step.")

    # ---- merge sure matches --------------------------------------------------------------
    def current_rules(self):
        return rules_from(self.rules_table, self.purchases.currentData() or MOST_RECENT)

    def merge_sure(self) -> None:
        if self.run is None or not self.run.result.clusters:
            return
        self._set_busy(True)
        task = self.context.runner.submit(_merge_sure_job, self.run.result, self.current_rules(),
                                          self.into, progress=True, label="merge duplicates")
        TaskProgress(task, self.tr("Merging the sure matches…"), self)
        task.succeeded.connect(self._merged_sure)
        task.failed.connect(self._failed)
        task.cancelled.connect(lambda: self.say(lambda: self.tr("Stopped; nothing changed.")))
        task.finished.connect(lambda: self._set_busy(False))

    def _merged_sure(self, result) -> None:
        report, merges, (merged, groups) = result
        clusters = self.run.result.clusters
        self.run.result.clusters = []
        self._show_merges(merges)
        unsure = bool(self.run.result.unsure)
        self.sure_merged = True
        self._show_summary()

        def words():
            text = self.tr("Merged {records} records into {groups} customers, as one step in the "
                           "history. Each merge can be undone on its own under Merges.").format(
                records=f"{merged:,}", groups=f"{groups:,}")
            if unsure:
                text += self._space() + self.tr(
                    "Now review the unsure pairs: S same, D different, K skip.")
            return text

        self.say(words)
        self._update_buttons()
        self._tell_customers_changed()
        self._free_later([clusters, report.merges])

    # ---- review --------------------------------------------------------------------------
    def current_pair(self):
        if self.run is None:
            return None
        unsure = self.run.result.unsure
        # Pairs already joined by an earlier answer or merge need no question.
        while self.position < len(unsure):
            pair = unsure[self.position]
            if _root(self.into, pair.a) != _root(self.into, pair.b):
                return pair
            self.position += 1
        return None

    def _record(self, cid: int) -> dict:
        if self.by_id is None or cid not in self.by_id.index:
            return {}
        return self.by_id.loc[cid].to_dict()

    def _show_pair(self) -> None:
        pair = self.current_pair()
        total = len(self.run.result.unsure) if self.run is not None else 0
        for button in (self.same_button, self.different_button, self.skip_button):
            button.setEnabled(pair is not None)
            button.setVisible(pair is not None)
        # No pair: just the sentence, not an empty two-column grid under it.
        self.pair_table.setVisible(pair is not None)
        if pair is None:
            self.pair_table.clear_pair()
            self.likelihood.setText("")
            if self.run is None:
                self.counter.setText(self.tr("Press Find duplicates to look for customers "
                                             "entered more than once."))
            elif total == 0:
                self.counter.setText(self.tr("No unsure pairs to review."))
            else:
                self.counter.setText(self.tr("All {total} pairs gone through: {decided} "
                                             "answered, {skipped} skipped.").format(
                    total=total, decided=self.decided, skipped=self.skipped))
            self.reasons.setText("")
            return
        self.counter.setText(self.tr("Pair {n} of {total}").format(
            n=f"{self.position + 1:,}", total=f"{total:,}"))
        self.likelihood.setText(self.likelihood_text(pair.probability))
        left, right = self._record(pair.a), self._record(pair.b)
        fields = [k for k in ROLE_KEYS if k in self.run.customers.columns]
        fields += [k for k in ("alt_phones", "alt_emails") if k in self.run.customers.columns]
        titles = []
        for cid in (pair.a, pair.b):
            now = _root(self.into, cid)
            title = self.tr("Customer #{id}").format(id=cid)
            if now != cid:
                title += "  " + self.tr("(now in #{id})").format(id=now)
            titles.append(title)
        sources = tuple(self._sources(r.get("source_rows")) for r in (left, right))
        self.pair_table.show_pair(fields, left, right, tuple(titles),
                                  [(self.tr("Comes from"), *sources)], label=self._row_label)
        lines = []
        for reason in pair.reasons:
            mark, colour = ("✓", "#047857") if reason.agrees else ("✗", "#b91c1c")
            lines.append(f"<span style='color:{colour}'>{mark}</span> "
                         f"{escape(self.reason_text(reason))}")
        self.reasons.setText("<b>" + escape(self.tr("Why:")) + "</b><br>" + "<br>".join(lines)
                             if lines else "")

    def _row_label(self, key: str) -> str:
        if key == "alt_phones":
            return self.tr("Other phones")
        if key == "alt_emails":
            return self.tr("Other e-mails")
        return field_label(key)

    def _sources(self, rows) -> str:
        rows = list(rows) if isinstance(rows, (list, tuple)) else []
        text = "\n".join(r.replace("|", " · ") for r in rows[:SOURCE_ROWS_SHOWN])
        if len(rows) > SOURCE_ROWS_SHOWN:
            text += "\n" + self.tr("and {n} more").format(n=len(rows) - SOURCE_ROWS_SHOWN)
        return text

    def answer(self, decision: str) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        task = self.context.runner.submit(_decide_job, pair.a, pair.b, decision,
                                          self.current_rules(), self.into, label="review")
        task.succeeded.connect(self._answered)
        task.failed.connect(self._failed)
        self.decided += 1
        self.position += 1  # the next pair shows at once; the answer is saved behind it
        self._show_pair()

    def _answered(self, result) -> None:
        report, merges = result
        if report is not None and report.merges:
            done = report.merges[0]
            ids = ", ".join(f"#{c}" for c in done.merged_ids)
            self.say(lambda: self.tr("Merged customers {ids} into customer #{id}.").format(
                ids=ids, id=done.survivor_id))
            if merges is not None:
                self._show_merges(merges)
            self._tell_customers_changed()
        self._show_pair()  # a merge may have settled the pair on screen

    def skip(self) -> None:
        if self.current_pair() is None:
            return
        self.skipped += 1
        self.position += 1
        self._show_pair()

    # ---- merges list ---------------------------------------------------------------------
    def refresh_merges(self) -> None:
        task = self.context.runner.submit(_merges_job, label="merges")
        task.succeeded.connect(self._show_merges)
        task.succeeded.connect(lambda _m: self._update_buttons())
        self._merges_stale = False

    def _merge_clicked(self, index) -> None:
        if index.column() == MergesModel.UNDO_COLUMN:
            self.undo_merge(index.row())

    def _unmerge_selected(self) -> None:
        rows = self.merges_view.selectionModel().selectedRows()
        if rows:
            self.undo_merge(rows[0].row())

    def undo_merge(self, row: int) -> None:
        if not 0 <= row < len(self.merges_model.merges):
            return
        merge = self.merges_model.merges[row]
        self.unmerge_button.setEnabled(False)
        task = self.context.runner.submit(_unmerge_job, merge.survivor_id, self.into,
                                          label="unmerge")
        task.succeeded.connect(self._unmerged)
        task.failed.connect(self._failed)
        task.finished.connect(self._update_buttons)

    def _unmerged(self, result) -> None:
        report, merges = result
        self.last_unmerge = report
        self._show_merges(merges)

        def words():
            text = self.tr("Customer #{id} is back as {n} customers ({ids}).").format(
                id=report.survivor_id, n=len(report.restored_ids),
                ids=", ".join(f"#{c}" for c in report.restored_ids))
            if report.dropped_edits:
                names = ", ".join(self._row_label(k) if k in ROLE_KEYS or k.startswith("alt_")
                                  else k for k in report.dropped_edits)
                text += self._space() + self.tr("Changes made to the merged customer after the merge "
                                      "were dropped: {fields}.").format(fields=names)
            return text

        self.say(words)
        self._show_pair()
        self._tell_customers_changed()

    # ---- state ---------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        self.find_button.setEnabled(not self._busy)
        self.merge_button.setEnabled(not self._busy and self.run is not None
                                     and bool(self.run.result.clusters))
        has_merges = bool(self.merges_model.merges)
        self.unmerge_button.setEnabled(has_merges)
        self.merges_note.setText(
            self.tr("Every merge made in this workspace, newest first. Undo one and its "
                    "customers come back exactly as they were.") if has_merges
            else self.tr("No merges yet."))
        self.tabs.setTabText(1, self.tr("Merges ({n})").format(n=f"{len(self.merges_model.merges):,}"))
        total = len(self.run.result.unsure) if self.run is not None else 0
        self.tabs.setTabText(0, self.tr("Review unsure pairs ({n})").format(n=f"{total:,}"))

    def _tell_customers_changed(self) -> None:
        self._own_change = True
        try:
            self.context.customers_changed()
        finally:
            self._own_change = False

    def _failed(self, error) -> None:
        self._update_buttons()
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.say(lambda: error_text(error))

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.merges_tab and self._merges_stale:
            self.refresh_merges()

    # ---- window hooks --------------------------------------------------------------------
    def customers_changed(self) -> None:
        if self._own_change:
            return
        # An import, undo or edit elsewhere: the pairs found before may be out of date.
        self._merges_stale = True
        if self.run is not None:
            self._let_go_of_run()
            self.found = None
            self.summary.setText("")
            self.say(lambda: self.tr("The customers changed since the last search. Press "
                                     "Find duplicates again."))
            self._show_pair()
        if self.isVisible():
            self.refresh_merges()
        self._update_buttons()

    def page_shown(self) -> None:
        if self._merges_stale:
            self.refresh_merges()

    def workspace_changed(self, _info) -> None:
        self.found = None
        self._let_go_of_run()
        self.into = {}
        self._show_merges([])
        self._merges_stale = True
        self.summary.setText("")
        self.say(None)
        self._show_pair()
        self._update_buttons()
        if self.isVisible():
            self.refresh_merges()

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Deduplicate"),
            self.tr("Finds the same customer entered more than once (张伟 and Zhang Wei, one "
                    "phone written three ways). Find duplicates, merge the sure matches, then "
                    "review the unsure pairs; any merge can be undone."))
        self.find_button.setText(self.tr("Find duplicates"))
        self.merge_button.setText(self.tr("Merge sure matches"))
        self.settings_title.setText(self.tr("When records are merged, the customer keeps:"))
        self.rules_table.retranslate()
        self.purchases_label.setText(self.tr("Purchase counts and totals:"))
        current = self.purchases.currentData() or MOST_RECENT
        self.purchases.clear()
        self.purchases.addItem(self.tr("From the newest record"), MOST_RECENT)
        self.purchases.addItem(self.tr("Sum — the sheets hold different purchases"), SUM)
        self.purchases.setCurrentIndex(max(self.purchases.findData(current), 0))
        self.same_button.setText(self.tr("Same person (S)"))
        self.different_button.setText(self.tr("Different (D)"))
        self.skip_button.setText(self.tr("Skip (K)"))
        self.unmerge_button.setText(self.tr("Undo the selected merge"))
        self.tabs.setTabText(0, self.tr("Review unsure pairs"))
        self.tabs.setTabText(1, self.tr("Merges"))
        self.merges_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._show_summary()
        self.say(self._status_words)
        self._show_pair()
        self._update_buttons()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

