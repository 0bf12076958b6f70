"""Importing customer tables from .xlsx/.xlsm/.xlsb/.xls/.ods and .csv/.tsv/.txt.

Entry points: inspect_file() for the import page's preview, read_file() for the import
itself (rows streamed in chunks). Both raise app.core.errors.ImportProblem with one plain
sentence naming the file when a file cannot be imported.
"""

from app.core.importing.model import (
    FilePreview,
    ImportedFile,
    RowChunks,
    SheetPreview,
    SheetTable,
    SkippedSheet,
)
from app.core.importing.reader import inspect_file, read_file
from app.core.importing.roles import Column, role_from_header
from app.core.importing.sniff import content_hash

__all__ = [
    "Column",
    "FilePreview",
    "ImportedFile",
    "RowChunks",
    "SheetPreview",
    "SheetTable",
    "SkippedSheet",
    "content_hash",
    "inspect_file",
    "read_file",
    "role_from_header",
]
