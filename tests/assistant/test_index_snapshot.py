"""An assistant that lives on while minutes come and go: each answer checks its snapshot of
the search index in its own session, and reloads it when the index moved (minutes imported
or removed since), so the next answer finds the new case and no longer the removed one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.document_deletion import delete_document
from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from storage.models import Document
from tests.conftest import EXAMPLES

NOW = datetime(2026, 12, 5, 9, tzinfo=UTC)
MINUTES = """Referat fra Samarbeidsutvalget (SSU) 3. desember 2026

Sak 50/2026 Bølgekraftverket på kaia
Vedtak: SSU støtter at bølgekraftverket på kaia får strøm fra sykehuset.
"""


async def test_the_next_answer_sees_minutes_imported_and_removed_meanwhile(
    db: Database, tmp_path: Path
) -> None:
    assert all(
        r.status == "imported"
        for r in await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    )
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=ZoneInfo("Europe/Oslo"))
    question = "hva ble bestemt om bølgekraftverket?"
    before = await assistant.answer(question)
    assert not before.found  # near miss: no minutes say it yet

    new = tmp_path / "ssu-2026-12-03.txt"
    new.write_text(MINUTES, encoding="utf-8")
    assert [r.status for r in await import_paths(db, [new], ImportOptions())] == ["imported"]
    found = await assistant.answer(question)
    assert found.found and found.results[0].case == "50/2026"

    def remove(session) -> None:  # type: ignore[no-untyped-def]
        document = session.scalar(select(Document).where(Document.name == new.name))
        assert delete_document(session, "default", document.id) is not None

    await db.write(remove)
    gone = await assistant.answer(question)
    assert not gone.found
