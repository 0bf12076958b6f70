"""Accuracy of Check and Clean through the real pipeline: `python -m app import` then
`python -m app clean`, the workspace's full dump matched to the answer key by source row.

    .venv/bin/python benchmarks/clean_accuracy.py [--samples ../shared/samples] [--keep W]

Prints per-field accuracy of the cleaned values, flag recall/precision and the quality score
before and after. The answer key leaves a blank province blank; filling it from the city is a
separate fix, so province is also scored with those cells set aside.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = ("name", "phone", "email", "company", "city", "province", "industry", "employees",
          "first_purchase", "last_purchase", "orders", "total_spent", "consent")


def cli(*args) -> dict:
    out = subprocess.run([sys.executable, "-m", "app", *map(str, args), "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def comparable(field, value):
    """The dump's value in the answer key's terms."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if field == "consent":
        return {"yes": True, "no": False, 1: True, 0: False}.get(value)  # True == 1 as a key
    if field == "employees" and isinstance(value, str) and value.startswith("["):
        return json.loads(value)
    return value


def equal(got, want) -> bool:
    if isinstance(want, float) or (isinstance(got, float) and want is not None):
        try:
            return got is not None and abs(float(got) - float(want)) < 0.006
        except (TypeError, ValueError):
            return False
    return got == want


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", default=str(ROOT.parent / "shared" / "samples"))
    parser.add_argument("--keep", help="workspace path to keep (default: a temporary one)")
    args = parser.parse_args()
    samples = Path(args.samples)
    key = json.loads((samples / "answers" / "customers.answers.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(args.keep or Path(tmp) / "accuracy.sdstudio")
        ws.unlink(missing_ok=True)
        cli("import", samples / "customers.xlsx", "--workspace", ws)
        cleaned = cli("clean", "--workspace", ws)
        from app.storage.workspace import Workspace
        from app.workers.usecases import full_dump_frame

        with Workspace.open(ws) as opened:
            dump = full_dump_frame(opened)
    by_source = {}
    for record in dump.to_dict("records"):
        for source in record["source_rows"].split(";"):
            by_source[source] = record
    file_name = (samples / "customers.xlsx").name
    hits = dict.fromkeys(FIELDS, 0)
    province_filled = province_hits_keyed = 0
    truth, found = set(), set()
    missing = 0
    for row in key["rows"]:
        record = by_source.get(f"{file_name}|{row['sheet']}|{row['row']}")
        if record is None:
            missing += 1
            continue
        for field in FIELDS:
            got = comparable(field, record.get(field))
            want = row["clean"].get(field)
            if equal(got, want):
                hits[field] += 1
                if field == "province" and want is not None:
                    province_hits_keyed += 1
            elif field == "province" and want is None and got is not None:
                province_filled += 1
        ident = (row["sheet"], row["row"])
        truth |= {(ident, f) for f in row["invalid"]}
        flags = record.get("flags") or ""
        found |= {(ident, part.split(":")[0]) for part in flags.split(";") if part}
    n = len(key["rows"])
    print(f"rows in key: {n}, matched to the workspace: {n - missing}")
    print(f"quality score: {cleaned['score_before']} -> {cleaned['score_after']}  "
          f"({cleaned['cells_changed']:,} cells in {cleaned['customers_changed']:,} customers)")
    for field in FIELDS:
        print(f"  {field:<15} {100 * hits[field] / n:6.2f}%")
    print(f"  province, not counting {province_filled} blanks filled from the city: "
          f"{100 * (hits['province'] + province_filled) / n:6.2f}%")
    both = truth & found
    print(f"flags: recall {100 * len(both) / max(len(truth), 1):.1f}% "
          f"precision {100 * len(both) / max(len(found), 1):.1f}% "
          f"({len(truth)} true, {len(found)} flagged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
