import numpy as np
import pandas as pd

from app.core.dedup.keys import _multi


def _multi_by_value_counts(long: pd.DataFrame) -> dict[int, frozenset[int]]:
    """The plain pandas version _multi replaced (value_counts + isin held the GIL)."""
    counts = long["row"].value_counts()
    many = counts.index[counts > 1]
    sub = long[long["row"].isin(many)]
    return {int(r): frozenset(g.tolist()) for r, g in sub.groupby("row")["code"]}


def test_rows_with_several_phones_or_emails_are_the_same_as_with_value_counts():
    rng = np.random.default_rng(3)
    rows = np.sort(rng.integers(0, 5_000, 12_000))
    long = pd.DataFrame({"row": rows, "code": rng.integers(0, 900, len(rows))}).drop_duplicates()
    got = _multi(long)
    assert got == _multi_by_value_counts(long)
    assert list(got) == sorted(got) and len(got) > 100  # a customer with 2+ numbers is listed
    one = long.drop_duplicates("row")
    assert _multi(one) == {}
    assert _multi(long.iloc[:0]) == {}
