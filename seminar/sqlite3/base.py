"""Django's SQLite backend with the closed connections of a file database kept for the next
request of this process.

daphne runs every request in a thread of its own (Django's `ThreadSensitiveContext`), and with
`CONN_MAX_AGE` 0 every request opened a connection at its start and closed it at its end.
Opening one costs more than most of a request's queries: the file is opened, Django registers
its 40-odd SQL functions and runs its PRAGMAs and ours (`init_command`), and SQLite parses the
whole schema again on the first statement. About 1.2 ms of CPU per request here, against 0.1 ms
for a small query on an open connection. PostgreSQL has psycopg's pool for the same reason
(seminar/settings.py); this is the SQLite counterpart, in the backend so that Django's own
rules (a connection per thread, closed at the end of each request) stay as they are.

A connection goes back to the pool on `close()` only when it is clean:
- not closed inside an atomic block (Django keeps the wrapper's reference then; it is closed);
- every cursor Django made on it is closed first, so no half-read statement holds a read
  snapshot (in WAL mode it would show the next request an old state), and a transaction left
  open is rolled back;
- foreign keys still enforced (the schema editor turns them off while it works).
A connection is handed out only to the process that opened it and only while the database file
is the one it opened (the same inode: a test database made again, a file restored in place),
else it is closed. At most POOL_SIZE idle connections per database are kept; in-memory
databases are never pooled (Django keeps those open anyway).
"""

import os
import threading
import weakref

from django.db.backends.sqlite3 import base

POOL_SIZE = 16


class _Idle:
    """The idle connections of one database file, in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.connections = []  # (connection, pid, inode)

    def take(self, inode):
        pid = os.getpid()
        while True:
            with self.lock:
                if not self.connections:
                    return None
                connection, owner, opened = self.connections.pop()
            if owner == pid and opened == inode:
                return connection
            if owner == pid:
                connection.close()
            # another process's (forked) connection: never touched here

    def give(self, connection, inode):
        with self.lock:
            if len(self.connections) < POOL_SIZE:
                self.connections.append((connection, os.getpid(), inode))
                return True
        return False

    def clear(self):
        with self.lock:
            idle, self.connections = self.connections, []
        for connection, owner, _inode in idle:
            if owner == os.getpid():
                connection.close()


_pools: dict[str, _Idle] = {}
_pools_lock = threading.Lock()


def pool(name):
    with _pools_lock:
        return _pools.setdefault(str(name), _Idle())


def _inode(name):
    try:
        stat = os.stat(name)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cursors = weakref.WeakSet()
        self._inode = None

    def _poolable(self):
        return not self.is_in_memory_db()

    def get_new_connection(self, conn_params):
        self._cursors = weakref.WeakSet()
        if self._poolable():
            name = self.settings_dict["NAME"]
            inode = _inode(name)
            if inode is not None:
                connection = pool(name).take(inode)
                if connection is not None:
                    self._inode = inode
                    return connection
        connection = super().get_new_connection(conn_params)
        self._inode = _inode(self.settings_dict["NAME"]) if self._poolable() else None
        return connection

    def create_cursor(self, name=None):
        cursor = super().create_cursor(name)
        self._cursors.add(cursor)
        return cursor

    def _close(self):
        connection = self.connection
        if connection is not None and self._inode is not None and not self.in_atomic_block:
            try:
                clean = self._clean(connection)
            except Exception:  # a connection that cannot even say so is closed, as before
                clean = False
            if clean and pool(self.settings_dict["NAME"]).give(connection, self._inode):
                return None
        return super()._close()

    def _clean(self, connection):
        for cursor in list(self._cursors):
            cursor.close()
        self._cursors = weakref.WeakSet()
        if connection.in_transaction:
            connection.rollback()
        return connection.execute("PRAGMA foreign_keys").fetchall() == [(1,)]
