"""Reader-only benchmark: app.core.importing.read_file (rows consumed, nothing stored) against
a bare python-calamine read of the same workbook. Usage:

    .venv/bin/python benchmarks/import_read_bench.py [ROWS]   # default 1,048,575

The workbook is written directly as sheet XML (shared strings, like Excel) because openpyxl
needs minutes for a million rows. Peak memory is measured in a fresh process per reader.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["姓名", "手机", "邮箱", "公司", "城市", "省份", "行业", "员工人数", "首次购买日期",
           "最近购买日期", "购买次数", "消费金额", "是否同意营销"]


def col(i: int) -> str:
    return chr(65 + i)


def write_workbook(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    strings: dict[str, int] = {}

    def s(text: str) -> str:
        return str(strings.setdefault(text, len(strings)))

    cities = ["北京", "上海", "广州", "深圳", "杭州", "成都", "Wuhan", "Xi'an"]
    provinces = ["北京市", "上海市", "广东省", "浙江省", "四川省", "湖北省", "陕西省"]
    industries = ["制造业", "零售", "餐饮", "教育培训", "互联网", "医疗健康", "金融"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
    parts = []
    parts.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    parts.append('<row r="1">' + "".join(
        f'<c r="{col(i)}1" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(HEADERS)) + "</row>")
    for r in range(2, rows + 1):
        name = rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given)
        phone = f"1{rnd.randint(3, 9)}{rnd.randint(0, 999999999):09d}"
        email = f"user{r}@example.com"
        company = f"公司{rnd.randint(1, 20000)}有限公司"
        cells = [
            (name, "s"), (phone, "s"), (email, "s"), (company, "s"),
            (rnd.choice(cities), "s"), (rnd.choice(provinces), "s"),
            (rnd.choice(industries), "s"), (str(rnd.randint(1, 5000)), "n"),
            (str(44927 + rnd.randint(0, 500)), "d"), (str(45200 + rnd.randint(0, 300)), "d"),
            (str(rnd.randint(0, 40)), "n"), (f"{rnd.randint(0, 10**6) / 100:.2f}", "n"),
            (rnd.choice(["是", "否", "Y", "N"]), "s"),
        ]
        out = [f'<row r="{r}">']
        for i, (value, kind) in enumerate(cells):
            ref = f"{col(i)}{r}"
            if kind == "s":
                out.append(f'<c r="{ref}" t="s"><v>{s(value)}</v></c>')
            elif kind == "d":
                out.append(f'<c r="{ref}" s="1"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
        out.append("</row>")
        parts.append("".join(out))
    parts.append("</sheetData></worksheet>")
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
           f'schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
           f'uniqueCount="{len(strings)}">']
    sst += [f"<si><t>{t}</t></si>" for t in strings]
    sst.append("</sst>")
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="' + ns + '/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="appli'
            'cation/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-office'
            'document.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.shared'
            'Strings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + ns + '/package/'
            '2006/relationships"><Relationship Id="rId1" Type="' + ns + '/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + ns + '/spreadsheetml/'
            '2006/main" xmlns:r="' + ns + '/officeDocument/2006/relationships"><sheets><sheet '
            'name="客户名单" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + ns + '/package/'
            '2006/relationships"><Relationship Id="rId1" Type="' + ns + '/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2"'
            ' Type="' + ns + '/officeDocument/2006/relationships/sharedStrings" Target="shared'
            'Strings.xml"/><Relationship Id="rId3" Type="' + ns + '/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="' + ns + '/spreadsheetml/'
            '2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
            '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders'
            ' count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs'
            ' count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>'),
        "xl/sharedStrings.xml": "".join(sst),
        "xl/worksheets/sheet1.xml": "".join(parts),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8"))


BARE = """
import sys, time, resource, python_calamine as pc
t = time.perf_counter()
wb = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = wb.get_sheet_by_index(0).to_python()
print(len(rows), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
OURS = """
import sys, time, resource
from app.core.importing import read_file
t = time.perf_counter()
n = 0
for table in read_file(sys.argv[1]).sheets:
    for chunk in table.rows:
        n += len(chunk)
print(n, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, path: Path) -> tuple[int, float, float]:
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_048_575
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"customers_{rows}.xlsx"
        t = time.perf_counter()
        write_workbook(path, rows)
        print(f"wrote {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.0f} s")
        n0, bare, bare_mb = run(BARE, path)
        n1, ours, ours_mb = run(OURS, path)
        print(f"bare calamine to_python: {n0:,} rows  {bare:.2f} s  peak {bare_mb:.0f} MB")
        print(f"read_file (all chunks):  {n1:,} rows  {ours:.2f} s  peak {ours_mb:.0f} MB  "
              f"= {ours / bare:.2f}x bare, {n1 / ours:,.0f} rows/s")


if __name__ == "__main__":
    main()
