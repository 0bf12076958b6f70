"""Every hostile input in ../shared/samples/bad gets its answer-key behaviour."""

import json

import pytest

from app.core.errors import ImportProblem
from app.core.importing import read_file
from tests.core.importing.helpers import all_rows, read_one

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def bad(samples_dir):
    return samples_dir / "bad"


@pytest.fixture(scope="module")
def key(samples_dir):
    return json.loads((samples_dir / "answers/bad_inputs.answers.json").read_text("utf-8"))


def problem(path) -> str:
    with pytest.raises(ImportProblem) as info:
        read_file(path)
    text = str(info.value)
    assert path.name in text and "\n" not in text and "Traceback" not in text
    return text


def test_truncated_is_damaged(bad):
    text = problem(bad / "truncated.xlsx")
    assert "damaged or incomplete" in text


def test_password_protected_says_so_and_how_to_fix(bad):
    text = problem(bad / "password_protected.xlsx")
    assert "password-protected" in text and "Protect Workbook" in text
    assert "corrupt" not in text and "damaged" not in text


def test_empty_workbook_has_no_data(bad):
    assert "no data found" in problem(bad / "empty_workbook.xlsx")


def test_really_a_csv_is_sniffed_and_read_as_csv(bad, key):
    imported, table, rows = read_one(bad / "really_a_csv.xlsx")
    assert imported.kind == "csv"
    assert any("plain text" in w for w in imported.warnings)
    assert len(rows) == key["really_a_csv.xlsx"]["data_rows_if_sniffed"] == 40
    assert len(table.headers) == 13
    assert [cells[0] for _, cells in rows] == [
        r["raw"][0] for r in key["really_a_csv.xlsx"]["records"]
    ]


def test_header_only_recognises_columns_and_has_no_rows(bad):
    _, table, rows = read_one(bad / "header_only.xlsx")
    assert len(table.headers) == 13 and "phone" in table.roles and "name" in table.roles
    assert rows == [] and table.blank_rows == 0


def test_merged_header_takes_names_from_row_2(bad):
    _, table, rows = read_one(bad / "merged_header.xlsx")
    assert table.header_row == 2
    assert table.headers[:3] == ["姓名", "手机", "邮箱"]
    assert len(rows) == 50 and rows[0][0] == 3


def test_duplicate_columns_keep_both_copies(bad, key):
    _, table, rows = read_one(bad / "duplicate_columns.xlsx")
    assert table.headers == ["姓名", "手机", "邮箱", "手机 (2)", "城市", "备注", "备注 (2)"]
    assert table.roles == ["name", "phone", "email", "extra", "city", "notes", "extra"]
    assert table.alternate_of == {"手机 (2)": "phone", "备注 (2)": "notes"}
    assert any("Repeated column names" in w for w in table.warnings)
    assert len(rows) == 30
    second = {n: cells[3] for n, cells in rows}
    for row, phone in key["duplicate_columns.xlsx"]["second_phone_by_row"].items():
        assert (second[int(row)] is None) == (phone is None)
        if phone:
            assert phone[-8:] in "".join(ch for ch in str(second[int(row)]) if ch.isdigit())


def test_formulas_cached_use_values_and_skip_the_total_row(bad, key):
    _, table, rows = read_one(bad / "formulas_cached.xlsx")
    assert len(rows) == 20
    assert table.skipped_rows == [(22, "totals row")]
    amounts = {n: cells[table.headers.index("消费金额")] for n, cells in rows}
    for want in key["formulas_cached.xlsx"]["rows"]:
        assert amounts[want["row"]] == want["消费金额"]
    assert not any("formulas without saved results" in w for w in table.warnings)


def test_formulas_without_cache_are_never_silently_blank(bad):
    _, table, rows = read_one(bad / "formulas_no_cache.xlsx")
    assert len(rows) == 20 and table.skipped_rows == [(22, "totals row")]
    (warning,) = [w for w in table.warnings if "formulas without saved results" in w]
    assert "'消费金额'" in warning and "'等级'" in warning and "save it" in warning


def test_formula_injection_text_stays_text(bad, key):
    _, table, rows = read_one(bad / "formula_injection.xlsx")
    cells = {n: dict(zip(table.headers, c, strict=True)) for n, c in rows}
    assert len(rows) == 30
    for payload in key["formula_injection.xlsx"]["payload_cells"]:
        assert cells[payload["row"]][payload["column"]] == payload["text"]


def test_long_text_cell_is_kept_whole(bad):
    _, table, rows = read_one(bad / "long_text_cell.xlsx")
    notes = {n: c[table.roles.index("notes")] for n, c in rows}
    assert len(rows) == 10 and len(notes[6]) == 40000


def test_wide_header_keeps_the_13_real_columns(bad):
    import time

    start = time.perf_counter()
    _, table, rows = read_one(bad / "wide_header.xlsx")
    assert len(table.headers) == 13 and len(rows) == 20
    assert all(len(cells) == 13 for _, cells in rows)
    assert any("16,371 columns" in w for w in table.warnings)
    assert time.perf_counter() - start < 5


def test_every_bad_file_imports_or_gives_one_sentence(bad):
    for path in sorted(bad.iterdir()):
        try:
            imported = read_file(path)
            for table in imported.sheets:
                all_rows(table)
        except ImportProblem as exc:
            assert path.name in str(exc)
