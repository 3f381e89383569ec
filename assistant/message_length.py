"""How long a chat message Referent reads, and the answer to one that is longer.

Every way a message comes in (a Teams or dev-chat message, a search in the Teams compose
box, `referent ask`) asks `too_long` first and, when it answers, says that and does nothing
else with the message: it is not recognised, no dialog step takes it, nothing is stored.
"""

from __future__ import annotations

from .texts import text

# 8,000 characters. A question or a dialog answer is a line or two; the longest thing typed
# or pasted into a chat on purpose is a case description for "ny sak", a few thousand
# characters. Slack recommends messages of at most 4,000 characters (and cuts them at
# 40,000); Teams stops at about 28 KB with its markup. 8,000 keeps a pasted description
# whole and is below both channels' limits, and it bounds the work of one message: reading
# a question is linear in its length, 20-55 ms at 8,000 characters on a 2-core server
# (bench/input_bench.py).
MAX_MESSAGE_CHARS = 8_000


def too_long(message: str | None, language: str) -> str | None:
    """The polite answer to a message longer than MAX_MESSAGE_CHARS (counted as it came,
    mention and spaces included), in `language`; None for a message that may be read."""
    length = len(message or "")
    if length <= MAX_MESSAGE_CHARS:
        return None
    return text(
        language,
        "message.too_long",
        length=_count(length, language),
        limit=_count(MAX_MESSAGE_CHARS, language),
    )


def _count(n: int, language: str) -> str:
    """ "8 000" in bokmål (a no-break space between thousands), "8,000" in English."""
    grouped = f"{n:,}"
    return grouped if language == "en" else grouped.replace(",", "\u00a0")
