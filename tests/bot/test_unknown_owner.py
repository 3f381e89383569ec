"""A person not found in the minutes can own a task: asked about once, «ja» stores it with
the name as written (a person's, with no person id), «nei» asks for another name; minutes
naming them, imported later, link the task to them. End to end over HTTP."""

from __future__ import annotations

from pathlib import Path

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

from .chat_records import chat_tasks
from .conftest import Running
from .test_capture import Conversation, _text

ASKED = (
    "Jeg finner ingen «Solveig» i referatene. Skal jeg legge inn oppgaven på «Solveig» "
    "likevel? (ja/nei)"
)
WHO = "Hvem skal gjøre det?"


async def test_ja_stores_the_task_on_the_name_as_written(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    asked = _text(await chat.say("oppgave: Solveig sender rapport til LSU innen 1. desember"))
    assert asked == ASKED  # asked once, nothing stored yet
    assert await chat_tasks(database_url) == []
    saved = _text(await chat.say("ja"))
    assert saved == (
        f"Lagt inn oppgave {(await chat_tasks(database_url))[0]['id']}: sender rapport til "
        "LSU – ansvarlig Solveig, frist 1. desember 2026."
    )
    [task] = await chat_tasks(database_url)
    assert (task["assignee"], task["kind"], task["person_id"]) == ("Solveig", "person", None)
    assert task["description"] == "sender rapport til LSU"
    # «oppgaver for Solveig» finds it by the name
    assert "Sender rapport til LSU" in _text(await chat.say("oppgaver for Solveig"))


async def test_nei_asks_for_another_name_and_keeps_the_task_as_written(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("oppgave: Solveig sender rapport til LSU")) == ASKED
    assert _text(await chat.say("nei")).startswith(WHO)
    assert _text(await chat.say("Britt Kveseth")).startswith("Når er fristen?")
    await chat.say("ingen")
    [task] = await chat_tasks(database_url)
    # «Solveig» was not a name after all: the task keeps every word written
    assert (task["description"], task["assignee"]) == (
        "Solveig sender rapport til LSU",
        "Britt Kveseth",
    )


async def test_another_name_typed_instead_of_ja_or_nei(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("oppgave: Solveig sender rapport til LSU")) == ASKED
    assert _text(await chat.say("Britt Kveseth")).startswith("Når er fristen?")
    await chat.say("ingen")
    [task] = await chat_tasks(database_url)
    assert (task["description"], task["assignee"]) == ("sender rapport til LSU", "Britt Kveseth")


async def test_an_unknown_name_as_the_answer_to_who(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave")
    assert _text(await chat.say("ringe fastlegene")).startswith(WHO)
    assert _text(await chat.say("Solveig")) == ASKED
    assert _text(await chat.say("tja")).startswith("Svar «ja» for å bruke «Solveig»")
    assert _text(await chat.say("Solveig")).startswith("Når er fristen?")  # the same: yes
    await chat.say("ingen")
    [task] = await chat_tasks(database_url)
    assert (task["description"], task["assignee"], task["kind"]) == (
        "ringe fastlegene",
        "Solveig",
        "person",
    )


async def test_another_unknown_name_after_nei_is_asked_about_too(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("oppgave: Solveig sender rapport til LSU")
    await chat.say("nei")
    asked = _text(await chat.say("Sofie Lund"))
    assert asked.startswith("Jeg finner ingen «Sofie Lund» i referatene. Skal jeg legge inn")
    assert _text(await chat.say("ja")).startswith("Når er fristen?")
    assert _text(await chat.say("ingen")).startswith("Lagt inn oppgave")
    [task] = await chat_tasks(database_url)
    assert task["assignee"] == "Sofie Lund"


async def test_a_description_that_starts_with_no_name_is_asked_who(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    # "Sende" is led by a capital, but "rapport" is no verb: no name to ask about.
    assert _text(await chat.say("oppgave: Sende rapport til LSU")).startswith(WHO)
    await chat.say("avbryt")
    # "Vi" names no one.
    assert _text(await chat.say("oppgave: Vi sender rapport til LSU")).startswith(WHO)
    await chat.say("avbryt")
    # A sentence as the answer to who is no name to keep: asked again.
    await chat.say("ny oppgave: ringe fastlegene")
    assert _text(await chat.say("det må noen i kommunen gjøre")).startswith(WHO)
    assert await chat_tasks(database_url) == []


async def test_in_english(seeded: None, bot: Running, database_url: str) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    asked = _text(await chat.say("task: Solveig drafts the letter"))
    assert (
        asked
        == "I can't find “Solveig” in the minutes. Add the task for “Solveig” anyway? (yes/no)"
    )
    assert _text(await chat.say("yes")).startswith("When is it due?")
    assert _text(await chat.say("none")).startswith("Added task")
    [task] = await chat_tasks(database_url)
    assert (task["description"], task["assignee"]) == ("drafts the letter", "Solveig")


MINUTES = """Møtereferat
Lokalt samarbeidsutvalg mellom Fjordby kommune og Fjordby sykehus HF

Møtedato: 2. desember 2026, kl 12:30 – 15:00

Til stede:
Solveig Dalen, Henrik Berg

Sak 1 Godkjenning av referat
Referat fra møtet den 14. oktober ble godkjent uten merknader.
"""


async def test_minutes_naming_the_person_link_the_task_to_them(
    seeded: None, bot: Running, database_url: str, tmp_path: Path
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("oppgave: Solveig sender rapport til LSU innen 1. desember")
    await chat.say("ja")
    await chat.say("oppgave: Sofie sender notat")
    await chat.say("ja")
    await chat.say("ingen")
    minutes = tmp_path / "lsu-2026-12-02.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    db = Database(database_url)
    try:
        [result] = await import_paths(db, [minutes], ImportOptions())
    finally:
        await db.close()
    assert result.status == "imported"
    solveig, sofie = await chat_tasks(database_url)
    assert solveig["person_id"] is not None and solveig["assignee"] == "Solveig Dalen"
    assert sofie["person_id"] is None and sofie["assignee"] == "Sofie"  # nobody by that name
    # Her tasks, asked for by her full name, now include it.
    mine = _text(await Conversation(bot, "Solveig Dalen").say("hvilke oppgaver har jeg?"))
    assert "Sender rapport til LSU" in mine
