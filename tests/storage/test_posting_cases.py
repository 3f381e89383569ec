"""A case's postings live and die with it on both databases: its row of postings goes with
it (foreign key), queued by a trigger until a writer purges them from the terms' blocks, tops
and counts (migration 0027), and the cases are locked while their postings are rewritten. A
case deleted while its postings are being rewritten ends with none, whichever of the two
writes goes first."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from assistant.indexing import reindex_all
from assistant.search.case_weights import case_weights
from storage.database import Database
from storage.models import Case
from storage.posting_codec import count
from storage.posting_store import case_postings, index_problems, purge, replace_postings

EXAMPLES = Path(__file__).parents[2] / "examples"


async def _two_cases(db: Database) -> tuple[int, int]:
    results = await import_paths(db, sorted(EXAMPLES.iterdir())[:1], ImportOptions())
    assert all(r.stored for r in results), [r.error for r in results]
    ids = await db.read(lambda s: list(s.scalars(select(Case.id).order_by(Case.id).limit(2))))
    return ids[0], ids[1]


def _postings_by_case(session: Session) -> dict[int, int]:
    """case id -> how many postings it holds, once the deleted cases' are purged; and the
    index agrees with the cases' rows."""
    purge(session)
    assert index_problems(session) == []
    counted: dict[int, int] = {}
    for case_id, _, _ in case_postings(session):
        counted[case_id] = counted.get(case_id, 0) + 1
    return counted


async def _reindex(session: AsyncSession, ids: tuple[int, ...]) -> None:
    """What `reindex_all` does for these cases: their weights from the text it read."""
    cases = list(await session.scalars(select(Case).where(Case.id.in_(ids))))
    weights = {case.id: case_weights(case) for case in cases}
    await session.run_sync(replace_postings, weights)


async def _delete_case(db: Database, case_id: int) -> None:
    await db.write(lambda s: s.execute(delete(Case).where(Case.id == case_id)))


async def _deleted_during(
    db: Database, case_id: int, write: Callable[[AsyncSession], Awaitable[object]]
) -> None:
    """`write` in a transaction, and case `case_id` deleted by another writer before it
    commits: the deletion must wait for it."""
    async with db.session() as session, session.begin():
        await write(session)
        deleting = asyncio.create_task(_delete_case(db, case_id))
        await asyncio.sleep(0.3)
        assert not deleting.done()
    await deleting


_QUEUED = "SELECT case_id, postings FROM search_gone"


async def test_a_deleted_case_takes_its_postings(db: Database) -> None:
    gone, kept = await _two_cases(db)
    before = await db.write(_postings_by_case)
    assert before[gone] > 0 and before[kept] > 0
    await _delete_case(db, gone)
    queued = await db.read(lambda s: s.execute(text(_QUEUED)).all())
    assert [(case_id, count(blob)) for case_id, blob in queued] == [(gone, before[gone])]
    after = await db.write(_postings_by_case)
    assert gone not in after
    assert after == {c: n for c, n in before.items() if c != gone}


async def test_a_case_deleted_before_its_reindex_gets_no_postings(db: Database) -> None:
    gone, kept = await _two_cases(db)
    async with db.session() as session, session.begin():
        cases = list(await session.scalars(select(Case).where(Case.id.in_((gone, kept)))))
        weights = {case.id: case_weights(case) for case in cases}
        # Deleted by another writer after this one read it, before it writes the postings.
        await _delete_case(db, gone)
        await session.run_sync(replace_postings, weights)
    found = await db.write(_postings_by_case)
    assert gone not in found and found[kept] > 0


async def test_a_case_deleted_during_its_reindex_loses_the_new_postings(db: Database) -> None:
    gone, kept = await _two_cases(db)
    # The deletion waits for the reindex to end (PostgreSQL: the lock on the case; SQLite:
    # the write lock), then takes the postings the reindex wrote.
    await _deleted_during(db, gone, lambda session: _reindex(session, (gone, kept)))
    found = await db.write(_postings_by_case)
    assert gone not in found and found[kept] > 0


async def test_a_case_deleted_during_a_whole_rebuild_leaves_no_postings(db: Database) -> None:
    """`reindex_all` clears every posting and writes them all again in one transaction
    (on PostgreSQL after a TRUNCATE, with no lock on each case): a case deleted meanwhile
    waits for the rebuild, then goes with the postings it wrote."""
    gone, kept = await _two_cases(db)
    await _deleted_during(db, gone, reindex_all)
    found = await db.write(_postings_by_case)
    assert gone not in found and found[kept] > 0
    assert await db.read(lambda s: s.get(Case, gone)) is None
