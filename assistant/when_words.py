"""The words assistant/when.py reads in chat dates and times, bokmål and English.

Month names and seasons come from minutes.dates and number words from assistant.intent.periods,
so the readers of dates agree; only what chat adds (weekdays, units, lead words) is here.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from assistant.intent.periods import NUMBERS as _INTENT_NUMBERS


def alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first, with spaces matching any run of white space."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


WEEKDAYS: MappingProxyType[str, int] = MappingProxyType({
    "mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4,
    "lørdag": 5, "lordag": 5, "søndag": 6, "sondag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
})  # fmt: skip

# Folded spellings ("atte") come from the intent module; chat also writes these.
NUMBERS: MappingProxyType[str, int] = MappingProxyType({
    **_INTENT_NUMBERS, "åtte": 8, "én": 1, "a": 1, "an": 1, "fjorten": 14, "fourteen": 14,
})  # fmt: skip

UNITS: MappingProxyType[str, str] = MappingProxyType({
    "dag": "d", "dager": "d", "døgn": "d", "day": "d", "days": "d",
    "uke": "w", "uker": "w", "uka": "w", "week": "w", "weeks": "w",
    "måned": "m", "måneder": "m", "mnd": "m", "month": "m", "months": "m",
    "år": "y", "year": "y", "years": "y",
})  # fmt: skip

RELATIVE_DAYS: MappingProxyType[str, int] = MappingProxyType({
    "i dag": 0, "idag": 0, "today": 0,
    "i morgen": 1, "imorgen": 1, "tomorrow": 1,
    "i overmorgen": 2, "overmorgen": 2, "day after tomorrow": 2, "the day after tomorrow": 2,
})  # fmt: skip

NEXT_WEEK = ("neste", "next")  # "neste fredag": that weekday in the next ISO week
THIS_WEEK = ("denne", "this")
COMING = ("kommende", "førstkommende", "coming")  # the same as the weekday alone
WEEK = ("uke", "uka", "uken", "veke", "week")
IN = ("om", "innen", "in", "within")  # "om to uker", "innen 14 dager", "in 3 days"
END_OF = MappingProxyType({"slutten": True, "end": True, "utgangen": False})  # -> approximate
THIS_MONTH = ("måneden", "month")
THIS_YEAR = ("året", "year")
SEASON_PREFIX = ("sen", "tidlig", "late", "early")

# Words in front of an expression that belong to it, so cutting the span leaves a clean
# description: "frist" may come first ("frist: innen fredag"), then one of the others.
DEADLINE_WORDS = ("frist", "deadline", "due")
LEAD_WORDS = (
    "innen", "senest", "seinest", "før", "til", "den", "på", "i",
    "by", "before", "until", "on", "in",
)  # fmt: skip

# A number right after these is a label or an amount, not a date: "punkt 3.2", "kr 5.10".
NUMBER_LABELS = (
    "sak", "saksnr", "punkt", "pkt", "versjon", "ver", "v", "side", "kapittel", "kap",
    "avsnitt", "paragraf", "nr", "item", "section", "version", "page", "chapter",
    "kr", "nok", "eur", "usd",
)  # fmt: skip
# ... and before these: "1.5 mill", "2.5 timer", "3.5 %".
NUMBER_UNITS = (
    "prosent", "percent", "pst", "mill", "millioner", "million", "millions", "mrd",
    "milliarder", "billion", "bn", "kr", "kroner", "nok", "eur", "usd", "timer", "hours",
    "km", "kg", "liter", "stk",
)  # fmt: skip
