"""A question asked while a dialog waits for an answer ("Hvem skal gjøre det?" → «når er
neste møte?»): answered, and the dialog asks its question again.

What reads as a question: the recognizer (assistant.intents) knows what it asks — any kind
but not understood, a greeting or «hjelp» (the dialog's own help) — and it is written as a
question: it ends with "?" (and is more than one word: «Kari?» is an unsure answer), or it
starts with a question word («når er neste møte»). Everything else is the answer, however
much it looks like a topic: «Kari sender rapport til LSU», «Britt Kveseth», «SSU».
"""

from __future__ import annotations

import re
from datetime import date

from .intents import IntentKind, recognize

_QUESTION_WORD = re.compile(
    r"^\s*(?:hva|hvem|hvor|hvordan|hvorfor|hvilke|hvilken|hvilket|når|kva|kven|kor|korleis"
    r"|what|who|whom|whose|where|when|which|how|why)\b",
    re.IGNORECASE,
)
_NOT_QUESTIONS = frozenset({IntentKind.UNKNOWN, IntentKind.GREETING, IntentKind.HELP})


def reads_as_question(text: str, today: date) -> bool:
    """Whether `text`, sent while a dialog waits, is a question to answer rather than the
    dialog's answer. `today` is the committee's date (the recognizer reads periods)."""
    said = text.strip()
    if not said:
        return False
    asked = said.endswith("?") and len(said.rstrip("?").split()) > 1
    if not asked and not _QUESTION_WORD.match(said):
        return False
    return recognize(said, today=today).kind not in _NOT_QUESTIONS
