"""`referent reminders`: what will go out, when and where (--upcoming), or one scheduler
pass that sends what is due (--run-once, for deployments that run it from cron)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import tzinfo
from typing import Any, TextIO

from sqlalchemy.orm import Session

from assistant.clock import Clock
from assistant.reminder_plan import Planned
from storage import deliveries
from storage.database import Database
from storage.models import ChatConversation, Meeting, Person, Task

from .adapter import authentication
from .config import Config
from .outbox import Outbox
from .scheduler import Scheduler


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
        item["to"] = {"channel": "msteams", "kind": "personal (to be opened)",
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


def _line(item: dict[str, Any]) -> str:
    to = item.get("to") or {}
    where = f"{to.get('channel', '?')} {to.get('kind', '')} {to.get('name') or ''}".strip()
    if "meeting" in item:
        m = item["meeting"]
        what = f"agenda {m['committee']} {m['date']} {m['starts'] or ''}".rstrip()
        if m["location"]:
            what += f" ({m['location']})"
    else:
        t = item.get("task") or {}
        what = f"task {t.get('id')} «{t.get('description')}» ({t.get('assignee') or '-'})"
    return f"{item['local']}  {item['stage']:<9} {what}  → {where}"


async def upcoming(
    db: Database, config: Config, clock: Clock, days: int, as_json: bool, out: TextIO
) -> int:
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
        print(f"No reminders in the next {days} days.", file=out)
        return 0
    for item in items:
        print(_line(item), file=out)
    return 0


async def run_once(db: Database, config: Config, clock: Clock, as_json: bool, out: TextIO) -> int:
    auth = authentication(config.bot)
    try:
        scheduler = Scheduler(
            db,
            Outbox(auth, config.bot.app_id),
            clock,
            tz=config.tz,
            tenant=config.tenant,
            language=config.language,
        )
        report = await scheduler.run_once()
    finally:
        await auth.close()
    if as_json:
        json.dump({"pass": asdict(report)}, out)
        out.write("\n")
    else:
        summary = ", ".join(f"{n} {what}" for what, n in asdict(report).items())
        print(f"reminder pass: {summary}", file=out)
    return 1 if report.failed else 0
