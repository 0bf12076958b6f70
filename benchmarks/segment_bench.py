"""Segment benchmark (issue 5): RFM and k-means with k selection on 1,048,575 customers, and RFM
against the samples' answer key through the real CLI pipeline.

    .venv/bin/python benchmarks/segment_bench.py                 # 1,048,575 customers
    .venv/bin/python benchmarks/segment_bench.py --rows 20000    # a quick small run
    .venv/bin/python benchmarks/segment_bench.py --skip-workspace --skip-samples

Targets: RFM <= 5 s, k-means with k selection <= 20 s at 1,048,575 customers; R, F and M equal
to ../shared/samples/answers/orders.answers.json for every linked customer.

What runs, each part in its own interpreter so its peak memory (max RSS) is its own:
* core: purchase lines (about 2.9 per customer, seeded, see generate()) -> core compute_rfm;
  then the app's default features (recency_days, frequency, monetary, employees) ->
  build_features -> sweep_k (k = 2..10, elbow checked against silhouette) -> personas of the
  recommended k. Both results are checked against a plain numpy recount of the lines.
* workspace: a real SQLite workspace (customers imported from a CSV with usecases.import_files,
  the lines stored as the orders import stores them) -> segment_tasks.run_rfm and run_kmeans,
  the functions behind `python -m app segment --rfm` / `--kmeans`, reading from and writing to
  the workspace.
* samples: customers.xlsx and orders.xlsx through the CLI (import, dedupe, orders,
  segment --rfm --as-of 2024-07-01) into a temporary workspace; every active customer is
  mapped to its answer-key person through its source rows and its stored R, F, M compared.

Generated data and the built workspace are cached in benchmarks/data/segment_<rows>/
(gitignored); the workspace is copied before each run, so runs do not pile up history.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data"
REFERENCE_DATE = "2024-07-01"
FULL_ROWS = 1_048_575
LINES_PER_CUSTOMER = 2.9

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀华平刚桂英志晓鹏辉玲婷雪琳飞宇浩然俊博文轩子涵思怡欣佳梓睿")
EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
            "Elizabeth", "William", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
           "Anderson", "Taylor", "Moore", "Martin", "Lee", "Walker", "Hall", "Allen", "Young"]
CITIES = [("北京", "北京市"), ("上海", "上海市"), ("广州", "广东省"), ("深圳", "广东省"),
          ("杭州", "浙江省"), ("成都", "四川省"), ("南京", "江苏省"), ("武汉", "湖北省"),
          ("西安", "陕西省"), ("苏州", "江苏省"), ("天津", "天津市"), ("重庆", "重庆市"),
          ("长沙", "湖南省"), ("郑州", "河南省"), ("青岛", "山东省"), ("宁波", "浙江省")]
INDUSTRIES = ["制造业", "零售", "餐饮", "教育培训", "互联网", "医疗健康", "金融", "房地产", "物流",
              "美容美发"]
MOBILE_PREFIXES = ["135", "136", "137", "139", "150", "151", "152", "158", "159", "186", "187",
                   "188", "189", "177"]
CHANNELS = ["天猫", "京东", "门店", "微信小程序", "电话"]
CUSTOMER_HEADERS = ["姓名", "手机", "邮箱", "城市", "省份", "行业", "员工人数"]
ORDER_HEADERS = ["订单号", "下单时间", "客户手机", "客户邮箱", "金额", "渠道"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ====================================================================== synthetic data

def generate(rows: int, lines_per_customer: float = LINES_PER_CUSTOMER) -> Path:
    """benchmarks/data/segment_<rows>/: customers.csv (the sheet a marketer imports) and
    lines.npz (purchase lines: customer index or -1, order number, timestamp, amount,
    channel, repeat flag). Seeded by `rows`, written once.

    The shape: 85 % of customers bought; orders per buyer 1 + negative binomial (most buy once
    or twice, a long tail buys dozens of times); each buyer is active over a window that ends
    with an exponential lag before the reference date, so recency is skewed; spend level per
    customer log-normal, each order log-normal around it (skewed amounts); 0.5 % of lines
    repeat an earlier order number (a re-export), 1 % come from people not on the list."""
    folder = DATA / f"segment_{rows}"
    if (folder / "lines.npz").exists() and (folder / "customers.csv").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(rows)
    n = rows

    zh = rng.random(n) < 0.6
    zh_names = np.char.add(np.char.add(rng.choice(SURNAMES, n), rng.choice(GIVEN, n)),
                           np.where(rng.random(n) < 0.7, rng.choice(GIVEN, n), ""))
    en_names = np.char.add(np.char.add(rng.choice(EN_FIRST, n), " "), rng.choice(EN_LAST, n))
    names = np.where(zh, zh_names, en_names)
    # Unique mobiles: a prefix and 8 digits from a permutation (never an all-zero fake).
    serial = rng.permutation(n).astype(np.int64) * 37 + 100_003
    phones = np.char.add(rng.choice(MOBILE_PREFIXES, n), np.char.zfill(serial.astype(str), 8))
    domains = rng.choice(["qq.com", "163.com", "126.com", "gmail.com", "outlook.com"], n)
    emails = np.char.add(np.char.add(np.char.add("u", np.arange(n).astype(str)), "@"), domains)
    emails = np.where(rng.random(n) < 0.7, emails, "")
    city = rng.integers(0, len(CITIES), n)
    employees = np.maximum(1, np.exp(rng.normal(3.5, 1.4, n))).astype(np.int64)
    employees_text = np.where(rng.random(n) < 0.8, employees.astype(str), "")
    pd.DataFrame({
        "姓名": names, "手机": phones, "邮箱": emails,
        "城市": [CITIES[c][0] for c in city], "省份": [CITIES[c][1] for c in city],
        "行业": rng.choice(INDUSTRIES, n), "员工人数": employees_text,
    }).to_csv(folder / "customers.csv", index=False, encoding="utf-8-sig")

    ref = np.datetime64(REFERENCE_DATE, "D")
    start = np.datetime64("2021-01-01", "D")
    days = int((ref - start).astype(int))
    buyer = rng.random(n) < 0.85
    mean_extra = max(lines_per_customer / 0.85 / 1.015 - 1, 0.05)
    orders = np.where(buyer, 1 + rng.negative_binomial(1, 1 / (1 + mean_extra), n), 0)
    last_day = (days - 1 - rng.exponential(180, n).astype(np.int64)).clip(0, days - 1)
    first_day = (last_day - rng.integers(0, 1000, n)).clip(0)
    spend = rng.normal(5.3, 0.8, n)
    who = np.repeat(np.arange(n), orders)
    span = (last_day - first_day + 1)[who]
    day = first_day[who] + (rng.random(len(who)) * span).astype(np.int64)
    # Each customer's last order is on its last day, so recency is known exactly.
    ends = np.cumsum(orders)[orders > 0] - 1
    day[ends] = last_day[orders > 0]
    # People not on the customer list (index -1), spread over the whole period.
    strangers = int(len(who) * 0.01)
    who = np.concatenate([who, np.full(strangers, -1)])
    day = np.concatenate([day, rng.integers(0, days, strangers)])
    seconds = rng.integers(8 * 3600, 23 * 3600, len(who))
    level = np.concatenate([spend[who[:len(who) - strangers]], rng.normal(5.3, 0.8, strangers)])
    amount = np.round(np.exp(level + rng.normal(0, 0.5, len(who))), 2)
    amount = np.where(rng.random(len(who)) < 0.3, np.round(amount, -1) - 1, amount).clip(1)
    channel = rng.integers(0, len(CHANNELS), len(who)).astype(np.int8)
    order = np.lexsort((seconds, day))  # an export is sorted by time
    who, day, seconds, amount, channel = (a[order] for a in (who, day, seconds, amount, channel))
    number = np.arange(1, len(who) + 1, dtype=np.int64)  # order number = position in time
    # Re-exported lines: the same order number and cells again, right after the original.
    repeat_of = np.sort(rng.choice(len(who), int(len(who) * 0.005), replace=False))
    at = np.sort(np.concatenate([np.arange(len(who)), repeat_of]), kind="stable")
    repeat = np.zeros(len(at), dtype=bool)
    repeat[1:] = at[1:] == at[:-1]
    np.savez(folder / "lines.npz", who=who[at], day=day[at], seconds=seconds[at],
             amount=amount[at], channel=channel[at], number=number[at], repeat=repeat)
    return folder


def order_numbers(number: np.ndarray, day: np.ndarray) -> np.ndarray:
    """SO + yyyymmdd + 8-digit sequence, as text."""
    dates = (np.datetime64("2021-01-01", "D") + day.astype("timedelta64[D]")).astype(str)
    compact = np.char.replace(dates, "-", "")
    return np.char.add(np.char.add("SO", compact), np.char.zfill(number.astype(str), 8))


def load_lines(folder: Path) -> dict[str, np.ndarray]:
    with np.load(folder / "lines.npz") as z:
        return {k: z[k] for k in z.files}


def timestamps(lines: dict[str, np.ndarray]) -> np.ndarray:
    base = np.datetime64("2021-01-01T00:00:00", "s")
    return base + (lines["day"] * 86400 + lines["seconds"]).astype("timedelta64[s]")


def purchases_frame(lines: dict[str, np.ndarray], first_id: int = 1) -> pd.DataFrame:
    """Core's purchases frame from the lines of listed customers (repeats included: RFM drops
    them itself). customer_id = index + first_id."""
    mine = lines["who"] >= 0
    return pd.DataFrame({
        "customer_id": lines["who"][mine] + first_id,
        "order_id": pd.array(order_numbers(lines["number"][mine], lines["day"][mine]), dtype="str"),
        "date": timestamps(lines)[mine].astype("datetime64[ns]"),
        "amount": lines["amount"][mine],
    })


def recount(lines: dict[str, np.ndarray], rows: int) -> pd.DataFrame:
    """R, F, M per customer index straight from the generated lines with numpy (no pandas
    groupby), to check what the app computes."""
    keep = (lines["who"] >= 0) & ~lines["repeat"]
    who, day, amount = lines["who"][keep], lines["day"][keep], lines["amount"][keep]
    frequency = np.bincount(who, minlength=rows)
    cents = np.bincount(who, weights=np.rint(amount * 100), minlength=rows)
    last = np.full(rows, -1, dtype=np.int64)
    np.maximum.at(last, who, day)
    ref_day = int((np.datetime64(REFERENCE_DATE, "D") - np.datetime64("2021-01-01", "D")).astype(int))
    recency = np.where(frequency > 0, ref_day - last, np.nan)
    return pd.DataFrame({"recency_days": recency, "frequency": frequency,
                         "monetary": np.round(cents / 100, 2)})


def same_rfm(table: pd.DataFrame, expected: pd.DataFrame) -> int:
    """How many rows of `table` (aligned with `expected`) have equal R, F and M."""
    r = table["recency_days"].to_numpy(float)
    e = expected["recency_days"].to_numpy(float)
    same_r = (r == e) | (np.isnan(r) & np.isnan(e))
    same_f = table["frequency"].to_numpy() == expected["frequency"].to_numpy()
    same_m = np.abs(table["monetary"].to_numpy(float) - expected["monetary"].to_numpy(float)) < 0.005
    return int((same_r & same_f & same_m).sum())


# ====================================================================== the workspace

def build_workspace(folder: Path) -> Path:
    """A workspace with the customers imported from customers.csv by the import use case and
    the purchase lines stored as `orders` stores them (linked to their customer, repeats as
    duplicate_order, strangers as not_in_customer_list), in one orders operation. Linking was
    done by the generator: an Excel sheet holds 1,048,576 rows, not three million.

    One workspace per schema version (workspace_v<N>.sdstudio): what an older app stored
    (v2: no purchase block) is not what today's orders import leaves."""
    from app.storage import segment_store as store
    from app.storage.schema import LATEST_VERSION
    from app.storage.values import raw_cells_json
    from app.storage.workspace import Workspace
    from app.workers import usecases

    path = folder / f"workspace_v{LATEST_VERSION}.sdstudio"
    if path.exists():
        return path
    tmp = folder / "workspace.tmp.sdstudio"
    for stale in folder.glob("workspace.tmp.sdstudio*"):
        stale.unlink()
    started = time.perf_counter()
    with Workspace.open(tmp) as ws:
        (report,) = usecases.import_files(ws, [folder / "customers.csv"])
        print(f"  built: imported {report.rows_imported:,} customers in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        # Sheet row -> customer id (row 1 is the header).
        ids = dict(ws.conn.execute(
            "SELECT r.row_number, c.id FROM customers c JOIN raw_rows r ON r.id = c.raw_row_id"))
        rows = pd.read_csv(folder / "customers.csv", dtype=str, keep_default_na=False,
                           encoding="utf-8-sig")
        lines = load_lines(folder)
        who = lines["who"]
        cid = np.array([ids[i + 2] if i >= 0 else -1 for i in who.tolist()], dtype=np.int64)
        numbers = order_numbers(lines["number"], lines["day"]).tolist()
        stamps = pd.Series(timestamps(lines)).dt.strftime("%Y-%m-%dT%H:%M:%S").tolist()
        phones = np.where(who >= 0, rows["手机"].to_numpy()[who], "").tolist()
        emails = np.where(who >= 0, rows["邮箱"].to_numpy()[who], "").tolist()
        channels = [CHANNELS[c] for c in lines["channel"].tolist()]
        status = np.where(who < 0, "not_in_customer_list",
                          np.where(lines["repeat"], "duplicate_order", "linked")).tolist()
        amounts = lines["amount"].tolist()
        stored = []
        for i, c in enumerate(cid.tolist()):
            phone = phones[i] if c >= 0 else f"199{i % 10**8:08d}"
            email = emails[i] or None
            cells = [numbers[i], stamps[i], phone, email, amounts[i], channels[i]]
            stored.append((f"orders.csv|orders|{i + 2}", numbers[i], stamps[i], amounts[i],
                           phone, email, None, channels[i], c if c >= 0 else None, status[i],
                           raw_cells_json(cells)))
        linked = sum(1 for s in status if s == "linked")
        counts = {s: status.count(s) for s in ("linked", "duplicate_order", "not_in_customer_list")}
        with ws.operation("orders", f"Purchase lines from orders.csv: {len(stored)} lines, "
                          f"{linked} linked",
                          {"content_hash": f"segment_bench_{len(stored)}", "file": "orders.csv",
                           "sheets": ["orders"], "lines": len(stored),
                           "roles": dict(zip(ORDER_HEADERS, ("order_id", "date", "phone", "email",
                                                             "amount", "channel"), strict=True)),
                           "counts": counts}) as op:
            store.insert_orders(op, stored)
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"  built: {len(stored):,} purchase lines stored; workspace ready in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    tmp.replace(path)
    for stale in folder.glob("workspace.tmp.sdstudio*"):
        stale.unlink()  # the closed temp workspace's lock file
    return path


# ====================================================================== stages (child processes)

def stage_core(folder: Path, rows: int) -> dict:
    from app.core.segments.clusters import build_features, default_features, sweep_k
    from app.core.segments.personas import describe_clusters
    from app.core.segments.rfm import compute_rfm

    lines = load_lines(folder)
    purchases = purchases_frame(lines)
    employees = pd.read_csv(folder / "customers.csv", usecols=["员工人数"], dtype=str,
                            keep_default_na=False, encoding="utf-8-sig")["员工人数"]
    customers = pd.DataFrame({"customer_id": np.arange(1, rows + 1),
                              "employees": employees.to_numpy(object)})
    expected = recount(lines, rows)
    del lines
    out: dict = {"lines": len(purchases), "rows": rows}

    start = time.perf_counter()
    result = compute_rfm(purchases, REFERENCE_DATE, customers=customers)
    out["rfm_seconds"] = time.perf_counter() - start
    table = result.table
    out["rfm_equal"] = same_rfm(table.reset_index(drop=True), expected)
    out["buyers"] = int((table["frequency"] > 0).sum())
    out["classes"] = {str(k): int(v) for k, v in table["rfm_class"].value_counts().items()}
    out["peak_after_rfm_mb"] = peak_mb()
    del purchases

    frame = table[["recency_days", "frequency", "monetary"]].reset_index()
    frame["employees"] = customers["employees"].to_numpy()
    start = time.perf_counter()
    features = default_features(frame)
    matrix = build_features(frame, features)
    t_features = time.perf_counter() - start
    sweep = sweep_k(matrix.X)
    t_sweep = time.perf_counter() - start - t_features
    personas = describe_clusters(matrix, sweep.labels[sweep.recommended_k])
    out["kmeans_seconds"] = time.perf_counter() - start
    out.update(features=features, logged=matrix.logged, features_seconds=t_features,
               sweep_seconds=t_sweep, fit_seconds=sweep.seconds_fit,
               silhouette_seconds=sweep.seconds_silhouette, silhouette_sample=sweep.sample_size,
               elbow_k=sweep.elbow_k, k=sweep.recommended_k, reason=sweep.reason_en,
               silhouette={k: round(v, 3) for k, v in sweep.silhouette.items()},
               sizes=[p.size for p in personas],
               personas=[p.description_zh for p in personas])
    out["peak_mb"] = peak_mb()
    return out


def stage_workspace(folder: Path, rows: int) -> dict:
    from app.storage import oplog
    from app.storage import segment_store as store
    from app.storage.workspace import Workspace
    from app.workers import segment_tasks

    source = build_workspace(folder)
    out: dict = {}
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        path = Path(tmp) / "w.sdstudio"
        shutil.copyfile(source, path)
        with Workspace.open(path) as ws:
            start = time.perf_counter()
            report = segment_tasks.run_rfm(ws, REFERENCE_DATE)
            out["rfm_seconds"] = time.perf_counter() - start
            out["customers"], out["buyers"] = report.customers, report.buyers
            out["peak_after_rfm_mb"] = peak_mb()
            # A re-run (another reference date) and its undo, which shows the first again.
            start = time.perf_counter()
            segment_tasks.run_rfm(ws, "2024-12-31")
            out["rfm_rerun_seconds"] = time.perf_counter() - start
            start = time.perf_counter()
            oplog.undo(ws)
            out["rfm_undo_seconds"] = time.perf_counter() - start
            # What was stored equals the recount of the generated lines, for every customer.
            ids = dict(ws.conn.execute(
                "SELECT c.id, r.row_number FROM customers c JOIN raw_rows r ON r.id = c.raw_row_id"))
            members = store.member_frame(ws, store.get_segment(ws, report.name).id)
            stored = members[["recency_days", "frequency", "monetary"]].copy()
            stored.index = [ids[c] - 2 for c in members["customer_id"]]
            expected = recount(load_lines(folder), rows)
            out["rfm_equal"] = same_rfm(stored.sort_index(), expected)
            del members, stored, expected

            start = time.perf_counter()
            run = segment_tasks.cluster_sweep(ws)
            out["sweep_seconds"] = time.perf_counter() - start
            cluster = segment_tasks.save_clusters(ws, run)
            out["kmeans_seconds"] = time.perf_counter() - start
            out.update(k=cluster.k, features=run.features,
                       sizes=[p["size"] for p in cluster.personas])
    out["peak_mb"] = peak_mb()
    return out


def stage_samples(samples: Path) -> dict:
    """The samples through the CLI, then every customer's stored R, F, M against the key."""
    from app.cli import main as cli
    from app.storage import segment_store as store
    from app.storage.customers import source_rows_by_customer
    from app.storage.workspace import Workspace

    okey = json.loads((samples / "answers" / "orders.answers.json").read_text("utf-8"))
    ckey = json.loads((samples / "answers" / "customers.answers.json").read_text("utf-8"))
    reference = okey["reference_date"]
    out: dict = {"reference_date": reference}
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "samples.sdstudio")
        steps = (["import", str(samples / "customers.xlsx")], ["dedupe"],
                 ["orders", str(samples / "orders.xlsx")],
                 ["segment", "--rfm", "--as-of", reference])
        start = time.perf_counter()
        for step in steps:
            text = io.StringIO()
            with contextlib.redirect_stdout(text), contextlib.redirect_stderr(io.StringIO()):
                code = cli([*step, "-w", path, "--json"])
            if code != 0:
                raise SystemExit(f"{' '.join(step)} failed ({code})")
            data = json.loads(text.getvalue())
            if step[0] == "orders":
                out["orders"] = {"lines": data["lines"], "counts": data["counts"]}
            if step[0] == "dedupe":
                out["merges"] = data["sure_merges"]
        out["seconds"] = time.perf_counter() - start
        with Workspace.open(path) as ws:
            sources = source_rows_by_customer(ws)
            members = store.member_frame(ws, store.get_segment(ws, "RFM").id)
    out.update(compare_with_key(sources, members, ckey, okey))
    return out


def compare_with_key(sources: dict, members: pd.DataFrame, ckey: dict, okey: dict) -> dict:
    """Each customer -> the key's person(s) of its source rows; R, F, M against the person's.

    A customer is `linked` when purchase lines were linked to it (frequency > 0). Differences
    are put down to: a person split over several customers (dedup left a copy apart), a
    customer holding several persons (a wrong merge), or orders the key marks `unmatchable`
    (their phone/e-mail is on none of the person's rows, so no app can link them)."""
    person_of_row = {(r["sheet"], r["row"]): r["person_id"] for r in ckey["rows"]}
    persons = {}
    for cid, rows in sources.items():
        persons[cid] = {person_of_row.get((s.split("|")[1], int(s.split("|")[2]))) for s in rows}
        persons[cid].discard(None)
    customers_of = {}
    for cid, ps in persons.items():
        for p in ps:
            customers_of.setdefault(p, set()).add(cid)
    unmatchable = {line["person_id"] for line in okey["lines"] if line["status"] == "unmatchable"}
    rfm = okey["rfm"]
    out = {"customers": len(members), "linked": 0, "linked_equal": 0, "no_orders": 0,
           "no_orders_equal": 0, "junk": 0, "differ": [], "persons_with_orders":
           sum(1 for v in rfm.values() if v["frequency"]), "persons_exact": 0}
    exact_persons = set()
    for cid, recency, frequency, monetary in zip(
            members["customer_id"], members["recency_days"], members["frequency"],
            members["monetary"], strict=True):
        ps = persons.get(int(cid), set())
        if not ps:
            out["junk"] += 1  # a test row of the sheet: no person in the key
            continue
        got = (None if recency != recency else float(recency), int(frequency), float(monetary))
        linked = bool(got[1])
        out["linked" if linked else "no_orders"] += 1
        if len(ps) == 1:
            want = rfm[next(iter(ps))]
            equal = (got[0] == want["recency_days"] and got[1] == want["frequency"]
                     and abs((got[2] or 0) - (want["monetary"] or 0)) < 0.005)
        else:
            equal = False
        if equal:
            out["linked_equal" if linked else "no_orders_equal"] += 1
            if linked:
                exact_persons.add(next(iter(ps)))
            continue
        if len(ps) > 1:
            cause = "several persons merged"
        elif len(customers_of[next(iter(ps))]) > 1:
            cause = "person split over customers"
        elif next(iter(ps)) in unmatchable:
            cause = "orders the key marks unmatchable"
        else:
            cause = "other"
        p = sorted(ps)
        out["differ"].append({"customer": int(cid), "persons": p, "cause": cause,
                              "got": list(got), "want": [rfm[x] for x in p]})
    out["persons_exact"] = len(exact_persons)
    return out


# ====================================================================== driver

def run_stage(name: str, *args: str, timeout: float = 1800) -> dict:
    """Run one stage in a fresh interpreter; it prints its result as JSON on the last line."""
    proc = subprocess.run([sys.executable, __file__, "--stage", name, *args], text=True,
                          capture_output=True, timeout=timeout)
    sys.stderr.write(proc.stderr[-3000:] if proc.returncode else "")
    if proc.returncode:
        raise SystemExit(f"stage {name} failed ({proc.returncode})")
    for line in proc.stdout.splitlines()[:-1]:
        print(line)
    return json.loads(proc.stdout.splitlines()[-1])


def verdict(seconds: float, limit: float) -> str:
    return f"{'OK' if seconds <= limit else 'OVER'} (target <= {limit:g} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=FULL_ROWS, help="customers (default 1,048,575)")
    parser.add_argument("--lines-per-customer", type=float, default=LINES_PER_CUSTOMER)
    parser.add_argument("--skip-workspace", action="store_true",
                        help="leave out RFM/k-means through a real workspace")
    parser.add_argument("--skip-samples", action="store_true",
                        help="leave out RFM against the samples' answer key")
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        if args.stage == "core":
            result = stage_core(args.folder, args.rows)
        elif args.stage == "workspace":
            result = stage_workspace(args.folder, args.rows)
        else:
            result = stage_samples(args.samples)
        print(json.dumps(result, ensure_ascii=False, default=float))
        return 0

    started = time.perf_counter()
    folder = generate(args.rows, args.lines_per_customer)
    print(f"data: {folder.relative_to(ROOT)} (generated or cached in "
          f"{time.perf_counter() - started:.0f} s)")
    common = ("--folder", str(folder), "--rows", str(args.rows))

    core = run_stage("core", *common)
    print(f"\n(a) RFM, core compute_rfm: {core['rows']:,} customers, {core['lines']:,} purchase "
          f"lines -> {core['rfm_seconds']:.2f} s  {verdict(core['rfm_seconds'], 5)}")
    print(f"    {core['buyers']:,} buyers; R, F, M equal to a numpy recount of the lines for "
          f"{core['rfm_equal']:,} of {core['rows']:,} customers")
    print(f"(b) k-means with k selection, core (features {', '.join(core['features'])}; "
          f"log1p on {', '.join(core['logged']) or 'none'}): {core['kmeans_seconds']:.2f} s  "
          f"{verdict(core['kmeans_seconds'], 20)}")
    print(f"    features {core['features_seconds']:.2f} s, k = 2..10 fits {core['fit_seconds']:.1f} s, "
          f"silhouette ({core['silhouette_sample']:,}-row sample) {core['silhouette_seconds']:.1f} s")
    print(f"    chosen k = {core['k']} (elbow {core['elbow_k']}): {core['reason']}")
    print(f"    silhouette by k: {core['silhouette']}; sizes {core['sizes']}")
    for text in core["personas"]:
        print(f"      {text}")
    print(f"(c) peak memory, core: {core['peak_after_rfm_mb']:,.0f} MB after RFM, "
          f"{core['peak_mb']:,.0f} MB with k-means")

    if not args.skip_workspace:
        ws = run_stage("workspace", *common, timeout=3600)
        print(f"\n(a') RFM through the workspace (segment_tasks.run_rfm = `segment --rfm`: read "
              f"customers and lines from SQLite, score, store {ws['customers']:,} members): "
              f"{ws['rfm_seconds']:.2f} s  {verdict(ws['rfm_seconds'], 5)}")
        print(f"     stored R, F, M equal to the recount for {ws['rfm_equal']:,} of "
              f"{args.rows:,} customers (after a re-run as of 2024-12-31: "
              f"{ws['rfm_rerun_seconds']:.2f} s, and its undo: {ws['rfm_undo_seconds']:.2f} s)")
        print(f"(b') k-means through the workspace (cluster_sweep + save_clusters = "
              f"`segment --kmeans`): {ws['kmeans_seconds']:.2f} s (sweep {ws['sweep_seconds']:.2f} s)"
              f"  {verdict(ws['kmeans_seconds'], 20)}; k = {ws['k']}, sizes {ws['sizes']}")
        print(f"(c') peak memory, workspace: {ws['peak_after_rfm_mb']:,.0f} MB after RFM, "
              f"{ws['peak_mb']:,.0f} MB with k-means")

    if not args.skip_samples:
        if not (args.samples / "answers" / "orders.answers.json").exists():
            print(f"\n(d) skipped: no answer key under {args.samples}")
            return 0
        s = run_stage("samples", "--samples", str(args.samples))
        counts = s["orders"]["counts"]
        print(f"\n(d) samples through the CLI (import, dedupe, orders, segment --rfm --as-of "
              f"{s['reference_date']}) in {s['seconds']:.1f} s: {s['merges']} sure merges; "
              f"{s['orders']['lines']:,} lines, {counts.get('linked', 0):,} linked, "
              f"{counts.get('duplicate_order', 0)} repeats, "
              f"{counts.get('not_in_customer_list', 0)} not in the list, "
              f"{counts.get('fake_identifier', 0)} fake, {counts.get('ambiguous', 0)} ambiguous")
        print(f"    linked customers with R, F, M exactly equal to the key: "
              f"{s['linked_equal']:,} of {s['linked']:,}; customers without orders agreeing "
              f"with the key: {s['no_orders_equal']:,} of {s['no_orders']:,}; test rows: {s['junk']}")
        print(f"    persons of the key with orders reproduced exactly by one customer: "
              f"{s['persons_exact']:,} of {s['persons_with_orders']:,}")
        causes: dict[str, int] = {}
        for d in s["differ"]:
            causes[d["cause"]] = causes.get(d["cause"], 0) + 1
        if causes:
            print(f"    differences by cause: {causes}")
        for d in s["differ"][:12]:
            print(f"      customer {d['customer']} {','.join(d['persons'])} ({d['cause']}): "
                  f"got R,F,M {d['got']}, key {[list(w.values()) for w in d['want']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
