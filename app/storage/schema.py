"""Schema versions: a PRAGMA user_version ladder.

Each step is a function taking the connection; it runs in the same transaction as its version
bump, so a crash mid-migration leaves the previous version intact. Before any step runs on an
existing workspace a backup is written with SQLite's backup API. Append new steps at the end;
never edit a released one (tests/storage/test_migrations.py keeps a fixture per version).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.core.errors import WorkspaceProblem
from app.core.fields import ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP
from app.storage import db

TOO_NEW = QT_TRANSLATE_NOOP(
    "errors",
    "The workspace {path} was made by a newer SmallData Studio (workspace version {found}; "
    "this app reads up to version {supported}). Update the app to open it; the file was not "
    "changed.",
)


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one: executescript() would COMMIT the migration's open
    transaction first and break the all-or-nothing promise."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def _v1_initial(conn: sqlite3.Connection) -> None:
    role_columns = ",\n  ".join(f"{key}" for key in ROLE_KEYS)
    run_script(
        conn,
        f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE operations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,              -- import, clean, merge, erase, undo ...
  summary TEXT NOT NULL,           -- one line for the History page
  params TEXT,                     -- JSON: what is needed to describe and undo it
  created_at TEXT NOT NULL,
  undone_at TEXT,
  undo_of INTEGER REFERENCES operations(id)
);

-- Before/after images of every row an operation touched: generic undo.
-- before NULL = the operation inserted the row; after NULL = it deleted the row.
CREATE TABLE op_changes (
  id INTEGER PRIMARY KEY,
  op_id INTEGER NOT NULL REFERENCES operations(id),
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX op_changes_by_op ON op_changes(op_id);
CREATE INDEX op_changes_by_row ON op_changes(tbl, row_id);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  op_id INTEGER NOT NULL REFERENCES operations(id),
  file_name TEXT NOT NULL,
  file_path TEXT,
  content_hash TEXT NOT NULL,
  sheet TEXT NOT NULL,
  header_row INTEGER,
  headers TEXT NOT NULL,           -- JSON list, as shown to the user
  roles TEXT NOT NULL,             -- JSON list aligned with headers
  imported_at TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_skipped INTEGER NOT NULL,
  skipped TEXT,                    -- JSON [[row, reason], ...]
  warnings TEXT                    -- JSON list of strings
);
CREATE INDEX imports_by_hash ON imports(content_hash);

-- Every data row exactly as read, cell by cell (JSON list aligned with imports.headers).
CREATE TABLE raw_rows (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  cells TEXT NOT NULL
);
CREATE INDEX raw_rows_by_import ON raw_rows(import_id);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active',   -- active | merged | erased
  merged_into INTEGER REFERENCES customers(id),
  raw_row_id INTEGER REFERENCES raw_rows(id),  -- the row it was created from (NULL for merges)
  created_op INTEGER NOT NULL REFERENCES operations(id),
  {role_columns},
  alt_phones TEXT,                 -- JSON list
  alt_emails TEXT,                 -- JSON list
  salutation TEXT,
  flags TEXT,                      -- JSON {{field: reason}}
  extra TEXT,                      -- JSON {{header: value}} for unmapped columns
  imported_at TEXT
);
-- Partial indexes: a million-row import inserts active, unmerged rows and pays nothing here.
CREATE INDEX customers_not_active ON customers(status) WHERE status != 'active';
CREATE INDEX customers_by_merged_into ON customers(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX customers_by_created_op ON customers(created_op);
"""
    )


def _v2_steps_after_import(conn: sqlite3.Connection) -> None:
    """Tables for deduplication decisions, purchases, segments, tags, suppression, exports.

    Every table has an integer `id` so the generic before/after undo log can restore it.
    """
    run_script(
        conn,
        """
-- Review decisions on candidate pairs (a < b); a pair marked different is never proposed again.
CREATE TABLE pair_decisions (
  id INTEGER PRIMARY KEY,
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
  decided_at TEXT NOT NULL,
  UNIQUE (a, b)
);

-- Purchase lines (one row per line read), linked to a customer where possible.
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  op_id INTEGER NOT NULL REFERENCES operations(id),
  source TEXT,                     -- file|sheet|row
  order_no TEXT,
  ordered_at TEXT,                 -- ISO date or datetime
  amount REAL,
  phone TEXT,
  email TEXT,
  name TEXT,
  channel TEXT,
  customer_id INTEGER REFERENCES customers(id),
  status TEXT NOT NULL,            -- linked | repeat | not_in_customer_list | fake_identifier | no_identifier
  raw TEXT                         -- JSON of the line's cells
);
CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE INDEX orders_by_op ON orders(op_id);

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,              -- rule | rfm | kmeans
  definition TEXT NOT NULL,        -- JSON (rule tree, RFM settings, k-means features and k)
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Stored results of RFM and k-means segments (rule segments are re-evaluated live).
CREATE TABLE segment_members (
  id INTEGER PRIMARY KEY,
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  label TEXT,                      -- RFM class or persona name
  score TEXT,                      -- JSON: r, f, m, cluster, ...
  UNIQUE (segment_id, customer_id)
);
CREATE INDEX segment_members_by_customer ON segment_members(customer_id);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  tag TEXT NOT NULL,
  UNIQUE (customer_id, tag)
);
CREATE INDEX tags_by_tag ON tags(tag);

-- Never send to these. Erased people are kept only as a salted hash of their identifiers.
CREATE TABLE suppression (
  id INTEGER PRIMARY KEY,
  email TEXT,
  phone TEXT,
  identity_hash TEXT,
  reason TEXT NOT NULL,            -- unsubscribed | bounced | complained | erased | manual
  source TEXT,
  added_at TEXT NOT NULL
);
CREATE INDEX suppression_by_email ON suppression(email);
CREATE INDEX suppression_by_phone ON suppression(phone);
CREATE INDEX suppression_by_hash ON suppression(identity_hash);

CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  op_id INTEGER REFERENCES operations(id),
  exported_at TEXT NOT NULL,
  segment TEXT,
  format TEXT NOT NULL,
  columns TEXT NOT NULL,           -- JSON list
  rows INTEGER NOT NULL,
  left_out TEXT,                   -- JSON {reason: count}
  file_name TEXT NOT NULL
);

-- Editable marketing fields usable in rules.
ALTER TABLE customers ADD COLUMN lifecycle TEXT;   -- awareness | information | evaluation | purchase | loyalty
ALTER TABLE customers ADD COLUMN bant_budget TEXT;
ALTER TABLE customers ADD COLUMN bant_authority TEXT;
ALTER TABLE customers ADD COLUMN bant_need TEXT;
ALTER TABLE customers ADD COLUMN bant_timeline TEXT;
""",
    )
    # A per-workspace salt for hashing erased identities (never leaves the file).
    import secrets

    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('identity_salt', ?)",
        (secrets.token_hex(16),),
    )


def _v3_segment_runs_and_purchase_block(conn: sqlite3.Connection) -> None:
    """Stored RFM / k-means results as one block per run, and linked purchase lines as
    numeric columns for RFM.

    Both are derived data (a re-run recomputes them). v2 stored a million-customer result as
    a million segment_members rows plus their before/after images in op_changes, and read
    three million purchase lines row by row: 30-45 s per run at 1,048,575 customers. Now a
    run is written once and never changed (erase excepted); the segment's `current_run` is
    what a step changes and op_changes logs, so undo/redo switch runs. v2 members stay in
    segment_members and are read while a segment has no run.
    """
    run_script(
        conn,
        """
-- One stored result of an RFM or k-means segment. `members` is an .npz block of columns
-- (customer_id, label, values; app.storage.blocks). segment_id has no foreign key: undoing
-- the step that created a segment deletes the segment row, and redo brings it back pointing
-- at the same run.
CREATE TABLE segment_runs (
  id INTEGER PRIMARY KEY,
  segment_id INTEGER NOT NULL,
  op_id INTEGER NOT NULL REFERENCES operations(id),
  kind TEXT NOT NULL,              -- rfm | kmeans
  size INTEGER NOT NULL,           -- member rows
  label_sizes TEXT NOT NULL,       -- JSON {label: member rows}
  members BLOB NOT NULL
);
CREATE INDEX segment_runs_by_segment ON segment_runs(segment_id);

ALTER TABLE segments ADD COLUMN current_run INTEGER REFERENCES segment_runs(id);

-- The linked purchase lines (orders with status 'linked') as an .npz block of columns: line
-- id, customer id as stored, order-number key, parsed date, amount. Any change to `orders`
-- (import, re-linking, undo, erase) drops it in the same transaction (triggers below); the
-- writers that keep it current write it again after their changes, and RFM rebuilds it from
-- the rows when it is missing.
CREATE TABLE purchase_block (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  lines INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE TRIGGER orders_insert_drops_purchase_block AFTER INSERT ON orders
BEGIN DELETE FROM purchase_block; END;
CREATE TRIGGER orders_update_drops_purchase_block AFTER UPDATE ON orders
BEGIN DELETE FROM purchase_block; END;
CREATE TRIGGER orders_delete_drops_purchase_block AFTER DELETE ON orders
BEGIN DELETE FROM purchase_block; END;
""",
    )


# The ladder: MIGRATIONS[i] takes a workspace from version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1_initial,
    _v2_steps_after_import,
    _v3_segment_runs_and_purchase_block,
]
LATEST_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def backup_file(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the live database with the backup API (never shutil on a live SQLite file)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}.{stamp}.bak{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path, target: int | None = None) -> Path | None:
    """Bring the workspace to `target` (default latest); returns the backup made, if any."""
    latest = len(MIGRATIONS)
    target = latest if target is None else target
    found = user_version(conn)
    if found > latest:
        raise WorkspaceProblem(TOO_NEW, path=str(path), found=found, supported=latest)
    if found >= target:
        return None
    backup = backup_file(conn, path, found) if found > 0 else None
    for version in range(found, target):
        # db.transaction, not a bare BEGIN/ROLLBACK: SQLite has already rolled back after
        # some errors (SQLITE_FULL, SQLITE_IOERR), and a second ROLLBACK would raise "no
        # transaction is active" in place of the error that stopped the step.
        with db.transaction(conn):
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return backup
