"""The connector's serializer takes a card that is plain JSON as it is, and gives the same
body msrest's own serializer gives for every activity, cards or not."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount
from botframework.connector import models
from msrest import Serializer

from bot.transport import CardSerializer


def _models() -> dict[str, type]:
    return {k: v for k, v in models.__dict__.items() if isinstance(v, type)}


class Colour(StrEnum):
    GOOD = "good"


def _activity(content: object) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        text="Vedtak om LAR",
        timestamp=datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        from_property=ChannelAccount(id="bot", name="Referent"),
        attachments=[
            Attachment(content_type="application/vnd.microsoft.card.adaptive", content=content)
        ],
    )


def test_a_card_serializes_as_msrest_serializes_it() -> None:
    card = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": "LSU 12.11.2026, sak 32/26", "wrap": True},
            {"type": "FactSet", "facts": [{"title": "Frist", "value": "1.12."}]},
            {"type": "Container", "items": [], "spacing": None, "minHeight": 0.5},
        ],
        "actions": [{"type": "Action.Submit", "data": {"verb": "task.done", "id": 7}}],
        "msteams": {"width": "Full", "entities": [True, False, 3]},
    }
    ours = CardSerializer(_models()).body(_activity(card), "Activity")
    theirs = Serializer(_models()).body(_activity(card), "Activity")
    assert ours == theirs
    assert ours["attachments"][0]["content"] == card


def test_what_is_not_plain_json_still_goes_through_msrest() -> None:
    # Near misses of plain JSON: an enum string, a date, a model inside the content.
    content = {
        "colour": Colour.GOOD,
        "when": datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        "who": ChannelAccount(id="29:1", name="Kari"),
        "numbers": (1, 2),
    }
    ours = CardSerializer(_models()).body(_activity(content), "Activity")
    theirs = Serializer(_models()).body(_activity(content), "Activity")
    assert ours == theirs
    assert ours["attachments"][0]["content"]["when"] == "2026-12-05T09:30:00.000Z"
    assert ours["attachments"][0]["content"]["who"] == {"id": "29:1", "name": "Kari"}
