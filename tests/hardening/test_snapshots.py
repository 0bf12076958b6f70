"""Automatic snapshots before destructive steps (merge, erase, clean and recipe runs, undo),
on real workspace files through the CLI and the use cases the GUI runs."""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.core.errors import WorkspaceProblem
from app.storage import backups
from app.storage.workspace import Workspace
from app.workers import clean_tasks, dedup_tasks, export_tasks, usecases
from tests.hardening.helpers import integrity, state_digest

SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀华平"


def people_csv(path: Path, rows: int, seed: int = 1) -> Path:
    """Plausible people (the hardening helper's 客户a0 / example.com rows look like test data,
    which dedupe never merges on its own). The same seed gives the same first rows."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["姓名", "手机", "邮箱", "城市", "公司"])
        for i in range(rows):
            out.writerow([
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                f"139{rng.randint(10_000_000, 99_999_999)}",
                f"{rng.choice(['li', 'wang', 'zhang'])}{i}x{seed}@qq.com",
                rng.choice(["广州", "上海", "北京"]), f"蓝海科技{rng.randint(1, 50)}有限公司",
            ])
    return path


@pytest.fixture
def workspace(tmp_path):
    """40 customers, 12 of them imported twice (sure duplicates), phones not yet E.164."""
    ws = tmp_path / "客户.sdstudio"
    first = people_csv(tmp_path / "a.csv", 40)
    again = people_csv(tmp_path / "again.csv", 12)
    with Workspace.open(ws) as opened:
        usecases.import_files(opened, [first, again])
    return ws


def cli(capsys, *argv):
    code = cli_main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def listed(capsys, ws) -> list[dict]:
    code, out, err = cli(capsys, "backups", "--workspace", ws, "--json")
    assert code == 0, err
    return json.loads(out)


def active(ws) -> int:
    conn = sqlite3.connect(ws)
    try:
        return conn.execute("SELECT count(*) FROM customers WHERE status = 'active'").fetchone()[0]
    finally:
        conn.close()


def assert_restoring_it_brings_back(capsys, ws, item: dict, before: dict) -> None:
    code, _, err = cli(capsys, "restore", "--workspace", ws, "--from", item["file"])
    assert code == 0, err
    assert state_digest(ws) == before
    assert integrity(ws) == "ok"


# ------------------------------------------------------------------------ the CLI steps


def test_cli_dedupe_merge_is_preceded_by_a_snapshot_that_restores_the_duplicates(
        workspace, capsys):
    before = state_digest(workspace)
    code, out, err = cli(capsys, "dedupe", "--workspace", workspace, "--json")
    assert code == 0, err
    assert json.loads(out)["customers_merged"] == 24
    assert active(workspace) == 40
    (snap,) = listed(capsys, workspace)
    assert snap["reason"] == "before-merge"
    assert_restoring_it_brings_back(capsys, workspace, snap, before)
    assert active(workspace) == 52


def test_cli_erase_is_preceded_by_a_snapshot_that_still_holds_the_person(workspace, capsys):
    before = state_digest(workspace)
    conn = sqlite3.connect(workspace)
    (email,) = conn.execute("SELECT email FROM customers WHERE id = 21").fetchone()
    conn.close()
    code, out, err = cli(capsys, "erase", "--workspace", workspace, "--email", email)
    assert code == 0, err
    (snap,) = listed(capsys, workspace)
    assert snap["reason"] == "before-erase"
    # The user is told where the person's data still is (the erase promise has this limit).
    assert snap["file"] in out and "still hold this person's data" in out
    assert email.encode() not in workspace.read_bytes()
    assert email.encode() in Path(snap["file"]).read_bytes()
    assert_restoring_it_brings_back(capsys, workspace, snap, before)


def test_cli_clean_is_preceded_by_a_snapshot_that_restores_the_raw_values(workspace, capsys):
    before = state_digest(workspace)
    code, out, err = cli(capsys, "clean", "--workspace", workspace, "--json")
    assert code == 0, err
    assert json.loads(out)["cells_changed"] > 0
    (snap,) = listed(capsys, workspace)
    assert snap["reason"] == "before-clean"
    assert_restoring_it_brings_back(capsys, workspace, snap, before)


def test_cli_recipe_run_is_preceded_by_its_own_snapshot(workspace, capsys, tmp_path):
    code, _, err = cli(capsys, "clean", "--workspace", workspace, "--only", "phone.e164",
                       "--save-recipe", "phones")
    assert code == 0, err
    # Next month's file, cleaned with the saved recipe.
    people_csv(tmp_path / "next.csv", 15, seed=7)
    assert cli(capsys, "import", tmp_path / "next.csv", "--workspace", workspace)[0] == 0
    before_recipe = state_digest(workspace)
    code, out, err = cli(capsys, "clean", "--workspace", workspace, "--recipe", "phones",
                         "--json")
    assert code == 0, err
    assert json.loads(out)["cells_changed"] == 15
    newest, first = listed(capsys, workspace)
    assert newest["reason"] == first["reason"] == "before-clean"
    assert_restoring_it_brings_back(capsys, workspace, newest, before_recipe)


def test_a_dry_run_or_nothing_to_do_writes_no_snapshot(workspace, capsys):
    assert cli(capsys, "clean", "--workspace", workspace, "--dry-run")[0] == 0
    assert cli(capsys, "dedupe", "--workspace", workspace, "--no-merge")[0] == 0
    assert listed(capsys, workspace) == []
    assert cli(capsys, "clean", "--workspace", workspace)[0] == 0
    assert cli(capsys, "clean", "--workspace", workspace)[0] == 0  # nothing left to clean
    assert [b["reason"] for b in listed(capsys, workspace)] == ["before-clean"]


def test_the_retention_limit_still_holds_with_automatic_snapshots(workspace, capsys):
    for _ in range(6):  # clean then undo it, six times: twelve automatic snapshots
        assert cli(capsys, "clean", "--workspace", workspace)[0] == 0
        assert cli(capsys, "undo", "--workspace", workspace)[0] == 0
    found = listed(capsys, workspace)
    assert len(found) == backups.KEEP == 10
    assert [b["reason"] for b in found[:2]] == ["before-undo", "before-clean"]
    assert len(list(backups.backups_folder(workspace).iterdir())) == 10


def test_a_snapshot_that_cannot_be_written_stops_the_merge_and_changes_nothing(workspace,
                                                                              capsys):
    before = state_digest(workspace)
    backups.backups_folder(workspace).write_text("a file where the folder should be")
    code, _, err = cli(capsys, "dedupe", "--workspace", workspace)
    assert code == 1 and err.count("\n") == 1 and "safety copy" in err
    assert state_digest(workspace) == before


# ------------------------------------------------------- the use cases the GUI pages run


def test_gui_review_merges_share_one_snapshot_until_another_kind_of_step(workspace):
    with Workspace.open(workspace) as ws:
        run = dedup_tasks.find(ws)
        groups = [list(c) for c in run.result.clusters]
        assert len(groups) == 12
        customers_before = state_digest(workspace)["customers"]
        # The review pane: one pair merged per key press.
        for a, b in groups[:5]:
            dedup_tasks.decide(ws, a, b, "same")
        assert [b.reason for b in backups.list_backups(workspace)] == ["before-merge"]
        # Another kind of step ends the run; the next merge gets its own snapshot.
        cleaned = clean_tasks.plan_cleaning(ws, ["phone.e164"])
        clean_tasks.apply_cleaning(ws, cleaned, ["phone.e164"], rescore=False)
        dedup_tasks.apply_sure_merges(ws, dedup_tasks.find(ws).result)
        assert [b.reason for b in backups.list_backups(workspace)] == [
            "before-merge", "before-clean", "before-merge"]
        first = backups.list_backups(workspace)[-1]
    # Restoring the run's snapshot takes back all five merges at once (the answer recorded
    # just before the first merge stays: answers are not destructive).
    backups.restore(workspace, first.path)
    assert state_digest(workspace)["customers"] == customers_before
    assert active(workspace) == 52


def test_gui_spelling_cluster_merge_and_erase_take_snapshots(workspace):
    with Workspace.open(workspace) as ws:
        assert clean_tasks.apply_cluster_merge(ws, "city", {"北京": "北京市"}).cells
        assert backups.list_backups(workspace)[0].reason == "before-clean"
        result = export_tasks.erase_person(ws, customer_id=1)
        newest = backups.list_backups(workspace)[0]
        assert newest.reason == "before-erase" and result.backup == newest.path


def test_merge_is_refused_unprotected_when_the_copy_fails(workspace):
    backups.backups_folder(workspace).write_text("not a folder")
    before = state_digest(workspace)
    with Workspace.open(workspace) as ws:
        run = dedup_tasks.find(ws)
        with pytest.raises(WorkspaceProblem, match="safety copy"):
            dedup_tasks.apply_sure_merges(ws, run.result)
    assert state_digest(workspace) == before


# ------------------------------------------------------------- disk use of big workspaces


def test_copies_of_a_big_workspace_stay_within_the_disk_budget(workspace, capsys, monkeypatch):
    # As if the workspace were big: no floor, copies may take 3x the workspace in all.
    monkeypatch.setattr(backups, "BUDGET_FLOOR", 0)
    for _ in range(4):
        assert cli(capsys, "clean", "--workspace", workspace)[0] == 0
        assert cli(capsys, "undo", "--workspace", workspace)[0] == 0
    found = backups.list_backups(workspace)
    assert backups.KEEP_AT_LEAST <= len(found) < 8
    assert (len(found) == backups.KEEP_AT_LEAST
            or sum(b.size for b in found) <= backups.budget(workspace))
    assert [b.reason for b in found[:2]] == ["before-undo", "before-clean"]  # newest kept


class SmallDisk:
    """A disk of `capacity` bytes holding the backups folder (everything else stays put)."""

    def __init__(self, folder: Path, capacity: int) -> None:
        self.folder, self.capacity = folder, capacity

    def __call__(self, _folder) -> int:
        used = sum(p.stat().st_size for p in self.folder.iterdir()) if self.folder.exists() else 0
        return self.capacity - used


def test_a_nearly_full_disk_drops_old_copies_first_then_refuses_the_step(workspace, capsys,
                                                                         monkeypatch):
    folder = backups.backups_folder(workspace)
    with Workspace.open(workspace) as ws:
        olds = [backups.snapshot(ws, "manual") for _ in range(3)]
    size = olds[0].stat().st_size
    headroom = backups._HEADROOM_MIN
    # Room for the new copy only once the two oldest of the three copies are gone.
    monkeypatch.setattr(backups, "_free_bytes", SmallDisk(folder, headroom + int(2.5 * size)))
    assert cli(capsys, "clean", "--workspace", workspace)[0] == 0
    assert [b.reason for b in backups.list_backups(workspace)] == ["before-clean", "manual"]
    assert olds[2].exists() and not olds[0].exists() and not olds[1].exists()

    # Not even deleting every copy would make room: refused, nothing deleted or changed.
    monkeypatch.setattr(backups, "_free_bytes", SmallDisk(folder, headroom + int(0.5 * size)))
    before = state_digest(workspace)
    kept = sorted(folder.iterdir())
    code, _, err = cli(capsys, "dedupe", "--workspace", workspace)
    assert code == 1 and err.count("\n") == 1
    assert "not enough free disk space for a safety copy" in err and "MB free" in err
    assert state_digest(workspace) == before and sorted(folder.iterdir()) == kept


def test_a_snapshot_reports_progress_and_cancel_leaves_no_copy(workspace, monkeypatch):
    from app.core.progress import Cancelled

    monkeypatch.setattr(backups, "COPY_PAGES", 1)  # one page per step: many progress reports
    told = []
    with Workspace.open(workspace) as ws:
        copy = backups.snapshot(ws, "manual", progress=told.append)
        assert copy.exists() and len(told) > 3
        assert told == sorted(told) and told[-1] == pytest.approx(1.0)
        before = sorted(p.name for p in backups.backups_folder(workspace).iterdir())
        with pytest.raises(Cancelled):
            backups.snapshot(ws, "manual", progress=told.append, cancel=lambda: len(told) > 2)
    assert sorted(p.name for p in backups.backups_folder(workspace).iterdir()) == before, \
        "a cancelled copy leaves neither a backup nor a .part file"
