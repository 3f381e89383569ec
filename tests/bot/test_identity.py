"""Who is asking: a Teams user linked to a person in the minutes, end to end over HTTP.

The fake Bot Connector answers the member lookup (GET /v3/conversations/{id}/members/{user})
with the profile each test gives it; the link lands in the chat_identity table.
"""

from __future__ import annotations

import json
from typing import Any

from .activities import aad_object_id, teams_member, teams_message, user_id
from .chat_records import identity_links, set_emails
from .conftest import Running

MY_TASKS = "hvilke oppgaver har jeg?"


async def _ask(bot: Running, activity: dict[str, Any]) -> dict[str, Any]:
    """The reply to `activity` (the next message the fake connector receives)."""
    already = len(bot.connector.messages())
    response = await bot.post(activity)
    assert response.status == 201, await response.text()
    return (await bot.connector.wait_for_messages(already + 1))[already]


def _shown(reply: dict[str, Any]) -> str:
    """Everything the user sees of a reply: its text and its card."""
    return (reply.get("text") or "") + json.dumps(reply.get("attachments"), ensure_ascii=False)


def _christines_tasks(shown: str) -> bool:
    return (
        "Christine Furuholmen" in shown
        and "Innkaller" in shown  # her own task
        and shown.count("AU (din gruppe)") == 2  # the two AU tasks of 12.09.2022
    )


async def test_a_nickname_is_linked_through_the_teams_profile(
    seeded: None, bot: Running, database_url: str
) -> None:
    bot.connector.members[user_id("Chris F.")] = teams_member(
        "Chris F.",
        name="Furuholmen, Christine",
        given_name="Christine",
        surname="Furuholmen",
        email="christine.furuholmen@vestreviken.no",
    )
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Chris F."))
    assert _christines_tasks(_shown(reply)), _shown(reply)
    ((link, person),) = await identity_links(database_url)
    assert person == "Christine Furuholmen"
    assert (link.channel, link.user_key) == ("msteams", aad_object_id("Chris F."))
    assert (link.display_name, link.email) == ("Chris F.", "christine.furuholmen@vestreviken.no")
    assert link.linked_at.tzinfo is not None
    assert len(bot.connector.member_calls) == 1

    # The stored link answers from now on: Teams is not asked again.
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Chris F."))
    assert _christines_tasks(_shown(reply))
    assert len(bot.connector.member_calls) == 1
    assert len(await identity_links(database_url)) == 1


async def test_a_failing_member_lookup_falls_back_to_the_display_name(
    seeded: None, bot: Running, database_url: str
) -> None:
    bot.connector.members[user_id("Chris F.")] = 500
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Chris F."))
    assert "Jeg finner ingen som heter «Chris F.»" in _shown(reply)
    calls = len(bot.connector.member_calls)
    assert calls >= 1  # the SDK retries a 500 by itself
    # Not asked again on the next turn (this process remembers it got nowhere).
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Chris F."))
    assert "Jeg finner ingen som heter «Chris F.»" in _shown(reply)
    assert len(bot.connector.member_calls) == calls
    assert await identity_links(database_url) == []

    # A display name that is the name in the minutes is enough without Teams' profile
    # (here the fake connector answers 404: not a member).
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url))
    assert _christines_tasks(_shown(reply))
    ((link, person),) = await identity_links(database_url)
    assert person == "Christine Furuholmen" and link.email is None


async def test_two_people_who_fit_are_not_linked(
    seeded: None, bot: Running, database_url: str
) -> None:
    """The minutes have both "Ulrich Spreng" and "Ulrich Johannes Spreng"; this profile
    fits both. The assistant then asks which one, as it does for the display name."""
    bot.connector.members[user_id("Spreng, Ulrich")] = teams_member(
        "Spreng, Ulrich", given_name="Ulrich Johannes", surname="Spreng"
    )
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Spreng, Ulrich"))
    shown = _shown(reply)
    assert "Flere heter «Spreng, Ulrich»" in shown
    assert "Ulrich Spreng" in shown and "Ulrich Johannes Spreng" in shown
    assert await identity_links(database_url) == []


async def test_a_shared_first_name_is_not_a_match(
    seeded: None, bot: Running, database_url: str
) -> None:
    """Christine Hansen shares her first name with Christine Furuholmen and her surname
    with Aud Hansen: she is neither."""
    bot.connector.members[user_id("Christine Hansen")] = teams_member(
        "Christine Hansen", given_name="Christine", surname="Hansen"
    )
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Christine Hansen"))
    assert "Jeg finner ingen som heter «Christine Hansen»" in _shown(reply)
    assert "innkaller" not in _shown(reply).casefold()
    assert await identity_links(database_url) == []


async def test_an_email_in_the_store_links_whatever_the_name(
    seeded: None, bot: Running, database_url: str
) -> None:
    await set_emails(
        database_url,
        {
            "Christine Furuholmen": ["Christine.Furuholmen@vestreviken.no"],
            # A team mailbox on two people: the address alone tells nobody apart.
            "Aud Hansen": ["postmottak@example.no"],
            "Grete Syrdal": ["postmottak@example.no"],
        },
    )
    bot.connector.members[user_id("CF")] = teams_member(
        "CF", email="christine.furuholmen@VESTREVIKEN.no"
    )
    bot.connector.members[user_id("Postmottak")] = teams_member(
        "Postmottak", email="postmottak@example.no"
    )
    bot.connector.members[user_id("Aud Hansen")] = teams_member(
        "Aud Hansen", email="postmottak@example.no"
    )
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="CF"))
    assert _christines_tasks(_shown(reply))
    reply = await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Postmottak"))
    assert "Jeg finner ingen som heter «Postmottak»" in _shown(reply)
    await _ask(bot, teams_message(MY_TASKS, bot.connector_url, user="Aud Hansen"))
    links = {link.display_name: person for link, person in await identity_links(database_url)}
    assert links == {"CF": "Christine Furuholmen", "Aud Hansen": "Aud Hansen"}


async def test_other_channels_are_not_looked_up_in_teams(
    seeded: None, bot: Running, database_url: str
) -> None:
    activity = teams_message(MY_TASKS, bot.connector_url)
    activity["channelId"] = "webchat"
    reply = await _ask(bot, activity)
    assert _christines_tasks(_shown(reply))
    assert bot.connector.member_calls == []
    ((link, _person),) = await identity_links(database_url)
    assert link.channel == "webchat"
