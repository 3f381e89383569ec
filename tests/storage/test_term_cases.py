"""Each search term's row counts the cases holding it (migration 0022), and the count stays
what the postings say through every way postings are written and deleted: an import batch,
one document, a case proposed in chat, the whole index rebuilt, a document removed, a case
deleted (cascading), and a store from before the migration brought up. A search weighs its
terms by these counts, so a wrong one would rank wrongly."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_file, import_paths
from assistant.indexing import reindex_all
from storage.database import Database, alembic_config
from storage.document_removal import remove_document
from storage.models import Case, Document, SearchPosting, SearchTerm
from storage.records import propose_case
from storage.search_index import document_frequencies, index_version, stored_weight

EXAMPLES = Path(__file__).parents[2] / "examples"


def _mismatches(session: Session) -> dict[str, tuple[int, int]]:
    """term -> (count kept, postings), where they differ; every posting's term has a row."""
    held = dict(
        session.execute(
            select(SearchPosting.term_id, func.count()).group_by(SearchPosting.term_id)
        ).all()
    )
    kept = {
        i: (t, c)
        for i, t, c in session.execute(select(SearchTerm.id, SearchTerm.term, SearchTerm.cases))
    }
    assert held.keys() <= kept.keys()
    return {t: (c, held.get(i, 0)) for i, (t, c) in kept.items() if c != held.get(i, 0)}


def _orphans(session: Session) -> int:
    """Postings whose case is gone (on PostgreSQL no foreign key stops them: migration 0024)."""
    gone = ~select(Case.id).where(Case.id == SearchPosting.case_id).exists()
    return session.scalar(select(func.count()).select_from(SearchPosting).where(gone)) or 0


async def _check(db: Database) -> None:
    assert await db.read(_mismatches) == {}
    assert await db.read(_orphans) == 0


async def test_the_counts_follow_every_write_and_delete(db: Database, tmp_path: Path) -> None:
    files = sorted(EXAMPLES.iterdir())
    results = await import_paths(db, files[:-1], ImportOptions())  # a batch
    assert all(r.stored for r in results), [r.error for r in results]
    await _check(db)
    assert (await import_file(db, files[-1], ImportOptions())).stored  # one document
    await _check(db)
    # The same minutes again under another name, forced: the earlier copy's cases go.
    copy = tmp_path / f"copy-{files[0].name}"
    shutil.copy(files[0], copy)
    assert (await import_file(db, copy, ImportOptions(force=True))).stored
    await _check(db)

    case = await db.read(lambda s: s.scalars(select(Case).limit(1)).one())
    await propose_case(
        db,
        tenant=case.tenant,
        committee_id=case.committee_id,
        meeting_id=None,
        title="Legevaktsamarbeid og ambulanseberedskap",
        description="Forslag om felles legevakt for kommunene.",
    )
    await _check(db)
    terms = ["legevaktsamarbeid", "ambulanseberedskap"]
    found = await db.read(lambda s: document_frequencies(s, terms))
    assert found and set(found.values()) == {1}

    async with db.session() as session:
        await reindex_all(session)
        await session.commit()
    await _check(db)

    document = await db.read(lambda s: s.scalars(select(Document.id).limit(1)).one())
    assert await db.write(lambda s: remove_document(s, case.tenant, document)) is not None
    await _check(db)
    await db.write(lambda s: s.execute(delete(Case).where(Case.id == case.id)))
    await _check(db)
    # Every case gone: no term is held, and a search finds nothing.
    await db.write(lambda s: s.execute(delete(Case)))
    await _check(db)
    assert await db.read(lambda s: document_frequencies(s, terms)) == {}


async def test_a_store_from_before_gets_its_counts(db: Database) -> None:
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results)
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0021"))
        columns = (await conn.execute(text("SELECT * FROM search_term WHERE 1 = 0"))).keys()
        assert "cases" not in columns
        # A term the vocabulary lacked (written before the vocabulary was) is added.
        await conn.execute(text("DELETE FROM search_term WHERE term = 'legevakt'"))
    await db.upgrade()
    await _check(db)


async def test_postings_keep_their_term_through_the_switch_to_ids(db: Database) -> None:
    """Migration 0025 names each posting's term by its id: a posting whose term row was
    missing (deleted by hand) gets one rather than being lost, and every posting's term
    is the one it had."""
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results)
    held = "SELECT t.term, p.case_id, p.weight FROM search_posting p JOIN search_term t "
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0024"))
        await conn.execute(text("DELETE FROM search_term WHERE term = 'legevakt'"))
        before = sorted(
            map(tuple, await conn.execute(text("SELECT term, case_id, weight FROM search_posting")))
        )
    assert any(term == "legevakt" for term, _, _ in before)
    await db.upgrade()
    async with db.engine.connect() as conn:
        after = sorted(map(tuple, await conn.execute(text(held + "ON t.id = p.term_id"))))
    assert [(t, c) for t, c, _ in after] == [(t, c) for t, c, _ in before]
    weights = zip(after, before, strict=True)
    assert all(new == stored_weight(old) for (_, _, new), (_, _, old) in weights)
    await _check(db)


async def test_minutes_replaced_change_the_index_version(db: Database) -> None:
    """A search keeps the counts it read for as long as the index's version stands. Minutes
    imported again replace their earlier copy, whose postings go: on SQLite the new cases
    may get the same ids and bring no new term, so the removal itself must move the version."""
    first = sorted(EXAMPLES.iterdir())[0]
    assert (await import_file(db, first, ImportOptions())).stored
    before = await db.read(index_version)
    assert (await import_file(db, first, ImportOptions(force=True))).stored
    assert await db.read(index_version) != before
    await _check(db)
