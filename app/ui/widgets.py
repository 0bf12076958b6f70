"""Small shared widgets: page headers, the delayed progress dialog, the crash dialog."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

PROGRESS_DELAY_MS = 500  # work shorter than this never flashes a dialog


def time_left_text(elapsed: float, fraction: float) -> str:
    """'About 40 s left' from the pace so far; '' until there is enough to go on (2 s of work
    and 3% done), since early progress is mostly set-up and would promise too much."""
    if elapsed < 2 or not 0.03 <= fraction < 1:
        return ""
    left = elapsed * (1 - fraction) / fraction
    if left < 5:
        return QCoreApplication.translate("TaskProgress", "Almost done")
    if left < 90:
        seconds = int(round(left / 5) * 5)
        return QCoreApplication.translate("TaskProgress", "About {n} s left").format(n=seconds)
    minutes = int(round(left / 60))
    return QCoreApplication.translate("TaskProgress", "About {n} min left").format(n=minutes)


class PageHeader(QWidget):
    """A page title and one sentence: what this step does and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.sentence = QLabel(self)
        self.sentence.setObjectName("pageSentence")
        self.sentence.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.sentence)

    def set_texts(self, title: str, sentence: str) -> None:
        self.title.setText(title)
        self.sentence.setText(sentence)


class TaskProgress(QProgressDialog):
    """Progress for one runner Task; shows only if the task is still running after 0.5 s.
    Cancel asks the task to stop (the job raises Cancelled at its next check)."""

    def __init__(self, task, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, QCoreApplication.translate("TaskProgress", "Cancel"), 0, 1000, parent)
        self.setWindowTitle(label)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(10**9)  # we decide when to show (Qt's own timer needs setValue)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self._task = task
        self._label = label
        self._message = ""
        self._started = time.monotonic()
        self.canceled.connect(self._cancel)
        task.progressed.connect(self._progress)
        task.finished.connect(self._finish)
        QTimer.singleShot(PROGRESS_DELAY_MS, self._maybe_show)

    def _maybe_show(self) -> None:
        if not self._task.done:
            self.show()

    def _progress(self, fraction: float, message: str) -> None:
        fraction = max(0.0, min(fraction, 1.0))
        self.setValue(int(fraction * 1000))
        if message:
            self._message = message
        estimate = time_left_text(time.monotonic() - self._started, fraction)
        lines = [self._label, *(t for t in (self._message, estimate) if t)]
        self.setLabelText("\n".join(lines))

    def _cancel(self) -> None:
        self._task.cancel()
        self.setLabelText(QCoreApplication.translate("TaskProgress", "Stopping…"))

    def _finish(self) -> None:
        self._task = _Done()
        self.hide()
        self.deleteLater()


class _Done:
    done = True

    def cancel(self) -> None:
        pass


class CrashDialog(QDialog):
    """An unexpected error: a plain apology, the details to copy, where the log file is."""

    def __init__(self, details: str, log_file: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("CrashDialog", "Something went wrong"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            QCoreApplication.translate("CrashDialog",
                "SmallData Studio hit an unexpected problem. Your workspace is safe: the last "
                "step was not saved. Please copy the details below and send them to us.",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if log_file:
            where = QLabel(QCoreApplication.translate("CrashDialog", "Log file: {path}").format(path=log_file), self)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            layout.addWidget(where)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(QCoreApplication.translate("CrashDialog", "Copy details"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class BigTableView(QTableView):
    """A table view for a model with many rows, painted in one Python call.

    A repaint asks the model for every visible cell from C++; each of those calls takes the
    GIL back from any busy worker, waiting for it each time. Entering Python once for the whole
    paint (this override) lets the nested calls reuse the GIL this thread already holds."""

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)

    def fit_columns(self, samples, least: int = 0, most: int = 10_000) -> None:
        """Size columns to their header and sampled cell texts, in one Python pass:
        resizeColumnToContents / ResizeToContents ask data() from C++ once per cell and role,
        each call taking the GIL back from any busy worker (seconds beside a job).
        samples: (column, header text, cell texts, header in italics)."""
        header = self.horizontalHeader()
        cell = self.fontMetrics()
        italic = QFont(header.font())
        italic.setItalic(True)
        heads = (header.fontMetrics(), QFontMetrics(italic))
        for column, title, texts, slanted in samples:
            # a cell's margins; room for the header's sort arrow
            width = heads[slanted].horizontalAdvance(str(title or "")) + 28
            for text in texts:
                width = max(width, cell.horizontalAdvance(str(text or "")) + 12)
            header.resizeSection(column, min(max(width, least), most))
