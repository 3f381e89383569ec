"""Who reads what the bot says in a turn, for the committees kept to their members
(storage/committee_access.py).

An answer in a channel or group chat is read by everyone there, so there it shows what the
conversation may read (the committees it is subscribed to, and the open ones), whoever
asked. Where the asker alone reads it — a personal chat, the compose-box search, a Slack
slash command's answer — the asker's own membership counts too (bot/identity.py links the
chat user to a person of the minutes; a user it cannot link reads only open committees).
Subscribing a conversation to a committee is the asker's act: there the asker counts
wherever they are."""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext

from assistant.assistant import ReaderLookup
from storage.committee_access import Reader
from storage.database import Database

from .conversation_info import conversation_info
from .identity import UnlinkedUsers, who_is_asking

# channel_data's mark of a Slack turn whose replies the asker alone sees (bot/slack/turns).
ASKER_ALONE = "asker_alone"


def read_by_asker_alone(turn_context: TurnContext) -> bool:
    """Whether the turn's replies are seen by the asker alone."""
    activity = turn_context.activity
    data: Any = activity.channel_data
    if isinstance(data, dict) and data.get(ASKER_ALONE):
        return True
    return conversation_info(turn_context, "").kind == "personal"


async def turn_reader(
    turn_context: TurnContext,
    db: Database,
    tenant: str,
    unlinked: UnlinkedUsers | None,
    *,
    asker_counts: bool | None = None,
) -> Reader:
    """The turn's reader. `asker_counts`: whether the asker's own membership counts (None:
    where the asker alone reads the replies, see the module's docstring)."""
    info = conversation_info(turn_context, tenant)
    conversation = (info.channel, info.conversation_id)
    if asker_counts is None:
        asker_counts = read_by_asker_alone(turn_context)
    if not asker_counts:
        return Reader(conversation=conversation)
    asker = await who_is_asking(turn_context, db, tenant, unlinked=unlinked)
    return Reader(person_id=asker.person_id, conversation=conversation)


def reader_of(
    turn_context: TurnContext,
    db: Database,
    tenant: str,
    unlinked: UnlinkedUsers | None,
    *,
    asker_counts: bool | None = None,
) -> ReaderLookup:
    """`turn_reader`, for when it is needed (the assistant asks only when some committee of
    the tenant is kept to its members)."""
    return lambda: turn_reader(turn_context, db, tenant, unlinked, asker_counts=asker_counts)
