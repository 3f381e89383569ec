"""A turn's conversation as storage keeps it for writing there later (reminders)."""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationAccount

from storage.chat_conversations import LOCALE, ConversationInfo

from .languages import locale_language
from .model_json import as_json


def conversation_info(turn_context: TurnContext, tenant: str) -> ConversationInfo:
    """The conversation reference of the turn's activity, ready to be stored.

    - A Teams channel's conversation id carries the thread (";messageid=…"); stored without
      it, a reminder is a new post in the channel rather than a reply deep in a thread.
    - The reference keeps no activity id: a reminder answers no message.
    - The Teams tenant id is kept beside it: Bot Framework's serialisation of the
      reference leaves out `conversation.tenantId`, and Teams needs it to deliver.
    - A channel's team id too: removing the bot from a team names the team, not the channel.
    - The language is the client's locale, a guess (bot/conversation_language.py knows
      better and stores what it knows).
    """
    activity = turn_context.activity
    if activity.channel_id == "slack":
        return slack_conversation_info(activity, tenant)
    reference = TurnContext.get_conversation_reference(activity)
    reference.activity_id = None
    conversation = activity.conversation
    conversation_id = _channel_level_id(conversation)
    data = as_json(reference)
    data["conversation"]["id"] = conversation_id
    channel_data = _as_dict(activity.channel_data)
    teams_tenant = conversation.tenant_id or _as_dict(channel_data.get("tenant")).get("id")
    kind = conversation_kind(conversation)
    user = activity.from_property
    user_key = (user.aad_object_id or user.id) if user and kind == "personal" else None
    return ConversationInfo(
        tenant=tenant,
        channel=activity.channel_id or "",
        conversation_id=conversation_id,
        kind=kind,
        service_url=activity.service_url or "",
        reference=data,
        user_key=user_key,
        teams_tenant_id=teams_tenant,
        name=_name(conversation.name, channel_data),
        language=locale_language(activity.locale),
        language_source=LOCALE,
        team_id=_as_dict(channel_data.get("team")).get("id") if kind == "channel" else None,
    )


def slack_conversation_info(activity: Activity, tenant: str) -> ConversationInfo:
    """A Slack conversation: the channel (a reminder is a new post there, not in the
    thread the turn was in), its workspace, and all a Slack client needs to write there."""
    data = _as_dict(activity.channel_data)
    team, channel = str(data.get("team") or ""), _slack_channel(data)
    kind = conversation_kind(activity.conversation)
    user = activity.from_property
    return ConversationInfo(
        tenant=tenant,
        channel="slack",
        conversation_id=channel,
        kind=kind,
        service_url="",
        reference={"channelId": "slack", "team": team, "channel": channel},
        user_key=user.id if user and kind == "personal" else None,
        name=activity.conversation.name,
        team_id=team,
    )


def conversation_key(turn_context: TurnContext, tenant: str) -> tuple[str, str, str]:
    """(tenant, channel, conversation id) of the turn's conversation as `conversation_info`
    gives them, without building its reference: serialising that was 2 % of a turn's CPU
    where only the row's key is wanted (the conversation's language, every turn)."""
    activity = turn_context.activity
    if activity.channel_id == "slack":
        return tenant, "slack", _slack_channel(_as_dict(activity.channel_data))
    return tenant, activity.channel_id or "", _channel_level_id(activity.conversation)


def _channel_level_id(conversation: ConversationAccount) -> str:
    return (conversation.id or "").split(";messageid=")[0]


def _slack_channel(channel_data: dict[str, Any]) -> str:
    return str(channel_data.get("channel") or "")


def conversation_kind(conversation: ConversationAccount) -> str:
    """ "personal", "channel" or "groupChat"; a channel that does not say (the dev chat,
    the Emulator) is personal unless it is a group."""
    return conversation.conversation_type or ("channel" if conversation.is_group else "personal")


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if value is not None and hasattr(value, "serialize"):
        return value.serialize()
    return {}


def _name(conversation_name: str | None, channel_data: dict[str, Any]) -> str | None:
    """ "SSU Fjordby / Generelt": the team and channel as Teams names them."""
    team = _as_dict(channel_data.get("team")).get("name")
    channel = _as_dict(channel_data.get("channel")).get("name")
    parts = [p for p in (team, channel or conversation_name) if p]
    return " / ".join(parts) or None
