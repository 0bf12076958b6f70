"""Check + Clean benchmark on a big workspace: profile, plan, apply (storage), peak memory.

    .venv/bin/python benchmarks/clean_bench.py                   # 1,048,575 rows
    .venv/bin/python benchmarks/clean_bench.py --rows 100000
    .venv/bin/python benchmarks/clean_bench.py --undo --work-dir /dev/shm   # disk full

The workspace is built once per size (cached in benchmarks/data/clean_<rows>.sdstudio) from the
samples' messy raw rows (../shared/samples answer key, or a built-in set without it), each
copy varied (phone digits, e-mail local part, name) so values are mostly distinct like a real
list. The measurement runs in a fresh process so its peak memory (max RSS) is its own.
Target (issue 3): profile + all cleaning <= 30 s on 2 cores, peak memory <= 3 GB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))

FALLBACK = [
    ["王先生", "+86 138-0013-8000", "Wang@QQ.COM ", "广州美佳贸易有限公司", "广州市", None, "制造",
     "50-199人", "2023/5/1", "2024-01-08", "3次", "¥1,200.00", "是"],
    ["张三", "13800000000", "test@test.com", "个人", "N/A", "广东", "IT", "约120人", "2023年5月2日",
     None, 2, "1.2万", "N"],
    ["KAREN HILL", "13912345678 / 020-88888888", "karen@gmial.com", "Hill Trading Co., Ltd.",
     "Guagnzhou", "Guangdong", "F&B", 80, 45047, "2024.3.1", "1", "RMB 1200", None],
]
ROLES = ["name", "phone", "email", "company", "city", "province", "industry", "employees",
         "first_purchase", "last_purchase", "orders", "total_spent", "consent"]


@dataclass
class _Table:
    sheet: str
    headers: list
    roles: list
    rows: object
    header_row: int = 1
    skipped_rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    alternate_of: dict = field(default_factory=dict)


@dataclass
class _Imported:
    file_name: str
    content_hash: str
    sheets: list
    path: str = ""
    skipped_sheets: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _templates(samples: Path) -> list[list]:
    key = samples / "answers" / "customers.answers.json"
    if not key.exists():
        return FALLBACK
    data = json.loads(key.read_text("utf-8"))
    out = []
    for row in data["rows"]:
        roles = list(data["sheets"][row["sheet"]]["columns"].values())
        raw = dict(zip(roles, row["raw"], strict=False)) if isinstance(row["raw"], list) else row["raw"]
        values = []
        for role in ROLES:
            v = raw.get(role)
            if isinstance(v, dict):
                v = v.get("excel_date", v.get("number"))
            values.append(v)
        out.append(values)
    return out


def _vary(values: list, i: int) -> list:
    row = list(values)
    tag = f"{i:07d}"
    if isinstance(row[1], str) and len(row[1]) >= 11 and row[1][-4:].isdigit():
        row[1] = row[1][:-4] + tag[-4:]
    if isinstance(row[2], str) and "@" in row[2] and "test" not in row[2]:
        local, _, domain = row[2].partition("@")
        row[2] = f"{local}{tag}@{domain}"
    if isinstance(row[0], str) and i % 3:
        row[0] = row[0] + "ABCDEFGHJK"[i % 10] if row[0].isascii() else row[0]
    return row


def build(rows: int, samples: Path) -> Path:
    path = DATA / f"clean_{rows}.sdstudio"
    if path.exists():
        return path
    from app.storage.imports import store_import
    from app.storage.workspace import Workspace

    DATA.mkdir(parents=True, exist_ok=True)
    templates = _templates(samples)
    headers = [f"h_{r}" for r in ROLES]

    def chunks():
        for start in range(0, rows, 50_000):
            yield [(i + 2, _vary(templates[i % len(templates)], i))
                   for i in range(start, min(rows, start + 50_000))]

    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    t = time.perf_counter()
    with Workspace.open(tmp) as ws:
        store_import(ws, _Imported(f"bench_{rows}.xlsx", f"bench-{rows}",
                                   [_Table("客户名单", headers, ROLES, chunks())]), total_rows=rows)
    for sidecar in tmp.parent.glob(tmp.name + "*"):
        if sidecar != tmp:
            sidecar.unlink()
    tmp.replace(path)
    print(f"built {path.name}: {rows:,} rows in {time.perf_counter() - t:.1f} s")
    return path


MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from app.storage.workspace import Workspace
from app.workers import clean_tasks
from app.storage import oplog
out = {{}}
cpu0 = time.process_time()
with Workspace.open({path!r}) as ws:
    t = time.perf_counter(); frame = clean_tasks.load_for_cleaning(ws); out["load_s"] = time.perf_counter() - t
    t = time.perf_counter(); checked = clean_tasks.profile_workspace(ws, frame=frame); out["profile_s"] = time.perf_counter() - t
    t = time.perf_counter(); plan = clean_tasks.plan_cleaning(ws, frame=frame); out["plan_s"] = time.perf_counter() - t
    out["changes"] = len(plan.changes)
    del frame
    t = time.perf_counter()
    result = clean_tasks.apply_cleaning(ws, plan, score_before=checked.report.score, rescore=False)
    out["apply_s"] = time.perf_counter() - t
    out["cells"] = result.cells; out["customers"] = result.customers
    out["score_before"] = checked.report.score
    out["cpu_s"] = time.process_time() - cpu0
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if {undo}:
        t = time.perf_counter(); oplog.undo(ws); out["undo_s"] = time.perf_counter() - t
print(json.dumps(out))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_048_575)
    parser.add_argument("--samples", default=str(ROOT.parent / "shared" / "samples"))
    parser.add_argument("--undo", action="store_true", help="also time undoing the clean")
    parser.add_argument("--work-dir", default=str(DATA),
                        help="folder for the measured copy, its WAL and safety copy (~2.5x "
                             "the workspace at 1M rows), e.g. /dev/shm when the disk is full; "
                             "say so with the figures: no disk waits there")
    args = parser.parse_args()
    source = build(args.rows, Path(args.samples))
    work = Path(args.work_dir) / f"clean_{args.rows}.run.sdstudio"
    shutil.copyfile(source, work)  # a closed file, not a live one
    try:
        proc = subprocess.run([sys.executable, "-c", MEASURE.format(
            root=str(ROOT), path=str(work), undo=args.undo)], capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        for f in work.parent.glob(work.name + "*"):  # the WAL, and the safety copies' folder
            shutil.rmtree(f) if f.is_dir() else f.unlink()
    total = r["load_s"] + r["profile_s"] + r["plan_s"] + r["apply_s"]
    print(f"{args.rows:,} rows: load {r['load_s']:.1f} s, profile {r['profile_s']:.1f} s, "
          f"plan {r['plan_s']:.1f} s ({r['changes']:,} changes), apply {r['apply_s']:.1f} s "
          f"({r['cells']:,} cells, {r['customers']:,} customers); total {total:.1f} s; "
          f"(CPU {r['cpu_s']:.1f} s: the machine may be shared); peak memory {r['peak_mb']:,.0f} MB" +
          (f"; undo {r['undo_s']:.1f} s" if "undo_s" in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
