"""Each search term's row counts the cases holding it (migration 0022), and the count, the
term's blocks and its best postings (migration 0027) stay what the cases' rows of postings
say through every way postings are written and deleted: an import batch, one document, a case
proposed in chat, the whole index rebuilt, a document removed (each leaves nothing queued),
a case deleted (cascading: purged by the next writer), and a store from before the
migrations brought up. A search weighs its terms by these counts, so a wrong one would rank
wrongly."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import delete, select, text

from assistant.importing import ImportOptions, import_file, import_paths
from assistant.indexing import ensure_index_current, reindex_all
from storage.database import Database, alembic_config
from storage.document_removal import remove_document
from storage.models import Case, Document
from storage.posting_store import case_postings, index_problems, purge
from storage.records import propose_case
from storage.search_index import (
    WEIGHT_SCALE,
    document_frequencies,
    index_version,
    stored_weight,
)

EXAMPLES = Path(__file__).parents[2] / "examples"


async def _check(db: Database, *, purged: bool = True) -> None:
    """The index agrees with the cases' rows; `purged`: the last write left nothing queued
    (else the next writer's purge runs first)."""
    queued = await db.write(purge)
    assert not (purged and queued), f"{queued} deleted cases' postings left queued"
    assert await db.read(index_problems) == []


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
    await _check(db, purged=False)
    # Every case gone: no term is held, and a search finds nothing.
    await db.write(lambda s: s.execute(delete(Case)))
    await _check(db, purged=False)
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
    assert await ensure_index_current(db) == 19  # migration 0027 packs the index anew
    await _check(db)


async def test_postings_keep_their_term_through_the_switch_to_ids(db: Database) -> None:
    """Migration 0025 names each posting's term by its id: a posting whose term row was
    missing (deleted by hand) gets one rather than being lost, and every posting's term
    is the one it had."""
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results)
    await ensure_index_current(db)
    terms = dict(await db.read(lambda s: s.execute(text("SELECT id, term FROM search_term")).all()))
    # The postings as that layout held them: the term's text, the weight as a float.
    rows = [(terms[t], c, w / WEIGHT_SCALE) for c, t, w in await db.read(case_postings)]
    held = "SELECT t.term, p.case_id, p.weight FROM search_posting p JOIN search_term t "
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0024"))
        insert = "INSERT INTO search_posting (term, case_id, weight) VALUES (:t, :c, :w)"
        await conn.execute(text(insert), [{"t": t, "c": c, "w": w} for t, c, w in rows])
        await conn.execute(text("DELETE FROM search_term WHERE term = 'legevakt'"))
        before = sorted(
            map(tuple, await conn.execute(text("SELECT term, case_id, weight FROM search_posting")))
        )
    assert any(term == "legevakt" for term, _, _ in before)
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.upgrade(alembic_config(c), "0026"))
        after = sorted(map(tuple, await conn.execute(text(held + "ON t.id = p.term_id"))))
    assert [(t, c) for t, c, _ in after] == [(t, c) for t, c, _ in before]
    weights = zip(after, before, strict=True)
    assert all(new == stored_weight(old) for (_, _, new), (_, _, old) in weights)


async def test_the_index_packed_by_0027_holds_what_it_held(db: Database) -> None:
    """Migration 0027 drops the rows of postings and the analysis fingerprint with them; the
    next start packs the index anew from the cases: the same postings. Its downgrade leaves
    the older layout empty, for the older code's start to rebuild."""
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results)
    assert await ensure_index_current(db) == 19
    before = await db.read(case_postings)
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0026"))
        assert await conn.scalar(text("SELECT count(*) FROM search_posting")) == 0
        assert await conn.scalar(text("SELECT sum(cases) FROM search_term")) == 0
    await db.upgrade()
    assert await db.read(case_postings) == []
    assert await ensure_index_current(db) == 19
    assert await db.read(case_postings) == before
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
