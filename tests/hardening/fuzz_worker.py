"""Runs the importer over files in a memory-limited process; one JSON line per file.

    python -m tests.hardening.fuzz_worker [--memory-mb N] FILE ...

Prints {"start": file} before each file (flushed, so a hang can be pinned on the file) and
then {"file", "outcome": ok|problem|crash, "seconds", "detail"}. Only ImportProblem is an
acceptable failure; anything else is a crash and carries its traceback.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback


def limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_one(path: str) -> dict:
    from app.core.errors import ImportProblem
    from app.core.importing import inspect_file, read_file

    start = time.monotonic()
    try:
        inspect_file(path)
        imported = read_file(path)
        rows = 0
        for table in imported.sheets:
            for chunk in table.rows:
                rows += len(chunk)
        outcome, detail = "ok", f"{rows} rows"
    except ImportProblem as exc:
        outcome, detail = "problem", str(exc)
    except Exception:  # the finding: anything but ImportProblem is a bug
        outcome, detail = "crash", traceback.format_exc()
    return {"file": path, "outcome": outcome, "seconds": time.monotonic() - start,
            "detail": detail}


def main(argv: list[str]) -> int:
    memory = 2048
    if argv[:1] == ["--memory-mb"]:
        memory, argv = int(argv[1]), argv[2:]
    import app.core.importing  # noqa: F401 - load the libraries before the limit bites

    limit_memory(memory)
    for path in argv:
        print(json.dumps({"start": path}), flush=True)
        print(json.dumps(run_one(path), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
