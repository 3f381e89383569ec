"""The turn's reader, for the dialogs that add to the record: bot/conversations.py puts a
lookup of it on the turn (bot/readers.turn_reader: in a channel what the conversation
reads, where the asker alone reads the replies their own membership too), and each step
reads and writes through `capture_of`, the capture of that reader (assistant/capture.py).
A turn without one (a dialog run on its own) reads as someone unknown: open committees
only, never more."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from botbuilder.core import TurnContext

from assistant.capture import Capture
from storage.committee_access import Reader

_KEY = "referent.turn_reader"

ReaderLookup = Callable[[], Awaitable[Reader]]


def use_reader(context: TurnContext, lookup: ReaderLookup) -> None:
    """The turn reads as `lookup` says, looked up once and only if a step needs it."""
    found: list[Reader] = []

    async def once() -> Reader:
        if not found:
            found.append(await lookup())
        return found[0]

    context.turn_state[_KEY] = once


async def turn_reader_of(context: TurnContext) -> Reader:
    lookup = context.turn_state.get(_KEY)
    return await lookup() if lookup is not None else Reader()


async def capture_of(context: TurnContext, capture: Capture) -> Capture:
    """`capture` as the turn's reader reads and writes."""
    return capture.read_by(await turn_reader_of(context))
