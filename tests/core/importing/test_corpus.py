"""The real-world workbooks from calamine's bug reports: each one imports or is refused in
one sentence naming the file, fast and without a traceback."""

import time

import pytest

from app.core.errors import ImportProblem
from app.core.importing import read_file
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "real-workbooks"
FILES = sorted(p.name for p in CORPUS.iterdir()) if CORPUS.is_dir() else []

pytestmark = pytest.mark.shared


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_imports_or_is_refused_plainly(corpus_dir, name):
    path = corpus_dir / name
    start = time.perf_counter()
    try:
        imported = read_file(path)
        rows = sum(len(chunk) for table in imported.sheets for chunk in table.rows)
        assert rows >= 0 and imported.content_hash
    except ImportProblem as exc:
        text = str(exc)
        assert name in text and "\n" not in text and "Traceback" not in text
        if name.startswith("pass_protected") or name == "issue_385.xls":
            assert "password-protected" in text
    assert time.perf_counter() - start < 5


def test_fuzzed_files_are_refused_or_read_within_bounds(corpus_dir):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for name in ("OOM_alloc.xls", "OOM_alloc2.xls", "OOM_alloc3.xls", "issue_594_dos.ods"):
        start = time.perf_counter()
        try:
            for table in read_file(corpus_dir / name).sheets:
                for _ in table.rows:
                    pass
        except ImportProblem as exc:
            assert name in str(exc)
        assert time.perf_counter() - start < 5
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500
