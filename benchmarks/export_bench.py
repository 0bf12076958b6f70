"""select_recipients / plan_export on a synthetic customers frame (default 100,000 rows).

    .venv/bin/python benchmarks/export_bench.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.export import (  # noqa: E402
    SuppressionEntry,
    SuppressionList,
    plan_export,
    select_recipients,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
CITIES = ["广州", "深圳", "上海", "北京", "Hangzhou", "成都", "武汉"]
CONSENT = ["是", "否", None, "yes", "no", "Y", "同意", "未知"]


def synthetic(n: int, seed: int = 7) -> pd.DataFrame:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        phone = rnd.choice([f"13{rnd.randrange(10**9):09d}", f"+86 15{rnd.randrange(10**9):09d}",
                            f"1{rnd.randrange(3, 10)}{rnd.randrange(10**9):09d}", None,
                            "13800000000", f"020-{rnd.randrange(10**8):08d}"])
        email = rnd.choice([f"user{i}@qq.com", f"User.{i}@163.COM ", None, "test@test.com",
                            f"u{i}@example", f"u{rnd.randrange(n)}@gmail.com"])
        rows.append(dict(customer_id=i + 1,
                         name=rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(["", *GIVEN]),
                         phone=phone, email=email, city=rnd.choice(CITIES),
                         address=rnd.choice([None, f"{rnd.randrange(1, 999)}号"]),
                         consent=rnd.choice(CONSENT)))
    df = pd.DataFrame(rows)
    df["alt_phones"] = [[] if i % 10 else [f"139{i:08d}"] for i in range(n)]
    df["alt_emails"] = [[] for _ in range(n)]
    df["flags"] = [{} for _ in range(n)]
    df["extra"] = [{} for _ in range(n)]
    return df


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    frame = synthetic(n)
    sup = SuppressionList([SuppressionEntry(f"user{i}@qq.com", None) for i in range(0, n, 50)],
                          salt="bench")
    sup.add_erased("user7@qq.com")
    for channel in ("email", "sms", "mail", "any"):
        start = time.perf_counter()
        sel = select_recipients(frame, channel=channel, suppression=sup)
        print(f"select_recipients channel={channel:<5} {n:,} rows: "
              f"{time.perf_counter() - start:6.2f} s  kept {len(sel.kept):,} {sel.counts()}")
    for fmt in ("xlsx", "mailchimp"):
        start = time.perf_counter()
        plan = plan_export(frame, format=fmt, suppression=sup)
        print(f"plan_export {fmt:<9} {time.perf_counter() - start:6.2f} s  exported {plan.exported:,}")


if __name__ == "__main__":
    main()
