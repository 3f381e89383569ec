"""Answering "who attended LSU in October?" and "who was absent at SSU's last meeting?":
the meeting's participants as the minutes list them, the absent first when that was asked."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import MeetingParticipant, Person

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer
from .intents import Intent
from .meeting_answer import meeting_result
from .meeting_choice import asked_meetings, document_name, meeting_cite
from .texts import text


@dataclass(slots=True)
class Attendance:
    present: list[str] = field(default_factory=list)  # everyone there, the chair included
    absent: list[str] = field(default_factory=list)
    chair: list[str] = field(default_factory=list)
    secretary: list[str] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return bool(self.present or self.absent)


def attendance(session: Session, meeting_id: int) -> Attendance:
    """Who the minutes list at the meeting, in the order people first appear in the minutes
    (a person's id is given when the importer first meets the name)."""
    rows = session.execute(
        select(Person.id, Person.name, MeetingParticipant.role)
        .join(Person, Person.id == MeetingParticipant.person_id)
        .where(MeetingParticipant.meeting_id == meeting_id)
        .order_by(Person.id, MeetingParticipant.role)
    )
    roles: dict[str, set[str]] = {}
    for _, name, role in rows.all():
        roles.setdefault(name, set()).add(role)
    found = Attendance()
    for name, held in roles.items():
        if "absent" in held:
            found.absent.append(name)
            continue
        found.present.append(name)
        if "chair" in held:
            found.chair.append(name)
        if "secretary" in held:
            found.secretary.append(name)
    return found


def answer_attendance(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang = answer.language
    held = asked_meetings(session, context, intent, answer)
    if not held:
        return
    meeting, others = held[0], held[1:]
    found = meeting_result(meeting)
    answer.meetings = [found]
    when = render.meeting_when(found, lang, context.timezone)
    committee = found.committee or "?"
    people = attendance(session, meeting.id)
    if not people.recorded:
        answer.found = False
        lines = [text(lang, "attendance.not_recorded", committee=committee, when=when)]
    else:
        lines = [text(lang, "attendance.meeting", committee=committee, when=when)]
        if intent.person:
            lines.insert(0, _about_person(lang, intent.person, people))
        present = _listed(lang, "attendance.present", people.present)
        absent = _listed(lang, "attendance.absent", people.absent) or [
            text(lang, "attendance.no_absent")
        ]
        lines += [*absent, *present] if intent.absent else [*present, *absent]
        if people.chair:
            lines.append(text(lang, "attendance.chair", names=", ".join(people.chair)))
        if people.secretary:
            lines.append(text(lang, "attendance.secretary", names=", ".join(people.secretary)))
    document = document_name(session, meeting)
    if document:
        lines.append(text(lang, "source", document=document))
    if others:
        cited = ", ".join(meeting_cite(meeting_result(m)) for m in others)
        lines.append(text(lang, "q.other_meetings", meetings=cited))
    answer.text = "\n".join(lines)


def _listed(language: str, key: str, names: list[str]) -> list[str]:
    """ "Forfall (2): Liv Tangen, Pål Strand", or nothing when nobody."""
    return [text(language, key, count=len(names), names=", ".join(names))] if names else []


def _named(asked: str, names: list[str]) -> str | None:
    """The listed name that holds every word of the asked one ("Sindre" -> "Sindre Kolstad")."""
    words = asked.lower().split()
    return next((n for n in names if all(w in n.lower().split() for w in words)), None)


def _about_person(language: str, asked: str, people: Attendance) -> str:
    """ "Ja, Sindre Kolstad var til stede." / "Nei, … hadde forfall." / not in the list."""
    if name := _named(asked, people.present):
        return text(language, "attendance.person.present", name=name)
    if name := _named(asked, people.absent):
        return text(language, "attendance.person.absent", name=name)
    return text(language, "attendance.person.unlisted", name=asked)
