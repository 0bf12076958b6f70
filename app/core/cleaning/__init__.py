"""Check and Clean: per-value normalisers, fake-value detection, profiling, cleaning plans and
value clustering. Plain Python (no Qt, no sqlite3): results are dataclasses that storage
applies and the GUI/CLI show."""

from app.core.cleaning.company import company_key
from app.core.cleaning.email import EmailResult, normalize_email
from app.core.cleaning.fake import is_fake
from app.core.cleaning.geo import CityResult, normalize_city, normalize_province, split_address
from app.core.cleaning.names import NameResult, name_key, normalize_name
from app.core.cleaning.phone import PhoneResult, normalize_phone, phones_in_text
from app.core.cleaning.text import clean_text
from app.core.cleaning.values import (
    parse_consent,
    parse_count,
    parse_date,
    parse_employees,
    parse_money,
)

__all__ = [
    "CityResult", "EmailResult", "NameResult", "PhoneResult", "clean_text", "company_key",
    "is_fake", "name_key", "normalize_city", "normalize_email", "normalize_name",
    "normalize_phone", "normalize_province", "parse_consent", "parse_count", "parse_date",
    "parse_employees", "parse_money", "phones_in_text", "split_address",
]

# Heavier, table-level API (pandas): import from their modules.
#   app.core.cleaning.plan: suggest_fixes, apply_plan, CleaningPlan, Change, RuleSummary
#   app.core.cleaning.profile: profile, ProfileReport
#   app.core.cleaning.clusters: cluster_values, ValueCluster
#   app.core.cleaning.charts: quality_by_column;  app.core.cleaning.recipe: Recipe
