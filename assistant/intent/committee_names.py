"""The tenant's own committees, found by name in a question.

The recognizer knows the health-community councils by heart (LSU, SSU, «strategisk
samarbeidsutvalg», PM); a municipality's «Formannskapet», «Administrasjonsutvalget» or a
council's "Joint Policing Committee" it can only know from the minutes imported. This
matches their short names, names and aliases as members type them: folded like the
question, any word in its definite or genitive form («kommunestyret», «formannskapets»,
"the council's"), and a one-word name joined to «møte» («formannskapsmøtet»).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .text import fold, fold_pattern

# In front of a committee's name: where to look ("i Formannskapet", "from the council").
PREPOSITION = (
    r"(?:\b(?P<prep>i|in|fra|from|for|på|at|til|to|av|of|by|hos|under|within|innen|med|with)"
    r"\s+(?:(?:the|det|dette)\s+)?)?"
)
# What a word of a name may end in as typed: definite, plural and genitive forms
# («styret», «nemnda», «utvalgets», "the council's"). A stored word loses its longest such
# ending first (keeping four letters), so «Styret» is also «styre» and «Administrasjons-
# utvalget» «administrasjonsutvalg».
_ENDINGS = ("ene", "ets", "ens", "et", "en", "es", "ts", "ns", "e", "a", "t", "n", "s")
_ENDING = "(?:" + "|".join(_ENDINGS) + "|'s)?"
_STEM_CHARS = 4
# A name that is one of these is a word of questions, not a name to find in one (minutes
# whose title a parser took for the committee's name).
_NOT_NAMES = frozenset(
    {
        "mote", "motet", "moter", "meeting", "meetings", "referat", "referatet", "protokoll",
        "minutes", "notes", "sak", "saker", "saken", "case", "cases", "vedtak", "decision",
        "decisions", "oppgave", "oppgaver", "task", "tasks", "agenda", "saksliste",
        "sakslisten", "neste", "next", "siste", "last",
    }
)  # fmt: skip
# "nye varamedlemmer til kommunestyret", "a letter to the council": the committee is part of
# what is asked about, not where to look.
_TOWARDS = frozenset({"til", "to", "for", "med", "with"})
# …unless they follow a word for a meeting or its agenda (folded).
_MEETING_NOUN = re.compile(
    r"(?:saksliste\w*|sakslist\w*|sakskart\w*|dagsorden\w*|agenda\w*|innkalling\w*|"
    r"\w*mote|\w*motet|\w*moter|\w*motene|meetings?)"
)
# A name of these words only ("Working Group", «Styret», "The Board") could be any body's:
# it names the tenant's committee only where nothing else names a body ("the next working
# group meeting", «i styret»), not in "the CVE working group".
_GENERIC = frozenset(
    {
        "the", "working", "work", "group", "board", "committee", "council", "team", "forum",
        "panel", "general", "wg", "styre", "styret", "styrelse", "styrelsen", "utvalg",
        "utvalget", "gruppe", "gruppen", "gruppa", "arbeidsgruppe", "arbeidsgruppen",
        "arbeidsgruppa", "rad", "radet", "nemnd", "nemnda", "komite", "komiteen",
    }
)  # fmt: skip
_LEADS = frozenset(
    {"the", "our", "next", "last", "this", "neste", "siste", "forrige", "det", "den", "vart"}
)
_MIN_CHARS = 2  # "FU", "AU": short names are typed as they are


@dataclass(frozen=True, slots=True)
class CommitteeMatch:
    start: int  # of the whole match, the preposition included
    end: int
    name: tuple[int, int]  # the name alone
    prep: str | None
    committee: str  # as the store names it: its short name, else its name


class CommitteeNames:
    """A tenant's committees as one search over folded question text."""

    def __init__(self, forms: Mapping[str, tuple[str, bool]]) -> None:
        """`forms`: each folded name, short name or alias -> the committee it names, and
        whether it is a short name."""
        self._committee = MappingProxyType({form: label for form, (label, _) in forms.items()})
        self._generic = frozenset(
            form for form, (_, short) in forms.items() if not short and _is_generic(form)
        )
        patterns = {form: _pattern(form, short) for form, (_, short) in forms.items()}
        alternatives = sorted(patterns, key=len, reverse=True)  # the longest name first
        self._groups = {f"n{k}": form for k, form in enumerate(alternatives)}
        names = "|".join(f"(?P<n{k}>{patterns[form]})" for k, form in enumerate(alternatives))
        pattern = fold_pattern(PREPOSITION) + f"(?P<name>{names})"
        self._search = re.compile(pattern) if names else None

    def __bool__(self) -> bool:
        return self._search is not None

    def find(self, text: str) -> CommitteeMatch | None:
        """The first committee named in `text` (folded) as where to look, if any."""
        if self._search is None:
            return None
        for m in self._search.finditer(text):
            if m["prep"] in _TOWARDS and not _of_a_meeting(text, m.start()):
                continue
            form = self._groups[next(g for g in self._groups if m[g] is not None)]
            prep, name = m["prep"], m.span("name")
            if form in self._generic and not prep and not _led(text, name[0]):
                continue  # "the CVE working group" is not the one called "Working Group"
            return CommitteeMatch(m.start(), m.end(), name, prep, self._committee[form])
        return None


def _word_before(text: str, start: int) -> str | None:
    before = text[:start].split()[-1:]
    return before[0] if before else None


def _of_a_meeting(text: str, start: int) -> bool:
    """ "sakslista til kommunestyret", "agenda for the council": a meeting's or agenda's
    "til"/"for" names whose it is."""
    word = _word_before(text, start)
    return word is not None and _MEETING_NOUN.fullmatch(word) is not None


def _is_generic(form: str) -> bool:
    return all(w in _GENERIC for w in form.split())


def _led(text: str, start: int) -> bool:
    """Whether a generic name at `start` stands alone: first, or after a word that leads a
    name ("the", «neste»), not after another name's word ("CVE working group")."""
    word = _word_before(text, start)
    return word is None or word in _LEADS


def _pattern(form: str, short: bool) -> str:
    if short:  # «AMU», «AMU-møtet», "the AMU's": as the councils' short names are found
        return rf"\b{re.escape(form)}(?:'s|s)?(?:-(?=\w)|\b|(?=mote))"
    words = [_stem(w) + _ENDING for w in form.split()]
    joined = r"\s+".join(words)
    if len(words) == 1:
        return rf"\b{joined}(?:\b|s?(?=mote))"  # «formannskapsmøtet», «styremøte»
    return rf"\b{joined}\b"


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_CHARS:
            return re.escape(word[: -len(ending)])
    return re.escape(word)


def committee_names(committees: Iterable[tuple[str, str | None, Iterable[str]]]) -> CommitteeNames:
    """From (name, short name, aliases) of each committee; the forms are cached, as a
    tenant's committees change with an import, not with each question."""
    forms: dict[str, tuple[str, bool]] = {}
    ambiguous: set[str] = set()
    for name, short, aliases in committees:
        label = short or name
        for written in (short, name, *aliases):
            form = fold(written or "").text.strip()
            if len(form) < _MIN_CHARS or form in _NOT_NAMES or not re.search(r"[a-z]", form):
                continue
            if form in forms and forms[form][0] != label:
                ambiguous.add(form)  # two committees share it: it names neither
            forms[form] = (label, written == short or (len(form) <= 5 and written.isupper()))
    return _cached(tuple(sorted((f, c) for f, c in forms.items() if f not in ambiguous)))


@functools.lru_cache(maxsize=64)
def _cached(forms: tuple[tuple[str, tuple[str, bool]], ...]) -> CommitteeNames:
    return CommitteeNames(dict(forms))
