"""Check's distinct count and top values: counted as the user sees them (3 and 3.0 one value,
a band by its text), whatever mix of cells a column holds, without a dict of every value."""

from __future__ import annotations

import heapq

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.cleaning.profile import profile

CELL = st.one_of(
    st.sampled_from(["广州", "上海", "3", "3.0", "[50, 199]", "True", "", "  "]),
    st.text(alphabet="ab12 ", max_size=3),
    st.integers(-3, 3), st.sampled_from([3.0, 0.0, -0.0, 1.5, float("nan")]), st.booleans(),
    st.sampled_from([[50, 199], [1, 9]]), st.none(),
)


def _expected(cells: list) -> tuple[int, list[tuple[str, int]]]:
    """What a dict keyed by the cells (in order) counts: the definition of the figures."""
    distinct: dict = {}
    for v in cells:
        if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
            continue
        key = str(v) if isinstance(v, list | dict) else v
        distinct[key] = distinct.get(key, 0) + 1
    top = heapq.nlargest(5, distinct.items(), key=lambda kv: kv[1])
    return len(distinct), [(str(k), c) for k, c in top]


@settings(max_examples=150, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=40))
def test_distinct_and_top_count_what_the_user_sees(cells):
    frame = pd.DataFrame({"customer_id": range(len(cells)),
                          "industry": pd.Series(cells, dtype=object)})
    column = profile(frame).column("industry")
    distinct, top = _expected(cells)
    assert column.distinct == distinct
    assert [c for _, c in column.top_values] == [c for _, c in top]
    assert column.top_values == top
