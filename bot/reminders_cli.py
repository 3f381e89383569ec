"""`referent reminders`: what will go out, when and where (--upcoming), or one scheduler
pass that sends what is due (--run-once, for deployments that run it from cron). The JSON
is the contract; the lines for people are in the language asked (assistant/texts.py)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import tzinfo
from typing import Any, TextIO

from sqlalchemy.orm import Session

from assistant.clock import Clock
from assistant.reminder_plan import Planned
from assistant.texts import counted, text
from storage import deliveries
from storage.database import Database
from storage.models import ChatConversation, Meeting, Person, Task

from .adapter import authentication
from .config import Config
from .outbox import Outbox
from .scheduler import Scheduler
from .slack.outbox import slack_outbox
from .slack.workspaces import SlackWorkspaces

# A person's personal chat that the bot opens before it sends (the JSON's "kind").
NEW_PERSONAL_CHAT = "personal (to be opened)"


def _describe(session: Session, planned: Planned, tz: tzinfo) -> dict[str, Any]:
    item: dict[str, Any] = {
        "at": planned.at.isoformat(),
        "local": planned.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "kind": planned.kind,
        "stage": planned.stage,
        "key": planned.key,
    }
    conversation = (
        session.get(ChatConversation, planned.conversation_ref_id)
        if planned.conversation_ref_id
        else None
    )
    if conversation is not None:
        item["to"] = {
            "channel": conversation.channel,
            "kind": conversation.kind,
            "name": conversation.name,
            "conversation_id": conversation.conversation_id,
        }
    elif planned.person_id is not None:
        person = session.get(Person, planned.person_id)
        item["to"] = {"channel": "msteams", "kind": NEW_PERSONAL_CHAT,
                      "name": person.name if person else None}  # fmt: skip
    if planned.meeting_id is not None and (meeting := session.get(Meeting, planned.meeting_id)):
        starts = meeting.starts_at.astimezone(tz).strftime("%H:%M") if meeting.starts_at else None
        item["meeting"] = {
            "committee": meeting.committee.label if meeting.committee else None,
            "date": meeting.date.isoformat(),
            "starts": starts,
            "location": meeting.location,
        }
    if planned.task_id is not None and (task := session.get(Task, planned.task_id)):
        item["task"] = {
            "id": task.id,
            "description": task.description,
            "assignee": task.assignee_name,
            "due": task.due_date.isoformat() if task.due_date else None,
        }
    return item


def _line(item: dict[str, Any], language: str, stage_width: int) -> str:
    to = item.get("to") or {}
    kind = to.get("kind", "")
    if kind == NEW_PERSONAL_CHAT:
        kind = text(language, "cli.reminders.new_personal_chat")
    where = f"{to.get('channel', '?')} {kind} {to.get('name') or ''}".strip()
    if "meeting" in item:
        m = item["meeting"]
        what = text(language, "cli.reminders.agenda", committee=m["committee"], date=m["date"])
        what = f"{what} {m['starts'] or ''}".rstrip()
        if m["location"]:
            what += f" ({m['location']})"
    else:
        t = item.get("task") or {}
        who = t.get("assignee") or "-"
        what = text(language, "cli.reminders.task", id=t.get("id"),
                    description=t.get("description"), assignee=who)  # fmt: skip
    return f"{item['local']}  {_stage(item['stage'], language):<{stage_width}} {what}  → {where}"


_BEFORE_MEETING = re.compile(r"(\d+)d")  # an agenda's stage: "7d", whole days before
_OVERDUE = re.compile(r"overdue(\d+)")  # a task's: "overdue1", weeks past its due date


def _stage(stage: str, language: str) -> str:
    """ "7 dager før", "samme dag", "før frist", "forfalt, uke 2" …; a stage this does not
    know as it is."""
    if m := _BEFORE_MEETING.fullmatch(stage):
        days = int(m[1])
        if days == 0:
            return text(language, "cli.reminders.stage.same_day")
        return text(
            language, "cli.reminders.stage.before", days=counted(language, "cli.count.day", days)
        )
    if stage in ("before", "due"):
        return text(language, f"cli.reminders.stage.task_{stage}")
    if m := _OVERDUE.fullmatch(stage):
        return text(language, "cli.reminders.stage.overdue", week=int(m[1]))
    return stage


async def upcoming(
    db: Database,
    config: Config,
    clock: Clock,
    days: int,
    as_json: bool,
    out: TextIO,
    language: str | None = None,
) -> int:
    language = language or config.language
    now, tz, tenant = clock.now(), config.tz, config.tenant

    def work(session: Session) -> list[dict[str, Any]]:
        found = deliveries.upcoming(session, tenant, now, tz, days)
        return [_describe(session, p, tz) for p in found]

    items = await db.read(work)
    if as_json:
        json.dump({"reminders": items}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if not items:
        within = counted(language, "cli.count.day", days)
        print(text(language, "cli.reminders.none", days=within), file=out)
        return 0
    width = max(len(_stage(item["stage"], language)) for item in items)
    for item in items:
        print(_line(item, language, width), file=out)
    return 0


async def run_once(
    db: Database,
    config: Config,
    clock: Clock,
    as_json: bool,
    out: TextIO,
    language: str | None = None,
) -> int:
    language = language or config.language
    auth = authentication(config.bot)
    try:
        scheduler = Scheduler(
            db,
            Outbox(auth, config.bot.app_id),
            clock,
            tz=config.tz,
            tenant=config.tenant,
            language=config.language,
            slack=slack_outbox(SlackWorkspaces.configured(config.slack, db, config.tenant)),
        )
        report = await scheduler.run_once()
    finally:
        await auth.close()
    if as_json:
        json.dump({"pass": asdict(report)}, out)
        out.write("\n")
    else:
        counts = asdict(report)
        counts["planned"] = counted(language, "cli.count.reminder", report.planned)
        counts["disabled"] = counted(language, "cli.count.subscription", report.disabled)
        print(text(language, "cli.reminders.pass", **counts), file=out)
    return 1 if report.failed else 0
