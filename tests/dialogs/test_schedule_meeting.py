"""Planning and moving meetings from chat ("nytt møte SSU 14. desember kl 13-15 Grønland 32,
Drammen", "flytt SSU-møtet til 15. desember"), through botbuilder's TestAdapter with state
and records in the real database."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy import select

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from storage.database import Database
from storage.models import Meeting

from .conftest import NOW, OSLO, Chat, People, add_committee_meeting, conversations_on


async def _meetings(db: Database) -> list[dict[str, Any]]:
    """Every meeting, as plain values with Oslo times."""
    async with db.session() as session:
        rows = await session.scalars(select(Meeting).order_by(Meeting.date, Meeting.id))

        def local(moment: Any) -> time | None:
            return moment.astimezone(OSLO).time() if moment else None

        return [
            {
                "committee": m.committee.label if m.committee else None,
                "date": m.date,
                "start": local(m.starts_at),
                "end": local(m.ends_at),
                "location": m.location,
                "status": m.status,
                "by": m.created_by,
            }
            for m in rows
        ]


async def _ask(db: Database, question: str) -> str:
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=OSLO)
    return (await assistant.answer(question)).text


# ---- planning -----------------------------------------------------------------------------


async def test_a_complete_one_line_command_is_confirmed_and_saved(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    (summary,) = await chat.say("nytt møte SSU 14. desember kl 13-15 Grønland 32, Drammen")
    assert summary.splitlines() == [
        "Nytt møte i SSU:",
        "- Tid: mandag 14. desember 2026 kl. 13:00–15:00",
        "- Sted: Grønland 32, Drammen",
        "",
        "Skal jeg legge inn møtet? (ja/nei)",
    ]
    assert await chat.say("ja") == [
        "Lagt inn møte i SSU: mandag 14. desember 2026 kl. 13:00–15:00, Grønland 32, Drammen."
    ]
    assert await _meetings(db) == [
        {
            "committee": "SSU",
            "date": date(2026, 12, 14),
            "start": time(13),
            "end": time(15),
            "location": "Grønland 32, Drammen",
            "status": "planned",
            "by": "Britt Kveseth",
        }
    ]
    assert await _ask(db, "når er neste møte i SSU?") == (
        "Neste møte i SSU: mandag 14. desember 2026 kl. 13:00–15:00 (sted: Grønland 32, Drammen)"
    )


async def test_the_bare_command_asks_for_each_slot(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("nytt møte") == [
        "Hvilket utvalg skal ha møtet? Utvalgene er SSU. Skriv f.eks. «SSU»."
    ]
    assert await chat.say("Samhandlingsutvalget") == [
        "Når er møtet? Skriv dato og gjerne klokkeslett, f.eks. «14. desember kl 13-15»."
    ]
    (ask_where,) = await chat.say("fredag kl 10")
    assert ask_where.startswith("Hvor skal møtet være?")
    (summary,) = await chat.say("ingen")
    assert "- Tid: fredag 27. november 2026 kl. 10:00" in summary
    assert "- Sted: ikke bestemt" in summary
    assert await chat.say("ja") == ["Lagt inn møte i SSU: fredag 27. november 2026 kl. 10:00."]
    (saved,) = await _meetings(db)
    assert (saved["date"], saved["start"], saved["end"], saved["location"]) == (
        date(2026, 11, 27),
        time(10),
        None,
        None,
    )


async def test_a_date_without_a_time_is_fine(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (summary,) = await chat.say("nytt møte SSU 14.12 Teams")
    assert "- Tid: mandag 14. desember 2026\n" in summary
    await chat.say("ja")
    assert await _ask(db, "når er neste møte i SSU?") == (
        "Neste møte i SSU: mandag 14. desember 2026 (sted: Teams)"
    )


async def test_a_time_without_a_date_is_kept_for_the_date_asked(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    (ask_when,) = await chat.say("nytt møte SSU kl 13-15 Teams")
    assert ask_when.startswith("Når er møtet?")
    (summary,) = await chat.say("14. desember")
    assert "- Tid: mandag 14. desember 2026 kl. 13:00–15:00" in summary


async def test_an_answer_that_is_no_date_is_asked_again_then_the_dialog_gives_up(
    db: Database, people: People
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("nytt møte SSU")
    retry = (
        "Det leste jeg ikke som en dato. Skriv f.eks. «14. desember kl 13» eller «fredag kl 10-12»."
    )
    assert await chat.say("snart") == [retry]
    assert await chat.say("uke 49") == [retry]  # a week is no meeting day
    (bye,) = await chat.say("kl 13")  # nor is a time alone
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _meetings(db) == []


async def test_an_unknown_committee_is_asked_again(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("nytt møte XYZ 14.12 Teams") == [
        "Jeg finner ikke utvalget «XYZ». Utvalgene er SSU. Skriv f.eks. «SSU»."
    ]
    (summary,) = await chat.say("i SSU")
    assert summary.startswith("Nytt møte i SSU:")


async def test_a_date_in_the_past_is_questioned(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("nytt møte SSU 5.11.2026 kl 10 Teams") == [
        "Datoen 5. november 2026 har allerede vært. Vil du bruke den likevel? (ja/nei)"
    ]
    (ask_when,) = await chat.say("nei")
    assert ask_when.startswith("Når er møtet?")
    (summary,) = await chat.say("7.12")  # the time given is kept
    assert "- Tid: mandag 7. desember 2026 kl. 10:00" in summary
    await chat.say("ja")
    assert [m["date"] for m in await _meetings(db)] == [date(2026, 12, 7)]
    # "ja" keeps the past date (a meeting entered afterwards)
    await chat.say("nytt møte SSU 5.11.2026 Teams")
    (summary,) = await chat.say("ja")
    assert "- Tid: torsdag 5. november 2026" in summary
    await chat.say("ja")
    assert [m["date"] for m in await _meetings(db)] == [date(2026, 11, 5), date(2026, 12, 7)]


async def test_cancel_and_help(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("nytt møte SSU 14.12")
    help_text, again = await chat.say("hjelp")
    assert help_text.startswith("Skriv adresse, rom eller «Teams».")
    assert again.startswith("Hvor skal møtet være?")
    assert await chat.say("avbryt") == ["Avbrutt. Ingenting er lagret."]
    assert await chat.say("Teams") == ["(et spørsmål)"]
    assert await _meetings(db) == []


async def test_no_at_the_confirmation_saves_nothing(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("nytt møte SSU 14.12 kl 13 Teams")
    assert await chat.say("nei") == ["Greit, møtet er ikke lagt inn. Ingenting er lagret."]
    assert await _meetings(db) == []
    assert await _ask(db, "når er neste møte i SSU?") == (
        "Jeg kjenner ikke til noe kommende møte i SSU."
    )


async def test_the_same_meeting_twice_is_said_to_exist(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("nytt møte SSU 14. desember kl 13-15 Teams")
    await chat.say("ja")
    await chat.say("nytt møte SSU 14. desember kl 13-15 Grønland 32")
    assert await chat.say("ja") == [
        "SSU har allerede et møte mandag 14. desember 2026 kl. 13:00–15:00. "
        "Jeg la ikke inn et nytt."
    ]
    assert [m["location"] for m in await _meetings(db)] == ["Teams"]


async def test_in_english(db: Database, people: People) -> None:
    chat = Chat(conversations_on(db))
    (summary,) = await chat.say("new meeting SSU 14 December 1-3pm Teams")
    assert summary.splitlines() == [
        "New SSU meeting:",
        "- When: Monday 14 December 2026 13:00–15:00",
        "- Venue: Teams",
        "",
        "Shall I add the meeting? (yes/no)",
    ]
    assert await chat.say("yes") == [
        "Meeting added for SSU: Monday 14 December 2026 13:00–15:00, Teams."
    ]


# ---- moving -------------------------------------------------------------------------------


async def test_moving_re_dates_the_meeting(db: Database, people: People) -> None:
    await add_committee_meeting(db, "SSU", date(2026, 12, 14), time(13), time(15))
    chat = Chat(conversations_on(db))
    assert await chat.say("flytt møtet i SSU 14. desember til 15. desember kl 10") == [
        "Skal jeg flytte møtet i SSU mandag 14. desember 2026 kl. 13:00–15:00 til "
        "tirsdag 15. desember 2026 kl. 10:00? (ja/nei)"
    ]
    assert await chat.say("ja") == [
        "Flyttet: møtet i SSU er nå tirsdag 15. desember 2026 kl. 10:00."
    ]
    assert await _ask(db, "når er neste møte i SSU?") == (
        "Neste møte i SSU: tirsdag 15. desember 2026 kl. 10:00 (sted ikke oppgitt)"
    )


async def test_moving_the_next_meeting_keeps_its_hours(db: Database, people: People) -> None:
    await add_committee_meeting(db, "SSU", date(2027, 1, 11), time(13), time(15))
    await add_committee_meeting(db, "SSU", date(2026, 12, 14), time(13), time(15))
    chat = Chat(conversations_on(db))
    (question,) = await chat.say("flytt SSU-møtet til 16. desember")
    assert "mandag 14. desember 2026" in question
    assert "onsdag 16. desember 2026 kl. 13:00–15:00" in question
    await chat.say("ja")
    assert [(m["date"], m["start"]) for m in await _meetings(db)] == [
        (date(2026, 12, 16), time(13)),
        (date(2027, 1, 11), time(13)),
    ]


async def test_moving_asks_what_it_was_not_told(db: Database, people: People) -> None:
    await add_committee_meeting(db, "SSU", date(2026, 12, 14), time(13), time(15))
    chat = Chat(conversations_on(db))
    (ask_committee,) = await chat.say("flytt møtet")
    assert ask_committee.startswith("Hvilket utvalgs møte skal flyttes?")
    assert await chat.say("SSU") == [
        "Når skal møtet være i stedet? Skriv f.eks. «15. desember kl 10»."
    ]
    (past,) = await chat.say("5.11.2026")
    assert past.startswith("Datoen 5. november 2026 har allerede vært.")
    (ask_when,) = await chat.say("nei")
    assert ask_when.startswith("Når skal møtet være i stedet?")
    (question,) = await chat.say("17.12 kl 9-11")
    assert question.startswith("Skal jeg flytte møtet i SSU mandag 14. desember 2026")
    assert await chat.say("nei") == ["Greit, møtet er ikke flyttet."]
    assert [m["date"] for m in await _meetings(db)] == [date(2026, 12, 14)]


async def test_moving_a_meeting_there_is_not(db: Database, people: People) -> None:
    await add_committee_meeting(db, "SSU", date(2026, 12, 14), time(13), time(15))
    chat = Chat(conversations_on(db))
    assert await chat.say("flytt møtet i SSU 20. desember til 21. desember") == [
        "Jeg finner ikke noe planlagt møte i SSU søndag 20. desember 2026."
    ]
    await add_committee_meeting(db, "LSU", date(2026, 12, 1), status="cancelled")
    assert await chat.say("flytt LSU-møtet til 2. desember") == [
        "Jeg finner ikke noe planlagt møte i LSU som kan flyttes."
    ]


async def test_moving_in_english(db: Database, people: People) -> None:
    await add_committee_meeting(db, "SSU", date(2026, 12, 14), time(13), time(15))
    chat = Chat(conversations_on(db))
    assert await chat.say("move the SSU meeting to 15 December") == [
        "Shall I move the SSU meeting on Monday 14 December 2026 13:00–15:00 to "
        "Tuesday 15 December 2026 13:00–15:00? (yes/no)"
    ]
    assert await chat.say("yes") == [
        "Moved: the SSU meeting is now on Tuesday 15 December 2026 13:00–15:00."
    ]
