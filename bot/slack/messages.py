"""Slack's message events as turns of the tenant's bot (bot/slack/turns.py).

- A mention in a channel is answered in its thread (the thread it was written in, or the
  one it starts); the thread is the dialog's conversation.
- In that thread, an answer to the bot's question needs no mention: a thread message
  without one is a turn only while a dialog of the thread waits for it. Other channel
  messages are none of the bot's business.
- A direct message is a turn in the direct message (or its thread).
- The bot added to a channel: welcome, and in a channel named after a committee, its
  reminders (as in Teams); removed from it: its reminders stop there.

Each event is recorded by its id before any work (storage/slack_events.py), so a delivery
Slack makes again, to this instance or another, does nothing."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from assistant.intent.text import strip_mentions
from storage.slack_events import first_delivery

from ..conversation_info import slack_conversation_info
from ..stacks import TenantStack, TenantStacks
from .context import stack_of
from .identity import SlackIdentities, event_display_name
from .turns import SlackPlace, SlackTurnAdapter, joined_activity, message_activity

log = logging.getLogger(__name__)


class SlackMessages:
    def __init__(self, stacks: TenantStacks) -> None:
        self.stacks = stacks

    async def mention(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        thread_ts = event.get("thread_ts") or event.get("ts")
        await self._turn(body, event, client, context, thread_ts=thread_ts)

    async def message(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        if _not_a_question(event):
            return
        if event.get("channel_type") == "im":
            await self._turn(body, event, client, context, thread_ts=event.get("thread_ts"))
            return
        thread_ts = event.get("thread_ts")
        bot_user = context.bot_user_id or ""
        if not thread_ts or (bot_user and f"<@{bot_user}>" in (event.get("text") or "")):
            return  # not in a thread, or a mention (app_mention has it)
        await self._turn(body, event, client, context, thread_ts=thread_ts, only_if_waiting=True)

    async def command(
        self,
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        """`/referent <words>`: a turn of the asker's own conversation in the channel; the
        answers go to the asker alone (a question's with «Del i kanalen»)."""
        stack = stack_of(self.stacks, context)
        place = SlackPlace(
            team_id=str(body.get("team_id") or context.team_id or ""),
            channel=str(body.get("channel_id") or ""),
            channel_type=_command_channel_type(body),
            user_id=str(body.get("user_id") or ""),
            respond=respond,
            channel_name=body.get("channel_name"),
        )
        words = (body.get("text") or "").strip()
        display = body.get("user_name")
        await self._run(stack, client, place, words, display, context, ts=body.get("trigger_id"))

    async def next_page(
        self,
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        """«Vis flere» under a list: its words for the next page («mine oppgaver side 2»)
        as if the one who clicked had typed them where the list stands: in its thread, or,
        under a /referent answer only they see, to them alone again."""
        action = (body.get("actions") or [{}])[0]
        words = str(action.get("value") or "").strip()
        container = body.get("container") or {}
        channel = body.get("channel") or {}
        user = body.get("user") or {}
        message = body.get("message") or {}
        private = bool(container.get("is_ephemeral"))
        place = SlackPlace(
            team_id=str((body.get("team") or {}).get("id") or context.team_id or ""),
            channel=str(container.get("channel_id") or channel.get("id") or ""),
            channel_type=_command_channel_type({"channel_name": channel.get("name")}),
            user_id=str(user.get("id") or ""),
            thread_ts=_thread_of(message, private, channel.get("name")),
            respond=respond if private else None,
            channel_name=channel.get("name"),
        )
        if not words or not place.channel:
            return
        stack = stack_of(self.stacks, context)
        display = user.get("name") or user.get("username") or None
        ts = str(action.get("action_ts") or "")
        await self._run(stack, client, place, words, display, context, ts=ts)

    async def joined(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """member_joined_channel: when the one who joined is the bot, welcome (and
        subscribe a channel named after a committee)."""
        bot_user = context.bot_user_id
        if not bot_user or event.get("user") != bot_user:
            return
        if not await self._first(body.get("event_id")):
            return
        stack = stack_of(self.stacks, context)
        channel = str(event.get("channel") or "")
        place = SlackPlace(
            team_id=str(event.get("team") or context.team_id or ""),
            channel=channel,
            channel_type="group" if event.get("channel_type") == "G" else "channel",
            user_id=str(event.get("inviter") or ""),
            channel_name=await _channel_name(client, channel),
        )
        adapter = SlackTurnAdapter(
            client, place, stack.assistant.default_language, stack.assistant.clock
        )
        identities = SlackIdentities(stack.assistant.db, stack.tenant, stack.unlinked)
        await adapter.run(joined_activity(place, bot_user), stack.bot, identities, None)

    async def left(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """channel_left / group_left: the bot was removed from a channel; its reminders
        stop there (only there: the workspace's other channels go on)."""
        stack = stack_of(self.stacks, context)
        place = SlackPlace(
            team_id=str(context.team_id or ""),
            channel=str(event.get("channel") or ""),
            channel_type="channel",
            user_id=str(event.get("actor_id") or ""),
        )
        info = slack_conversation_info(
            joined_activity(place, context.bot_user_id or ""), stack.tenant
        )
        await stack.reminders.removed(replace(info, team_id=None))

    async def _turn(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
        *,
        thread_ts: str | None,
        only_if_waiting: bool = False,
    ) -> None:
        stack = stack_of(self.stacks, context)
        place = SlackPlace(
            team_id=str(body.get("team_id") or context.team_id or ""),
            channel=str(event.get("channel") or ""),
            channel_type=str(event.get("channel_type") or "channel"),
            user_id=str(event.get("user") or ""),
            thread_ts=thread_ts,
        )
        words = strip_mentions(event.get("text") or "").strip()
        display = event_display_name(event)
        ts = str(event.get("ts") or "")
        await self._run(
            stack,
            client,
            place,
            words,
            display,
            context,
            ts=ts,
            only_if_waiting=only_if_waiting,
            event_id=str(body.get("event_id") or ""),  # none: not answered
        )

    async def _run(
        self,
        stack: TenantStack,
        client: AsyncWebClient,
        place: SlackPlace,
        words: str,
        display: str | None,
        context: AsyncBoltContext,
        *,
        ts: str | None,
        only_if_waiting: bool = False,
        event_id: str | None = None,
    ) -> None:
        """The turn. An event (`event_id`) is taken only on its first delivery; a thread's
        chatter (`only_if_waiting`) is looked at first, so most cost one read, no write."""
        activity = message_activity(
            place, words, display=display, bot_user_id=context.bot_user_id, ts=ts or ""
        )
        adapter = SlackTurnAdapter(
            client, place, stack.assistant.default_language, stack.assistant.clock
        )
        if only_if_waiting and not await adapter.dialog_waiting(activity, stack.conversations):
            return
        if event_id is not None and not await self._first(event_id):
            return
        identities = SlackIdentities(stack.assistant.db, stack.tenant, stack.unlinked)
        await adapter.run(activity, stack.bot, identities, display)

    async def _first(self, event_id: object) -> bool:
        """Whether this is the event's first delivery (recorded now)."""
        if not event_id:
            return False
        db, clock = self.stacks.db, self.stacks.clock
        try:
            return await first_delivery(db, str(event_id), clock.now())
        except (SQLAlchemyError, OSError) as error:
            # Unrecorded, an answer could go out twice; unanswered, Slack does not retry.
            log.error("Slack event %s not recorded, so not answered: %s", event_id, error)
            return False


def _not_a_question(event: dict[str, Any]) -> bool:
    """Other bots' messages (Bolt drops the bot's own) and edits, deletions, joins…"""
    return bool(event.get("bot_id")) or event.get("subtype") is not None


def _thread_of(message: dict[str, Any], private: bool, channel_name: object) -> str | None:
    """Where a button's answer goes: the thread its message is in; in a channel, the thread
    the message starts (as a mention's answer does); none in a direct message or for an
    answer only the clicker sees."""
    if private:
        return None
    if channel_name == "directmessage":
        return message.get("thread_ts")
    return message.get("thread_ts") or message.get("ts")


def _command_channel_type(body: dict[str, Any]) -> str:
    """A slash command says its channel only by name: "directmessage", "privategroup"
    (a group DM: "mpdm-…"), else a channel."""
    name = str(body.get("channel_name") or "")
    if name == "directmessage":
        return "im"
    if name.startswith("mpdm-"):
        return "mpim"
    return "group" if name == "privategroup" else "channel"


async def _channel_name(client: AsyncWebClient, channel: str) -> str | None:
    """The channel's name (conversations.info), for a committee named in it; None when
    Slack does not say."""
    try:
        response = await client.conversations_info(channel=channel)
    except Exception as error:  # SlackApiError, network: the welcome goes out all the same
        log.info("Slack conversations.info for %s failed: %s", channel, error)
        return None
    name = (response.get("channel") or {}).get("name")
    return str(name) if name else None
