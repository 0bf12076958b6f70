"""Linking and RFM against the samples' answer key (orders.xlsx, reference date 2024-07-01).

Customers come from the key's persons (current phone, old phones as alt_phones, e-mail), so
this measures linking and RFM alone, not the dedup that would build them in the app."""

import pandas as pd
import pytest

from app.core.segments.orders import (
    DUPLICATE_ORDER,
    FAKE_IDENTIFIER,
    LINKED,
    NOT_IN_CUSTOMERS,
    link_orders,
)
from app.core.segments.rfm import compute_rfm
from tests.core.segments.answer_key import customers_from_persons, load_key, orders_sheet

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def linked(samples_dir):
    okey, ckey = load_key(samples_dir)
    customers = customers_from_persons(ckey["persons"])
    result = link_orders(orders_sheet(samples_dir), customers)
    return okey, customers, result


def test_every_line_gets_the_right_person_and_status(linked):
    okey, customers, result = linked
    person = dict(zip(customers["customer_id"], customers["person_id"], strict=True))
    expected_status = {"matchable": LINKED, "unmatchable": LINKED, "duplicate_line": DUPLICATE_ORDER,
                       "not_in_customer_list": NOT_IN_CUSTOMERS, "fake_identifier": FAKE_IDENTIFIER}
    right = 0
    for line, want in zip(result.lines.itertuples(), okey["lines"], strict=True):
        got = None if pd.isna(line.customer_id) else person[int(line.customer_id)]
        want_person = None if want["status"] in ("not_in_customer_list", "fake_identifier") \
            else want["person_id"]
        right += got == want_person and line.status == expected_status[want["status"]]
    assert right / len(okey["lines"]) == 1.0, f"{right} of {len(okey['lines'])} lines right"
    assert result.counts[NOT_IN_CUSTOMERS] == 148
    assert result.counts[FAKE_IDENTIFIER] == 29
    assert result.counts[DUPLICATE_ORDER] == 50


def test_dates_and_amounts_parse_like_the_key(linked):
    okey, _, result = linked
    dates = result.lines["date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == [line["date"] for line in okey["lines"]]
    amounts = result.lines["amount"].round(2).tolist()
    assert amounts == [line["amount"] for line in okey["lines"]]


def test_rfm_equals_the_key_for_every_person(linked):
    okey, customers, result = linked
    rfm = compute_rfm(result, "2024-07-01", customers=customers).table
    person = dict(zip(customers["customer_id"], customers["person_id"], strict=True))
    wrong = []
    for cid, row in rfm.iterrows():
        want = okey["rfm"][person[cid]]
        recency = None if pd.isna(row.recency_days) else int(row.recency_days)
        if (recency, int(row.frequency)) != (want["recency_days"], want["frequency"]) \
                or abs(row.monetary - want["monetary"]) > 0.005:
            wrong.append((person[cid], want, recency, row.frequency, row.monetary))
    assert len(rfm) == len(okey["rfm"]) == 1695
    assert not wrong, wrong[:5]
