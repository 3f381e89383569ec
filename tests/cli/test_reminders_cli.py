"""`referent reminders`: the preview of what goes out, and one pass from cron."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from bot.cli import main
from storage.database import Database
from storage.models import Committee
from tests.bot.conftest import ThreadedServer
from tests.bot.fake_connector import FakeConnector
from tests.bot.reminder_world import add_ssu, oslo, subscribe_channel

CHANNEL = "19:ssu-channel@thread.tacv2"


@pytest.fixture
def connector() -> Iterator[tuple[FakeConnector, str]]:
    fake = FakeConnector()
    server = ThreadedServer(fake.app())
    yield fake, server.url
    server.stop()


def _subscribed_ssu(session: Session, connector_url: str) -> None:
    add_ssu(session)
    committee = session.query(Committee).one()
    now, name = oslo("2026-11-30 10:00"), "Helsefellesskapet / SSU"
    subscribe_channel(session, committee, CHANNEL, connector_url, now, name)


@pytest.fixture
def referent(
    database_url: str,
    connector: tuple[FakeConnector, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):  # type: ignore[no-untyped-def]
    async def setup() -> None:
        db = Database(database_url)
        await db.upgrade()
        await db.write(lambda s: _subscribed_ssu(s, connector[1]))
        await db.close()

    asyncio.run(setup())
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)

    def run(*argv: str, at: str) -> tuple[int, str]:
        code = main(list(argv), clock=FixedClock(oslo(at)))
        return code, capsys.readouterr().out

    return run


@pytest.mark.usefixtures("process_tz")
def test_upcoming_lists_what_goes_out_when_and_where(referent) -> None:  # type: ignore[no-untyped-def]
    code, out = referent("reminders", "--upcoming", "--json", at="2026-11-30 10:00")
    assert code == 0
    items = json.loads(out)["reminders"]
    shown = [(i["local"], i["kind"], i["stage"]) for i in items]
    assert shown == [
        ("2026-12-03 09:00", "agenda", "7d"),
        ("2026-12-04 09:00", "task", "before"),
        ("2026-12-08 09:00", "task", "due"),
        ("2026-12-09 09:00", "agenda", "1d"),
    ]
    assert items[0]["meeting"] == {"committee": "SSU", "date": "2026-12-10", "starts": "13:00",
                                   "location": "Helsehuset, møterom 2"}  # fmt: skip
    assert items[0]["to"]["name"] == "Helsefellesskapet / SSU"
    assert items[1]["task"]["description"] == "Sende budsjettforslag"

    code, out = referent("reminders", "--upcoming", "--lang", "en", at="2026-11-30 10:00")
    assert out.splitlines()[:2] == [
        "2026-12-03 09:00  7 days before agenda SSU 2026-12-10 13:00 (Helsehuset, møterom 2)"
        "  → msteams channel Helsefellesskapet / SSU",
        f"2026-12-04 09:00  before due    task {items[1]['task']['id']} “Sende budsjettforslag”"
        " (Henrik Berg)  → msteams channel Helsefellesskapet / SSU",
    ]
    code, out = referent("reminders", "--upcoming", at="2026-11-30 10:00")  # REFERENT_LANGUAGE
    assert out.splitlines()[0] == (
        "2026-12-03 09:00  7 dager før saksliste SSU 2026-12-10 13:00 (Helsehuset, møterom 2)"
        "  → msteams channel Helsefellesskapet / SSU"
    )
    assert "1 dag før" in out and "fristdag" in out


def test_run_once_sends_what_is_due_once(referent, connector) -> None:  # type: ignore[no-untyped-def]
    fake, _ = connector
    code, out = referent("reminders", "--run-once", "--json", at="2026-12-03 09:00")
    assert code == 0 and json.loads(out)["pass"]["sent"] == 1
    assert [s.conversation_id for s in fake.proactive()] == [CHANNEL]
    code, out = referent("reminders", "--run-once", "--lang", "en", at="2026-12-03 09:30")
    assert code == 0 and out.startswith("Reminder pass: 0 reminders planned, 0 sent")
    code, out = referent("reminders", "--upcoming", at="2026-12-03 09:30")
    assert "7 dager før" not in out and "1 dag før" in out
