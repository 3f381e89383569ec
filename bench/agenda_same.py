"""Every agenda of a store, written as JSON lines, to compare two checkouts' answers.

Not a speed figure: a check that a change to how the agenda is read gives the same agendas
(the same cases, ids, sentences and text). Run it with each checkout on PYTHONPATH and diff
the two files:

  PYTHONPATH=/work/before python bench/agenda_same.py --seeds ../shared/seeds /tmp/before.jsonl
  PYTHONPATH=/work/main   python bench/agenda_same.py --seeds ../shared/seeds /tmp/after.jsonl
  cmp /tmp/before.jsonl /tmp/after.jsonl

`--seeds DIR…` imports the files of the folders (and examples/) into a new SQLite store and
writes, for every meeting, the agenda's parts (`meeting_answer.agenda`) and the answer text to
«hva står på sakslisten til X?» and "agenda for the next meeting" asked the day before it.
`--reuse FILE|URL` reads a copy of a kept bench store, SQLite or PostgreSQL (it is migrated
and filled as `referent serve` does at its start: do not point it at a store others use) and
writes the agendas of `--sample` meetings spread over it."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import importlib
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.meeting_answer import agenda
from assistant.settled_tasks import ensure_settled_current
from storage.database import Database
from storage.models import Committee, Meeting

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ZONE = ZoneInfo("Europe/Oslo")


async def _start(db: Database) -> None:
    """What `referent serve` does at its start, in the checkout being compared (an older
    one has no stored agenda facts to fill)."""
    await db.upgrade()
    await ensure_settled_current(db)
    try:
        facts = importlib.import_module("assistant.planned_facts")
    except ImportError:
        return
    await facts.ensure_planned_current(db)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value))


def _agendas(session: Session, meeting_ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for meeting_id in meeting_ids:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        found = agenda(session, meeting)
        out.append({"meeting": meeting_id, "agenda": dataclasses.asdict(found)})
    return out


async def _meetings(db: Database, sample: int | None) -> list[int]:
    def ids(session: Session) -> list[int]:
        query = select(Meeting.id).where(Meeting.status != "cancelled").order_by(Meeting.id)
        return list(session.scalars(query))

    found = await db.read(ids)
    if sample and len(found) > sample:
        step = len(found) / sample
        found = [found[int(i * step)] for i in range(sample)]
    return found


async def _answers(db: Database) -> list[dict[str, Any]]:
    """The answer text to agenda questions asked the day before each meeting."""

    def rows(session: Session) -> list[tuple[date, str | None]]:
        query = (
            select(Meeting.date, Committee.short_name)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Meeting.status != "cancelled")
            .distinct()
            .order_by(Meeting.date, Committee.short_name)
        )
        return [(r.date, r.short_name) for r in session.execute(query)]

    out = []
    for day, short in await db.read(rows):
        now = datetime.combine(day - timedelta(days=1), datetime.min.time(), UTC)
        assistant = Assistant(db=db, clock=FixedClock(now), timezone=ZONE, list_cap=None)
        questions = ["agenda for the next meeting"]
        if short:
            questions.insert(0, f"hva står på sakslisten til {short}?")
        for question in questions:
            answer = await assistant.answer(question)
            ids = [(r.role, r.case_id, r.excerpt) for r in answer.results]
            out.append({"asked": now.isoformat(), "question": question, "text": answer.text,
                        "results": ids})  # fmt: skip
    return out


def _files(folders: list[str | Path]) -> list[Path]:
    # In the folders' order (the ids then do not depend on where the checkout is).
    return [p for d in folders for p in sorted(Path(d).rglob("*")) if p.is_file()]


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    lines = (json.dumps(r, ensure_ascii=False, default=_plain, sort_keys=True) for r in rows)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


async def _run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = args.reuse if "://" in (args.reuse or "") else None
        url = url or f"sqlite+aiosqlite:///{args.reuse or Path(folder) / 'agendas.db'}"
        db = Database(url)
        try:
            t0 = time.perf_counter()
            await _start(db)
            print(f"started in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            if args.seeds is not None:
                files = _files([*args.seeds, EXAMPLES])
                results = await import_paths(db, files, ImportOptions())
                failed = [r.path for r in results if not r.stored]
                print(f"imported {len(results) - len(failed)} of {len(results)} files "
                      f"(not: {failed})", file=sys.stderr)  # fmt: skip
            ids = await _meetings(db, args.sample)
            t0 = time.perf_counter()
            rows = await db.read(lambda s: _agendas(s, ids))
            took = time.perf_counter() - t0
            if args.seeds is not None:
                rows += await _answers(db)
        finally:
            await db.close()
    _write(Path(args.out), rows)
    items = sum(len(r["agenda"]["set_items"]) + len(r["agenda"]["carried"]) for r in rows
                if "agenda" in r)  # fmt: skip
    print(f"{len(ids)} agendas ({items} set or carried items) in {took:.1f} s, "
          f"{len(rows)} rows to {args.out}", file=sys.stderr)  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the JSON lines file to write")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--seeds", action="append", metavar="DIR", help="a folder of minutes to import (again)"
    )
    source.add_argument(
        "--reuse",
        metavar="FILE|URL",
        help="a copy of a kept bench store: a SQLite file or a postgresql+asyncpg:// URL",
    )
    parser.add_argument("--sample", type=int, default=None, help="this many meetings, spread")
    return asyncio.run(_run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
