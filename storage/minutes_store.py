"""Writing one parsed document into the store. The caller owns the transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

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
class SavedDocument:
    document_id: int
    replaced: str | None  # name of an older document of the same meeting that this replaced
    cases: list[Case]


async def find_document(session: AsyncSession, tenant: str, sha256: str) -> Document | None:
    return await session.scalar(
        select(Document).where(Document.tenant == tenant, Document.sha256 == sha256)
    )


async def committee_for(session: AsyncSession, tenant: str, ref: CommitteeRef) -> Committee:
    found = await session.scalar(
        select(Committee).where(Committee.tenant == tenant, Committee.name == ref.name)
    )
    if found is None:
        found = Committee(tenant=tenant, name=ref.name, short_name=ref.short_name, aliases=[])
        session.add(found)
        await session.flush()
    return found


def _at(day: dt.date, clock_time: dt.time | None, tz: ZoneInfo) -> dt.datetime | None:
    return dt.datetime.combine(day, clock_time, tzinfo=tz) if clock_time else None


class _Writer:
    """Collects the rows of one document; small caches keep it to a few queries."""

    def __init__(self, session: AsyncSession, tenant: str, tz: ZoneInfo) -> None:
        self.session = session
        self.tenant = tenant
        self.tz = tz
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}

    async def persons(self, refs: list[PersonRef]) -> None:
        wanted = {name_key(r.name): r for r in refs if name_key(r.name) not in self.people}
        if not wanted:
            return
        rows = await self.session.scalars(
            select(Person).where(Person.tenant == self.tenant, Person.name_key.in_(wanted))
        )
        for person in rows:
            self.people[person.name_key] = person
            ref = wanted[person.name_key]
            if person.organisation is None and ref.organisation:
                person.organisation = ref.organisation
        for key, ref in wanted.items():
            if key not in self.people:
                person = Person(
                    tenant=self.tenant,
                    name=ref.name,
                    name_key=key,
                    organisation=ref.organisation,
                    emails=[],
                )
                self.session.add(person)
                self.people[key] = person
        await self.session.flush()

    async def organisation(self, name: str) -> Organisation:
        if name not in self.organisations:
            found = await self.session.scalar(
                select(Organisation).where(
                    Organisation.tenant == self.tenant, Organisation.name == name
                )
            )
            if found is None:
                found = Organisation(tenant=self.tenant, name=name)
                self.session.add(found)
                await self.session.flush()
            self.organisations[name] = found
        return self.organisations[name]

    async def group(self, committee: Committee | None, short_name: str, name: str) -> Group:
        committee_id = committee.id if committee else None
        found = await self.session.scalar(
            select(Group).where(
                Group.tenant == self.tenant,
                Group.short_name == short_name,
                Group.committee_id.is_(None)
                if committee_id is None
                else Group.committee_id == committee_id,
            )
        )
        if found is None:
            found = Group(
                tenant=self.tenant, committee_id=committee_id, name=name, short_name=short_name
            )
            self.session.add(found)
            await self.session.flush()
        return found

    async def meeting(
        self, committee: Committee | None, day: dt.date
    ) -> tuple[Meeting | None, Document | None]:
        """The meeting of this committee on this day, and the document that describes it."""
        committee_clause = (
            Meeting.committee_id.is_(None)
            if committee is None
            else Meeting.committee_id == committee.id
        )
        meeting = await self.session.scalar(
            select(Meeting)
            .where(committee_clause, Meeting.date == day, Meeting.status != "cancelled")
            .order_by(Meeting.id)
            .limit(1)
        )
        if meeting is None or meeting.status != "held" or meeting.document_id is None:
            return meeting, None
        return meeting, await self.session.get(Document, meeting.document_id)


async def save_minutes(
    session: AsyncSession,
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
    writer = _Writer(session, tenant, tz)
    committee = (
        await committee_for(session, tenant, minutes.committee) if minutes.committee else None
    )
    replaced: str | None = None
    if previous is not None:
        await session.delete(previous)
        await session.flush()

    meeting: Meeting | None = None
    if minutes.meeting_date is not None:
        meeting, older = await writer.meeting(committee, minutes.meeting_date)
        if older is not None:
            replaced = older.name
            await session.delete(older)
            await session.flush()

    document = Document(
        tenant=tenant,
        sha256=info.sha256,
        name=info.name,
        path=info.path,
        format=info.format,
        kind=minutes.kind.value,
        size_bytes=info.size_bytes,
        committee_id=committee.id if committee else None,
        notes=list(minutes.notes),
    )
    session.add(document)
    await session.flush()

    if minutes.meeting_date is not None:
        if meeting is None:
            meeting = Meeting(committee_id=committee.id if committee else None)
            session.add(meeting)
        meeting.date = minutes.meeting_date
        meeting.status = "held"
        meeting.document_id = document.id
        meeting.starts_at = _at(minutes.meeting_date, minutes.starts, tz) or meeting.starts_at
        meeting.ends_at = _at(minutes.meeting_date, minutes.ends, tz) or meeting.ends_at
        meeting.location = minutes.location or meeting.location
        await session.flush()
        await session.execute(
            delete(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        )

    for planned in minutes.planned_meetings:
        if minutes.meeting_date is not None and planned.date <= minutes.meeting_date:
            continue
        future, _ = await writer.meeting(committee, planned.date)
        if future is None:
            future = Meeting(
                committee_id=committee.id if committee else None,
                date=planned.date,
                status="planned",
                document_id=document.id,
            )
            session.add(future)
        if future.status == "planned":
            future.starts_at = future.starts_at or _at(planned.date, planned.starts, tz)
            future.ends_at = future.ends_at or _at(planned.date, planned.ends, tz)
            future.location = future.location or planned.location

    # People, with their roles at this meeting.
    roles: list[tuple[str, str]] = []
    refs: list[PersonRef] = []
    for ref in (*minutes.participants, *minutes.absentees):
        refs.append(ref)
        roles.append((ref.name, ref.role or "present"))
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
    await writer.persons(refs)
    if meeting is not None:
        seen: set[tuple[int, str]] = set()
        for name, role in roles:
            person = writer.people[name_key(name)]
            if (person.id, role) not in seen:
                seen.add((person.id, role))
                session.add(
                    MeetingParticipant(
                        meeting_id=meeting.id,
                        person_id=person.id,
                        role=role,
                        document_id=document.id,
                    )
                )

    for group_ref in minutes.groups:
        group = await writer.group(
            committee, group_ref.short_name or group_ref.name, group_ref.name
        )
        existing = set(
            await session.scalars(
                select(GroupMembership.person_id).where(GroupMembership.group_id == group.id)
            )
        )
        for member in group_ref.members:
            person = writer.people[name_key(member.name)]
            if person.id not in existing:
                existing.add(person.id)
                session.add(
                    GroupMembership(group_id=group.id, person_id=person.id, document_id=document.id)
                )

    cases_by_number: dict[str, Case] = {}
    cases_in_order: list[Case] = []
    for position, parsed in enumerate(minutes.cases):
        case = Case(
            tenant=tenant,
            document_id=document.id,
            meeting_id=meeting.id if meeting else None,
            committee_id=committee.id if committee else None,
            position=position,
            number=parsed.number,
            title=parsed.title,
            kinds=parsed.kinds,
            body=parsed.body,
            decision=parsed.decision,
            decision_label=parsed.decision_label,
            proposal=parsed.proposal,
            status=parsed.status.value,
            responsible=parsed.responsible,
            links=parsed.links,
            line=parsed.line,
            page=parsed.page,
        )
        session.add(case)
        cases_in_order.append(case)
        if parsed.number:
            cases_by_number.setdefault(parsed.number, case)
    await session.flush()

    for parsed_task in minutes.tasks:
        task = Task(
            document_id=document.id,
            meeting_id=meeting.id if meeting else None,
            committee_id=committee.id if committee else None,
            description=parsed_task.description,
            assignee_kind=parsed_task.assignee_kind.value if parsed_task.assignee_kind else None,
            assignee_name=parsed_task.assignee,
            due_date=parsed_task.due_date,
            due_text=parsed_task.due_text,
            due_is_approximate=parsed_task.due_is_approximate,
            status=parsed_task.status.value,
            status_text=parsed_task.status_text,
            area=parsed_task.area,
            line=parsed_task.line,
            page=parsed_task.page,
        )
        case = cases_by_number.get(parsed_task.case_number or "")
        task.case_id = case.id if case else None
        if parsed_task.assignee and parsed_task.assignee_kind == AssigneeKind.PERSON:
            task.person_id = writer.people[name_key(parsed_task.assignee)].id
        elif parsed_task.assignee and parsed_task.assignee_kind == AssigneeKind.GROUP:
            names = {g.short_name: g.name for g in minutes.groups}
            group = await writer.group(
                committee,
                parsed_task.assignee,
                names.get(parsed_task.assignee, parsed_task.assignee),
            )
            task.group_id = group.id
        elif parsed_task.assignee and parsed_task.assignee_kind == AssigneeKind.ORGANISATION:
            task.organisation_id = (await writer.organisation(parsed_task.assignee)).id
        session.add(task)
    await session.flush()
    return SavedDocument(document_id=document.id, replaced=replaced, cases=list(cases_in_order))
