"""db.transaction: a failed step is rolled back and the error that stopped it is the one raised."""

from __future__ import annotations

import sqlite3

import pytest

from app.storage import db


@pytest.fixture
def conn(tmp_path):
    conn = db.connect(tmp_path / "t.sdstudio")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id))")
    conn.execute("INSERT INTO parent (id) VALUES (1)")
    yield conn
    conn.close()


def test_a_commit_that_fails_is_rolled_back_and_the_connection_stays_usable(conn):
    # A deferred foreign key is checked at COMMIT: SQLite refuses the COMMIT and leaves the
    # transaction open. Left open, every later step would fail ("cannot start a transaction
    # within a transaction") and the half-written rows would wait to be committed by it.
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), db.transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO child (id, parent) VALUES (1, 99)")
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM child").fetchone()[0] == 0
    with db.transaction(conn):
        conn.execute("INSERT INTO child (id, parent) VALUES (2, 1)")
    assert conn.execute("SELECT id FROM child").fetchall() == [(2,)]


def test_an_error_sqlite_already_rolled_back_is_reported_as_itself(conn):
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(sqlite3.OperationalError, match="full"), db.transaction(conn):
        conn.executemany("INSERT INTO child (parent) VALUES (?)", [(1,)] * 200_000)
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM child").fetchone()[0] == 0
