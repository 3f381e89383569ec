"""Writing one parsed document into the store. The caller owns the transaction.

Core inserts on the tables (not the ORM's bulk path): the rows need no objects back.
Synchronous on purpose: the importer runs it on a plain driver connection in a worker thread
(SQLite) or through `Session.run_sync` (PostgreSQL, and whatever writes from the bot), so
there is one code path. Rows go in as multi-row Core inserts, a fixed handful of statements per
document instead of one per case, task and person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from minutes.model import AssigneeKind, CommitteeRef, ParsedMinutes, PersonRef

from .models import (
    Case,
    Committee,
    Document,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Organisation,
    Person,
    Task,
)
from .names import name_key


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    sha256: str
    name: str
    path: str | None
    format: str
    size_bytes: int


@dataclass(frozen=True, slots=True)
class StoredCase:
    """What the search index needs of a case just stored."""

    id: int
    title: str
    body: str
    decision: str | None
    proposal: str | None


@dataclass(frozen=True, slots=True)
class SavedDocument:
    document_id: int
    replaced: str | None  # name of an older document of the same meeting that this replaced
    cases: list[StoredCase]


def find_document(session: Session, tenant: str, sha256: str) -> Document | None:
    return session.scalar(
        select(Document).where(Document.tenant == tenant, Document.sha256 == sha256)
    )


def committee_for(session: Session, tenant: str, ref: CommitteeRef) -> Committee:
    found = session.scalar(
        select(Committee).where(Committee.tenant == tenant, Committee.name == ref.name)
    )
    if found is None:
        found = Committee(tenant=tenant, name=ref.name, short_name=ref.short_name, aliases=[])
        session.add(found)
        session.flush()
    return found


def _at(day: dt.date, clock_time: dt.time | None, tz: ZoneInfo) -> dt.datetime | None:
    return dt.datetime.combine(day, clock_time, tzinfo=tz) if clock_time else None


def _people(session: Session, tenant: str, refs: list[PersonRef]) -> dict[str, int]:
    """name_key -> person id for everyone named, creating the missing ones."""
    wanted: dict[str, PersonRef] = {}
    for ref in refs:
        key = name_key(ref.name)
        if key and (key not in wanted or (ref.organisation and not wanted[key].organisation)):
            wanted[key] = ref
    if not wanted:
        return {}
    query = select(Person.name_key, Person.id, Person.organisation).where(
        Person.tenant == tenant, Person.name_key.in_(wanted)
    )
    found = {key: (pid, org) for key, pid, org in (session.execute(query)).all()}
    for key, (pid, org) in found.items():
        if org is None and wanted[key].organisation:  # learnt from a later participant list
            session.execute(
                update(Person).where(Person.id == pid).values(organisation=wanted[key].organisation)
            )
    missing = [
        {"tenant": tenant, "name": ref.name, "name_key": key, "organisation": ref.organisation,
         "emails": []}
        for key, ref in wanted.items()
        if key not in found
    ]  # fmt: skip
    if missing:
        session.execute(insert(Person.__table__), missing)
        found = {key: (pid, org) for key, pid, org in (session.execute(query)).all()}
    return {key: pid for key, (pid, _) in found.items()}


class _Groups:
    """Groups of one committee, looked up once per short name."""

    def __init__(self, session: Session, tenant: str, committee_id: int | None) -> None:
        self.session, self.tenant, self.committee_id = session, tenant, committee_id
        self.ids: dict[str, int] = {}

    def id(self, short_name: str, name: str) -> int:
        if short_name not in self.ids:
            committee_clause = (
                Group.committee_id.is_(None)
                if self.committee_id is None
                else Group.committee_id == self.committee_id
            )
            found = self.session.scalar(
                select(Group.id).where(
                    Group.tenant == self.tenant, Group.short_name == short_name, committee_clause
                )
            )
            if found is None:
                group = Group(
                    tenant=self.tenant,
                    committee_id=self.committee_id,
                    name=name,
                    short_name=short_name,
                )
                self.session.add(group)
                self.session.flush()
                found = group.id
            self.ids[short_name] = found
        return self.ids[short_name]


def _organisation_id(session: Session, tenant: str, name: str) -> int:
    found = session.scalar(
        select(Organisation.id).where(Organisation.tenant == tenant, Organisation.name == name)
    )
    if found is None:
        organisation = Organisation(tenant=tenant, name=name)
        session.add(organisation)
        session.flush()
        found = organisation.id
    return found


def _meetings_on(
    session: Session, committee_id: int | None, days: set[dt.date]
) -> dict[dt.date, Meeting]:
    """The committee's (not cancelled) meetings on these days, one per day."""
    if not days:
        return {}
    committee_clause = (
        Meeting.committee_id.is_(None)
        if committee_id is None
        else Meeting.committee_id == committee_id
    )
    rows = session.scalars(
        select(Meeting)
        .where(committee_clause, Meeting.date.in_(days), Meeting.status != "cancelled")
        .order_by(Meeting.id)
    )
    found: dict[dt.date, Meeting] = {}
    for meeting in rows:
        found.setdefault(meeting.date, meeting)
    return found


def save_minutes(
    session: Session,
    *,
    tenant: str,
    info: DocumentInfo,
    minutes: ParsedMinutes,
    tz: ZoneInfo,
    previous: Document | None = None,
) -> SavedDocument:
    """Insert everything one document says. `previous` is an older import of the same file
    (re-import with --force); it is removed first. An older, different document of the same
    meeting (corrected minutes) is replaced too, so a meeting never has its cases twice."""
    committee = committee_for(session, tenant, minutes.committee) if minutes.committee else None
    committee_id = committee.id if committee else None
    if previous is not None:
        session.delete(previous)
        session.flush()

    planned = [
        p
        for p in minutes.planned_meetings
        if minutes.meeting_date is None or p.date > minutes.meeting_date
    ]
    days = {p.date for p in planned} | ({minutes.meeting_date} if minutes.meeting_date else set())
    existing = _meetings_on(session, committee_id, days)

    replaced: str | None = None
    meeting = existing.get(minutes.meeting_date) if minutes.meeting_date else None
    if meeting is not None and meeting.status == "held" and meeting.document_id is not None:
        older = session.get(Document, meeting.document_id)
        if older is not None:
            replaced = older.name
            session.delete(older)  # its cases, tasks and participants go with it
            session.flush()

    document = Document(
        tenant=tenant,
        sha256=info.sha256,
        name=info.name,
        path=info.path,
        format=info.format,
        kind=minutes.kind.value,
        size_bytes=info.size_bytes,
        committee_id=committee_id,
        notes=list(minutes.notes),
    )
    session.add(document)

    if minutes.meeting_date is not None:
        if meeting is None:
            meeting = Meeting(committee_id=committee_id)
            session.add(meeting)
        meeting.date = minutes.meeting_date
        meeting.status = "held"
        meeting.starts_at = _at(minutes.meeting_date, minutes.starts, tz) or meeting.starts_at
        meeting.ends_at = _at(minutes.meeting_date, minutes.ends, tz) or meeting.ends_at
        meeting.location = minutes.location or meeting.location
    new_planned = []
    for p in planned:
        future = existing.get(p.date)
        if future is None:
            new_planned.append(
                {"committee_id": committee_id, "date": p.date, "status": "planned",
                 "starts_at": _at(p.date, p.starts, tz), "ends_at": _at(p.date, p.ends, tz),
                 "location": p.location}
            )  # fmt: skip
        elif future.status == "planned":
            future.starts_at = future.starts_at or _at(p.date, p.starts, tz)
            future.ends_at = future.ends_at or _at(p.date, p.ends, tz)
            future.location = future.location or p.location
    session.flush()  # the document's and the meeting's ids
    if meeting is not None:
        meeting.document_id = document.id
    if new_planned:
        for row in new_planned:
            row["document_id"] = document.id
        session.execute(insert(Meeting.__table__), new_planned)
    meeting_id = meeting.id if meeting else None

    # People, with their roles at this meeting, and the groups' members.
    roles: list[tuple[str, str]] = [
        (ref.name, ref.role or "present") for ref in (*minutes.participants, *minutes.absentees)
    ]
    refs: list[PersonRef] = [*minutes.participants, *minutes.absentees]
    for name, role in ((minutes.chair, "chair"), (minutes.secretary, "secretary")):
        if name:
            refs.append(PersonRef(name=name, role=role))
            roles.append((name, role))
    for group in minutes.groups:
        refs.extend(group.members)
    refs.extend(
        PersonRef(name=t.assignee)
        for t in minutes.tasks
        if t.assignee and t.assignee_kind == AssigneeKind.PERSON
    )
    refs.extend(PersonRef(name=n) for c in minutes.cases for n in c.responsible)
    people = _people(session, tenant, refs)

    if meeting_id is not None:
        session.execute(
            delete(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
        )
        rows = {
            (people[name_key(name)], role): {
                "meeting_id": meeting_id,
                "person_id": people[name_key(name)],
                "role": role,
                "document_id": document.id,
            }
            for name, role in roles
            if name_key(name) in people
        }
        if rows:
            session.execute(insert(MeetingParticipant.__table__), list(rows.values()))

    groups = _Groups(session, tenant, committee_id)
    memberships: dict[tuple[int, int], dict[str, int]] = {}
    for group_ref in minutes.groups:
        group_id = groups.id(group_ref.short_name or group_ref.name, group_ref.name)
        for member in group_ref.members:
            person_id = people[name_key(member.name)]
            memberships[(group_id, person_id)] = {
                "group_id": group_id, "person_id": person_id, "document_id": document.id,
            }  # fmt: skip
    if memberships:
        present = session.execute(
            select(GroupMembership.group_id, GroupMembership.person_id).where(
                GroupMembership.group_id.in_({g for g, _ in memberships})
            )
        )
        for pair in present.all():
            memberships.pop(tuple(pair), None)  # type: ignore[arg-type]
        if memberships:
            session.execute(insert(GroupMembership.__table__), list(memberships.values()))

    stored: list[StoredCase] = []
    if minutes.cases:
        session.execute(
            insert(Case.__table__),
            [
                {"tenant": tenant, "document_id": document.id, "meeting_id": meeting_id,
                 "committee_id": committee_id, "position": position, "number": c.number,
                 "title": c.title, "kinds": c.kinds, "body": c.body, "decision": c.decision,
                 "decision_label": c.decision_label, "proposal": c.proposal,
                 "status": c.status.value, "responsible": c.responsible, "links": c.links,
                 "line": c.line, "page": c.page}
                for position, c in enumerate(minutes.cases)
            ],
        )  # fmt: skip
        ids = dict(
            (
                session.execute(
                    select(Case.position, Case.id).where(Case.document_id == document.id)
                )
            ).all()
        )
        stored = [
            StoredCase(ids[position], c.title, c.body, c.decision, c.proposal)
            for position, c in enumerate(minutes.cases)
        ]
    case_ids: dict[str, int] = {}
    for parsed, saved in zip(minutes.cases, stored, strict=True):
        if parsed.number:
            case_ids.setdefault(parsed.number, saved.id)

    tasks = []
    names = {g.short_name: g.name for g in minutes.groups}
    for t in minutes.tasks:
        row = {
            "document_id": document.id, "meeting_id": meeting_id, "committee_id": committee_id,
            "case_id": case_ids.get(t.case_number or ""), "description": t.description,
            "assignee_kind": t.assignee_kind.value if t.assignee_kind else None,
            "assignee_name": t.assignee, "person_id": None, "group_id": None,
            "organisation_id": None, "due_date": t.due_date, "due_text": t.due_text,
            "due_is_approximate": t.due_is_approximate, "status": t.status.value,
            "status_text": t.status_text, "area": t.area, "line": t.line, "page": t.page,
        }  # fmt: skip
        if t.assignee and t.assignee_kind == AssigneeKind.PERSON:
            row["person_id"] = people.get(name_key(t.assignee))
        elif t.assignee and t.assignee_kind == AssigneeKind.GROUP:
            row["group_id"] = groups.id(t.assignee, names.get(t.assignee, t.assignee))
        elif t.assignee and t.assignee_kind == AssigneeKind.ORGANISATION:
            row["organisation_id"] = _organisation_id(session, tenant, t.assignee)
        tasks.append(row)
    if tasks:
        session.execute(insert(Task.__table__), tasks)
    return SavedDocument(document_id=document.id, replaced=replaced, cases=stored)
