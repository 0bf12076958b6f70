import os
from pathlib import Path

import pytest

# Must be set before anything imports Qt, or pytest-qt aborts on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SMALLDATA_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (samples and corpus); tests that need it are skipped on a plain clone."""
    if not (SHARED / "samples").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir(shared_dir: Path) -> Path:
    return shared_dir / "samples"


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "real-workbooks"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return path
