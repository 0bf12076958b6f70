"""Mailing-list export: consent and suppression filter, formula-safe writers, atomic files.

Typical use (GUI/CLI): plan = plan_export(customers, format=..., suppression=...);
show plan.exported / plan.left_out / plan.shortened; then write_export(plan, path).
"""

from app.core.export.consent import interpret_consent
from app.core.export.escaping import escape_csv_cell, is_dangerous
from app.core.export.mailmerge import merge_fields
from app.core.export.names import parse_gender, salutation, split_name
from app.core.export.plan import FORMATS, ExportPlan, plan_export, write_export
from app.core.export.report import REASONS, ExportReport, RowIssue
from app.core.export.select import Selection, flag_erased_matches, select_recipients
from app.core.export.suppression import (
    SuppressionEntry,
    SuppressionImport,
    SuppressionList,
    hash_identity,
    parse_suppression_file,
    parse_suppression_text,
)

__all__ = [
    "FORMATS",
    "REASONS",
    "ExportPlan",
    "ExportReport",
    "RowIssue",
    "Selection",
    "SuppressionEntry",
    "SuppressionImport",
    "SuppressionList",
    "escape_csv_cell",
    "flag_erased_matches",
    "hash_identity",
    "interpret_consent",
    "is_dangerous",
    "merge_fields",
    "parse_gender",
    "parse_suppression_file",
    "parse_suppression_text",
    "plan_export",
    "salutation",
    "select_recipients",
    "split_name",
    "write_export",
]
