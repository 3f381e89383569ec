"""Cards that come to the bot inside a message: a card inserted from the compose-box
search and sent into a chat with the bot. Teams (and its emulator) put the card in the
message's attachments and, in its text, a placeholder for where the card sat in the
compose box; that placeholder is markup, not words to answer."""

from __future__ import annotations

import re
from typing import Any

from botbuilder.schema import Attachment

from .cards import CONTENT_TYPE, DECISION_MARK

CARD_TYPES = frozenset({
    CONTENT_TYPE,
    "application/vnd.microsoft.card.thumbnail",
    "application/vnd.microsoft.card.hero",
})  # fmt: skip

# <span itemtype="http://schema.skype.com/InputExtension" itemid="0"><span itemprop="cardId"
# content="0"></span></span> (Teams, the emulator) and <attachment id="…"></attachment>.
# Bounded repeats: a message of any length is read in linear time.
_PLACEHOLDERS = re.compile(
    r"<span\b[^<>]{0,300}schema\.skype\.com/InputExtension[^<>]{0,300}>\s*"
    r"(?:<span\b[^<>]{0,300}>\s*</span>\s*)?</span>"
    r"|<attachment\b[^<>]{0,300}>\s*</attachment>",
    re.IGNORECASE,
)


def words_beside_cards(text: str) -> str:
    """The message's own words, without the placeholders of cards sent with it."""
    return _PLACEHOLDERS.sub(" ", text).strip()


def cards_of(attachments: list[Attachment]) -> list[Attachment]:
    """The cards among a message's attachments (not files, not its text as HTML)."""
    return [a for a in attachments if (a.content_type or "").lower() in CARD_TYPES]


def own_decision(cards: list[Attachment]) -> int | None:
    """The case id on the first decision card of ours among `cards`, if any."""
    for card in cards:
        content: Any = card.content
        body = content.get("body") if isinstance(content, dict) else None
        for block in body if isinstance(body, list) else []:
            mark = block.get("id") if isinstance(block, dict) else None
            if isinstance(mark, str) and mark.startswith(DECISION_MARK):
                number = mark.removeprefix(DECISION_MARK)
                if number.isdigit():
                    return int(number)
    return None
