"""suggest_fixes: every normaliser run over the customers table, as a plan to preview and apply.

Normalisers run once per distinct value (a million rows hold far fewer distinct cells), and
the plan lists each cell change with its rule (column-wise, see FieldChanges), so storage can apply it in one transaction with
before-images, and the GUI can show counts and examples per rule before anything happens.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein

from app.core.arrays import take, unique_sorted
from app.core.cleaning import rules as R
from app.core.cleaning.cache import Column, ValueCache, factorize, is_blank
from app.core.cleaning.companies import _canonical
from app.core.cleaning.company import clean_company
from app.core.cleaning.email import EmailColumns, normalize_emails
from app.core.cleaning.fake import FAKE, PLACEHOLDER, is_fake
from app.core.cleaning.geo import normalize_city, normalize_province, split_address
from app.core.cleaning.keys import pinyin_key
from app.core.cleaning.names import normalize_name
from app.core.cleaning.per_customer import CustomerValues, FlagSet
from app.core.cleaning.phone import normalize_phone, phones_in_text
from app.core.cleaning.text import clean_text, has_cjk
from app.core.cleaning.values import (
    infer_date_order,
    normalize_industry,
    parse_consent,
    parse_count,
    parse_date,
    parse_employees,
    parse_money,
)
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

FAKE_LABELS = {
    "blank": R.LABELS[R.FAKE_BLANK],
    "keep": QT_TRANSLATE_NOOP("cleaning", "Flag fake and placeholder values (keep them)"),
    "exclude": QT_TRANSLATE_NOOP("cleaning", "Exclude customers with fake or placeholder values"),
}
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


def objects(values, n: int | None = None) -> np.ndarray:
    """A 1-D object array (lists stay elements: np.array would make them a second axis)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    values = list(values) if n is None else values
    return np.fromiter(values, dtype=object, count=len(values) if n is None else n)


@dataclass
class FieldChanges:
    """Every change to one field, column-wise: parallel arrays with one entry per changed cell.

    A million-row plan holds millions of changes; a Change object per cell costs ~200 bytes,
    these arrays ~25 (old/new are references to the distinct values the normalisers made)."""
    field: str
    customer_ids: np.ndarray = dc_field(default_factory=lambda: np.empty(0, np.int64))
    old: np.ndarray = dc_field(default_factory=lambda: np.empty(0, object))
    new: np.ndarray = dc_field(default_factory=lambda: np.empty(0, object))
    rules: np.ndarray = dc_field(default_factory=lambda: np.empty(0, np.int8))  # codes into R.ORDER

    def __len__(self) -> int:
        return len(self.customer_ids)

    def extend(self, ids, old, new, rules) -> None:
        self.customer_ids = _joined(self.customer_ids, np.asarray(ids, np.int64))
        self.old = _joined(self.old, old if _is_objects(old) else objects(old))
        self.new = _joined(self.new, new if _is_objects(new) else objects(new))
        self.rules = _joined(self.rules, np.asarray(rules, np.int8))

    def append(self, cid: int, old: object, new: object, rule_id: str) -> None:
        self.extend([cid], objects([old]), objects([new]), [RULE_CODE[rule_id]])

    def rule_id(self, i: int) -> str:
        return R.ORDER[self.rules[i]]

    def change(self, i: int) -> Change:
        return Change(int(self.customer_ids[i]), self.field, self.old[i], self.new[i],
                      self.rule_id(i))

    def select(self, keep_codes: set[int]) -> FieldChanges:
        picked = np.isin(self.rules, np.fromiter(keep_codes, np.int64, len(keep_codes)))
        if picked.all():
            return self
        return FieldChanges(self.field, self.customer_ids[picked], self.old[picked],
                            self.new[picked], self.rules[picked])


def _is_objects(values) -> bool:
    return isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1


def _joined(first: np.ndarray, more: np.ndarray) -> np.ndarray:
    # The usual case is a column's first extend: no copy of a million references then.
    return more if not len(first) else np.concatenate([first, more])


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
    flags: FlagSet = dc_field(default_factory=FlagSet)  # customer -> field -> reason
    alt_phones: CustomerValues = dc_field(default_factory=CustomerValues)  # customer -> [phone]
    alt_emails: CustomerValues = dc_field(default_factory=CustomerValues)
    salutation: CustomerValues = dc_field(default_factory=CustomerValues)  # customer -> text
    suggestions: list[Suggestion] = dc_field(default_factory=list)
    excluded: list[int] = dc_field(default_factory=list)  # customers set to status 'excluded'
    fake_action: str = "blank"  # what the plan does with fakes: blank | keep | exclude

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
            found = np.flatnonzero(column.rules == code)
            if limit is not None:  # not a million indices as Python ints for a 200-row preview
                found = found[:limit - len(out)]
            out.extend(column.change(i) for i in found.tolist())
            if limit is not None and len(out) >= limit:
                return out
        return out

    def is_empty(self) -> bool:
        return not (any(len(c) for c in self.columns.values()) or self.flags or self.alt_phones
                    or self.alt_emails or self.salutation or self.excluded)

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
        flags = self.flags.only(lambda reason: _flag_rule(reason) in keep)
        return CleaningPlan([r for r in self.rules if r.rule_id in keep], columns, flags,
                            self.alt_phones if R.PHONE_SPLIT in keep else CustomerValues(),
                            self.alt_emails if R.EMAIL_SPLIT in keep else CustomerValues(),
                            self.salutation if R.NAME_SALUTATION in keep else CustomerValues(),
                            [s for s in self.suggestions if s.rule_id in keep],
                            self.excluded if R.FAKE_BLANK in keep else [], self.fake_action)


def _flag_rule(reason: str) -> str:
    """The rule that set a flag (flags only come from these three)."""
    if reason.startswith("shared:"):
        return R.CONTACT_SHARED
    return R.INVALID_BLANK if reason == "invalid" else R.FAKE_BLANK


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


FAKE_ACTIONS = ("blank", "keep", "exclude")
SHARED_MIN_NAMES = 3  # a phone/e-mail used by this many different names is probably not theirs


def describe_flag(reason: str, lang: str = "en") -> str:
    """A flag reason in words ('shared:5' -> 'shared by 5 different names')."""
    if reason.startswith("shared:"):
        n = reason.split(":", 1)[1]
        return f"{n} 个不同姓名共用" if lang == "zh" else f"shared by {n} different names"
    words = {"fake": ("fake", "假值"), "placeholder": ("placeholder", "占位值"),
             "invalid": ("not valid", "无效")}
    en, zh = words.get(reason, (reason, reason))
    return zh if lang == "zh" else en


class _Builder:
    def __init__(self, only: set[str] | None, ids: np.ndarray, fake: str = "blank") -> None:
        self.plan = CleaningPlan()
        self.plan.fake_action = fake
        self.only = only
        self.ids = ids
        self.fake = fake
        self._rules: dict[str, RuleSummary] = {}
        self._excluded: list[np.ndarray] = []

    def wanted(self, rule_id: str) -> bool:
        return self.only is None or rule_id in self.only

    def _summary(self, rule_id: str, fieldname: str) -> RuleSummary:
        summary = self._rules.get(rule_id)
        if summary is None:
            label = FAKE_LABELS[self.fake] if rule_id == R.FAKE_BLANK else R.LABELS[rule_id]
            summary = self._rules[rule_id] = RuleSummary(rule_id, fieldname, label)
        return summary

    def column(self, fieldname: str, col: Column, new_u: np.ndarray, rule_u: np.ndarray,
               reason_u: np.ndarray | None = None, row_mask: np.ndarray | None = None,
               old_rows: np.ndarray | None = None) -> np.ndarray:
        """Changes for a whole column from per-distinct-value outcomes: new value, rule code
        (-1: nothing to do) and flag reason. Returns the row positions changed or flagged."""
        rule_u = np.array(rule_u, dtype=np.int16)
        for code in unique_sorted(rule_u[rule_u >= 0]).tolist():
            if not self.wanted(R.ORDER[code]):
                rule_u[rule_u == code] = -1
        uniques = col.uniques
        if old_rows is None:
            rule_u[_unchanged(uniques, new_u, rule_u, reason_u)] = -1
        row_rule = col.rows(rule_u, -1)
        if row_mask is not None:
            row_rule[~row_mask] = -1
        sel = np.flatnonzero(row_rule >= 0)
        if not len(sel):
            return sel
        codes = col.codes[sel]
        rules = row_rule[sel]
        changed = np.ones(len(sel), dtype=bool)
        fake_code = RULE_CODE[R.FAKE_BLANK]
        if reason_u is not None:
            # Per distinct value first, then rows by number (object gathers and comparisons
            # over a million rows held the GIL 30-60 ms each).
            reason_code_u, texts = _reason_codes(reason_u)
            flagged = np.flatnonzero(reason_code_u[codes] >= 0)
            self.plan.flags.add(fieldname, self.ids[sel[flagged]],
                                reason_code_u[codes[flagged]], texts)
            fake_rows = flagged[rules[flagged] == fake_code]
            if self.fake != "blank" and len(fake_rows):
                changed[fake_rows] = False  # kept as typed (flag only, or the row excluded)
                if self.fake == "exclude":
                    self._excluded.append(self.ids[sel[fake_rows]])
        keep = np.flatnonzero(changed)
        if len(keep):
            old = take(uniques, codes[keep]) if old_rows is None else take(old_rows, sel[keep])
            column = self.plan.columns.get(fieldname)
            if column is None:
                column = self.plan.columns[fieldname] = FieldChanges(fieldname)
            column.extend(self.ids[sel[keep]], old, take(new_u, codes[keep]), rules[keep])
        counts = np.bincount(rules, minlength=len(R.ORDER))
        for code in np.flatnonzero(counts).tolist():
            summary = self._summary(R.ORDER[code], fieldname)
            summary.count += int(counts[code])
            if len(summary.examples) >= EXAMPLES:
                continue
            for k in np.flatnonzero(rules == code)[:EXAMPLES * 20].tolist():
                u = codes[k]
                old = uniques[u] if old_rows is None else old_rows[sel[k]]
                new = old if (self.fake != "blank" and code == fake_code) else new_u[u]
                if (old, new) not in summary.examples:
                    summary.examples.append((old, new))
                if len(summary.examples) >= EXAMPLES:
                    break
        return sel

    def flag_rows(self, fieldname: str, rows: np.ndarray, codes: np.ndarray, texts: list[str],
                  rule_id: str, examples: list) -> None:
        """Flags that change nothing (a shared phone stays; the user decides): row k gets
        reason texts[codes[k]], unless its cell is flagged already."""
        if not self.wanted(rule_id) or not len(rows):
            return
        self.plan.flags.add(fieldname, self.ids[rows], codes, texts, replace=False)
        summary = self._summary(rule_id, fieldname)
        summary.count += len(rows)
        for pair in examples:
            if len(summary.examples) < EXAMPLES and pair not in summary.examples:
                summary.examples.append(pair)

    def finish(self) -> CleaningPlan:
        self.plan.rules = sorted(self._rules.values(), key=lambda r: (R.ORDER.index(r.rule_id)
                                 if r.rule_id in R.ORDER else 99, r.field))
        if self._excluded:
            self.plan.excluded = sorted(set(np.concatenate(self._excluded).tolist()))
        return self.plan


def _unchanged(old_u: np.ndarray, new_u: np.ndarray, rule_u: np.ndarray,
               reason_u: np.ndarray | None) -> np.ndarray:
    """Distinct values a rule would leave as they are (_same, and no flag to set)."""
    at = np.flatnonzero(rule_u >= 0)
    if reason_u is not None and len(at):
        at = at[np.equal(reason_u[at], None)]
    if not len(at):
        return at
    same = np.zeros(len(at), dtype=bool)
    for start in range(0, len(at), UNCHANGED_SLICE):  # each numpy call over objects is short
        part = at[start:start + UNCHANGED_SLICE]
        old, new = old_u[part], new_u[part]
        # Two texts are the same value when equal (compared in C); other pairs one by one.
        text = (np.equal(np.fromiter(map(type, old), dtype=object, count=len(part)), str)
                & np.equal(np.fromiter(map(type, new), dtype=object, count=len(part)), str))
        found = np.zeros(len(part), dtype=bool)
        found[text] = old[text] == new[text]
        others = np.flatnonzero(~text)
        if len(others):
            found[others] = [_same(a, b) for a, b in zip(old[others].tolist(),
                                                          new[others].tolist(), strict=True)]
        same[start:start + len(part)] = found
    return at[same]


UNCHANGED_SLICE = 100_000


def _reason_codes(reason_u: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per distinct value: its flag reason as a code into the returned texts (-1: none),
    hashed a slice at a time (a handful of reasons over a million values)."""
    codes = np.empty(len(reason_u), dtype=np.int64)
    texts: dict[str, int] = {}
    for start in range(0, len(reason_u), 100_000):
        local, found = pd.factorize(reason_u[start:start + 100_000], use_na_sentinel=True)
        to_code = np.array([texts.setdefault(r, len(texts)) for r in found] + [-1],
                           dtype=np.int64)
        codes[start:start + len(local)] = to_code[local]  # -1 -> the appended -1
    return codes, list(texts)


def suggest_fixes(customers: pd.DataFrame, *, region: str = "CN", date_order: str | None = None,
                  only: Sequence[str] | None = None, fake: str = "blank",
                  progress: ProgressFn | None = None, cancel=None,
                  cache: ValueCache | None = None) -> CleaningPlan:
    """Every normaliser over the table as one plan. `fake`: what to do with fake and
    placeholder values — "blank" the cell, "keep" it (flag only) or "exclude" the row.
    `cache` (cache.cache_for(frame)) shares per-distinct-value results with profile()."""
    if fake not in FAKE_ACTIONS:
        raise ValueError(f"fake must be one of {FAKE_ACTIONS}, not {fake!r}")
    progress = progress or no_progress
    cache = cache or ValueCache(customers)
    ids = customers["customer_id"].to_numpy(dtype=np.int64)
    b = _Builder(set(only) if only else None, ids, fake)
    steps = ["name", "phone", "email", "company", "city", "province", "address", "industry",
             "employees", "dates", "orders", "total_spent", "consent", "notes"]

    def step(i: int, label: str) -> None:
        check_cancel(cancel)
        progress(i / len(steps), label)

    def col(name: str) -> Column | None:
        return cache.column(customers, name)

    def results(c: Column, name: str, key: str, fn: Callable) -> list:
        return cache.results(c, name, key, fn)

    step(0, "name")
    names = col("name")
    normal = fakes = None
    if names is not None:
        fakes = results(names, "name", "fake", lambda v: is_fake("name", v))
        normal = results(names, "name", "normal", normalize_name)
        salute = b.wanted(R.NAME_SALUTATION)

        def name_fix(i_value):
            i = i_value[0]
            if fakes[i]:
                return None, R.FAKE_BLANK, fakes[i]
            result = normal[i]
            if result.salutation and salute:
                return result.name, R.NAME_SALUTATION, None
            return result.name, R.NAME_TIDY, None

        new, rule, reason = _outcomes(names, name_fix)
        rows = b.column("name", names, new, rule, reason)
        if salute and len(rows):
            title_u = objects([r.salutation or None for r in normal])
            has_title = (rule == RULE_CODE[R.NAME_SALUTATION]) & (title_u != None)  # noqa: E711
            titled = rows[has_title[names.codes[rows]]]
            b.plan.salutation.add(ids[titled], take(title_u, names.codes[titled]))

    step(1, "phone")
    phones = col("phone")
    phone_results = None
    if phones is not None:
        phone_results = results(phones, "phone", f"normal:{region}",
                                lambda v: normalize_phone(v, region))
        split = b.wanted(R.PHONE_SPLIT)

        def phone_fix(i_value):
            result = phone_results[i_value[0]]
            if result.reason in (FAKE, PLACEHOLDER):
                return None, R.FAKE_BLANK, result.reason
            if not result.valid:
                return None, R.INVALID_BLANK, "invalid"
            rule = R.PHONE_SPLIT if result.alternates else R.PHONE_E164
            return result.e164 + (f";ext={result.extension}" if result.extension else ""), rule, None

        rows = b.column("phone", phones, *_outcomes(phones, phone_fix))
        if split and len(rows):
            with_alt = np.fromiter((bool(r.alternates and r.valid) for r in phone_results),
                                   dtype=bool, count=len(phone_results))
            picked = rows[with_alt[phones.codes[rows]]]
            # One list per customer, as each gets its own JSON text.
            b.plan.alt_phones.add(ids[picked], objects(
                list(phone_results[u].alternates) for u in phones.codes[picked].tolist()))

    step(2, "email")
    emails = col("email")
    email_results = None
    if emails is not None:
        email_results = cache.batch(emails, "email", "normal", normalize_emails)  # as profile

        b.column("email", emails, *_email_outcomes(emails, email_results))

    if names is not None:
        _shared_contacts(b, names, normal, fakes, (("phone", phones, phone_results),
                                                   ("email", emails, email_results)))

    step(3, "company")
    companies = col("company")
    cities = col("city")
    city_results = (results(cities, "city", "normal", normalize_city)
                    if cities is not None else None)
    if companies is not None:
        _companies(b, companies, cities, city_results, results, len(ids))

    step(4, "city")
    city_ok = np.zeros(len(ids), dtype=bool)  # rows with a real city (not blank, not fake)
    if cities is not None:
        def city_fix(i_value):
            result = city_results[i_value[0]]
            if result.reason in (FAKE, PLACEHOLDER):
                return None, R.FAKE_BLANK, result.reason
            return result.city, R.CITY_CANONICAL, None

        b.column("city", cities, *_outcomes(cities, city_fix))
        real = ~cities.blank & np.array([r.reason not in (FAKE, PLACEHOLDER)
                                         for r in city_results], dtype=bool)
        city_ok = cities.rows(real, False)

    step(5, "province")
    provinces = col("province")
    if provinces is not None:
        norm_prov = results(provinces, "province", "normal", normalize_province)

        def prov_fix(i_value):
            new = norm_prov[i_value[0]]
            if new is None:
                return None, R.FAKE_BLANK, FAKE
            return new, R.PROVINCE_CANONICAL, None

        b.column("province", provinces, *_outcomes(provinces, prov_fix))
        if cities is not None:
            target, old_rows = _blank_rows(provinces, len(ids))
            from_city = objects([r.province for r in city_results])
            have = np.array([p is not None for p in from_city.tolist()], dtype=bool)
            b.column("province", cities, from_city,
                     np.where(have, RULE_CODE[R.PROVINCE_FROM_CITY], -1),
                     row_mask=target & city_ok, old_rows=old_rows)

    step(6, "address")
    addresses = col("address")
    if addresses is not None:
        tidy_a = results(addresses, "address", "tidy", clean_text)
        blank_addr = addresses.blank
        b.column("address", addresses, objects(tidy_a),
                 np.where(blank_addr, -1, RULE_CODE[R.TEXT_TIDY]))
        parts = results(addresses, "address", "split", split_address)
        for fieldname in ("province", "city", "district"):
            target, old_rows = _blank_rows(col(fieldname), len(ids))
            if fieldname == "city":
                target &= ~city_ok
            value = objects([getattr(p, fieldname) or None for p in parts])
            rule = np.where((value != None) & ~blank_addr,  # noqa: E711 (elementwise)
                            RULE_CODE[R.ADDRESS_SPLIT], -1)
            b.column(fieldname, addresses, value, rule, row_mask=target, old_rows=old_rows)

    step(7, "industry")
    industries = col("industry")
    if industries is not None:
        norm_ind = results(industries, "industry", "normal", normalize_industry)
        b.column("industry", industries, *_outcomes(
            industries, lambda iv: (norm_ind[iv[0]], R.INDUSTRY_CANONICAL, None)))

    step(8, "employees")
    employees = col("employees")
    if employees is not None:
        def emp_fix(i_value):
            old = i_value[1]
            new = parse_employees(old)
            if new is None:
                return None, R.INVALID_BLANK, "invalid"
            if isinstance(old, int) and old == new:
                return None
            return new, R.EMPLOYEES_PARSE, None

        b.column("employees", employees, *_outcomes(employees, emp_fix))

    step(9, "dates")
    for fieldname in DATE_FIELDS:
        dates = col(fieldname)
        if dates is None:
            continue
        order = date_order or infer_date_order(set(map(str, dates.uniques.tolist())))

        def date_fix(i_value, order=order):
            result = parse_date(i_value[1], order)
            if result.iso is None:
                return None, R.INVALID_BLANK, "invalid"
            return result.iso, R.DATE_ISO, None

        b.column(fieldname, dates, *_outcomes(dates, date_fix))

    step(10, "orders")
    orders = col("orders")
    if orders is not None:
        def count_fix(i_value):
            new = parse_count(i_value[1])
            if new is None:
                return None, R.INVALID_BLANK, "invalid"
            return new, R.NUMBER_PARSE, None

        b.column("orders", orders, *_outcomes(orders, count_fix))

    step(11, "total_spent")
    spent = col("total_spent")
    if spent is not None:
        def money_fix(i_value):
            result = parse_money(i_value[1])
            if result.amount is None:
                return None, R.INVALID_BLANK, "invalid"
            return result.amount, R.MONEY_PARSE, None

        b.column("total_spent", spent, *_outcomes(spent, money_fix))

    step(12, "consent")
    consent = col("consent")
    if consent is not None:
        b.column("consent", consent, *_outcomes(
            consent, lambda iv: (parse_consent(iv[1]), R.CONSENT_PARSE, None)))

    step(13, "notes")
    notes = col("notes")
    if notes is not None and b.wanted(R.PHONE_FROM_NOTES):
        found_u = results(notes, "notes", f"phones:{region}",
                          lambda v: [] if is_blank(v) else phones_in_text(v, region))
        with_phone = np.array([bool(f) for f in found_u], dtype=bool)
        for row in np.flatnonzero(notes.rows(with_phone, False)).tolist():
            current = None
            if phones is not None and phones.codes[row] >= 0:
                current = phone_results[phones.codes[row]].e164
            for found in found_u[notes.codes[row]]:
                if found != current:
                    b.plan.suggestions.append(Suggestion(int(ids[row]), "phone", found,
                                                         R.PHONE_FROM_NOTES))
        tidy_n = results(notes, "notes", "tidy", clean_text)
        blank_n = notes.blank
        b.column("notes", notes, objects(tidy_n), np.where(blank_n, -1, RULE_CODE[R.TEXT_TIDY]))
    progress(1.0, "done")
    return b.finish()


def _outcomes(col: Column, fn: Callable[[tuple], tuple | None]) -> tuple:
    """Per distinct value, fn((index, value)) -> (new value, rule id, flag reason | None) or
    None (nothing to do), as three arrays; blank values are left alone."""
    n = len(col.uniques)
    new = np.empty(n, dtype=object)
    rule = np.full(n, -1, dtype=np.int16)
    reason = np.empty(n, dtype=object)
    blank = col.blank.tolist()
    for i, value in enumerate(col.uniques.tolist()):
        if blank[i]:
            continue
        out = fn((i, value))
        if out is None:
            continue
        new[i], rule_id, reason[i] = out
        rule[i] = RULE_CODE[rule_id]
    return new, rule, reason


_EMAIL_RULES = np.array([-1, RULE_CODE[R.FAKE_BLANK], RULE_CODE[R.INVALID_BLANK],
                         RULE_CODE[R.EMAIL_TYPO], RULE_CODE[R.EMAIL_TIDY]], dtype=np.int16)
_EMAIL_REASONS = np.array([None, FAKE, "invalid", None, None], dtype=object)


def _email_outcomes(col: Column, results: EmailColumns) -> tuple:
    """_outcomes for e-mails, array by array (a million distinct addresses): a fake is
    blanked, an invalid address blanked, a typo domain repaired, the rest tidied."""
    blank = col.blank
    typo = np.not_equal(results.suggestion, None)
    states = np.where(blank, 0, np.where(np.equal(results.reason, FAKE), 1, np.where(
        ~results.valid, 2, np.where(typo, 3, 4)))).astype(np.int8)
    new = np.empty(len(states), dtype=object)
    reason = np.empty(len(states), dtype=object)
    for start in range(0, len(states), UNCHANGED_SLICE):  # short calls over objects
        end = start + UNCHANGED_SLICE
        k = states[start:end]
        new[start:end] = np.where(k == 3, results.suggestion[start:end],
                                  np.where(k == 4, results.email[start:end], None))
        reason[start:end] = _EMAIL_REASONS[k]
    return new, _EMAIL_RULES[states], reason


def _blank_rows(current: Column | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose cell is blank, and each row's current value (what a fill replaces)."""
    if current is None:
        return np.ones(n, dtype=bool), np.empty(n, dtype=object)
    blank_u = current.blank
    padded = objects([*current.uniques.tolist(), None])
    old_rows = padded[np.where(current.codes >= 0, current.codes, len(current.uniques))]
    return current.rows(blank_u, True), old_rows


def _companies(b: _Builder, companies: Column, cities: Column | None, city_results, results,
               n_rows: int) -> None:
    """Canonical display names, worked out per distinct (company, city) pair weighted by rows."""
    fakes = results(companies, "company", "fake", lambda v: is_fake("company", v))
    tidy = results(companies, "company", "tidy", clean_company)
    city_names = objects([*(r.city for r in city_results or []), None])
    n_city = len(city_names)
    city_codes = cities.codes if cities is not None else np.full(n_rows, -1, dtype=np.int64)
    pair = companies.codes * n_city + np.where(city_codes >= 0, city_codes, n_city - 1)
    pair[companies.codes < 0] = -1
    valid = pair >= 0
    pairs, pair_rows, weights = np.unique(pair[valid], return_inverse=True, return_counts=True)
    comp_u, city_u = pairs // n_city, pairs % n_city
    canon = _canonical(companies.uniques[comp_u].tolist(), city_names[city_u].tolist(),
                       weights.tolist())
    codes = np.full(n_rows, -1, dtype=np.int64)
    codes[valid] = pair_rows
    pair_col = Column(codes, companies.uniques[comp_u])

    def company_fix(i_value):
        k, cu = i_value[0], int(comp_u[i_value[0]])
        if fakes[cu]:
            return None, R.FAKE_BLANK, fakes[cu]
        best = canon[k]
        if best and best != tidy[cu]:
            return best, R.COMPANY_CANONICAL, None
        return tidy[cu], R.TEXT_TIDY, None

    b.column("company", pair_col, *_outcomes(pair_col, company_fix))


def _name_key(result) -> str | None:
    """Spellings of one person meet: 刘皓/刘浩/Liu Hao -> 'haoliu' (pinyin, sorted words)."""
    name = result.name if result is not None else None
    if not name:
        return None
    key = pinyin_key(name) if has_cjk(name) else " ".join(sorted(name.lower().split()))
    return key.replace(" ", "") or None


def _unrelated(keys: list[str]) -> int:
    """How many different people these name keys are: near spellings (Danielle/Daniellle)
    count as one."""
    groups: list[str] = []
    for key in sorted(keys, key=len, reverse=True):
        if not any(Levenshtein.normalized_similarity(key, g) >= 0.75 for g in groups):
            groups.append(key)
    return len(groups)


def _shared_contacts(b: _Builder, names: Column, normal: list, fakes: list,
                     contacts: tuple) -> None:
    """One phone or e-mail typed for many different people (a form's sample number, a
    sales rep's own address): flagged 'shared:N', the value kept for the user to judge."""
    if not b.wanted(R.CONTACT_SHARED):
        return
    # Distinct name keys and contacts numbered by factorize, not a dict: a dict of a million
    # keys copies itself in one C call as it grows (55-125 ms with the GIL held).
    names_of_unique = factorize([None if fakes[i] else (_name_key(result) or None)
                                 for i, result in enumerate(normal)])
    name_keys = names_of_unique.uniques
    name_gid = np.append(names_of_unique.codes, -1)
    row_name = name_gid[np.where(names.codes >= 0, names.codes, len(names.uniques))]
    width = len(name_keys) + 1
    for fieldname, col, results in contacts:
        if col is None or results is None:
            continue
        # A landline or a role address (info@) is shared by colleagues; a mobile or a
        # personal address is one person's.
        if isinstance(results, EmailColumns):  # an address's repaired form, if any
            value = np.where(np.equal(results.suggestion, None), results.email,
                             results.suggestion)
            values = np.where(results.valid & ~results.is_role, value, None)
        else:
            values = [r.e164 if r.e164 and r.valid and r.kind == "mobile" else None
                      for r in results]
        contact = factorize(values)
        keys = contact.uniques
        gid = np.append(contact.codes, -1)
        row_gid = gid[np.where(col.codes >= 0, col.codes, len(results))]
        ok = (row_gid >= 0) & (row_name >= 0)
        if not ok.any():
            continue
        pairs = unique_sorted(row_gid[ok] * width + row_name[ok])
        per_contact = np.bincount(pairs // width, minlength=len(keys))
        if not (per_contact >= SHARED_MIN_NAMES).any():
            continue
        for g in np.flatnonzero(per_contact >= SHARED_MIN_NAMES).tolist():
            names_of = [name_keys[int(p % width)] for p in pairs[pairs // width == g].tolist()]
            per_contact[g] = _unrelated(names_of)
        shared = per_contact >= SHARED_MIN_NAMES
        if not shared.any():
            continue
        rows = np.flatnonzero(ok & shared[np.maximum(row_gid, 0)])
        counts = per_contact[row_gid[rows]]
        examples = [(keys[g], f"shared:{per_contact[g]}")
                    for g in unique_sorted(row_gid[rows])[:EXAMPLES].tolist()]
        distinct, codes = np.unique(counts, return_inverse=True)
        b.flag_rows(fieldname, rows, codes.reshape(-1),
                    [f"shared:{n}" for n in distinct.tolist()], R.CONTACT_SHARED, examples)


NOTE_PHONES = QT_TRANSLATE_NOOP("cleaning", "Add phone numbers found in notes as alternate phones")


def note_phones_plan(plan: CleaningPlan, customer_ids=None) -> CleaningPlan:
    """The phone numbers suggest_fixes found in notes, as a plan of their own that adds each
    as an alternate phone of its customer (all of them, or those of `customer_ids`)."""
    wanted = None if customer_ids is None else {int(c) for c in customer_ids}
    alt: dict[int, list[str]] = {}
    examples: list[tuple[object, object]] = []
    for s in plan.suggestions:
        if s.rule_id != R.PHONE_FROM_NOTES or (wanted is not None and s.customer_id not in wanted):
            continue
        found = alt.setdefault(s.customer_id, [])
        if s.value not in found:
            found.append(s.value)
            if len(examples) < EXAMPLES:
                examples.append((None, s.value))
    count = sum(len(v) for v in alt.values())
    rules = [RuleSummary(R.PHONE_FROM_NOTES, "alt_phones", NOTE_PHONES, count, examples)] if count else []
    return CleaningPlan(rules=rules, alt_phones=CustomerValues.from_dict(alt))


def apply_plan(customers: pd.DataFrame, plan: CleaningPlan) -> pd.DataFrame:
    """A cleaned copy of `customers` (what storage does inside its transaction, for tests and
    previews). Flags, alternates and salutations are merged into their columns."""
    out = customers.copy()
    row_of = {int(cid): i for i, cid in enumerate(out["customer_id"].tolist())}
    columns: dict[str, list] = {}
    for name, column in plan.columns.items():
        values = columns[name] = (out[name].astype(object).tolist() if name in out.columns
                                  else [None] * len(out))
        for cid, new in zip(column.customer_ids.tolist(), column.new.tolist(), strict=True):
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
    if plan.excluded:  # excluded customers drop out, as load_customers leaves them out
        out = out[~out["customer_id"].isin(plan.excluded)]
    return out
