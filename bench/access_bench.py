"""What committee access (storage/committee_access.py) costs an answer: the seed minutes and
the bundled examples in a new store, then the same questions answered in-process by
Assistant.answer, read as

- `operator`   the CLI without --as: no reader, nothing looked up;
- `open`       a chat user in a tenant whose committees are all open (one lookup: are any
               kept to members? no);
- `member`     a member of SSU, kept to its members (the viewer worked out, nothing hidden);
- `non-member` someone in LSU only (the viewer hides SSU: loader criteria on every query,
               the search's SQL with the extra condition).

Each question is asked as each reader in turn (so a busy moment of a shared machine costs
them alike). Prints the median and p95 per reader in ms, then one JSON line. Figures only.

    .venv/bin/python bench/access_bench.py                  # SQLite file, 30 rounds
    .venv/bin/python bench/access_bench.py --backend postgresql -n 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from assistant.assistant import Assistant  # noqa: E402
from assistant.clock import FixedClock  # noqa: E402
from assistant.importing import ImportOptions, import_paths  # noqa: E402
from bench.machine import describe, machine  # noqa: E402
from bench.pg import with_database  # noqa: E402
from storage.committee_access import MEMBERS, Reader  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.models import Committee, Person  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
QUESTIONS = [
    "hva ble bestemt om LAR?",
    "hva ble vedtatt om øyeblikkelig hjelp?",
    "oppgaver for AU",
    "når er neste møte?",
    "hvem skal gjøre noe?",
]
OPEN, CLOSED = "open-tenant", "closed-tenant"


async def _prepare(db: Database) -> dict[str, int]:
    await db.upgrade()
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.md"))
    for tenant in (OPEN, CLOSED):
        await import_paths(db, paths, ImportOptions(tenant=tenant))

    def close(session: Any) -> dict[str, int]:
        ssu = session.scalars(
            select(Committee).where(Committee.tenant == CLOSED, Committee.short_name == "SSU")
        ).first()
        ssu.access = MEMBERS

        def person(name: str) -> int:
            return session.scalar(
                select(Person.id).where(Person.tenant == CLOSED, Person.name == name)
            )

        return {"member": person("Tom Ole Øhren"), "non-member": person("Britt Kveseth")}

    return await db.write(close)


async def _time(assistant: Assistant, reader: Any, rounds: int) -> list[float]:
    took: list[float] = []
    for _ in range(rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            await assistant.answer(question, reader=reader)
            took.append((time.perf_counter() - started) * 1000)
    return took


async def run(url: str, rounds: int) -> dict[str, Any]:
    db = Database(url)
    try:
        people = await _prepare(db)

        def assistant(tenant: str) -> Assistant:
            clock = FixedClock(datetime(2023, 9, 1, tzinfo=UTC))
            return Assistant(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"), tenant=tenant)

        async def lookup_none() -> Reader:
            return Reader()

        def lookup(person_id: int) -> Any:
            async def found() -> Reader:
                return Reader(person_id=person_id)

            return found

        readers = {
            "operator": (assistant(CLOSED), None),
            "open": (assistant(OPEN), lookup_none),
            "member": (assistant(CLOSED), lookup(people["member"])),
            "non-member": (assistant(CLOSED), lookup(people["non-member"])),
        }
        for a, reader in readers.values():  # warm: vocabulary, caches
            await _time(a, reader, 2)
        took: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(rounds):  # interleaved, so a busy moment costs every reader alike
            for question in QUESTIONS:
                for name, (a, reader) in readers.items():
                    started = time.perf_counter()
                    await a.answer(question, reader=reader)
                    took[name].append((time.perf_counter() - started) * 1000)
        figures: dict[str, Any] = {}
        for name, times in took.items():
            figures[name] = {
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(statistics.quantiles(times, n=20)[18], 2),
            }
        return figures
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--rounds", type=int, default=30)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    print(describe(machine()))
    if args.backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            figures = asyncio.run(run(f"sqlite+aiosqlite:///{tmp}/bench.db", args.rounds))
    else:
        got = with_database("access_bench", lambda url, _: asyncio.run(run(url, args.rounds)))
        if isinstance(got, str):
            raise SystemExit(f"PostgreSQL not usable: {got}")
        figures = got
    for name, f in figures.items():
        median, p95 = f["median_ms"], f["p95_ms"]
        print(f"{args.backend:10} {name:11} median {median:7.2f} ms  p95 {p95:7.2f} ms")
    print(json.dumps({"backend": args.backend, "rounds": args.rounds, "figures": figures}))


if __name__ == "__main__":
    main()
