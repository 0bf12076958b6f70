"""Canonical customer fields (role keys) shared by every layer.

Role keys are the stable names used in the workspace, the CLI and exports; the GUI shows
their labels translated through the "fields" context.
"""

from app.core.i18n import QT_TRANSLATE_NOOP

# Order matters: it is the column order of the CLI's full CSV dump (ARCHITECTURE.md).
ROLE_KEYS: tuple[str, ...] = (
    "name",
    "phone",
    "email",
    "company",
    "city",
    "province",
    "district",
    "address",
    "industry",
    "employees",
    "first_purchase",
    "last_purchase",
    "orders",
    "total_spent",
    "consent",
    "gender",
    "birthday",
    "notes",
)

ROLE_LABELS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "phone": QT_TRANSLATE_NOOP("fields", "Phone"),
    "email": QT_TRANSLATE_NOOP("fields", "Email"),
    "company": QT_TRANSLATE_NOOP("fields", "Company"),
    "city": QT_TRANSLATE_NOOP("fields", "City"),
    "province": QT_TRANSLATE_NOOP("fields", "Province"),
    "district": QT_TRANSLATE_NOOP("fields", "District"),
    "address": QT_TRANSLATE_NOOP("fields", "Address"),
    "industry": QT_TRANSLATE_NOOP("fields", "Industry"),
    "employees": QT_TRANSLATE_NOOP("fields", "Employees"),
    "first_purchase": QT_TRANSLATE_NOOP("fields", "First purchase"),
    "last_purchase": QT_TRANSLATE_NOOP("fields", "Last purchase"),
    "orders": QT_TRANSLATE_NOOP("fields", "Orders"),
    "total_spent": QT_TRANSLATE_NOOP("fields", "Total spent"),
    "consent": QT_TRANSLATE_NOOP("fields", "Marketing consent"),
    "gender": QT_TRANSLATE_NOOP("fields", "Gender"),
    "birthday": QT_TRANSLATE_NOOP("fields", "Birthday"),
    "notes": QT_TRANSLATE_NOOP("fields", "Notes"),
}

# Labels of fields that are not import roles (segment features, marketing fields, flags),
# for history lines that name them.
OTHER_FIELD_LABELS: dict[str, str] = {
    "recency_days": QT_TRANSLATE_NOOP("fields", "Days since last purchase"),
    "frequency": QT_TRANSLATE_NOOP("fields", "Purchase frequency"),
    "monetary": QT_TRANSLATE_NOOP("fields", "Spend (RFM)"),
    "rfm_score": QT_TRANSLATE_NOOP("fields", "RFM score"),
    "rfm_segment": QT_TRANSLATE_NOOP("fields", "RFM segment"),
    "rfm_class": QT_TRANSLATE_NOOP("fields", "RFM class"),
    "cluster": QT_TRANSLATE_NOOP("fields", "Group"),
    "persona": QT_TRANSLATE_NOOP("fields", "Persona"),
    "tags": QT_TRANSLATE_NOOP("fields", "Tags"),
    "lead_score": QT_TRANSLATE_NOOP("fields", "Lead score"),
    "customer_id": QT_TRANSLATE_NOOP("fields", "Customer ID"),
    "lifecycle": QT_TRANSLATE_NOOP("fields", "Lifecycle stage"),
    "lifecycle_stage": QT_TRANSLATE_NOOP("fields", "Lifecycle stage"),
    "bant_budget": QT_TRANSLATE_NOOP("fields", "Budget"),
    "budget": QT_TRANSLATE_NOOP("fields", "Budget"),
    "bant_authority": QT_TRANSLATE_NOOP("fields", "Authority"),
    "authority": QT_TRANSLATE_NOOP("fields", "Authority"),
    "bant_need": QT_TRANSLATE_NOOP("fields", "Need"),
    "need": QT_TRANSLATE_NOOP("fields", "Need"),
    "bant_timeline": QT_TRANSLATE_NOOP("fields", "Timeline"),
    "timeline": QT_TRANSLATE_NOOP("fields", "Timeline"),
    "salutation": QT_TRANSLATE_NOOP("fields", "Salutation"),
    "status": QT_TRANSLATE_NOOP("fields", "Status"),
}

# Chinese labels for Qt-free output (CLI tables, chart titles built in core).
ROLE_LABELS_ZH: dict[str, str] = {
    "name": "姓名",
    "phone": "手机",
    "email": "邮箱",
    "company": "公司",
    "city": "城市",
    "province": "省份",
    "district": "区县",
    "address": "地址",
    "industry": "行业",
    "employees": "员工人数",
    "first_purchase": "首次购买日期",
    "last_purchase": "最近购买日期",
    "orders": "购买次数",
    "total_spent": "消费金额",
    "consent": "是否同意营销",
    "gender": "性别",
    "birthday": "生日",
    "notes": "备注",
}

# Role used for a column the user chose not to map to a canonical field: it is kept as an
# extra field under its own header name.
EXTRA = "extra"
# Role for a column the user chose to leave out of the customers (its cells stay in raw rows).
IGNORE = "ignore"
