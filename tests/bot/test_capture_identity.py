"""«Jeg er …» from Teams, end to end over HTTP: a user whose Teams name matches nobody in
the minutes says who they are, and «hvilke oppgaver har jeg?» answers for that person."""

from __future__ import annotations

from sqlalchemy import select

from storage.database import Database
from storage.models import ChatIdentity, Person

from .activities import aad_object_id
from .conftest import Running
from .test_capture import Conversation, _text

MY_TASKS = "hvilke oppgaver har jeg?"


async def test_a_user_who_says_who_they_are_gets_their_tasks(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Chris F.")  # the fake Connector knows no profile: 404
    unknown = _text(await chat.say(MY_TASKS))
    assert "Jeg finner ingen som heter «Chris F.»" in unknown
    assert "innkaller" not in unknown.casefold()  # the heading of her task is capitalised

    confirm = _text(await chat.say("jeg er Christine Furuholmen"))
    assert confirm == "Skal jeg huske at du er Christine Furuholmen (Vestre Viken)? (ja/nei)"
    linked = _text(await chat.say("ja"))
    assert linked.startswith("Greit, nå husker jeg at du er Christine Furuholmen.")

    mine = _text(await chat.say(MY_TASKS))
    assert "Christine Furuholmen" in mine and "Innkaller" in mine  # her own task
    db = Database(database_url)
    try:
        async with db.session() as session:
            rows = await session.execute(
                select(ChatIdentity, Person.name).join(Person, Person.id == ChatIdentity.person_id)
            )
            ((link, name),) = list(rows)
    finally:
        await db.close()
    assert name == "Christine Furuholmen"
    assert (link.channel, link.user_key) == ("msteams", aad_object_id("Chris F."))
    assert link.display_name == "Chris F."
