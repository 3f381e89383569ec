"""Reminder subscriptions from chat: "abonner på SSU", "avslutt abonnement", "påminnelser
7 dager og 1 dag før kl 09", "hvilke abonnementer har vi?" — and the bot being added to or
removed from a channel."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import chat_conversations as store
from storage.chat_conversations import ConversationInfo
from storage.committee_access import Reader, restrict
from storage.database import Database
from storage.models import ChatConversation, Committee, Subscription
from storage.records import committee_by_name

from .clock import Clock
from .commands import Subscription as SubscriptionCommand
from .reminder_times import DEFAULT_OFFSETS, ReminderRule
from .texts import text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Installed:
    """What adding the bot to a conversation did: the committee it subscribed to, if the
    channel's or team's name says which."""

    committee: str | None
    offsets_days: tuple[int, ...] = DEFAULT_OFFSETS
    at_minute: int = 9 * 60

    def welcome(self, language: str, *, personal: bool) -> str:
        """What the bot says on being added: in a channel, about its reminders too."""
        if personal:
            return text(language, "welcome")
        if self.committee is None:
            return text(language, "welcome.channel")
        offsets, hour = offsets_text(self.offsets_days, language), hour_text(self.at_minute)
        return text(
            language, "welcome.subscribed", committee=self.committee, offsets=offsets, hour=hour
        )


class ReminderSettings:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        tenant: str,
        *,
        on_change: Callable[[], None] | None = None,
        admins: tuple[str, ...] = (),
    ) -> None:
        self.db, self.clock, self.tenant = db, clock, tenant
        self._on_change = on_change or (lambda: None)
        self.admins = admins  # REFERENT_ADMINS: they read every committee

    async def handle(
        self,
        command: SubscriptionCommand,
        info: ConversationInfo,
        by: str | None,
        language: str,
        reader: Reader | None = None,
    ) -> str:
        """The reply to a subscription command said in the conversation `info` by `reader`
        (None: the operator). A committee kept to its members is subscribed to only by
        those who read it: to anyone else it is a committee the bot does not know, and the
        subscription is then the conversation's access to it (storage/committee_access)."""
        if command.action == "list":  # only reads: nothing to store, nothing to nudge

            def listed(session: Session) -> str:
                restrict(session, self.tenant, reader, admins=self.admins)
                return self._list(session, info, language)

            return await self.db.read(listed)
        now = self.clock.now()

        def work(session: Session) -> str:
            restrict(session, self.tenant, reader, admins=self.admins)
            conversation = store.remember_conversation(session, info, now)
            if command.action == "subscribe":
                return self._subscribe(session, conversation, command.committee, by, language)
            if command.action == "unsubscribe":
                return self._unsubscribe(session, conversation, command.committee, language)
            return self._set_timing(session, conversation, command, language)

        reply = await self.db.write(work)
        self._on_change()  # a reminder may be due at once
        return reply

    def _committee(self, session: Session, name: str | None, language: str) -> Committee | str:
        """The committee called `name`, or the reply saying why there is none."""
        found = committee_by_name(session, self.tenant, name or "")
        if len(found) == 1:
            return found[0]
        known = _committee_list(session, self.tenant)
        if not found:
            return text(language, "subscribe.unknown", name=name, known=known)
        labels = ", ".join(f"{c.label} ({c.name})" for c in found)
        return text(language, "subscribe.ambiguous", name=name, known=labels)

    def _subscribe(
        self, session: Session, conversation: int, name: str | None, by: str | None, language: str
    ) -> str:
        committee = self._committee(session, name, language)
        if isinstance(committee, str):
            return committee
        subscription, new = store.subscribe(
            session, conversation, committee, by=by, now=self.clock.now()
        )
        key = "subscribe.done" if new else "subscribe.already"
        return text(language, key, committee=committee.label, **_timing(subscription, language))

    def _unsubscribe(
        self, session: Session, conversation: int, name: str | None, language: str
    ) -> str:
        committee_id = None
        if name:
            committee = self._committee(session, name, language)
            if isinstance(committee, str):
                return committee
            committee_id = committee.id
        stopped = store.unsubscribe(session, conversation, committee_id, self.clock.now())
        if not stopped:
            return text(language, "unsubscribe.none")
        labels = _and(sorted(s.committee.label for s in stopped), language)
        return text(language, "unsubscribe.done", committees=labels)

    def _set_timing(
        self, session: Session, conversation: int, command: SubscriptionCommand, language: str
    ) -> str:
        hour = command.hour
        try:
            ReminderRule(command.offsets_days, hour or time(9, 0))
        except ValueError:
            return text(language, "reminders.settings.bad")
        at_minute = hour.hour * 60 + hour.minute if hour else None
        changed = store.set_timing(
            session, conversation, command.offsets_days, at_minute, self.clock.now()
        )
        if not changed:
            return text(language, "reminders.settings.none")
        labels = _and(sorted(s.committee.label for s in changed), language)
        return text(
            language, "reminders.settings.done", committees=labels, **_timing(changed[0], language)
        )

    def _list(self, session: Session, info: ConversationInfo, language: str) -> str:
        """The conversation's subscriptions, each with its committee and timing; or that
        there are none, and how to start one."""
        conversation = session.scalar(
            select(ChatConversation.id).where(
                ChatConversation.tenant == info.tenant,
                ChatConversation.channel == info.channel,
                ChatConversation.conversation_id == info.conversation_id,
            )
        )
        found = store.subscriptions_of(session, conversation) if conversation else []
        if not found:
            labels = _committee_labels(session, self.tenant)
            example = labels[0] if labels else "SSU"
            known = ", ".join(labels) or "—"
            return text(language, "subscriptions.none", example=example, known=known)
        found.sort(key=lambda s: s.committee.label.casefold())
        lines = [text(language, "subscriptions.list")]
        lines += [
            "- " + text(language, "subscriptions.list.item", committee=_committee_name(s.committee),
                        **_timing(s, language))
            for s in found
        ]  # fmt: skip
        example = found[0].committee.label
        return "\n".join([*lines, "", text(language, "subscriptions.list.how", example=example)])

    async def installed(
        self, info: ConversationInfo, by: str | None, reader: Reader | None = None
    ) -> Installed:
        """The bot was added to a conversation: remember it; in a channel or group chat
        whose name (or team's name) names exactly one committee that `reader` (the one who
        added it) reads, subscribe to it."""
        now = self.clock.now()

        def work(session: Session) -> Installed:
            restrict(session, self.tenant, reader, admins=self.admins)
            conversation = store.remember_conversation(session, info, now)
            if info.kind == "personal":
                return Installed(None)
            committee = _committee_in_name(session, self.tenant, info.name or "")
            if committee is None:
                return Installed(None)
            subscription, _ = store.subscribe(session, conversation, committee, by=by, now=now)
            log.info("subscribed %s to %s on installation", info.conversation_id, committee.label)
            offsets = tuple(subscription.offsets_days)
            return Installed(committee.label, offsets, subscription.at_minute)

        installed = await self.db.write(work)
        self._on_change()
        return installed

    async def removed(self, info: ConversationInfo) -> None:
        """The bot was removed from the conversation: its subscriptions stop, and reminders
        no longer go there (nor, from a personal chat, to a chat opened anew). Removed from
        a team (`team_id`), every channel of the team stops."""
        if info.team_id:
            await self.team_removed(info.channel, info.team_id)
            return
        now = self.clock.now()
        stopped = await self.db.write(lambda s: store.conversation_removed(s, info, now))
        log.info("removed from %s; %d subscriptions stopped", info.conversation_id, stopped)

    async def team_removed(self, channel: str, team_id: str) -> None:
        """The bot left a whole Teams team or Slack workspace (app_uninstalled): every
        conversation of it stops."""
        now = self.clock.now()
        stopped = await self.db.write(
            lambda s: store.team_removed(s, self.tenant, channel, team_id, now)
        )
        log.info("removed from %s team %s; %d subscriptions stopped", channel, team_id, stopped)

    async def seen(self, info: ConversationInfo) -> None:
        """A conversation the bot was written to in (a personal chat: reminders to that
        person can go there)."""
        now = self.clock.now()
        await self.db.write(lambda s: store.remember_conversation(s, info, now))


def _committee_in_name(session: Session, tenant: str, name: str) -> Committee | None:
    """The one committee a channel's name points at ("SSU Fjordby / Generelt" -> SSU; a
    Slack channel's "ssu-fjordby" or "lsu_2027" too: the first of its parts that names
    one, when the whole name does not)."""
    found: dict[int, Committee] = {}
    for word in re.findall(r"[\wÆØÅæøå-]+", name):
        matches = committee_by_name(session, tenant, word)
        for part in re.split(r"[-_]+", word) if not matches else ():
            if part and (matches := committee_by_name(session, tenant, part)):
                break
        for committee in matches:
            found[committee.id] = committee
    return next(iter(found.values())) if len(found) == 1 else None


def _committee_labels(session: Session, tenant: str) -> list[str]:
    committees = session.scalars(select(Committee).where(Committee.tenant == tenant))
    return sorted({c.label for c in committees})


def _committee_list(session: Session, tenant: str) -> str:
    return ", ".join(_committee_labels(session, tenant)) or "—"


def _committee_name(committee: Committee) -> str:
    """ "SSU (Strategisk samarbeidsutvalg)", or the one name it has."""
    if committee.short_name and committee.name and committee.name != committee.short_name:
        return f"{committee.short_name} ({committee.name})"
    return committee.label


def offsets_text(offsets: list[int] | tuple[int, ...], language: str) -> str:
    """ "7 dager og 1 dag" / "7 days and 1 day"; 0 is "samme dag" / "the same day"."""
    parts = []
    for days in sorted(offsets, reverse=True):
        if days == 0:
            parts.append(text(language, "reminders.same_day"))
        else:
            key = "reminders.day" if days == 1 else "reminders.days"
            parts.append(text(language, key, n=days))
    return _and(parts, language)


def hour_text(at_minute: int) -> str:
    """Minutes past midnight as "09:00"."""
    return f"{at_minute // 60:02d}:{at_minute % 60:02d}"


def _timing(subscription: Subscription, language: str) -> dict[str, str]:
    offsets = offsets_text(subscription.offsets_days, language)
    return {"offsets": offsets, "hour": hour_text(subscription.at_minute)}


def _and(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text(language, 'and')} {items[-1]}"
