"""Small helpers shared by the importing tests."""

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
