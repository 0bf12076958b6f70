"""`python -m app --smoke` runs the pipeline on the bundled sample and exits 0."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_smoke_runs_the_pipeline_and_exits_0(tmp_path):
    env = dict(os.environ, SMALLDATA_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "app", "--smoke"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("smoke: passed")
    done = {line.split()[1] for line in lines if line.startswith("ok ")}
    # import and export exist from the start; the customers are really there.
    assert {"import", "export"} <= done
    assert any(line.startswith("ok   import") and "customers=" in line for line in lines)
    assert not any(line.startswith("FAIL") for line in lines)
