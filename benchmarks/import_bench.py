"""Import benchmark: import+store time vs a bare python-calamine read of the same workbook.

    python benchmarks/import_bench.py                # 100,000 and 1,048,575 rows
    python benchmarks/import_bench.py --rows 100000  # one size
    python benchmarks/import_bench.py --shared-strings  # also as Excel saves text (see below)

Generated workbooks are cached in benchmarks/data/ (writing 1M rows with openpyxl takes a few
minutes). Each measurement runs in its own process so peak memory (max RSS) is its own.
Targets (issue 2): import+store <= 1.3 x the bare read; peak memory <= 3 GB at 1,048,575 rows.

The generated workbooks hold their text inline (openpyxl, pandas and many export tools write
it so), and a big sheet of inline text is parsed in parts while it is stored
(app/core/importing/xlsx_parts.py). Excel and WPS put text in a shared-strings table instead,
which every part would parse again; such a sheet of mostly unique text is read whole.
--shared-strings measures the same rows rewritten that way too, so both figures are printed.

Besides wall time each measurement reports its CPU time (user + system, all threads): on a
machine shared with other work the wall times swing by tens of percent while CPU seconds stay
within a few, so compare changes by CPU and quote wall times with the machine's load. The
import runs helper threads (a big sheet's parts parsed by calamine while earlier rows are
stored, raw rows written by SQLite while Python walks the next chunk), so on an idle machine
its wall time is well below its CPU time; on a saturated one it is not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
HEADERS = ["姓名", "手机", "邮箱", "公司", "城市", "省份", "行业", "员工人数", "首次购买日期",
           "最近购买日期", "购买次数", "消费金额", "是否同意营销"]


def generate(rows: int, duplicates: float = 0.0) -> Path:
    """A customer workbook of `rows` rows (title, blank row, header, then customers). With
    `duplicates` (a share, e.g. 0.1), that share of customers repeat an earlier one's name,
    phone and e-mail (city written another way), so deduplication has sure groups to merge."""
    tag = f"_dup{round(duplicates * 100)}" if duplicates else ""
    path = DATA / f"customers_{rows}{tag}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    DATA.mkdir(parents=True, exist_ok=True)
    rng = random.Random(rows)
    surnames, given = "王李张刘陈杨黄赵吴周", ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋"]
    cities = ["广州", "广州市", "GZ", "深圳", "Shanghai", "北京市", "杭州", "成都"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户名单")
    ws.append(["2024年客户名单"])
    ws.append([])
    ws.append(HEADERS)
    start = datetime(2022, 1, 1)
    people: list[tuple[str, str, int]] = []  # (name, phone, number) of each original
    for i in range(rows - 3):
        first = start + timedelta(days=rng.randint(0, 700))
        if people and rng.random() < duplicates:
            name, phone, number = people[rng.randrange(len(people))]
        else:
            name = rng.choice(surnames) + rng.choice(given)
            phone, number = f"1{rng.randint(3000000000, 9999999999)}", i
            if duplicates:
                people.append((name, phone, number))
        ws.append([
            name, phone, f"user{number}@example.com", f"公司{rng.randint(1, 5000)}有限公司",
            rng.choice(cities), "广东省", "制造业", rng.randint(1, 500), first,
            first + timedelta(days=30), rng.randint(1, 20), round(rng.uniform(10, 9000), 2),
            rng.choice(["是", "否", ""]),
        ])
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path


BARE = """
import sys, time, python_calamine as pc
c = time.process_time()
t = time.perf_counter()
wb = pc.CalamineWorkbook.from_path(sys.argv[1])
n = sum(len(wb.get_sheet_by_name(s).to_python()) for s in wb.sheet_names)
print(time.perf_counter() - t, n, time.process_time() - c)
"""

IMPORT = """
import sys, time
sys.path.insert(0, sys.argv[3])
from app.storage.workspace import Workspace
from app.workers import usecases
c = time.process_time()
t = time.perf_counter()
with Workspace.open(sys.argv[2]) as ws:
    (report,) = usecases.import_files(ws, [sys.argv[1]])
print(time.perf_counter() - t, report.rows_imported, time.process_time() - c)
"""


def shared_strings_copy(path: Path) -> Path:
    """The workbook at `path` with its inline text moved into a shared-strings table, as
    Excel saves it (the tests' rewrite; ~20 s and ~3 GB at 1M rows)."""
    out = path.with_name(path.stem + "_shared.xlsx")
    if out.exists():
        return out
    sys.path.insert(0, str(ROOT))
    from tests.core.importing.helpers import to_shared_strings

    tmp = out.with_suffix(".tmp.xlsx")
    to_shared_strings(path, tmp)
    tmp.replace(out)
    return out


def workbook(rows: int, kind: str) -> Path:
    """The cached workbook, made by a process of its own when missing: Linux carries a
    process's peak memory over into the children it starts, so making a 1M-row workbook here
    (up to ~3 GB) would show up as the peak of every measurement after it."""
    out = subprocess.run([sys.executable, __file__, "--make", str(rows), kind],
                         capture_output=True, text=True, check=True).stdout
    return Path(out.strip().splitlines()[-1])


def measure(code: str, *args: str) -> tuple[float, int, float, float]:
    """(seconds, rows, peak RSS in MB, CPU seconds) of `code` run in a fresh interpreter."""
    wrapper = code + "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    out = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[3]) / 1024, float(out[2])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000, 1_048_575])
    parser.add_argument("--shared-strings", action="store_true",
                        help="also measure each workbook with its text in a shared-strings "
                             "table, as Excel saves it")
    parser.add_argument("--make", nargs=2, metavar=("ROWS", "TEXT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:  # in a process of its own (see workbook())
        rows, kind = int(args.make[0]), args.make[1]
        path = generate(rows)
        print(shared_strings_copy(path) if kind == "shared" else path)
        return 0
    results = []
    runs = [(rows, kind) for rows in args.rows
            for kind in (("inline", "shared") if args.shared_strings else ("inline",))]
    for rows, kind in runs:
        t0 = time.perf_counter()
        path = workbook(rows, kind)
        gen = time.perf_counter() - t0
        bare_s, bare_rows, bare_mb, bare_cpu = measure(BARE, str(path))
        with tempfile.TemporaryDirectory() as tmp:
            ws = str(Path(tmp) / "bench.sdstudio")
            imp_s, imp_rows, imp_mb, imp_cpu = measure(IMPORT, str(path), ws, str(ROOT))
            db_mb = Path(ws).stat().st_size / 1e6
        result = {
            "rows": rows, "text": kind, "file_mb": round(path.stat().st_size / 1e6, 1),
            "bare_read_s": round(bare_s, 2), "bare_read_peak_mb": round(bare_mb),
            "import_store_s": round(imp_s, 2), "import_store_peak_mb": round(imp_mb),
            "rows_imported": imp_rows, "rows_per_s": round(imp_rows / imp_s),
            "ratio_to_bare_read": round(imp_s / bare_s, 2), "workspace_mb": round(db_mb),
            "bare_read_cpu_s": round(bare_cpu, 2), "import_store_cpu_s": round(imp_cpu, 2),
            "cpu_ratio": round(imp_cpu / bare_cpu, 2), "load_average": round(os.getloadavg()[0], 2),
            "generated_in_s": round(gen, 1),
        }
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        print(f"{rows:>9,} rows ({kind:6}): bare read {bare_s:6.1f}s ({bare_mb:,.0f} MB) | import+store "
              f"{imp_s:6.1f}s ({imp_mb:,.0f} MB, {imp_rows / imp_s:,.0f} rows/s) | "
              f"ratio {imp_s / bare_s:.2f} (target <= 1.3) | CPU {bare_cpu:.1f}s vs {imp_cpu:.1f}s, "
              f"ratio {imp_cpu / bare_cpu:.2f} | load {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
