"""Admin commands benchmark: removing one document (storage/document_removal.py) and exporting
a committee (storage/committee_export.py) in a large store, SQLite and PostgreSQL.

    .venv/bin/python bench/removal_bench.py                     # 1,000 documents, both
    .venv/bin/python bench/removal_bench.py --documents 300 --backend sqlite

The store is the importer's own work on synthetic minutes (bench/minutes_generator.py).
Measured, each on its own: what a removal would take (`removal_plan`, what the chat and the
CLI show first), the removal itself (one transaction, `Database.write`) for `--removals`
documents picked at random, and the JSON export of every committee. Printed: median and
maximum in milliseconds, and the store's size.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from assistant.importing import ImportOptions, import_paths
from bench import pg
from bench.minutes_generator import generate
from storage.committee_export import export_committee_id
from storage.database import Database
from storage.document_removal import removal_plan, remove_document
from storage.models import Case, Committee, Document, Task

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f} ms, max {max(values):7.1f} ms"


async def _run(url: str, folder: Path, removals: int, label: str) -> None:
    db = Database(url)
    try:
        await db.upgrade()
        started = time.perf_counter()
        paths = sorted(folder.glob("*.txt"))  # noqa: ASYNC240 (a bench's setup)
        results = await import_paths(db, paths, ImportOptions())
        await db.optimize()
        built = time.perf_counter() - started
        stored = sum(r.status == "imported" for r in results)

        def size(session) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
            count = session.scalar
            return (
                count(select(func.count(Document.id))),
                count(select(func.count(Case.id))),
                count(select(func.count(Task.id))),
            )

        documents, cases, tasks = await db.read(size)
        print(f"{label}: {stored} documents imported in {built:.1f} s "
              f"({documents} documents, {cases} cases, {tasks} tasks)")  # fmt: skip
        ids = await db.read(lambda s: list(s.scalars(select(Document.id))))
        picked = random.Random(7).sample(ids, min(removals, len(ids)))
        plans, deletes, removed_cases = [], [], 0
        for document_id in picked:
            started = time.perf_counter()
            await db.read(lambda s, d=document_id: removal_plan(s, "default", d))
            plans.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            removed = await db.write(lambda s, d=document_id: remove_document(s, "default", d))
            deletes.append((time.perf_counter() - started) * 1000)
            removed_cases += removed.cases if removed else 0
        print(f"  what would go (removal_plan):   {_ms(plans)}")
        print(f"  removal (one transaction):      {_ms(deletes)}  "
              f"({len(picked)} documents, {removed_cases} cases)")  # fmt: skip
        committees = await db.read(lambda s: list(s.scalars(select(Committee.id))))
        exports, sizes = [], []
        for committee_id in committees:
            started = time.perf_counter()
            exported = await db.read(
                lambda s, c=committee_id: export_committee_id(s, "default", c, NOW)
            )
            exports.append((time.perf_counter() - started) * 1000)
            sizes.append(len(exported["cases"]))
        print(f"  export of a committee:          {_ms(exports)}  "
              f"({len(committees)} committees, up to {max(sizes)} cases)")  # fmt: skip
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--removals", type=int, default=20)
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minutes"
        folder.mkdir()
        for doc in generate(args.documents):
            (folder / doc.name).write_text(doc.text, encoding="utf-8")
        if args.backend in ("both", "sqlite"):
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
            asyncio.run(_run(url, folder, args.removals, "SQLite"))
        if args.backend in ("both", "postgresql"):

            def on_postgres(url: str, server: str) -> None:
                asyncio.run(_run(url, folder, args.removals, server))

            skipped = pg.with_database("referent_removalbench", on_postgres)
            if isinstance(skipped, str):
                print(f"PostgreSQL skipped: {skipped}")


if __name__ == "__main__":
    main()
