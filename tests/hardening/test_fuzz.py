"""Hostile and broken files: a bounded mutation fuzzer over the importer.

Seeds: a self-made workbook and CSV (so the test means something on a plain clone), plus the
samples and the real-workbook corpus from ../shared when present. Each mutated file goes
through inspect_file and read_file (every row consumed) in a worker process limited to 2 GB of
address space, with a time bound per file. The only acceptable failure is ImportProblem.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import SHARED
from tests.hardening.helpers import FULL, REPO

CASES = 3000 if FULL else 600
BATCH = 40
SECONDS_PER_FILE = 10.0
MEMORY_MB = 2048
EXCEL = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def self_made_seeds(folder: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["客户名单"])
    ws.append(["姓名", "手机", "邮箱", "城市", "金额", "日期"])
    for i in range(40):
        ws.append([f"客户{i}", f"1380013{i:04d}", f"u{i}@qq.com", "广州", i * 10.5, "2024-01-02"])
    ws.append(["合计", None, None, None, 999, None])
    wb.create_sheet("备注").append(["说明", "本表仅供内部使用"])
    book = folder / "seed.xlsx"
    wb.save(book)
    text = folder / "seed.csv"
    lines = ["姓名,手机,邮箱,备注"] + [f'客户{i},139{i:08d},x{i}@163.com,"a,""b"""'
                                        for i in range(40)]
    text.write_bytes("\n".join(lines).encode("gbk"))
    return [book, text]


def shared_seeds() -> list[Path]:
    found = []
    for folder in (SHARED / "samples", SHARED / "corpus" / "real-workbooks"):
        if folder.is_dir():
            found += [p for p in sorted(folder.rglob("*"))
                      if p.is_file() and p.suffix.lower() in (*EXCEL, ".csv", ".txt", ".tsv")
                      and p.stat().st_size < 1_000_000]
    return found


# ------------------------------------------------------------------ mutators


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(buf))
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf)


def overwrite_span(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    n = rng.randint(1, 256)
    return data[:i] + rng.randbytes(n) + data[i + n:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 4096))
    return data[:j] + data[i:j] * rng.randint(1, 50) + data[j:]


def insert_special(data: bytes, rng: random.Random) -> bytes:
    junk = rng.choice([b"\x00", b'"', b"\r", b"\n" * 50, b"\xff\xfe", b"\xef\xbb\xbf", b",",
                       b"=cmd|' /C calc'!A0", "客户".encode("gbk"), b"<", b"&#0;", b"]]>"])
    i = rng.randrange(len(data))
    return data[:i] + junk * rng.randint(1, 30) + data[i:]


BYTE_MUTATORS = [flip_bits, overwrite_span, truncate, duplicate_span, insert_special]


def mutate_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Mutate one member's XML and re-zip with correct CRCs, so the XML parsers see it."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        infos = src.infolist()
        members = {i.filename: src.read(i) for i in infos}
    xml = [n for n in members if n.endswith((".xml", ".rels", ".bin"))] or list(members)
    victim = rng.choice(xml)
    members[victim] = rng.choice(BYTE_MUTATORS)(members[victim].ljust(2, b" "), rng)
    if rng.random() < 0.1:
        members.pop(rng.choice(list(members)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in members.items():
            dst.writestr(name, body)
    return out.getvalue()


def mutated(seed: Path, rng: random.Random) -> tuple[bytes, str]:
    data = seed.read_bytes().ljust(2, b" ")  # an empty seed still gets mutated
    if data[:4] == b"PK\x03\x04" and rng.random() < 0.5:
        try:
            return mutate_zip_member(data, rng), "zip-member"
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError):
            pass
    mutator = rng.choice(BYTE_MUTATORS)
    return mutator(data, rng), mutator.__name__


# ------------------------------------------------------------------ running

def run_batch(files: list[Path], per_file: float = SECONDS_PER_FILE) -> list[dict]:
    """Results for files, one worker per batch; when a worker dies or hangs on a file, that
    file is a crash and a fresh worker carries on with the rest."""
    results: list[dict] = []
    remaining = list(map(str, files))
    while remaining:
        cmd = [sys.executable, "-m", "tests.hardening.fuzz_worker", "--memory-mb",
               str(MEMORY_MB), *remaining]
        try:
            done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                                  # Files take milliseconds; only a hang uses this up.
                                  timeout=per_file + 2 * len(remaining) + 5,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
            out, code, err = done.stdout, done.returncode, done.stderr
        except subprocess.TimeoutExpired as exc:
            out, code, err = (exc.stdout or b"").decode(), "timeout", ""
        current = None
        for line in out.splitlines():
            item = json.loads(line)
            if "start" in item:
                current = item["start"]
            else:
                results.append(item)
                remaining.remove(item["file"])
                current = None
        if current is None:
            if remaining:  # the worker itself failed before starting a file
                raise AssertionError(f"fuzz worker failed ({code}): {err[:3000]}")
            break
        results.append({"file": current, "outcome": "crash", "seconds": None,
                        "detail": f"worker ended ({code}) while reading it: {err[:3000]}"})
        remaining.remove(current)
    return results


def test_mutated_files_never_escape_as_anything_but_import_problem(tmp_path):
    seeds = self_made_seeds(tmp_path) + shared_seeds()
    rng = random.Random(20241122)
    cases = []
    for n in range(CASES):
        seed = seeds[n % len(seeds)] if n < len(seeds) else rng.choice(seeds)
        data, how = mutated(seed, rng)
        path = tmp_path / f"case{n:05d}-{how}{seed.suffix}"
        path.write_bytes(data)
        cases.append(path)

    results = []
    for start in range(0, len(cases), BATCH):
        results += run_batch(cases[start:start + BATCH])

    crashes = [r for r in results if r["outcome"] == "crash"]
    slow = [r for r in results if r["seconds"] is not None and r["seconds"] > SECONDS_PER_FILE]
    tally = {k: sum(r["outcome"] == k for r in results) for k in ("ok", "problem", "crash")}
    slowest = max((r["seconds"] or 0) for r in results)
    print(f"fuzz: {len(cases)} cases from {len(seeds)} seeds -> {tally}; "
          f"slowest {slowest:.2f}s")
    assert not crashes, "\n\n".join(f"{r['file']}:\n{r['detail']}" for r in crashes[:5])
    assert not slow, [(r["file"], r["seconds"]) for r in slow]
    assert len(results) == len(cases)


@pytest.mark.slow
@pytest.mark.skipif(not FULL, reason="set SMALLDATA_HARDENING_FULL=1 for the long fuzz run")
def test_long_fuzz_marker():
    """The long run is the test above with SMALLDATA_HARDENING_FULL=1 (3,000 cases)."""
    assert CASES == 3000


FIXTURES = Path(__file__).parent / "fixtures"


def test_damaged_xls_sector_chain_is_refused():
    """Found by the fuzzer: 25 KB of damaged .xls must give ImportProblem, not kill the app."""
    (result,) = run_batch([FIXTURES / "cfb_bad_chain.xls"])
    assert result["outcome"] == "problem", result["detail"][:300]


def test_truncated_ods_repeat_bomb_is_refused_quickly():
    """Found by the long fuzz run: 776 bytes (a mutated issue_594_dos.ods whose XML was cut)
    keep calamine busy without end instead of its 'cell limit exceeded' refusal; the sniffer
    refuses repeat counts past a sheet's limits before calamine sees the file."""
    (result,) = run_batch([FIXTURES / "ods_repeat_truncated.ods"], per_file=3)
    assert result["outcome"] == "problem", result["detail"][:300]
