"""Finding the header row under titles, notes and logo blocks, and naming the columns."""

from __future__ import annotations

import datetime as dt

from app.core.i18n import QT_TRANSLATE_NOOP, Notice, Quoted
from app.core.importing.roles import Column, role_from_header

REPEATED_NAMES = QT_TRANSLATE_NOOP(
    "import", "Repeated column names {names}: every copy was kept, the later ones numbered "
    "(e.g. '{example} (2)').")
EMPTY_COLUMNS = QT_TRANSLATE_NOOP(
    "import", "{count:,} columns have a header but no data below it; they were left out.")

HEADER_SCAN_ROWS = 30  # the header must sit within the first 30 rows
SCORE_COLUMNS = 512  # columns looked at when scoring a row (wide rows stay cheap)


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(value: object) -> bool:
    return value is None or value == ""


def _row_score(row: list) -> float | None:
    cells = [v for v in row[:SCORE_COLUMNS] if not is_blank(v)]
    if not cells:
        return None
    texts = [v for v in cells if isinstance(v, str) and v.strip()]
    others = len(cells) - len(texts)
    roles = {role_from_header(v) for v in texts} - {None}
    if len(cells) == 1 and not roles:
        return None  # a title or a note, not a header
    # Headers are short distinct words; a data row usually mixes in numbers and dates.
    distinct = len({v.strip() for v in texts})
    long_texts = sum(1 for v in texts if len(v) > 40)
    return 4.0 * len(roles) + distinct - 2.0 * others - long_texts


def find_header_row(rows: list[list]) -> int | None:
    """0-based index (into `rows`) of the header row, or None when no row looks like one."""
    scores = []
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = _row_score(row)
        if score is not None and score > 0:
            scores.append((index, score))
    if not scores:
        return None
    best = max(score for _, score in scores)
    # The earliest row that is nearly as header-like as the best: a data row of plain text
    # scores like the header itself, and the header comes first.
    for index, score in scores:
        if score >= 0.8 * best:
            return index
    return None


def header_text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def fill_merged(header: list, rows_above: list[list], header_index: int, merged, col0: int):
    """Header cells covered by a merged range take the range's text (calamine puts the value
    in its top-left cell only). `merged` holds ((r0, c0), (r1, c1)) in sheet coordinates."""
    header = list(header)
    for (r0, c0), (r1, c1) in merged or ():
        if not (r0 <= header_index <= r1):
            continue
        if r0 == header_index:
            source = header[c0 - col0] if 0 <= c0 - col0 < len(header) else None
        else:
            row = rows_above[r0] if r0 < len(rows_above) else []
            source = row[c0 - col0] if 0 <= c0 - col0 < len(row) else None
        if is_blank(source):
            continue
        for c in range(max(c0, col0), c1 + 1):
            i = c - col0
            if i < len(header) and is_blank(header[i]):
                header[i] = source
    return header


def build_columns(header: list, samples: list[list], col0: int, data_width: int | None):
    """Columns of the table: header texts made unique, trailing empty columns dropped.

    `data_width` (when known from a full scan) is how many columns hold any data below the
    header; otherwise the sample rows decide. Returns (columns, dropped_count, warnings).
    """
    last_header = max((i for i, v in enumerate(header) if not is_blank(v)), default=-1)
    dropped = 0
    if data_width is not None and last_header + 1 > data_width:
        # Headers far to the right with nothing under them (e.g. a header row filled to XFD).
        # Only a full scan may drop a named column: samples miss a column filled late.
        dropped = last_header + 1 - data_width
        width = data_width
    else:
        sample_width = 0
        for row in samples:
            for i in range(len(row) - 1, -1, -1):
                if not is_blank(row[i]):
                    sample_width = max(sample_width, i + 1)
                    break
        width = max(sample_width, last_header + 1)
    columns: list[Column] = []
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for i in range(width):
        text = header_text(header[i]) if i < len(header) else ""
        letter = column_letter(col0 + i)
        display = text or f"Column {letter}"
        count = seen.get(display, 0) + 1
        seen[display] = count
        if count > 1:
            if text and text not in duplicates:
                duplicates.append(text)
            display = f"{display} ({count})"
            while display in seen:
                count += 1
                display = f"{text or 'Column ' + letter} ({count})"
            seen[display] = 1
        columns.append(Column(display, text, letter, "extra"))
    warnings = []
    if duplicates:
        warnings.append(Notice(REPEATED_NAMES, names=[Quoted(d) for d in duplicates],
                               example=duplicates[0]))
    if dropped:
        warnings.append(Notice(EMPTY_COLUMNS, count=dropped))
    return columns, dropped, warnings
