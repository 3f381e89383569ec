"""Slack messages through the same bot as Teams: commands, dialogs, questions.

A Slack message becomes a Bot Framework activity (channel "slack") and runs through the
tenant's ReferentBot on a small BotAdapter whose sends are Slack Web API calls. So a
dialog begun in Slack keeps its state in the same bot state store, per Slack
conversation: a thread in a channel, a direct message (or a thread in it), or the asker's
own slash commands in a channel (their answers are seen by the asker alone).

What goes out: a message activity's Markdown as Slack mrkdwn, its Block Kit blocks when
the bot built them for Slack (`channel_data["blocks"]`, see `slack_activity`); typing
indicators are dropped (bots have none in Slack's Web API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    ResourceResponse,
)
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from assistant.clock import Clock
from assistant.texts import text

from ..adapter import apologize
from ..conversations import Conversations
from ..identity import ASKER_LOOKUP
from ..readers import ASKER_ALONE
from .blocks import BUTTON_CHARS, MAX_BLOCKS, SlackMessage
from .identity import CHANNEL, SlackIdentities, user_key
from .mrkdwn import clip, from_markdown

# What a «Del i kanalen» button sends back; its value is the question, answered again for
# the channel.
SHARE_ACTION = "answer.share"
VALUE_CHARS = 2000  # Slack's limit on a button's value
# Slack's channel types as the bot's conversation kinds (conversation_info's words).
KINDS = {"im": "personal", "mpim": "groupChat", "channel": "channel", "group": "channel"}


@dataclass(frozen=True, slots=True)
class SlackPlace:
    """Where a Slack turn happens and where its replies go."""

    team_id: str
    channel: str
    channel_type: str  # im | mpim | channel | group
    user_id: str
    thread_ts: str | None = None  # replies go into this thread
    respond: AsyncRespond | None = None  # a slash command: replies to the asker alone
    channel_name: str | None = None

    @property
    def kind(self) -> str:
        return KINDS.get(self.channel_type, "channel")

    @property
    def conversation_id(self) -> str:
        """The dialog state's conversation: a slash command's is the asker's own in that
        channel (its replies are private); else the thread, or the direct message."""
        base = f"{self.team_id}:{self.channel}"
        if self.respond is not None:
            return f"{base}:{self.user_id}"
        return f"{base}:{self.thread_ts}" if self.thread_ts else base


def slack_activity(message: SlackMessage, markdown: str, question: str | None) -> Activity:
    """A reply for Slack: `markdown` for anything that reads text, the blocks for Slack.
    `question` set: a slash command's answer may offer «Del i kanalen»."""
    data: dict[str, Any] = {"blocks": message.blocks, "text": message.text}
    if question:
        data["question"] = question
    return Activity(
        type=ActivityTypes.message, text=markdown, text_format="markdown", channel_data=data
    )


def message_activity(
    place: SlackPlace, text_: str, *, display: str | None, bot_user_id: str | None, ts: str
) -> Activity:
    """The Slack message as the activity the bot reads."""
    return Activity(
        type=ActivityTypes.message,
        id=ts,
        channel_id=CHANNEL,
        service_url="",
        text=text_,
        from_property=ChannelAccount(id=user_key(place.team_id, place.user_id), name=display),
        recipient=ChannelAccount(id=bot_user_id or "", name="Referent", role="bot"),
        conversation=_conversation(place),
        channel_data=_channel_data(place),
    )


def joined_activity(place: SlackPlace, bot_user_id: str) -> Activity:
    """The bot added to a channel, as Teams says it: a conversationUpdate adding the bot."""
    bot = ChannelAccount(id=bot_user_id, name="Referent", role="bot")
    return Activity(
        type=ActivityTypes.conversation_update,
        channel_id=CHANNEL,
        service_url="",
        from_property=ChannelAccount(id=user_key(place.team_id, place.user_id)),
        recipient=bot,
        members_added=[bot],
        conversation=_conversation(place),
        channel_data=_channel_data(place),
    )


def _conversation(place: SlackPlace) -> ConversationAccount:
    return ConversationAccount(
        id=place.conversation_id,
        conversation_type=place.kind,
        is_group=place.kind != "personal",
        tenant_id=place.team_id,
        name=place.channel_name,
    )


def _channel_data(place: SlackPlace) -> dict[str, Any]:
    data = {"team": place.team_id, "channel": place.channel, "channel_type": place.channel_type}
    # A slash command's answers are the asker's alone (committee access, bot/readers.py).
    return {**data, ASKER_ALONE: True} if place.respond is not None else data


class SlackTurnAdapter(BotAdapter):
    """One Slack turn's adapter: the bot's sends become chat.postMessage (or the slash
    command's response_url), updates chat.update."""

    def __init__(
        self, client: AsyncWebClient, place: SlackPlace, language: str, clock: Clock
    ) -> None:
        super().__init__()
        self.client, self.place, self.language = client, place, language
        self.clock = clock
        self.on_turn_error = self._turn_failed

    async def _turn_failed(self, turn_context: TurnContext, error: Exception) -> None:
        """An apology, as in Teams (Slack's own failures too: the apology may not get
        through either, which is logged)."""
        await apologize(turn_context, error, default=self.language, now=self.clock.now())

    async def run(
        self, activity: Activity, bot: Any, identities: SlackIdentities, display: str | None
    ) -> None:
        context = TurnContext(self, activity)
        place, client = self.place, self.client

        async def asker() -> Any:
            return await identities.who_is_asking(client, place.team_id, place.user_id, display)

        context.turn_state[ASKER_LOOKUP] = asker
        await self.run_pipeline(context, bot.on_turn)

    async def dialog_waiting(self, activity: Activity, conversations: Conversations) -> bool:
        return await conversations.dialog_waiting(TurnContext(self, activity))

    async def send_activities(
        self, context: TurnContext, activities: list[Activity]
    ) -> list[ResourceResponse]:
        responses = []
        for activity in activities:
            ts = ""
            if activity.type == ActivityTypes.message:
                ts = await self._post(activity)
            responses.append(ResourceResponse(id=ts))
        return responses

    async def update_activity(self, context: TurnContext, activity: Activity) -> None:
        text_, blocks = self._content(activity)
        await self.client.chat_update(
            channel=self.place.channel, ts=activity.id, text=text_, blocks=blocks
        )

    async def delete_activity(self, context: TurnContext, reference: ConversationReference) -> None:
        await self.client.chat_delete(channel=self.place.channel, ts=reference.activity_id)

    async def _post(self, activity: Activity) -> str:
        text_, blocks = self._content(activity)
        place = self.place
        if place.respond is not None:
            question = (activity.channel_data or {}).get("question")
            if question and blocks:
                blocks = [*blocks[: MAX_BLOCKS - 1], share_block(question, self.language)]
            await place.respond(text=text_, blocks=blocks, response_type="ephemeral")
            return ""
        response = await self.client.chat_postMessage(
            channel=place.channel, text=text_, blocks=blocks, thread_ts=place.thread_ts
        )
        return str(response.get("ts") or "")

    def _content(self, activity: Activity) -> tuple[str, list[dict[str, Any]] | None]:
        data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        blocks = data.get("blocks") or None
        if blocks and data.get("text"):
            return str(data["text"]), blocks
        return from_markdown(activity.text or "") or "…", blocks


def share_block(question: str, language: str) -> dict[str, Any]:
    """«Del i kanalen» under a slash command's answer (or why not, for a long question)."""
    if len(question) > VALUE_CHARS:  # Slack refuses a longer value: say so instead
        note = MarkdownTextObject(text=text(language, "slack.command.too_long"))
        return ContextBlock(elements=[note]).to_dict()
    label = clip(text(language, "slack.command.share"), BUTTON_CHARS)
    button = ButtonElement(text=label, action_id=SHARE_ACTION, value=question)
    return ActionsBlock(elements=[button]).to_dict()
