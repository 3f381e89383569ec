"""Messages longer than the bot reads (MAX_MESSAGE_CHARS), over real HTTP: answered politely
in the user's language and otherwise left alone; and a maximal message does not stall the
server (issue 13: one 200 KB message kept /healthz waiting 23 s)."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select

from assistant.message_length import MAX_MESSAGE_CHARS
from assistant.plain_text import plain_text
from bot.adapter import MAX_ACTIVITY_BYTES
from bot.cli import main
from storage.database import Database
from storage.models import BotState, ChatConversation

from .activities import compose_query, teams_message
from .conftest import Running
from .fake_connector import FakeConnector
from .served import Served, healthz_ms, referent_serve

# The cap as the answers write it: 8 000 (no-break space) in bokmål, 8,000 in English.
NB_CAP = f"{MAX_MESSAGE_CHARS:,}".replace(",", "\u00a0")
EN_CAP = f"{MAX_MESSAGE_CHARS:,}"
NB_OVER = f"{MAX_MESSAGE_CHARS + 1:,}".replace(",", "\u00a0")
EN_OVER = f"{MAX_MESSAGE_CHARS + 1:,}"
TOO_LONG = {
    "nb": (
        f"Meldingen er for lang ({NB_OVER} tegn) – jeg leser opptil {NB_CAP} tegn. "
        "Skriv spørsmålet kortere, eller importer dokumentet med `referent import`."
    ),
    "en": (
        f"The message is too long ({EN_OVER} characters) – I read up to {EN_CAP} characters. "
        "Write a shorter question, or import the document with `referent import`."
    ),
}


def _padded(question: str, length: int) -> str:
    """`question` and words after it ("LAR og LAR …") to exactly `length` characters."""
    text = question + " og LAR" * (length // 7 + 1)
    return text[:length]


class Chat:
    """One Teams personal chat: each message gets its first reply."""

    def __init__(self, bot: Running, locale: str = "nb-NO") -> None:
        self.bot, self.locale = bot, locale
        self.id = f"a:{uuid.uuid4().hex}"

    async def say(self, text: str) -> dict[str, Any]:
        before = len(self.bot.connector.messages())
        activity = teams_message(text, self.bot.connector_url, locale=self.locale)
        activity["conversation"]["id"] = self.id
        response = await self.bot.post(activity)
        assert response.status == 201, await response.text()
        return (await self.bot.connector.wait_for_messages(before + 1))[before]


def _said(reply: dict[str, Any]) -> str:
    cards = [
        json.dumps(a.get("content"), ensure_ascii=False) for a in reply.get("attachments") or []
    ]
    return " ".join([reply.get("text") or "", *cards])


async def _rows(database_url: str, table: Any) -> int:
    db = Database(database_url)
    try:
        async with db.session() as session:
            return await session.scalar(select(func.count()).select_from(table)) or 0
    finally:
        await db.close()


async def test_a_message_of_exactly_the_cap_is_read(seeded: None, bot: Running) -> None:
    text = _padded("hva ble bestemt om LAR", MAX_MESSAGE_CHARS)
    assert len(text) == MAX_MESSAGE_CHARS
    reply = _said(await Chat(bot).say(text))
    assert "for lang" not in reply
    assert "2023.30" in reply  # recognised and searched: the LAR decision


@pytest.mark.parametrize(("locale", "language"), [("nb-NO", "nb"), ("en-US", "en")])
async def test_one_character_more_gets_the_polite_answer_and_nothing_else(
    bot: Running, database_url: str, locale: str, language: str
) -> None:
    text = _padded("hva ble bestemt om LAR", MAX_MESSAGE_CHARS + 1)
    reply = await Chat(bot, locale).say(text)
    assert reply["text"] == TOO_LONG[language]
    assert not reply.get("attachments")
    await asyncio.sleep(0.4)  # longer than the typing indicator's delay
    assert len(bot.connector.sent) == 1  # no typing indicator, no second message
    # Nothing stored: not the personal chat (for reminders), not a dialog state.
    assert await _rows(database_url, ChatConversation) == 0
    assert await _rows(database_url, BotState) == 0


async def test_the_cap_counts_the_text_as_sent(bot: Running) -> None:
    """A long message that would be a command ("ny sak: …" with a pasted text) is refused
    whole too: no dialog starts."""
    chat = Chat(bot)
    text = ("ny sak: " + "Bakgrunn for saken. " * 500)[: MAX_MESSAGE_CHARS + 1]
    assert (await chat.say(text))["text"] == TOO_LONG["nb"]
    assert _said(await chat.say("hjelp")).startswith("Jeg svarer fra møtereferatene")


async def test_an_over_long_answer_leaves_the_dialog_waiting_for_its_answer(
    seeded: None, bot: Running
) -> None:
    chat = Chat(bot)
    assert _said(await chat.say("ny oppgave")).startswith("Hva er oppgaven?")
    long_answer = ("lage et notat om legevakt " * 400)[: MAX_MESSAGE_CHARS + 1]
    assert (await chat.say(long_answer))["text"] == TOO_LONG["nb"]
    assert _said(await chat.say("lage et notat om legevakt")).startswith("Hvem skal gjøre det?")


async def test_the_dev_chat_page_gets_the_same_answer(bot: Running) -> None:
    """The page sends its text as a Bot Framework activity: the bot's one check answers it."""
    conversation = f"dev-{uuid.uuid4().hex}"
    text = _padded("hva ble bestemt om LAR", MAX_MESSAGE_CHARS + 1)
    send = {"conversation": conversation, "text": text, "locale": "en-GB"}
    async with bot.http.post(f"{bot.url}/chat/send", json=send) as response:
        assert response.status == 200, await response.text()
    query = {"conversation": conversation, "after": "0"}
    async with bot.http.get(f"{bot.url}/chat/replies", params=query) as response:
        replies = (await response.json())["replies"]
    assert [r["text"] for r in replies if r["type"] == "message"] == [TOO_LONG["en"]]


async def test_an_over_long_search_in_the_compose_box_gets_the_same_answer(bot: Running) -> None:
    words = _padded("LAR", MAX_MESSAGE_CHARS + 1)
    response = await bot.post(compose_query(words, bot.connector_url))
    assert response.status == 200
    result = (await response.json())["composeExtension"]
    assert result == {"type": "message", "text": TOO_LONG["nb"]}
    exactly = await bot.post(compose_query(_padded("LAR", MAX_MESSAGE_CHARS), bot.connector_url))
    assert (await exactly.json())["composeExtension"]["type"] == "result"


async def test_referent_ask_refuses_an_over_long_question(
    seeded: None, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    text = _padded("hva ble bestemt om LAR", MAX_MESSAGE_CHARS + 1)
    assert await asyncio.to_thread(main, ["ask", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # the chat's text as a terminal shows it: no Markdown marks (assistant/plain_text.py)
    assert captured.err.strip() == f"referent: {plain_text(TOO_LONG['nb'])}"
    assert await asyncio.to_thread(main, ["ask", text, "--lang", "en"]) == 2
    assert plain_text(TOO_LONG["en"]) in capsys.readouterr().err
    exactly = _padded("hva ble bestemt om LAR", MAX_MESSAGE_CHARS)
    assert await asyncio.to_thread(main, ["ask", exactly]) == 0
    assert "2023.30" in capsys.readouterr().out


def _maximal_body(service_url: str) -> bytes:
    """A Teams message as long as the server accepts: the body exactly MAX_ACTIVITY_BYTES,
    its text "a a a …" (the shape that took 23 s to read before the fix)."""
    activity = teams_message("", service_url)
    length = MAX_ACTIVITY_BYTES - len(json.dumps(activity).encode())
    activity["text"] = ("a " * length)[:length]
    body = json.dumps(activity).encode()
    assert len(body) == MAX_ACTIVITY_BYTES
    return body


async def _probe_while_posting(
    served: Served, http: aiohttp.ClientSession, body: bytes
) -> tuple[list[float], int]:
    """Two clients post `body` one after another while /healthz is asked five times, 0.2 s
    apart, each without waiting for the one before: the timings and how many were posted."""
    await healthz_ms(http, served.url)  # the first request sets up the app's state
    done = asyncio.Event()
    posted = 0

    async def keep_posting() -> None:
        nonlocal posted
        while not done.is_set():
            async with http.post(
                f"{served.url}/api/messages",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=aiohttp.ClientTimeout(total=120),
            ) as response:
                assert response.status == 201, await response.text()
            posted += 1

    posting = [asyncio.create_task(keep_posting()) for _ in range(2)]
    probes = []
    for _ in range(5):
        await asyncio.sleep(0.2)
        probes.append(asyncio.create_task(healthz_ms(http, served.url)))
    timings = await asyncio.gather(*probes)
    done.set()
    await asyncio.gather(*posting)
    return timings, posted


async def test_healthz_answers_within_100_ms_while_maximal_messages_are_handled(
    database_url: str, connector: tuple[FakeConnector, str], tmp_path: Path
) -> None:
    """`referent serve` in a process of its own, so that a stalled server cannot stall the
    test's timing. The best of the probes must be within the issue's 100 ms (the others may
    wait for a megabyte's JSON parsing, or a loaded test machine). Before the fix each of
    these messages held the event loop for many seconds, and every /healthz waited as long."""
    fake, connector_url = connector
    body = _maximal_body(connector_url)
    async with (
        referent_serve(database_url, tmp_path / "serve.log") as served,
        aiohttp.ClientSession() as http,
    ):
        timings, posted = await _probe_while_posting(served, http, body)
        replies = await fake.wait_for_messages(posted)
    assert min(timings) < 100, f"/healthz took {timings} ms: {served.log_text()[-2000:]}"
    length = f"{len(json.loads(body)['text']):,}".replace(",", "\u00a0")
    assert posted >= 2
    assert {r["text"].split(")")[0] for r in replies} == {f"Meldingen er for lang ({length} tegn"}


async def test_healthz_answers_within_100_ms_while_the_longest_questions_are_read(
    database_url: str, connector: tuple[FakeConnector, str], tmp_path: Path
) -> None:
    """Questions just under the cap are read and answered (tens of milliseconds of CPU
    each): that work runs off the event loop, which keeps answering."""
    fake, connector_url = connector
    question = ("hvilke oppgaver har " + "Britt Kveseth og " * 600)[:MAX_MESSAGE_CHARS]
    body = json.dumps(teams_message(question, connector_url)).encode()
    async with (
        referent_serve(database_url, tmp_path / "serve.log") as served,
        aiohttp.ClientSession() as http,
    ):
        timings, posted = await _probe_while_posting(served, http, body)
        replies = await fake.wait_for_messages(posted)
    # The median, not the best: every turn reads such a question (measured: 1-20 ms).
    assert sorted(timings)[2] < 100, f"/healthz took {timings} ms: {served.log_text()[-2000:]}"
    assert posted >= 2 and not any("for lang" in (r.get("text") or "") for r in replies)
