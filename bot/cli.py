"""The `referent` command line: import minutes, list meetings, tasks and reminders.

`--json` prints exactly one JSON object on stdout (the contract other tools rely on);
human output goes to stdout too, progress and warnings to stderr. Human output is plain
text (no Markdown marks) in the language asked: `--lang`, else the question's (`ask`), else
REFERENT_LANGUAGE; its words are in assistant/texts.py, counts with their nouns ("1 sak",
"2 saker").
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import ipaddress
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import DBAPIError

from assistant import render
from assistant.assistant import Assistant
from assistant.clock import Clock, SystemClock
from assistant.indexing import reindex_all
from assistant.list_pages import LIST_CAP
from assistant.message_length import too_long
from assistant.plain_text import plain_text
from assistant.store_current import bring_current
from assistant.task_answer import find_tasks
from assistant.texts import LANGUAGES, counted, text
from manifest.app_manifest import SCHEMA_VERSION
from manifest.package import write_package
from manifest.settings import DEV_APP_ID, ManifestError, settings_from_options
from manifest.slack_manifest import build_slack_manifest
from manifest.texts import SLACK_TEXTS
from storage.database import Database
from storage.disk_full import is_disk_full
from storage.queries import MeetingRow, meetings

from . import admin_cli, committees_cli
from .config import Config, ConfigError
from .json_output import write_json


@dataclass(frozen=True, slots=True)
class Context:
    config: Config
    clock: Clock
    out: TextIO
    err: TextIO


# One line a request: who, what, the status, the size and the seconds it took. Not
# aiohttp's default, which repeats the time the log line already starts with and adds the
# referrer and user agent (the Connector's, every time): 38 against 23 us of CPU a line.
_ACCESS_LOG_FORMAT = '%a "%r" %s %b %Tfs'


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referent",
        description="Referent: minutes, decisions and tasks of committees.",
    )
    parser.add_argument(
        "--tenant",
        help="whose minutes: import into, and read from, this tenant (default: "
        "$REFERENT_TENANT, else 'default'); a Slack workspace's is its team id",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import minutes (txt, md, html, docx, pdf, tex, typ)")
    imp.add_argument("paths", nargs="+", type=Path, help="files or folders")
    imp.add_argument("--committee", help="committee of every document (e.g. SSU)")
    imp.add_argument("--force", action="store_true", help="re-import unchanged documents")
    imp.add_argument("--json", action="store_true", help="one JSON object on stdout")
    imp.add_argument(
        "--explain",
        action="store_true",
        help="show what was read in each document (with line numbers) and what was not",
    )
    _language_option(imp)

    meet = sub.add_parser("meetings", help="list meetings")
    meet.add_argument("--upcoming", action="store_true", help="only meetings not yet held")
    meet.add_argument("--json", action="store_true")
    _language_option(meet)

    tasks = sub.add_parser("tasks", help="tasks of a person, group or organisation")
    tasks.add_argument("--for", dest="name", required=True, help='e.g. "Britt Kveseth" or AU')
    tasks.add_argument("--all", action="store_true", help="include done tasks")
    tasks.add_argument("--json", action="store_true")
    _language_option(tasks)

    ask = sub.add_parser("ask", help='ask a question, e.g. "hva ble bestemt om LAR?"')
    ask.add_argument("question")
    ask.add_argument(
        "--as",
        dest="asker",
        help="who is asking (for «mine oppgaver»; reads only the committees they may)",
    )
    ask.add_argument(
        "--lang", choices=LANGUAGES, help="answer in this language (default: the question's)"
    )
    ask.add_argument("--json", action="store_true")
    ask.add_argument(
        "--all", action="store_true", help="list every task (chat shows a page of the most urgent)"
    )

    committees_cli.add_parser(sub)

    rem = sub.add_parser("reminders", help="reminders: list what will go out, or send what is due")
    what = rem.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--upcoming", action="store_true", help="list what will go out, when and where"
    )
    what.add_argument(
        "--run-once",
        action="store_true",
        help="one scheduler pass: send what is due (with REFERENT_REMINDERS=off, from cron)",
    )
    rem.add_argument("--days", type=int, default=14, help="--upcoming: how far ahead (14)")
    rem.add_argument("--json", action="store_true")
    _language_option(rem)

    admin_cli.add_parsers(sub, _language_option)

    serve = sub.add_parser("serve", help="run the bot server (Bot Framework endpoint)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3978)
    serve.add_argument(
        "--allow-unauthenticated",
        action="store_true",
        help="serve on a non-loopback --host without MicrosoftAppId (also "
        "REFERENT_ALLOW_UNAUTHENTICATED=1): anyone who reaches it can talk to the bot",
    )

    db = sub.add_parser("db", help="database maintenance")
    db.add_argument(
        "action",
        choices=["upgrade", "reindex"],
        help="upgrade: apply schema migrations; reindex: rebuild the search index",
    )

    man = sub.add_parser(
        "manifest",
        help="build the Teams app package (zip) an admin uploads, or with --slack the Slack "
        "app manifest (JSON)",
    )
    man.add_argument(
        "--slack",
        action="store_true",
        help="the Slack app manifest instead: JSON to paste at api.slack.com (needs --host)",
    )
    man.add_argument("--app-id", help="the bot's App ID, a GUID (default: $MicrosoftAppId)")
    man.add_argument("--teams-app-id", help="the Teams app's id (default: derived from --app-id)")
    man.add_argument("--host", help="the bot's public host, e.g. bot.example.org (validDomains)")
    man.add_argument(
        "--dev",
        action="store_true",
        help="a development package: --host may be localhost, and no app id is needed "
        "(Microsoft's Teams emulator; sideloading against a tunnel). Not for an app catalogue",
    )
    man.add_argument(
        "--out",
        type=Path,
        help="where to write the zip (default: referent-teams.zip); with --slack the JSON "
        "(default: stdout)",
    )
    man.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="with --slack: the manifest's language (default: REFERENT_LANGUAGE); a Slack "
        "manifest holds one",
    )
    man.add_argument("--developer-name", help="publisher shown in Teams (at most 32 characters)")
    man.add_argument("--website-url", help="publisher's https:// website")
    man.add_argument("--privacy-url", help="https:// privacy statement")
    man.add_argument("--terms-url", help="https:// terms of use")
    return parser


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="words in this language (default: REFERENT_LANGUAGE)"
    )


def _language(args: argparse.Namespace, ctx: Context) -> str:
    return getattr(args, "lang", None) or ctx.config.language


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = Config.from_env()
    except ConfigError as error:
        print(f"referent: {error}", file=sys.stderr)
        return 2
    if args.tenant:
        config = dataclasses.replace(config, tenant=args.tenant.strip())
    ctx = Context(config, clock or SystemClock(), sys.stdout, sys.stderr)
    if args.command == "serve":
        return _serve(args, ctx)
    if args.command == "manifest":
        return _manifest(args, ctx)
    if args.command == "ask" and (refusal := too_long(args.question, args.lang or config.language)):
        print(f"referent: {plain_text(refusal)}", file=ctx.err)  # before the database opens
        return 2
    try:
        return asyncio.run(_run(args, ctx))
    except BrokenPipeError:  # `referent … | head`
        sys.stderr.close()
        return 0
    except DBAPIError as error:
        if not is_disk_full(error):
            raise
        # The cause in one line: the traceback says nothing the operator can act on.
        print(f"referent: {text(_language(args, ctx), 'cli.disk_full')}", file=ctx.err)
        return 1


def _serve(args: argparse.Namespace, ctx: Context) -> int:
    from aiohttp import web

    from .app import create_app

    allowed = args.allow_unauthenticated or os.environ.get("REFERENT_ALLOW_UNAUTHENTICATED") == "1"
    if not ctx.config.bot.authenticated and not _loopback(args.host) and not allowed:
        # Without an app id no request is authenticated and the dev chat is on: on a
        # public address anyone could read the minutes through it.
        print(
            f"referent: refusing to serve on {args.host!r} without MicrosoftAppId: requests "
            "would not be authenticated. Set MicrosoftAppId and MicrosoftAppPassword, use "
            "--host 127.0.0.1, or pass --allow-unauthenticated "
            "(REFERENT_ALLOW_UNAUTHENTICATED=1) if that is what you want.",
            file=ctx.err,
        )
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = create_app(ctx.config, clock=ctx.clock)
    app.on_startup.append(_freeze_startup_heap)  # after create_app's own start-up
    print(f"Referent listens on http://{args.host}:{args.port}/api/messages", file=ctx.err)
    web.run_app(
        app, host=args.host, port=args.port, print=None, shutdown_timeout=10,
        access_log_format=_ACCESS_LOG_FORMAT,
    )  # fmt: skip
    return 0


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name (or ""): it may resolve to anything
        return False


async def _freeze_startup_heap(app: object) -> None:
    """What start-up built (modules, settings, the database's and the bot's objects) lives
    as long as the process: moved out of the collector's reach, so the full collections
    that turns set off scan only what came after (bench/README.md, "Turns under load")."""
    gc.collect()  # no garbage is frozen with it
    gc.freeze()


def _manifest(args: argparse.Namespace, ctx: Context) -> int:
    """The Teams app package, or the Slack manifest (--slack); needs no database."""
    if args.slack:
        return _slack_manifest(args, ctx)
    if args.lang:
        print("referent: --lang is for --slack (the Teams package holds both)", file=ctx.err)
        return 2
    if args.out is None:
        args.out = Path("referent-teams.zip")
    try:
        settings = settings_from_options(
            args.app_id if args.app_id is not None else ctx.config.bot.app_id,
            teams_app_id=args.teams_app_id,
            host=args.host,
            developer_name=args.developer_name,
            website_url=args.website_url,
            privacy_url=args.privacy_url,
            terms_url=args.terms_url,
            dev=args.dev,
        )
    except ManifestError as error:
        print(f"referent: {error}", file=ctx.err)
        return 2
    try:
        written = write_package(settings, args.out)
    except OSError as error:
        print(f"referent: cannot write {args.out}: {error.strerror or error}", file=ctx.err)
        return 1
    print(f"wrote {written.path}: {', '.join(written.files)}", file=ctx.out)
    print(
        f"  Teams app id {settings.teams_app_id}, bot {settings.app_id}, "
        f"version {settings.version}, manifest schema {SCHEMA_VERSION}, "
        f"valid domains: {settings.host or 'none'}",
        file=ctx.out,
    )
    if settings.dev:
        print(
            "warning: --dev: a development package; do not upload it to an organisation's "
            "app catalogue",
            file=ctx.err,
        )
    if settings.app_id == DEV_APP_ID:
        print(
            f"warning: --dev without an app id: the bot id is the placeholder {DEV_APP_ID}, "
            "enough for the Teams emulator, not for Teams",
            file=ctx.err,
        )
    for field in settings.placeholder_fields():
        flag = "--" + field.replace("_", "-")
        value = getattr(settings.developer, field)
        print(
            f"warning: no {flag}: the package has the placeholder {value!r}; "
            "give your own before an admin uploads it",
            file=ctx.err,
        )
    return 0


# The Teams package's options, which a Slack manifest has no place for.
_TEAMS_ONLY = (
    "app_id",
    "teams_app_id",
    "developer_name",
    "website_url",
    "privacy_url",
    "terms_url",
)


def _slack_manifest(args: argparse.Namespace, ctx: Context) -> int:
    """The Slack app manifest for --host, as JSON on stdout or in --out."""
    given = [name for name in _TEAMS_ONLY if getattr(args, name) is not None]
    if args.dev:
        given.append("dev")
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        print(f"referent: {flags}: for the Teams package, not with --slack", file=ctx.err)
        return 2
    if args.host is None:
        print(
            "referent: --slack needs --host: the public host Slack calls, like bot.example.org",
            file=ctx.err,
        )
        return 2
    try:
        manifest = build_slack_manifest(args.host, SLACK_TEXTS[_language(args, ctx)])
    except ManifestError as error:
        print(f"referent: {error}", file=ctx.err)
        return 2
    if not write_json(manifest, args.out, ctx.out, ctx.err):
        return 1
    if args.out is None:
        return 0
    url = manifest["settings"]["event_subscriptions"]["request_url"]
    print(f"wrote {args.out}: the Slack app manifest, requests to {url}", file=ctx.out)
    return 0


async def _run(args: argparse.Namespace, ctx: Context) -> int:
    db = Database(ctx.config.database_url, pool=ctx.config.pool)
    try:
        await db.upgrade()
        # The settled tasks and agenda facts quietly: the output is the command's.
        reindexed = (await bring_current(db)).reindexed
        if reindexed:
            print(
                f"search index rebuilt for {reindexed} cases (new text analysis or index layout)",
                file=ctx.err,
            )
        if args.command == "import":
            # Only here: what it loads (the document readers, the parser: 0.3 s) is nothing
            # the other commands need.
            from . import import_cli

            return await import_cli.run(
                args, db, ctx.config, out=ctx.out, err=ctx.err, language=_language(args, ctx)
            )
        if args.command == "meetings":
            return await _meetings(args, ctx, db)
        if args.command == "tasks":
            return await _tasks(args, ctx, db)
        if args.command == "ask":
            return await _ask(args, ctx, db)
        if args.command == "db":
            return await _db(args, ctx, db)
        if args.command in admin_cli.COMMANDS:
            terminal = admin_cli.terminal(ctx.out, ctx.err)
            language = _language(args, ctx)
            return await admin_cli.run(args, db, ctx.config, ctx.clock, terminal, language)
        if args.command == "committees":
            config = ctx.config
            return await committees_cli.run(
                args, db, tenant=config.tenant, admins=config.rights.admins, clock=ctx.clock,
                out=ctx.out, err=ctx.err, language=_language(args, ctx),
            )  # fmt: skip
        if args.command == "reminders":
            # Only here: it loads the Teams and Slack SDKs (0.45 s), which no other command
            # needs (bot/entry_point.py: the same for every command's start)
            from . import reminders_cli

            language = _language(args, ctx)
            if args.run_once:
                return await reminders_cli.run_once(
                    db, ctx.config, ctx.clock, args.json, ctx.out, language
                )
            return await reminders_cli.upcoming(
                db, ctx.config, ctx.clock, args.days, args.json, ctx.out, language
            )
        raise AssertionError(args.command)
    finally:
        await db.close()


def _emit_json(ctx: Context, payload: dict[str, Any]) -> None:
    write_json(payload, None, ctx.out, ctx.err)


def _local(ctx: Context, value: datetime | None) -> str | None:
    return value.astimezone(ctx.config.tz).strftime("%H:%M") if value else None


def _meeting_json(ctx: Context, row: MeetingRow) -> dict[str, Any]:
    m = row.meeting
    return {
        "committee": row.committee.label if row.committee else None,
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
    tenant = ctx.config.tenant
    rows = await db.read(lambda session: meetings(session, tenant=tenant, upcoming_from=now))
    items = [_meeting_json(ctx, row) for row in rows]
    if args.json:
        _emit_json(ctx, {"meetings": items})
        return 0
    language = _language(args, ctx)
    if not items:
        none = "cli.meetings.none_upcoming" if args.upcoming else "cli.meetings.none"
        print(text(language, none), file=ctx.out)
        return 0
    statuses = {s: text(language, f"cli.meeting.status.{s}") for s in _MEETING_STATUSES}
    width = max(map(len, statuses.values()))
    for item in items:
        time = "–".join(t for t in (item["starts"], item["ends"]) if t)
        cases = counted(language, "cli.count.item", item["cases"]) if item["cases"] else None
        details = ", ".join(x for x in (item["location"], cases, item["document"]) if x)
        committee = item["committee"] or "-"
        status = statuses.get(item["status"], item["status"])
        line = f"{committee:<6} {item['date']} {time:<11} {status:<{width}} {details}"
        print(line.rstrip(), file=ctx.out)
    return 0


_MEETING_STATUSES = ("held", "planned", "cancelled")


async def _tasks(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    found = await db.read(
        lambda session: find_tasks(session, ctx.config.tenant, args.name, include_done=args.all)
    )
    if args.json:
        payload = {
            "person": found.name,
            "groups": found.groups,
            "candidates": found.candidates,
            "tasks": [t.as_json() for t in found.tasks],
        }
        _emit_json(ctx, payload)
        return 0
    language = _language(args, ctx)
    name = found.name
    if found.groups:
        name = text(language, "cli.tasks.member_of", name=name, groups=", ".join(found.groups))
    print(text(language, "cli.tasks.heading", name=name), file=ctx.out)
    if found.candidates:
        several = text(language, "cli.tasks.several", names=", ".join(found.candidates))
        print(f"  {several}", file=ctx.out)
    today = ctx.clock.now().astimezone(ctx.config.tz).date()
    for task in found.tasks:
        print(plain_text(render.task_line(task, language, today)), file=ctx.out)
    if not found.tasks:
        print(f"  {text(language, 'cli.tasks.none')}", file=ctx.out)
    return 0


async def _ask(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    assistant = Assistant(
        db=db,
        clock=ctx.clock,
        timezone=ctx.config.tz,
        tenant=ctx.config.tenant,
        default_language=ctx.config.language,
        list_cap=None if args.all else LIST_CAP,
        admins=ctx.config.rights.admins,
    )
    # As the operator (every committee), or with --as as that person (committee access).
    language = args.lang or ctx.config.language
    reader = await committees_cli.ask_reader(db, ctx.config.tenant, args.asker, ctx.err, language)
    # In the language asked, else the question's (the assistant tells it from the words).
    answer = await assistant.answer(
        args.question, asker=args.asker, language=args.lang, reader=reader
    )
    if args.json:
        _emit_json(ctx, answer.as_json())
    else:
        print(plain_text(answer.text), file=ctx.out)
    return 0


async def _db(args: argparse.Namespace, ctx: Context, db: Database) -> int:
    if args.action == "reindex":
        async with db.session() as session, session.begin():
            count = await reindex_all(session)
        await db.optimize()  # the planner's view of the rebuilt postings
        print(f"search index rebuilt for {count} cases", file=ctx.out)
        return 0
    print("database schema is up to date", file=ctx.out)
    return 0
