"""The plain-cell fast paths give exactly what the full normalisers give."""

import pytest

from app.core.export.contacts import (
    email_key,
    fast_email,
    fast_phone,
    is_fake_value,
    normalize_email,
    normalize_phone,
    phone_key,
)

PHONES = ["13800138000", "138 0013 8000", "+86 138-0013-8000", "+8613800138000", 13800138000,
          13800138000.0, "13800000000", "13812345678", "19912345678", "16698032249",
          "11000000000", "12345678901", "+86 16698032249", "14012345678", "13900000001"]
EMAILS = ["wang@qq.com", " Wang.Wei@QQ.COM ", "a.b+c@163.com", "test@test.com", "asdf@asdf.com",
          "user@qq.con", "x@gmial.com", "aaa@163.com", "u1@example", "foo@bar.example",
          "user@exa_mple.com", "john..doe@gmail.com", "noemail@qq.com", "zz@x-y.cn"]


@pytest.mark.parametrize("value", PHONES)
def test_fast_phone_matches_full_path(value):
    fast = fast_phone(value)
    if fast is None:
        return  # not a plain mobile cell: the full path handles it
    strict = normalize_phone(value)
    assert fast == (strict, strict or phone_key(value), bool(is_fake_value("phone", value)))


@pytest.mark.parametrize("value", EMAILS)
def test_fast_email_matches_full_path(value):
    fast = fast_email(value)
    if fast is None:
        return
    strict = normalize_email(value)
    assert fast == (strict, strict or email_key(value), bool(is_fake_value("email", value)))


def test_fast_paths_cover_the_common_cells():
    assert fast_phone("138 0013 8000") == ("+8613800138000", "+8613800138000", False)
    assert fast_email(" Wang.Wei@QQ.COM ") == ("wang.wei@qq.com", "wang.wei@qq.com", False)
    assert fast_phone("020-88888888") is None and fast_email("王@qq.com") is None
