"""What an answer is, before it becomes chat text, a card or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .intents import Intent


@dataclass(frozen=True, slots=True)
class Source:
    document: str | None
    line: int | None = None
    page: int | None = None
    added_by: str | None = None  # added in chat by this person, not found in a document

    def as_json(self) -> dict[str, Any]:
        found = {"document": self.document, "line": self.line, "page": self.page}
        return found | ({"added_by": self.added_by} if self.added_by else {})


@dataclass(frozen=True, slots=True)
class CaseResult:
    committee: str | None
    meeting_date: date | None
    case: str | None
    title: str
    decision: str | None
    decision_label: str | None
    proposal: str | None
    status: str  # decided | noted | postponed | proposed | rejected | withdrawn
    # current | history | match | near; on an agenda: agenda (filed for the meeting),
    # carried (postponed from an earlier meeting), set (earlier minutes set it for this one)
    role: str
    source: Source
    case_id: int
    # What an answer shows besides the decision, filled where it is asked for
    # (assistant/case_details.py): what was reported (a case not decided: a few of its own
    # sentences; on an agenda's "set" item, the sentence that set it), the tasks given under
    # it, the same matter's next treatment at a later meeting, the meeting a postponed case
    # went to, and for a noted case whether it was discussed or only reported.
    excerpt: str | None = None
    tasks: tuple[TaskResult, ...] = ()
    later: CaseResult | None = None
    postponed_to: date | None = None
    discussed: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "case": self.case,
            "title": self.title,
            "decision": self.decision,
            "decision_label": self.decision_label,
            "proposal": self.proposal,
            "status": self.status,
            "postponed_to": self.postponed_to.isoformat() if self.postponed_to else None,
            "discussed": self.discussed,
            "role": self.role,
            "excerpt": self.excerpt,
            "follow_up": {
                "tasks": [t.as_json() for t in self.tasks],
                "later": self.later.as_json() if self.later else None,
            },
            "source": self.source.as_json(),
        }


@dataclass(frozen=True, slots=True)
class TaskChange:
    """A task's last change made in chat: its kind (storage/changes.py), who made it, the day
    (in the deployment's time zone), and who had a reassigned task before."""

    kind: str
    by: str | None
    on: date
    previous: str | None = None

    def as_json(self) -> dict[str, Any]:
        kind = self.kind.removeprefix("task_")  # done | reopened | postponed | reassigned
        return {"kind": kind, "by": self.by, "on": self.on.isoformat(), "from": self.previous}


@dataclass(frozen=True, slots=True)
class TaskResult:
    task_id: int
    description: str
    assignee: str | None
    assignee_kind: str | None
    via_group: str | None  # the asker's group that owns it ("AU"), when it is not their own
    due_date: date | None
    due_text: str | None
    due_is_approximate: bool
    status: str
    case: str | None
    meeting_date: date | None
    committee: str | None
    source: Source
    change: TaskChange | None = None  # None: never changed in chat
    # Open, but a later meeting took its case up again (assistant/settled_tasks.py): the day.
    settled_on: date | None = None

    @property
    def due(self) -> str | None:
        if self.due_is_approximate and self.due_text:
            return self.due_text
        return self.due_date.isoformat() if self.due_date else self.due_text

    def as_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "assignee": self.assignee,
            "assignee_kind": self.assignee_kind,
            "via_group": self.via_group,
            "due": self.due,
            "status": self.status,
            "case": self.case,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "committee": self.committee,
            "source": self.source.as_json(),
            "change": self.change.as_json() if self.change else None,
            "settled_on": self.settled_on.isoformat() if self.settled_on else None,
        }


@dataclass(frozen=True, slots=True)
class MeetingResult:
    committee: str | None
    date: date
    starts_at: datetime | None
    ends_at: datetime | None
    location: str | None
    status: str

    def as_json(self) -> dict[str, Any]:
        return {
            "committee": self.committee,
            "date": self.date.isoformat(),
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
            "location": self.location,
            "status": self.status,
        }


@dataclass(slots=True)
class Answer:
    intent: Intent
    language: str
    text: str = ""
    results: list[CaseResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    meetings: list[MeetingResult] = field(default_factory=list)
    person: str | None = None  # whose tasks, as resolved
    groups: list[str] = field(default_factory=list)
    found: bool = True  # False: nothing fitted; results (if any) are near matches
    # Said before the results when they answer something else than asked: a question not
    # understood but found in the minutes, or a period that had nothing.
    note: str | None = None
    # A list cut to a page (assistant/list_pages.py): how many more, and how to see them;
    # the words that ask for the next page («mine oppgaver side 2»).
    more: str = ""
    next_page: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "intent": self.intent.kind.value,
            "language": self.language,
            "answer": self.text,
            "found": self.found,
            "note": self.note,
            "results": [r.as_json() for r in self.results],
            "tasks": [t.as_json() for t in self.tasks],
            "meetings": [m.as_json() for m in self.meetings],
            "person": self.person,
            "groups": self.groups,
        }
