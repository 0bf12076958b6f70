"""First-run welcome: start with the bundled sample or with the user's own file.

Shown once (QSettings remembers that it was seen and what was chosen); Help > Welcome shows
it again. The dialog only reports the choice; the main window acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.paths import resource_path

SEEN_KEY = "welcome/seen"
CHOICE_KEY = "welcome/choice"
SAMPLE, OWN_FILE, SKIP = "sample", "own", "skip"


def should_show(settings: QSettings | None = None) -> bool:
    settings = settings or QSettings()
    return str(settings.value(SEEN_KEY, "false")).lower() not in ("true", "1")


def remember(choice: str, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    settings.setValue(SEEN_KEY, True)
    settings.setValue(CHOICE_KEY, choice)
    settings.sync()


def last_choice(settings: QSettings | None = None) -> str:
    return str((settings or QSettings()).value(CHOICE_KEY, "") or "")


class WelcomeDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setMinimumWidth(600)
        self.choice = SKIP
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        top = QHBoxLayout()
        icon = QLabel(self)
        pixmap = QPixmap(str(resource_path("icons", "app-64.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        icon.setFixedSize(72, 72)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSentence")
        self.subtitle.setWordWrap(True)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading, 1)
        layout.addLayout(top)
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        self.privacy = QLabel(self)
        self.privacy.setObjectName("muted")
        self.privacy.setWordWrap(True)
        layout.addWidget(self.privacy)
        buttons = QHBoxLayout()
        self.skip_button = QPushButton(self)
        self.own_button = QPushButton(self)
        self.sample_button = QPushButton(self)
        self.sample_button.setObjectName("primary")
        self.sample_button.setDefault(True)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        buttons.addWidget(self.sample_button)
        layout.addLayout(buttons)
        self.sample_button.clicked.connect(lambda: self._choose(SAMPLE))
        self.own_button.clicked.connect(lambda: self._choose(OWN_FILE))
        self.skip_button.clicked.connect(lambda: self._choose(SKIP))
        self.setTabOrder(self.sample_button, self.own_button)
        self.setTabOrder(self.own_button, self.skip_button)
        self.retranslate()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        remember(choice)
        if choice == SKIP:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:  # Esc or the window's close button count as "skip"
        if self.choice == SKIP:
            remember(SKIP)
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome"))
        self.title.setText(self.tr("Welcome to SmallData Studio"))
        self.subtitle.setText(self.tr(
            "Turn messy customer spreadsheets into clean, deduplicated mailing lists in six "
            "steps. Every step can be undone."))
        steps = [
            self.tr("<b>Import</b> your Excel or CSV files"),
            self.tr("<b>Check</b> how complete and valid the data is"),
            self.tr("<b>Clean</b> phones, e-mails, names and cities"),
            self.tr("<b>Deduplicate</b> the same customer found in several rows"),
            self.tr("<b>Segment</b> customers by rules, RFM or automatic groups"),
            self.tr("<b>Export</b> mailing lists that respect consent"),
        ]
        self.steps.setText("<ol style='margin-left:-20px'>" + "".join(
            f"<li style='margin-bottom:4px'>{s}</li>" for s in steps) + "</ol>")
        self.privacy.setText(self.tr(
            "Everything stays on this computer; nothing is uploaded."))
        self.sample_button.setText(self.tr("Try the &sample data"))
        self.own_button.setText(self.tr("&Open my own file…"))
        self.skip_button.setText(self.tr("S&kip"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
