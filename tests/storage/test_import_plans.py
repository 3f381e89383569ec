"""Storing minutes reads no table whole that grows with the archive: every statement an
import runs (its rows, the settling of its tasks, the postings) finds the task, case and
meeting rows it needs by an index. A scan costs little on the examples and milliseconds a
statement at 50,000 cases (the settling reads of a batch's meetings scanned every task until
migration 0026).

SQLite only: it plans every statement for its parameters, which EXPLAIN QUERY PLAN shows for
the parameters the import used. The plans are asked of a copy without the planner's
statistics: of the examples' few rows they rightly say a scan is cheapest; without them
SQLite plans as for large tables, as its statistics of a real archive make it. PostgreSQL's
plans depend on the table sizes and statistics (on a few rows a scan is its cheapest plan,
and right); its search statements are checked on 20,000 cases in test_search_plans.py.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from tests.conftest import ROOT

GROWING = (
    "task", "case_item", "meeting", "search_block", "search_case", "case_key", "task_term"
)  # fmt: skip


@contextmanager
def _recorded() -> Iterator[list[tuple[str, Any]]]:
    """Every statement any engine runs meanwhile, with its parameters (one row of many)."""
    found: list[tuple[str, Any]] = []

    def record(_c: Any, _cur: Any, statement: str, params: Any, _x: Any, many: bool) -> None:
        found.append((statement, params[0] if many and params else params))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _without_statistics(path: Path, copy: Path) -> Path:
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            conn.execute("DELETE FROM sqlite_stat1")
        conn.commit()
    finally:
        conn.close()
    return copy


def _scans(path: Path, statement: str, params: Any) -> list[str]:
    """The plan's lines that read one of the growing tables whole."""
    conn = sqlite3.connect(path)
    try:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {statement}", params or ()).fetchall()
    finally:
        conn.close()
    return [
        detail
        for *_, detail in plan
        if any(detail in (f"SCAN {t}", f"SCAN {t} AS") or detail.startswith(f"SCAN {t} ")
               for t in GROWING) and "USING" not in detail
    ]  # fmt: skip


async def test_an_import_reads_no_growing_table_whole(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    if db.dialect != "sqlite":
        pytest.skip("SQLite plans each statement for its parameters; PostgreSQL by table size")
    options = ImportOptions()
    await import_paths(db, [ROOT / "examples"], options)  # the store has rows to find
    again = sorted((ROOT / "examples").iterdir())
    with _recorded() as statements:
        # Each document again, as corrected minutes of its meeting (replaced, re-settled).
        results = await import_paths(db, again, ImportOptions(force=True))
    assert all(r.status in ("imported", "warning") for r in results), results
    await db.close()  # its last connection writes the WAL back into the file
    path = _without_statistics(Path(database_url.split("///", 1)[1]), tmp_path / "plans.db")
    kinds = ("SELECT", "UPDATE", "DELETE", "WITH")  # an INSERT of values reads no table
    checked = [(s, p) for s, p in statements if s.lstrip().upper().startswith(kinds)]
    assert len(checked) > 20, "the import ran no statements to check"
    scans = [f"{lines}\n{s}" for s, p in checked if (lines := _scans(path, s, p))]
    assert not scans, "statements that read a growing table whole:\n\n" + "\n\n".join(scans)
