"""Adding to the record from chat, for every channel: what the dialogs call, with no
botbuilder in it. Reads and writes go through the store's own helpers.

A turn adds as its reader (storage/committee_access.py, worked out by bot/readers.py):
`read_by` gives the capture of that reader, whose committees, meetings and cases are only
those the reader may read. A committee kept to its members is, for anyone else, one that
does not exist: not listed, not found by name, its meetings never named, its cases not
found by number, and nothing is added to it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.case_numbers import NumberedCase, case_label, cases_numbered
from storage.changes import ChangeActor
from storage.committee_access import Reader, hides, restrict
from storage.database import Database
from storage.identities import link_person
from storage.models import Committee, Meeting, Task
from storage.records import (
    CaseRecord,
    MeetingRecord,
    Permitted,
    Sees,
    TaskRecord,
    add_task,
    committee_by_name,
    complete_task,
    move_meeting,
    next_meeting_of,
    postpone_task,
    propose_case,
    reassign_task,
    reopen_task,
    schedule_meeting,
    task_of,
)
from storage.task_rights import Refusal, TaskRights
from storage.undo import undo_last

from .assignees import AssigneeOption, person_option, resolve_assignee
from .clock import Clock
from .commands import TaskAction
from .texts import format_date, text
from .undo_reply import undo_reply
from .when import When

T = TypeVar("T")

# A description starts with its owner's name: up to three capitalised words ("Christine",
# "Britt Kveseth", "AU"), tried longest first.
_LEADING_NAME = re.compile(r"^\s*((?:[A-ZÆØÅ][\w'’.-]*\s+){1,3})")


@dataclass(frozen=True, slots=True)
class Chatter:
    """Who changes the record from chat, and where: what «angre» finds their changes by."""

    conversation_id: str
    user_key: str
    name: str | None


@dataclass
class Capture:
    db: Database
    clock: Clock
    timezone: ZoneInfo
    tenant: str
    rights: TaskRights = field(default_factory=TaskRights)  # who may change a task
    # Who the turn's replies are for (None: the operator, who reads every committee).
    reader: Reader | None = None

    def read_by(self, reader: Reader) -> Capture:
        """This capture as `reader` reads the store (one turn's)."""
        return dataclasses.replace(self, reader=reader)

    async def read(self, work: Callable[[Session], T]) -> T:
        """`work` on a session that reads only what the reader may."""

        def scoped(session: Session) -> T:
            restrict(session, self.tenant, self.reader, admins=self.rights.admins)
            return work(session)

        return await self.db.read(scoped)

    def sees(self) -> Sees | None:
        """The check a change makes in its transaction: does the reader read the committee?
        (The id may come from a form or an older turn.) None: the operator, who reads all."""
        reader = self.reader
        if reader is None:
            return None
        return lambda session, committee_id: (
            not hides(session, self.tenant, committee_id, reader, admins=self.rights.admins)
        )

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().astimezone(self.timezone).date()

    def _actor(self, chatter: Chatter | None) -> ChangeActor | None:
        """The change's record of who, where and when (by this bot's clock)."""
        if chatter is None:
            return None
        at = self.now().astimezone(self.timezone)  # its date is the day the task shows
        return ChangeActor(chatter.conversation_id, chatter.user_key, chatter.name, at)

    async def assignees(self, name: str) -> list[AssigneeOption]:
        return await self.read(lambda session: resolve_assignee(session, self.tenant, name))

    async def leading_assignee(self, description: str) -> tuple[list[AssigneeOption], str]:
        """Who the description names first, and the description without the name.
        ([], description) when it does not start with someone the store knows."""
        m = _LEADING_NAME.match(description + " ")
        if not m:
            return [], description
        words = m.group(1).split()

        def longest(session: Session) -> tuple[int, list[AssigneeOption]]:
            for n in range(len(words), 0, -1):  # in one read: the lookups are quick
                if found := resolve_assignee(session, self.tenant, " ".join(words[:n])):
                    return n, found
            return 0, []

        n, found = await self.read(longest)
        if not found:
            return [], description
        rest = description.strip().split(None, n)
        return found, rest[n] if len(rest) > n else ""

    async def add_task(
        self,
        *,
        description: str,
        assignee: dict[str, Any] | None,
        due: dict[str, Any] | None,
        case_id: int | None,
        created_by: str | None,
        chat_key: str | None = None,
        chatter: Chatter | None = None,
    ) -> TaskRecord:
        """`assignee` as dialog state keeps it; {"kind": None, "name": …, "person": True}
        is a person the minutes do not know, kept as written."""
        option = option_from(assignee)
        if case_id is not None and not await self.case_exists(case_id):
            # Its document was deleted since the conversation spoke of it: the task is
            # kept, without the case (as storage/document_removal keeps chat tasks).
            case_id = None
        return await add_task(
            self.db,
            tenant=self.tenant,
            description=description,
            assignee=option,
            assignee_text=(assignee or {}).get("name") if option is None else None,
            unknown_person=bool(option is None and (assignee or {}).get("person")),
            due_date=date.fromisoformat(due["day"]) if due else None,
            due_text=due["text"] if due and due.get("approximate") else None,
            due_is_approximate=bool(due and due.get("approximate")),
            committee_id=None,
            case_id=case_id,
            meeting_id=None,
            created_by=created_by,
            chat_key=chat_key,
            actor=self._actor(chatter),
        )

    async def act_on_task(
        self,
        action: TaskAction,
        *,
        by: str | None,
        language: str,
        asker_id: int | None,
        chatter: Chatter | None = None,
    ) -> str:
        """Done / reopen / postpone one task, if the asker (`asker_id`, their person) may;
        the reply to give."""
        kwargs: dict[str, Any] = {
            "tenant": self.tenant,
            "task_id": action.task_id,
            "by": by,
            "actor": self._actor(chatter),
            "permitted": self.permitted(asker_id),
        }
        if action.action == "done":
            record, key = await complete_task(self.db, **kwargs), "task.done"
        elif action.action == "reopen":
            record, key = await reopen_task(self.db, **kwargs), "task.reopened"
        elif action.action == "postpone" and action.due and action.due.day:
            due = action.due
            record = await postpone_task(
                self.db,
                **kwargs,
                due_date=due.day,
                due_text=due.text if due.approximate else None,
                due_is_approximate=due.approximate,
            )
            key = "task.postponed"
        else:
            raise ValueError(f"not a direct task action: {action}")
        if record is None:
            return text(language, "task.not_found", id=action.task_id)
        return self.describe(record, key, language)

    async def postpone(
        self,
        task_id: int,
        due: dict[str, Any] | None,
        *,
        by: str | None,
        language: str,
        asker_id: int | None,
        chatter: Chatter | None = None,
    ) -> str:
        """A new deadline (as dialog state keeps a date, see when_dict; None: none), if the
        asker may; the reply to give."""
        record = await postpone_task(
            self.db,
            tenant=self.tenant,
            task_id=task_id,
            due_date=date.fromisoformat(due["day"]) if due else None,
            due_text=due["text"] if due and due.get("approximate") else None,
            due_is_approximate=bool(due and due.get("approximate")),
            by=by,
            actor=self._actor(chatter),
            permitted=self.permitted(asker_id),
        )
        if record is None:
            return text(language, "task.not_found", id=task_id)
        return self.describe(record, "task.postponed", language)

    async def reassign(
        self,
        task_id: int,
        assignee: dict[str, Any],
        *,
        by: str | None,
        asker_id: int | None,
        chatter: Chatter | None = None,
    ) -> Any:
        """Give the task to `assignee`, if the asker may (the record says it was refused)."""
        option = option_from(assignee)
        assert option is not None
        return await reassign_task(
            self.db,
            tenant=self.tenant,
            task_id=task_id,
            assignee=option,
            by=by,
            actor=self._actor(chatter),
            permitted=self.permitted(asker_id),
        )

    def permitted(self, asker_id: int | None) -> Permitted:
        """The check a change makes in its transaction: may `asker_id` change the task? A
        refusal for a task of a committee the asker does not read says nothing of it."""
        return lambda session, task: self._refusal(session, task, asker_id)

    def _refusal(self, session: Session, task: Task, asker_id: int | None) -> Refusal | None:
        refusal = self.rights.refusal(session, task, asker_id)
        if refusal is None:
            return None
        committee_id = task.committee_id or (task.meeting.committee_id if task.meeting else None)
        reader = Reader(person_id=asker_id)
        if hides(session, self.tenant, committee_id, reader, admins=self.rights.admins):
            return Refusal((), hidden=True)
        return refusal

    async def may_change(self, task_id: int, asker_id: int | None, language: str) -> str | None:
        """Before a dialog asks its questions: None if the asker may change the task (or
        there is none: the dialog says so); else the refusal to give."""

        def check(session: Session) -> Refusal | None:
            task = task_of(session, self.tenant, task_id)
            return self._refusal(session, task, asker_id) if task is not None else None

        refusal = await self.db.read(check)
        return refused_text(refusal, task_id, language) if refusal else None

    async def undo(self, chatter: Chatter, message_key: str | None, language: str) -> str:
        """«angre»: the chatter's newest change in this conversation (within a day) put
        back; the reply to give."""
        undone = await undo_last(
            self.db,
            tenant=self.tenant,
            conversation_id=chatter.conversation_id,
            user_key=chatter.user_key,
            now=self.now(),
            message_key=message_key,
        )
        return undo_reply(undone, language, self.timezone)

    async def cases_numbered(self, number: str, committee: str | None) -> list[NumberedCase]:
        """The cases «sak <number>» may mean (see storage.case_numbers)."""
        return await self.read(
            lambda session: cases_numbered(session, self.tenant, number, committee)
        )

    async def case_exists(self, case_id: int) -> bool:
        found = await self.read(lambda session: case_label(session, self.tenant, case_id))
        return found is not None

    def case_reference(self, case: NumberedCase | TaskRecord, language: str) -> str:
        """ "sak 2023.30 «Delavtale …» (SSU)" as replies name a case."""
        if isinstance(case, TaskRecord):
            number, title, committee = case.case_number, case.case_title, case.committee
        else:
            number, title, committee = case.number, case.title, case.committee
        short = title if len(title or "") <= 60 else f"{(title or '')[:57].rstrip()}…"
        if number:
            ref = text(language, "case.ref.numbered", number=number, title=short)
        else:
            ref = text(language, "case.ref.unnumbered", title=short)
        if not committee:
            return ref
        return text(language, "case.ref.committee", case=ref, committee=committee)

    def describe(self, record: TaskRecord, key: str, language: str) -> str:
        if record.refused is not None:  # nothing was changed: say who can
            return refused_text(record.refused, record.id, language)
        due = (
            text(
                language,
                "task.saved.due",
                due=record.due_text or format_date(record.due_date, language),
            )
            if record.due_date
            else text(language, "task.saved.no_due")
        )
        reply = text(
            language,
            key,
            id=record.id,
            description=record.description.rstrip(" ."),
            assignee=record.assignee or text(language, "task.unassigned"),
            due=due,
        )
        if key == "task.saved" and record.case_title is not None:  # which case it went to
            case = self.case_reference(record, language)
            reply = f"{reply} {text(language, 'task.saved.case', case=case)}"
        return reply

    async def person(self, person_id: int) -> AssigneeOption | None:
        """The person `person_id` as an assignee (the asker of "meg"), None if not there."""
        return await self.db.read(lambda session: person_option(session, self.tenant, person_id))

    async def people(self, name: str) -> list[AssigneeOption]:
        """The people (not groups or organisations) `name` may mean: who a chat user is."""
        return [o for o in await self.assignees(name) if o.kind == "person"]

    async def task_exists(self, task_id: int) -> bool:
        """Whether the tenant has task `task_id`."""

        def find(session: Session) -> bool:
            found = session.scalar(
                select(Task.id).where(Task.id == task_id, Task.tenant == self.tenant)
            )
            return found is not None

        return await self.db.read(find)

    async def link_identity(
        self, *, channel: str, user_key: str, person_id: int, display_name: str | None
    ) -> None:
        """Remember that the chat user (`channel`, `user_key`) is the person `person_id`."""
        await link_person(
            self.db,
            tenant=self.tenant,
            channel=channel,
            user_key=user_key,
            person_id=person_id,
            display_name=display_name,
        )

    # ---- cases and meetings (dialogs/new_case.py, schedule_meeting.py, move_meeting.py) ----

    async def committees(self, name: str | None = None) -> list[dict[str, Any]]:
        """The tenant's committees called `name` (see records.committee_by_name), or all of
        them, by label: each as dialog state keeps a committee, {"id", "label", "name"}."""

        def find(session: Session) -> list[dict[str, Any]]:
            if name is None:
                rows = session.scalars(select(Committee).where(Committee.tenant == self.tenant))
                found = sorted(rows, key=lambda c: (c.label.casefold(), c.id))
            else:
                found = committee_by_name(session, self.tenant, name)
            return [{"id": c.id, "label": c.label, "name": c.name} for c in found]

        return await self.read(find)

    async def next_meeting(self, committee_id: int) -> dict[str, Any] | None:
        """The committee's next meeting not cancelled, as `meeting_state` gives it."""
        now = self.now().astimezone(self.timezone)
        return await self.read(
            lambda session: self.meeting_state(
                next_meeting_of(session, self.tenant, committee_id, now)
            )
        )

    async def planned_meeting(self, committee_id: int, day: date | None) -> dict[str, Any] | None:
        """The committee's planned meeting on `day` (the earliest that day), or without a day
        its next one if that is planned; as `meeting_state` gives it."""
        if day is None:
            found = await self.next_meeting(committee_id)
            return found if found and found["status"] == "planned" else None

        def find(session: Session) -> dict[str, Any] | None:
            meeting = session.scalar(
                select(Meeting)
                .join(Committee, Committee.id == Meeting.committee_id)
                .where(Committee.tenant == self.tenant, Meeting.committee_id == committee_id)
                .where(Meeting.date == day, Meeting.status == "planned")
                .order_by(Meeting.starts_at, Meeting.id)
                .limit(1)
            )
            return self.meeting_state(meeting)

        return await self.read(find)

    def meeting_state(self, meeting: Meeting | MeetingRecord | None) -> dict[str, Any] | None:
        """A meeting as dialog state keeps it (plain JSON, local times "HH:MM"): {"id",
        "committee", "day", "start", "end", "location", "status"}."""
        if meeting is None:
            return None
        committee = meeting.committee
        return {
            "id": meeting.id,
            "committee": committee if isinstance(committee, str | None) else committee.label,
            "day": meeting.date.isoformat(),
            "start": self._local_time(meeting.starts_at),
            "end": self._local_time(meeting.ends_at),
            "location": meeting.location,
            "status": meeting.status,
        }

    def _local_time(self, moment: datetime | None) -> str | None:
        return moment.astimezone(self.timezone).strftime("%H:%M") if moment else None

    def _at(self, day: date, clock: str | None) -> datetime | None:
        """`day` at `clock` ("HH:MM") in the committee's zone; None without a time."""
        return datetime.combine(day, time.fromisoformat(clock), self.timezone) if clock else None

    async def propose_case(
        self,
        *,
        committee_id: int,
        meeting_id: int | None,
        title: str,
        description: str | None,
        kind: str | None,
        proposed_by: str | None,
        chatter: Chatter | None = None,
    ) -> CaseRecord:
        """A case proposed in chat for the meeting's agenda (or none yet), by the asker.
        ValueError for a committee the reader does not read, as for one not there."""
        return await propose_case(
            self.db,
            tenant=self.tenant,
            committee_id=committee_id,
            meeting_id=meeting_id,
            title=title,
            description=description,
            kind=kind,
            proposed_by=proposed_by,
            created_by=proposed_by,
            actor=self._actor(chatter),
            sees=self.sees(),
        )

    async def schedule_meeting(
        self,
        *,
        committee_id: int,
        day: date,
        start: str | None,
        end: str | None,
        location: str | None,
        created_by: str | None,
        chatter: Chatter | None = None,
    ) -> MeetingRecord:
        """A planned meeting on `day`, from `start` to `end` ("HH:MM", local) when known;
        `existing` when the committee already meets then. ValueError for a committee the
        reader does not read, as for one not there."""
        return await schedule_meeting(
            self.db,
            tenant=self.tenant,
            committee_id=committee_id,
            date=day,
            starts_at=self._at(day, start),
            ends_at=self._at(day, end) if start else None,
            location=location,
            created_by=created_by,
            actor=self._actor(chatter),
            sees=self.sees(),
        )

    async def move_meeting(
        self,
        *,
        meeting_id: int,
        day: date,
        start: str | None,
        end: str | None,
        chatter: Chatter | None = None,
    ) -> MeetingRecord | None:
        """The planned meeting moved to `day` (times "HH:MM", local); None when it is not
        planned (any more), or of a committee the reader does not read."""
        return await move_meeting(
            self.db,
            tenant=self.tenant,
            meeting_id=meeting_id,
            date=day,
            starts_at=self._at(day, start),
            ends_at=self._at(day, end) if start else None,
            actor=self._actor(chatter),
            sees=self.sees(),
        )

    def meeting_when(self, meeting: dict[str, Any], language: str) -> str:
        """A meeting state's day and time as replies show them: "mandag 14. desember 2026
        kl. 13:00–15:00"."""
        shown = format_date(date.fromisoformat(meeting["day"]), language, weekday=True)
        start, end = meeting.get("start"), meeting.get("end")
        if start and end:
            return f"{shown} {text(language, 'meeting.time_range', start=start, end=end)}"
        return f"{shown} {text(language, 'meeting.time', start=start)}" if start else shown


def when_dict(when: When) -> dict[str, Any]:
    """A date as dialog state keeps it (plain JSON); "passed" only when it was read as next
    year's because this year's has just passed (When.passed)."""
    assert when.day is not None
    kept: dict[str, Any] = {
        "day": when.day.isoformat(),
        "text": when.text,
        "approximate": when.approximate,
    }
    if when.passed is not None:
        kept["passed"] = when.passed.isoformat()
    return kept


def option_dict(option: AssigneeOption) -> dict[str, Any]:
    """An assignee as dialog state keeps it (plain JSON)."""
    return dataclasses.asdict(option)


def option_from(value: dict[str, Any] | None) -> AssigneeOption | None:
    """Back from dialog state; a name typed as written (nobody in the store) gives None."""
    if not value or value.get("kind") is None or value.get("id") is None:
        return None
    return AssigneeOption(**value)


def option_label(value: dict[str, Any]) -> str:
    option = option_from(value)
    return option.label if option else str(value.get("name"))


def refused_text(refusal: Refusal, task_id: int, language: str) -> str:
    """The polite refusal: who may change the task, or first say who you are; for a task
    the asker may not read, what a task that does not exist gets."""
    if refusal.hidden:
        return text(language, "task.not_found", id=task_id)
    if refusal.unknown_asker:
        return text(language, "task.refused.unknown", id=task_id)
    if not refusal.who_can:
        return text(language, "task.refused.nobody", id=task_id)
    return text(language, "task.refused", id=task_id, who=_either(refusal.who_can, language))


def _either(names: tuple[str, ...], language: str) -> str:
    """ "Kari, Per eller Anne" """
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {text(language, 'list.or')} {names[-1]}"
