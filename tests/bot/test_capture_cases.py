"""Planning a meeting and proposing a case for it from Teams, end to end over HTTP: the real
server and adapter, dialog state and records in the real database."""

from __future__ import annotations

from sqlalchemy import select

from storage.database import Database
from storage.models import Case

from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text


async def test_a_meeting_planned_and_a_case_proposed_are_answerable_at_once(
    seeded: None, bot: Running
) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    summary = _text(await britt.say("nytt møte SSU 14. desember kl 13-15 Grønland 32, Drammen"))
    assert summary.startswith("Nytt møte i SSU:") and summary.endswith("(ja/nei)")
    saved = _text(await britt.say("ja"))
    assert saved.startswith("Lagt inn møte i SSU: mandag 14. desember 2026 kl. 13:00–15:00")
    assert "mandag 14. desember 2026" in _text(await britt.say("når er neste møte i SSU?"))

    assert _text(await britt.say("meld inn sak til SSU: Legevaktsamarbeid")).startswith(
        "Beskriv saken kort"
    )
    assert _text(await britt.say("ingen")).startswith("Hva slags sak er det")
    summary = _text(await britt.say("beslutning"))
    assert "- Møte: mandag 14. desember 2026 kl. 13:00–15:00" in summary
    assert "- Meldt inn av: Britt Kveseth" in summary
    saved = _text(await britt.say("ja"))
    assert saved.startswith("Saken «Legevaktsamarbeid» er meldt inn til møtet i SSU")
    assert "Den står nå på sakslisten." in saved

    agenda = _text(await britt.say("hva står på sakslisten til SSU?"))
    assert "Saksliste for SSU" in agenda and "Legevaktsamarbeid" in agenda

    question = _text(await britt.say("flytt SSU-møtet til 15. desember"))
    assert question.startswith("Skal jeg flytte møtet i SSU mandag 14. desember 2026")
    assert _text(await britt.say("ja")).startswith("Flyttet: møtet i SSU er nå tirsdag 15.")
    agenda = _text(await britt.say("hva står på sakslisten til SSU?"))
    assert "15. desember 2026" in agenda and "Legevaktsamarbeid" in agenda  # moved along


async def test_a_dialog_goes_on_after_the_bot_is_restarted(
    seeded: None, database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    """«ny sak», two answers, the server stopped and a new one built on the same database:
    the rest of the answers finish the dialog there, and the case is stored once."""
    first = start_bot(database_url, connector)
    bot = await anext(first)
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("ny sak")).startswith("Hvilket utvalg")
    assert _text(await chat.say("SSU")).startswith("Hva er tittelen")
    await first.aclose()  # the server is gone

    second = start_bot(database_url, connector)
    chat.bot = await anext(second)
    try:
        assert _text(await chat.say("Samarbeid om legevakt")).startswith("Beskriv saken")
        await chat.say("ingen")
        assert "Skal jeg melde inn saken?" in _text(await chat.say("diskusjon"))
        assert _text(await chat.say("ja")).startswith("Saken «Samarbeid om legevakt» er meldt inn")
    finally:
        await second.aclose()
    db = Database(database_url)
    try:
        async with db.session() as session:
            titles = await session.scalars(
                select(Case.status).where(Case.title == "Samarbeid om legevakt")
            )
            assert list(titles) == ["proposed"]  # stored once
    finally:
        await db.close()
