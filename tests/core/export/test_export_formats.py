"""Platform presets, vCard and mail merge, reopened and checked."""

import csv

import openpyxl
import pytest

from app.core.export.mailmerge import merge_fields, write_mail_merge
from app.core.export.platforms import write_platform_csv
from app.core.export.vcard import FOLD_AT, fold_line, unfold, write_vcard


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_mailchimp_file(customers, tmp_path):
    customers.loc[0, "address"] = "长" * 100  # 300 bytes in UTF-8
    customers.loc[2, "email"] = "王伟@qq.com"  # Mailchimp refuses non-Latin before @
    customers.loc[4, "email"] = "WANGWEI@qq.com"  # duplicate of customer 1
    path = tmp_path / "mc.csv"
    report = write_platform_csv(customers, path, "mailchimp", tags=["VIP 2024", "广州"])
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read(path)
    assert list(rows[0])[:7] == ["Email Address", "First Name", "Last Name", "Phone Number",
                                 "Address", "Company", "Tags"]
    assert [r["Email Address"] for r in rows] == ["wangwei@qq.com", "nana@qq.com"]
    first = rows[0]
    assert (first["First Name"], first["Last Name"]) == ("伟", "王")
    assert first["Phone Number"] == "+8613800138001"
    assert len(first["Address"].encode()) <= 255 and first["Address"].startswith("长")
    assert first["Tags"] == "VIP 2024,广州"
    assert rows[1]["Last Name"] == "欧阳" and rows[1]["Company"].startswith("'=HYPERLINK")
    assert report.skipped_by_reason() == {
        "email_not_accepted": 1, "no_email": 1, "duplicate_email": 1}
    assert report.shortened_by_column() == {"Address": 1}
    assert report.rows_written == 2


def test_hubspot_file(customers, tmp_path):
    path = tmp_path / "hs.csv"
    report = write_platform_csv(customers, path, "hubspot")
    rows = _read(path)
    assert list(rows[0]) == ["Email", "First Name", "Last Name", "Phone Number", "Company Name",
                             "City", "State/Region", "Street Address"]
    bates = rows[2]
    assert (bates["First Name"], bates["Last Name"], bates["City"]) == (
        "Brandon", "Bates", "Shenzhen")
    assert rows[3]["Email"] == "zhao.feng@qq.com"
    assert rows[3]["Company Name"] == "'+1+1"
    assert report.skipped_by_reason() == {"no_email": 1}


def test_brevo_needs_email_or_sms_in_e164(customers, tmp_path):
    customers.loc[3, "phone"] = "020-88888888"  # no email and a landline: nothing to send to
    customers.loc[4, "email"] = None  # a mobile alone is enough for Brevo
    path = tmp_path / "brevo.csv"
    report = write_platform_csv(customers, path, "brevo")
    rows = _read(path)
    assert list(rows[0]) == ["EMAIL", "FIRSTNAME", "LASTNAME", "SMS"]
    assert [r["SMS"] for r in rows] == ["+8613800138001", "+8613900139002", "+8616698032249",
                                        "+8615693408194"]
    assert rows[3]["EMAIL"] == ""
    assert report.skipped_by_reason() == {"no_contact": 1}


def test_fold_line_never_splits_utf8_and_keeps_75_octets():
    line = "NOTE:" + "备注内容很长" * 20 + "abc"
    folded = fold_line(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode()) <= FOLD_AT for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert unfold(folded) == [line]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_round_trip(customers, tmp_path, version):
    customers.loc[1, "notes"] = "第一行;第二行,逗号\\斜杠\n" + "很长的备注" * 30
    path = tmp_path / "c.vcf"
    report = write_vcard(customers, path, version=version)
    raw = path.read_bytes()
    assert all(len(line) <= FOLD_AT for line in raw.split(b"\r\n"))
    cards, card = [], {}
    for line in unfold(raw.decode("utf-8")):
        if line == "BEGIN:VCARD":
            card = {}
        elif line == "END:VCARD":
            cards.append(card)
        elif line:
            key, _, value = line.partition(":")
            card.setdefault(key.split(";")[0], value)
    assert len(cards) == report.rows_written == 5
    assert cards[0]["VERSION"] == version
    assert cards[1]["FN"] == "欧阳娜娜" and cards[1]["N"] == "欧阳;娜娜;;;"
    note = cards[1]["NOTE"]
    unescaped = (note.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
                 .replace("\\\\", "\\"))
    assert unescaped == customers.loc[1, "notes"]
    assert cards[2]["N"] == "Bates;Brandon;;;"
    assert cards[0]["TEL"].endswith("+8613800138001")
    assert cards[4]["EMAIL"] == "zhao.feng@qq.com"


def test_merge_fields_in_the_lists_language(customers):
    zh = merge_fields(customers)
    assert list(zh["salutation"]) == ["尊敬的王先生", "尊敬的欧阳女士", "尊敬的Bates 先生",
                                      "尊敬的李娜", "尊敬的赵女士"]
    en = merge_fields(customers, "en")
    assert list(en["salutation"])[:4] == ["Dear Mr. Wang", "Dear Ms. Ouyang", "Dear Mr. Bates",
                                          "Dear Na Li"]
    assert list(en["title"])[:4] == ["Mr.", "Ms.", "Mr.", ""]


def test_mail_merge_workbook(customers, tmp_path):
    path = tmp_path / "merge.xlsx"
    write_mail_merge(customers, path, ["name", "address"])
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["称呼", "姓", "名", "称谓", "姓名", "地址"]
    assert [c.value for c in ws[2]][:4] == ["尊敬的王先生", "王", "伟", "先生"]
