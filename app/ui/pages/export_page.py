"""Export: a mailing list for a segment, tag or everyone, with consent and the suppression list
applied, a summary in words before anything is written, and erasing a person on request."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.chart_view import chart_language
from app.ui.i18n import error_text
from app.ui.pages.on_screen import ReloadWhenShown
from app.ui.widgets import PageHeader, TaskProgress

SUMMARY_DELAY_MS = 300  # wait for the user to stop clicking before re-counting

# format -> (title, plain description), marked for translation in context "ExportPage".
FORMATS = {
    "xlsx": (QT_TRANSLATE_NOOP("ExportPage", "Excel workbook (.xlsx)"),
             QT_TRANSLATE_NOOP("ExportPage", "A formatted sheet with a frozen header and "
                               "filters, for reading and sharing.")),
    "csv": (QT_TRANSLATE_NOOP("ExportPage", "CSV for Excel (UTF-8 with BOM)"),
            QT_TRANSLATE_NOOP("ExportPage", "Opens in Excel with Chinese shown correctly.")),
    "csv-gbk": (QT_TRANSLATE_NOOP("ExportPage", "CSV in GBK"),
                QT_TRANSLATE_NOOP("ExportPage", "For older Chinese software that expects GBK.")),
    "csv-utf8": (QT_TRANSLATE_NOOP("ExportPage", "CSV, plain UTF-8"),
                 QT_TRANSLATE_NOOP("ExportPage", "For uploading to other systems and websites.")),
    "mailchimp": (QT_TRANSLATE_NOOP("ExportPage", "Mailchimp contacts"),
                  QT_TRANSLATE_NOOP("ExportPage", "Imports into Mailchimp without mapping; "
                                    "people without a usable email are left out.")),
    "hubspot": (QT_TRANSLATE_NOOP("ExportPage", "HubSpot contacts"),
                QT_TRANSLATE_NOOP("ExportPage", "Imports into HubSpot without mapping; one row "
                                  "per email address.")),
    "brevo": (QT_TRANSLATE_NOOP("ExportPage", "Brevo contacts (email and SMS)"),
              QT_TRANSLATE_NOOP("ExportPage", "Email and mobile number in +86 form for SMS "
                                "campaigns.")),
    "vcard": (QT_TRANSLATE_NOOP("ExportPage", "Phone contacts (vCard .vcf)"),
              QT_TRANSLATE_NOOP("ExportPage", "Import into a phone's or email program's "
                                "address book.")),
    "mailmerge": (QT_TRANSLATE_NOOP("ExportPage", "Mail merge (salutations)"),
                  QT_TRANSLATE_NOOP("ExportPage", "A sheet with 尊敬的王先生 / Dear Mr. Wang "
                                    "for personalised letters in Word or WPS.")),
    "labels-pdf": (QT_TRANSLATE_NOOP("ExportPage", "Address labels (PDF)"),
                   QT_TRANSLATE_NOOP("ExportPage", "A4 label sheets for direct mail; people "
                                     "without an address are left out.")),
}
FILE_FILTERS = {".xlsx": "Excel (*.xlsx)", ".csv": "CSV (*.csv)", ".vcf": "vCard (*.vcf)",
                ".pdf": "PDF (*.pdf)"}


def _tasks():
    from app.workers import export_tasks

    return export_tasks


def _column_label(key: str) -> str:
    from app.core.export.table import header_for
    from app.core.fields import ROLE_LABELS

    if key in ROLE_LABELS:
        return QCoreApplication.translate("fields", ROLE_LABELS[key])
    return header_for(key, chart_language())


# Dialog helpers, module-level so tests can stand in for the user.
def ask_save_path(parent, suggested: str, suffix: str) -> str:
    flt = FILE_FILTERS.get(suffix, "*")
    title = QCoreApplication.translate("ExportPage", "Export to")
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, flt)
    if path and not Path(path).suffix:
        path += suffix
    return path


def confirm(parent, title: str, text: str, warning: bool = False) -> bool:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok |
                      QMessageBox.StandardButton.Cancel, parent)
    return box.exec() == QMessageBox.StandardButton.Ok


def ask_open_file(parent) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ExportPage", "Import a suppression list"), "",
        QCoreApplication.translate("ExportPage",
                                   "Lists (*.csv *.xlsx *.xls *.txt);;All files (*)"))
    return path


def ask_text(parent) -> str:
    text, ok = QInputDialog.getMultiLineText(
        parent, QCoreApplication.translate("ExportPage", "Add to the suppression list"),
        QCoreApplication.translate("ExportPage",
                                   "Email addresses or mobile numbers, one per line:"))
    return text if ok else ""


class EraseDialog(QDialog):
    """Find a person and erase them, after a warning that this cannot be undone."""

    def __init__(self, page, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        self.erased = None
        self.setWindowTitle(self.tr("Erase a person"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Search by name, email, mobile number or customer number."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.query = QLineEdit(self)
        self.search_button = QPushButton(self.tr("Search"), self)
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.results = QListWidget(self)
        layout.addWidget(self.results, 1)
        self.warning = QLabel(self.tr(
            "Erasing removes this person from your customers, from the rows imported from your "
            "files and from every value kept in the history. This cannot be undone. Only a "
            "fingerprint (a salted hash) of their email and phone is kept, so that if they "
            "appear in a later import they are flagged instead of silently coming back."), self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.backup_note = QLabel(self.tr(
            "Before erasing, a safety copy of the whole workspace is saved in the backups "
            "folder next to it, so a wrong erase can still be put back from that copy. That "
            "copy and older ones still hold this person's data: delete them if the person "
            "asked to be removed everywhere."), self)
        self.backup_note.setObjectName("muted")
        self.backup_note.setWordWrap(True)
        layout.addWidget(self.backup_note)
        self.understood = QCheckBox(self.tr("I understand that this cannot be undone"), self)
        layout.addWidget(self.understood)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = buttons.addButton(self.tr("Erase this person"),
                                              QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.search)
        self.query.returnPressed.connect(self.search)
        self.results.currentRowChanged.connect(self._update)
        self.understood.toggled.connect(self._update)
        self.erase_button.clicked.connect(self.erase)

    def search(self) -> None:
        task = self.page.context.runner.submit(_tasks().find_people, self.query.text(),
                                               label="find people")
        task.succeeded.connect(self._show)
        task.failed.connect(self._failed)

    def _show(self, people) -> None:
        self.results.clear()
        for p in people:
            parts = [f"#{p['id']}", p.get("name") or "", str(p.get("phone") or ""),
                     p.get("email") or "", p.get("city") or ""]
            item = QListWidgetItem(" · ".join(x for x in parts if x), self.results)
            item.setData(Qt.ItemDataRole.UserRole, p["id"])
        self.status.setText(self.tr("%Ln people found", "", len(people)))
        if people:
            self.results.setCurrentRow(0)
        self._update()

    def _update(self, *_args) -> None:
        self.erase_button.setEnabled(self.results.currentItem() is not None
                                     and self.understood.isChecked())

    def erase(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        cid = item.data(Qt.ItemDataRole.UserRole)
        self.erase_button.setEnabled(False)
        task = self.page.context.runner.submit(_tasks().erase_person, customer_id=cid,
                                               label="erase")
        task.succeeded.connect(self._erased)
        task.failed.connect(self._failed)

    def _erased(self, result) -> None:
        self.erased = result
        self.accept()

    def _failed(self, error) -> None:
        if not error.expected:
            self.page.context.report_crash(error.details)
            return
        self.status.setText(error_text(error))


class ExportPage(ReloadWhenShown, QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview = None
        self.plan = None
        self.last_done = None
        self._asked = 0  # summary requests; only the newest answer is shown
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        outer.addWidget(self.header)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        # ---- left: the choices
        left = QVBoxLayout()
        body.addLayout(left, 3)
        self.choice_box = QGroupBox(self)
        form = QFormLayout(self.choice_box)
        self.audience = QComboBox(self)
        self.format = QComboBox(self)
        for key in FORMATS:
            self.format.addItem("", key)
        self.format_help = QLabel(self)
        self.format_help.setObjectName("muted")
        self.format_help.setWordWrap(True)
        self.layout_choice = QComboBox(self)
        self.layout_choice.addItem("", "3x7")
        self.layout_choice.addItem("", "2x7")
        self.audience_label, self.format_label, self.layout_label = (QLabel(self) for _ in "abc")
        form.addRow(self.audience_label, self.audience)
        form.addRow(self.format_label, self.format)
        form.addRow("", self.format_help)
        form.addRow(self.layout_label, self.layout_choice)
        left.addWidget(self.choice_box)

        self.consent_box = QGroupBox(self)
        consent = QVBoxLayout(self.consent_box)
        self.include_unknown = QCheckBox(self)
        self.include_no = QCheckBox(self)
        self.no_warning = QLabel(self)
        self.no_warning.setObjectName("warning")
        self.no_warning.setWordWrap(True)
        self.no_warning.hide()
        consent.addWidget(self.include_unknown)
        consent.addWidget(self.include_no)
        consent.addWidget(self.no_warning)
        left.addWidget(self.consent_box)

        self.columns_box = QGroupBox(self)
        cols = QVBoxLayout(self.columns_box)
        self.columns = QListWidget(self)
        self.columns_note = QLabel(self)
        self.columns_note.setObjectName("muted")
        self.columns_note.setWordWrap(True)
        cols.addWidget(self.columns_note)
        cols.addWidget(self.columns, 1)
        left.addWidget(self.columns_box, 1)

        # ---- right: summary, export, suppression
        right = QVBoxLayout()
        body.addLayout(right, 2)
        self.summary_box = QGroupBox(self)
        summary = QVBoxLayout(self.summary_box)
        self.count = QLabel("—", self)
        self.count.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("primary")  # the page's one main action
        self.export_button.setEnabled(False)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.open_folder = QPushButton(self)
        self.open_folder.hide()
        for w in (self.count, self.reasons, self.warnings, self.export_button, self.result,
                  self.open_folder):
            summary.addWidget(w)
        summary.addStretch(1)
        right.addWidget(self.summary_box, 1)

        self.suppression_box = QGroupBox(self)
        sup = QVBoxLayout(self.suppression_box)
        self.suppression_count = QLabel(self)
        self.suppression_count.setWordWrap(True)
        sup.addWidget(self.suppression_count)
        buttons = QHBoxLayout()
        self.import_list = QPushButton(self)
        self.type_list = QPushButton(self)
        buttons.addWidget(self.import_list)
        buttons.addWidget(self.type_list)
        sup.addLayout(buttons)
        self.erase_button = QPushButton(self)
        sup.addWidget(self.erase_button)
        right.addWidget(self.suppression_box)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUMMARY_DELAY_MS)
        self._timer.timeout.connect(self.refresh_summary)
        self.audience.currentIndexChanged.connect(self.changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.layout_choice.currentIndexChanged.connect(self.changed)
        self.include_unknown.toggled.connect(self.changed)
        self.include_no.toggled.connect(self._no_consent_toggled)
        self.columns.itemChanged.connect(self.changed)
        self.export_button.clicked.connect(self.export_clicked)
        self.open_folder.clicked.connect(self._open_folder)
        self.import_list.clicked.connect(self.import_suppression)
        self.type_list.clicked.connect(self.type_suppression)
        self.erase_button.clicked.connect(self.erase_person)
        self.retranslate()
        self._format_changed()

    # ---- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        task = self.context.runner.submit(_tasks().export_overview, label="export overview")
        task.succeeded.connect(self._show_overview)
        task.failed.connect(self.failed)

    def _show_overview(self, overview) -> None:
        self.overview = overview
        self.problem.hide()
        current = self.audience.currentData()
        self.audience.blockSignals(True)
        self.audience.clear()
        choices = overview.choices
        self.audience.addItem(self.tr("All customers (%Ln)", "", choices.total), ("all", ""))
        for name, size in choices.segments:
            self.audience.addItem(self.tr("Segment: %1 (%2)").replace("%1", name)
                                  .replace("%2", f"{size:,}"), ("segment", name))
        for tag, size in sorted(choices.tags.items()):
            self.audience.addItem(self.tr("Tag: %1 (%2)").replace("%1", tag)
                                  .replace("%2", f"{size:,}"), ("tag", tag))
        index = self.audience.findData(current) if current else 0
        self.audience.setCurrentIndex(max(index, 0))
        self.audience.blockSignals(False)
        self._fill_columns()
        self._show_suppression(overview.suppression)
        self.changed()

    def _fill_columns(self) -> None:
        if self.overview is None:
            return
        fmt = self.format.currentData()
        wanted = set(_tasks().default_columns(fmt, self.overview.columns))
        self.columns.blockSignals(True)
        self.columns.clear()
        for key in self.overview.columns:
            item = QListWidgetItem(_column_label(key), self.columns)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked)
        self.columns.blockSignals(False)

    def _show_suppression(self, counts: dict) -> None:
        erased = counts.get("erased", 0)
        listed = sum(n for reason, n in counts.items() if reason != "erased")
        text = self.tr("Suppression list: %Ln address(es) or number(s) that never receive "
                       "marketing", "", listed)
        if erased:
            text += self.tr("; %Ln fingerprint(s) of erased people", "", erased)
        self.suppression_count.setText(text)

    # ---- the choices ------------------------------------------------------------------------
    def chosen_columns(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def audience_choice(self):
        kind, name = self.audience.currentData() or ("all", "")
        tasks = _tasks()
        if kind == "segment":
            return tasks.Audience.segment(name)
        if kind == "tag":
            return tasks.Audience.tag(name)
        return tasks.Audience()

    def _format_changed(self, *_args) -> None:
        fmt = self.format.currentData()
        self.format_help.setText(self.tr(FORMATS[fmt][1]))
        is_labels = fmt == "labels-pdf"
        self.layout_choice.setVisible(is_labels)
        self.layout_label.setVisible(is_labels)
        picks = fmt in _tasks().DEFAULT_COLUMNS
        self.columns.setEnabled(picks)
        self.columns_note.setText(self.tr("Tick the columns to include.") if picks else
                                  self.tr("This format has its own fixed columns."))
        self._fill_columns()
        self.changed()

    def _no_consent_toggled(self, checked: bool) -> None:
        self.no_warning.setVisible(checked)
        self.changed()

    def changed(self, *_args) -> None:
        """Re-count soon (a burst of clicks asks once)."""
        if self.overview is not None:
            self.export_button.setEnabled(False)
            self._timer.start()

    def _plan_kwargs(self) -> dict:
        fmt = self.format.currentData()
        return {
            "format": fmt,
            "columns": self.chosen_columns() if fmt in _tasks().DEFAULT_COLUMNS else None,
            "include_unknown_consent": self.include_unknown.isChecked(),
            "include_no_consent": self.include_no.isChecked(),
            "layout": self.layout_choice.currentData(),
            "lang": "auto",
            "header": "zh" if chart_language() == "zh" else "en",
        }

    def refresh_summary(self) -> None:
        self._asked += 1
        asked = self._asked
        try:
            task = self.context.runner.submit(_tasks().plan_export, self.audience_choice(),
                                              progress=True, label="export summary",
                                              **self._plan_kwargs())
        except RuntimeError:  # the window is closing and the runner has stopped
            return
        task.succeeded.connect(lambda plan: self._show_plan(plan, asked))
        task.failed.connect(self.failed)

    def _show_plan(self, plan, asked: int) -> None:
        if asked != self._asked:
            return  # an older choice answered late
        self.plan = plan
        self.problem.hide()
        self.count.setText(self.tr("%Ln customer(s) will be exported", "", plan.exported))
        lines = []
        if plan.left_out:
            lines.append(self.tr("%Ln left out:", "", plan.left_out_total))
            from app.core.export.report import REASONS

            for reason, n in sorted(plan.left_out.items(), key=lambda kv: -kv[1]):
                words = QCoreApplication.translate("export", REASONS.get(reason, reason))
                lines.append(f"  • {words}: {n:,}")
        else:
            lines.append(self.tr("Nobody is left out."))
        for column, n in plan.shortened.items():
            lines.append(self.tr("%1 value(s) in %2 will be shortened to fit the format.")
                         .replace("%1", f"{n:,}").replace("%2", _column_label(column)))
        self.reasons.setText("\n".join(lines))
        notes = [translated_warning(w) for w in plan.warnings]
        self.warnings.setText("\n".join(notes))
        self.warnings.setVisible(bool(notes))
        self.export_button.setEnabled(plan.exported > 0)

    # ---- exporting --------------------------------------------------------------------------
    def suggested_name(self) -> str:
        kind, name = self.audience.currentData() or ("all", "")
        base = name if kind != "all" else self.tr("customers")
        stamp = QDate.currentDate().toString("yyyyMMdd")
        suffix = _tasks().FORMAT_SUFFIX[self.format.currentData()]
        return f"{base}_{stamp}{suffix}"

    def export_clicked(self) -> None:
        if self.plan is None:
            return
        suffix = _tasks().FORMAT_SUFFIX[self.plan.format]
        path = ask_save_path(self, self.suggested_name(), suffix)
        if not path:
            return
        text = self.count.text() + "\n\n" + self.reasons.text()
        warning = self.include_no.isChecked()
        if warning:
            text += "\n\n" + self.no_warning.text()
        if not confirm(self, self.tr("Export"), text, warning):
            return
        self.export_to(path)

    def export_to(self, path: str) -> None:
        task = self.context.runner.submit(_tasks().write_export, self.plan, path, progress=True,
                                          label="export")
        TaskProgress(task, self.tr("Writing %1").replace("%1", Path(path).name), self)
        task.succeeded.connect(self._exported)
        task.failed.connect(self.failed)
        task.cancelled.connect(lambda: self.result.setText(
            self.tr("Export cancelled; no file was written.")))

    def _exported(self, done) -> None:
        self.last_done = done
        def text() -> str:  # asked again when the language changes
            return self.tr("%Ln customer(s) written to %1.", "", done.rows).replace(
                "%1", done.path.name)

        self.result.setText(text())
        self.open_folder.show()
        self.context.show_message(text)

    def _open_folder(self) -> None:
        if self.last_done is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_done.path.parent)))

    # ---- suppression and erasing ------------------------------------------------------------
    def import_suppression(self) -> None:
        path = ask_open_file(self)
        if path:
            self._suppress(_tasks().import_suppression_file, path)

    def type_suppression(self) -> None:
        text = ask_text(self)
        if text.strip():
            self._suppress(_tasks().add_suppression_text, text)

    def _suppress(self, job, arg) -> None:
        task = self.context.runner.submit(job, arg, label="suppression")
        task.succeeded.connect(self._suppressed)
        task.failed.connect(self.failed)

    def _suppressed(self, added) -> None:
        text = self.tr("%Ln added to the suppression list", "", added.added)
        if added.already:
            text += self.tr(" (%Ln already on it)", "", added.already)
        if added.rejected:
            text += self.tr("; %Ln line(s) held no email or phone", "", len(added.rejected))
        self.result.setText(text)
        self.open_folder.hide()
        self.reload()

    def erase_person(self) -> None:
        dialog = EraseDialog(self, self)
        self.erase_dialog = dialog  # tests drive it
        dialog.finished.connect(lambda _code: self._erase_finished(dialog))
        dialog.open()

    def _erase_finished(self, dialog) -> None:
        if dialog.erased is not None:
            text = self.tr("The person was erased. %Ln record(s) removed.", "",
                           len(dialog.erased.customer_ids))
            if dialog.erased.backup is not None:
                text += " " + self.tr(
                    "The safety copies in %1 still hold their data (the newest was made just "
                    "before the erase).").replace("%1", str(dialog.erased.backup.parent))
            self.result.setText(text)
            self.open_folder.hide()
            self.context.customers_changed()

    # ---- errors and hooks -------------------------------------------------------------------
    def failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.problem.setText(error_text(error))
        self.problem.show()

    # hooks called by the main window (a hidden page reloads when shown: on_screen.py)
    def workspace_changed(self, _info) -> None:
        self.reload_when_shown()

    def customers_changed(self) -> None:
        self.reload_when_shown()

    def retranslate(self) -> None:
        self.header.set_texts(
            self.tr("Export"),
            self.tr("Make a list to send to: choose who, the file type and the columns. People "
                    "who said no to marketing and people on the suppression list are left "
                    "out; the summary says who and why before anything is written."))
        self.choice_box.setTitle(self.tr("What to export"))
        self.audience_label.setText(self.tr("Who"))
        self.format_label.setText(self.tr("File type"))
        self.layout_label.setText(self.tr("Label sheet"))
        for i in range(self.format.count()):
            self.format.setItemText(i, self.tr(FORMATS[self.format.itemData(i)][0]))
        self.layout_choice.setItemText(0, self.tr("A4, 3 × 7 labels (21 per sheet)"))
        self.layout_choice.setItemText(1, self.tr("A4, 2 × 7 labels (14 per sheet)"))
        self.consent_box.setTitle(self.tr("Consent"))
        self.include_unknown.setText(self.tr("Include people whose consent is unknown"))
        self.include_no.setText(self.tr("Also include people who said no to marketing "
                                        "(not recommended)"))
        self.no_warning.setText(self.tr(
            "Sending marketing to people who refused it may break the law (GDPR, PIPL) and "
            "harms your reputation. This choice is written to the history."))
        self.columns_box.setTitle(self.tr("Columns"))
        self.summary_box.setTitle(self.tr("Summary"))
        self.export_button.setText(self.tr("Export…"))
        self.open_folder.setText(self.tr("Open folder"))
        self.suppression_box.setTitle(self.tr("Never contact"))
        self.import_list.setText(self.tr("Import a list…"))
        self.type_list.setText(self.tr("Type addresses…"))
        self.erase_button.setText(self.tr("Erase a person…"))
        self._format_changed()
        if self.overview is not None:
            self._show_overview(self.overview)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def translated_warning(text: str) -> str:
    """Core's selection warnings ("{count} people ...") in the UI language."""
    from app.core.export.select import OVERRIDE_NO_CONSENT, OVERRIDE_UNKNOWN

    for template in (OVERRIDE_NO_CONSENT, OVERRIDE_UNKNOWN):
        pattern = re.escape(template).replace(re.escape("{count}"), r"(\S+)")
        match = re.fullmatch(pattern, text)
        if match:
            return QCoreApplication.translate("export", template).format(count=match.group(1))
    return text
