"""Who is asking: the chat user as a person in the minutes, for "hvilke oppgaver har jeg?".

A Teams user's display name is often not the name the minutes use ("Furuholmen, Christine",
a nickname). The first time someone asks, the bot asks Teams for the member's profile
(given name, surname, email), looks for exactly one person with that email or that full
name, and stores the link (table chat_identity); from then on the link answers. Users that
match nobody or several people keep their display name, as before, so the assistant says it
finds nobody by that name or asks which one is meant.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema.teams import TeamsChannelAccount
from botframework.connector import Channels
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.database import Database
from storage.identities import link_person, linked_person, people_by_email, people_by_full_name
from storage.models import Person

log = logging.getLogger(__name__)

# A slow or failing Connector must not hold the answer long. (The SDK retries a 5xx three
# times with backoff, 0 + 1.6 + 3.2 s: this cuts that short too.)
MEMBER_LOOKUP_TIMEOUT_S = 3.0

Status = Literal["linked", "ambiguous", "unknown"]


@dataclass(frozen=True, slots=True)
class Asker:
    name: str | None  # for Assistant.answer(asker=…): the person's name, else the chat name
    person_id: int | None
    status: Status  # linked: one person; ambiguous: several fit; unknown: none fits

    @property
    def linked(self) -> bool:
        return self.status == "linked"


UserKey = tuple[str, str, str]  # tenant, channel, user key


class UnlinkedUsers:
    """Users this process could not link, so that Teams is not asked about them every turn.

    Forgotten after a while: an import may add the person later, and a failed lookup may
    have been a passing fault. Bounded, the oldest entries go first."""

    def __init__(
        self,
        *,
        forget_after_s: float = 3600.0,
        retry_failed_after_s: float = 300.0,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.forget_after_s = forget_after_s
        self.retry_failed_after_s = retry_failed_after_s
        self.max_users = max_users
        self._clock = clock
        self._until: dict[UserKey, tuple[float, Status]] = {}

    def get(self, key: UserKey) -> Status | None:
        entry = self._until.get(key)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            del self._until[key]
            return None
        return entry[1]

    def remember(self, key: UserKey, status: Status, *, lookup_failed: bool) -> None:
        ttl = self.retry_failed_after_s if lookup_failed else self.forget_after_s
        self._until.pop(key, None)
        self._until[key] = (self._clock() + ttl, status)
        while len(self._until) > self.max_users:
            del self._until[next(iter(self._until))]


# The turn state's key of a channel's own `async () -> Asker` (bot/slack/turns.py).
ASKER_LOOKUP = "referent.asker_lookup"


async def who_is_asking(
    turn_context: TurnContext,
    db: Database,
    tenant: str,
    *,
    unlinked: UnlinkedUsers | None = None,
) -> Asker:
    """The asking user as a person of `tenant`: the stored link, else a match on the Teams
    member's email or full name (then stored), else the chat display name unlinked. A
    channel with its own way (Slack) puts it in the turn state (ASKER_LOOKUP)."""
    lookup = turn_context.turn_state.get(ASKER_LOOKUP)
    if lookup is not None:
        return await lookup()
    activity = turn_context.activity
    user = activity.from_property
    display = ((user.name or "").strip() or None) if user else None
    user_key = (user.aad_object_id or user.id) if user else None
    if not user_key:
        return Asker(display, None, "unknown")
    channel = activity.channel_id or ""
    async with db.session() as session:
        person = await linked_person(session, tenant=tenant, channel=channel, user_key=user_key)
    if person is not None:
        return Asker(person.name, person.id, "linked")
    key = (tenant, channel, user_key)
    known = unlinked.get(key) if unlinked is not None else None
    if known is not None:
        return Asker(display, None, known)

    member: TeamsChannelAccount | None = None
    lookup_failed = False
    if channel == Channels.ms_teams and user is not None and user.id:
        member = await _teams_member(turn_context, user.id)
        lookup_failed = member is None
    names = full_names([member.name if member else None, display], member)
    emails = [e for e in (member.email, member.user_principal_name) if e] if member else []
    async with db.session() as session:
        people = await matching_people(session, tenant, emails, names)
    if len(people) != 1:
        status: Status = "ambiguous" if people else "unknown"
        if unlinked is not None:
            unlinked.remember(key, status, lookup_failed=lookup_failed)
        return Asker(display or (member.name if member else None), None, status)

    (person,) = people
    try:
        await link_person(
            db,
            tenant=tenant,
            channel=channel,
            user_key=user_key,
            person_id=person.id,
            display_name=display or (member.name if member else None),
            email=(emails or [None])[0],
        )
    except SQLAlchemyError:  # e.g. the person was deleted meanwhile; answer all the same
        log.warning("could not store the chat identity of %s", user_key, exc_info=True)
    return Asker(person.name, person.id, "linked")


async def _teams_member(turn_context: TurnContext, user_id: str) -> TeamsChannelAccount | None:
    """The member's Teams profile, or None when Teams does not give it (any failure: the
    turn goes on with the activity's display name)."""
    try:
        async with asyncio.timeout(MEMBER_LOOKUP_TIMEOUT_S):
            return await TeamsInfo.get_member(turn_context, user_id)
    except Exception as error:
        log.info("Teams member lookup failed (%s: %s)", type(error).__name__, error)
        return None


def full_names(shown: list[str | None], member: TeamsChannelAccount | None) -> list[str]:
    """Ways the user's full name may be written in the minutes."""
    names: list[str] = []
    for name in filter(None, shown):
        names.append(name)
        last, comma, first = name.partition(",")
        if comma and "," not in first:  # "Furuholmen, Christine", as directories write it
            names.append(f"{first} {last}")
    if member is not None and member.given_name and member.surname:
        names.append(f"{member.given_name} {member.surname}")
    return names


async def matching_people(
    session: AsyncSession, tenant: str, emails: list[str], names: list[str]
) -> list[Person]:
    """Who fits: by email when the store knows it (it is specific), else by full name. An
    address several people share (a team mailbox) counts only with the name."""
    by_name = await people_by_full_name(session, tenant=tenant, names=names)
    by_email = await people_by_email(session, tenant=tenant, emails=emails)
    if len(by_email) > 1:
        named = {p.id for p in by_name}
        both = [p for p in by_email if p.id in named]
        return both if len(both) == 1 else by_email
    return by_email or by_name
