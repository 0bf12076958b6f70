"""Small helpers shared by the importing tests (and by benchmarks/import_bench.py)."""

import re
import zipfile

from app.core.importing import read_file


def all_rows(table) -> list:
    return [row for chunk in table.rows for row in chunk]


def read_one(path, **kwargs):
    """read_file for a file expected to hold one table; returns (file, table, rows)."""
    imported = read_file(path, **kwargs)
    assert len(imported.sheets) == 1, imported.skipped_sheets
    table = imported.sheets[0]
    return imported, table, all_rows(table)


def by_role(table, rows, role) -> list:
    i = table.roles.index(role)
    return [cells[i] for _, cells in rows]


SHEET1 = "xl/worksheets/sheet1.xml"


def rewrite_members(path, change, out=None) -> None:
    """Rewrite an .xlsx (to `out`, else in place): `change` gets {member name: bytes} and
    edits it."""
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    change(members)
    with zipfile.ZipFile(out or path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def rewrite_sheet(path, change) -> None:
    """Rewrite the first sheet's XML of an .xlsx in place: `change` takes and gives bytes."""

    def edit(members):
        members[SHEET1] = change(members[SHEET1])

    rewrite_members(path, edit)


def to_shared_strings(path, out=None) -> None:
    """Move the inline text openpyxl writes into a shared-strings table, the way Excel and
    WPS save text (a regex rewrite of the first sheet; ~20 s and ~3 GB at 1M rows)."""

    def edit(members):
        strings: dict[bytes, int] = {}

        def shared(match):
            index = strings.setdefault(match.group(2), len(strings))
            return b'<c r="%s" t="s"><v>%d</v></c>' % (match.group(1), index)

        members[SHEET1] = re.sub(
            rb'<c r="([A-Z]+\d+)"(?: s="\d+")? t="inlineStr"><is><t>(.*?)</t></is></c>', shared,
            members[SHEET1])
        if b't="inlineStr"><is>' in members[SHEET1]:  # (empty cells <c t="inlineStr"/> stay)
            raise ValueError(f"{path}: inline text in a form this rewrite does not know")
        members["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'uniqueCount="%d">' % len(strings)
            + b"".join(b"<si><t>%s</t></si>" % text for text in strings) + b"</sst>")
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        rels = "xl/_rels/workbook.xml.rels"
        members[rels] = members[rels].replace(
            b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.openxml'
            b'formats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="sharedStrings.xml"/></Relationships>')

    rewrite_members(path, edit, out)
