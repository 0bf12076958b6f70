"""Plain data shaped like core.importing's ImportedFile, for storage tests that need no file."""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Table:
    sheet: str
    headers: list
    roles: list
    rows: list  # list of chunks of (row_number, cells)
    header_row: int = 1
    skipped_rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    alternate_of: dict = field(default_factory=dict)


@dataclass
class Imported:
    file_name: str
    content_hash: str
    sheets: list
    path: str = ""
    skipped_sheets: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def sample_import(name="客户.xlsx", digest="abc", n=3) -> Imported:
    headers = ["姓名", "手机", "备用手机", "生日", "会员等级"]
    roles = ["name", "phone", "extra", "birthday", "extra"]
    rows = [(i + 4, [f"客户{i}", f"1380013800{i}", f"1390013900{i}", date(1990, 1, i + 1), "金卡"])
            for i in range(n)]
    table = Table("客户名单", headers, roles, [rows[:2], rows[2:]], header_row=3,
                  skipped_rows=[(99, "totals row (合计)")], alternate_of={"备用手机": "phone"})
    return Imported(name, digest, [table])
