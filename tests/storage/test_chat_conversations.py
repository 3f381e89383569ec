"""storage/chat_conversations.py: a conversation's language gives way only to one from as
good a source (locale < written < chosen); a channel keeps its team; removing the bot from
a team stops every channel of it and nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from storage.chat_conversations import (
    CHOSEN,
    LOCALE,
    WRITTEN,
    ConversationInfo,
    remember_conversation,
    stored_language,
    subscribe,
    subscriptions_of,
    team_removed,
)
from storage.database import Database
from storage.models import ChatConversation, Committee

NOW = datetime(2026, 12, 5, 9, tzinfo=UTC)
CHAT = ConversationInfo(tenant="default", channel="msteams", conversation_id="a:chat",
                        kind="personal", service_url="https://smba.invalid")  # fmt: skip


def _with(language: str | None, source: str | None) -> ConversationInfo:
    return replace(CHAT, language=language, language_source=source)


@pytest.mark.parametrize(
    ("steps", "stored"),
    [
        ([("en", LOCALE)], ("en", LOCALE)),
        ([("en", LOCALE), ("nb", LOCALE)], ("nb", LOCALE)),  # a locale follows a locale
        ([("nb", WRITTEN), ("en", LOCALE)], ("nb", WRITTEN)),  # the emulator's en-US
        ([("nb", WRITTEN), ("en", WRITTEN)], ("en", WRITTEN)),
        ([("en", CHOSEN), ("nb", WRITTEN), ("nb", LOCALE)], ("en", CHOSEN)),
        ([("en", CHOSEN), ("nb", CHOSEN)], ("nb", CHOSEN)),
        ([("nb", WRITTEN), (None, None)], ("nb", WRITTEN)),  # a reference without a language
        ([(None, None)], None),
    ],
)
async def test_a_language_gives_way_only_to_as_good_a_source(
    db: Database, steps: list[tuple[str | None, str | None]], stored: tuple[str, str] | None
) -> None:
    def work(session: Session) -> object:
        for language, source in steps:
            remember_conversation(session, _with(language, source), NOW)
        found = stored_language(session, "default", "msteams", "a:chat")
        return (found.language, found.source) if found else None

    assert await db.write(work) == stored


async def test_removed_from_a_team_stops_its_channels_only(db: Database) -> None:
    team, other = "19:team@thread.tacv2", "19:other@thread.tacv2"

    def channel(conversation_id: str, team_id: str | None) -> ConversationInfo:
        return replace(CHAT, conversation_id=conversation_id, kind="channel", team_id=team_id)

    def setup(session: Session) -> list[int]:
        committee = Committee(tenant="default", name="Samarbeidsutvalget", short_name="SSU")
        session.add(committee)
        session.flush()
        ids = [
            remember_conversation(session, channel(team, team), NOW),  # its General channel
            remember_conversation(session, channel("19:a@thread.tacv2", team), NOW),
            remember_conversation(session, channel("19:b@thread.tacv2", other), NOW),
        ]
        # a later turn that does not name the team keeps the one known
        remember_conversation(session, channel("19:a@thread.tacv2", None), NOW)
        for conversation in ids:
            subscribe(session, conversation, committee, by=None, now=NOW)
        return ids

    ids = await db.write(setup)
    stopped = await db.write(lambda s: team_removed(s, "default", "msteams", team, NOW))
    assert stopped == 2
    active = await db.read(lambda s: [len(subscriptions_of(s, c)) for c in ids])
    assert active == [0, 0, 1]
    assert await db.write(lambda s: team_removed(s, "default", "msteams", team, NOW)) == 0


async def test_a_turn_refreshes_the_conversation_and_keeps_what_it_does_not_say(
    db: Database,
) -> None:
    """Stored again: the same row, its address and reference as the turn shows them, present
    again after a removal; a name or team the turn leaves out stays as it was."""
    later = datetime(2026, 12, 6, 9, tzinfo=UTC)
    first = replace(CHAT, name="Kari", team_id="19:team", reference={"n": 1})
    moved = replace(CHAT, service_url="https://smba.moved", reference={"n": 2})

    def work(session: Session) -> tuple[int, int, ChatConversation]:
        a = remember_conversation(session, first, NOW)
        session.execute(update(ChatConversation).values(removed_at=NOW))
        b = remember_conversation(session, moved, later)
        return a, b, session.get(ChatConversation, b)

    a, b, row = await db.write(work)
    assert a == b
    assert (row.service_url, row.reference, row.removed_at) == (
        "https://smba.moved",
        {"n": 2},
        None,
    )
    assert (row.name, row.team_id, row.updated_at) == ("Kari", "19:team", later)
