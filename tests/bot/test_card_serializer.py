"""The connector's serializer takes a card that is plain JSON as it is, writes a reply of
plain values directly, and gives the same body msrest's own serializer gives for every
activity, cards or not."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

import pytest
from botbuilder.core import TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    Attachment,
    CardAction,
    ChannelAccount,
    ConversationAccount,
    Entity,
    Mention,
    SuggestedActions,
)
from botframework.connector import models
from msrest import Serializer
from msrest.exceptions import SerializationError

from bot.model_json import UNSURE, SentCard, as_json, model_json
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


def _reply() -> Activity:
    """A reply as the bot sends one: the conversation reference applied, a mention, the
    Teams channel data, suggested actions and a card."""
    return Activity(
        type=ActivityTypes.message,
        id="1", reply_to_id="f:77", service_url="http://127.0.0.1:9/", channel_id="msteams",
        locale="nb-NO", input_hint="acceptingInput", text="<at>Kari</at>: vedtak om LAR",
        timestamp=datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        from_property=ChannelAccount(id="28:bot", name="Referent"),
        recipient=ChannelAccount(id="29:1", name="Kari", aad_object_id="aad-1", role="user"),
        conversation=ConversationAccount(
            id="19:x@thread.tacv2", is_group=True, conversation_type="channel", tenant_id="t"
        ),
        entities=[Mention(mentioned=ChannelAccount(id="29:1", name="Kari"),
                          text="<at>Kari</at>", type="mention")],
        channel_data={"tenant": {"id": "t"}, "notification": {"alert": True}},
        suggested_actions=SuggestedActions(
            to=["29:1"], actions=[CardAction(type="imBack", title="Flere", value="flere")]
        ),
        attachments=[Attachment(content_type="application/vnd.microsoft.card.adaptive",
                                content=SentCard({"type": "AdaptiveCard", "body": []}))],
    )  # fmt: skip


def test_a_reply_is_written_directly_as_msrest_writes_it() -> None:
    written = model_json(_reply(), "Activity", _models())
    assert written is not UNSURE  # the fast path took it
    # What msrest's own path (with the card taken as it is) writes.
    assert written == Serializer.body(CardSerializer(_models()), _reply(), "Activity")
    assert CardSerializer(_models()).body(_reply(), "Activity") == written
    assert written["from"] == {"id": "28:bot", "name": "Referent"}
    assert written["type"] == "message"  # the enum's value, as msrest writes it


def test_what_the_direct_writer_does_not_know_goes_to_msrest() -> None:
    # Near misses: a dict where a model belongs (msrest builds the model), a list holding
    # None, a card that is not plain JSON.
    odd = [
        Activity(type="message", from_property={"id": "28:bot", "name": "Referent"}),
        Activity(type="message", entities=[None, Entity(type="clientInfo")]),
        _activity({"when": datetime(2026, 12, 5, tzinfo=UTC)}),
    ]
    for activity in odd:
        assert model_json(activity, "Activity", _models()) is UNSURE
        ours = CardSerializer(_models()).body(activity, "Activity")
        assert ours == Serializer(_models()).body(activity, "Activity")
    assert CardSerializer(_models()).body(odd[0], "Activity")["from"]["name"] == "Referent"


def test_a_conversation_reference_is_kept_as_its_serialize_writes_it() -> None:
    reference = TurnContext.get_conversation_reference(_reply())
    assert model_json(reference, "ConversationReference", _models()) is not UNSURE
    assert as_json(reference) == reference.serialize()
    assert as_json(reference)["conversation"]["tenantID"] == "t"  # the schema's own spelling
    # Near miss: a dict where a model belongs is left to msrest, which refuses it as before.
    reference.user = {"id": "29:1", "name": "Kari"}
    assert model_json(reference, "ConversationReference", _models()) is UNSURE
    with pytest.raises(SerializationError):
        as_json(reference)
