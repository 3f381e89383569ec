"""A one-line task led by a name the minutes do not know: «oppgave: Solveig sender rapport
til LSU» is Solveig's task, asked about once («… likevel?») rather than «Hvem skal gjøre
det?» after she was named.

    leading_name("Solveig sender rapport til LSU")  # ("Solveig", "sender rapport til LSU")
    leading_name("Amir drafts the letter")  # ("Amir", "drafts the letter")
    leading_name("Sende rapport til LSU")  # None: "rapport" is no verb

A name is one to three capitalised words, followed by a verb in the present tense, which in
Norwegian ends in -r (sender, lager, tar, gjør) and in English in -s (drafts, sends). Words
that stand where a name would without naming anyone («Vi», «Meg», «I», «Alle», «Den») are no
name. An infinitive with a plural noun («Sende rapporter») still reads as a name: the
question then has «nei» for an answer, and the whole description stays as written.
"""

from __future__ import annotations

import re

_LEAD = re.compile(
    r"^\s*(?P<name>[A-ZÆØÅ][\w'’.-]*(?:\s+[A-ZÆØÅ][\w'’.-]*){0,2})\s+"
    r"(?P<verb>[a-zæøå][a-zæøå-]*)(?P<rest>(?:\s.*)?)$",
    re.DOTALL,
)
_VERB_NB = re.compile(r"\w{1,}r$")  # sender, tar, gjør
_VERB_EN = re.compile(r"\w+[^s]s$")  # drafts, sends; not "less", "progress"
# Pronouns, articles and the like: not the name of anyone in particular (any case).
_NOBODY = frozenset({
    "jeg", "eg", "meg", "vi", "oss", "du", "deg", "dere", "de", "dem", "han", "ham", "hun",
    "henne", "den", "det", "dette", "denne", "disse", "alle", "noen", "man", "en", "ei", "et",
    "i", "ny", "nytt", "nye", "hver", "ingen", "we", "us", "you", "they", "them", "he", "him",
    "she", "her", "it", "the", "a", "an", "all", "everyone", "someone", "somebody", "nobody",
    "this", "that", "these", "those", "my", "our", "your", "new",
})  # fmt: skip


def leading_name(description: str) -> tuple[str, str] | None:
    """(the name, the description without it) when the description starts with one."""
    m = _LEAD.match(description)
    if m is None:
        return None
    name, verb = m["name"].strip(), m["verb"]
    if any(word.casefold() in _NOBODY for word in name.split()):
        return None
    if not (_VERB_NB.match(verb) or _VERB_EN.match(verb)):
        return None
    return name.rstrip("."), f"{verb}{m['rest']}".strip()
