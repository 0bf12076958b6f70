"""Phones outside mainland China: a number must be valid for the user's region (or written in
international form); a bare 11-digit mainland mobile in a Hong Kong, Macao or Taiwan list is
read as +86, not as a long local number."""

import pytest

from app.core.cleaning.phone import normalize_phone


@pytest.mark.parametrize("region", ["HK", "MO", "TW"])
def test_a_mainland_mobile_in_a_greater_china_list_is_read_as_one(region):
    result = normalize_phone("139 1234 5678", region=region)
    assert (result.e164, result.valid, result.kind) == ("+8613912345678", True, "mobile")


@pytest.mark.parametrize("region", ["US", "DE", "JP", "SG", "GB"])
def test_a_number_of_no_valid_form_in_the_region_is_not_valid(region):
    # It used to be "valid" as +1 3912345678, +49 13912345678 … because its length was possible.
    assert not normalize_phone("13912345678", region=region).valid


def test_local_and_international_numbers_still_read():
    assert normalize_phone("9123 4567", region="HK").e164 == "+85291234567"
    assert normalize_phone("(415) 555-2671", region="US").e164 == "+14155552671"
    assert normalize_phone("020-8888 8888", region="CN").kind == "landline"
    kept = normalize_phone("+44 7635 790557", region="CN")  # as the user wrote it
    assert (kept.e164, kept.valid) == ("+447635790557", True)


def test_a_mobile_prefix_decides_what_the_full_parse_says():
    """The fast path answers for every mobile under a MOBILE_PREFIX-digit prefix from one
    sample; libphonenumber's own parse of other numbers under that prefix must agree
    (valid or not, mobile or not), including the ranges that turn on a fifth digit."""
    import random

    from app.core.cleaning.phone import MOBILE_PREFIX, _parse_one, normalize_phone

    rng = random.Random(5)
    prefixes = ["174000", "174059", "174060", "161000", "165000", "162999", "199999", "192000"]
    prefixes += [f"1{rng.randint(3, 9)}{rng.randrange(10 ** 4):04d}" for _ in range(400)]
    for prefix in prefixes:
        assert len(prefix) == MOBILE_PREFIX
        for _ in range(2):
            number = prefix + f"{rng.randrange(10 ** (11 - MOBILE_PREFIX)):0{11 - MOBILE_PREFIX}d}"
            full = _parse_one(number, "CN")
            if full.reason == "fake":
                continue
            fast = normalize_phone(number)
            assert (fast.valid, fast.kind) == (full.valid, full.kind), number
