"""The search index follows the cases, and is rebuilt when the text analysis changes."""

from assistant.importing import ImportOptions, import_paths
from assistant.indexing import ANALYSIS_KEY, ensure_index_current
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
