"""Settings: language, default phone region, date order, font size; remembered in QSettings.

Pages read the current choices with `current_settings()` and pass them to their jobs, e.g.

    s = current_settings()
    runner.submit(clean_tasks.suggest, region=s.phone_region, date_order=s.date_order)

(a plain dataclass, so jobs on worker threads get copies, never Qt objects). The main window
calls each page's optional `settings_changed(settings)` hook after the user saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.i18n import LANGUAGES, SETTINGS_KEY, chosen_language

REGION_KEY = "settings/phoneRegion"
DATE_ORDER_KEY = "settings/dateOrder"
FONT_SIZE_KEY = "settings/fontSize"
DEFAULT_REGION = "CN"
DEFAULT_DATE_ORDER = "YMD"
DEFAULT_FONT_SIZE = 10
FONT_SIZES = (9, 18)  # points, inclusive

# ISO region -> (name marked for translation, country calling code). Phones written without
# a +code are read as numbers of this region.
REGIONS = {
    "CN": (QT_TRANSLATE_NOOP("regions", "Mainland China"), 86),
    "HK": (QT_TRANSLATE_NOOP("regions", "Hong Kong"), 852),
    "MO": (QT_TRANSLATE_NOOP("regions", "Macao"), 853),
    "TW": (QT_TRANSLATE_NOOP("regions", "Taiwan"), 886),
    "SG": (QT_TRANSLATE_NOOP("regions", "Singapore"), 65),
    "MY": (QT_TRANSLATE_NOOP("regions", "Malaysia"), 60),
    "JP": (QT_TRANSLATE_NOOP("regions", "Japan"), 81),
    "KR": (QT_TRANSLATE_NOOP("regions", "South Korea"), 82),
    "US": (QT_TRANSLATE_NOOP("regions", "United States / Canada"), 1),
    "GB": (QT_TRANSLATE_NOOP("regions", "United Kingdom"), 44),
    "AU": (QT_TRANSLATE_NOOP("regions", "Australia"), 61),
    "DE": (QT_TRANSLATE_NOOP("regions", "Germany"), 49),
    "FR": (QT_TRANSLATE_NOOP("regions", "France"), 33),
}
# How to read an ambiguous date such as 03/05/2024. ISO-like dates are always year first.
DATE_ORDERS = {
    "YMD": QT_TRANSLATE_NOOP("SettingsDialog", "Year, month, day (2024/03/05)"),
    "DMY": QT_TRANSLATE_NOOP("SettingsDialog", "Day, month, year (05/03/2024)"),
    "MDY": QT_TRANSLATE_NOOP("SettingsDialog", "Month, day, year (03/05/2024)"),
}


@dataclass(frozen=True)
class AppSettings:
    language: str = "en"  # "en" or "zh_CN"
    phone_region: str = DEFAULT_REGION  # ISO 3166 code for phones without +country code
    date_order: str = DEFAULT_DATE_ORDER  # "YMD" | "DMY" | "MDY" for ambiguous dates
    font_size: int = DEFAULT_FONT_SIZE  # points

    @property
    def day_first(self) -> bool:
        return self.date_order == "DMY"

    @property
    def cleaning_date_order(self) -> str | None:
        """How Clean reads 03/05/2024: "dmy", "mdy", or None to infer it per column (year-first
        users rarely type such dates; each column's own values then decide)."""
        return {"DMY": "dmy", "MDY": "mdy"}.get(self.date_order)

    @classmethod
    def load(cls, settings: QSettings | None = None) -> AppSettings:
        settings = settings or QSettings()
        region = str(settings.value(REGION_KEY, DEFAULT_REGION) or DEFAULT_REGION)
        order = str(settings.value(DATE_ORDER_KEY, DEFAULT_DATE_ORDER) or DEFAULT_DATE_ORDER)
        try:
            size = int(settings.value(FONT_SIZE_KEY, DEFAULT_FONT_SIZE))
        except (TypeError, ValueError):
            size = DEFAULT_FONT_SIZE
        return cls(
            language=chosen_language(settings),
            phone_region=region if region in REGIONS else DEFAULT_REGION,
            date_order=order if order in DATE_ORDERS else DEFAULT_DATE_ORDER,
            font_size=min(max(size, FONT_SIZES[0]), FONT_SIZES[1]),
        )

    def save(self, settings: QSettings | None = None) -> None:
        settings = settings or QSettings()
        settings.setValue(SETTINGS_KEY, self.language)
        settings.setValue(REGION_KEY, self.phone_region)
        settings.setValue(DATE_ORDER_KEY, self.date_order)
        settings.setValue(FONT_SIZE_KEY, self.font_size)
        settings.sync()


def current_settings() -> AppSettings:
    """The choices as saved now (cheap: QSettings caches)."""
    return AppSettings.load()


def apply_font_size(app, points: int) -> None:
    font = app.font()
    font.setPointSize(int(points))
    app.setFont(font)


class SettingsDialog(QDialog):
    """Edits an AppSettings; `result_settings()` gives the new one after accept()."""

    def __init__(self, settings: AppSettings, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("muted")
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)  # each language in its own words
        self.region = QComboBox(self)
        for code in REGIONS:
            self.region.addItem("", code)
        self.date_order = QComboBox(self)
        for code in DATE_ORDERS:
            self.date_order.addItem("", code)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(*FONT_SIZES)
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.labels, (self.language, self.region, self.date_order,
                                              self.font_size), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("muted")
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._select(self.language, settings.language)
        self._select(self.region, settings.phone_region)
        self._select(self.date_order, settings.date_order)
        self.font_size.setValue(settings.font_size)
        self.retranslate()

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(max(index, 0))

    def result_settings(self) -> AppSettings:
        return AppSettings(
            language=self.language.currentData(),
            phone_region=self.region.currentData(),
            date_order=self.date_order.currentData(),
            font_size=self.font_size.value(),
        )

    def retranslate(self) -> None:
        from PySide6.QtCore import QCoreApplication

        self.setWindowTitle(self.tr("Settings"))
        self.intro.setText(self.tr("These choices are remembered on this computer."))
        texts = (self.tr("&Language:"), self.tr("Default phone &region:"),
                 self.tr("&Date order:"), self.tr("&Font size:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for i in range(self.region.count()):
            name, calling = REGIONS[self.region.itemData(i)]
            self.region.setItemText(i, f"{QCoreApplication.translate('regions', name)} (+{calling})")
        for i in range(self.date_order.count()):
            text = DATE_ORDERS[self.date_order.itemData(i)]
            self.date_order.setItemText(i, QCoreApplication.translate("SettingsDialog", text))
        self.font_size.setSuffix(self.tr(" pt"))
        self.note.setText(self.tr(
            "Phone numbers written without a country code are read as numbers of the default "
            "region. The date order decides how a date like 03/05/2024 is read; dates that "
            "start with the year are always read year first."))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
