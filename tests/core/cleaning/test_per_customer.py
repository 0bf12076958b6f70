"""A plan's flags and per-customer values, held column-wise, read as the dicts they replace:
a customer's fields in the order they were flagged, an earlier flag kept where a later rule
only adds, and a choice of rules judged on each cell's final reason."""

import numpy as np
import pandas as pd

from app.core.cleaning.per_customer import CustomerValues, FlagSet
from app.core.cleaning.plan import apply_plan, suggest_fixes


def test_a_customers_flags_keep_the_order_they_were_found_in():
    flags = FlagSet()
    flags.add_reasons("email", [7, 3], ["invalid", "fake"])
    flags.add_reasons("phone", [3, 9], ["shared:3", "shared:3"], replace=False)
    flags.add_reasons("email", [3], ["shared:4"], replace=False)  # flagged already: kept
    flags.add_reasons("name", [7], ["fake"])
    flags.add_reasons("name", [7], ["placeholder"])  # a rule that sets the cell again wins
    assert list(flags[3].items()) == [("email", "fake"), ("phone", "shared:3")]
    assert list(flags[7].items()) == [("email", "invalid"), ("name", "placeholder")]
    assert [cid for cid, _ in flags.items()] == [3, 7, 9] and len(flags) == 3
    ids, dicts = flags.between(4, 9)
    assert ids.tolist() == [7, 9] and dicts == [flags[7], {"phone": "shared:3"}]
    assert flags.get(5) is None and 5 not in flags and flags.get(5, {}) == {}


def test_choosing_rules_keeps_the_flags_of_those_rules_only():
    flags = FlagSet()
    flags.add_reasons("phone", [1, 2], ["fake", "invalid"])
    flags.add_reasons("phone", [1, 3], ["shared:5", "shared:5"], replace=False)
    shared = flags.only(lambda reason: reason.startswith("shared:"))
    # Customer 1's phone stays "fake" (its first flag), so choosing the shared rule alone
    # leaves it out; customer 3 was only shared.
    assert dict(shared.items()) == {3: {"phone": "shared:5"}}
    assert not flags.only(lambda reason: False)


def test_customer_values_take_the_last_value_given():
    values = CustomerValues()
    values.add([5, 2], np.array(["先生", "女士"], dtype=object))
    values.add([5], np.array(["Mr."], dtype=object))
    assert dict(values.items()) == {2: "女士", 5: "Mr."} and values[5] == "Mr."
    assert values == {2: "女士", 5: "Mr."} and 3 not in values and len(values) == 2
    lists = CustomerValues.from_dict({4: ["+8613700001234"]})
    ids, found = lists.between(0, 10)
    assert ids.tolist() == [4] and found[0] == ["+8613700001234"]


def test_a_cleaned_customer_shows_an_invalid_email_before_a_shared_phone():
    rows = [(1, "王伟", "13912345678", "not an address"), (2, "陈静", "13912345678", "c@qq.com"),
            (3, "刘洋", "13912345678", "l@qq.com"), (4, "赵敏", "12", "z@qq.com")]
    customers = pd.DataFrame(rows, columns=["customer_id", "name", "phone", "email"]).astype(object)
    out = apply_plan(customers, suggest_fixes(customers)).set_index("customer_id")
    # The e-mail was judged before the phone was found shared: the flags read in that order.
    assert list(out.loc[1, "flags"].items()) == [("email", "invalid"), ("phone", "shared:3")]
    assert out.loc[2, "flags"] == {"phone": "shared:3"}
    assert "phone" in out.loc[4, "flags"]  # phones were flagged before any e-mail
