"""Slack's slash command `/referent <question>` and the buttons on Referent's messages:
«Del i kanalen» (an ephemeral answer posted to the channel) and «Marker som ferdig».

Bolt acknowledges each at once (Slack wants an ack within 3 seconds); the work is done
after, in lazy listeners. The command's answer goes only to the asker, through the
command's response_url (Bolt's `respond`, response_type "ephemeral")."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from assistant.assistant import Assistant
from assistant.message_length import too_long
from assistant.texts import text
from storage.changes import ChangeActor
from storage.records import complete_task

from ..stacks import TenantStacks
from .blocks import (
    BUTTON_CHARS,
    DONE_ACTION,
    MAX_BLOCKS,
    SECTION_CHARS,
    SlackMessage,
    message_for,
)
from .context import stack_of
from .mrkdwn import clip, escape, from_markdown

log = logging.getLogger(__name__)

COMMAND = "/referent"
SHARE_ACTION = "answer.share"  # its value is the question, answered again for the channel
VALUE_CHARS = 2000  # Slack's limit on a button's value


class SlackCommands:
    """The slash command and the buttons, answered from the assistant and the store."""

    def __init__(self, stacks: TenantStacks) -> None:
        self.stacks = stacks

    async def command(
        self, body: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        """`/referent <question>`: the answer to the asker alone, with «Del i kanalen»;
        `/referent` alone: the help."""
        question = (body.get("text") or "").strip()
        assistant = stack_of(self.stacks, context).assistant
        language = assistant.default_language
        if not question:
            await respond(text=from_markdown(text(language, "help")), response_type="ephemeral")
            return
        if refusal := too_long(question, language):
            await respond(text=from_markdown(refusal), response_type="ephemeral")
            return
        message = await _answer(assistant, question)
        blocks = [*message.blocks[: MAX_BLOCKS - 1], self._share(question, language)]
        await respond(text=message.text, blocks=blocks, response_type="ephemeral")

    async def share(
        self, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        """«Del i kanalen»: the same question answered again, posted for all in the channel."""
        question = (_action(body).get("value") or "").strip()
        channel = (body.get("channel") or {}).get("id")
        if not question or not channel:
            return
        message = await _answer(stack_of(self.stacks, context).assistant, question)
        await client.chat_postMessage(channel=channel, text=message.text, blocks=message.blocks)

    async def task_done(
        self,
        body: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
        context: AsyncBoltContext,
    ) -> None:
        """«Marker som ferdig»: the task done (as from Teams: complete_task, by the Slack
        user's name) and the message shows it; an unknown or done task is explained to the
        clicker alone, and nothing changes."""
        assistant = stack_of(self.stacks, context).assistant
        language = assistant.default_language
        value = _action(body).get("value") or ""
        if not value.isdigit():
            log.info("Slack task.done with value %r", value)
            return
        task_id = int(value)
        user = body.get("user") or {}
        who = user.get("name") or user.get("username") or None
        channel = (body.get("channel") or {}).get("id") or ""
        actor = ChangeActor(
            f"slack:{channel}", f"slack:{user.get('id', '')}", who, assistant.clock.now()
        )
        record = await complete_task(
            assistant.db, tenant=assistant.tenant, task_id=task_id, by=who, actor=actor
        )
        if record is None or record.unchanged:
            key = "task.not_found" if record is None else "slack.task.already_done"
            await respond(
                text=text(language, key, id=task_id),
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

    def _share(self, question: str, language: str) -> dict[str, Any]:
        if len(question) > VALUE_CHARS:  # Slack refuses a longer value: say so instead
            note = MarkdownTextObject(text=text(language, "slack.command.too_long"))
            return ContextBlock(elements=[note]).to_dict()
        label = clip(text(language, "slack.command.share"), BUTTON_CHARS)
        button = ButtonElement(text=label, action_id=SHARE_ACTION, value=question)
        return ActionsBlock(elements=[button]).to_dict()


async def _answer(assistant: Assistant, question: str) -> SlackMessage:
    answer = await assistant.answer(question)
    return message_for(answer, assistant.today())


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
