"""The Slack transport's core: a Bolt AsyncApp mounted in the bot server at POST
/slack/events (single-workspace mode: one signing secret, one bot token).

Bolt checks each request's signature and age (a bad one or one older than 5 minutes is a
401 and runs nothing), answers Slack's url_verification, and drops the bot's own messages.
Every event is acknowledged at once and answered afterwards (a lazy listener), since Slack
delivers again when it sees no ack within 3 seconds; each event id is recorded in the
database before any work, so a redelivery, to this instance or another, does nothing."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from assistant.assistant import Assistant
from assistant.intent.text import strip_mentions
from assistant.message_length import too_long
from storage.slack_events import first_delivery

from ..config import SlackSettings
from ..stacks import TenantStack, TenantStacks
from . import home, modals
from .blocks import DONE_ACTION, message_for
from .commands import COMMAND, SHARE_ACTION, SlackCommands
from .context import TENANT, stack_of
from .identity import SlackIdentities, event_display_name
from .mrkdwn import from_markdown

log = logging.getLogger(__name__)

SLACK_APP = web.AppKey("slack_app", AsyncApp)
EVENTS_PATH = "/slack/events"


def add_slack(
    app: web.Application, settings: SlackSettings, stacks: TenantStacks, tenant: str
) -> None:
    """Mount the Slack app on the server: POST /slack/events."""
    app[SLACK_APP] = slack_app(settings, stacks, tenant)
    app.router.add_post(EVENTS_PATH, events)


async def events(request: web.Request) -> web.Response:
    bolt = request.app[SLACK_APP]
    return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))


def slack_app(settings: SlackSettings, stacks: TenantStacks, tenant: str) -> AsyncApp:
    client = AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    bolt = AsyncApp(signing_secret=settings.signing_secret, client=client, name="referent")

    @bolt.middleware
    async def workspace(context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]) -> Any:
        # Every listener finds its workspace's tenant stack in context[STACK].
        context[TENANT] = tenant
        return await next()

    replies = SlackReplies()

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def mention(
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        # Answered in the thread the mention started, or in the one it was written in.
        thread_ts = event.get("thread_ts") or event["ts"]
        await replies.reply(stack_of(stacks, context), body, event, client, thread_ts=thread_ts)

    async def message(
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        if event.get("channel_type") != "im":  # in channels only a mention is for the bot
            return
        await replies.reply(
            stack_of(stacks, context), body, event, client, thread_ts=event.get("thread_ts")
        )

    bolt.event("app_mention")(ack=acknowledge, lazy=[mention])
    bolt.event("message")(ack=acknowledge, lazy=[message])
    # /referent and the buttons: acknowledged at once, answered after (lazy).
    commands = SlackCommands(stacks)
    bolt.command(COMMAND)(ack=acknowledge, lazy=[commands.command])
    bolt.action(SHARE_ACTION)(ack=acknowledge, lazy=[commands.share])
    bolt.action(DONE_ACTION)(ack=acknowledge, lazy=[commands.task_done])
    home.register(bolt, stacks)
    modals.register(bolt, stacks)
    return bolt


class SlackReplies:
    """A Slack message in, the assistant's answer posted back with chat.postMessage."""

    async def reply(
        self,
        stack: TenantStack,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        *,
        thread_ts: str | None,
    ) -> None:
        if _from_a_bot(event):  # Bolt drops the bot's own; other bots' too
            return
        event_id = body.get("event_id")
        assistant = stack.assistant
        if not event_id or not await _first_delivery(assistant, event_id):
            return
        # The tenant is the configured one, as for Teams; the workspace is body["team_id"].
        typed = event.get("text") or ""
        language = assistant.default_language
        if refusal := too_long(typed, language):  # before anything reads it
            await client.chat_postMessage(
                channel=event["channel"], text=from_markdown(refusal), thread_ts=thread_ts
            )
            return
        question = strip_mentions(typed).strip()
        if not question:
            return
        identities = SlackIdentities(assistant.db, stack.tenant, stack.unlinked)
        asker = identities.asker(
            client, body.get("team_id"), event.get("user"), event_display_name(event)
        )
        answer = await assistant.answer(question, asker=asker)
        message = message_for(answer, assistant.today())
        await client.chat_postMessage(
            channel=event["channel"], text=message.text, blocks=message.blocks, thread_ts=thread_ts
        )


async def _first_delivery(assistant: Assistant, event_id: str) -> bool:
    try:
        return await first_delivery(assistant.db, event_id, assistant.clock.now())
    except (SQLAlchemyError, OSError) as error:
        # Unrecorded, an answer could go out twice; unanswered, Slack does not retry.
        log.error("Slack event %s not recorded, so not answered: %s", event_id, error)
        return False


def _from_a_bot(event: dict[str, Any]) -> bool:
    # Any other subtype (edits, deletions, joins) is no question either.
    return bool(event.get("bot_id")) or event.get("subtype") is not None
