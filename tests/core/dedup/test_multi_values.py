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


def _similarity_in_one_go(strings, i, j, scorer):
    """The plain version _similarity replaced (whole-array fancy indexing held the GIL)."""
    from app.core.dedup.compare import cpdist

    a, b = strings[i], strings[j]
    present = np.array([x is not None and y is not None for x, y in zip(a, b, strict=True)],
                       dtype=bool)
    out = np.full(len(a), np.nan)
    if present.any():
        out[present] = cpdist(a[present], b[present], scorer)
    return out


def test_similarity_by_slices_equals_in_one_go(monkeypatch):
    from rapidfuzz.distance import JaroWinkler

    import app.core.dedup.compare as compare

    monkeypatch.setattr(compare, "CPDIST_SLICE", 7)
    rng = np.random.default_rng(5)
    strings = np.array([None, "zhang wei", "wei zhang", "li na", "lina", None, "wang fang"],
                       dtype=object)
    i, j = rng.integers(0, len(strings), 60), rng.integers(0, len(strings), 60)
    scorer = JaroWinkler.normalized_similarity
    got = compare._similarity(strings, i, j, scorer)
    np.testing.assert_array_equal(got, _similarity_in_one_go(strings, i, j, scorer))
    assert np.isnan(got).any() and (got == 1.0).any()
    assert len(compare._similarity(strings, i[:0], j[:0], scorer)) == 0
