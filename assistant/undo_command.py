"""«angre» / "undo": the command that puts back the asker's last change made in chat.

    undo_language("angre")  # "nb"
    undo_language("undo that")  # "en"
    undo_language("jeg angrer på det")  # None: a remark, not the command

Only the word alone, or with "siste", "det", "forrige", "that", "last" … after it: "kan jeg
angre?" and "angrefrist" are questions and words, and go on as such.
"""

from __future__ import annotations

import re

# Each ends as "\s*(?:[.!]+\s*)?$": a long text that is not the command fails in linear time.
_NB = re.compile(
    r"^\s*/?angre(?:\s+(?:det(?:\s+siste)?|den|siste(?:\s+endring)?|forrige(?:\s+endring)?"
    r"|endringen|det\s+jeg\s+gjorde|det\s+jeg\s+gjorde\s+sist))?\s*(?:[.!]+\s*)?$",
    re.IGNORECASE,
)
_EN = re.compile(
    r"^\s*/?undo(?:\s+(?:that|it|this|last|the\s+last(?:\s+(?:change|one))?"
    r"|my\s+last\s+change|last\s+change))?\s*(?:[.!]+\s*)?$",
    re.IGNORECASE,
)


def undo_language(text: str) -> str | None:
    """ "nb" or "en" when `text` is the undo command, else None."""
    if _NB.match(text):
        return "nb"
    if _EN.match(text):
        return "en"
    return None
