"""A decision card inserted from the compose-box search and sent into a chat with the bot
comes as a message with the card attached and, for text, markup where the card sat (or
nothing). The bot knows its own card by the mark on it and answers with the decision as
the minutes have it now, with its source; another card gets a word on what the bot reads;
no "I didn't understand that". Over real HTTP with the Connector fake, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.cards import DECISION_MARK
from bot.sent_cards import words_beside_cards

from .activities import compose_query, teams_message
from .conftest import Running

# What Microsoft's Teams emulator puts in the text for a card in the compose box
EMULATOR = (
    '\n<span class="ck-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n'
    '  <span content="0" itemprop="cardId"></span>\n</span>\n'
)
TEAMS = '<attachment id="8d3e0b1f6c3a4c6f"></attachment>'  # Teams' own placeholder
UNKNOWN = ("Det forsto jeg ikke", "I didn't understand")


async def _search_result(bot: Running, words: str = "LAR") -> dict[str, Any]:
    """The first card the compose-box search offers for `words`, as Teams inserts it."""
    response = await bot.post(compose_query(words, bot.connector_url))
    assert response.status == 200
    first = (await response.json())["composeExtension"]["attachments"][0]
    return {"contentType": first["contentType"], "content": first["content"]}


async def _send(bot: Running, text: str | None, *attachments: dict[str, Any], **kw: Any) -> list:
    """A message with `attachments` and `text` (None: no text at all); the replies."""
    activity = teams_message(text or "", bot.connector_url, **kw)
    if text is None:
        del activity["text"]
    activity["attachments"] = list(attachments)
    before = len(bot.connector.messages())
    response = await bot.post(activity)
    assert response.status == 201, await response.text()
    return bot.connector.messages()[before:]  # the turn is over when the post is answered


@pytest.mark.parametrize(
    "text", [EMULATOR, TEAMS, None, "  "], ids=["emulator", "teams", "none", "blank"]
)
async def test_our_decision_card_sent_back_gets_the_decision_with_its_source(
    seeded: None, bot: Running, text: str | None
) -> None:
    card = await _search_result(bot)
    (reply,) = await _send(bot, text, card)
    said = reply["text"]
    assert said.startswith("Det kortet er fra meg."), said
    assert "2023.30" in said and "arbeidsgruppe i regi av AU" in said
    assert "Kilde: 004_" in said  # what the card folds behind «Vis kilde»
    assert not said.startswith(UNKNOWN)


async def test_in_a_channel_with_a_mention_too(seeded: None, bot: Running) -> None:
    card = await _search_result(bot)
    (reply,) = await _send(
        bot, EMULATOR, card, conversation_type="channel", mention=True, locale="en-US"
    )
    # no words to show a language, none stored: the client's
    assert reply["text"].startswith("That card is mine."), reply["text"]


async def test_words_written_beside_the_card_are_the_question(seeded: None, bot: Running) -> None:
    card = await _search_result(bot)
    (reply,) = await _send(bot, f"hva ble bestemt om LAR? {EMULATOR}", card)
    content = json.dumps(reply["attachments"][0]["content"], ensure_ascii=False)
    assert "Gjeldende vedtak" in content and "2023.30" in content


async def test_a_card_of_ours_whose_case_is_gone(bot: Running) -> None:
    card = {"contentType": "application/vnd.microsoft.card.adaptive",
            "content": {"type": "AdaptiveCard", "version": "1.5",
                        "body": [{"type": "TextBlock", "text": "Gjeldende vedtak",
                                  "id": f"{DECISION_MARK}987654"}]}}  # fmt: skip
    (reply,) = await _send(bot, EMULATOR, card)
    assert reply["text"] == "Det kortet er fra meg, men saken finnes ikke lenger i referatene."


@pytest.mark.parametrize(
    "mark", [None, "referent.decision.", "referent.decision.x12", "referent.decisions.12", "12"]
)
async def test_other_cards_are_not_taken_for_ours(
    seeded: None, bot: Running, mark: str | None
) -> None:
    block: dict[str, Any] = {"type": "TextBlock", "text": "Vedtak om LAR (fra en annen app)"}
    if mark is not None:
        block["id"] = mark
    card = {"contentType": "application/vnd.microsoft.card.adaptive",
            "content": {"type": "AdaptiveCard", "version": "1.5", "body": [block]}}  # fmt: skip
    (reply,) = await _send(bot, EMULATOR, card)
    assert reply["text"].startswith("Jeg leser det du skriver, ikke kort."), reply["text"]


async def test_a_thumbnail_card_from_elsewhere(bot: Running) -> None:
    card = {"contentType": "application/vnd.microsoft.card.thumbnail",
            "content": {"title": "Noe", "text": "annet"}}  # fmt: skip
    (reply,) = await _send(bot, None, card, locale="en-US")
    assert reply["text"].startswith("I read what you write, not cards."), reply["text"]


async def test_a_file_alone_gets_no_answer_and_a_message_with_its_html_is_read(
    seeded: None, bot: Running
) -> None:
    file = {"contentType": "application/vnd.microsoft.teams.file.download.info",
            "name": "referat.docx", "content": {"downloadUrl": "https://x.invalid/f"}}  # fmt: skip
    assert await _send(bot, None, file) == []
    # Teams sends an ordinary message's text as HTML beside it: that is no card
    html = {"contentType": "text/html", "content": "<div>hva ble bestemt om LAR?</div>"}
    (reply,) = await _send(bot, "hva ble bestemt om LAR?", html)
    assert "2023.30" in json.dumps(reply["attachments"][0]["content"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (EMULATOR, ""),
        (f"se her {TEAMS} takk", "se her   takk"),
        ("3<5 og 7>2", "3<5 og 7>2"),  # near misses: markup-like text that is no placeholder
        ("<span>hei</span>", "<span>hei</span>"),
        (
            '<span itemtype="http://example.org/Other"></span>',
            '<span itemtype="http://example.org/Other"></span>',
        ),
        ("<attachment>", "<attachment>"),
    ],
)
def test_placeholders_and_near_misses(text: str, words: str) -> None:
    assert words_beside_cards(text) == words.strip()
