"""`referent import`: minutes files into the store, and the report of what each became.

Loaded by that command alone (bot/cli.py): the document readers and the parser it brings
(bs4, pypdf, python-docx) took 0.3 s of every other command's start, `ask` and `serve`
included."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from assistant.importing import (
    DISK_FULL,
    PARALLEL_FROM,
    ImportOptions,
    ImportResult,
    bulk_import_collector,
    expand_paths,
    import_paths,
)
from assistant.texts import counted, text
from storage.database import Database

from .config import Config
from .json_output import write_json

# The import report's statuses, in the order its summary counts them.
_STATUSES = ("imported", "warning", "unchanged", "failed")


async def run(
    args: argparse.Namespace,
    db: Database,
    config: Config,
    *,
    out: TextIO,
    err: TextIO,
    language: str,
) -> int:
    options = ImportOptions(
        tenant=config.tenant,
        committee=args.committee,
        force=args.force,
        timezone=config.timezone,
        explain=args.explain,
    )
    paths = expand_paths(args.paths)
    show_progress = not args.json and err.isatty() and len(paths) > 1
    bulk = len(paths) >= PARALLEL_FROM
    with bulk_import_collector() if bulk else contextlib.nullcontext():
        results = await _import_paths(db, paths, options, err if show_progress else None)
    if args.json:
        write_json({"documents": [r.as_json() for r in results]}, None, out, err)
    else:
        _print_report(results, out, language)
    if no_room := sum(r.cause == DISK_FULL for r in results):
        documents = counted(language, "cli.count.document", no_room)
        summary = text(language, "cli.import.disk_full.summary", documents=documents)
        print(f"referent: {summary}", file=err)
    return 1 if any(r.status == "failed" for r in results) else 0


async def _import_paths(
    db: Database, paths: list[Path], options: ImportOptions, progress_to: TextIO | None
) -> list[ImportResult]:
    """The import, with a progress bar on `progress_to` when given."""
    if progress_to is None:
        return await import_paths(db, paths, options)
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=Console(file=progress_to),
        transient=True,
    ) as progress:
        bar = progress.add_task("", total=len(paths))
        return await import_paths(
            db,
            paths,
            options,
            on_done=lambda r: progress.update(bar, advance=1, description=Path(r.path).name),
        )


def _print_report(results: list[ImportResult], out: TextIO, language: str) -> None:
    words = {s: text(language, f"cli.import.status.{s}") for s in _STATUSES}
    width = max(10, *map(len, words.values())) + 1  # the status column and the indent
    indent = " " * width
    for r in results:
        name = Path(r.path).name
        status = words.get(r.status, r.status).ljust(width - 1)
        if r.status == "failed":
            error = text(language, "cli.import.disk_full") if r.cause == DISK_FULL else r.error
            print(f"{status} {name}: {error}", file=out)
            continue
        what = " ".join(x for x in (r.committee, _when(r, language)) if x)
        if r.next_meeting:
            upcoming = text(language, "cli.import.next_meeting", date=r.next_meeting.isoformat())
            what += f" ({upcoming})"
        items = counted(language, "cli.count.item", r.cases)
        line = f"{status} {name}: {what}; {items}, {counted(language, 'cli.count.task', r.tasks)}"
        if r.warnings:
            line += " — " + "; ".join(r.warnings)
        print(line, file=out)
        if r.replaced:
            replaced = text(language, "cli.import.replaces", document=r.replaced)
            print(f"{indent}{replaced}", file=out)
        for explained in r.explanation:
            print(f"{indent}{explained}", file=out)
    counts = {s: sum(r.status == s for r in results) for s in _STATUSES}
    summary = ", ".join(
        text(
            language, f"cli.import.total.{s}", documents=counted(language, "cli.count.document", n)
        )
        for s, n in counts.items()
        if n
    )
    print(summary or text(language, "cli.import.nothing"), file=out)


def _when(r: ImportResult, language: str) -> str:
    if r.meeting_date:
        return r.meeting_date.isoformat()
    kind = {"action_plan": "cli.import.action_plan", "case_paper": "cli.import.case_paper"}
    return text(language, kind.get(r.kind or "", "cli.import.no_date"))
