import pandas as pd

from app.core.cleaning.profile import profile


def test_top_values_most_common_first_and_first_seen_first_among_equals():
    cities = ["Wuhan", "Xian", "Xian", "Dalian", "Wuhan", "Hefei", "Jinan", "Xian", "Lhasa",
              "Dalian", "Nanjing"]
    frame = pd.DataFrame({"customer_id": range(1, len(cities) + 1), "city": cities})
    top = profile(frame).column("city").top_values
    assert top == [("Xian", 3), ("Wuhan", 2), ("Dalian", 2), ("Hefei", 1), ("Jinan", 1)]
