"""Answering "what happened at SSU's last meeting?" and "what happened at LSU in October?":
the meeting's heading, its items one line each with what became of them, and the tasks it
gave. Asked how many items it had, the count comes first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, Task

from . import render
from .answer_context import AnswerContext
from .answer_lines import item_line
from .answer_types import Answer
from .decision_answer import case_result
from .intents import Intent
from .meeting_answer import meeting_result
from .meeting_choice import asked_meetings, document_name, meeting_cite
from .task_answer import task_result
from .texts import text


def summarize_meeting(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang, today = answer.language, context.today
    held = asked_meetings(session, context, intent, answer)
    if not held:
        return
    meeting, others = held[0], held[1:]
    found = meeting_result(meeting)
    when = render.meeting_when(found, lang, context.timezone)
    committee = found.committee or "?"
    if intent.period:
        heading = text(lang, "summary.meeting", committee=committee, when=when)
    elif intent.committee:
        heading = text(lang, "summary.last", committee=committee, when=when)
    else:
        heading = text(lang, "summary.last_any", committee=committee, when=when)
    cases = session.scalars(
        select(Case).where(Case.meeting_id == meeting.id).order_by(Case.position, Case.id)
    )
    answer.results = [case_result(c, "match") for c in cases]
    tasks = session.scalars(
        select(Task).where(Task.meeting_id == meeting.id).order_by(Task.line, Task.id)
    )
    answer.tasks = [task_result(t) for t in tasks.unique()]
    answer.meetings = [found]
    lines = [heading]
    if intent.count:  # "hvor mange saker var det på siste møte": the answer first
        decided = sum(r.status == "decided" for r in answer.results)
        lines.insert(0, text(lang, "summary.count", count=len(answer.results), decided=decided))
    lines += [item_line(c, lang) for c in answer.results] or [text(lang, "summary.no_items")]
    if answer.tasks:
        lines += ["", text(lang, "summary.tasks")]
        lines += [render.task_line(t, lang, today) for t in answer.tasks]
    document = document_name(session, meeting)
    if document:
        lines += ["", text(lang, "source", document=document)]
    if others:
        cited = ", ".join(meeting_cite(meeting_result(m)) for m in others)
        lines.append(text(lang, "q.other_meetings", meetings=cited))
    answer.text = "\n".join(lines)
