"""Formula cells saved without a cached value (files written by scripts, never opened in
Excel). Readers see those cells as empty, so we look at the sheet XML itself and warn rather
than import blanks silently. Only .xlsx/.xlsm carry this problem in practice (Excel, LibreOffice
and .xls writers always store results)."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# A cell whose formula is followed directly by the end of the cell (no <v>, or an empty one).
_NO_VALUE = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)
_BLOCK = 4 * 1024 * 1024
# Only the start of each sheet is searched: a script that writes formulas without results
# does so from the first data row on, and unpacking a whole million-row sheet a second time
# would cost more than the read itself.
SCAN_BYTES = 8 * 1024 * 1024


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """sheet name -> zip member of its XML."""
    names = set(zf.namelist())
    workbook = ET.fromstring(zf.read("xl/workbook.xml"))
    rels_path = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_path in names:
        for rel in ET.fromstring(zf.read(rels_path)).iter(f"{_NS_PKG}Relationship"):
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
    out = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        path = targets.get(sheet.get(_NS_REL_ID))
        if path in names:
            out[sheet.get("name")] = path
    return out


def formulas_without_values(path: Path, sheet_names: list[str]) -> dict[str, dict[str, int]]:
    """{sheet: {column letter: count of formula cells with no stored value}} within the first
    SCAN_BYTES of each sheet's XML; the caller maps letters to headers."""
    found: dict[str, dict[str, int]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            paths = sheet_paths(zf)
            for name in sheet_names:
                member = paths.get(name)
                if member is None:
                    continue
                counts: dict[str, int] = {}
                with zf.open(member) as fh:
                    tail = b""
                    scanned = 0
                    while True:
                        block = fh.read(_BLOCK) if scanned < SCAN_BYTES else b""
                        scanned += len(block)
                        data = tail + block
                        # Search whole cells only; the unfinished last cell waits for the
                        # next block, so nothing is missed or counted twice.
                        cut = len(data) if not block else data.rfind(b"</c>") + 4
                        if cut < 4:
                            cut = 0
                        if b"<f" in data[:cut]:
                            for m in _NO_VALUE.finditer(data, 0, cut):
                                letter = m.group(1).decode()
                                counts[letter] = counts.get(letter, 0) + 1
                        tail = data[cut:]
                        if not block:
                            break
                if counts:
                    found[name] = counts
    except (KeyError, zipfile.BadZipFile, ET.ParseError, OSError, ValueError, RuntimeError):
        return found  # best effort: the main reader reports real damage
    return found
