"""Teams-shaped activities, as the Bot Connector posts them."""

from __future__ import annotations

import uuid
from typing import Any

BOT_ID = "28:referent-bot"
TENANT = "5c2a1b3e-0000-4000-8000-000000000001"


def user_id(user: str) -> str:
    """The Teams user id ("29:…") teams_message gives `user`."""
    return f"29:{uuid.uuid5(uuid.NAMESPACE_DNS, user).hex}"


def aad_object_id(user: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, user))


def teams_member(
    user: str,
    *,
    name: str | None = None,
    given_name: str | None = None,
    surname: str | None = None,
    email: str | None = None,
) -> dict[str, Any]:
    """A TeamsChannelAccount as the Connector returns it for GET …/members/{id} of `user`
    (the display name teams_message uses); `name` is the profile's display name."""
    return {
        "id": user_id(user),
        "name": name or user,
        "aadObjectId": aad_object_id(user),
        "givenName": given_name,
        "surname": surname,
        "email": email,
        "userPrincipalName": email,
        "tenantId": TENANT,
        "userRole": "user",
    }


def teams_message(
    text: str,
    service_url: str,
    *,
    user: str = "Christine Furuholmen",
    locale: str = "nb-NO",
    conversation_type: str = "personal",
    mention: bool = False,
) -> dict[str, Any]:
    entities: list[dict[str, Any]] = [{"type": "clientInfo", "locale": locale}]
    if mention:
        text = f"<at>Referent</at> {text}"
        entities.append({
            "type": "mention",
            "text": "<at>Referent</at>",
            "mentioned": {"id": BOT_ID, "name": "Referent"},
        })  # fmt: skip
    conversation: dict[str, Any] = {"id": f"a:{uuid.uuid4().hex}", "tenantId": TENANT,
                                    "conversationType": conversation_type}  # fmt: skip
    if conversation_type == "channel":
        conversation["isGroup"] = True
        conversation["id"] = f"19:{uuid.uuid4().hex}@thread.tacv2;messageid=1"
    return {
        "type": "message",
        "id": uuid.uuid4().hex[:12],
        "timestamp": "2026-11-23T09:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {
            "id": user_id(user),
            "name": user,
            "aadObjectId": aad_object_id(user),
        },
        "conversation": conversation,
        "recipient": {"id": BOT_ID, "name": "Referent"},
        "text": text,
        "textFormat": "plain",
        "locale": locale,
        "entities": entities,
        "channelData": {"tenant": {"id": TENANT}},
    }


def installed(service_url: str, locale: str = "nb-NO") -> dict[str, Any]:
    """conversationUpdate: the bot was added to a personal chat."""
    activity = teams_message("", service_url, locale=locale)
    activity.update(type="conversationUpdate", membersAdded=[{"id": BOT_ID}])
    del activity["text"]
    return activity


def compose_query(words: str, service_url: str) -> dict[str, Any]:
    activity = teams_message("", service_url)
    activity.update(
        type="invoke",
        name="composeExtension/query",
        value={"commandId": "searchDecisions", "parameters": [{"name": "query", "value": words}],
               "queryOptions": {"skip": 0, "count": 10}},
    )  # fmt: skip
    del activity["text"]
    return activity
