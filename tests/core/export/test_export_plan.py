"""plan_export summarises before writing; write_export writes exactly the plan."""

import csv
import time

import openpyxl
import pandas as pd
import pytest

from app.core.export import (
    FORMATS,
    SuppressionEntry,
    SuppressionList,
    plan_export,
    write_export,
)


def test_plan_counts_then_write_matches(customers, tmp_path):
    customers.loc[2, "email"] = "王伟@qq.com"  # Mailchimp will refuse it
    sup = SuppressionList([SuppressionEntry(None, "+8613900139002", "bounced")])
    plan = plan_export(customers, format="mailchimp", suppression=sup,
                       include_unknown_consent=True)
    assert plan.channel == "email"
    assert plan.left_out == {"suppressed": 1, "no_consent": 1, "email_not_accepted": 1}
    assert plan.exported == 2 and plan.left_out_total == 3
    report = write_export(plan, tmp_path / "mc.csv")
    with open(tmp_path / "mc.csv", encoding="utf-8", newline="") as fh:
        emails = [r["Email Address"] for r in csv.DictReader(fh)]
    assert emails == ["wangwei@qq.com", "zhao.feng@qq.com"]
    assert report.rows_written == plan.exported
    assert any("unknown" in w for w in report.warnings)


def test_plan_reports_fields_that_will_be_shortened(customers):
    customers.loc[0, "name"] = "王伟😀"
    customers.loc[1, "company"] = "公司" * 200
    assert plan_export(customers, format="csv-gbk", columns=["name"]).shortened == {"name": 1}
    plan = plan_export(customers, format="mailchimp", include_unknown_consent=True)
    assert plan.shortened == {"Company": 1}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_file(customers, tmp_path, fmt):
    suffix = {"xlsx": ".xlsx", "mailmerge": ".xlsx", "vcard": ".vcf", "labels-pdf": ".pdf"}
    path = tmp_path / f"out{suffix.get(fmt, '.csv')}"
    plan = plan_export(customers, format=fmt, include_unknown_consent=True)
    report = write_export(plan, path)
    assert path.exists() and report.format == fmt
    assert report.rows_written == plan.exported
    if path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path).active
        assert ws.max_row == plan.exported + 1
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_two_thousand_customers_plan_and_write_quickly(customers, tmp_path):
    big = pd.concat([customers] * 400, ignore_index=True)
    big["customer_id"] = range(len(big))
    started = time.perf_counter()
    plan = plan_export(big, format="xlsx", include_unknown_consent=True)
    write_export(plan, tmp_path / "big.xlsx")
    assert time.perf_counter() - started < 10
    assert plan.exported == 1600
