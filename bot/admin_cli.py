"""`referent documents` (list, `delete ID`) and `referent export COMMITTEE`: the operator's
administration. The command line is the operator's own: no administrator check (whoever
runs it can read the database anyway); `--tenant` picks whose records.

`documents delete` shows what would go and asks y/N on a terminal; without a terminal it
deletes only with `--yes` (a script must say so). The JSON (`--json`, and the export) is
the contract; the lines for people are in the language asked (assistant/texts.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from assistant.admin_replies import removal_done, removal_summary
from assistant.clock import Clock
from assistant.document_deletion import delete_document
from assistant.plain_text import plain_text
from assistant.texts import counted, text
from storage.committee_export import ExportError, export_committee
from storage.database import Database
from storage.document_removal import list_documents, removal_plan

from .config import Config
from .json_output import write_json

COMMANDS = frozenset({"documents", "export"})
_YES = frozenset({"j", "ja", "y", "yes"})


@dataclass(frozen=True, slots=True)
class Terminal:
    """Where the command writes, and where it asks (stdin, when it is a terminal)."""

    out: TextIO
    err: TextIO
    inp: TextIO


def add_parsers(sub: Any, language_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """The commands' parsers, on `referent`'s subparsers."""
    docs = sub.add_parser(
        "documents", help="list imported documents; `documents delete ID` removes one"
    )
    docs.add_argument("--json", action="store_true", help="one JSON object on stdout")
    language_option(docs)
    action = docs.add_subparsers(dest="documents_action")
    delete = action.add_parser(
        "delete", help="delete a document and everything read from it (asks first)"
    )
    delete.add_argument("id", type=int, help="the document's id (see `referent documents`)")
    delete.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    delete.add_argument("--json", action="store_true", help="one JSON object on stdout")
    language_option(delete)

    export = sub.add_parser("export", help="a committee's record as JSON (stdout or --out)")
    export.add_argument("committee", help="short name, name or alias, e.g. SSU")
    export.add_argument("--out", type=Path, help="write the JSON to this file")
    language_option(export)


async def run(
    args: argparse.Namespace,
    db: Database,
    config: Config,
    clock: Clock,
    terminal: Terminal,
    language: str,
) -> int:
    if args.command == "export":
        return await _export(args, db, config, clock, terminal, language)
    if getattr(args, "documents_action", None) == "delete":
        return await _delete(args, db, config.tenant, terminal, language)
    return await _list(args, db, config, terminal, language)


def _emit(out: TextIO, payload: dict[str, Any]) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


async def _list(
    args: argparse.Namespace, db: Database, config: Config, terminal: Terminal, language: str
) -> int:
    rows = await db.read(lambda s: list_documents(s, config.tenant))
    if args.json:
        _emit(terminal.out, {"documents": [r.as_json() for r in rows]})
        return 0
    if not rows:
        print(text(language, "cli.documents.none"), file=terminal.out)
        return 0
    width = max(len(str(r.id)) for r in rows)
    for r in rows:
        imported = r.imported_at.astimezone(config.tz).strftime("%Y-%m-%d %H:%M")
        day = r.meeting_date.isoformat() if r.meeting_date else "-"
        counts = (
            f"{counted(language, 'cli.count.item', r.cases)}, "
            f"{counted(language, 'cli.count.task', r.tasks)}"
        )
        line = f"{r.id:>{width}}  {r.name}  {r.committee or '-'} {day}  {imported}  {counts}"
        print(line, file=terminal.out)
    return 0


async def _delete(
    args: argparse.Namespace, db: Database, tenant: str, terminal: Terminal, language: str
) -> int:
    plan = await db.read(lambda s: removal_plan(s, tenant, args.id))
    if plan is None:
        print(
            f"referent: {text(language, 'cli.documents.not_found', id=args.id)}", file=terminal.err
        )
        return 1
    summary = plain_text(removal_summary(plan, language))
    if not args.yes:
        print(summary, file=terminal.err)
        if not terminal.inp.isatty():
            print(f"referent: {text(language, 'cli.documents.no_tty')}", file=terminal.err)
            return 1
        terminal.err.write(text(language, "cli.documents.ask"))
        terminal.err.flush()
        answer = terminal.inp.readline().strip().casefold()
        if answer not in _YES:
            print(text(language, "admin.delete.not_deleted"), file=terminal.err)
            return 1
    removed = await db.write(lambda s: delete_document(s, tenant, args.id))
    if removed is None:  # removed meanwhile by someone else
        print(f"referent: {text(language, 'admin.delete.gone')}", file=terminal.err)
        return 1
    if args.json:
        _emit(terminal.out, removed.as_json())
    else:
        print(plain_text(removal_done(removed, language)), file=terminal.out)
    return 0


async def _export(
    args: argparse.Namespace,
    db: Database,
    config: Config,
    clock: Clock,
    terminal: Terminal,
    language: str,
) -> int:
    now = clock.now().astimezone(config.tz)
    try:
        exported = await db.read(lambda s: export_committee(s, config.tenant, args.committee, now))
    except ExportError as error:
        print(f"referent: {export_problem(error, language)}", file=terminal.err)
        return 1
    if not write_json(exported, args.out, terminal.out, terminal.err):
        return 1
    if args.out is None:
        return 0
    label = exported["committee"]["short_name"] or exported["committee"]["name"]
    print(text(language, "cli.export.written", committee=label, path=args.out), file=terminal.out)
    return 0


def export_problem(error: ExportError, language: str) -> str:
    """Why a committee could not be exported: unknown, or which of several."""
    if error.candidates:
        options = ", ".join(error.candidates)
        return text(language, "admin.export.which", named=error.named, options=options)
    return text(language, "admin.export.not_found", named=error.named)


def terminal(out: TextIO, err: TextIO) -> Terminal:
    return Terminal(out, err, sys.stdin)
