"""Who is asking in Slack: the Slack user as a person in the minutes, for «mine oppgaver».

The same rules as for Teams (bot/identity.py): the stored link (table chat_identity) first;
else the user's Slack profile from `users.info`, matched by email (present only with the
users:read.email scope), then by full name ("Furuholmen, Christine" too), exactly one person
or none; a match is stored. Nobody or several → the Slack display name, unlinked. The link's
key is channel "slack" and "T…:U…": a Slack user id is unique only within its workspace, and
never collides with a Teams user's key (channel "msteams")."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from storage.database import Database
from storage.identities import link_person, linked_person

from ..identity import Asker, Status, UnlinkedUsers, full_names, matching_people

log = logging.getLogger(__name__)

CHANNEL = "slack"
# A slow Slack must not hold the answer long; the turn goes on with the display name.
USERS_INFO_TIMEOUT_S = 3.0


def user_key(team_id: str | None, user_id: str) -> str:
    """The chat_identity key of a Slack user: workspace and user, "T123:U456"."""
    return f"{team_id}:{user_id}" if team_id else user_id


def event_display_name(event: dict[str, Any]) -> str | None:
    """The name a message event itself shows (`user_profile`, when Slack includes it)."""
    profile = event.get("user_profile") or {}
    for field in ("display_name", "real_name", "name"):
        if name := (profile.get(field) or "").strip():
            return name
    return None


class SlackIdentities:
    """Links Slack users to people of `tenant`; remembers for a while whom it could not."""

    def __init__(self, db: Database, tenant: str, unlinked: UnlinkedUsers | None = None) -> None:
        self.db = db
        self.tenant = tenant
        self.unlinked = unlinked if unlinked is not None else UnlinkedUsers()

    def asker(
        self,
        client: AsyncWebClient,
        team_id: str | None,
        user_id: str | None,
        display: str | None = None,
    ) -> Callable[[], Awaitable[str | None]]:
        """For Assistant.answer(asker=…): called only when the question is about the asker."""

        async def name() -> str | None:
            return (await self.who_is_asking(client, team_id, user_id, display)).name

        return name

    async def who_is_asking(
        self,
        client: AsyncWebClient,
        team_id: str | None,
        user_id: str | None,
        display: str | None = None,
    ) -> Asker:
        """The Slack user as a person: the stored link, else a match on the profile from
        users.info (then stored), else the display name unlinked. Never raises for Slack's
        or the database's faults: the turn goes on."""
        if not user_id:
            return Asker(display, None, "unknown")
        key = user_key(team_id, user_id)
        try:
            async with self.db.session() as session:
                person = await linked_person(
                    session, tenant=self.tenant, channel=CHANNEL, user_key=key
                )
        except SQLAlchemyError:
            log.warning("could not read the Slack identity of %s", key, exc_info=True)
            return Asker(display, None, "unknown")
        if person is not None:
            return Asker(person.name, person.id, "linked")
        cache_key = (self.tenant, CHANNEL, key)
        if (known := self.unlinked.get(cache_key)) is not None:
            return Asker(display, None, known)

        user = await _users_info(client, user_id)
        profile: dict[str, Any] = (user or {}).get("profile") or {}
        shown = _slack_display_name(user) or display
        real_names = [profile.get("real_name"), (user or {}).get("real_name")]
        names = full_names([*real_names, shown], None)
        email = (profile.get("email") or "").strip() or None
        try:
            async with self.db.session() as session:
                people = await matching_people(
                    session, self.tenant, [email] if email else [], names
                )
        except SQLAlchemyError:
            log.warning("could not match the Slack user %s", key, exc_info=True)
            return Asker(shown, None, "unknown")
        if len(people) != 1:
            status: Status = "ambiguous" if people else "unknown"
            self.unlinked.remember(cache_key, status, lookup_failed=user is None)
            return Asker(shown, None, status)

        (person,) = people
        try:
            await link_person(
                self.db,
                tenant=self.tenant,
                channel=CHANNEL,
                user_key=key,
                person_id=person.id,
                display_name=shown,
                email=email,
            )
        except SQLAlchemyError:  # e.g. the person was deleted meanwhile; answer all the same
            log.warning("could not store the Slack identity of %s", key, exc_info=True)
        return Asker(person.name, person.id, "linked")


async def _users_info(client: AsyncWebClient, user_id: str) -> dict[str, Any] | None:
    """The user object of users.info, or None when Slack does not give it (ok: false,
    a network error, a timeout): the turn goes on with the event's display name."""
    try:
        async with asyncio.timeout(USERS_INFO_TIMEOUT_S):
            response = await client.users_info(user=user_id)
    except Exception as error:  # SlackApiError, aiohttp's errors, TimeoutError, …
        log.info("Slack users.info for %s failed (%s: %s)", user_id, type(error).__name__, error)
        return None
    user = response.get("user")
    return user if isinstance(user, dict) else None


def _slack_display_name(user: dict[str, Any] | None) -> str | None:
    """The name Slack shows for the user: the display name they chose, else the real name,
    else the handle."""
    if not user:
        return None
    profile = user.get("profile") or {}
    for name in (
        profile.get("display_name"),
        profile.get("real_name"),
        user.get("real_name"),
        user.get("name"),
    ):
        if name and name.strip():
            return name.strip()
    return None
