"""Multi-line answers keep their lines apart in Markdown (Teams, its emulator, the dev
chat): the rule on its own, then through the real server to the fake Connector, for replies
and for messages sent unprompted."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from botbuilder.core import MessageFactory

from bot.adapter import authentication
from bot.config import BotIdentity
from bot.line_breaks import ADAPTIVE_CARD, activity_line_breaks, keep_line_breaks
from bot.outbox import Outbox, Target
from tests.markdown_lists import glued_to_list_items
from tests.markdown_shown import shown_lines, shown_texts

from .activities import teams_message
from .conftest import Running

NEXT_MEETINGS = [
    "Neste møte i LSU: onsdag 9. desember 2026 kl. 12:30–15:00",
    "Neste møte i SSU: mandag 14. desember 2026",
]


def test_single_line_breaks_become_lines_markdown_shows() -> None:
    written = "\n".join(NEXT_MEETINGS)
    assert shown_texts(written) == [" ".join(NEXT_MEETINGS)]  # the near miss: one line
    kept = keep_line_breaks(written)
    assert kept == "\n\n".join(NEXT_MEETINGS)
    assert shown_texts(kept) == NEXT_MEETINGS


def test_a_list_stays_one_tight_list_and_what_follows_it_stands_apart() -> None:
    written = (
        "**Gjeldende vedtak** — LSU 14.10.2026, sak 3 «LAR»:\n"
        "1. Rutinen tas til følge.\n2. Kommunene utpeker en kontaktperson.\n"
        "Oppfølging:\nMarit Lunde lager en kortversjon.\n"
        "Kilde: lsu-fjordby-2026-10-14.txt, linje 50\n\n"
        "Andre treff\n- SSU 26.10.2026, sak 2026.42 «LAR og TUD»: noe\n- LSU 14.10.2026, sak 2"
    )
    # as written: "Oppfølging" and the rest read as more of point 2
    assert shown_texts(written)[2].startswith("Kommunene utpeker en kontaktperson. Oppfølging:")
    kept = keep_line_breaks(written)
    assert glued_to_list_items(kept) == []
    shown = shown_lines(kept)
    assert [line.text for line in shown] == [
        "Gjeldende vedtak — LSU 14.10.2026, sak 3 «LAR»:",
        "Rutinen tas til følge.",
        "Kommunene utpeker en kontaktperson.",
        "Oppfølging:",
        "Marit Lunde lager en kortversjon.",
        "Kilde: lsu-fjordby-2026-10-14.txt, linje 50",
        "Andre treff",
        "SSU 26.10.2026, sak 2026.42 «LAR og TUD»: noe",
        "LSU 14.10.2026, sak 2",
    ]
    assert [line.list for line in shown] == [None, "ol", "ol", None, None, None, None, "ul", "ul"]
    assert shown[0].bold == ("Gjeldende vedtak",)
    # one list of two points each, not a point per list
    assert "\n1. Rutinen tas til følge.\n2. Kommunene" in kept
    assert "Andre treff\n\n- SSU 26.10.2026, sak 2026.42 «LAR og TUD»: noe\n- LSU" in kept


@pytest.mark.parametrize(
    "text",
    [
        "Ett svar på én linje.",
        "Ny sak til SSU:\n\n- Tittel: Legevakt\n- Møte: 14. desember\n\nSkal jeg melde inn saken?",
        "a\n\n\nb",  # blank lines already there stay as they are
        "",
    ],
)
def test_what_markdown_already_shows_apart_is_left_as_it_is(text: str) -> None:
    assert keep_line_breaks(text) == text


def test_kept_twice_is_kept_once() -> None:
    written = "Overskrift\n- a\n- b\nSlutt\r\nNeste"
    once = keep_line_breaks(written)
    assert keep_line_breaks(once) == once
    assert shown_texts(once) == ["Overskrift", "a", "b", "Slutt", "Neste"]


def test_a_fenced_block_keeps_its_lines() -> None:
    written = "Slik:\n```\nlinje 1\nlinje 2\n```\nFerdig"
    assert keep_line_breaks(written) == "Slik:\n\n```\nlinje 1\nlinje 2\n```\n\nFerdig"


def test_a_cards_text_blocks_keep_their_lines_wherever_they_are() -> None:
    two = "Forslaget vedtas.\nStorøya kommune får en redusert sats."
    card = {
        "type": "AdaptiveCard",
        "body": [
            {"type": "TextBlock", "text": two},
            {"type": "Container", "items": [{"type": "TextBlock", "text": two}]},
            {"type": "FactSet", "facts": [{"title": "Frist", "value": "a\nb"}]},
        ],
        "actions": [{"type": "Action.ShowCard", "card": {"body": [{"type": "TextBlock",
                                                                    "text": two}]}}],
    }  # fmt: skip
    activity = {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD,
                                                    "content": card}]}  # fmt: skip
    kept = activity_line_breaks(activity)
    shown = kept["attachments"][0]["content"]
    blocks = [
        shown["body"][0],
        shown["body"][1]["items"][0],
        shown["actions"][0]["card"]["body"][0],
    ]
    assert {block["text"] for block in blocks} == {two.replace("\n", "\n\n")}
    assert shown["body"][2]["facts"][0]["value"] == "a\nb"  # not Markdown: as it was
    assert shown["body"][2] is card["body"][2]  # what did not change is shared, not copied
    # The card sent is not the card kept (an answer's, a dialog's prompt): that stays as it was.
    assert card["body"][0]["text"] == two and activity["attachments"][0]["content"] is card
    assert activity_line_breaks(kept) is kept  # nothing more to do
    typing = {"type": "typing", "text": two}
    assert activity_line_breaks(typing) is typing


def _text_blocks(card: dict) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


@pytest.fixture
def examples(example_minutes: None) -> None:
    """The project's example minutes: LSU meets 9 December, SSU 14 December 2026."""


async def _reply(bot: Running, activity: dict) -> dict:
    before = len(bot.connector.messages())
    response = await bot.post(activity)
    assert response.status == 201, await response.text()
    return (await bot.connector.wait_for_messages(before + 1))[before]


async def test_next_meetings_reach_teams_a_line_each(examples: None, bot: Running) -> None:
    reply = await _reply(bot, teams_message("når er neste møte?", bot.connector_url))
    assert reply["textFormat"] == "markdown"
    lsu, ssu = shown_texts(reply["text"])  # two lines, not one run of text
    assert lsu.startswith(NEXT_MEETINGS[0]) and ssu.startswith(NEXT_MEETINGS[1])


async def test_a_decision_in_text_keeps_its_points_and_its_source_apart(
    examples: None, bot: Running
) -> None:
    activity = teams_message("hva ble bestemt om LAR?", bot.connector_url)
    activity["channelId"] = "sms"  # a channel without cards gets the text answer
    reply = await _reply(bot, activity)
    shown = shown_lines(reply["text"])
    assert shown[0].bold == ("Gjeldende vedtak",)
    points = [line.text for line in shown if line.list == "ol"]
    assert len(points) == 3 and points[0].startswith("Forslaget til felles rutine")
    assert not any("Oppfølging" in point or "Kilde" in point for point in points)
    texts = [line.text for line in shown]
    assert "Kilde: lsu-fjordby-2026-10-14.txt, linje 50" in texts
    assert not any("Oppfølging" in text for text in texts)  # the case's task, not its decision
    assert [line.text for line in shown if line.list == "ul"]  # the other matches, a list
    assert glued_to_list_items(reply["text"]) == []


async def test_a_decision_card_shows_each_line_of_the_decision(
    examples: None, bot: Running
) -> None:
    reply = await _reply(bot, teams_message("hva ble bestemt om DHO?", bot.connector_url))
    (attachment,) = reply["attachments"]
    blocks = _text_blocks(attachment["content"])
    decision = next(b for b in blocks if b.startswith("Forslaget til kostnadsfordeling"))
    assert shown_texts(decision) == [
        "Forslaget til kostnadsfordeling vedtas med en felles gjennomgang etter ett års drift.",
        "Storøya kommune får en redusert sats i 2027.",
    ]
    # an earlier treatment's points stay one list
    points = next(b for b in blocks if b.startswith("- Strategisk samarbeidsutvalg"))
    assert [line.list for line in shown_lines(points)] == ["ul"] * 3

    reply = await _reply(bot, teams_message("hva ble bestemt om LAR?", bot.connector_url))
    blocks = _text_blocks(reply["attachments"][0]["content"])
    decision = next(b for b in blocks if b.startswith("1. Forslaget til felles rutine"))
    shown = shown_lines(decision)
    assert [line.list for line in shown] == ["ol", "ol", "ol"]  # its task is not in it
    assert shown[2].text.startswith("Erfaringene med rutinen evalueres")


async def test_help_and_dialog_prompts_keep_their_lines(bot: Running) -> None:
    reply = await _reply(bot, teams_message("hjelp", bot.connector_url))
    shown = shown_lines(reply["text"])
    assert len(shown) == len([line for line in reply["text"].splitlines() if line.strip()])
    assert [line.block for line in shown][1:] == ["li"] * (len(shown) - 1)
    # a dialog's message, sent without a text format (Markdown is the default)
    activity = teams_message("nytt møte SSU 14. desember kl 13", bot.connector_url)
    activity["channelId"] = "sms"
    asked = await _reply(bot, activity)
    assert glued_to_list_items(asked["text"]) == []


@pytest.fixture
async def outbox() -> AsyncIterator[Outbox]:
    auth = authentication(BotIdentity())
    yield Outbox(auth, "")
    await auth.close()


async def test_a_message_sent_unprompted_keeps_its_lines(bot: Running, outbox: Outbox) -> None:
    target = Target(
        {
            "serviceUrl": bot.connector_url,
            "channelId": "sms",
            "conversation": {"id": "a:reminders"},
            "bot": {"id": "28:referent-bot"},
        }
    )
    await outbox.send(target, MessageFactory.text("Påminnelse: SSU-møte\nSaker:\n- Budsjett"))
    plain = MessageFactory.text("a\nb")
    plain.text_format = "plain"  # not Markdown: left as it is
    await outbox.send(target, plain)
    reminder, other = await bot.connector.wait_for_messages(2)
    assert shown_texts(reminder["text"]) == ["Påminnelse: SSU-møte", "Saker:", "Budsjett"]
    assert other["text"] == "a\nb"
