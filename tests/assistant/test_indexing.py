"""The search index follows the cases, and is rebuilt when the text analysis changes."""

import os

import pytest
from sqlalchemy import text

from assistant.importing import ImportOptions, import_paths
from assistant.indexing import ANALYSIS_KEY, ensure_index_current, reindex_all
from storage.database import Database
from storage.posting_store import case_postings, index_problems
from storage.search_index import get_meta, set_meta
from tests.conftest import EXAMPLES


async def postings(db: Database) -> int:
    assert await db.read(index_problems) == []
    return len(await db.read(case_postings))


async def test_index_is_rebuilt_when_the_analysis_changes(db: Database) -> None:
    await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert await ensure_index_current(db) == 19  # first run: builds and records the version
    assert await ensure_index_current(db) is None  # nothing changed
    before = await postings(db)
    async with db.session() as session, session.begin():
        await set_meta(session, ANALYSIS_KEY, "an older analysis")
    assert await ensure_index_current(db) == 19
    assert await postings(db) == before  # rebuilt, not doubled
    async with db.session() as session:
        assert await get_meta(session, ANALYSIS_KEY) != "an older analysis"


async def test_cases_removed_with_their_document_leave_no_postings(db: Database, tmp_path) -> None:
    path = EXAMPLES / "lsu-fjordby-2026-10-14.txt"
    await import_paths(db, [path], ImportOptions())
    first = await postings(db)
    assert first > 0
    await import_paths(db, [path], ImportOptions(force=True))
    assert await postings(db) == first


async def test_the_analysis_in_worker_processes_gives_the_same_index(db: Database) -> None:
    """A large store's rebuild analyses its cases in worker processes, several batches
    ahead: the same postings, blocks, tops and counts as analysing them here."""
    await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    here = await _rebuilt(db, parallel_from=10**9)
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: a rebuild analyses in its own process")
    assert await _rebuilt(db, parallel_from=1) == here


async def _rebuilt(db: Database, parallel_from: int) -> list[tuple[int, ...]]:
    async with db.session() as session, session.begin():
        assert await reindex_all(session, batch=3, parallel_from=parallel_from) == 19
    return await postings_and_terms(db)


async def postings_and_terms(db: Database) -> list[tuple[int, ...]]:
    assert await db.read(index_problems) == []
    terms = "SELECT id, cases, top FROM search_term ORDER BY id"
    return await db.read(lambda s: case_postings(s) + s.execute(text(terms)).all())


async def test_a_start_purges_the_postings_of_cases_deleted_behind_its_back(db: Database) -> None:
    """A case deleted by hand (its row of postings goes with it, queued) leaves its postings
    in the terms' blocks and counts until a writer purges them: the next start does."""
    await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    await ensure_index_current(db)
    await db.write(lambda s: s.execute(text("DELETE FROM case_item WHERE id = 1")))
    queued = "SELECT count(*) FROM search_gone"
    assert await db.read(lambda s: s.scalar(text(queued))) == 1
    assert await db.read(index_problems) != []  # near miss: before the start
    assert await ensure_index_current(db) is None
    assert await db.read(lambda s: s.scalar(text(queued))) == 0
    assert await db.read(index_problems) == []
