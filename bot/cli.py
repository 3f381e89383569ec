"""The `referent` command line: import minutes, list meetings and tasks.

`--json` prints exactly one JSON object on stdout (the contract other tools rely on);
human output goes to stdout too, progress and warnings to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from assistant.clock import Clock, SystemClock
from assistant.importing import ImportOptions, ImportResult, expand_paths, import_paths
from storage.database import Database
from storage.queries import MeetingRow, TasksFor, meetings, tasks_for

from .config import Config, ConfigError


@dataclass(frozen=True, slots=True)
class Context:
    config: Config
    clock: Clock
    out: TextIO
    err: TextIO


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referent",
        description="Referent: minutes, decisions and tasks of committees.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import minutes documents (txt, md, html, docx, pdf)")
    imp.add_argument("paths", nargs="+", type=Path, help="files or folders")
    imp.add_argument("--committee", help="committee of every document (e.g. SSU)")
    imp.add_argument("--force", action="store_true", help="re-import unchanged documents")
    imp.add_argument("--json", action="store_true", help="one JSON object on stdout")

    meet = sub.add_parser("meetings", help="list meetings")
    meet.add_argument("--upcoming", action="store_true", help="only meetings not yet held")
    meet.add_argument("--json", action="store_true")

    tasks = sub.add_parser("tasks", help="tasks of a person, group or organisation")
    tasks.add_argument("--for", dest="name", required=True, help='e.g. "Britt Kveseth" or AU')
    tasks.add_argument("--all", action="store_true", help="include done tasks")
    tasks.add_argument("--json", action="store_true")

    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"], help="apply schema migrations")
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = Config.from_env()
    except ConfigError as error:
        print(f"referent: {error}", file=sys.stderr)
        return 2
    ctx = Context(config, clock or SystemClock(), sys.stdout, sys.stderr)
    try:
        return asyncio.run(_run(args, ctx))
    except BrokenPipeError:  # `referent … | head`
        sys.stderr.close()
        return 0


async def _run(args: argparse.Namespace, ctx: Context) -> int:
    db = Database(ctx.config.database_url)
    try:
        await db.upgrade()
        if args.command == "import":
            return await _import(args, ctx, db)
        if args.command == "meetings":
            return await _meetings(args, ctx, db)
        if args.command == "tasks":
            return await _tasks(args, ctx, db)
        if args.command == "db":
            print("database schema is up to date", file=ctx.out)
            return 0
        raise AssertionError(args.command)
    finally:
        await db.close()


def _emit_json(ctx: Context, payload: dict[str, Any]) -> None:
    json.dump(payload, ctx.out, ensure_ascii=False, indent=2, default=str)
    ctx.out.write("\n")


async def _import(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    options = ImportOptions(
        tenant=ctx.config.tenant,
        committee=args.committee,
        force=args.force,
        timezone=ctx.config.timezone,
    )
    paths = expand_paths(args.paths)
    show_progress = not args.json and ctx.err.isatty() and len(paths) > 1
    if show_progress:
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(file=ctx.err),
            transient=True,
        ) as progress:
            bar = progress.add_task("", total=len(paths))
            results = await import_paths(
                db,
                paths,
                options,
                on_done=lambda r: progress.update(bar, advance=1, description=Path(r.path).name),
            )
    else:
        results = await import_paths(db, paths, options)
    if args.json:
        _emit_json(ctx, {"documents": [r.as_json() for r in results]})
    else:
        _print_import(ctx, results)
    return 1 if any(r.status == "failed" for r in results) else 0


def _print_import(ctx: Context, results: list[ImportResult]) -> None:
    for r in results:
        name = Path(r.path).name
        if r.status == "failed":
            print(f"failed     {name}: {r.error}", file=ctx.out)
            continue
        what = " ".join(x for x in (r.committee, _when(r)) if x)
        if r.next_meeting:
            what += f" (next meeting {r.next_meeting.isoformat()})"
        print(f"{r.status:<10} {name}: {what}; {r.cases} cases, {r.tasks} tasks", file=ctx.out)
        if r.replaced:
            print(f"           replaces the earlier minutes {r.replaced}", file=ctx.out)
    counts = {s: sum(r.status == s for r in results) for s in ("imported", "unchanged", "failed")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    print(summary, file=ctx.out)


def _when(r: ImportResult) -> str:
    if r.meeting_date:
        return r.meeting_date.isoformat()
    return {
        "action_plan": "action plan, no meeting date",
        "case_paper": "case paper, no meeting date",
    }.get(r.kind or "", "no meeting date")


def _local(ctx: Context, value: datetime | None) -> str | None:
    return value.astimezone(ctx.config.tz).strftime("%H:%M") if value else None


def _meeting_json(ctx: Context, row: MeetingRow) -> dict[str, Any]:
    m = row.meeting
    return {
        "committee": row.committee.short_name or row.committee.name if row.committee else None,
        "committee_name": row.committee.name if row.committee else None,
        "date": m.date.isoformat(),
        "starts": _local(ctx, m.starts_at),
        "ends": _local(ctx, m.ends_at),
        "starts_at": m.starts_at.isoformat() if m.starts_at else None,
        "location": m.location,
        "status": m.status,
        "cases": row.cases,
        "document": row.document.name if row.document else None,
    }


async def _meetings(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    now = ctx.clock.now() if args.upcoming else None
    async with db.session() as session:
        rows = await meetings(session, tenant=ctx.config.tenant, upcoming_from=now)
    items = [_meeting_json(ctx, row) for row in rows]
    if args.json:
        _emit_json(ctx, {"meetings": items})
        return 0
    if not items:
        print("No upcoming meetings." if args.upcoming else "No meetings yet.", file=ctx.out)
        return 0
    for item in items:
        time = "–".join(t for t in (item["starts"], item["ends"]) if t)
        details = ", ".join(
            x
            for x in (
                item["location"],
                f"{item['cases']} cases" if item["cases"] else None,
                item["document"],
            )
            if x
        )
        committee = item["committee"] or "-"
        line = f"{committee:<6} {item['date']} {time:<11} {item['status']:<8} {details}"
        print(line, file=ctx.out)
    return 0


def _task_json(found: TasksFor, task: Any) -> dict[str, Any]:
    via_group = next((g.short_name for g in found.groups if g.id == task.group_id), None)
    due = task.due_text if task.due_is_approximate else task.due_date
    return {
        "description": task.description,
        "assignee": task.assignee_name,
        "assignee_kind": task.assignee_kind,
        "via_group": via_group,
        "due": due.isoformat() if hasattr(due, "isoformat") else due,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "due_text": task.due_text,
        "status": task.status,
        "case": task.case.number if task.case else None,
        "meeting_date": task.meeting.date.isoformat() if task.meeting else None,
        "committee": task.committee.short_name or task.committee.name if task.committee else None,
    }


async def _tasks(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    async with db.session() as session:
        found = await tasks_for(
            session, tenant=ctx.config.tenant, name=args.name, include_done=args.all
        )
    items = [_task_json(found, t) for t in found.tasks]
    person = found.person.name if found.person else args.name
    if args.json:
        _emit_json(
            ctx,
            {
                "person": person,
                "groups": [g.short_name or g.name for g in found.groups],
                "tasks": items,
            },
        )
        return 0
    console = Console(file=ctx.out, highlight=False, soft_wrap=True)
    groups = ", ".join(g.short_name or g.name for g in found.groups)
    member = f" (member of {groups})" if groups and found.person else ""
    console.print(f"Tasks for {person}{member}")
    if not items:
        console.print("  none")
    for item in items:
        owner = f"{item['assignee']}" + (" (group)" if item["via_group"] else "")
        where = ", ".join(
            x
            for x in (
                item["committee"],
                item["meeting_date"],
                item["case"] and f"sak {item['case']}",
            )
            if x
        )
        due = f" — due {item['due']}" if item["due"] else ""
        done = " [done]" if item["status"] == "done" else ""
        console.print(f"- {owner}: {item['description']}{due}{done}  ({where})")
    return 0
