"""«Snakk norsk» / "speak English": the one command that sets a conversation's language
for good (bot/conversation_language.py keeps it; it wins over what is written and over
the chat client's locale). The whole message must be the request: "snakk norsk med Britt
om LAR" or "what was decided about English lessons?" are not.

Apart from assistant/commands.py on purpose: it changes how the bot talks, not the record.
"""

from __future__ import annotations

import re

_NAMES = {"norsk": "nb", "bokmål": "nb", "norwegian": "nb", "engelsk": "en", "english": "en"}

_ASK = (
    r"(?:(?:kan|kunne|vil)\s+du\s+|vennligst\s+|please\s+"
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?|do\s+you\s+)?"
)
_VERB = (
    r"(?:snakk(?:e|er\s+du)?|svar(?:e|er\s+du)?(?:\s+meg)?|skriv(?:e)?|bruk(?:e)?|bytt(?:e)?\s+til"
    r"|speak|talk|answer(?:\s+me)?|reply|respond|write|use|switch\s+to)"
)
_NAME = r"(?P<name>norsk|bokmål|engelsk|norwegian|english)"
_THANKS = r"(?:[\s,]*(?:takk|please|thanks|thank\s+you))?"
_END = _THANKS + r"\s*[.!?]*\s*$"
_REQUEST = re.compile(rf"^\s*{_ASK}{_VERB}(?:\s+(?:på|in))?\s+{_NAME}{_END}", re.IGNORECASE)
# "på norsk, takk" / "English, please": the language and a thank-you, nothing else.
_SHORT = re.compile(
    rf"^\s*(?:(?:på|in)\s+)?{_NAME}[\s,]+(?:takk|please|thanks)\s*[.!]*\s*$", re.IGNORECASE
)


def language_choice(text: str) -> str | None:
    """ "nb" or "en" when the message asks the bot to use that language, else None."""
    if len(text) > 120:  # a request is a few words; a long message is something else
        return None
    m = _REQUEST.match(text) or _SHORT.match(text)
    return _NAMES[m["name"].lower()] if m else None
