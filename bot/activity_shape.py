"""What an activity must look like before a turn is run on it.

msrest's deserialisation checks the typed fields (a list where an account is due is refused)
but takes any JSON where the schema says "object", and a missing conversation id or a null
member passes too. The Bot Framework SDK then fails inside the turn (AttributeError on a
None member, a compose-extension query without a value, a state key without a conversation
id), which is logged as a failed turn with its traceback and, for an invoke, answered 500.
The Bot Connector never sends such activities; refusing them with a 400 here says so and
keeps the log for real failures. Shapes from the Bot Framework Activity schema
(learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference).
"""

from __future__ import annotations

import functools
import json
from typing import Any
from urllib.parse import urlsplit

from botbuilder.schema.teams import TeamsChannelData
from msrest.exceptions import DeserializationError


def shape_problem(body: dict[str, Any]) -> str | None:
    """Why `body` (a JSON object with a "type") cannot be run as an activity, or None."""
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not _id(conversation.get("id")):
        return "the activity has no conversation id"
    if not _service_url(body.get("serviceUrl")):
        return "serviceUrl is not an http(s) URL"
    if not _id(body.get("channelId")):
        return "the activity has no channelId"
    for name in ("from", "recipient"):  # the Connector always sends both
        if not _account(body.get(name)):
            return f"{name} is not an account with an id"
    for name in ("membersAdded", "membersRemoved"):
        if name in body and not _list_of(body[name], _account):
            return f"{name} is not a list of accounts with ids"
    if "entities" in body and not _list_of(body["entities"], _typed):
        return "entities is not a list of objects with a type (mentions: an account, a name)"
    mentions = [e for e in body.get("entities") or () if e["type"].lower() == "mention"]
    if mentions and not isinstance(body.get("text"), str):
        return "a mention needs the text it is in"  # the SDK removes it from the text
    if "attachments" in body and not _list_of(body["attachments"], _object):
        return "attachments is not a list of objects"
    for name in ("text", "locale", "name", "replyToId", "textFormat"):
        if body.get(name) is not None and not isinstance(body[name], str):
            return f"{name} is not a string"
    data = body.get("channelData")
    if data is not None and not isinstance(data, dict):
        return "channelData is not an object"
    if body["channelId"] == "msteams":
        if data and not _teams_channel_data(data):
            return "channelData is not Teams channel data"
        if data is None and body["type"] == "conversationUpdate":
            # Teams sends the team and tenant with every one; the SDK's handler reads
            # channelData.team off it unchecked.
            return "a Teams conversationUpdate needs its channelData"
    if body["type"] == "invoke" and not isinstance(body.get("value"), dict):
        return "the invoke has no value object"
    return None


def _teams_channel_data(data: dict[str, Any]) -> bool:
    """The SDK's Teams handler reads channelData as TeamsChannelData (tenant, team, channel,
    meeting …): a list where it wants an object fails the turn. A conversation's turns
    carry the same channel data, and msrest's check of it cost 52 µs of CPU a turn: its
    answer is remembered by the data's JSON (4 µs)."""
    try:
        text = json.dumps(data, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return False
    return _teams_channel_data_text(text)


@functools.lru_cache(maxsize=512)
def _teams_channel_data_text(text: str) -> bool:
    try:
        TeamsChannelData().deserialize(json.loads(text))
    except (DeserializationError, RecursionError):
        return False
    return True


def _service_url(value: Any) -> bool:
    """Where the replies go: the connector client fails inside the turn on one it cannot
    parse ("http://[::1")."""
    if not isinstance(value, str):
        return False
    try:
        url = urlsplit(value)
        url.port  # noqa: B018  (parsed on access: a bad port raises here)
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.hostname)


def _object(value: Any) -> bool:
    return isinstance(value, dict)


def _typed(value: Any) -> bool:
    """An entity: the SDK's mention lookup lower-cases every entity's type, and reads a
    mention's mentioned account's id and its text."""
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return False
    if value["type"].lower() != "mention":
        return True
    mentioned, text = value.get("mentioned"), value.get("text")
    if not _account(mentioned):
        return False
    shown = text if text is not None else mentioned.get("name")
    return isinstance(shown, str)  # TurnContext.remove_mention_text reads it


def _id(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _account(value: Any) -> bool:
    return isinstance(value, dict) and _id(value.get("id"))


def _list_of(value: Any, ok: Any) -> bool:
    return value is None or (isinstance(value, list) and all(ok(item) for item in value))
