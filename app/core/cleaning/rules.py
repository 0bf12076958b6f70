"""Rule ids (stable, used in recipes and `clean --only`) and their translatable labels."""

from app.core.i18n import QT_TRANSLATE_NOOP

TEXT_TIDY = "text.tidy"
NAME_TIDY = "name.tidy"
NAME_SALUTATION = "name.salutation"
PHONE_E164 = "phone.e164"
PHONE_SPLIT = "phone.split"
PHONE_FROM_NOTES = "phone.from_notes"
EMAIL_TIDY = "email.tidy"
EMAIL_TYPO = "email.typo_domain"
EMAIL_SPLIT = "email.split"
COMPANY_CANONICAL = "company.canonical"
CITY_CANONICAL = "city.canonical"
PROVINCE_CANONICAL = "province.canonical"
PROVINCE_FROM_CITY = "province.from_city"
ADDRESS_SPLIT = "address.split"
INDUSTRY_CANONICAL = "industry.canonical"
EMPLOYEES_PARSE = "employees.parse"
DATE_ISO = "date.iso"
NUMBER_PARSE = "number.parse"
MONEY_PARSE = "money.parse"
CONSENT_PARSE = "consent.parse"
FAKE_BLANK = "fake.blank"
INVALID_BLANK = "invalid.blank"
CONTACT_SHARED = "contact.shared"

LABELS = {
    TEXT_TIDY: QT_TRANSLATE_NOOP("cleaning", "Tidy spaces, line breaks and full-width characters"),
    NAME_TIDY: QT_TRANSLATE_NOOP("cleaning", "Tidy names (spacing, capitals, 'Last, First')"),
    NAME_SALUTATION: QT_TRANSLATE_NOOP("cleaning", "Move titles (先生/女士/Mr./Ms.) to salutation"),
    PHONE_E164: QT_TRANSLATE_NOOP("cleaning", "Write phone numbers in international form"),
    PHONE_SPLIT: QT_TRANSLATE_NOOP("cleaning", "Split several phone numbers in one cell"),
    PHONE_FROM_NOTES: QT_TRANSLATE_NOOP("cleaning", "Phone numbers found in notes"),
    EMAIL_TIDY: QT_TRANSLATE_NOOP("cleaning", "Tidy e-mail addresses (spaces, capitals, mailto:)"),
    EMAIL_TYPO: QT_TRANSLATE_NOOP("cleaning", "Repair mistyped e-mail domains"),
    EMAIL_SPLIT: QT_TRANSLATE_NOOP("cleaning", "Split several e-mail addresses in one cell"),
    COMPANY_CANONICAL: QT_TRANSLATE_NOOP("cleaning", "Use one name for each company"),
    CITY_CANONICAL: QT_TRANSLATE_NOOP("cleaning", "Use standard city names"),
    PROVINCE_CANONICAL: QT_TRANSLATE_NOOP("cleaning", "Use full province names"),
    PROVINCE_FROM_CITY: QT_TRANSLATE_NOOP("cleaning", "Fill in the province from the city"),
    ADDRESS_SPLIT: QT_TRANSLATE_NOOP("cleaning", "Fill province, city and district from the address"),
    INDUSTRY_CANONICAL: QT_TRANSLATE_NOOP("cleaning", "Use standard industry labels"),
    EMPLOYEES_PARSE: QT_TRANSLATE_NOOP("cleaning", "Read employee counts and bands"),
    DATE_ISO: QT_TRANSLATE_NOOP("cleaning", "Read dates as year-month-day"),
    NUMBER_PARSE: QT_TRANSLATE_NOOP("cleaning", "Read counts as numbers"),
    MONEY_PARSE: QT_TRANSLATE_NOOP("cleaning", "Read amounts as numbers (¥, 元, RMB, 万)"),
    CONSENT_PARSE: QT_TRANSLATE_NOOP("cleaning", "Read marketing consent as yes/no"),
    FAKE_BLANK: QT_TRANSLATE_NOOP("cleaning", "Blank fake and placeholder values"),
    INVALID_BLANK: QT_TRANSLATE_NOOP("cleaning", "Blank values that cannot be valid"),
    CONTACT_SHARED: QT_TRANSLATE_NOOP("cleaning", "Flag phones and e-mails shared by many different names"),
}
ORDER = list(LABELS)
