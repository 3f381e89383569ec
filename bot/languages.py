"""Which language to answer in: one rule for every reply, proactive messages included.

A conversation's own language beats the chat client's locale (Microsoft's Teams emulator
says en-US whatever the user writes): what someone chose («snakk norsk») wins over
everything, then the language the message itself shows, then the one the conversation
last showed, then the locale, then the bot's default. bot/conversation_language.py keeps
what a conversation chose and showed; the scheduler writes reminders in what is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.commands import command_language
from assistant.intents import recognize


@dataclass(frozen=True, slots=True)
class LanguageMemory:
    """What a conversation is known to speak."""

    chosen: str | None = None  # «snakk norsk» / "speak English"
    written: str | None = None  # what its last message that showed a language was in


def reply_language(
    memory: LanguageMemory, *, evident: str | None, locale: str | None, default: str
) -> str:
    """The language to answer in; `evident`: the language the message being answered shows."""
    return memory.chosen or evident or memory.written or locale_language(locale) or default


def message_language(text: str, today: date) -> str | None:
    """The language a message shows: a command's keyword, else its words; None when
    nothing shows it ("LAR?", a name, a number)."""
    if not text.strip():
        return None
    if language := command_language(text):
        return language
    intent = recognize(text, today=today)
    return intent.language if intent.language_evident else None


def locale_language(locale: str | None) -> str | None:
    """ "nb-NO", "nn-NO", "no" -> nb; "en-US" -> en; anything else: no opinion."""
    prefix = (locale or "").lower().replace("_", "-").split("-")[0]
    if prefix in ("nb", "nn", "no"):
        return "nb"
    if prefix == "en":
        return "en"
    return None
