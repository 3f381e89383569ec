"""The bot end to end over HTTP: Teams activities in, replies at the fake Bot Connector."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

from .activities import compose_query, installed, teams_message
from .conftest import Running

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def _ask(bot: Running, activity: dict) -> dict:
    response = await bot.post(activity)
    assert response.status == 201, await response.text()
    (reply,) = await bot.connector.wait_for_messages(1)
    return reply


def _card(reply: dict) -> dict:
    (attachment,) = reply["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


async def test_lar_question_gets_the_decision_as_a_card(seeded: None, bot: Running) -> None:
    activity = teams_message("Hva ble bestemt om LAR?", bot.connector_url)
    reply = await _ask(bot, activity)
    card = json.dumps(_card(reply), ensure_ascii=False)
    assert "2023.30" in card and "arbeidsgruppe i regi av AU" in card
    assert "28.09.2023" in card and "Vis kilde" in card and "004_" in card
    assert "2023.30" in reply["summary"]
    assert reply["replyToId"] == activity["id"]
    assert reply["conversation"]["id"] == activity["conversation"]["id"]
    sent = bot.connector.sent[-1]
    assert sent.reply_to == activity["id"]  # POST …/activities/{replyToId}


async def test_my_tasks_for_a_teams_user_include_her_groups(seeded: None, bot: Running) -> None:
    reply = await _ask(bot, teams_message("hvilke oppgaver har jeg?", bot.connector_url))
    card = json.dumps(_card(reply), ensure_ascii=False)
    assert "Innkaller" in card  # her own task
    assert card.count("AU (din gruppe)") == 2  # the two AU tasks of 12.09.2022
    assert "Frist" in card and "AU (din gruppe)" in card and "24. oktober 2022" in card


async def test_a_channel_message_with_a_mention_works_the_same(seeded: None, bot: Running) -> None:
    activity = teams_message(
        "hva ble bestemt om LAR?", bot.connector_url, conversation_type="channel", mention=True
    )
    reply = await _ask(bot, activity)
    assert "2023.30" in json.dumps(_card(reply))


async def test_english_locale_and_english_question(seeded: None, bot: Running) -> None:
    reply = await _ask(
        bot, teams_message("what was decided about LAR?", bot.connector_url, locale="en-US")
    )
    card = json.dumps(_card(reply))
    assert "Current decision" in card and "Show source" in card and "case 2023.30" in card


async def test_a_bare_topic_is_answered_in_the_clients_language(seeded: None, bot: Running) -> None:
    reply = await _ask(bot, teams_message("LAR", bot.connector_url, locale="en-US"))
    assert "Show source" in json.dumps(_card(reply))


async def test_channels_without_cards_get_markdown_text(seeded: None, bot: Running) -> None:
    activity = teams_message("hva ble bestemt om LAR?", bot.connector_url)
    activity["channelId"] = "sms"
    reply = await _ask(bot, activity)
    assert "attachments" not in reply or not reply["attachments"]
    assert "2023.30" in reply["text"] and "arbeidsgruppe i regi av AU" in reply["text"]


async def test_welcome_on_install(bot: Running) -> None:
    response = await bot.post(installed(bot.connector_url))
    assert response.status == 201
    (welcome,) = await bot.connector.wait_for_messages(1)
    lines = [line for line in welcome["text"].splitlines() if line]  # blank: kept breaks
    assert "Referent" in welcome["text"] and len(lines) == 3


async def test_compose_extension_query_returns_result_cards(seeded: None, bot: Running) -> None:
    response = await bot.post(compose_query("LAR", bot.connector_url))
    assert response.status == 200
    body = await response.json()
    result = body["composeExtension"]
    assert result["type"] == "result" and result["attachments"]
    first = result["attachments"][0]
    assert first["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "2023.30" in json.dumps(first["content"], ensure_ascii=False)
    assert first["preview"]["contentType"] == "application/vnd.microsoft.card.thumbnail"


async def test_help(bot: Running) -> None:
    reply = await _ask(bot, teams_message("hjelp", bot.connector_url))
    assert "Hva ble bestemt om LAR?" in reply["text"]


async def test_health_and_readiness(bot: Running) -> None:
    for path in ("/healthz", "/readyz"):
        async with bot.http.get(bot.url + path) as response:
            assert response.status == 200, path


async def test_agenda_comes_as_a_card_with_open_tasks(database_url: str, bot: Running) -> None:
    """The project's example minutes plan an LSU meeting on 9 December 2026."""
    db = Database(database_url)
    try:
        await import_paths(db, [EXAMPLES], ImportOptions())
    finally:
        await db.close()
    reply = await _ask(bot, teams_message("hva står på sakslisten?", bot.connector_url))
    card = _card(reply)
    texts = [block.get("text", "") for block in card["body"]]
    # No case is filed for it, but one was postponed to it and the minutes set one for it
    assert texts[0].startswith("Saksliste for LSU onsdag 9. desember 2026")
    assert "Utsatt fra tidligere møter:" in texts
    assert "Åpne oppgaver i LSU:" in texts
    assert "Gjeldende vedtak" not in json.dumps(card, ensure_ascii=False)
    assert reply["summary"] == texts[0]
