"""suggest_fixes: every normaliser run over the customers table, as a plan to preview and apply.

Normalisers run once per distinct value (a million rows hold far fewer distinct cells), and
the plan lists each cell change with its rule (column-wise, see FieldChanges), so storage can apply it in one transaction with
before-images, and the GUI can show counts and examples per rule before anything happens.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

import pandas as pd

from app.core.cleaning import rules as R
from app.core.cleaning.companies import canonical_companies
from app.core.cleaning.company import clean_company
from app.core.cleaning.email import normalize_email
from app.core.cleaning.fake import FAKE, PLACEHOLDER, is_fake
from app.core.cleaning.geo import normalize_city, normalize_province, split_address
from app.core.cleaning.names import normalize_name
from app.core.cleaning.phone import normalize_phone, phones_in_text
from app.core.cleaning.text import clean_text
from app.core.cleaning.values import (
    infer_date_order,
    normalize_industry,
    parse_consent,
    parse_count,
    parse_date,
    parse_employees,
    parse_money,
)
from app.core.progress import ProgressFn, check_cancel, no_progress

DATE_FIELDS = ("first_purchase", "last_purchase", "birthday")
EXAMPLES = 5


@dataclass
class Change:
    """One cell's change, as the previews show it (built on demand from FieldChanges)."""
    customer_id: int
    field: str
    old: object
    new: object
    rule_id: str


RULE_CODE = {rule_id: code for code, rule_id in enumerate(R.ORDER)}


@dataclass
class FieldChanges:
    """Every change to one field, column-wise: parallel arrays with one entry per changed cell.

    A million-row plan holds millions of changes; a Change object per cell costs ~200 bytes,
    these arrays ~25 (old/new are references to values the DataFrame or the normaliser's
    memo already holds)."""
    field: str
    customer_ids: array = dc_field(default_factory=lambda: array("q"))
    old: list = dc_field(default_factory=list)
    new: list = dc_field(default_factory=list)
    rules: array = dc_field(default_factory=lambda: array("b"))  # codes into R.ORDER

    def __len__(self) -> int:
        return len(self.customer_ids)

    def append(self, cid: int, old: object, new: object, rule_id: str) -> None:
        self.customer_ids.append(cid)
        self.old.append(old)
        self.new.append(new)
        self.rules.append(RULE_CODE[rule_id])

    def rule_id(self, i: int) -> str:
        return R.ORDER[self.rules[i]]

    def change(self, i: int) -> Change:
        return Change(self.customer_ids[i], self.field, self.old[i], self.new[i], self.rule_id(i))

    def select(self, keep_codes: set[int]) -> FieldChanges:
        picked = [i for i, code in enumerate(self.rules) if code in keep_codes]
        if len(picked) == len(self):
            return self
        return FieldChanges(self.field, array("q", (self.customer_ids[i] for i in picked)),
                            [self.old[i] for i in picked], [self.new[i] for i in picked],
                            array("b", (self.rules[i] for i in picked)))


class ChangeView(Sequence):
    """plan.changes: all changes, field by field, as Change objects made on demand."""

    def __init__(self, columns: dict[str, FieldChanges]) -> None:
        self._columns = columns

    def __len__(self) -> int:
        return sum(len(c) for c in self._columns.values())

    def __iter__(self) -> Iterator[Change]:
        for column in self._columns.values():
            for i in range(len(column)):
                yield column.change(i)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(itertools.islice(self, *index.indices(len(self))))
        if index < 0:
            index += len(self)
        for column in self._columns.values():
            if index < len(column):
                return column.change(index)
            index -= len(column)
        raise IndexError(index)


@dataclass
class RuleSummary:
    rule_id: str
    field: str
    label: str  # English, QT_TRANSLATE_NOOP("cleaning", ...)
    count: int = 0
    examples: list[tuple[object, object]] = dc_field(default_factory=list)


@dataclass
class Suggestion:
    """Offered, never applied by apply_plan: e.g. a phone number found in the notes."""
    customer_id: int
    field: str
    value: object
    rule_id: str


@dataclass
class CleaningPlan:
    rules: list[RuleSummary] = dc_field(default_factory=list)
    columns: dict[str, FieldChanges] = dc_field(default_factory=dict)  # field -> its changes
    flags: dict[int, dict[str, str]] = dc_field(default_factory=dict)  # customer -> field -> reason
    alt_phones: dict[int, list[str]] = dc_field(default_factory=dict)
    alt_emails: dict[int, list[str]] = dc_field(default_factory=dict)
    salutation: dict[int, str] = dc_field(default_factory=dict)
    suggestions: list[Suggestion] = dc_field(default_factory=list)

    @property
    def changes(self) -> ChangeView:
        return ChangeView(self.columns)

    def add_change(self, cid: int, fieldname: str, old: object, new: object,
                   rule_id: str) -> None:
        column = self.columns.get(fieldname)
        if column is None:
            column = self.columns[fieldname] = FieldChanges(fieldname)
        column.append(cid, old, new, rule_id)

    def changes_for(self, rule_id: str, limit: int | None = None) -> list[Change]:
        """The changes one rule makes (the preview table), at most `limit`."""
        code = RULE_CODE[rule_id]
        out: list[Change] = []
        for column in self.columns.values():
            for i, c in enumerate(column.rules):
                if c == code:
                    out.append(column.change(i))
                    if limit is not None and len(out) >= limit:
                        return out
        return out

    def is_empty(self) -> bool:
        return not (any(len(c) for c in self.columns.values()) or self.flags or self.alt_phones
                    or self.alt_emails or self.salutation)

    def counts(self) -> dict[str, int]:
        return {r.rule_id: r.count for r in self.rules}

    def only(self, rule_ids: Sequence[str]) -> CleaningPlan:
        """The same plan restricted to some rules (flags follow the rules that set them)."""
        keep = set(rule_ids)
        codes = {RULE_CODE[r] for r in keep if r in RULE_CODE}
        columns = {}
        for name, column in self.columns.items():
            picked = column.select(codes)
            if len(picked):
                columns[name] = picked
        flags: dict[int, dict[str, str]] = {}
        if self.flags:
            for name, column in columns.items():
                for cid in column.customer_ids:
                    reason = self.flags.get(cid, {}).get(name)
                    if reason:
                        flags.setdefault(cid, {})[name] = reason
        return CleaningPlan([r for r in self.rules if r.rule_id in keep], columns, flags,
                            self.alt_phones if R.PHONE_SPLIT in keep else {},
                            self.alt_emails if R.EMAIL_SPLIT in keep else {},
                            self.salutation if R.NAME_SALUTATION in keep else {},
                            [s for s in self.suggestions if s.rule_id in keep])


def _same(a: object, b: object) -> bool:
    if a is None or (isinstance(a, float) and a != a):
        return b is None
    if isinstance(b, bool) and isinstance(a, int | float) and not isinstance(a, bool):
        # SQLite stores a bool as 0/1 (and pandas reads a column with blanks as floats): a 0/1
        # read back is already the clean value.
        return a in (0, 1) and bool(a) is b
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        # 3.0 and 3 are the same count once stored; pandas turns ints with blanks into floats.
        return not isinstance(b, bool) and float(a) == float(b)
    return a == b and type(a) is type(b)


class _Builder:
    def __init__(self, only: set[str] | None) -> None:
        self.plan = CleaningPlan()
        self.only = only
        self._rules: dict[str, RuleSummary] = {}

    def wanted(self, rule_id: str) -> bool:
        return self.only is None or rule_id in self.only

    def change(self, cid: int, fieldname: str, old: object, new: object, rule_id: str) -> bool:
        if not self.wanted(rule_id) or _same(old, new):
            return False
        if isinstance(old, float) and old != old:
            old = None  # pandas' NaN for a blank cell: show and store it as blank
        self.plan.add_change(cid, fieldname, old, new, rule_id)
        summary = self._rules.get(rule_id)
        if summary is None:
            summary = self._rules[rule_id] = RuleSummary(rule_id, fieldname, R.LABELS[rule_id])
        summary.count += 1
        if len(summary.examples) < EXAMPLES and (old, new) not in summary.examples:
            summary.examples.append((old, new))
        return True

    def flag(self, cid: int, fieldname: str, reason: str, rule_id: str, old: object) -> None:
        if not self.wanted(rule_id):
            return
        self.plan.flags.setdefault(cid, {})[fieldname] = reason
        if not self.change(cid, fieldname, old, None, rule_id):
            summary = self._rules.setdefault(
                rule_id, RuleSummary(rule_id, fieldname, R.LABELS[rule_id]))
            summary.count += 1

    def finish(self) -> CleaningPlan:
        self.plan.rules = sorted(self._rules.values(), key=lambda r: (R.ORDER.index(r.rule_id)
                                 if r.rule_id in R.ORDER else 99, r.field))
        return self.plan


def _column(df: pd.DataFrame, name: str) -> list:
    return df[name].tolist() if name in df.columns else []


def _memo(fn: Callable) -> Callable:
    cache: dict = {}

    def run(value):
        key = (type(value), value) if not isinstance(value, list | dict) else None
        if key is None:
            return fn(value)
        try:
            return cache[key]
        except KeyError:
            cache[key] = result = fn(value)
            return result
        except TypeError:
            return fn(value)

    return run


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (
        isinstance(value, str) and not value.strip())


def suggest_fixes(customers: pd.DataFrame, *, region: str = "CN", date_order: str | None = None,
                  only: Sequence[str] | None = None, progress: ProgressFn | None = None,
                  cancel=None) -> CleaningPlan:
    progress = progress or no_progress
    b = _Builder(set(only) if only else None)
    ids = [int(x) for x in customers["customer_id"].tolist()]
    steps = ["name", "phone", "email", "company", "city", "province", "address", "industry",
             "employees", "dates", "orders", "total_spent", "consent", "notes"]

    def step(i: int, label: str) -> None:
        check_cancel(cancel)
        progress(i / len(steps), label)

    step(0, "name")
    names = _column(customers, "name")
    norm_name = _memo(normalize_name)
    fake_name = _memo(lambda v: is_fake("name", v))
    for cid, old in zip(ids, names, strict=False):
        if _blank(old):
            continue
        reason = fake_name(old)
        if reason:
            b.flag(cid, "name", reason, R.FAKE_BLANK, old)
            continue
        result = norm_name(old)
        if result.salutation and b.wanted(R.NAME_SALUTATION):
            b.plan.salutation[cid] = result.salutation
            b.change(cid, "name", old, result.name, R.NAME_SALUTATION)
        else:
            b.change(cid, "name", old, result.name, R.NAME_TIDY)

    step(1, "phone")
    norm_phone = _memo(lambda v: normalize_phone(v, region))
    for cid, old in zip(ids, _column(customers, "phone"), strict=False):
        if _blank(old):
            continue
        result = norm_phone(old)
        if result.reason in (FAKE, PLACEHOLDER):
            b.flag(cid, "phone", result.reason, R.FAKE_BLANK, old)
        elif not result.valid:
            b.flag(cid, "phone", "invalid", R.INVALID_BLANK, old)
        else:
            rule = R.PHONE_SPLIT if result.alternates else R.PHONE_E164
            if result.alternates and b.wanted(R.PHONE_SPLIT):
                b.plan.alt_phones[cid] = list(result.alternates)
            new = result.e164 + (f";ext={result.extension}" if result.extension else "")
            b.change(cid, "phone", old, new, rule)

    step(2, "email")
    norm_email = _memo(normalize_email)
    for cid, old in zip(ids, _column(customers, "email"), strict=False):
        if _blank(old):
            continue
        result = norm_email(old)
        if result.reason == FAKE:
            b.flag(cid, "email", FAKE, R.FAKE_BLANK, old)
        elif not result.valid:
            b.flag(cid, "email", "invalid", R.INVALID_BLANK, old)
        elif result.suggestion:
            b.change(cid, "email", old, result.suggestion, R.EMAIL_TYPO)
        else:
            b.change(cid, "email", old, result.email, R.EMAIL_TIDY)

    step(3, "company")
    companies = _column(customers, "company")
    cities = _column(customers, "city") or [None] * len(ids)
    if companies:
        fake_company = _memo(lambda v: is_fake("company", v))
        city_name = _memo(lambda v: normalize_city(v).city)
        canon = canonical_companies(companies, [city_name(c) for c in cities])
        for i, (cid, old) in enumerate(zip(ids, companies, strict=False)):
            if _blank(old):
                continue
            reason = fake_company(old)
            if reason:
                b.flag(cid, "company", reason, R.FAKE_BLANK, old)
                continue
            tidy = clean_company(old)
            best = canon[i]
            if best and best != tidy:
                b.change(cid, "company", old, best, R.COMPANY_CANONICAL)
            else:
                b.change(cid, "company", old, tidy, R.TEXT_TIDY)

    step(4, "city")
    norm_city = _memo(normalize_city)
    city_of: dict[int, object] = {}
    for cid, old in zip(ids, _column(customers, "city"), strict=False):
        if _blank(old):
            continue
        result = norm_city(old)
        if result.reason in (FAKE, PLACEHOLDER):
            b.flag(cid, "city", result.reason, R.FAKE_BLANK, old)
            continue
        city_of[cid] = result
        b.change(cid, "city", old, result.city, R.CITY_CANONICAL)

    step(5, "province")
    norm_prov = _memo(normalize_province)
    if "province" in customers.columns:
        for cid, old in zip(ids, customers["province"].tolist(), strict=False):
            city = city_of.get(cid)
            if _blank(old):
                if city is not None and city.province:
                    b.change(cid, "province", old, city.province, R.PROVINCE_FROM_CITY)
                continue
            new = norm_prov(old)
            if new is None:
                b.flag(cid, "province", FAKE, R.FAKE_BLANK, old)
            else:
                b.change(cid, "province", old, new, R.PROVINCE_CANONICAL)

    step(6, "address")
    if "address" in customers.columns:
        have = {f: _column(customers, f) for f in ("province", "city", "district")}
        split = _memo(split_address)
        for i, (cid, old) in enumerate(zip(ids, customers["address"].tolist(), strict=False)):
            if _blank(old):
                continue
            b.change(cid, "address", old, clean_text(old), R.TEXT_TIDY)
            parts = split(old)
            for fieldname, value in (("province", parts.province), ("city", parts.city),
                                     ("district", parts.district)):
                column = have[fieldname]
                current = column[i] if column else None
                if value and _blank(current) and not (fieldname == "city" and cid in city_of):
                    b.change(cid, fieldname, current, value, R.ADDRESS_SPLIT)

    step(7, "industry")
    norm_ind = _memo(normalize_industry)
    for cid, old in zip(ids, _column(customers, "industry"), strict=False):
        if not _blank(old):
            b.change(cid, "industry", old, norm_ind(old), R.INDUSTRY_CANONICAL)

    step(8, "employees")
    emp = _memo(lambda v: parse_employees(v))
    for cid, old in zip(ids, _column(customers, "employees"), strict=False):
        if _blank(old):
            continue
        new = emp(old)
        if new is None:
            b.flag(cid, "employees", "invalid", R.INVALID_BLANK, old)
        elif not (isinstance(old, int) and old == new):
            b.change(cid, "employees", old, new, R.EMPLOYEES_PARSE)

    step(9, "dates")
    for fieldname in DATE_FIELDS:
        column = _column(customers, fieldname)
        order = date_order or infer_date_order(v for v in set(map(str, column)))
        parse = _memo(lambda v, order=order: parse_date(v, order))
        for cid, old in zip(ids, column, strict=False):
            if _blank(old):
                continue
            result = parse(old)
            if result.iso is None:
                b.flag(cid, fieldname, "invalid", R.INVALID_BLANK, old)
            else:
                b.change(cid, fieldname, old, result.iso, R.DATE_ISO)

    step(10, "orders")
    for cid, old in zip(ids, _column(customers, "orders"), strict=False):
        if _blank(old):
            continue
        new = parse_count(old)
        if new is None:
            b.flag(cid, "orders", "invalid", R.INVALID_BLANK, old)
        else:
            b.change(cid, "orders", old, new, R.NUMBER_PARSE)

    step(11, "total_spent")
    money = _memo(parse_money)
    for cid, old in zip(ids, _column(customers, "total_spent"), strict=False):
        if _blank(old):
            continue
        result = money(old)
        if result.amount is None:
            b.flag(cid, "total_spent", "invalid", R.INVALID_BLANK, old)
        else:
            b.change(cid, "total_spent", old, result.amount, R.MONEY_PARSE)

    step(12, "consent")
    for cid, old in zip(ids, _column(customers, "consent"), strict=False):
        if not _blank(old):
            b.change(cid, "consent", old, parse_consent(old), R.CONSENT_PARSE)

    step(13, "notes")
    if "notes" in customers.columns and b.wanted(R.PHONE_FROM_NOTES):
        phones = _column(customers, "phone")
        for i, (cid, note) in enumerate(zip(ids, customers["notes"].tolist(), strict=False)):
            if _blank(note):
                continue
            current = norm_phone(phones[i]).e164 if phones and not _blank(phones[i]) else None
            for found in phones_in_text(note, region):
                if found != current:
                    b.plan.suggestions.append(Suggestion(cid, "phone", found, R.PHONE_FROM_NOTES))
            b.change(cid, "notes", note, clean_text(note), R.TEXT_TIDY)
    progress(1.0, "done")
    return b.finish()


def apply_plan(customers: pd.DataFrame, plan: CleaningPlan) -> pd.DataFrame:
    """A cleaned copy of `customers` (what storage does inside its transaction, for tests and
    previews). Flags, alternates and salutations are merged into their columns."""
    out = customers.copy()
    row_of = {int(cid): i for i, cid in enumerate(out["customer_id"].tolist())}
    columns: dict[str, list] = {}
    for name, column in plan.columns.items():
        values = columns[name] = (out[name].astype(object).tolist() if name in out.columns
                                  else [None] * len(out))
        for cid, new in zip(column.customer_ids, column.new, strict=True):
            values[row_of[cid]] = new
    for name, values in columns.items():
        out[name] = pd.Series(values, index=out.index, dtype=object)
    for name, updates, empty in (("flags", plan.flags, dict), ("alt_phones", plan.alt_phones, list),
                                 ("alt_emails", plan.alt_emails, list)):
        current = out[name].tolist() if name in out.columns else [empty() for _ in range(len(out))]
        for cid, value in updates.items():
            base = current[row_of[cid]] or empty()
            current[row_of[cid]] = {**base, **value} if empty is dict else list(
                dict.fromkeys([*base, *value]))
        out[name] = pd.Series(current, index=out.index, dtype=object)
    salutations = out["salutation"].tolist() if "salutation" in out.columns else [None] * len(out)
    for cid, value in plan.salutation.items():
        salutations[row_of[cid]] = value
    out["salutation"] = pd.Series(salutations, index=out.index, dtype=object)
    return out
