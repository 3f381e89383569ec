"""Import benchmark: synthetic minutes through the real import path, SQLite then PostgreSQL.

    .venv/bin/python bench/import_bench.py                 # 1000 documents, both databases
    .venv/bin/python bench/import_bench.py -n 50 --backend sqlite --keep

The documents (bench/minutes_generator.py) follow the five seed formats. Only the import is
timed: `assistant.importing.import_paths`, the path `referent import FOLDER` takes (read and
parse in worker processes, store in file order, one transaction per document); generation and
the schema migration are not. Afterwards the bench
checks that the figure means something: nearly all documents imported, the rows in the
database match what the importer reported, and the parser found the cases and action items
the generator wrote.

PostgreSQL: a throwaway database on the server of REFERENT_BENCH_POSTGRES_URL (default
postgresql://postgres@127.0.0.1:5432/test), dropped afterwards; skipped when unreachable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from machine import describe, machine
from minutes_generator import FORMATS, GeneratedDocument, generate
from pg import with_database
from sqlalchemy import func, select

from assistant.importing import ImportOptions, ImportResult, import_paths
from storage.database import Database
from storage.models import Case, Document, Task

MIN_IMPORTED_SHARE = 0.98  # "nearly all" documents must import
MIN_FOUND_SHARE = 0.90  # of the cases and action items the generator wrote
TARGET_DOCS_PER_S = 100  # the project's target on SQLite


@dataclass(slots=True)
class Run:
    backend: str
    results: list[ImportResult]
    seconds: list[float]  # per document
    wall: float  # the whole import loop
    stored: dict[str, int]
    server: str
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


# -- one backend -------------------------------------------------------------------------------
async def run_import(backend: str, url: str, paths: list[Path], server: str) -> Run:
    db = Database(url)
    try:
        await db.upgrade()  # not timed
        options = ImportOptions()
        seconds: list[float] = []
        last = start = time.perf_counter()

        def done(_: ImportResult) -> None:
            nonlocal last
            now = time.perf_counter()
            seconds.append(now - last)
            last = now

        # The batch path `referent import FOLDER` takes: parsing in worker processes,
        # storing in order, one transaction per document.
        results = await import_paths(db, paths, options, on_done=done)
        wall = time.perf_counter() - start
        stored = {}
        async with db.session() as session:
            for label, model in (("documents", Document), ("cases", Case), ("tasks", Task)):
                stored[label] = await session.scalar(select(func.count()).select_from(model)) or 0
    finally:
        await db.close()
    return Run(backend, results, seconds, wall, stored, server)


def run_sqlite(paths: list[Path], folder: Path, round_: int) -> Run:
    db_file = folder / f"bench{round_}.db"
    url = f"sqlite+aiosqlite:///{db_file}"
    return asyncio.run(run_import("sqlite", url, paths, f"SQLite {sqlite3.sqlite_version}"))


def run_postgresql(paths: list[Path]) -> Run | str:
    """The run, or the reason it was skipped."""
    return with_database(
        "referent_bench",
        lambda url, server: asyncio.run(run_import("postgresql", url, paths, server)),
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
    for fmt, (n, gc, fc, gt, ft, lines, size) in rows.items():
        if n:
            out.append(
                f"  {fmt:<12} {n:>5.0f} {lines / n:>6.0f} {size / n:>6.0f}"
                f"   {gc / n:>8.2f} → {fc / n:<8.2f}   {gt / n:>8.2f} → {ft / n:.2f}"
            )
    return out


def report(run: Run, rounds: list[Run]) -> None:
    f = run.figures()
    print(f"\n{run.backend}: {run.server}, median of {len(rounds)} rounds")
    statuses = ", ".join(f"{k} {v}" for k, v in f["statuses"].items())
    print(f"  documents      {f['documents']}  ({statuses})")
    print(f"  total          {f['seconds']:.2f} s")
    spread = ", ".join(f"{len(r.results) / r.wall:.1f}" for r in rounds)
    print(f"  documents/s    {f['docs_per_s']:.1f}  (rounds: {spread})")
    print(f"  ms/document    {f['ms_per_doc_mean']:.2f} (first batch stored after "
          f"{f['first_batch_ms']} ms, worker start-up included)")  # fmt: skip
    s = f["stored"]
    print(f"  stored         {s['documents']} documents, {s['cases']} cases, {s['tasks']} tasks")
    failures = [r for r in run.results if r.status != "imported"]
    for r in failures[:5]:
        print(f"  not imported   {Path(r.path).name}: {r.status}: {r.error}")
    if len(failures) > 5:
        print(f"  … and {len(failures) - 5} more")
    for problem in run.problems:
        print(f"  CHECK FAILED   {problem}")
    if run.backend == "sqlite":
        verdict = "meets" if f["docs_per_s"] >= TARGET_DOCS_PER_S else "misses"
        print(f"  target         ≥ {TARGET_DOCS_PER_S} documents/s on SQLite: {verdict} it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--documents", type=int, default=1000, help="default 1000")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=3, help="runs per backend (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args(argv)
    if args.documents < 1 or args.rounds < 1:
        parser.error("--documents and --rounds must be at least 1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    info = machine()
    print(describe(info))
    folder = Path(tempfile.mkdtemp(prefix="referent_bench_"))
    summary: dict[str, Any] = {"machine": info, "documents": args.documents, "seed": args.seed}
    ok = True
    try:
        t0 = time.perf_counter()
        docs = generate(args.documents, args.seed)
        paths = write_documents(docs, folder / "minutes")
        mix = ", ".join(f"{f} {sum(d.format == f for d in docs)}" for f in FORMATS)
        print(f"generated {len(docs)} documents in {time.perf_counter() - t0:.2f} s: {mix}")
        by_name = {d.name: d for d in docs}
        runs: list[Run] = []
        for backend in ("sqlite", "postgresql"):
            if args.backend not in (backend, "both"):
                continue
            rounds: list[Run] = []
            for i in range(args.rounds):  # each on a new, empty database
                outcome = (
                    run_sqlite(paths, folder, i) if backend == "sqlite" else run_postgresql(paths)
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
            report(outcome, rounds)
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
    summary["ok"] = ok
    print(json.dumps(summary, ensure_ascii=False, default=str))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
