"""The chat user of a turn as the record of changes keeps them (assistant.capture.Chatter),
and the message being answered: what «angre» finds a change by, across channels."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from botbuilder.core import TurnContext

from assistant.capture import Chatter

# The person id of the chat user of a turn, None when the bot does not know them.
AskerLookup = Callable[[TurnContext], Awaitable[int | None]]


def chatter_of(context: TurnContext, name: str | None) -> Chatter:
    """The user (AAD object id in Teams, else the channel's user id) in this conversation."""
    activity = context.activity
    user = activity.from_property
    key = (user.aad_object_id or user.id or "") if user else ""
    conversation = activity.conversation.id if activity.conversation else ""
    return Chatter(conversation or "", key, name)


def message_key(context: TurnContext) -> str | None:
    """The message being answered, across channels: the same turn done again finds it."""
    activity = context.activity
    if not activity.id or not activity.conversation:
        return None
    return f"{activity.channel_id}/{activity.conversation.id}/{activity.id}"[:300]
