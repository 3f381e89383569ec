"""SQLAlchemy models: the relational record of committees, meetings, cases and tasks.

Times are stored in UTC (`UTCDateTime`); dates as written in the minutes stay `Date`.
The schema is created and changed only by the Alembic migrations in `migrations/`.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

DEFAULT_TENANT = "default"

# Stable constraint names, so migrations can alter them on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out — on SQLite too, which has no time zones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC, as the database holds it; a naive one is refused."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the database; pass an aware one")
    return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Committee(Base):
    __tablename__ = "committee"
    __table_args__ = (UniqueConstraint("tenant", "name", name="uq_committee_tenant_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(30))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "open": everyone in the tenant reads it; "members": only its members and the
    # conversations subscribed to it (storage/committee_access.py).
    access: Mapped[str] = mapped_column(String(10), default="open", server_default="open")

    @property
    def label(self) -> str:
        """How answers name it: "SSU", or the full name when it has no short one."""
        return self.short_name or self.name


class CommitteeMember(Base):
    """What an administrator said about a person and a committee (`referent committees
    members`): `added`, a member its minutes do not name; `removed`, named (as a guest may
    be) but no member."""

    __tablename__ = "committee_member"

    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="added", server_default="added")
    added_by: Mapped[str | None] = mapped_column(String(300))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("tenant", "sha256", name="uq_document_tenant_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(500))
    path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))  # minutes | action_plan | case_paper
    size_bytes: Mapped[int] = mapped_column(Integer)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"))
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("tenant", "name", name="uq_organisation_tenant_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    name: Mapped[str] = mapped_column(String(300))


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("tenant", "name_key", name="uq_person_tenant_name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))  # normalised for matching
    organisation: Mapped[str | None] = mapped_column(String(300))
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)


class Group(Base):
    """A group that gets tasks, such as a committee's working committee (AU)."""

    __tablename__ = "person_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"))
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(30))

    @property
    def label(self) -> str:
        """How answers name it: "AU", or the full name when it has no short one."""
        return self.short_name or self.name


class GroupMembership(Base):
    __tablename__ = "group_membership"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("person_group.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_committee_date", "committee_id", "date"),
        Index("ix_meeting_date", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"))
    # The minutes that describe it, or for a planned meeting the minutes that announced it.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    date: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="held")  # planned|held|cancelled
    # Read from the minutes ('minutes') or scheduled in chat ('chat', by `created_by`).
    origin: Mapped[str] = mapped_column(String(10), default="minutes", server_default="minutes")
    created_by: Mapped[str | None] = mapped_column(String(300))

    committee: Mapped[Committee | None] = relationship(lazy="joined")


class MeetingParticipant(Base):
    __tablename__ = "meeting_participant"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)  # present|absent|chair|…
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))


class Case(Base):
    __tablename__ = "case_item"
    __table_args__ = (
        Index("ix_case_item_meeting_position", "meeting_id", "position"),
        # Search filters read this narrow index instead of the wide rows (migration 0003).
        Index("ix_case_item_filter", "id", "tenant", "committee_id", "meeting_id"),
        # The cases a committee, meeting or period filter allows, from an index alone (0012).
        Index("ix_case_item_committee_scope", "committee_id", "tenant", "id"),
        Index("ix_case_item_meeting_scope", "meeting_id", "tenant", "committee_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT, index=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str | None] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    body: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(Text)
    decision_label: Mapped[str | None] = mapped_column(String(50))
    proposal: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # decided|noted|postponed|proposed
    responsible: Mapped[list[str]] = mapped_column(JSON, default=list)
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    # Read from the minutes ('minutes') or proposed in chat ('chat'): then `created_by` wrote
    # it down for `proposed_by` (often the same person), as an orientering|diskusjon|beslutning.
    origin: Mapped[str] = mapped_column(String(10), default="minutes", server_default="minutes")
    created_by: Mapped[str | None] = mapped_column(String(300))
    proposal_kind: Mapped[str | None] = mapped_column(String(20))
    proposed_by: Mapped[str | None] = mapped_column(String(300))
    # What an agenda reads of the case's text, worked out when it is stored (migration 0020,
    # assistant/planned_facts.py): the sentences that bring something to a later meeting
    # with the dates they name, and where a postponed case went; null when it says neither.
    # `facts_read_on` is the meeting day the text was read against (its dates without a
    # year depend on it); null: not read yet.
    agenda_facts: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    facts_read_on: Mapped[dt.date | None] = mapped_column(Date)

    meeting: Mapped[Meeting | None] = relationship(lazy="joined")
    document: Mapped[Document | None] = relationship(lazy="joined")
    committee: Mapped[Committee | None] = relationship(lazy="joined")


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (
        Index("ix_task_chat_key", "tenant", "chat_key", unique=True),
        # «mine oppgaver» by the name the minutes wrote; a committee's open tasks (0013)
        Index("ix_task_assignee_lower", text("lower(assignee_name)")),
        Index("ix_task_committee_status", "committee_id", "status"),
        Index("ix_task_meeting_id", "meeting_id"),  # what a meeting's settling reads
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_item.id", ondelete="SET NULL"), index=True
    )
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"))
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT, index=True)
    description: Mapped[str] = mapped_column(Text)
    assignee_kind: Mapped[str | None] = mapped_column(String(20))  # person|group|organisation
    assignee_name: Mapped[str | None] = mapped_column(String(300))  # as written
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_group.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    due_text: Mapped[str | None] = mapped_column(String(100))
    due_is_approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|done
    status_text: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Read from the minutes ('minutes') or added in chat ('chat', by `created_by`). A change
    # made in chat (done, reopened, postponed, reassigned) records who and when.
    origin: Mapped[str] = mapped_column(String(10), default="minutes", server_default="minutes")
    created_by: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_by: Mapped[str | None] = mapped_column(String(300))
    chat_key: Mapped[str | None] = mapped_column(String(300))  # the message that added it
    # An open task a later meeting of its committee settled (its minutes mark the same task
    # done, or decide its case again): that meeting's date and id, written when minutes or
    # chat changes are stored (assistant/settled_tasks.py). Null for done tasks.
    settled_on: Mapped[dt.date | None] = mapped_column(Date)
    settled_by_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    # The last change made in chat (0019), shown on the task: its kind (storage/changes.py),
    # who, the day in the deployment's time zone, and for a reassigned task who had it.
    last_change: Mapped[str | None] = mapped_column(String(30))
    last_change_by: Mapped[str | None] = mapped_column(String(300))
    last_change_on: Mapped[dt.date | None] = mapped_column(Date)
    last_change_from: Mapped[str | None] = mapped_column(String(300))

    meeting: Mapped[Meeting | None] = relationship(lazy="joined", foreign_keys=[meeting_id])
    case: Mapped[Case | None] = relationship(lazy="joined")
    committee: Mapped[Committee | None] = relationship(lazy="joined")
    document: Mapped[Document | None] = relationship(lazy="joined")


class CaseKey(Base):
    """What settling compares of a case (assistant/settled_tasks.py), written when the case is
    stored so an import batch reads only the cases that can match its tasks, not the
    committee's history: `kind` 't' one term of its title (`size`: how many the title has),
    'n' its case number when that carries a year, 'r' a number its text refers to ("sak
    32/2026 …": every start of what follows, lower case). `committee_id`, `decided` and
    `day` (its meeting's) are the case's, copied so the index narrows to them (0021)."""

    __tablename__ = "case_key"
    __table_args__ = (Index("ix_case_key_lookup", "key", "committee_id", "kind", "decided", "day"),)

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_item.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    committee_id: Mapped[int | None] = mapped_column(Integer)
    decided: Mapped[bool] = mapped_column(Boolean)
    day: Mapped[dt.date | None] = mapped_column(Date)
    size: Mapped[int] = mapped_column(Integer)


class TaskTerm(Base):
    """One word of a task's description as settling compares them (`size`: how many the
    description has), with the task's committee, whether it is done (rewritten when chat
    changes that) and its meeting's day (0021)."""

    __tablename__ = "task_term"
    __table_args__ = (Index("ix_task_term_lookup", "term", "committee_id", "done", "day"),)

    task_id: Mapped[int] = mapped_column(
        ForeignKey("task.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(Text, primary_key=True)
    committee_id: Mapped[int | None] = mapped_column(Integer)
    done: Mapped[bool] = mapped_column(Boolean)
    day: Mapped[dt.date | None] = mapped_column(Date)
    size: Mapped[int] = mapped_column(Integer)


class SearchTerm(Base):
    """Every term the search index has seen: the vocabulary for typo and compound matching.
    `id` only grows, so max(id) tells a process whether its cached vocabulary is stale."""

    __tablename__ = "search_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200), unique=True)
    # How many cases hold the term: added as postings are written, taken away as the
    # postings of deleted cases are purged (storage/posting_store.py).
    cases: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Its best postings, packed: what a search reads of a term (migration 0027).
    top: Mapped[bytes | None] = mapped_column(LargeBinary)


class SearchCase(Base):
    """One case's postings, packed (storage/posting_codec.py): its term ids ascending and
    their BM25 term-frequency weights (fields boosted), stored as integers, the weight times
    WEIGHT_SCALE (storage/search_index.py), rounded. Deleting the row (with its case) queues
    its postings in search_gone (a trigger, migration 0027)."""

    __tablename__ = "search_case"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case_item.id", ondelete="CASCADE"), primary_key=True
    )
    postings: Mapped[bytes] = mapped_column(LargeBinary)


class SearchBlock(Base):
    """A run of one term's postings in case order, packed: the cases, then their weights.
    Keyed by the first case it holds (storage/posting_store.py)."""

    __tablename__ = "search_block"

    term_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_case: Mapped[int] = mapped_column(Integer, primary_key=True)
    postings: Mapped[bytes] = mapped_column(LargeBinary)


class SearchGone(Base):
    """The postings of a deleted case, until a writer takes them out of the blocks, the
    terms' tops and their counts (`posting_store.purge`)."""

    __tablename__ = "search_gone"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    postings: Mapped[bytes] = mapped_column(LargeBinary)


class SearchMeta(Base):
    """Facts about the search index, e.g. which version of the text analysis built it."""

    __tablename__ = "search_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BotState(Base):
    """Bot Framework state (conversation, user, dialog stacks) for storage/bot_state.py.

    `data` is the item as jsonpickle JSON text, without its e_tag: the `e_tag` column is the
    only copy, so the compare-and-set in SQL is the whole concurrency story.
    """

    __tablename__ = "bot_state"

    # Channel keys ("msteams/conversations/a:1…;messageid=…") run to a few hundred characters.
    key: Mapped[str] = mapped_column(String(1024), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    e_tag: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatIdentity(Base):
    """A chat user linked to the person they are in the minutes, so "my tasks" finds them
    even when their chat name is not the name the minutes use. Written by the bot the first
    time it can tell who someone is (bot/identity.py)."""

    __tablename__ = "chat_identity"
    __table_args__ = (
        UniqueConstraint(
            "tenant", "channel", "user_key", name="uq_chat_identity_tenant_channel_user_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    channel: Mapped[str] = mapped_column(String(50))  # "msteams", "slack", …
    # The AAD object id in Teams (stable across chats and apps); else the channel's user id.
    user_key: Mapped[str] = mapped_column(String(300))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str | None] = mapped_column(String(300))  # as the channel showed it
    email: Mapped[str | None] = mapped_column(String(300))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatConversation(Base):
    """A conversation the bot can write to unprompted (a reminder): the Bot Framework
    conversation reference as it was last seen there. For a Teams channel the id is the
    channel's, without the ";messageid=" of the thread it was seen in, so a reminder is a
    new post in the channel."""

    __tablename__ = "chat_conversation"
    __table_args__ = (
        UniqueConstraint(
            "tenant", "channel", "conversation_id", name="uq_chat_conversation_tenant_channel_id"
        ),
        Index("ix_chat_conversation_user", "tenant", "user_key"),
        Index("ix_chat_conversation_team", "tenant", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    channel: Mapped[str] = mapped_column(String(50))  # "msteams", "slack", "webchat", …
    conversation_id: Mapped[str] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(20))  # personal | channel | groupChat
    # A personal chat's user: the AAD object id in Teams, as chat_identity.user_key.
    user_key: Mapped[str | None] = mapped_column(String(300))
    teams_tenant_id: Mapped[str | None] = mapped_column(String(100))
    service_url: Mapped[str] = mapped_column(String(500))
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    name: Mapped[str | None] = mapped_column(String(300))  # "SSU Fjordby / Generelt"
    # A channel's team (its General channel's id): removing the bot from the team stops them all.
    team_id: Mapped[str | None] = mapped_column(String(1024))
    # What to write in unprompted; `language_source` says whence: "locale" (the client's),
    # "written" (the last message that showed its language) or "chosen" («snakk norsk»).
    language: Mapped[str | None] = mapped_column(String(5))
    language_source: Mapped[str | None] = mapped_column(String(10))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the bot was removed
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(Base):
    """A conversation gets a committee's meeting reminders: `offsets_days` before each
    meeting, at `at_minute` minutes past local midnight. Stopped by its members
    ("avslutt abonnement") or by the Connector saying the bot is gone (403/404)."""

    __tablename__ = "subscription"
    __table_args__ = (
        UniqueConstraint(
            "conversation_ref_id", "committee_id", name="uq_subscription_conversation_committee"
        ),
        Index("ix_subscription_committee", "committee_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    conversation_ref_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversation.id", ondelete="CASCADE")
    )
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"))
    offsets_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [7, 1])
    # max(offsets_days): lets the scheduler ask SQL only for meetings near enough.
    lead_days: Mapped[int] = mapped_column(Integer, default=7)
    at_minute: Mapped[int] = mapped_column(Integer, default=9 * 60)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation: Mapped[ChatConversation] = relationship(lazy="joined")
    committee: Mapped[Committee] = relationship(lazy="joined")


class Delivery(Base):
    """One reminder that fell due, under its unique `key`: the scheduler's ledger.

    status: pending (waiting, again after a retryable failure) → sending (claimed by
    `claimed_by` until `lease_until`) → sent | dropped (no longer true: the meeting moved,
    was cancelled or has passed; the task is done) | failed (the Connector refused it).
    """

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("key", name="uq_delivery_key"),
        Index("ix_delivery_waiting", "status", "next_attempt_at"),
        Index("ix_delivery_activity", "activity_id"),
        Index("ix_delivery_meeting", "meeting_id"),
        Index("ix_delivery_task", "task_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    kind: Mapped[str] = mapped_column(String(10))  # agenda | task
    stage: Mapped[str] = mapped_column(String(20))  # "7d", "1d" | "before", "due", "overdue2"
    status: Mapped[str] = mapped_column(String(10), default="pending")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    conversation_ref_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_conversation.id", ondelete="SET NULL")
    )
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscription.id", ondelete="SET NULL")
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    meeting_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # as it was planned for
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="SET NULL"))
    task_due: Mapped[dt.date | None] = mapped_column(Date)  # as it was planned for
    # A personal reminder to someone without a chat with the bot yet: one is created.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    activity_id: Mapped[str | None] = mapped_column(String(300))  # the message, once sent
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatChange(Base):
    """A change made in chat, for «angre» (storage/undo.py): who made it where and when, and
    the row's fields before and after (plain JSON; dates as ISO text). `kind` says which
    table `target_id` is in: task_added | task_done | task_reopened | task_postponed |
    task_reassigned | case_added | meeting_added | meeting_moved."""

    __tablename__ = "chat_change"
    __table_args__ = (
        Index("ix_chat_change_who", "tenant", "conversation_id", "user_key", "made_at"),
        Index("ix_chat_change_undone_key", "tenant", "undone_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), default=DEFAULT_TENANT)
    conversation_id: Mapped[str] = mapped_column(String(1024))
    user_key: Mapped[str] = mapped_column(String(300))
    user_name: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_key: Mapped[str | None] = mapped_column(String(300))  # the «angre» message
