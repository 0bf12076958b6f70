"""Fake and placeholder values typed to get past a form (test@test.com, 13800000000, 张三, N/A)."""

from __future__ import annotations

import re

from app.core.cleaning.text import clean_text

FAKE = "fake"
PLACEHOLDER = "placeholder"

# Words that mean "nothing here" in any column.
NOTHING_WORDS = {
    "n/a", "na", "n.a.", "none", "null", "nil", "-", "--", "---", "/", ".", "?", "??", "x", "xx",
    "xxx", "无", "没有", "暂无", "不详", "未知", "不知道", "空", "#n/a", "0",
}
# Keyboard mashing and test words.
TEST_WORDS = {
    "test", "testing", "tester", "asdf", "asdfg", "qwer", "qwerty", "aaa", "abc", "abcd", "demo",
    "sample", "dummy", "foo", "bar", "foobar", "测试", "测试一下", "test1", "test123", "123",
    "1234", "12345", "123456", "aaaa", "sdf", "qwe", "zxc", "haha", "哈哈",
}
PLACEHOLDER_NAMES = {"张三", "李四", "王五", "赵六", "某某", "某人", "无名", "匿名", "客户", "先生",
                     "女士", "john doe", "jane doe", "mr test", "test user"}
# A company cell saying "private buyer": a placeholder rather than junk.
PRIVATE_BUYER = {"个人", "个体", "私人", "自由职业", "无", "-", "n/a", "na", "none", "/", "暂无",
                 "asdf", "--"}
TEST_COMPANIES = {"测试公司", "测试", "test", "test company", "test co", "xx公司", "某公司", "abc公司",
                  "abc company", "xxx公司"}
FAKE_EMAIL_LOCALS = {"test", "testing", "asdf", "abc", "123", "1234", "123456", "aaa", "a", "xx",
                     "xxx", "none", "null", "no", "noemail", "nomail", "fake", "demo", "sample",
                     "qwerty", "foo"}
FAKE_EMAIL_DOMAINS = {"test.com", "example.com", "example.org", "example.net", "example.cn",
                      "test.cn", "asdf.com", "123.com", "abc.com", "xxx.com", "none.com",
                      "email.com", "mailinator.com", "fake.com"}


# One character throughout (00000), or a valid prefix with a constant tail of 7 or more
# (1 3 8 + eight zeros); one regex, not three tests: this runs once per phone of a million.
_CONSTANT = re.compile(r"(.)\1*|1\d{2}(\d)\2{7}|1\d(\d)\3{8}", re.DOTALL)
_NOT_NAME = re.compile(r"[\d\W_]+")
_LETTERS = re.compile(r"[a-z\u4e00-\u9fff]")
_FIVE_DIGITS = re.compile(r"\d{5}")
_NON_DIGITS = re.compile(r"\D")
_SEVERAL = re.compile(r"[;,/、|]|\s{2,}")
_REPEATED = re.compile(r"(.)\1+")

TEXT_FIELDS = {"name", "phone", "email", "company", "city", "province", "district", "address",
               "industry"}


def fake_phone_digits(digits: str) -> bool:
    """Repeated, sequential or 'prefix then one repeated digit' numbers (13800000000)."""
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return (len(digits) < 5 or _CONSTANT.fullmatch(digits) is not None
            or digits in "01234567890123456789" or digits in "98765432109876543210")


def is_fake(field: str, value: object) -> str | None:
    """'fake' or 'placeholder' when `value` is not a real value for `field`, else None."""
    if field not in TEXT_FIELDS:
        return None  # 0 orders or an N/A consent are real answers, not fakes
    text = clean_text(value)
    if text is None:
        return None
    low = text.lower()
    if field == "company":
        if low in TEST_COMPANIES or low in ("test", "测试"):
            return FAKE
        if low in PRIVATE_BUYER or low in NOTHING_WORDS:
            return PLACEHOLDER
        return None
    if low in NOTHING_WORDS or low in TEST_WORDS:
        return FAKE
    if field == "name":
        return FAKE if low in PLACEHOLDER_NAMES or _NOT_NAME.fullmatch(low) else None
    if field == "phone":
        if _LETTERS.search(low) and not _FIVE_DIGITS.search(low):
            return FAKE
        digits = _NON_DIGITS.sub("", low)
        if len(digits) >= 7 and not _SEVERAL.search(text) and fake_phone_digits(digits):
            return FAKE
        return None
    if field == "email":
        local, _, domain = low.strip(" <>;").removeprefix("mailto:").partition("@")
        if not domain:
            return None
        return FAKE if fake_email_parts(local, domain) else None
    return None


def fake_email_parts(local: str, domain: str) -> bool:
    """An address's lower-cased parts say it is made up: a test domain, a test or mashed
    local part (aaa@), or the same word twice (asdf@asdf.com, 123@123.com)."""
    return fake_email_domain(domain) or fake_email_local(local, domain.split(".")[0])


def fake_email_domain(domain: str) -> bool:
    return domain in FAKE_EMAIL_DOMAINS or domain.endswith((".example", ".invalid", ".test"))


def fake_email_local(local: str, domain_name: str) -> bool:
    """`domain_name`: the domain's first label (asdf of asdf.com)."""
    return local in FAKE_EMAIL_LOCALS or _REPEATED.fullmatch(local) is not None or (
        local == domain_name)
