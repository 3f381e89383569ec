"""An incoming activity's JSON becomes the SDK's Activity model exactly as msrest's
`Activity.deserialize` builds it, read directly when it holds plain values."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError

from bot.model_json import UNSURE, activity_from_json, connector_models, model_from_json

from .activities import compose_query, installed, teams_message

URL = "http://127.0.0.1:9/"


def _adaptive_card_submit() -> dict[str, Any]:
    activity = teams_message("", URL, conversation_type="channel", mention=True)
    activity.update(
        value={"verb": "task.done", "id": 7, "note": None, "ok": True, "share": 0.5},
        replyToId="1700000000000",
        attachments=[{"contentType": "text/html", "content": "<p>hei</p>"}],
        localTimestamp="2026-11-23T10:00:00.123+01:00",
        rawLocalTimestamp="2026-11-23T10:00:00.1234567+01:00",
        localTimezone="Europe/Oslo",
        importance="high",
        futureTeamsField={"kept": [1, 2]},  # not in the schema: msrest keeps it aside
    )
    return activity


SHAPES = {
    "personal message": lambda: teams_message("hva ble bestemt om LAR?", URL),
    "channel mention": lambda: teams_message(
        "neste møte", URL, conversation_type="channel", mention=True
    ),
    "installed": lambda: installed(URL),
    "compose query": lambda: compose_query("LAR", URL),
    "card submit, extra fields": _adaptive_card_submit,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_activity_is_read_as_msrest_reads_it(shape: str) -> None:
    body = SHAPES[shape]()
    ours = model_from_json("Activity", copy.deepcopy(body), connector_models())
    assert ours is not UNSURE  # read directly
    theirs = Activity().deserialize(copy.deepcopy(body))
    assert ours == theirs  # msrest models compare attribute by attribute, nested ones too
    assert ours.serialize() == theirs.serialize()
    assert activity_from_json(copy.deepcopy(body)) == theirs


def test_the_extra_fields_are_kept_aside_as_msrest_keeps_them() -> None:
    ours = activity_from_json(_adaptive_card_submit())
    assert ours.additional_properties == {
        "futureTeamsField": {"kept": [1, 2]},
        "rawLocalTimestamp": "2026-11-23T10:00:00.1234567+01:00",
    }
    assert ours.local_timestamp.utcoffset().total_seconds() == 3600
    mention = ours.entities[1]
    assert mention.type == "mention"
    assert mention.additional_properties["mentioned"]["name"] == "Referent"


NEAR_MISSES = {
    # what the direct reader leaves to msrest, which builds the same model or says why not
    "a number where text belongs": {"text": 42},
    "a date that is not one": {"timestamp": "23.11.2026"},
    "a list that is a dict": {"membersAdded": {"id": "28:x"}},
    "a model that is a string": {"from": "Kari"},
}


@pytest.mark.parametrize("miss", NEAR_MISSES)
def test_what_the_direct_reader_does_not_know_goes_to_msrest(miss: str) -> None:
    body = {**teams_message("hei", URL), **NEAR_MISSES[miss]}
    try:
        theirs = Activity().deserialize(copy.deepcopy(body))
    except DeserializationError:
        with pytest.raises(DeserializationError):
            activity_from_json(copy.deepcopy(body))
        return
    direct = model_from_json("Activity", copy.deepcopy(body), connector_models())
    assert direct is UNSURE or direct == theirs
    assert activity_from_json(copy.deepcopy(body)) == theirs


def test_a_deeply_nested_value_is_read_without_recursion() -> None:
    deep: Any = "x"
    for _ in range(5000):  # far past Python's recursion limit
        deep = [deep]
    body = {**teams_message("hei", URL), "value": deep, "channelData": {"a": deep}}
    ours = activity_from_json(body)
    assert ours.value is deep and ours.channel_data == {"a": deep}
