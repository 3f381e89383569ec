"""Import benchmark: synthetic minutes through the real import path, SQLite then PostgreSQL.

    .venv/bin/python bench/import_bench.py                 # 1000 documents, both databases
    .venv/bin/python bench/import_bench.py -n 50 --backend sqlite --keep
    .venv/bin/python bench/import_bench.py --prefill 50000 --keep-prefill   # into a 50k store

The documents (bench/minutes_generator.py) follow the five seed formats. Only the import is
timed: `assistant.importing.import_paths`, the path `referent import FOLDER` takes (read and
parse in worker processes, store in file order, a batch of documents per transaction);
generation and the schema migration are not. Afterwards the bench checks that the figure
means something: nearly all documents imported, the rows in the database match what the
importer reported, and the parser found the cases and action items the generator wrote.

PostgreSQL: a throwaway database on the server of REFERENT_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/test), dropped afterwards; skipped when unreachable.

`--prefill CASES`: each round imports into a store that already holds that many cases (from
the generator's other documents of the same run, so no meeting repeats), not an empty one.
The filled store is built once per database by the same import (not timed), then copied for
every round: the SQLite file, or a PostgreSQL database created from it as a template.
`--keep-prefill` keeps it (a file in the temporary folder, a database on the server) for
the next run with the same --prefill, --seed and -n.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
from machine import busy_seconds, describe, machine, usable_cpus
from minutes_generator import FORMATS, GeneratedDocument, generate
from pg import admin_url, database_url, with_database
from sqlalchemy import func, select, text

from assistant.importing import ImportOptions, ImportResult, bulk_import_collector, import_paths
from assistant.store_current import bring_current
from storage.database import Database
from storage.models import Case, Document, Task

MIN_IMPORTED_SHARE = 0.98  # "nearly all" documents must import
MIN_FOUND_SHARE = 0.90  # of the cases and action items the generator wrote
TARGET_DOCS_PER_S = {"sqlite": 150, "postgresql": 100}  # issue 18, into a 50,000-case store


@dataclass(slots=True)
class Run:
    backend: str
    results: list[ImportResult]
    seconds: list[float]  # per document
    wall: float  # the whole import loop
    stored: dict[str, int]
    server: str
    cpu: float  # the importing process's CPU seconds (its threads, not the workers)
    busy: float | None  # the machine's busy CPU seconds (every process); None: not known
    problems: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        statuses: dict[str, int] = defaultdict(int)
        for r in self.results:
            statuses[r.status] += 1
        return {
            "server": self.server,
            "documents": len(self.results),
            "statuses": dict(statuses),
            "seconds": round(self.wall, 3),
            "docs_per_s": round(len(self.results) / self.wall, 1),
            "ms_per_doc_mean": round(self.wall * 1000 / max(1, len(self.results)), 2),
            # Documents are committed in batches, so the time to the first stored batch is
            # the start-up cost (worker processes) plus one batch.
            "first_batch_ms": round(self.seconds[0] * 1000, 1) if self.seconds else None,
            # CPU a document: the importing process's, and all the machine's (the parser
            # workers, a database server); and how much of the usable CPUs the import used.
            "cpu_ms_per_doc": round(self.cpu * 1000 / max(1, len(self.results)), 2),
            "machine_cpu_ms_per_doc": (
                round(self.busy * 1000 / max(1, len(self.results)), 2)
                if self.busy is not None
                else None
            ),
            "cpus_used": (
                round(self.busy / (self.wall * usable_cpus()), 3) if self.busy is not None else None
            ),
            "stored": self.stored,
            "ok": not self.problems,
            "problems": self.problems,
        }


# -- documents -----------------------------------------------------------------------------------
def write_documents(docs: list[GeneratedDocument], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in docs:
        path = folder / doc.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)  # the order import_paths (expand_paths) would use for a folder


def split_documents(
    count: int, seed: int, prefill_cases: int
) -> tuple[list[GeneratedDocument], list[GeneratedDocument]]:
    """(the documents that fill the store, the `count` documents timed). Both from one
    generator run, so no timed document is of a meeting already stored (it would replace
    that meeting's minutes: other work than an import of new minutes)."""
    if prefill_cases <= 0:
        return [], generate(count, seed)
    estimate = math.ceil(prefill_cases / 7)  # the generator writes ~7.7 cases a document
    while True:
        docs = generate(estimate + count, seed)
        total = 0
        for i, doc in enumerate(docs[:-count]):
            total += doc.cases
            if total >= prefill_cases:
                return docs[: i + 1], docs[-count:]
        estimate = math.ceil(estimate * 1.2)


@dataclass(frozen=True, slots=True)
class Prefill:
    """A store holding the filling documents, copied for each round; "" when empty."""

    key: str  # names a kept store: cases, seed, timed documents
    paths: list[Path]
    keep: bool

    def sqlite_file(self, folder: Path) -> Path:
        return (Path(tempfile.gettempdir()) if self.keep else folder) / f"{self.name}.db"

    @property
    def name(self) -> str:
        return f"referent_prefill_{self.key}"


async def _counts(db: Database) -> dict[str, int]:
    async with db.session() as session:
        return {
            label: await session.scalar(select(func.count()).select_from(model)) or 0
            for label, model in (("documents", Document), ("cases", Case), ("tasks", Task))
        }


async def fill(url: str, prefill: Prefill) -> dict[str, int]:
    """Import the filling documents (not timed); what the store then holds."""
    t0 = time.perf_counter()
    db = Database(url)
    try:
        await db.upgrade()
        await import_paths(db, prefill.paths, ImportOptions())
        await bring_current(db)  # else the first command on a copy rebuilds the whole index
        held = await _counts(db)
    finally:
        await db.close()
    print(f"filled {url}: {held} in {time.perf_counter() - t0:.0f} s (not timed)")
    return held


def sqlite_prefilled(prefill: Prefill, folder: Path) -> Path:
    """The filled SQLite file, built now unless kept from an earlier run."""
    path = prefill.sqlite_file(folder)
    if not path.exists():
        building = path.with_suffix(".building")
        asyncio.run(fill(f"sqlite+aiosqlite:///{building}", prefill))
        conn = sqlite3.connect(building)
        try:  # everything in the file, none in a WAL
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()  # (the last connection closing removes the -wal and -shm files)
        building.rename(path)
    return path


async def _admin_fetch(sql: str) -> object:
    conn = await asyncpg.connect(admin_url(), timeout=5)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def postgresql_prefilled(prefill: Prefill) -> str | None:
    """The name of the filled template database, built now unless kept; None when the
    server is unreachable."""
    exists = f"SELECT 1 FROM pg_database WHERE datname = '{prefill.name}'"
    try:
        if asyncio.run(_admin_fetch(exists)):
            return prefill.name
        asyncio.run(_admin_fetch(f'CREATE DATABASE "{prefill.name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return None
    try:
        asyncio.run(fill(database_url(prefill.name), prefill))
    except BaseException:
        drop_postgresql_prefilled(prefill)
        raise
    return prefill.name


def drop_postgresql_prefilled(prefill: Prefill) -> None:
    asyncio.run(_admin_fetch(f'DROP DATABASE IF EXISTS "{prefill.name}" WITH (FORCE)'))


# -- one backend -------------------------------------------------------------------------------
async def run_import(backend: str, url: str, paths: list[Path], server: str) -> Run:
    db = Database(url)
    try:
        await db.upgrade()  # not timed
        await bring_current(db)  # as every start does; not timed
        if backend == "postgresql":
            # A copied template has no planner statistics or visibility map; on a server,
            # autovacuum keeps both. Not timed.
            async with db.engine.connect() as conn:
                auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await auto.execute(text("VACUUM ANALYZE"))
        before = await _counts(db)  # a prefilled store's rows
        options = ImportOptions()
        seconds: list[float] = []
        last = start = time.perf_counter()

        def done(_: ImportResult) -> None:
            nonlocal last
            now = time.perf_counter()
            seconds.append(now - last)
            last = now

        # The batch path `referent import FOLDER` takes: parsing in worker processes,
        # storing in order, a batch of documents per transaction.
        busy, cpu = busy_seconds(), time.process_time()
        results = await import_paths(db, paths, options, on_done=done)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        busy = None if busy is None or (now := busy_seconds()) is None else now - busy
        after = await _counts(db)
        stored = {label: after[label] - before[label] for label in after}
    finally:
        await db.close()
    return Run(backend, results, seconds, wall, stored, server, cpu, busy)


def run_sqlite(paths: list[Path], folder: Path, round_: int, filled: Path | None) -> Run:
    db_file = folder / f"bench{round_}.db"
    if filled is not None:
        shutil.copyfile(filled, db_file)
        # On disk before the clock starts, as a user's store is: else the import's first WAL
        # checkpoint (SQLite syncs the file after it) waited for the copy's ~100 MB of dirty
        # pages, a cost no real import has.
        with db_file.open("rb+") as copy:
            os.fsync(copy.fileno())
    url = f"sqlite+aiosqlite:///{db_file}"
    try:
        return asyncio.run(run_import("sqlite", url, paths, f"SQLite {sqlite3.sqlite_version}"))
    finally:
        if filled is not None:  # 50,000 cases take hundreds of MB
            for leftover in folder.glob(f"bench{round_}.db*"):
                leftover.unlink()


def run_postgresql(paths: list[Path], template: str | None) -> Run | str:
    """The run, or the reason it was skipped."""
    return with_database(
        "referent_bench",
        lambda url, server: asyncio.run(run_import("postgresql", url, paths, server)),
        template=template,
    )


# -- checks and report ---------------------------------------------------------------------------
def check(run: Run, docs: dict[str, GeneratedDocument]) -> None:
    imported = [r for r in run.results if r.status == "imported"]
    share = len(imported) / len(run.results)
    if share < MIN_IMPORTED_SHARE:
        run.problems.append(f"only {len(imported)}/{len(run.results)} documents imported")
    reported_cases = sum(r.cases for r in imported)
    reported_tasks = sum(r.tasks for r in imported)
    if (run.stored["cases"], run.stored["tasks"]) != (reported_cases, reported_tasks):
        run.problems.append(
            f"database holds {run.stored['cases']} cases / {run.stored['tasks']} tasks, "
            f"the importer reported {reported_cases} / {reported_tasks}"
        )
    if run.stored["documents"] != len(imported):
        run.problems.append(f"{run.stored['documents']} documents stored, {len(imported)} imported")
    written_cases = sum(docs[Path(r.path).name].cases for r in run.results)
    written_tasks = sum(docs[Path(r.path).name].tasks for r in run.results)
    for what, found, written in (
        ("cases", run.stored["cases"], written_cases),
        ("tasks", run.stored["tasks"], written_tasks),
    ):
        if written and found < MIN_FOUND_SHARE * written:
            run.problems.append(f"parser found {found} of {written} generated {what}")


def parse_table(run: Run, docs: dict[str, GeneratedDocument]) -> list[str]:
    """Per format: cases and tasks per document as generated and as the importer found them."""
    rows: dict[str, list[float]] = {f: [0, 0, 0, 0, 0, 0, 0] for f in FORMATS}
    for r in run.results:
        doc = docs[Path(r.path).name]
        row = rows[doc.format]
        row[0] += 1
        row[1] += doc.cases
        row[2] += r.cases
        row[3] += doc.tasks
        row[4] += r.tasks
        row[5] += doc.line_count
        row[6] += len(doc.text.encode())
    out = [
        f"  {'format':<12} {'docs':>5} {'lines':>6} {'bytes':>6}"
        f"   cases/doc gen→found   tasks/doc gen→found"
    ]
    for fmt, (n, cases, found_cases, tasks, found_tasks, lines, size) in rows.items():
        if n:
            out.append(
                f"  {fmt:<12} {n:>5.0f} {lines / n:>6.0f} {size / n:>6.0f}"
                f"   {cases / n:>8.2f} → {found_cases / n:<8.2f}"
                f"   {tasks / n:>8.2f} → {found_tasks / n:.2f}"
            )
    return out


def report(run: Run, rounds: list[Run], prefill_cases: int) -> None:
    f = run.figures()
    print(f"\n{run.backend}: {run.server}, median of {len(rounds)} rounds")
    statuses = ", ".join(f"{k} {v}" for k, v in f["statuses"].items())
    print(f"  documents      {f['documents']}  ({statuses})")
    print(f"  total          {f['seconds']:.2f} s")
    spread = ", ".join(f"{len(r.results) / r.wall:.1f}" for r in rounds)
    print(f"  documents/s    {f['docs_per_s']:.1f}  (rounds: {spread})")
    print(f"  ms/document    {f['ms_per_doc_mean']:.2f} (first batch stored after "
          f"{f['first_batch_ms']} ms, worker start-up included)")  # fmt: skip
    if f["machine_cpu_ms_per_doc"] is not None:
        print(
            f"  CPU/document   {f['machine_cpu_ms_per_doc']:.2f} ms, all processes (the importer "
            f"{f['cpu_ms_per_doc']:.2f}); {f['cpus_used']:.0%} of {usable_cpus()} CPUs used"
        )
    s = f["stored"]
    print(f"  stored         {s['documents']} documents, {s['cases']} cases, {s['tasks']} tasks")
    failures = [r for r in run.results if r.status != "imported"]
    for r in failures[:5]:
        print(f"  not imported   {Path(r.path).name}: {r.status}: {r.error}")
    if len(failures) > 5:
        print(f"  … and {len(failures) - 5} more")
    for problem in run.problems:
        print(f"  CHECK FAILED   {problem}")
    if prefill_cases >= 50_000:  # the target is set for a store of that size
        target = TARGET_DOCS_PER_S[run.backend]
        verdict = "meets" if f["docs_per_s"] >= target else "misses"
        print(f"  target         ≥ {target} documents/s (into a 50,000-case store): {verdict} it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--documents", type=int, default=1000, help="default 1000")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=3, help="runs per backend (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument(
        "--prefill", type=int, default=0, metavar="CASES",
        help="import into a store already holding this many cases (default 0: empty)",
    )  # fmt: skip
    parser.add_argument(
        "--keep-prefill", action="store_true",
        help="keep the filled store (a file in the temporary folder, a PostgreSQL database) "
        "and reuse it when it is there",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.documents < 1 or args.rounds < 1:
        parser.error("--documents and --rounds must be at least 1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    info = machine()
    print(describe(info))
    folder = Path(tempfile.mkdtemp(prefix="referent_bench_"))
    summary: dict[str, Any] = {
        "machine": info, "documents": args.documents, "seed": args.seed,
        "prefill_cases": args.prefill,
    }  # fmt: skip
    ok = True
    prefill: Prefill | None = None
    try:
        t0 = time.perf_counter()
        filling, docs = split_documents(args.documents, args.seed, args.prefill)
        paths = write_documents(docs, folder / "minutes")
        mix = ", ".join(f"{f} {sum(d.format == f for d in docs)}" for f in FORMATS)
        print(f"generated {len(docs)} documents in {time.perf_counter() - t0:.2f} s: {mix}")
        if filling:
            key = f"{args.prefill}_{args.seed}_{args.documents}"
            prefill = Prefill(key, write_documents(filling, folder / "prefill"), args.keep_prefill)
            written = sum(d.cases for d in filling)
            print(f"each round imports into a store of {len(filling)} documents ({written} cases)")
        by_name = {d.name: d for d in docs}
        runs: list[Run] = []
        for backend in ("sqlite", "postgresql"):
            if args.backend not in (backend, "both"):
                continue
            rounds: list[Run] = []
            filled_file = template = None
            if prefill is not None and backend == "sqlite":
                filled_file = sqlite_prefilled(prefill, folder)
            elif prefill is not None:
                template = postgresql_prefilled(prefill)
            # The collector as `referent import` sets it (bot/import_cli.py): what this
            # process holds so far (the generated documents, the filling) out of its reach,
            # as the CLI's start-up heap is, and young collections rarer.
            with bulk_import_collector():
                for i in range(args.rounds):  # each on a new database (empty, or a filled copy)
                    outcome = (
                        run_sqlite(paths, folder, i, filled_file)
                        if backend == "sqlite"
                        else run_postgresql(paths, template)
                    )
                    if isinstance(outcome, str):
                        break
                    rounds.append(outcome)
            if isinstance(outcome, str):
                print(f"\nPostgreSQL: skipped ({outcome})")
                summary[backend] = {"skipped": outcome}
                continue
            # A shared machine is noisy: the median round is reported, with the spread.
            rounds.sort(key=lambda r: r.wall)
            outcome = rounds[len(rounds) // 2]
            check(outcome, by_name)
            report(outcome, rounds, args.prefill)
            summary[backend] = outcome.figures()
            summary[backend]["rounds_docs_per_s"] = [r.figures()["docs_per_s"] for r in rounds]
            ok = ok and not outcome.problems
            runs.append(outcome)
        if runs:
            found = [[(r.cases, r.tasks) for r in run.results] for run in runs]
            agree = all(f == found[0] for f in found)
            note = "" if len(runs) == 1 else "; the backends agree" if agree else "; THEY DISAGREE"
            print(f"\nhow the documents parse ({runs[0].backend} run{note}):")
            print("\n".join(parse_table(runs[0], by_name)))
            if not agree:
                print("  CHECK FAILED   the backends report different cases/tasks per document")
                ok = False
    finally:
        if args.keep:
            print(f"\nkept: {folder / 'minutes'} (and the SQLite files bench*.db)")
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if prefill is not None and prefill.keep:
            print(f"kept the filled store: {prefill.sqlite_file(folder)}, database {prefill.name}")
        elif prefill is not None and args.backend != "sqlite":
            drop_postgresql_prefilled(prefill)
    summary["ok"] = ok
    print(json.dumps(summary, ensure_ascii=False, default=str))
    return 0 if ok else 1


def _as_the_cli_runs() -> None:
    """Run this bench again from a main module without a file, as `referent import` runs:
    each parse worker imports the main script again before it parses, and the referent
    script loads nothing (bot/entry_point.py), while this file loads the whole importer.
    Left as it is, the bench would time that import in every worker, which no user pays."""
    if os.environ.get("REFERENT_IMPORT_BENCH_CHILD"):
        return
    here = str(Path(__file__).resolve().parent)
    code = (
        f"import sys; sys.path.insert(0, {here!r}); import import_bench; "
        "sys.exit(import_bench.main())"
    )
    os.environ["REFERENT_IMPORT_BENCH_CHILD"] = "1"
    os.execv(sys.executable, [sys.executable, "-c", code, *sys.argv[1:]])


if __name__ == "__main__":
    _as_the_cli_runs()
    sys.exit(main())
