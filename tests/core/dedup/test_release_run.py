"""A dedup result the page lets go is emptied by a worker, and nothing else is touched."""

from app.core.frames import indexed_by
from app.storage.workspace import Workspace
from app.workers import dedup_tasks, usecases


def test_release_run_empties_the_result(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("姓名,手机\n张伟,13800138000\n张伟,138 0013 8000\n李娜,13900139000\n",
                    encoding="utf-8")
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        usecases.import_files(ws, [path])
        run = dedup_tasks.find(ws)
        names = run.customers["name"].tolist()
        assert names and None not in names
        kept = run.customers.copy()  # someone else's copy stays whole
        dedup_tasks.release_run([run, indexed_by(run.customers, "customer_id")])
        assert run.customers.shape[1] == 0, "the result's frame is emptied"
        assert len(run.result.unsure) == 0
        assert kept["name"].tolist() == names, "a copy someone else holds is left whole"
