"""`referent committees` (list, access, members) and `referent ask --as` reading only what
that person may (bot/committees_cli.py), in-process on SQLite and PostgreSQL; two tenants
with the same committee short names and person names."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli import main
from storage.database import Database
from storage.models import ChatConversation, Committee, Subscription

FJORDBY, LINDVIK = "helse-fjordby", "lindvik"
MEMBER, OTHER = "Tom Ole Øhren", "Britt Kveseth"  # Fjordby's SSU; LSU only
LAR = "hva ble bestemt om LAR?"


@pytest.fixture
def referent(database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """The CLI in-process against the test database: (exit code, stdout, stderr)."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    monkeypatch.delenv("REFERENT_ADMINS", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def imported(referent, seeds: Path) -> None:
    for tenant in (FJORDBY, LINDVIK):
        code, _, _ = referent("--tenant", tenant, "import", *map(str, sorted(seeds.glob("*.txt"))))
        assert code == 0


def test_committees_are_listed_with_their_access_and_members(referent, imported) -> None:
    code, out, _ = referent("--tenant", FJORDBY, "committees", "--json")
    assert code == 0
    listed = {c["short_name"]: c for c in json.loads(out)["committees"]}
    assert set(listed) == {"LSU", "SSU", "OSU"}
    assert {c["tenant"] for c in listed.values()} == {FJORDBY}
    assert listed["SSU"]["access"] == "open" and listed["SSU"]["members"] > 0
    code, out, _ = referent("--tenant", FJORDBY, "committees", "access", "SSU", "members")
    assert code == 0 and out.strip() == "SSU er nå bare for medlemmene."
    _, out, _ = referent("--tenant", FJORDBY, "committees", "--lang", "en")
    assert "SSU (Strategisk samarbeidsutvalg), helse-fjordby: members only" in out
    _, out, _ = referent("--tenant", LINDVIK, "committees", "--json")
    lindvik = {c["short_name"]: c["access"] for c in json.loads(out)["committees"]}
    assert lindvik["SSU"] == "open"  # the same short name in another tenant is untouched


def test_ask_as_someone_reads_what_they_may(referent, imported) -> None:
    referent("--tenant", FJORDBY, "committees", "access", "SSU", "members")
    _, operator, _ = referent("--tenant", FJORDBY, "ask", LAR)
    assert "2023.30" in operator  # without --as: the operator reads everything
    _, member, _ = referent("--tenant", FJORDBY, "ask", LAR, "--as", MEMBER)
    assert "2023.30" in member
    _, other, _ = referent("--tenant", FJORDBY, "ask", LAR, "--as", OTHER)
    _, nowhere, _ = referent("--tenant", FJORDBY, "ask", "hva ble bestemt om zyxwvu?")
    assert other.replace("LAR", "@") == nowhere.replace("zyxwvu", "@")
    code, unknown, err = referent("--tenant", FJORDBY, "ask", LAR, "--as", "Nomen Nescio")
    assert code == 0 and "2023.30" not in unknown and "Nomen Nescio" in err
    # Lindvik's SSU is open: its Britt reads it.
    _, theirs, _ = referent("--tenant", LINDVIK, "ask", LAR, "--as", OTHER)
    assert "2023.30" in theirs


def test_members_added_and_removed_by_hand(referent, imported) -> None:
    referent("--tenant", FJORDBY, "committees", "access", "SSU", "members")
    code, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU", "add", OTHER)
    assert code == 0 and out.strip() == f"{OTHER} er nå medlem av SSU."
    _, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU", "add", OTHER)
    assert out.strip() == f"{OTHER} er allerede medlem av SSU."
    _, out, _ = referent("--tenant", FJORDBY, "ask", LAR, "--as", OTHER)
    assert "2023.30" in out
    # A member the minutes name (a guest, say) removed: no longer reads it.
    _, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU", "remove", MEMBER)
    assert out.strip() == f"{MEMBER} er ikke lenger medlem av SSU."
    _, out, _ = referent("--tenant", FJORDBY, "ask", LAR, "--as", MEMBER)
    assert "2023.30" not in out
    _, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU", "--json")
    listed = {m["name"]: m["why"] for m in json.loads(out)["members"]}
    assert listed[OTHER] == "added" and MEMBER not in listed
    # Lindvik's people of the same names are untouched.
    _, out, _ = referent("--tenant", LINDVIK, "committees", "members", "SSU", "--json")
    theirs = {m["name"]: m["why"] for m in json.loads(out)["members"]}
    assert OTHER not in theirs and theirs[MEMBER] == "minutes"


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (("committees", "access", "XYZ", "members"), 1, "Fant ikke utvalget XYZ"),
        (("committees", "members", "SSU", "add", "Nomen Nescio"), 1, "Fant ingen som heter"),
        (("committees", "members", "SSU", "add"), 2, "needs a name"),
    ],
)
def test_bad_requests_say_why_and_change_nothing(referent, imported, argv, code, said) -> None:
    _, before, _ = referent("--tenant", FJORDBY, "committees", "--json")
    got, out, err = referent("--tenant", FJORDBY, *argv)
    assert got == code and said in err and out == ""
    _, after, _ = referent("--tenant", FJORDBY, "committees", "--json")
    assert after == before


def test_members_shows_the_conversations_that_read_it(referent, imported, database_url) -> None:
    """A channel subscribed to SSU reads it whoever is in it: the administrator sees which
    (and not one whose subscription was stopped, nor Lindvik's SSU's)."""

    def subscribe(session: Session) -> None:
        ssu = {
            c.tenant: c
            for c in session.scalars(select(Committee).where(Committee.short_name == "SSU"))
        }
        for tenant, name, active in ((FJORDBY, "SSU Fjordby / Generelt", True),
                                     (FJORDBY, "Gammel kanal", False),
                                     (LINDVIK, "SSU Lindvik", True)):  # fmt: skip
            conversation = ChatConversation(
                tenant=tenant, channel="msteams", conversation_id=f"19:{name}", kind="channel",
                service_url="https://smba.example/", reference={}, name=name,
            )  # fmt: skip
            session.add(conversation)
            session.flush()
            session.add(Subscription(tenant=tenant, conversation_ref_id=conversation.id,
                                     committee_id=ssu[tenant].id, active=active))  # fmt: skip

    db = Database(database_url)
    try:
        asyncio.run(db.write(subscribe))
    finally:
        asyncio.run(db.close())
    _, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU", "--json")
    assert [c["name"] for c in json.loads(out)["conversations"]] == ["SSU Fjordby / Generelt"]
    _, out, _ = referent("--tenant", FJORDBY, "committees", "members", "SSU")
    assert (
        "Samtaler som abonnerer på SSU" in out
        and "- SSU Fjordby / Generelt (msteams, channel)" in out
    )
