"""Languages: English (source text) and Simplified Chinese via Qt Linguist files.

resources/translations/smalldata_zh_CN.ts is committed; the .qm Qt loads is built from it by
`ensure_translations_built()` (called at start-up from a source checkout, by scripts/i18n.py
and by the test setup). A frozen app ships the built .qm.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.core.fields import EXTRA, IGNORE, ROLE_LABELS
from app.core.i18n import Summary

log = logging.getLogger(__name__)

LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
SETTINGS_KEY = "language"  # "" follows the system language
CATALOG = "smalldata"


def translations_dir() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "translations"


def _lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease"):
        candidate = here / name
        if candidate.exists():
            return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_translations_built(force: bool = False) -> list[Path]:
    """Build missing or stale .qm files next to their .ts; returns the .qm files present."""
    folder = translations_dir()
    built = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            tool = _lrelease()
            if tool is None:
                log.warning("pyside6-lrelease not found; %s not built", qm.name)
                continue
            result = subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True
            )
            if result.returncode != 0:
                log.warning("lrelease failed for %s: %s", ts.name, result.stderr.strip())
        if qm.exists():
            built.append(qm)
    return built


def system_language() -> str:
    name = QLocale.system().name()  # zh_CN, zh_TW, en_US ...
    return "zh_CN" if name.startswith("zh") else "en"


def chosen_language(settings: QSettings | None = None) -> str:
    forced = os.environ.get("SMALLDATA_LANG")
    if forced:
        return "zh_CN" if forced.startswith("zh") else "en"
    settings = settings or QSettings()
    value = str(settings.value(SETTINGS_KEY, "") or "")
    return value if value in dict(LANGUAGES) else system_language()


class Translations:
    """Owns the installed translators; switching language re-installs them, which makes Qt
    send LanguageChange to every widget (pages re-read their texts in changeEvent)."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        QLocale.setDefault(QLocale(language))
        ok = True
        own = QTranslator(self._app)
        if own.load(f"{CATALOG}_{language}", str(translations_dir())):
            self._app.installTranslator(own)
            self._installed.append(own)
        else:
            log.warning("translation %s_%s not found in %s", CATALOG, language, translations_dir())
            ok = False
        qt = QTranslator(self._app)  # Qt's own buttons (OK, Cancel) in standard dialogs
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return ok


def role_label(role: str) -> str:
    """A column role as the user reads it, in the current language."""
    if role == EXTRA:
        return QCoreApplication.translate("fields", "Keep as extra field")
    if role == IGNORE:
        return QCoreApplication.translate("fields", "Don't import")
    return QCoreApplication.translate("fields", ROLE_LABELS.get(role, role))


def summary_text(summary) -> str:
    """An operation-log line in the current language: a core Summary is translated from its
    template; a plain string (steps logged before templates were kept) is shown as stored."""
    if isinstance(summary, Summary):
        try:
            return summary.render(QCoreApplication.translate)
        except Exception:  # a damaged template in an old file: the English text still reads
            log.warning("history line %r could not be translated", summary.template,
                        exc_info=True)
    return str(summary or "")


def error_text(error) -> str:
    """An expected error (StudioError or runner TaskError) in the current language."""
    template = getattr(error, "template", None) or str(error)
    params = {k: summary_text(v) if isinstance(v, Summary) else v
              for k, v in dict(getattr(error, "params", {}) or {}).items()}
    text = QCoreApplication.translate("errors", template)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def tr_core(context: str, text: str, **params) -> str:
    """A string core marked with QT_TRANSLATE_NOOP(context, text), translated and filled; a
    core Summary or Notice (which carries its own context and values) through summary_text."""
    if isinstance(text, Summary):
        return summary_text(text)
    translated = QCoreApplication.translate(context, text)
    try:
        return translated.format(**params) if params else translated
    except (KeyError, IndexError, ValueError):
        return translated
