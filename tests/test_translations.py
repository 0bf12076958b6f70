"""The Chinese catalogue is complete and current: every text the app can show (self.tr,
QCoreApplication.translate, QT_TRANSLATE_NOOP anywhere under app/) has a finished, non-empty
translation that keeps the {placeholders}. A new English string without its Chinese fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "smalldata_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Texts that stay the same in Chinese (abbreviations and pure-placeholder patterns).
SAME_IN_CHINESE = {"RFM"}


def _lupdate() -> str:
    here = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (here / name).exists():
            return str(here / name)
    found = shutil.which("pyside6-lupdate")
    if not found:
        pytest.skip("pyside6-lupdate is not installed")
    return found


def _problems(ts: Path) -> list[str]:
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            where = f"[{name}] {source!r}"
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{where}: marked {translation.get('type')}")
                continue
            for text in texts:
                if not text.strip():
                    problems.append(f"{where}: empty")
                elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)) \
                        and "%n" not in source:
                    problems.append(f"{where}: placeholders differ in {text!r}")
                elif not CJK.search(text) and source not in SAME_IN_CHINESE \
                        and re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", text)):
                    problems.append(f"{where}: left in English: {text!r}")
    return problems


def test_committed_catalogue_has_no_unfinished_or_empty_entries():
    problems = _problems(TS)
    assert not problems, "untranslated entries:\n" + "\n".join(problems)


def test_catalogue_is_current_with_the_code(tmp_path):
    """lupdate over app/ finds no text that the committed catalogue lacks a translation for."""
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))
    subprocess.run([_lupdate(), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    problems = _problems(fresh)
    assert not problems, ("texts in app/ without a Chinese translation (run "
                          "`python scripts/i18n.py update`, translate them, then `build`):\n"
                          + "\n".join(problems))


def test_the_checks_catch_an_unfinished_entry(tmp_path):
    """The guard itself works: an empty or unfinished entry is reported."""
    broken = tmp_path / "broken.ts"
    broken.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context><name>errors</name>\n"
        "<message><source>There are no backups of {path} yet.</source>"
        '<translation type="unfinished"></translation></message>\n'
        "<message><source>Disk full at {path}.</source><translation>磁盘已满。</translation>"
        "</message>\n</context>\n</TS>\n", encoding="utf-8")
    problems = _problems(broken)
    assert len(problems) == 2
    assert "unfinished" in problems[0] and "placeholders" in problems[1]
