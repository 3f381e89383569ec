"""What a message not understood may have meant: two or three of Referent's questions and
commands (texts.SUGGESTIONS), the ones whose words are closest to what was typed.

    suggest("abonement", "nb")  -> ["abonner på SSU", …]
    suggest("Kari", "nb", person="Kari") -> ["Oppgaver for Kari", "Hva har Kari ansvar for?", …]

A word matches a suggestion's word when they are equal, share their first five letters, or
are one typing slip apart (words of five letters or more); a short word must be equal.
"""

from __future__ import annotations

from .intent.text import fold, within_one_edit
from .texts import LANGUAGES, SUGGESTIONS, text

AT_MOST = 3
_PREFIX = 5


def _match(typed: str, known: str) -> bool:
    if typed == known:
        return True
    if min(len(typed), len(known)) < _PREFIX:
        return False
    return typed[:_PREFIX] == known[:_PREFIX] or within_one_edit(typed, known)


def suggest(typed: str, language: str, *, person: str | None = None) -> list[str]:
    """The closest suggestions, best first; the first ones of the list when nothing is close.
    `person`: a name typed alone, offered in the suggestions made for a name."""
    entries = SUGGESTIONS[language if language in LANGUAGES else "nb"]
    words = fold(typed).text.split()
    scored: list[tuple[int, int, str]] = []
    for order, (example, keywords) in enumerate(entries):
        if "{name}" in example:
            if person:
                scored.append((100, order, example.format(name=person)))
            continue
        known = keywords.split()
        score = sum(any(_match(w, k) for k in known) for w in words)
        if score:
            scored.append((score, order, example))
    scored.sort(key=lambda s: (-s[0], s[1]))
    picked = [example for _, _, example in scored[:AT_MOST]]
    for example, _ in entries:
        if len(picked) >= 2:
            break
        if "{name}" not in example and example not in picked:
            picked.append(example)
    return picked


def fallback(typed: str, language: str, *, person: str | None = None) -> str:
    """The reply to a message not understood: say so, offer the closest suggestions."""
    offered = [text(language, "quoted", text=s) for s in suggest(typed, language, person=person)]
    lines = [text(language, "fallback"), *(f"- {s}" for s in offered)]
    return "\n".join([*lines, text(language, "fallback.more")])
