"""Writing one parsed document into the store. The caller owns the transaction.

Core statements only, no ORM unit of work: the rows need no objects back, and at import
speed SQLAlchemy's per-statement and per-object work costs more than the database's. Rows go
in as multi-row inserts (with RETURNING where the ids are needed), a fixed handful of
statements per document instead of one per case, task and person. Committees, people and
groups recur in every document of an import batch, so their ids are remembered for the rest
of the transaction.

Synchronous on purpose: the importer runs it on a plain driver connection in a worker thread
(SQLite) or through `Session.run_sync` (PostgreSQL, and whatever writes from the bot), so
there is one code path.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Delete, Insert, Select, Update, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from assistant.settled_tasks import refresh_meetings
from minutes.model import AssigneeKind, CommitteeRef, ParsedMinutes, PersonRef

from .bulk_writes import BulkStatement, write_rows
from .document_info import DocumentInfo
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
    utcnow,
)
from .names import name_key
from .search_index import count_removal
from .task_links import link_chat_tasks


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
    # Documents deleted to make room for this one (its earlier import, an older version of
    # its meeting), with their cases: a batch must not index those cases at its end.
    removed: tuple[int, ...] = ()


def find_document(session: Session, tenant: str, sha256: str) -> Document | None:
    return session.scalar(
        select(Document).where(Document.tenant == tenant, Document.sha256 == sha256)
    )


def find_documents(session: Session, tenant: str, sha256s: Iterable[str]) -> dict[str, int]:
    """sha256 -> document id of those already stored: one query for a whole batch."""
    values = {"tenant": tenant, "shas": sorted(set(sha256s))}
    return {sha: id_ for sha, id_ in session.execute(_statements().documents_by_sha, values)}


@dataclass(slots=True)
class _Known:
    """Ids found or created earlier in this transaction. Kept in `session.info`, which lives
    as long as the session: one transaction (`Database.write`), so a rollback forgets them."""

    committees: dict[str, int] = field(default_factory=dict)
    people: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # key -> id, org
    absent: set[str] = field(default_factory=set)  # name keys looked up and not found
    groups: dict[tuple[int | None, str], int] = field(default_factory=dict)
    organisations: dict[str, int] = field(default_factory=dict)


_PEOPLE_PER_READ = 500  # name keys in one IN (…): below SQLite's and asyncpg's limits


def _known(session: Session) -> _Known:
    known = session.info.get("minutes_store.known")
    if known is None:
        known = session.info["minutes_store.known"] = _Known()
    return known


@dataclass(frozen=True, slots=True)
class _Statements:
    """The statements every document runs, built once: building one (and its cache key)
    cost several times what running it costs, ~0.2 ms against ~0.04 for a short select, and
    a document runs a dozen."""

    documents_by_sha: Select[Any]  # (sha256, id) of the stored among some contents
    meetings_on: Select[Any]  # a committee's meetings on some days
    meetings_on_no_committee: Select[Any]
    insert_document: Insert
    insert_meeting: Insert
    held_meeting: Update  # a meeting stored before, now held with these minutes
    planned_meeting: Update  # what a planned meeting's row lacks, from these minutes
    insert_meetings: Insert
    people: Select[Any]  # by name key
    insert_people: Insert
    person_organisation: Update
    insert_cases: Insert
    group_members: Select[Any]  # which (group, person) pairs are stored, of some of each
    insert_memberships: Insert
    clear_participants: Delete


@functools.cache
def _statements() -> _Statements:
    meeting, person = Meeting.__table__, Person.__table__
    documents, cases = Document.__table__, Case.__table__
    participants, members = MeetingParticipant.__table__, GroupMembership.__table__
    on_days = select(
        meeting.c.date,
        meeting.c.id,
        meeting.c.status,
        meeting.c.document_id,
        meeting.c.starts_at,
        meeting.c.ends_at,
        meeting.c.location,
    ).order_by(meeting.c.id)
    days = (meeting.c.date.in_(bindparam("days", expanding=True)), meeting.c.status != "cancelled")
    # Bound values of an UPDATE may not be named as its columns: "v_…" for them.
    held = ("committee_id", "document_id", "date", "status", "starts_at", "ends_at", "location")
    planned = ("starts_at", "ends_at", "location")
    return _Statements(
        documents_by_sha=select(documents.c.sha256, documents.c.id).where(
            documents.c.tenant == bindparam("tenant"),
            documents.c.sha256.in_(bindparam("shas", expanding=True)),
        ),
        meetings_on=on_days.where(meeting.c.committee_id == bindparam("committee"), *days),
        meetings_on_no_committee=on_days.where(meeting.c.committee_id.is_(None), *days),
        insert_document=insert(documents).returning(documents.c.id),
        insert_meeting=insert(meeting).returning(meeting.c.id),
        held_meeting=update(meeting)
        .where(meeting.c.id == bindparam("meeting"))
        .values({name: bindparam(f"v_{name}") for name in held}),
        planned_meeting=update(meeting)
        .where(meeting.c.id == bindparam("meeting"))
        .values({name: bindparam(f"v_{name}") for name in planned}),
        insert_meetings=insert(meeting),
        people=select(person.c.name_key, person.c.id, person.c.organisation).where(
            person.c.tenant == bindparam("tenant"),
            person.c.name_key.in_(bindparam("keys", expanding=True)),
        ),
        # Each id with its key, not in the rows' order: SQLite gives no order for RETURNING,
        # and asking for one made SQLAlchemy insert the rows one statement each.
        insert_people=insert(person).returning(person.c.name_key, person.c.id),
        person_organisation=update(person)
        .where(person.c.id == bindparam("person"))
        .values(organisation=bindparam("v_organisation")),
        # Ids with their positions (unique in a document), for the same reason.
        insert_cases=insert(cases).returning(cases.c.position, cases.c.id),
        group_members=select(members.c.group_id, members.c.person_id).where(
            members.c.group_id.in_(bindparam("groups", expanding=True)),
            members.c.person_id.in_(bindparam("people", expanding=True)),
        ),
        insert_memberships=insert(members),
        clear_participants=delete(participants).where(
            participants.c.meeting_id == bindparam("meeting")
        ),
    )


# A batch's participant and task rows, written below SQLAlchemy (storage/bulk_writes.py):
# its executemany processed each row's ~20 parameters in Python.
_PARTICIPANT_COLUMNS = ("meeting_id", "person_id", "role", "document_id")
_INSERT_PARTICIPANTS = BulkStatement(
    "INSERT INTO meeting_participant (meeting_id, person_id, role, document_id) "
    "VALUES (?, ?, ?, ?)",
    "INSERT INTO meeting_participant (meeting_id, person_id, role, document_id) "
    "SELECT * FROM unnest($1::integer[], $2::integer[], $3::varchar[], $4::integer[])",
)
# (column, its PostgreSQL type), in the rows' order.
_TASK_COLUMNS = (
    ("tenant", "varchar"), ("document_id", "integer"), ("meeting_id", "integer"),
    ("committee_id", "integer"), ("case_id", "integer"), ("description", "text"),
    ("assignee_kind", "varchar"), ("assignee_name", "varchar"), ("person_id", "integer"),
    ("group_id", "integer"), ("organisation_id", "integer"), ("due_date", "date"),
    ("due_text", "varchar"), ("due_is_approximate", "boolean"), ("status", "varchar"),
    ("status_text", "text"), ("area", "text"), ("line", "integer"), ("page", "integer"),
    ("created_at", "timestamptz"), ("origin", "varchar"),
)  # fmt: skip
_TASK_NAMES = ", ".join(name for name, _ in _TASK_COLUMNS)
_INSERT_TASKS = BulkStatement(
    f"INSERT INTO task ({_TASK_NAMES}) VALUES ({', '.join('?' * len(_TASK_COLUMNS))})",
    f"INSERT INTO task ({_TASK_NAMES}) SELECT * FROM unnest("
    + ", ".join(f"${i}::{kind}[]" for i, (_, kind) in enumerate(_TASK_COLUMNS, 1))
    + ")",
    days=tuple(at for at, (_, kind) in enumerate(_TASK_COLUMNS) if kind in ("date", "timestamptz")),
)


def _insert_returning_id(session: Session, table: Any, row: dict[str, Any]) -> int:
    return int(session.execute(insert(table).returning(table.c.id), row).scalar_one())


def committee_id_for(session: Session, tenant: str, ref: CommitteeRef) -> int:
    known = _known(session).committees
    if ref.name not in known:
        found = session.scalar(
            select(Committee.id).where(Committee.tenant == tenant, Committee.name == ref.name)
        )
        if found is None:
            found = _insert_returning_id(
                session,
                Committee.__table__,
                {"tenant": tenant, "name": ref.name, "short_name": ref.short_name, "aliases": []},
            )
        known[ref.name] = found
    return known[ref.name]


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
    known = _known(session).people
    statements = _statements()
    _look_up_people(session, tenant, wanted)
    missing = [
        {"tenant": tenant, "name": ref.name, "name_key": key, "organisation": ref.organisation,
         "emails": []}
        for key, ref in wanted.items()
        if key not in known
    ]  # fmt: skip
    if missing:
        created = session.execute(statements.insert_people, missing)
        organisations = {row["name_key"]: row["organisation"] for row in missing}
        for key, pid in created.all():
            known[key] = (pid, organisations[key])
        link_chat_tasks(session, tenant)  # tasks from chat that waited for one of them
    for key, ref in wanted.items():
        pid, org = known[key]
        if org is None and ref.organisation:  # learnt from a later participant list
            values = {"person": pid, "v_organisation": ref.organisation}
            session.execute(statements.person_organisation, values)
            known[key] = (pid, ref.organisation)
    return {key: known[key][0] for key in wanted}


def _look_up_people(session: Session, tenant: str, keys: Iterable[str]) -> None:
    """Find the stored people among these name keys not looked up yet in this transaction."""
    known = _known(session)
    unknown = sorted({k for k in keys if k not in known.people and k not in known.absent})
    for at in range(0, len(unknown), _PEOPLE_PER_READ):
        chunk = unknown[at : at + _PEOPLE_PER_READ]
        rows = session.execute(_statements().people, {"tenant": tenant, "keys": chunk})
        known.people.update((key, (pid, org)) for key, pid, org in rows.all())
        known.absent.update(key for key in chunk if key not in known.people)


def look_up_people(session: Session, tenant: str, batch: Iterable[ParsedMinutes]) -> None:
    """Everyone a batch of minutes names, looked up in one read instead of one per
    document: on PostgreSQL each read is a round trip, ~0.3 ms of the importer's time."""
    keys = (name_key(ref.name) for minutes in batch for ref in _person_refs(minutes))
    _look_up_people(session, tenant, (key for key in keys if key))


def _group_id(
    session: Session, tenant: str, committee_id: int | None, short_name: str, name: str
) -> int:
    known = _known(session).groups
    if (committee_id, short_name) not in known:
        committee_clause = (
            Group.committee_id.is_(None)
            if committee_id is None
            else Group.committee_id == committee_id
        )
        found = session.scalar(
            select(Group.id).where(
                Group.tenant == tenant, Group.short_name == short_name, committee_clause
            )
        )
        if found is None:
            found = _insert_returning_id(
                session,
                Group.__table__,
                {"tenant": tenant, "committee_id": committee_id, "name": name,
                 "short_name": short_name},
            )  # fmt: skip
        known[(committee_id, short_name)] = found
    return known[(committee_id, short_name)]


def _organisation_id(session: Session, tenant: str, name: str) -> int:
    known = _known(session).organisations
    if name not in known:
        found = session.scalar(
            select(Organisation.id).where(Organisation.tenant == tenant, Organisation.name == name)
        )
        if found is None:
            found = _insert_returning_id(
                session, Organisation.__table__, {"tenant": tenant, "name": name}
            )
        known[name] = found
    return known[name]


@dataclass(frozen=True, slots=True)
class _ExistingMeeting:
    id: int
    status: str
    document_id: int | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    location: str | None


def _meetings_on(
    session: Session, committee_id: int | None, days: set[dt.date]
) -> dict[dt.date, _ExistingMeeting]:
    """The committee's (not cancelled) meetings on these days, one per day."""
    if not days:
        return {}
    statements = _statements()
    query = statements.meetings_on_no_committee if committee_id is None else statements.meetings_on
    rows = session.execute(query, {"committee": committee_id, "days": sorted(days)})
    found: dict[dt.date, _ExistingMeeting] = {}
    for day, *rest in rows.all():
        found.setdefault(day, _ExistingMeeting(*rest))
    return found


@dataclass(slots=True)
class _Pending:
    """Participant and task rows of documents saved with `defer=True`, written together by
    `write_pending`: one statement per table for a whole import batch instead of per
    document."""

    participants: list[dict[str, object]] = field(default_factory=list)
    tasks: list[dict[str, object]] = field(default_factory=list)
    meetings: set[int] = field(default_factory=set)  # held meetings stored or replaced


def _pending(session: Session) -> _Pending:
    pending = session.info.get("minutes_store.pending")
    if pending is None:
        pending = session.info["minutes_store.pending"] = _Pending()
    return pending


def write_pending(session: Session, *, settle: bool = True) -> None:
    """Write the rows deferred in this transaction (see save_minutes(defer=True)), then
    record which open tasks the meetings stored or replaced since settle or are settled by.
    `settle=False`: the rows only (a document of the batch needs them written), the
    settling once for the whole batch at its end: each costs a read of the committees'
    later history, which grows with the archive."""
    pending = _pending(session)
    participants = [tuple(row[c] for c in _PARTICIPANT_COLUMNS) for row in pending.participants]
    write_rows(session, _INSERT_PARTICIPANTS, participants)
    added = {"created_at": utcnow(), "origin": "minutes"}  # what the model's defaults give
    tasks = [tuple(row.get(c, added.get(c)) for c, _ in _TASK_COLUMNS) for row in pending.tasks]
    write_rows(session, _INSERT_TASKS, tasks)
    pending.participants, pending.tasks = [], []
    if settle and pending.meetings:
        refresh_meetings(session, pending.meetings)
        pending.meetings = set()


def _delete_document(session: Session, document_id: int) -> None:
    """Its cases, tasks and participants go with it (foreign keys cascade)."""
    write_pending(session, settle=False)  # rows of an earlier document of this batch
    # What its meetings' cases and tasks settled is worked out again at the next write_pending.
    for model in (Case, Task):
        _pending(session).meetings.update(
            session.scalars(
                select(model.meeting_id)
                .where(model.document_id == document_id, model.meeting_id.is_not(None))
                .distinct()
            )
        )
    session.execute(delete(Document).where(Document.id == document_id))
    # Its postings' rows went with its cases, queued: the batch's write of postings purges
    # them first, for all its documents at once (a new version of the minutes may get the
    # same case ids on SQLite). Searches reload what they read of the index.
    count_removal(session)


def _officers(minutes: ParsedMinutes) -> tuple[tuple[str | None, str], ...]:
    return ((minutes.chair, "chair"), (minutes.secretary, "secretary"))


def _person_refs(minutes: ParsedMinutes) -> list[PersonRef]:
    """Everyone the minutes name: present, absent, chairing, in a group, given a task or
    responsible for a case."""
    refs: list[PersonRef] = [*minutes.participants, *minutes.absentees]
    refs.extend(PersonRef(name=name, role=role) for name, role in _officers(minutes) if name)
    for group in minutes.groups:
        refs.extend(group.members)
    refs.extend(
        PersonRef(name=t.assignee)
        for t in minutes.tasks
        if t.assignee and t.assignee_kind == AssigneeKind.PERSON
    )
    refs.extend(PersonRef(name=n) for c in minutes.cases for n in c.responsible)
    return refs


def save_minutes(
    session: Session,
    *,
    tenant: str,
    info: DocumentInfo,
    minutes: ParsedMinutes,
    tz: ZoneInfo,
    previous_id: int | None = None,
    defer: bool = False,
    agenda_facts: Sequence[dict[str, object] | None] = (),
) -> SavedDocument:
    """Insert everything one document says. `previous_id` is an older import of the same
    file (re-import with --force); it is removed first. An older, different document of the
    same meeting (corrected minutes) is replaced too, so a meeting never has its cases twice.
    `defer`: leave the participant and task rows, and settling (assistant/settled_tasks.py),
    for the caller's `write_pending`. `agenda_facts`: what an agenda reads of each case,
    worked out from its text against the meeting's day (assistant/planned_facts.py), stored
    as given; without them the cases are stored as not read."""
    committee_id = (
        committee_id_for(session, tenant, minutes.committee) if minutes.committee else None
    )
    removed: list[int] = []
    if previous_id is not None:
        _delete_document(session, previous_id)
        removed.append(previous_id)

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
        replaced = session.scalar(select(Document.name).where(Document.id == meeting.document_id))
        if replaced is not None:
            _delete_document(session, meeting.document_id)
            removed.append(meeting.document_id)

    statements = _statements()
    document_id = session.execute(
        statements.insert_document,
        {"tenant": tenant, "sha256": info.sha256, "name": info.name, "path": info.path,
         "format": info.format, "kind": minutes.kind.value, "size_bytes": info.size_bytes,
         "committee_id": committee_id, "notes": list(minutes.notes)},
    ).scalar_one()  # fmt: skip

    meeting_id: int | None = None
    if minutes.meeting_date is not None:
        day = minutes.meeting_date
        values = {
            "committee_id": committee_id, "document_id": document_id, "date": day,
            "status": "held", "starts_at": _at(day, minutes.starts, tz),
            "ends_at": _at(day, minutes.ends, tz), "location": minutes.location,
        }  # fmt: skip
        if meeting is None:
            meeting_id = session.execute(statements.insert_meeting, values).scalar_one()
        else:
            meeting_id = meeting.id
            for name in ("starts_at", "ends_at", "location"):  # keep what the minutes omit
                values[name] = values[name] or getattr(meeting, name)
            bound = {f"v_{name}": value for name, value in values.items()}
            session.execute(statements.held_meeting, {"meeting": meeting_id, **bound})
    new_planned = []
    for p in planned:
        future = existing.get(p.date)
        if future is None:
            new_planned.append(
                {"committee_id": committee_id, "date": p.date, "status": "planned",
                 "starts_at": _at(p.date, p.starts, tz), "ends_at": _at(p.date, p.ends, tz),
                 "location": p.location, "document_id": document_id}
            )  # fmt: skip
        elif future.status == "planned":
            session.execute(
                statements.planned_meeting,
                {
                    "meeting": future.id,
                    "v_starts_at": future.starts_at or _at(p.date, p.starts, tz),
                    "v_ends_at": future.ends_at or _at(p.date, p.ends, tz),
                    "v_location": future.location or p.location,
                },
            )
    if new_planned:
        session.execute(statements.insert_meetings, new_planned)

    # People, with their roles at this meeting, and the groups' members.
    roles: list[tuple[str, str]] = [
        (ref.name, ref.role or "present") for ref in (*minutes.participants, *minutes.absentees)
    ]
    roles.extend((name, role) for name, role in _officers(minutes) if name)
    people = _people(session, tenant, _person_refs(minutes))

    if meeting_id is not None:
        if meeting is not None:  # a meeting stored before: its participant list is replaced
            # Rows for it from an earlier document of this batch go in first, to be replaced
            # too; the rest wait for the batch's statement (a third of the bench's documents
            # are of a meeting named as the next one by an earlier document).
            if any(row["meeting_id"] == meeting_id for row in _pending(session).participants):
                write_pending(session, settle=False)
            session.execute(statements.clear_participants, {"meeting": meeting_id})
        rows = {
            (people[name_key(name)], role): {
                "meeting_id": meeting_id,
                "person_id": people[name_key(name)],
                "role": role,
                "document_id": document_id,
            }
            for name, role in roles
            if name_key(name) in people
        }
        if rows:
            _pending(session).participants.extend(rows.values())

    memberships: dict[tuple[int, int], dict[str, int]] = {}
    for group_ref in minutes.groups:
        short = group_ref.short_name or group_ref.name
        group_id = _group_id(session, tenant, committee_id, short, group_ref.name)
        for member in group_ref.members:
            person_id = people[name_key(member.name)]
            memberships[(group_id, person_id)] = {
                "group_id": group_id, "person_id": person_id, "document_id": document_id,
            }  # fmt: skip
    if memberships:
        # Which of these pairs are stored: of these people only (a group of a long archive
        # has hundreds of members, which were all read for every document naming it).
        pairs = {"groups": sorted({g for g, _ in memberships}),
                 "people": sorted({p for _, p in memberships})}  # fmt: skip
        for pair in session.execute(statements.group_members, pairs).all():
            memberships.pop(tuple(pair), None)  # type: ignore[arg-type]
        if memberships:
            session.execute(statements.insert_memberships, list(memberships.values()))

    stored: list[StoredCase] = []
    if minutes.cases:
        read_on = minutes.meeting_date if agenda_facts and meeting_id is not None else None
        facts = list(agenda_facts) if read_on else [None] * len(minutes.cases)
        if len(facts) != len(minutes.cases):
            raise ValueError("agenda_facts: one per case")
        returned = session.execute(
            statements.insert_cases,
            [
                {"tenant": tenant, "document_id": document_id, "meeting_id": meeting_id,
                 "committee_id": committee_id, "position": position, "number": c.number,
                 "title": c.title, "kinds": c.kinds, "body": c.body, "decision": c.decision,
                 "decision_label": c.decision_label, "proposal": c.proposal,
                 "status": c.status.value, "responsible": c.responsible, "links": c.links,
                 "line": c.line, "page": c.page, "agenda_facts": f, "facts_read_on": read_on}
                for position, (c, f) in enumerate(zip(minutes.cases, facts, strict=True))
            ],
        ).all()  # fmt: skip
        ids = [case_id for _, case_id in sorted(returned)]
        stored = [
            StoredCase(case_id, c.title, c.body, c.decision, c.proposal)
            for case_id, c in zip(ids, minutes.cases, strict=True)
        ]
    case_ids: dict[str, int] = {}
    for parsed, saved in zip(minutes.cases, stored, strict=True):
        if parsed.number:
            case_ids.setdefault(parsed.number, saved.id)

    tasks = []
    names = {g.short_name: g.name for g in minutes.groups}
    for t in minutes.tasks:
        row = {
            "tenant": tenant, "document_id": document_id, "meeting_id": meeting_id,
            "committee_id": committee_id, "case_id": case_ids.get(t.case_number or ""),
            "description": t.description,
            "assignee_kind": t.assignee_kind.value if t.assignee_kind else None,
            "assignee_name": t.assignee, "person_id": None, "group_id": None,
            "organisation_id": None, "due_date": t.due_date, "due_text": t.due_text,
            "due_is_approximate": t.due_is_approximate, "status": t.status.value,
            "status_text": t.status_text, "area": t.area, "line": t.line, "page": t.page,
        }  # fmt: skip
        if t.assignee and t.assignee_kind == AssigneeKind.PERSON:
            row["person_id"] = people.get(name_key(t.assignee))
        elif t.assignee and t.assignee_kind == AssigneeKind.GROUP:
            name = names.get(t.assignee, t.assignee)
            row["group_id"] = _group_id(session, tenant, committee_id, t.assignee, name)
        elif t.assignee and t.assignee_kind == AssigneeKind.ORGANISATION:
            row["organisation_id"] = _organisation_id(session, tenant, t.assignee)
        tasks.append(row)
    if tasks:
        _pending(session).tasks.extend(tasks)
    if meeting_id is not None:
        _pending(session).meetings.add(meeting_id)
    if not defer:
        write_pending(session)
    return SavedDocument(document_id, replaced, stored, tuple(removed))
