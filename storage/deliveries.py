"""The reminder ledger: what fell due is written down once under its key, claimed by one
scheduler, and recorded as sent, dropped, failed or to be tried again.

Claims are one statement, `UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)
RETURNING id`: on PostgreSQL several bot instances claim side by side, each row going to
exactly one of them; SQLite runs writers one at a time and ignores the lock clause. A claim
is a lease: a scheduler that died holding one (no chance to release it) has its
deliveries taken over when the lease runs out.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from assistant.reminder_plan import (
    BEFORE_DAYS,
    LOOKBACK_DAYS,
    SLACK_DAYS,
    MeetingSlot,
    Planned,
    SubscriptionRule,
    TaskSlot,
    agenda_reminders,
    assignee_key,
    due_agenda_reminder,
    due_task_reminder,
    task_reminders,
    task_window,
)
from assistant.reminder_times import is_working_day

from .chat_conversations import teams_contact
from .models import (
    ChatConversation,
    ChatIdentity,
    Delivery,
    Group,
    Meeting,
    Subscription,
    Task,
)
from .slack_reach import slack_users

log = logging.getLogger(__name__)

_KEYS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class PlanReport:
    added: int  # new deliveries waiting to be sent
    dropped: int  # fell due only after their meeting began
    keys: tuple[str, ...] = ()  # the keys written
    known: frozenset[str] = frozenset()  # keys found already written


# ---- what falls due ------------------------------------------------------------------------


# A chat user's conversations with the bot: the identity's tenant, channel and user key.
_OWN_CONVERSATIONS = and_(
    ChatConversation.tenant == ChatIdentity.tenant,
    ChatConversation.channel == ChatIdentity.channel,
    ChatConversation.user_key == ChatIdentity.user_key,
)


def _meeting_pairs(
    session: Session, tenant: str, today: date, until_extra_days: int, at_least_days: int = 0
) -> list[tuple[MeetingSlot, SubscriptionRule]]:
    """Each active subscription with each of its committee's meetings that are near enough
    for a reminder (by the subscription's own lead time plus `until_extra_days`, and at
    least `at_least_days` ahead) or recently passed."""
    leads = session.scalars(
        select(Subscription.lead_days)
        .where(Subscription.tenant == tenant, Subscription.active.is_(True))
        .distinct()
    ).all()
    if not leads:
        return []
    near = or_(
        *(
            and_(
                Subscription.lead_days == lead,
                Meeting.date <= today + timedelta(days=max(lead + until_extra_days, at_least_days)),
            )
            for lead in leads
        )
    )
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.date,
            Meeting.starts_at,
            Subscription.id,
            Subscription.conversation_ref_id,
            Subscription.offsets_days,
            Subscription.at_minute,
            Subscription.created_at,
        )
        .join(Subscription, Subscription.committee_id == Meeting.committee_id)
        .where(Subscription.tenant == tenant, Subscription.active.is_(True))
        .where(Meeting.status != "cancelled")
        .where(Meeting.date >= today - timedelta(days=LOOKBACK_DAYS), near)
    ).all()
    return [
        (
            MeetingSlot(meeting_id, day, starts_at),
            SubscriptionRule(sub_id, tenant, conv_id, tuple(offsets), at_minute, created_at),
        )
        for meeting_id, day, starts_at, sub_id, conv_id, offsets, at_minute, created_at in rows
    ]


def _committee_channels(
    session: Session, tenant: str, committees: Collection[int]
) -> dict[int, int]:
    """committee id -> the conversation its reminders go to (the first subscribed one), for
    `committees` (those of the tasks at hand, not every subscription of the tenant)."""
    channels: dict[int, int] = {}
    if not committees:
        return channels
    for committee_id, conversation_id in session.execute(
        select(Subscription.committee_id, Subscription.conversation_ref_id)
        .where(Subscription.tenant == tenant, Subscription.active.is_(True))
        .where(Subscription.committee_id.in_(sorted(committees)))
        .order_by(Subscription.id)
    ):
        channels.setdefault(committee_id, conversation_id)
    return channels


def _personal_chats(session: Session, tenant: str, people: Iterable[int]) -> dict[int, int]:
    """person id -> a personal chat of theirs with the bot, where one is known."""
    people = set(people)
    if not people:
        return {}
    found: dict[int, int] = {}
    for person_id, conversation_id in session.execute(
        select(ChatIdentity.person_id, ChatConversation.id)
        .join(ChatConversation, _OWN_CONVERSATIONS)
        .where(ChatIdentity.tenant == tenant, ChatIdentity.person_id.in_(people))
        .where(ChatConversation.kind == "personal", ChatConversation.removed_at.is_(None))
        .order_by(ChatConversation.updated_at.desc())
    ):
        found.setdefault(person_id, conversation_id)
    return found


def _reachable_in_teams(session: Session, tenant: str, people: Iterable[int]) -> set[int]:
    """People linked to a Teams user, in a tenant where the bot has a Teams conversation
    to learn the service URL from: a personal chat can be opened for them. Not for those
    who removed the bot from their personal chat (Teams would refuse, and they said no):
    adding it again makes their chat present again (chat_conversations.remember_conversation)."""
    people = set(people)
    if not people:
        return set()
    if teams_contact(session, tenant) is None:
        return set()
    linked = set(
        session.scalars(
            select(ChatIdentity.person_id).where(
                ChatIdentity.tenant == tenant,
                ChatIdentity.channel == "msteams",
                ChatIdentity.person_id.in_(people),
            )
        )
    )
    removed = session.scalars(
        select(ChatIdentity.person_id)
        .join(ChatConversation, _OWN_CONVERSATIONS)
        .where(ChatIdentity.tenant == tenant, ChatIdentity.channel == "msteams")
        .where(ChatIdentity.person_id.in_(linked))
        .where(ChatConversation.kind == "personal", ChatConversation.removed_at.is_not(None))
    )
    return linked - set(removed)


def _task_slots(session: Session, tenant: str, first: date, last: date) -> list[TaskSlot]:
    """The open tasks due from `first` to `last`, each with where its reminder goes: the
    assignee's personal chat (Teams or Slack), else the committee's (or the group's
    committee's) channel, else a personal chat opened for the occasion (in Teams, else in
    Slack: storage/slack_reach.py). A task with nowhere to go has none."""
    rows = session.execute(
        select(
            Task.id,
            Task.due_date,
            Task.person_id,
            Task.group_id,
            Task.committee_id,
            Group.committee_id,
        )
        .outerjoin(Group, Group.id == Task.group_id)
        .where(Task.tenant == tenant, Task.status == "open")
        .where(Task.due_date >= first, Task.due_date <= last)
        .order_by(Task.id)
    ).all()
    if not rows:
        return []
    committees = {c for r in rows for c in (r[4], r[5]) if c is not None}
    channels = _committee_channels(session, tenant, committees)
    people = {r[2] for r in rows if r[2] is not None}
    personal = _personal_chats(session, tenant, people)
    unreached = people - set(personal)
    openable = _reachable_in_teams(session, tenant, unreached)
    openable |= set(slack_users(session, tenant, unreached - openable))
    slots = []
    for task_id, due, person_id, group_id, committee_id, group_committee in rows:
        channel = channels.get(group_committee or committee_id or -1)
        assignee = assignee_key(person_id, group_id)
        where, opener = channel, None
        if person_id is not None:
            where = personal.get(person_id) or channel
            if where is None and person_id in openable:
                opener = person_id
        if where is None and opener is None:
            continue
        slots.append(TaskSlot(task_id, tenant, due, assignee, where, opener))
    return slots


class PlanMemo:
    """What earlier passes planned, row by row. A row read again with the same values (the
    meeting's date and time, the subscription's rule; the task's due date and where it
    goes) has the same due reminder until the next of its reminder times, so an idle pass
    plans only the rows that changed or whose next reminder time has come. One per
    scheduler; `tz` is part of each entry's key."""

    KEPT = 200_000  # entries; past this the memo starts again empty

    def __init__(self) -> None:
        # row -> (its due reminder, planned at, valid until: None for ever after)
        self._rows: dict[Hashable, tuple[Planned | None, datetime, datetime | None]] = {}

    def agenda(
        self, meeting: MeetingSlot, subscription: SubscriptionRule, now: datetime, tz: tzinfo
    ) -> Planned | None:
        """due_agenda_reminder, or what it gave before for the same row."""
        row = (meeting, subscription, tz)
        kept = self._kept(row, now)
        if kept is not None:
            return kept[0]
        reminders = agenda_reminders(meeting, subscription, tz)
        changes = [p.at for p in reminders] + [p.meeting_at for p in reminders if p.meeting_at]
        return self._keep(row, now, due_agenda_reminder(meeting, subscription, now, tz), changes)

    def task(self, task: TaskSlot, now: datetime, tz: tzinfo) -> Planned | None:
        """due_task_reminder, or what it gave before for the same row."""
        row = (task, tz)
        kept = self._kept(row, now)
        if kept is not None:
            return kept[0]
        changes = [p.at for p in task_reminders(task, tz)]
        return self._keep(row, now, due_task_reminder(task, now, tz), changes)

    def _kept(
        self, row: Hashable, now: datetime
    ) -> tuple[Planned | None, datetime, datetime | None] | None:
        kept = self._rows.get(row)
        if kept is None or now < kept[1] or (kept[2] is not None and now >= kept[2]):
            return None  # new, a clock set back, or a reminder time has come
        return kept

    def _keep(
        self, row: Hashable, now: datetime, planned: Planned | None, changes: list[datetime]
    ) -> Planned | None:
        """Keep `planned` for `row` until the first of `changes` (moments when the row's
        due reminder changes) after `now`."""
        if len(self._rows) >= self.KEPT:
            self._rows.clear()
        self._rows[row] = (planned, now, min((t for t in changes if t > now), default=None))
        return planned

    def __len__(self) -> int:
        return len(self._rows)


def due_now(
    session: Session, tenant: str, now: datetime, tz: tzinfo, memo: PlanMemo | None = None
) -> list[Planned]:
    """Every reminder that has fallen due by `now` (written down or not). With `memo`,
    rows unchanged since an earlier pass are not planned again until their next time."""
    today = now.astimezone(tz).date()
    # A reminder due by today is for a meeting at most its offset ahead, or further only
    # when it was moved back over days off, all of which then lie between today and the
    # meeting (assistant/reminder_times.py): the days off after today bound that. The
    # same for a task's stages before its due date.
    off = _days_off_after(today)
    first, last = task_window(today)
    last = min(last, today + timedelta(days=BEFORE_DAYS + off))
    found = []
    for meeting, subscription in _meeting_pairs(session, tenant, today, 0, off + 1):
        if memo is None:
            planned = due_agenda_reminder(meeting, subscription, now, tz)
        else:
            planned = memo.agenda(meeting, subscription, now, tz)
        if planned is not None:
            found.append(planned)
    for task in _task_slots(session, tenant, first, last):
        planned = due_task_reminder(task, now, tz) if memo is None else memo.task(task, now, tz)
        if planned is not None:
            found.append(planned)
    return found


def _days_off_after(today: date) -> int:
    """How many days in a row after `today` are not working days (weekends, holidays)."""
    day, off = today + timedelta(days=1), 0
    while not is_working_day(day) and off < 31:
        day, off = day + timedelta(days=1), off + 1
    return off


def upcoming(session: Session, tenant: str, now: datetime, tz: tzinfo, days: int) -> list[Planned]:
    """The reminders that will go out within `days` from `now`, as things stand, soonest
    first (for `referent reminders --upcoming`)."""
    today = now.astimezone(tz).date()
    until = now + timedelta(days=days)
    found: list[Planned] = []
    for meeting, subscription in _meeting_pairs(session, tenant, today, days + SLACK_DAYS):
        found += agenda_reminders(meeting, subscription, tz)
    # Tasks with a stage from today to `days` ahead
    first, _ = task_window(today)
    _, last = task_window(today + timedelta(days=days))
    for task in _task_slots(session, tenant, first, last):
        found += task_reminders(task, tz)
    sent = _existing(session, [p.key for p in found])
    ahead = {p.key: p for p in found if now < p.at <= until and p.key not in sent}
    return sorted(ahead.values(), key=lambda p: (p.at, p.key))


def _existing(session: Session, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[i : i + _KEYS_PER_QUERY]
        found.update(session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk))))
    return found


def reminder_tenants(session: Session, configured: str) -> list[str]:
    """The tenants a pass plans for: the configured one, and every tenant with an active
    subscription or a chat user linked to a person (a Slack workspace is a tenant of its
    own)."""
    subscribed = select(Subscription.tenant).where(Subscription.active.is_(True))
    linked = select(ChatIdentity.tenant)
    found = set(session.scalars(subscribed.union(linked)))
    return sorted(found | {configured})


def write_all_due(
    session: Session,
    configured: str,
    now: datetime,
    tz: tzinfo,
    written: Collection[str] = frozenset(),
    memo: PlanMemo | None = None,
) -> PlanReport:
    """`write_due` for every tenant of `reminder_tenants`, in one transaction: one report."""
    reports = [
        write_due(session, tenant, now, tz, written, memo)
        for tenant in reminder_tenants(session, configured)
    ]
    return PlanReport(
        sum(r.added for r in reports),
        sum(r.dropped for r in reports),
        tuple(k for r in reports for k in r.keys),
        frozenset(k for r in reports for k in r.known),
    )


def write_due(
    session: Session,
    tenant: str,
    now: datetime,
    tz: tzinfo,
    written: Collection[str] = frozenset(),
    memo: PlanMemo | None = None,
) -> PlanReport:
    """Write down what has fallen due and is not yet in the ledger. Two schedulers doing
    this at once write each key once (the insert ignores a key that is there).

    `written`: keys the caller knows are in the ledger (a key, once there, stays), so a
    pass asks the database only about new ones; the report's `known` and `keys` are what
    it may add to them once this transaction has committed. `memo`: see PlanMemo."""
    due = [p for p in due_now(session, tenant, now, tz, memo) if p.key not in written]
    known = _existing(session, [p.key for p in due])
    fresh = [p for p in due if p.key not in known]
    if not fresh:
        return PlanReport(0, 0, known=frozenset(known))
    rows = [_row(p, now) for p in fresh]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(Delivery).on_conflict_do_nothing(index_elements=["key"]), rows)
    dropped = [p for p in fresh if p.passed]
    if dropped:
        # One line for the lot: after a long downtime there can be hundreds.
        log.warning(
            "%d reminder(s) dropped: their meetings began before they could be sent (%s%s)",
            len(dropped),
            ", ".join(p.key for p in dropped[:3]),
            ", …" if len(dropped) > 3 else "",
        )
    added = len(fresh) - len(dropped)
    return PlanReport(added, len(dropped), tuple(p.key for p in fresh), frozenset(known))


def _row(planned: Planned, now: datetime) -> dict[str, object]:
    row = asdict(planned)
    passed = row.pop("passed")
    row["due_at"] = row.pop("at")
    row.update(
        status="dropped" if passed else "pending",
        error="the meeting had begun" if passed else None,
        next_attempt_at=row["due_at"],
        attempts=0,
        created_at=now,
    )
    return row


# ---- claiming and recording ----------------------------------------------------------------


def claim(
    session: Session, now: datetime, instance: str, limit: int, lease: timedelta
) -> list[Delivery]:
    """Take up to `limit` deliveries that are waiting (or whose claim has run out), oldest
    due first, for `instance` until `now + lease`. Returns them with their conversations."""
    waiting = (
        select(Delivery.id)
        .where(
            or_(
                and_(Delivery.status == "pending", Delivery.next_attempt_at <= now),
                and_(Delivery.status == "sending", Delivery.lease_until < now),
            )
        )
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    ids = session.scalars(
        update(Delivery)
        .where(Delivery.id.in_(waiting))
        .values(status="sending", claimed_by=instance, lease_until=now + lease)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not ids:
        return []
    claimed = session.scalars(select(Delivery).where(Delivery.id.in_(ids))).all()
    return sorted(claimed, key=lambda d: (d.due_at, d.id))


def _mine(delivery_id: int, instance: str) -> ColumnElement[bool]:
    return and_(
        Delivery.id == delivery_id, Delivery.claimed_by == instance, Delivery.status == "sending"
    )


def record(
    session: Session,
    delivery_id: int,
    instance: str,
    status: str,
    *,
    now: datetime,
    activity_id: str | None = None,
    error: str | None = None,
    retry_at: datetime | None = None,
    conversation_ref_id: int | None = None,
) -> bool:
    """What became of a claimed delivery: sent, dropped, failed, or pending again (then
    `retry_at`). False if the claim was no longer this instance's (its lease ran out and
    another took it over)."""
    values: dict[str, object] = {"status": status, "lease_until": None, "error": error}
    if status == "sent":
        values.update(sent_at=now, activity_id=activity_id)
    if status == "pending":
        values.update(claimed_by=None, next_attempt_at=retry_at or now)
    if conversation_ref_id is not None:
        values["conversation_ref_id"] = conversation_ref_id
    if status != "dropped":  # it was tried
        values["attempts"] = Delivery.attempts + 1
    result = session.execute(
        update(Delivery)
        .where(_mine(delivery_id, instance))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def release(session: Session, delivery_ids: Sequence[int], instance: str) -> None:
    """Give back claims not acted on (the scheduler is stopping): waiting again at once."""
    if delivery_ids:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(delivery_ids), Delivery.claimed_by == instance)
            .where(Delivery.status == "sending")
            .values(status="pending", claimed_by=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )


def next_wake(session: Session) -> datetime | None:
    """When the earliest waiting delivery may be tried (a retry's time), if any."""
    return session.scalar(
        select(Delivery.next_attempt_at)
        .where(Delivery.status == "pending")
        .order_by(Delivery.next_attempt_at)
        .limit(1)
    )


def counts(session: Session) -> dict[str, int]:
    """How many deliveries are in each status (for logs, the CLI and tests)."""
    rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    return {status: int(n) for status, n in rows}
