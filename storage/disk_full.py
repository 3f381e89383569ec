"""Telling "the database has no room" apart from the other errors a write can meet.

A write refused for want of space fails again at once however often it is tried, and so does
every write after it until someone frees space: callers stop and say so instead of retrying
(see assistant/importing.py and `referent`'s one-line cause)."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

# PostgreSQL's disk_full (a table, index or catalogue could not grow: "could not extend
# file … No space left on device"); its WAL disk filling up stops the server instead.
_POSTGRESQL_DISK_FULL = "53100"
# A connection, as it starts, may have to write the relation cache's init file into the
# database's folder (after a catalogue change removed it): with no room there the server
# ends the connection with an internal error that only its message tells apart.
_POSTGRESQL_INIT_FILE = ("XX000", "could not write init file")


def is_disk_full(error: BaseException) -> bool:
    """The disk under the database is full, or SQLite's file reached its size limit."""
    cause = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(cause, sqlite3.Error):
        # SQLITE_FULL: the file, its WAL or its journal could not grow.
        return getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    # asyncpg's error, or SQLAlchemy's adapter around it: both carry the SQLSTATE.
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate == _POSTGRESQL_INIT_FILE[0]:
        return _POSTGRESQL_INIT_FILE[1] in str(cause)
    return sqlstate == _POSTGRESQL_DISK_FULL
