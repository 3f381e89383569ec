"""The reminder scheduler: a loop in the bot's process, driven by the database alone.

Each pass writes down what has fallen due in every tenant (storage/deliveries.write_all_due:
a Slack workspace is a tenant of its own), then claims the waiting deliveries in batches and
sends them, paced (bot/pacing.py), recording each as it goes: a Teams conversation's through
the Bot Connector (bot/outbox.py), a Slack one's through Slack's Web API
(bot/slack/outbox.py). Nothing lives only in memory: a restarted scheduler (or another
instance) carries on from the ledger, and a key already written is never sent again.

Stopping (the app shutting down, the task cancelled): messages already on their way are
finished and recorded, claims not yet acted on are given back at once. A process killed
outright leaves its claims to run out (SchedulerSettings.lease); a message it had sent but
not yet recorded is then sent again — the one case where a reminder can arrive twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from botbuilder.schema import Activity
from sqlalchemy.orm import Session

from assistant.clock import Clock
from assistant.reminder_content import Content, Stale, reminder_content
from storage import deliveries
from storage.chat_conversations import stop_conversation
from storage.database import Database
from storage.models import ChatConversation, Delivery

from .outbox import Outbox, SendError, Target
from .pacing import Pacer, PacingLimits
from .reminder_cards import reminder_activity
from .slack.blocks import SlackMessage
from .slack.outbox import SlackOutbox, SlackTarget
from .slack.reminder_blocks import reminder_message
from .slack.reminder_chats import SlackDm, open_dm, slack_dm_for, slack_target
from .teams_chats import TeamsChat, open_teams_chat, teams_chat_for

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SchedulerSettings:
    poll_seconds: float = 30.0  # the longest the loop sleeps between passes
    batch: int = 100  # deliveries claimed at a time
    concurrency: int = 8  # sends in flight at once
    lease: timedelta = timedelta(minutes=5)  # how long a claim holds
    max_attempts: int = 8  # then a retryable failure counts as failed
    pacing: PacingLimits = field(default_factory=PacingLimits)


@dataclass
class PassReport:
    planned: int = 0
    sent: int = 0
    dropped: int = 0  # stale or too late
    retrying: int = 0
    failed: int = 0
    disabled: int = 0  # subscriptions stopped because the bot was removed

    def __bool__(self) -> bool:
        return any(vars(self).values())


@dataclass(frozen=True, slots=True)
class _Prepared:
    content: Content
    channel: str = "msteams"  # or "slack"
    language: str = "nb"
    target: Target | SlackTarget | None = None
    open_chat: TeamsChat | SlackDm | None = None
    pace_key: str = ""


# Ledger keys remembered between passes (then forgotten and asked for again).
WRITTEN_KEPT = 200_000


def _backoff(attempts: int) -> float:
    """Seconds before the next try when the Connector did not say: 2, 4, 8 … 10 min."""
    return float(min(2 ** (attempts + 1), 600))


class Scheduler:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        clock: Clock,
        *,
        tz: tzinfo,
        tenant: str,
        language: str = "nb",
        settings: SchedulerSettings | None = None,
        instance: str | None = None,
        slack: SlackOutbox | None = None,
    ) -> None:
        self.db, self.outbox, self.clock = db, outbox, clock
        self.slack = slack  # None: Slack not configured, its reminders are dropped
        self.tz, self.tenant, self.language = tz, tenant, language
        self.settings = settings or SchedulerSettings()
        self.instance = instance or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.pacer = Pacer(self.settings.pacing)
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self._stopping = False
        self._wake = asyncio.Event()
        self._written: set[str] = set()  # keys known to be in the ledger (see write_due)
        self._memo = deliveries.PlanMemo()  # rows planned before (an idle pass is cheap)

    # ---- the loop ---------------------------------------------------------------------------

    async def run_forever(self) -> None:
        """Passes until cancelled: after each, sleep until the next retry is due, a nudge,
        or `poll_seconds`, whichever comes first."""
        while True:
            try:
                report = await self.run_once()
                if report:
                    log.info("reminder pass: %s", report)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database away, a bug: log it, try again next time
                log.exception("reminder pass failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(await self._seconds_to_next()):
                    await self._wake.wait()

    def nudge(self) -> None:
        """Run a pass now (a subscription or a meeting changed)."""
        self._wake.set()

    async def _seconds_to_next(self) -> float:
        poll = self.settings.poll_seconds
        try:
            wake = await self.db.read(deliveries.next_wake)
        except Exception:
            return poll
        if wake is None:
            return poll
        return min(poll, max(0.2, (wake - self.clock.now()).total_seconds()))

    # ---- one pass ---------------------------------------------------------------------------

    async def run_once(self) -> PassReport:
        """Write down what has fallen due, then send everything waiting; return what
        happened."""
        report = PassReport()
        now = self.clock.now()
        if len(self._written) > WRITTEN_KEPT:
            self._written.clear()
        written = self._written
        planned = await self.db.write(
            lambda s: deliveries.write_all_due(s, self.tenant, now, self.tz, written, self._memo)
        )
        written.update(planned.known, planned.keys)  # committed: they stay in the ledger
        report.planned, report.dropped = planned.added, planned.dropped
        while not self._stopping:
            batch = await self._claim()
            if not batch:
                break
            await self._send_all(batch, report)
        return report

    async def _claim(self) -> list[Delivery]:
        now = self.clock.now()
        settings = self.settings
        claiming = asyncio.ensure_future(
            self.db.write(
                lambda s: deliveries.claim(s, now, self.instance, settings.batch, settings.lease)
            )
        )
        try:
            return await asyncio.shield(claiming)
        except asyncio.CancelledError:
            # Cancelled while the claim was in the database: give its rows back.
            self._stopping = True
            with contextlib.suppress(Exception):
                claimed = await claiming
                await self._release([d.id for d in claimed])
            raise

    async def _send_all(self, batch: list[Delivery], report: PassReport) -> None:
        """Conversations side by side, each one's reminders in order (the agenda first,
        then by when they fell due), so a channel reads them in a sensible order.

        Each conversation's sends are a task of their own, which a cancelled pass does not
        cancel: they are told to stop (`_stopping`) and finish or give back their claims."""
        queues: dict[object, list[Delivery]] = {}
        for delivery in sorted(batch, key=lambda d: (d.kind != "agenda", d.due_at, d.id)):
            where = delivery.conversation_ref_id or ("person", delivery.person_id, delivery.id)
            queues.setdefault(where, []).append(delivery)
        tasks = [asyncio.create_task(self._deliver_in_turn(q, report)) for q in queues.values()]
        try:
            await asyncio.wait(tasks)
        except asyncio.CancelledError:
            self._stopping = True
            await asyncio.wait(tasks)
            raise

    async def _deliver_in_turn(self, queue: list[Delivery], report: PassReport) -> None:
        for delivery in queue:
            await self._deliver(delivery, report)

    async def _release(self, ids: list[int]) -> None:
        await self.db.write(lambda s: deliveries.release(s, ids, self.instance))

    async def _deliver(self, delivery: Delivery, report: PassReport) -> None:
        async with self._slots:
            if self._stopping:
                await self._release([delivery.id])
                return
            try:
                await self._deliver_one(delivery, report)
            except Exception as error:  # not the Connector: our side failed
                log.exception("reminder %s could not be sent", delivery.key)
                await self._record_failure(delivery, SendError(None, repr(error)), None, report)

    async def _deliver_one(self, delivery: Delivery, report: PassReport) -> None:
        now = self.clock.now()
        prepared = await self.db.read(lambda s: self._prepare(s, delivery, now))
        if isinstance(prepared.content, Stale):
            reason = prepared.content.reason
            log.info("reminder %s not sent: %s", delivery.key, reason)
            await self._record(delivery, "dropped", error=reason)
            report.dropped += 1
            return
        message = self._message(prepared, now)
        await self.pacer.turn(prepared.pace_key, prepared.channel)
        if self._stopping:
            await self._release([delivery.id])
            return
        target, conversation_ref_id = prepared.target, delivery.conversation_ref_id
        try:
            if target is None and prepared.open_chat is not None:
                target, conversation_ref_id = await self._open(prepared.open_chat)
            if target is None:  # _prepare gives one or the other
                raise SendError(None, "no conversation to send to")
            activity_id = await self._send(target, message)
        except SendError as error:
            await self._record_failure(delivery, error, conversation_ref_id, report)
            return
        await self._record(
            delivery, "sent", activity_id=activity_id, conversation_ref_id=conversation_ref_id
        )
        report.sent += 1

    def _message(self, prepared: _Prepared, now: datetime) -> Activity | SlackMessage:
        """The reminder as the channel shows it: Block Kit in Slack, else an activity."""
        content = prepared.content
        assert not isinstance(content, Stale)
        today = now.astimezone(self.tz).date()
        if prepared.channel == "slack":
            return reminder_message(content, prepared.language, self.tz, today)
        return reminder_activity(content, prepared.channel, prepared.language, self.tz, today)

    async def _send(
        self, target: Target | SlackTarget, message: Activity | SlackMessage
    ) -> str | None:
        if isinstance(target, SlackTarget):
            assert self.slack is not None and isinstance(message, SlackMessage)  # see _prepare
            return await self.slack.send(target, message)
        assert isinstance(message, Activity)
        return await self.outbox.send(target, message)

    async def _open(self, opening: TeamsChat | SlackDm) -> tuple[Target | SlackTarget, int]:
        now = self.clock.now()
        if isinstance(opening, SlackDm):
            assert self.slack is not None  # see _prepare
            return await open_dm(self.slack, self.db, opening, now)
        return await open_teams_chat(self.outbox, self.db, opening, now)

    def _prepare(self, session: Session, delivery: Delivery, now: datetime) -> _Prepared:
        content = reminder_content(session, delivery, now, self.tz)
        if isinstance(content, Stale):
            return _Prepared(content)
        if delivery.conversation_ref_id is not None:
            conversation = session.get(ChatConversation, delivery.conversation_ref_id)
            if conversation is None or conversation.removed_at is not None:
                return _Prepared(Stale("the bot was removed from the conversation"))
            if conversation.channel == "slack" and self.slack is None:
                return _Prepared(Stale("Slack is not configured"))
            target: Target | SlackTarget = (
                slack_target(conversation)
                if conversation.channel == "slack"
                else Target(conversation.reference, conversation.teams_tenant_id)
            )
            return _Prepared(
                content,
                channel=conversation.channel,
                language=conversation.language or self.language,
                target=target,
                pace_key=conversation.conversation_id,
            )
        opening = self._open_chat_for(session, delivery.tenant, delivery.person_id)
        if opening is None:
            return _Prepared(Stale("nowhere to send it: no chat with the person"))
        if isinstance(opening, SlackDm):
            return _Prepared(content, channel="slack", open_chat=opening, pace_key=opening.user_key)
        return _Prepared(content, open_chat=opening, pace_key=opening.user_key)

    def _open_chat_for(
        self, session: Session, tenant: str, person_id: int | None
    ) -> TeamsChat | SlackDm | None:
        """A personal chat to open for the person: in Teams when they can be reached there
        (as before Slack came), else a Slack DM (storage/slack_reach.py)."""
        if person_id is None:
            return None
        teams = teams_chat_for(session, tenant, person_id)
        if teams is not None or self.slack is None:
            return teams
        return slack_dm_for(session, tenant, person_id)

    # ---- recording --------------------------------------------------------------------------

    async def _record(self, delivery: Delivery, status: str, **values: Any) -> None:
        now = self.clock.now()
        kept = await self.db.write(
            lambda s: deliveries.record(s, delivery.id, self.instance, status, now=now, **values)
        )
        if not kept:
            log.warning("reminder %s: claim had run out before it was recorded", delivery.key)

    async def _record_failure(
        self,
        delivery: Delivery,
        error: SendError,
        conversation_ref_id: int | None,
        report: PassReport,
    ) -> None:
        now = self.clock.now()
        if error.gone and conversation_ref_id is not None:
            why = f"{error.answered}: the bot was removed"

            def gone(session: Session) -> int:
                deliveries.record(
                    session, delivery.id, self.instance, "failed", now=now, error=str(error)
                )
                return stop_conversation(session, conversation_ref_id, now, why)

            stopped = await self.db.write(gone)
            log.warning(
                "reminder %s: %s; %d subscription(s) in that conversation disabled",
                delivery.key,
                why,
                stopped,
            )
            report.failed += 1
            report.disabled += stopped
            return
        if error.retryable and delivery.attempts + 1 < self.settings.max_attempts:
            wait = error.retry_after
            if wait is None:
                wait = _backoff(delivery.attempts)
            retry_at = now + timedelta(seconds=wait)
            log.info("reminder %s: %s; trying again at %s", delivery.key, error, retry_at)
            await self._record(delivery, "pending", error=str(error), retry_at=retry_at)
            report.retrying += 1
            return
        log.warning("reminder %s failed: %s", delivery.key, error)
        await self._record(delivery, "failed", error=str(error))
        report.failed += 1
