"""Column roles: which canonical field (app.core.fields.ROLE_KEYS) a column holds.

Detected from the header text in Chinese or English first, then from the content when the
header is vague (联系方式, Contact, 其他). Each canonical role goes to one column only; a second
phone or e-mail column (or any later column asking for a taken role) becomes role "extra"
with `alt_of` naming the role it duplicates, so storage can keep it as an alternate phone or
e-mail and nothing is overwritten.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.core.fields import EXTRA, IGNORE, ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP, Notice

UNKNOWN_ROLE = QT_TRANSLATE_NOOP(
    "import", "Mapping for column '{column}' names an unknown role '{role}'; it was kept as an "
    "extra field.")
UNKNOWN_COLUMN = QT_TRANSLATE_NOOP(
    "import", "Mapping names a column '{column}' that this sheet does not have.")

# Exact header words (after normalising: NFKC, lower case, no spaces/punctuation).
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "客户名称", "客户姓名", "客户名", "客户", "联系人", "联系人姓名",
             "name", "fullname", "customername", "customer", "contact", "contactname",
             "contactperson", "客户全名", "会员姓名", "会员名称", "收货人", "姓名称呼"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话", "电话号码", "移动电话", "手机电话",
              "客户手机", "客户电话", "联系手机", "mobile", "mobilephone", "mobileno", "phone",
              "phonenumber", "tel", "telephone", "cell", "cellphone", "mobilenumber", "phoneno"),
    "email": ("邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "客户邮箱", "email", "e-mail",
              "emailaddress", "mail"),
    "company": ("公司", "单位", "公司名称", "单位名称", "工作单位", "企业", "企业名称", "所属公司",
                "客户公司", "company", "companyname", "organization", "organisation", "employer",
                "firm", "business"),
    "city": ("城市", "所在城市", "市", "city", "town"),
    "province": ("省份", "省", "所在省份", "省市", "province", "state", "region"),
    "district": ("区县", "区", "县", "区域", "district", "county"),
    "address": ("地址", "详细地址", "联系地址", "通讯地址", "收货地址", "公司地址", "address",
                "streetaddress", "street"),
    "industry": ("行业", "所属行业", "行业类别", "industry", "sector"),
    "employees": ("员工人数", "员工数", "人数", "公司规模", "规模", "员工规模", "employees",
                  "employeecount", "staff", "headcount", "companysize", "numberofemployees"),
    "first_purchase": ("首次购买日期", "首次购买", "首购日期", "首次下单日期", "首次消费日期",
                       "firstpurchase", "firstpurchasedate", "firstorder", "firstorderdate"),
    "last_purchase": ("最近购买日期", "最近购买", "最后购买日期", "最近下单日期", "最近消费日期",
                      "最后购买", "lastpurchase", "lastpurchasedate", "lastorder",
                      "lastorderdate", "recentpurchase"),
    "orders": ("购买次数", "订单数", "订单数量", "下单次数", "消费次数", "orders", "ordercount",
               "numberoforders", "purchases", "purchasecount"),
    "total_spent": ("消费金额", "累计消费", "累计消费金额", "总消费", "总金额", "消费总额",
                    "购买金额", "totalspent", "totalspend", "spent", "spend", "totalamount",
                    "revenue", "lifetimevalue", "totalpurchases", "amountspent"),
    "consent": ("是否同意营销", "同意营销", "营销同意", "是否接受营销", "订阅", "是否订阅",
                "marketingconsent", "consent", "optin", "subscribed", "newsletter",
                "acceptsmarketing", "emailoptin"),
    "gender": ("性别", "gender", "sex"),
    "birthday": ("生日", "出生日期", "出生年月", "birthday", "birthdate", "dateofbirth", "dob"),
    "notes": ("备注", "说明", "附注", "注释", "备注信息", "notes", "note", "remarks", "remark",
              "comments", "comment", "memo"),
}

# Substrings that settle a role when no exact alias matched (checked in this order, so the
# more specific words win: 公司地址 is an address, 手机号码 a phone).
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("邮箱", "email", "e-mail", "邮件")),
    ("first_purchase", ("首次购买", "首次下单", "firstpurchase", "首购")),
    ("last_purchase", ("最近购买", "最后购买", "lastpurchase", "最近下单")),
    ("total_spent", ("消费金额", "累计消费", "totalspent", "总消费")),
    ("orders", ("购买次数", "订单数", "下单次数")),
    ("consent", ("同意营销", "营销", "consent", "optin")),
    ("address", ("地址", "address")),
    ("phone", ("手机", "电话", "mobile", "phone")),
    ("birthday", ("生日", "出生", "birth")),
    ("employees", ("员工", "employee")),
    ("industry", ("行业", "industry")),
    ("company", ("公司", "单位", "company")),
    ("province", ("省份", "province")),
    ("city", ("城市", "city")),
    ("district", ("区县", "district")),
    ("gender", ("性别", "gender")),
    ("notes", ("备注", "note", "remark", "comment")),
    ("name", ("姓名", "名称", "name")),
)

_NOISE = re.compile(r"[\s_\-:：()（）\[\]【】*#.、/\\]+")
_DUP_SUFFIX = re.compile(r"\s\(\d+\)$")


def normalise_header(text: object) -> str:
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return _NOISE.sub("", _DUP_SUFFIX.sub("", value))


_EXACT = {normalise_header(a): role for role, words in _ALIASES.items() for a in words}
_EXACT["email"] = "email"


def role_from_header(text: object) -> str | None:
    """The canonical role a header names, or None when it says nothing clear."""
    key = normalise_header(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if len(key) > 24:  # a sentence, not a column name
        return None
    for role, parts in _CONTAINS:
        if any(p in key for p in parts):
            return role
    return None


_PHONE_CHARS = re.compile(r"^[+(]?[\d\s()+\-.－—]{7,24}$")
_EMAIL = re.compile(r"^\s*(mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+\s*$", re.IGNORECASE)


def _looks_like_phone(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        digits = str(int(value)) if value == value and abs(value) < 1e16 else ""
        return 7 <= len(digits) <= 13
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    if not _PHONE_CHARS.match(text):
        return False
    digits = sum(ch.isdigit() for ch in text)
    return 7 <= digits <= 15


def _looks_like_email(value: object) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(unicodedata.normalize("NFKC", value)))


def role_from_content(values: list) -> str | None:
    """'phone' or 'email' when most non-empty sample values look like one."""
    filled = [v for v in values if v is not None and v != ""]
    if len(filled) < 3:
        return None
    for role, test in (("email", _looks_like_email), ("phone", _looks_like_phone)):
        if sum(1 for v in filled if test(v)) >= 0.7 * len(filled):
            return role
    return None


@dataclass
class Column:
    """One imported column. `index` is its 0-based position in the row's cells."""

    header: str  # unique display name (a repeated header gets " (2)", " (3)" ...)
    source_header: str  # the header text as read (may repeat, may be empty)
    letter: str  # spreadsheet column letter (A, B, ... AA) or the CSV field number
    role: str  # a ROLE_KEYS key, "extra" or "ignore"
    alt_of: str | None = None  # for role "extra": the canonical role this column repeats
    role_source: str = ""  # "header", "content", "user" or "" (nothing detected)


VALID_ROLES = frozenset(ROLE_KEYS) | {EXTRA, IGNORE}


def assign_roles(columns: list[Column], samples: list[list], mapping: dict | None) -> list[str]:
    """Fill role/alt_of/role_source of `columns` in place; returns warnings.

    `samples` holds sample values per column (for content detection). `mapping` is the
    user's {header: role}; it matches the display header or the header text as read.
    """
    warnings: list[str] = []
    mapping = dict(mapping or {})
    wanted: list[tuple[str | None, str]] = []
    used_keys: set[str] = set()
    for col, values in zip(columns, samples, strict=True):
        user = None
        for key in (col.header, col.source_header):
            if key in mapping:
                user = mapping[key]
                used_keys.add(key)
                break
        if user is not None:
            if user not in VALID_ROLES:
                warnings.append(Notice(UNKNOWN_ROLE, column=col.header, role=user))
                user = EXTRA
            wanted.append((user, "user"))
            continue
        role = role_from_header(col.source_header)
        if role is not None:
            wanted.append((role, "header"))
            continue
        role = role_from_content(values)
        wanted.append((role, "content") if role else (None, ""))
    # User choices claim their roles first; then detected roles in column order.
    taken: dict[str, int] = {}
    order = sorted(range(len(columns)), key=lambda i: (wanted[i][1] != "user", i))
    for i in order:
        role, source = wanted[i]
        col = columns[i]
        col.role_source = source
        col.alt_of = None
        if role in (None, EXTRA, IGNORE):
            col.role = role or EXTRA
            continue
        if role in taken:
            col.role = EXTRA
            col.alt_of = role
        else:
            col.role = role
            taken[role] = i
    for key in mapping:
        if key not in used_keys:
            warnings.append(Notice(UNKNOWN_COLUMN, column=key))
    return warnings
