import pandas as pd

from app.core.segments.rfm import CHINESE_CLASSES, NO_PURCHASE_ZH, compute_rfm, quintile_scores


def purchases():
    rows = []
    # customer 1: recent, frequent, big; 2: long ago, one small order; 3: recent single big
    for i in range(6):
        rows.append((1, f"A{i}", f"2024-06-{i + 1:02d}", 5000.0))
    rows.append((1, "A0", "2024-06-01", 5000.0))  # repeated order number: counted once
    rows.append((2, "B0", "2022-01-01", 50.0))
    rows.append((3, "C0", "2024-06-28", 12000.0))
    rows.append((4, "D0", "2023-01-01", 100.0))
    rows.append((4, "D1", "2023-02-01", 100.0))
    frame = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_values_scores_and_both_namings():
    customers = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5]})
    result = compute_rfm(purchases(), "2024-07-01", customers=customers)
    t = result.table
    assert t.loc[1, ["recency_days", "frequency", "monetary"]].tolist() == [25, 6, 30000.0]
    assert t.loc[3, "recency_days"] == 3
    assert t.loc[1, "rfm_class"] == "重要价值客户"
    assert t.loc[2, "rfm_class"] == "一般挽留客户"
    assert t.loc[3, "rfm_class"] == "重要发展客户"  # recent and big, but only once
    assert t.loc[5, "rfm_class"] == NO_PURCHASE_ZH and t.loc[5, "rfm_segment"] == "no_purchase"
    assert t.loc[5, "frequency"] == 0
    # With four buyers the lowest rank is quintile 2 (ceil(5 * 1/4)): hibernating, not lost.
    assert t.loc[2, "rfm_segment"] == "hibernating"
    assert t.loc[1, "rfm_score"][1] == "5"
    assert result.grid().to_numpy().sum() == 4
    assert set(result.class_sizes().index) == set(CHINESE_CLASSES.values())
    assert result.segment_sizes("zh")["休眠客户"] == 1


def test_ties_share_a_score():
    scores = quintile_scores(pd.Series([1, 1, 1, 1, 1, 1, 2, 3, 9, 9]))
    assert scores.iloc[:6].nunique() == 1
    assert scores.iloc[8] == scores.iloc[9] == 5


def test_customer_sheet_fields_stand_in_without_purchase_lines():
    customers = pd.DataFrame({
        "customer_id": [1, 2, 3],
        "last_purchase": ["2024-06-01", "2023年1月1日", None],
        "orders": ["12", 1, None],
        "total_spent": ["¥12,000.00", "300元", None],
    })
    result = compute_rfm(customers, "2024-07-01")
    assert result.source == "customer_fields"
    t = result.table
    assert t.loc[1, ["recency_days", "frequency", "monetary"]].tolist() == [30, 12, 12000.0]
    assert t.loc[2, "monetary"] == 300.0
    assert t.loc[3, "rfm_segment"] == "no_purchase"


def test_an_order_number_counts_once_per_customer_and_its_first_line_counts():
    # The same number at two customers is two orders; a repeat of a customer's order (even
    # with another amount, as a re-import after an edit) is not; blank numbers are one order.
    frame = pd.DataFrame({
        "customer_id": [1, 2, 1, 1, 3, 3, 3],
        "order_id": ["SO1", "SO1", "SO1", "SO2", None, None, "SO9"],
        "date": pd.to_datetime(["2024-06-01", "2024-06-02", "2024-06-01", "2024-05-01",
                                "2024-01-01", "2024-02-01", "2024-03-01"]),
        "amount": [100.0, 70.0, 999.0, 50.0, 10.0, 20.0, 5.0],
    })
    t = compute_rfm(frame, "2024-07-01").table
    assert t.loc[1, ["frequency", "monetary"]].tolist() == [2, 150.0]
    assert t.loc[2, ["frequency", "monetary"]].tolist() == [1, 70.0]
    assert t.loc[3, ["frequency", "monetary"]].tolist() == [2, 15.0]
