"""Slack's slash command `/referent <question>` and the buttons on Referent's messages:
«Del i kanalen» (an ephemeral answer posted to the channel) and «Marker som ferdig».

Bolt acknowledges each at once (Slack wants an ack within 3 seconds); the work is done
after, in lazy listeners. The command's answer goes only to the asker, through the
command's response_url (Bolt's `respond`, response_type "ephemeral")."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from assistant.assistant import Assistant
from assistant.capture import refused_text
from assistant.message_length import too_long
from assistant.texts import text
from storage.changes import ChangeActor
from storage.committee_access import Reader
from storage.records import complete_task

from ..stacks import TenantStacks
from .blocks import (
    DONE_ACTION,
    MAX_BLOCKS,
    SECTION_CHARS,
    SlackMessage,
    message_for,
)
from .context import stack_of
from .home import on_home, refresh_home
from .identity import CHANNEL as SLACK
from .identity import SlackIdentities
from .messages import SlackMessages
from .modals import open_for_command
from .mrkdwn import clip, escape, from_markdown

log = logging.getLogger(__name__)

COMMAND = "/referent"


class SlackCommands:
    """The slash command and the buttons, answered from the assistant and the store."""

    def __init__(self, stacks: TenantStacks, messages: SlackMessages) -> None:
        self.stacks = stacks
        self.messages = messages  # the app's: /referent's words are a turn as a message's

    async def command(
        self,
        body: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """`/referent <question>`: the answer to the asker alone, with «Del i kanalen»;
        `/referent` alone: the help; `/referent ny oppgave` (ny sak, nytt møte) alone: its
        modal, before any answer is made (Slack's trigger_id lives 3 seconds)."""
        question = (body.get("text") or "").strip()
        assistant = stack_of(self.stacks, context).assistant
        language = assistant.default_language
        if not question:
            await respond(text=from_markdown(text(language, "help")), response_type="ephemeral")
            return
        if refusal := too_long(question, language):
            await respond(text=from_markdown(refusal), response_type="ephemeral")
            return
        if await open_for_command(self.stacks, context, body, client, respond):
            return
        # A question, a command, a dialog's answer: a turn of the asker's own conversation
        # in the channel, answered to the asker alone (a question with «Del i kanalen»).
        await self.messages.command(body, client, respond, context)

    async def share(
        self, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        """«Del i kanalen»: the same question answered again, posted for all in the channel."""
        question = (_action(body).get("value") or "").strip()
        channel = (body.get("channel") or {}).get("id")
        if not question or not channel:
            return
        stack = stack_of(self.stacks, context)
        user = body.get("user") or {}
        identities = SlackIdentities(stack.assistant.db, stack.tenant, stack.unlinked)
        asker = identities.asker(client, context.team_id, user.get("id"), _handle(user))
        # Posted for all in the channel: what the channel reads, not what the asker may.
        reader = Reader(conversation=(SLACK, channel))
        message = await _answer(stack.assistant, question, asker, reader)
        await client.chat_postMessage(channel=channel, text=message.text, blocks=message.blocks)

    async def task_done(
        self,
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        """«Marker som ferdig»: the task done (as from Teams: complete_task, by the person
        the Slack user is in the minutes, else their Slack name) and the message shows it;
        an unknown or done task is explained to the clicker alone, and nothing changes."""
        stack = stack_of(self.stacks, context)
        assistant = stack.assistant
        language = assistant.default_language
        value = _action(body).get("value") or ""
        if not value.isdigit():
            log.info("Slack task.done with value %r", value)
            return
        task_id = int(value)
        user = body.get("user") or {}
        identities = SlackIdentities(stack.assistant.db, stack.tenant, stack.unlinked)
        asker = await identities.who_is_asking(
            client, context.team_id, user.get("id"), _handle(user)
        )
        who = asker.name
        channel = (body.get("channel") or {}).get("id") or ""
        at = assistant.clock.now().astimezone(assistant.timezone)  # the day the task shows
        actor = ChangeActor(f"slack:{channel}", f"slack:{user.get('id', '')}", who, at)
        record = await complete_task(
            assistant.db,
            tenant=assistant.tenant,
            task_id=task_id,
            by=who,
            actor=actor,
            permitted=stack.capture.permitted(asker.person_id),
        )
        if on_home(body):  # the Home tab has no message to update: it is published again
            await refresh_home(self.stacks, body, client, context)
            return
        if record is None or record.unchanged:
            if record is not None and record.refused is not None:
                said = refused_text(record.refused, task_id, language)
            else:
                key = "task.not_found" if record is None else "slack.task.already_done"
                said = text(language, key, id=task_id)
            await respond(
                text=escape(said),
                response_type="ephemeral",
                replace_original=False,
            )
            return
        done = text(language, "slack.task.done_by", who=who) if who else None
        note = done or text(language, "slack.task.done_anonymous")
        message = body.get("message") or {}
        blocks = _marked_done(message.get("blocks") or [], value, note)
        fallback = message.get("text") or note
        container = body.get("container") or {}
        if message.get("ts") and channel and not container.get("is_ephemeral"):
            await client.chat_update(
                channel=channel, ts=message["ts"], text=fallback, blocks=blocks
            )
        else:  # an ephemeral message has no ts to update: replaced through response_url
            await respond(text=fallback, blocks=blocks, replace_original=True)


async def _answer(
    assistant: Assistant,
    question: str,
    asker: Callable[[], Awaitable[str | None]],
    reader: Reader,
) -> SlackMessage:
    answer = await assistant.answer(question, asker=asker, reader=reader)
    return message_for(answer, assistant.today())


def _handle(user: dict[str, Any]) -> str | None:
    """The name an interaction payload gives its user (their Slack handle)."""
    return user.get("name") or user.get("username") or None


def _action(body: dict[str, Any]) -> dict[str, Any]:
    actions = body.get("actions") or [{}]
    return actions[0]


def _marked_done(blocks: list[dict[str, Any]], task_id: str, note: str) -> list[dict[str, Any]]:
    """The message's blocks with the task's button gone and the note in its row (in the
    row, so a full message stays within Slack's 50 blocks); the note alone when the row is
    not there."""
    out: list[dict[str, Any]] = []
    found = False
    for block in blocks:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == DONE_ACTION and accessory.get("value") == task_id:
            found = True
            block = {k: v for k, v in block.items() if k != "accessory"}
            mrkdwn = f"{(block.get('text') or {}).get('text', '')}\n_{escape(note)}_".strip()
            block["text"] = {"type": "mrkdwn", "text": clip(mrkdwn, SECTION_CHARS)}
        out.append(block)
    if not found:
        context = ContextBlock(elements=[MarkdownTextObject(text=escape(note))])
        out = [*out[: MAX_BLOCKS - 1], context.to_dict()]
    return out
