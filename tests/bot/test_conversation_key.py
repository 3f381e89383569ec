"""The conversation's key read on every turn (its language's row) is the key the stored
conversation gets (conversation_info), without building the reference: a Teams thread is
its channel, a personal chat itself, a Slack message its channel."""

from __future__ import annotations

from typing import Any

import pytest
from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot.conversation_info import conversation_info, conversation_key

from .activities import teams_message


def _slack(channel: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"team": "T0123"}
    if channel is not None:
        data["channel"] = channel
    return {
        "type": "message",
        "channelId": "slack",
        "conversation": {"id": f"T0123:{channel}", "conversationType": "channel"},
        "from": {"id": "U0456"},
        "text": "hva ble vedtatt om LAR?",
        "channelData": data,
    }


@pytest.mark.parametrize(
    ("activity", "conversation"),
    [
        (teams_message("hei", "http://x", conversation_type="personal"), None),
        (teams_message("hei", "http://x", conversation_type="channel"), None),
        ({**teams_message("hei", "http://x"), "channelId": "emulator"}, None),
        (_slack("C0789"), "C0789"),
        (_slack(None), ""),
    ],
)
def test_the_key_is_the_stored_conversations(
    activity: dict[str, Any], conversation: str | None
) -> None:
    turn = TurnContext(object(), Activity().deserialize(activity))  # type: ignore[arg-type]
    info = conversation_info(turn, "default")
    assert conversation_key(turn, "default") == (info.tenant, info.channel, info.conversation_id)
    assert ";messageid=" not in info.conversation_id
    if conversation is not None:
        assert info.conversation_id == conversation
