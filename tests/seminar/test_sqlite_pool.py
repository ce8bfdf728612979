"""A file database's closed connections serve the next request of the process, and only when
they are clean (seminar/sqlite3)."""

import os
import sqlite3

import pytest
from django.db import ProgrammingError, connections

from seminar.sqlite3 import base


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """Two wrappers (as two request threads would have) on a file database of their own."""
    with django_db_blocker.unblock():
        yield from _database(tmp_path)


def _database(tmp_path):
    path = tmp_path / "pool.sqlite3"
    settings = {**connections["default"].settings_dict, "NAME": str(path)}
    settings["OPTIONS"] = {"timeout": 5, "init_command": "PRAGMA journal_mode=WAL;"}
    first = base.DatabaseWrapper(dict(settings), alias="pool_first")
    second = base.DatabaseWrapper(dict(settings), alias="pool_second")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x INTEGER)")
        cursor.execute("INSERT INTO t VALUES (1), (2), (3)")
    first.close()
    yield first, second, path
    for wrapper in (first, second):
        wrapper.close()
    base.pool(str(path)).clear()


def _count(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        return cursor.fetchone()[0]


def test_a_closed_connection_is_the_next_ones(database):
    first, second, _path = database
    first.ensure_connection()
    raw = first.connection
    first.close()
    second.ensure_connection()
    assert second.connection is raw
    assert second.connection.execute("PRAGMA foreign_keys").fetchall() == [(1,)]


def test_a_half_read_cursor_is_closed_so_the_next_request_sees_every_commit(database):
    first, second, _path = database
    other = base.DatabaseWrapper(dict(first.settings_dict), alias="pool_other")
    other.ensure_connection()  # a request writing meanwhile, on a connection of its own
    cursor = first.cursor()
    cursor.execute("SELECT x FROM t")
    cursor.fetchone()  # a read snapshot is open on this connection
    raw = first.connection
    first.close()
    with pytest.raises(ProgrammingError, match="closed cursor"):
        cursor.fetchone()
    with other.cursor() as writing:
        writing.execute("INSERT INTO t VALUES (4)")
    second.ensure_connection()
    assert second.connection is raw
    assert _count(second) == 4
    other.close()


def test_a_transaction_left_open_is_rolled_back(database):
    first, second, _path = database
    first.ensure_connection()
    first.connection.execute("BEGIN")
    first.connection.execute("INSERT INTO t VALUES (9)")
    first.close()
    assert _count(second) == 3


def test_a_connection_closed_in_an_atomic_block_is_not_kept(database):
    first, second, _path = database
    first.ensure_connection()
    raw = first.connection
    first.in_atomic_block = True  # as Django is when a request thread closes mid-transaction
    first.close()
    first.in_atomic_block = False
    second.ensure_connection()
    assert second.connection is not raw


def test_without_foreign_keys_it_is_not_kept(database):
    first, second, _path = database
    first.ensure_connection()
    raw = first.connection
    first.disable_constraint_checking()
    first.close()
    second.ensure_connection()
    assert second.connection is not raw
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")  # closed


def test_a_database_file_made_again_gets_new_connections(database):
    first, second, path = database
    first.ensure_connection()
    raw = first.connection
    first.close()
    os.remove(path)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    made = sqlite3.connect(path)
    made.execute("CREATE TABLE t (x INTEGER)")
    made.commit()
    made.close()
    second.ensure_connection()
    assert second.connection is not raw
    assert _count(second) == 0


def test_a_connection_that_fails_its_check_is_closed_not_kept(database, monkeypatch):
    first, second, _path = database
    first.ensure_connection()
    raw = first.connection

    def broken(self, connection):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(base.DatabaseWrapper, "_clean", broken)
    first.close()  # no error for the request that ends
    monkeypatch.undo()
    second.ensure_connection()
    assert second.connection is not raw
