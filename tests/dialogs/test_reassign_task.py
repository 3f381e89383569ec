"""«Gi oppgave 12 til Britt»: giving a task to someone else, through botbuilder's TestAdapter
with state and records in the real database."""

from __future__ import annotations

import re

from assistant.assignees import AssigneeOption
from assistant.task_answer import find_tasks
from storage.database import Database
from storage.records import TaskRecord, add_task

from .conftest import Chat, People, conversations_on

WHICH = (
    "Mener du 1. Christine Furuholmen (Vestre Viken) eller 2. Christine Hansen (Asker)? "
    "Svar med nummer eller navn."
)
NO_ZORRO = (
    "Jeg finner ingen «Zorro» i referatene, og en oppgave kan bare gis til en person eller "
    "gruppe som står der."
)


async def _open_tasks(db: Database, name: str) -> list[str]:
    found = await db.read(lambda session: find_tasks(session, "default", name))
    return [t.description for t in found.tasks if t.status == "open"]


async def _stored_task(
    db: Database,
    tenant: str,
    description: str,
    assignee: AssigneeOption | None,
    *,
    assignee_text: str | None = None,
    created_by: str | None = None,
) -> TaskRecord:
    """A task written to the store directly (not by the chat's user), without a deadline."""
    return await add_task(
        db,
        tenant=tenant,
        description=description,
        assignee=assignee,
        assignee_text=assignee_text,
        due_date=None,
        due_text=None,
        due_is_approximate=False,
        committee_id=None,
        case_id=None,
        meeting_id=None,
        created_by=created_by,
    )


async def _britts_task(chat: Chat) -> int:
    (saved,) = await chat.say("oppgave: Britt lager budsjettnotat innen 1. mars")
    m = re.search(r"oppgave (\d+)", saved)
    assert m, saved
    return int(m.group(1))


async def _dialog_is_over(chat: Chat) -> bool:
    return await chat.say("hvilke oppgaver har jeg?") == ["(et spørsmål)"]


async def test_one_person_by_that_name_gets_the_task_at_once(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    assert await chat.say(f"gi oppgave {task} til Christine Furuholmen") == [
        f"Oppgave {task} (lager budsjettnotat) er gitt til Christine Furuholmen."
    ]
    assert await _open_tasks(db, "Christine Furuholmen") == ["lager budsjettnotat"]
    assert await _open_tasks(db, "Britt Kveseth") == []
    assert await _dialog_is_over(chat)


async def test_a_group_gets_the_task(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    assert await chat.say(f"gi oppgave nr. {task} til AU") == [
        f"Oppgave {task} (lager budsjettnotat) er gitt til AU."
    ]
    assert await _open_tasks(db, "AU") == ["lager budsjettnotat"]


async def test_someone_elses_task_is_not_the_askers_to_give_away(
    db: Database, people: People
) -> None:
    """Near-miss: Christine's task, added by Christine — Britt (neither its owner, nor the
    one who added it, nor the committee's chair or secretary) is told who can, and nothing
    changes."""
    chat = Chat(conversations_on(db))
    [christine] = await chat.conversations.capture.people("Christine Furuholmen")
    record = await _stored_task(
        db, "default", "skrive referatet", christine, created_by="Christine Furuholmen"
    )
    (refused,) = await chat.say(f"gi oppgave nr. {record.id} til AU")
    assert refused.startswith(f"Oppgave {record.id} kan bare endres av Christine Furuholmen")
    assert await _open_tasks(db, "Christine Furuholmen") == ["skrive referatet"]
    assert await _dialog_is_over(chat)


async def test_namesakes_are_told_apart_by_number(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    assert await chat.say(f"gi oppgave {task} til Christine") == [WHICH]
    (moved,) = await chat.say("2")
    assert moved == f"Oppgave {task} (lager budsjettnotat) er gitt til Christine Hansen."
    assert await _open_tasks(db, "Christine Hansen") == ["lager budsjettnotat"]
    assert await _open_tasks(db, "Britt Kveseth") == []


async def test_namesakes_are_told_apart_by_name(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    await chat.say(f"flytt oppgave {task} til Christine")
    (moved,) = await chat.say("Furuholmen")
    assert moved.endswith("er gitt til Christine Furuholmen.")
    assert await _open_tasks(db, "Christine Furuholmen") == ["lager budsjettnotat"]


async def test_a_name_nobody_has_is_never_taken_as_written(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    unknown = (
        f"{NO_ZORRO} Hvem skal få oppgave {task}? Sjekk stavingen og skriv navnet på nytt, "
        "eller «avbryt»."
    )
    assert await chat.say(f"gi oppgave {task} til Zorro") == [unknown]
    assert await chat.say("Zorro") == [unknown]  # typed twice: still nobody
    (moved,) = await chat.say("Britt Kveseth")
    assert moved.endswith("er gitt til Britt Kveseth.")
    assert await _open_tasks(db, "Britt Kveseth") == ["lager budsjettnotat"]


async def test_three_unusable_answers_end_politely(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    assert await chat.say(f"gi oppgave {task} til Christine") == [WHICH]
    assert await chat.say("Zorro") == [f"{NO_ZORRO} {WHICH}"]
    assert await chat.say("7") == [WHICH]
    (bye,) = await chat.say("Zorro")  # the third: one message, the polite exit
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _open_tasks(db, "Britt Kveseth") == ["lager budsjettnotat"]  # unchanged
    assert await _dialog_is_over(chat)


async def test_a_missing_task_is_said_so(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("gi oppgave 99999 til Britt") == ["Jeg finner ingen oppgave 99999."]
    assert await _dialog_is_over(chat)
    # Nor is another tenant's task to be found
    other = await _stored_task(db, "other", "noe annet", None, assignee_text="Noen")
    assert await chat.say(f"gi oppgave {other.id} til Christine") == [
        f"Jeg finner ingen oppgave {other.id}."
    ]
    assert await _dialog_is_over(chat)


async def test_cancel_leaves_the_task_as_it_was(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    await chat.say(f"gi oppgave {task} til Christine")
    assert await chat.say("avbryt") == ["Avbrutt. Ingenting er lagret."]
    assert await _open_tasks(db, "Britt Kveseth") == ["lager budsjettnotat"]
    assert await _dialog_is_over(chat)


async def test_help_explains_the_step_and_asks_again(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    await chat.say(f"gi oppgave {task} til Zorro")
    help_text, again = await chat.say("hjelp")
    assert help_text.startswith("Skriv fullt navn") and "avbryt" in help_text
    assert again.startswith(NO_ZORRO)
    await chat.say("Christine")  # namesakes now
    help_text, again = await chat.say("hjelp")
    assert help_text.startswith("Skriv fullt navn")
    assert again == WHICH
    await chat.say("1")
    assert await _open_tasks(db, "Christine Furuholmen") == ["lager budsjettnotat"]


async def test_in_english(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    task = await _britts_task(chat)
    (which,) = await chat.say(f"reassign task {task} to Christine")
    assert which.startswith("Do you mean 1. Christine Furuholmen (Vestre Viken) or 2.")
    assert await chat.say("Hansen") == [
        f"Task {task} (lager budsjettnotat) now belongs to Christine Hansen."
    ]
    assert await chat.say("assign task 99999 to AU") == ["I can't find task 99999."]


async def test_state_survives_a_restart(db: Database, people: People) -> None:
    task = await _britts_task(Chat(conversations_on(db)))
    await Chat(conversations_on(db)).say(f"gi oppgave {task} til Christine")
    (moved,) = await Chat(conversations_on(db)).say("Hansen")
    assert moved.endswith("er gitt til Christine Hansen.")
    assert await _open_tasks(db, "Christine Hansen") == ["lager budsjettnotat"]
