"""What a file really is, judged by its bytes (never trust the extension), and the checks
that must run before any reader touches it: encryption and decompression bombs."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from app.core.errors import ImportProblem
from app.core.i18n import QT_TRANSLATE_NOOP

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_KINDS = ("xlsx", "xlsm", "xlsb", "xls", "ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")

# Decompression limits. A real 1,048,575-row customer sheet unpacks to a few hundred MB at a
# ratio near 10:1; zip bombs unpack to gigabytes at ratios of thousands.
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3
MAX_RATIO = 250
RATIO_CHECK_FROM = 64 * 1024**2  # small members may compress very well without harm

PASSWORD_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "{file} is password-protected. Remove the password in Excel (File > Info > Protect "
    "Workbook > Encrypt with Password, clear it) or save a copy without a password, then "
    "import that copy.",
)
DAMAGED_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "{file} is damaged or incomplete (it may have been cut off while copying or downloading); "
    "open it in Excel and save it again, or get a fresh copy.",
)
BOMB_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "{file} was refused: it is {size} on disk but would unpack to {unpacked}, which is not a "
    "normal spreadsheet and could exhaust memory.",
)
NOT_SPREADSHEET_TEXT = QT_TRANSLATE_NOOP(
    "errors", "{file} is not a spreadsheet or text table that can be imported ({what})."
)
EMPTY_FILE_TEXT = QT_TRANSLATE_NOOP("errors", "{file}: no data found (the file is empty).")
UNREADABLE_TEXT = QT_TRANSLATE_NOOP("errors", "{file} could not be opened: {reason}.")


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes, so re-importing the same file can be recognised."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def detect_kind(path: Path) -> str:
    """One of xlsx, xlsm, xlsb, xls, ods, csv. Raises ImportProblem for what cannot be read."""
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ImportProblem(UNREADABLE_TEXT, file=name, reason=exc.strerror or str(exc)) from exc
    if not head:
        raise ImportProblem(EMPTY_FILE_TEXT, file=name)
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, suffix)
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, suffix)
    if head.startswith(b"PK"):
        raise ImportProblem(DAMAGED_TEXT, file=name)
    if looks_like_text(head):
        return "csv"
    if suffix in (".xlsx", ".xlsm", ".xlsb", ".ods", ".xls"):
        raise ImportProblem(DAMAGED_TEXT, file=name)
    raise ImportProblem(NOT_SPREADSHEET_TEXT, file=name, what="unknown binary content")


def looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    # Control bytes other than tab/CR/LF/FF are rare in text of any 8-bit or CJK encoding.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 200


def _ole_kind(path: Path, suffix: str) -> str:
    # An encrypted .xlsx/.xlsb is an OLE container holding EncryptionInfo + EncryptedPackage.
    # The stream names sit in the directory sectors; scanning the bytes for them avoids a
    # full CFB parser and works for files of any realistic size.
    marker = "EncryptionInfo".encode("utf-16-le")
    with open(path, "rb") as fh:
        tail = b""
        while block := fh.read(4 * 1024 * 1024):
            if marker in tail + block:
                raise ImportProblem(PASSWORD_TEXT, file=path.name)
            tail = block[-len(marker):]
    _check_ole_structure(path)
    return "xls"


def _check_ole_structure(path: Path) -> None:
    """Walk the OLE container with olefile before calamine sees it.

    A damaged sector chain (found by fuzzing) sends calamine into a loop that never ends; the
    GUI would hang or the process abort. olefile follows the same chains with bounds checks,
    so a broken container is refused here in milliseconds.
    """
    import olefile

    name = path.name
    try:
        with olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir()}
            book = next((s for s in ("workbook", "book") if s in streams), None)
            if book is None:
                raise ImportProblem(
                    NOT_SPREADSHEET_TEXT, file=name, what="an Office file without a workbook"
                )
            size = ole.get_size(book)
            if size > path.stat().st_size * 2:
                raise ImportProblem(DAMAGED_TEXT, file=name)
            with ole.openstream(book) as stream:
                while stream.read(1024 * 1024):
                    pass
    except ImportProblem:
        raise
    except Exception as exc:  # olefile raises OleFileError, OSError, IndexError, ...
        raise ImportProblem(DAMAGED_TEXT, file=name) from exc


def _zip_kind(path: Path, suffix: str) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            check_zip_sizes(name, path.stat().st_size, infos)
            if "META-INF/manifest.xml" in names and _ods_encrypted(zf):
                raise ImportProblem(PASSWORD_TEXT, file=name)
            if "content.xml" in names and "xl/workbook.xml" not in names:
                check_ods_repeats(name, zf)
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportProblem(DAMAGED_TEXT, file=name) from exc
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
        return "xlsm" if suffix == ".xlsm" else "xlsx"
    if "content.xml" in names or "mimetype" in names:
        return "ods"
    if "word/document.xml" in names:
        raise ImportProblem(NOT_SPREADSHEET_TEXT, file=name, what="a Word document")
    if "ppt/presentation.xml" in names:
        raise ImportProblem(NOT_SPREADSHEET_TEXT, file=name, what="a PowerPoint file")
    if any(n.lower().endswith("workbook.xml") for n in names):
        return "xlsx"
    raise ImportProblem(NOT_SPREADSHEET_TEXT, file=name, what="a zip archive without a workbook")


def check_zip_sizes(name: str, size_on_disk: int, infos) -> None:
    """Refuse decompression bombs from the declared sizes, before anything is unpacked.
    (The zip readers then stop at a member that unpacks past its declared size.)"""
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size >= RATIO_CHECK_FROM and (
            info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise ImportProblem(
                BOMB_TEXT, file=name, size=_human(size_on_disk), unpacked=_human(info.file_size)
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ImportProblem(BOMB_TEXT, file=name, size=_human(size_on_disk), unpacked=_human(total))


# ODS compresses runs of equal rows and cells into one element with a repeat count. Past a
# sheet's limits (LibreOffice: 1,048,576 rows x 16,384 columns) a count is a bomb, not a sheet;
# calamine can spin on such a file when its XML is also cut short, so it is refused before.
ODS_MAX_ROWS = 1_048_576
ODS_MAX_COLUMNS = 16_384
_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d{1,20})"')


def check_ods_repeats(name: str, zf: zipfile.ZipFile) -> None:
    tail = b""
    with zf.open("content.xml") as stream:
        while chunk := stream.read(4 * 1024 * 1024):
            block = tail + chunk
            for what, count in _REPEAT.findall(block):
                limit = ODS_MAX_ROWS if what == b"rows" else ODS_MAX_COLUMNS
                if int(count) > limit:
                    raise ImportProblem(DAMAGED_TEXT, file=name)
            tail = block[-64:]  # an attribute cut at the chunk edge is seen whole next time


def _ods_encrypted(zf: zipfile.ZipFile) -> bool:
    info = zf.getinfo("META-INF/manifest.xml")
    if info.file_size > 16 * 1024 * 1024:
        return False
    return b"encryption-data" in zf.read(info)
