"""«Jeg er …»: the chat user says who they are in the minutes, through botbuilder's
TestAdapter with state and records in the real database."""

from __future__ import annotations

from botbuilder.schema import ChannelAccount
from sqlalchemy import func, select

from storage.database import Database
from storage.identities import linked_person
from storage.models import ChatIdentity

from .conftest import Chat, People, conversations_on

CONFIRM_F = "Skal jeg huske at du er Christine Furuholmen (Vestre Viken)? (ja/nei)"
WHICH = (
    "Hvem av dem er du: 1. Christine Furuholmen (Vestre Viken) eller 2. Christine Hansen "
    "(Asker)? Svar med nummer eller navn."
)


async def _linked(db: Database, user_key: str = "user-1") -> int | None:
    """The person the chat user ("msteams", `user_key`) is linked to."""
    async with db.session() as session:
        person = await linked_person(
            session, tenant="default", channel="msteams", user_key=user_key
        )
        return person.id if person else None


async def _dialog_is_over(chat: Chat) -> bool:
    return await chat.say("hvilke oppgaver har jeg?") == ["(et spørsmål)"]


async def test_a_name_one_person_has_is_linked_after_a_yes(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("jeg er Christine Furuholmen") == [CONFIRM_F]
    assert await _linked(db) is None  # nothing before the «ja»
    (linked,) = await chat.say("ja")
    assert linked == (
        "Greit, nå husker jeg at du er Christine Furuholmen. «Hvilke oppgaver har jeg?» svarer "
        "nå for Christine Furuholmen."
    )
    assert await _linked(db) == people.christine_f
    assert await _dialog_is_over(chat)


async def test_a_new_link_replaces_the_old_one(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Christine Furuholmen")
    await chat.say("ja")
    assert await chat.say("jeg er Britt Kveseth") == [
        "Skal jeg huske at du er Britt Kveseth (Drammen)? (ja/nei)"
    ]
    await chat.say("ja")
    assert await _linked(db) == people.britt


async def test_namesakes_are_told_apart_by_number(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("jeg er Christine") == [WHICH]
    assert await chat.say("2") == ["Skal jeg huske at du er Christine Hansen (Asker)? (ja/nei)"]
    await chat.say("ja")
    assert await _linked(db) == people.christine_h


async def test_namesakes_are_told_apart_by_name(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg heter Christine")
    assert await chat.say("Furuholmen") == [CONFIRM_F]
    await chat.say("ja")
    assert await _linked(db) == people.christine_f


async def test_an_answer_that_is_none_of_them_is_asked_again_then_given_up(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Christine")
    assert await chat.say("Zorro") == [f"«Zorro» er ingen av dem. {WHICH}"]
    assert await chat.say("7") == [f"«7» er ingen av dem. {WHICH}"]
    (bye,) = await chat.say("vet ikke")  # the third: one message, the polite exit
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _linked(db) is None
    assert await _dialog_is_over(chat)


async def test_nobody_by_that_name_ends_at_once(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (nobody,) = await chat.say("jeg er Zorro Zorrosen")
    assert nobody.startswith("Jeg finner ingen som heter «Zorro Zorrosen» i referatene.")
    assert "Sjekk stavingen" in nobody
    assert await _dialog_is_over(chat)
    # Only people: a group is nobody to be
    (group,) = await chat.say("jeg er AU")
    assert group.startswith("Jeg finner ingen som heter «AU» i referatene.")
    assert await _linked(db) is None


async def test_no_stores_nothing(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Christine Furuholmen")
    assert await chat.say("nei") == ["Greit, da husker jeg ikke noe. Ingenting er lagret."]
    assert await _linked(db) is None
    assert await _dialog_is_over(chat)


async def test_cancel_stores_nothing(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Christine")
    assert await chat.say("avbryt") == ["Avbrutt. Ingenting er lagret."]
    assert await _linked(db) is None
    assert await _dialog_is_over(chat)


async def test_help_explains_the_step_and_asks_again(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Christine")
    help_text, again = await chat.say("hjelp")
    assert help_text.startswith("Svar med nummeret foran navnet ditt") and "avbryt" in help_text
    assert again == WHICH
    await chat.say("1")
    help_text, again = await chat.say("hjelp")
    assert "Christine Furuholmen (Vestre Viken)" in help_text and "«nei»" in help_text
    assert again == CONFIRM_F
    await chat.say("ja")
    assert await _linked(db) == people.christine_f


async def test_three_answers_that_are_no_yes_or_no_end_politely(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("jeg er Britt Kveseth")
    assert await chat.say("kanskje") == ["Svar «ja» eller «nei»."]
    await chat.say("tja")
    (bye,) = await chat.say("hm")
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _linked(db) is None
    assert await _dialog_is_over(chat)


async def test_in_english(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("I am Britt Kveseth") == [
        "Shall I remember that you are Britt Kveseth (Drammen)? (yes/no)"
    ]
    (linked,) = await chat.say("yes")
    assert linked.startswith("OK, I'll remember that you are Britt Kveseth.")
    assert await _linked(db) == people.britt


async def test_a_chat_that_does_not_say_who_is_writing_stores_nothing(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    chat.adapter.template.from_property = ChannelAccount(name="Gjest")  # no id
    (reply,) = await chat.say("jeg er Christine Furuholmen")
    assert reply.startswith("Denne chatten forteller meg ikke hvem du er")
    assert "Ingenting er lagret" in reply
    assert await _dialog_is_over(chat)
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(ChatIdentity)) == 0


async def test_state_survives_a_restart(db: Database, people: People) -> None:
    await Chat(conversations_on(db)).say("jeg er Christine")
    await Chat(conversations_on(db)).say("Hansen")
    (linked,) = await Chat(conversations_on(db)).say("ja")
    assert linked.startswith("Greit, nå husker jeg at du er Christine Hansen.")
    assert await _linked(db) == people.christine_h
