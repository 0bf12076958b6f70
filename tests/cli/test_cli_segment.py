"""`orders`, `segment`, `segments` and `tag` through the CLI, in-process, with real files."""

import json

import pytest

from app.cli import main
from tests.storage.test_segment_store import customers_book, orders_book


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def ws(tmp_path, capsys):
    path = tmp_path / "w.sdstudio"
    assert run_cli(capsys, "import", customers_book(tmp_path / "客户.xlsx"), "-w", path)[0] == 0
    assert run_cli(capsys, "orders", orders_book(tmp_path / "orders.xlsx"), "-w", path)[0] == 0
    return path


def test_orders_json_reports_linked_and_unlinked_with_reasons(tmp_path, capsys):
    path = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", customers_book(tmp_path / "客户.xlsx"), "-w", path)
    code, out, err = run_cli(capsys, "orders", orders_book(tmp_path / "o.xlsx"), "-w", path,
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["lines"], data["linked"], data["unlinked"]) == (8, 5, 2)
    assert {u["row"]: u["reason_en"] for u in data["unlinked_lines"]} == {
        7: "Phone/e-mail not in the customer list",
        8: "Only a fake or placeholder phone/e-mail"}
    code, out, _ = run_cli(capsys, "orders", tmp_path / "o.xlsx", "-w", path)
    assert code == 0 and "already imported" in out


def test_orders_before_customers_is_a_one_line_error(tmp_path, capsys):
    code, out, err = run_cli(capsys, "orders", orders_book(tmp_path / "o.xlsx"), "-w",
                             tmp_path / "w.sdstudio")
    assert code == 1 and err.startswith("error: Import the customer list first")
    assert "Traceback" not in err


def test_rfm_json_has_class_sizes_and_grid(ws, capsys):
    code, out, err = run_cli(capsys, "segment", "--rfm", "--reference-date", "2024-07-01",
                             "-w", ws, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["reference_date"] == "2024-07-01" and data["buyers"] == 4
    sizes = {c["class_zh"]: c["size"] for c in data["classes"]}
    assert sum(sizes.values()) == 6 and sizes["无购买记录"] == 2
    assert all(c["advice_zh"] and c["advice_en"] for c in data["classes"])
    assert sum(map(sum, data["grid"]["counts"])) == 4


def test_kmeans_json_has_k_reason_and_personas(ws, capsys):
    code, out, err = run_cli(capsys, "segment", "--kmeans", "--features",
                             "monetary,employees,city", "-w", ws, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["k"] == data["recommended_k"] and data["reason"].startswith(f"k = {data['k']}")
    assert sum(data["sizes"]) == 6 and len(data["personas"]) == data["k"]
    assert all(p["description_zh"].endswith("位客户") for p in data["personas"])
    code, out, _ = run_cli(capsys, "segment", "--kmeans", "--k", "3", "--features",
                           "monetary,employees", "-w", ws, "--json")
    assert code == 0 and json.loads(out)["k"] == 3


def test_rule_segment_tags_and_listing(ws, capsys):
    code, out, err = run_cli(capsys, "segment", "--rule", "城市 = 广州", "--name", "广州", "-w", ws,
                             "--json")
    assert code == 0, err
    assert json.loads(out)["size"] == 3
    code, out, err = run_cli(capsys, "tag", "--add", "华南", "--segment", "广州", "-w", ws)
    assert code == 0, err
    assert "3 customers have it now" in out
    run_cli(capsys, "segment", "--rule", "has tag 华南 and 行业 = 零售", "--name", "华南零售",
            "-w", ws)
    code, out, _ = run_cli(capsys, "segments", "-w", ws, "--json")
    data = json.loads(out)
    sizes = {s["name"]: s["size"] for s in data["segments"]}
    assert sizes == {"广州": 3, "华南零售": 2} and data["tags"] == {"华南": 3}
    code, out, _ = run_cli(capsys, "history", "-w", ws, "--json")
    tag_step = next(e["id"] for e in json.loads(out) if e["kind"] == "tag_add")
    assert run_cli(capsys, "undo", "-w", ws)[0] == 0  # the second rule
    assert run_cli(capsys, "undo", "--step", tag_step, "-w", ws)[0] == 0
    code, out, _ = run_cli(capsys, "segments", "-w", ws, "--json")
    assert json.loads(out)["tags"] == {}


def test_bad_rule_and_missing_name_fail_in_one_line(ws, capsys):
    code, _, err = run_cli(capsys, "segment", "--rule", "城市 =", "--name", "x", "-w", ws)
    assert code == 1 and err.count("\n") == 1 and "Rule:" in err
    code, _, err = run_cli(capsys, "segment", "--rule", "城市 = 广州", "-w", ws)
    assert code == 1 and "--name" in err
    code, _, err = run_cli(capsys, "tag", "--add", "x", "--segment", "nope", "-w", ws)
    assert code == 1 and "no segment called nope" in err


def test_an_rfm_group_exports_by_its_bare_name_in_either_language(ws, tmp_path, capsys):
    code, out, err = run_cli(capsys, "segment", "--rfm", "--reference-date", "2024-07-01",
                             "-w", ws, "--json")
    assert code == 0, err
    sizes = {c["class_zh"]: (c["class_en"], c["size"]) for c in json.loads(out)["classes"]}
    name_zh, (name_en, size) = next((k, v) for k, v in sizes.items() if v[1])
    counts = []
    for name in (name_zh, name_en, f"RFM:{name_zh}"):
        out_file = tmp_path / f"{len(counts)}.csv"
        code, _, err = run_cli(capsys, "export", "-w", ws, "--format", "csv-utf8", "--segment",
                               name, "--include-unknown-consent", "--include-no-consent",
                               "--out", out_file)
        assert code == 0, err
        counts.append(len(out_file.read_text("utf-8-sig").strip().splitlines()) - 1)
    assert counts == [size] * 3
    code, _, err = run_cli(capsys, "export", "-w", ws, "--format", "csv-utf8", "--segment",
                           "没有这个组", "--out", tmp_path / "none.csv")
    assert code == 1 and "没有这个组" in err


@pytest.mark.shared
@pytest.mark.slow
def test_rfm_through_the_cli_equals_the_answer_key(tmp_path, capsys, samples_dir):
    """The samples as a user runs them: import, dedupe, orders, segment --rfm --as-of the key's
    date. Each customer is mapped to the key's person through its source rows; wherever one
    customer holds one whole person, its stored recency, frequency and monetary value are the
    key's. (Persons dedupe left split over two customers, and the 10 lines the key calls
    unmatchable - no phone/e-mail of the person's rows - cannot add up; they are excluded and
    counted, so the comparison can't quietly shrink.)"""
    from app.storage import segment_store as store
    from app.storage.customers import source_rows_by_customer
    from app.storage.workspace import Workspace

    okey = json.loads((samples_dir / "answers" / "orders.answers.json").read_text("utf-8"))
    ckey = json.loads((samples_dir / "answers" / "customers.answers.json").read_text("utf-8"))
    path = tmp_path / "samples.sdstudio"
    for step in (["import", samples_dir / "customers.xlsx"], ["dedupe"],
                 ["orders", samples_dir / "orders.xlsx"]):
        code, out, err = run_cli(capsys, *step, "-w", path, "--json")
        assert code == 0, err
    counts = json.loads(out)["counts"]
    assert (counts["duplicate_order"], counts["fake_identifier"]) == (50, 29)
    code, out, err = run_cli(capsys, "segment", "--rfm", "--as-of", okey["reference_date"],
                             "-w", path, "--json")
    assert code == 0, err
    assert json.loads(out)["source"] == "orders"

    with Workspace.open(path) as ws:
        sources = source_rows_by_customer(ws)
        members = store.member_frame(ws, store.get_segment(ws, "RFM").id)
    person_of_row = {(r["sheet"], r["row"]): r["person_id"] for r in ckey["rows"]}
    persons = {cid: {person_of_row[(s.split("|")[1], int(s.split("|")[2]))] for s in rows}
               - {None} for cid, rows in sources.items()}
    holders: dict[str, int] = {}
    for ps in persons.values():
        for p in ps:
            holders[p] = holders.get(p, 0) + 1
    unmatchable = {line["person_id"] for line in okey["lines"] if line["status"] == "unmatchable"}
    compared, wrong, buyers = 0, [], 0
    for cid, recency, frequency, monetary in zip(
            members["customer_id"], members["recency_days"], members["frequency"],
            members["monetary"], strict=True):
        ps = persons[int(cid)]
        if len(ps) != 1 or holders[next(iter(ps))] > 1 or ps & unmatchable:
            continue
        want = okey["rfm"][next(iter(ps))]
        got = (None if recency != recency else recency, frequency, monetary)
        compared += 1
        buyers += bool(want["frequency"])
        if (got[0], got[1]) != (want["recency_days"], want["frequency"]) \
                or abs(got[2] - (want["monetary"] or 0)) > 0.005:
            wrong.append((int(cid), next(iter(ps)), got, want))
    assert not wrong, wrong[:5]
    # 1,695 persons, 1,517 with orders: all but the few dedupe leaves split, and the 3 with
    # only unmatchable lines, are compared.
    assert compared >= 1650 and buyers >= 1480, (compared, buyers)


def _dump(capsys, ws, tmp_path, name):
    out = tmp_path / name
    code, _, err = run_cli(capsys, "export", "-w", ws, "--format", "csv", "--header", "key",
                           "--out", out)
    assert code == 0, err
    import csv

    with open(out, encoding="utf-8-sig", newline="") as f:
        return {row["name"]: row for row in csv.DictReader(f)}


def test_full_csv_has_the_segment_columns_through_rerun_and_undo(ws, tmp_path, capsys):
    """recency_days, frequency, monetary, rfm_score, rfm_segment, cluster, persona, tags in
    the full dump follow RFM / k-means re-runs and their undo."""
    assert run_cli(capsys, "segment", "--rfm", "--as-of", "2024-07-01", "-w", ws)[0] == 0
    assert run_cli(capsys, "segment", "--kmeans", "--k", "2", "-w", ws)[0] == 0
    assert run_cli(capsys, "tag", "--add", "VIP", "--segment", "RFM:champions", "-w", ws)[0] == 0
    rows = _dump(capsys, ws, tmp_path, "one.csv")
    wang = rows["王伟"]
    assert {"recency_days", "frequency", "monetary", "rfm_score", "rfm_segment", "cluster",
            "persona", "tags"} <= set(wang)
    assert (float(wang["recency_days"]), int(wang["frequency"]), float(wang["monetary"])) == \
        (11, 2, 3000)
    assert rows["陈静"]["rfm_segment"] == "no_purchase" and rows["陈静"]["recency_days"] == ""
    assert {r["cluster"] for r in rows.values()} == {"1", "2"}
    assert all(r["persona"] for r in rows.values())
    champions = {n for n, r in rows.items() if r["rfm_segment"] == "champions"}
    assert champions and {n for n, r in rows.items() if r["tags"] == "VIP"} == champions
    assert run_cli(capsys, "segment", "--rfm", "--as-of", "2025-07-01", "-w", ws)[0] == 0
    assert float(_dump(capsys, ws, tmp_path, "two.csv")["王伟"]["recency_days"]) == 376
    assert run_cli(capsys, "undo", "-w", ws)[0] == 0
    again = _dump(capsys, ws, tmp_path, "three.csv")
    assert {n: (r["recency_days"], r["rfm_segment"], r["cluster"]) for n, r in again.items()} \
        == {n: (r["recency_days"], r["rfm_segment"], r["cluster"]) for n, r in rows.items()}
