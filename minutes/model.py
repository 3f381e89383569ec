"""Plain types that readers and the parser produce. No I/O, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document's text, with where it came from (for citations)."""

    text: str
    number: int  # 1-based line number within the document (or within the page for PDFs)
    page: int | None = None  # 1-based page number for paged formats (PDF)
    # What the source format marked: a heading's level (1-6; 0 = not a heading) and a line
    # whose whole text is bold. Plain text and PDF leave both unset.
    heading: int = 0
    bold: bool = False


@dataclass(slots=True)
class DocumentText:
    """What a reader returns: the document as lines, plus the format it was read as."""

    format: str  # "txt" | "md" | "html" | "docx" | "pdf"
    lines: list[Line]
    encoding: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class DocumentKind(StrEnum):
    MINUTES = "minutes"
    ACTION_PLAN = "action_plan"
    CASE_PAPER = "case_paper"


class CaseStatus(StrEnum):
    DECIDED = "decided"  # a decision or conclusion was recorded
    NOTED = "noted"  # orientation / discussion without a decision
    POSTPONED = "postponed"  # "saken ble utsatt"
    PROPOSED = "proposed"  # a proposal ("Forslag til vedtak", "Innstilling") not yet decided
    REJECTED = "rejected"  # the proposal was voted down and nothing else adopted
    WITHDRAWN = "withdrawn"  # "saken ble trukket"


class AssigneeKind(StrEnum):
    PERSON = "person"
    GROUP = "group"
    ORGANISATION = "organisation"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


@dataclass(slots=True)
class PersonRef:
    name: str
    organisation: str | None = None
    role: str | None = None  # "present" | "absent" | "chair" | "secretary" | "member"


@dataclass(slots=True)
class CommitteeRef:
    name: str  # "Strategisk samarbeidsutvalg"
    short_name: str | None = None  # "SSU"


@dataclass(slots=True)
class GroupRef:
    name: str  # "Arbeidsutvalg"
    short_name: str | None  # "AU"
    members: list[PersonRef] = field(default_factory=list)


@dataclass(slots=True)
class PlannedMeeting:
    """A future meeting the minutes announce ("Neste møte: 5. mars 2014")."""

    date: date
    starts: time | None = None
    ends: time | None = None
    location: str | None = None
    committee_short_name: str | None = None  # None = the minutes' own committee
    line: int | None = None


@dataclass(slots=True)
class ParsedCase:
    number: str | None  # as written: "4", "17/2022", "2023.30"; None for an unnumbered paper
    title: str
    body: str
    kinds: list[str] = field(default_factory=list)  # orientering / diskusjon / beslutning / ...
    decision: str | None = None  # the adopted decision or conclusion text
    decision_label: str | None = None  # "Vedtak", "Konklusjon", ...
    proposal: str | None = None  # "Forslag til vedtak" / "Innstilling" text
    status: CaseStatus = CaseStatus.NOTED
    votes: str | None = None  # the vote as written: "12 mot 1", "Approved, 8 to 4"
    responsible: list[str] = field(default_factory=list)  # names in a margin/Ansvar column
    links: list[str] = field(default_factory=list)
    line: int | None = None
    page: int | None = None


@dataclass(slots=True)
class ParsedTask:
    description: str
    assignee: str | None = None  # as written: "Britt Kveseth", "AU", "Vestre Viken"
    assignee_kind: AssigneeKind | None = None
    due_date: date | None = None  # exact, or an approximation when due_is_approximate
    due_text: str | None = None  # as written: "5. desember", "Høst 2022", "Q1 – Q4"
    due_is_approximate: bool = False
    status: TaskStatus = TaskStatus.OPEN
    status_text: str | None = None  # as written in an action plan: "Løpende utført"
    case_number: str | None = None
    area: str | None = None  # action plans: the focus area the task belongs to
    line: int | None = None
    page: int | None = None


@dataclass(slots=True)
class ParsedMinutes:
    kind: DocumentKind
    committee: CommitteeRef | None = None
    meeting_date: date | None = None
    starts: time | None = None
    ends: time | None = None
    location: str | None = None
    chair: str | None = None
    secretary: str | None = None
    participants: list[PersonRef] = field(default_factory=list)
    absentees: list[PersonRef] = field(default_factory=list)
    groups: list[GroupRef] = field(default_factory=list)
    cases: list[ParsedCase] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    planned_meetings: list[PlannedMeeting] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the parser wants the importer to say
    # Where the header's facts were read: field -> line number ("date", "time", "place", …),
    # and how the meeting date was found: label | title | text | file name.
    fields: dict[str, int] = field(default_factory=dict)
    date_source: str | None = None

    @property
    def next_meeting(self) -> PlannedMeeting | None:
        own = [
            m
            for m in self.planned_meetings
            if m.committee_short_name is None
            or (self.committee and m.committee_short_name == self.committee.short_name)
        ]
        after = [m for m in own if self.meeting_date is None or m.date > self.meeting_date]
        return min(after, key=lambda m: m.date, default=None)
