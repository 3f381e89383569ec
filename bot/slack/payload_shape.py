"""What a signed Slack request's payload must look like before Bolt dispatches it.

Bolt reads the payload with plain subscripts as it matches listeners (`"callback_id" in
body["view"]`, `body["actions"][0]`, `body["event"].get(…)`): a signed payload with a null
view or a string event fails inside Bolt's middleware, which answers 500 and logs a
traceback. Slack never sends such a payload; refusing it with a 400 keeps the log for real
failures. The ids Bolt picked out of the payload (team, user, channel …) must be strings:
the workspace's tenant and token are looked up by them. Shapes from Slack's documentation
(api.slack.com/apis/events-api, api.slack.com/reference/interaction-payloads).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Objects wherever they appear; None where Slack itself sends null ("enterprise").
_OBJECTS = ("event", "view", "team", "user", "channel", "container", "message")
_LISTS_OF_OBJECTS = ("actions", "authorizations")
_CONTEXT_IDS = (
    "team_id", "enterprise_id", "user_id", "channel_id", "actor_team_id",
    "actor_enterprise_id", "actor_user_id", "thread_ts",
)  # fmt: skip


# What Bolt and the listeners match with regular expressions or string methods.
_EVENT_STRINGS = (
    "type", "subtype", "text", "user", "channel", "channel_type", "ts", "thread_ts",
    "event_ts", "bot_id", "team",
)  # fmt: skip


def payload_problem(body: Any, context: Mapping[str, Any]) -> str | None:
    """Why Bolt cannot be given this parsed payload (with the ids it picked out), or None."""
    if not isinstance(body, dict):
        return "the payload is not an object"
    for name in _OBJECTS:
        if name in body and not isinstance(body[name], dict):
            return f"{name} is not an object"
    for name in _LISTS_OF_OBJECTS:
        value = body.get(name)
        if name in body and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)
        ):
            return f"{name} is not a list of objects"
    if body.get("type") in ("block_actions", "interactive_message") and not body.get("actions"):
        return "an action payload without actions"  # Bolt reads the first
    if body.get("type") == "block_actions" and not all(
        isinstance(action.get("action_id"), str) for action in body["actions"]
    ):
        return "a block action without an action_id"  # Bolt's matcher reads it unchecked
    event = body.get("event") or {}
    for name in ("message", "previous_message"):  # a message_changed's messages
        if event.get(name) is not None and not isinstance(event[name], dict):
            return f"event.{name} is not an object"
    if problem := _strings("event", event, _EVENT_STRINGS):
        return problem
    if problem := _strings("view", body.get("view") or {}, ("callback_id", "private_metadata")):
        return problem
    for action in body.get("actions") or ():
        if problem := _strings("action", action, ("action_id", "block_id", "value", "type")):
            return problem
    for name in _CONTEXT_IDS:
        if context.get(name) is not None and not isinstance(context[name], str):
            return f"{name} is not a string"
    return None


def _strings(where: str, node: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        if node.get(name) is not None and not isinstance(node[name], str):
            return f"{where}.{name} is not a string"
    return None
