"""An owner written as "meg", "jeg", "me", "I": the person asking, not someone called so.

    means_asker("meg")  # True: the answer to «Hvem skal gjøre det?»
    means_asker("Meg Ryan")  # False: a first name with a surname is a name
    leading_asker("jeg sender rapport til LSU", "nb")  # "sender rapport til LSU"

Only the pronouns count, whole: "Megan", "jeger", "Ingrid", "IT" are names or words. In a
task's description only a subject pronoun ("jeg", dialect "eg", English "I") followed by a
word in lower case (the verb) names the asker: "Meg Ryan sender" is Meg Ryan's task, "I
morgen sender Per …" is Norwegian for "tomorrow" (so "I" counts in English commands only),
and "jeg og Britt …" is more than the asker (asked for as usual).
"""

from __future__ import annotations

import re

# The whole answer to "who?": object and subject forms, with "selv"/"myself" as people write.
_ASKER = re.compile(
    r"^\s*(?:meg|jeg|eg|me|i|myself|meg\s+selv|jeg\s+selv|eg\s+sjøl|meg\s+sjøl|me\s+myself)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
_LEADING_NB = re.compile(r"^\s*(?:jeg|eg)\s+", re.IGNORECASE)
_LEADING_EN = re.compile(r"^\s*I\s+")  # the pronoun is written capital
# What after the pronoun makes it more than the asker: "jeg og Britt", "I and Amir".
_MORE_THAN_ME = re.compile(r"^(?:og|and|eller|or)$", re.IGNORECASE)


def means_asker(answer: str) -> bool:
    """Whether the answer to "who?" is the asker: "meg", "jeg", "I", "myself" …"""
    return bool(_ASKER.match(answer))


def leading_asker(description: str, language: str) -> str | None:
    """The description without its leading "jeg"/"eg" (English: "I") when that names the
    asker as owner, else None."""
    m = _LEADING_NB.match(description)
    if m is None and language == "en":
        m = _LEADING_EN.match(description)
    if m is None:
        return None
    rest = description[m.end() :]
    first = rest.split(None, 1)[0] if rest.strip() else ""
    if not first or not first[0].islower() or _MORE_THAN_ME.match(first.rstrip(",")):
        return None
    return rest.strip()
