"""The add-task dialog and the one-line task commands, through botbuilder's TestAdapter with
state and records in the real database."""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.task_answer import find_tasks
from storage.database import Database

from .conftest import NOW, OSLO, Chat, People, conversations_on


async def _open_tasks(db: Database, name: str) -> list[tuple[str, date | None]]:
    found = await db.read(lambda session: find_tasks(session, "default", name))
    return [(t.description, t.due_date) for t in found.tasks if t.status == "open"]


def _task_id(reply: str) -> int:
    m = re.search(r"oppgave (\d+)", reply)
    assert m, reply
    return int(m.group(1))


async def test_a_complete_one_line_command_is_saved_at_once(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (reply,) = await chat.say("oppgave: Britt lager budsjettnotat innen 1. mars")
    assert reply.startswith("Lagt inn oppgave ")
    assert "lager budsjettnotat" in reply and "Britt Kveseth" in reply and "1. mars 2027" in reply
    assert await _open_tasks(db, "Britt Kveseth") == [("lager budsjettnotat", date(2027, 3, 1))]


async def test_a_guided_dialog_asks_for_each_missing_slot(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("ny oppgave") == [
        "Hva er oppgaven? Skriv for eksempel «lage budsjettnotat»."
    ]
    (ask_who,) = await chat.say("lage budsjettnotat")
    assert ask_who.startswith("Hvem skal gjøre det?")
    (ask_due,) = await chat.say("AU")
    assert ask_due.startswith("Når er fristen?")
    (saved,) = await chat.say("om to uker")
    assert "Arbeidsutvalget" in saved or "AU" in saved
    # AU's tasks are Britt's too (she sits in AU)
    due = NOW.astimezone(OSLO).date() + timedelta(days=14)
    assert ("lage budsjettnotat", due) in await _open_tasks(db, "Britt Kveseth")


async def test_an_answer_that_is_no_date_is_asked_again_then_the_dialog_gives_up(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("oppgave: Britt rydder arkivet")
    (retry,) = await chat.say("tja, snart")
    assert retry.startswith("Det leste jeg ikke som en dato")
    await chat.say("når det passer")
    (bye,) = await chat.say("vet ikke")
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _open_tasks(db, "Britt Kveseth") == []
    assert await chat.say("hvilke oppgaver har jeg?") == ["(et spørsmål)"]  # the dialog is over


async def test_cancel_ends_the_dialog_and_saves_nothing(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny oppgave")
    await chat.say("lage budsjettnotat")
    assert await chat.say("avbryt") == ["Avbrutt. Ingenting er lagret."]
    assert await chat.say("hvilke oppgaver har jeg?") == ["(et spørsmål)"]
    assert await _open_tasks(db, "Britt Kveseth") == []


async def test_help_explains_the_step_and_asks_again(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("oppgave: Britt rydder arkivet")
    help_text, again = await chat.say("hjelp")
    assert "«5.12»" in help_text and "avbryt" in help_text
    assert again.startswith("Når er fristen?")
    await chat.say("fredag")
    assert await _open_tasks(db, "Britt Kveseth") == [("rydder arkivet", date(2026, 11, 27))]


async def test_an_ambiguous_assignee_is_asked_for(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (which,) = await chat.say("oppgave: Christine sender forespørsel til LSU-ene innen 5. desember")
    assert "Christine Furuholmen (Vestre Viken)" in which and "Christine Hansen (Asker)" in which
    (saved,) = await chat.say("2")
    assert "Christine Hansen" in saved
    assert await _open_tasks(db, "Christine Hansen") == [
        ("sender forespørsel til LSU-ene", date(2026, 12, 5))
    ]
    assert await _open_tasks(db, "Christine Furuholmen") == []


async def test_a_name_nobody_has_is_questioned_then_taken_as_written(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny oppgave: ringe fastlegene")
    (unknown,) = await chat.say("Zorro")
    assert "Jeg finner ingen «Zorro»" in unknown
    (ask_due,) = await chat.say("Zorro")
    assert ask_due.startswith("Når er fristen?")
    (saved,) = await chat.say("ingen")
    assert "Zorro" in saved and "ingen frist" in saved


async def test_a_deadline_in_the_past_is_questioned(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (question,) = await chat.say("oppgave: Britt lager notat innen 05.11.2026")
    assert "har allerede vært" in question
    (ask_due,) = await chat.say("nei")
    assert ask_due.startswith("Når er fristen?")
    await chat.say("1.12")
    assert await _open_tasks(db, "Britt Kveseth") == [("lager notat", date(2026, 12, 1))]


async def test_state_survives_a_restart(db: Database, people: People) -> None:
    await Chat(conversations_on(db)).say("ny oppgave")
    await Chat(conversations_on(db)).say("lage budsjettnotat")
    restarted = Chat(conversations_on(db))  # a new app on the same database
    await restarted.say("Britt")
    (saved,) = await restarted.say("ingen")
    assert saved.startswith("Lagt inn oppgave")
    assert await _open_tasks(db, "Britt Kveseth") == [("lage budsjettnotat", None)]


async def test_done_and_postpone_in_one_line(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = _task_id((await chat.say("oppgave: Britt lager notat innen 1. mars"))[0])
    (postponed,) = await chat.say(f"utsett oppgave {task} til 1. april")
    assert f"oppgave {task}" in postponed and "1. april 2027" in postponed
    assert await _open_tasks(db, "Britt Kveseth") == [("lager notat", date(2027, 4, 1))]
    (done,) = await chat.say(f"ferdig med oppgave {task}")
    assert done.startswith(f"Oppgave {task} er markert som ferdig")
    assert await _open_tasks(db, "Britt Kveseth") == []
    assert await chat.say("ferdig med oppgave 99999") == ["Jeg finner ingen oppgave 99999."]
