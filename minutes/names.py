"""Committees, groups, organisations and people as Norwegian minutes name them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .model import CommitteeRef, PersonRef

# Committee kinds of the health communities, and their usual short names.
COMMITTEES: tuple[tuple[str, str], ...] = (
    ("Lokalt samarbeidsutvalg", "LSU"),
    ("Strategisk samarbeidsutvalg", "SSU"),
    ("Overordnet samarbeidsutvalg", "OSU"),
    ("Faglig samarbeidsutvalg", "FSU"),
    ("Partnerskapsmøtet", "PM"),
)
# Groups that get tasks: short name -> the ways minutes write them.
GROUPS: dict[str, tuple[str, ...]] = {
    "AU": ("AU", "Arbeidsutvalg", "Arbeidsutvalget", "arbeidsutvalget"),
}
GROUP_NAMES = {"AU": "Arbeidsutvalg"}

# Organisations that appear in participant lists and Ansvar columns. Anything matching
# ORGANISATION_PATTERN counts too ("Asker kommune", "Drammen sykehus").
ORGANISATIONS: tuple[str, ...] = (
    "Vestre Viken HF", "Vestre Viken", "Sykehuset i Vestfold", "SiV", "Sykehuspartner",
    "Kommunehelsesamarbeidet", "KHS", "Helsedirektoratet", "HDIR", "KS", "USN",
    "Legeforeningen", "NSF", "Norsk sykepleierforbund", "Norsk sykepleier-forbund",
    "Fagforbundet", "Helse Sør-Øst", "kommunene", "Kommunene", "Universitetet",
)  # fmt: skip
ORGANISATION_PATTERN = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøåÆØÅ-]*\s+){0,3}[\wæøåÆØÅ-]*?"
    r"(?:kommune|kommunene|sykehus|sykehuset|HF|helseforetak|universitet|"
    r"forbund|forbundet|forening|foreningen)\b",
)
# Lower-case role words that stand where an organisation would ("Håvard Vika, fastlegerepresentant")
ROLE_WORDS = re.compile(
    r"^(?:bruker|fastlege|kommune|ansatt|tillits|verne)?\w*(?:representant|sjef|leder|direktør|"
    r"rådgiver|koordinator|sekretær)\b",
    re.IGNORECASE,
)

_NAME_TOKEN = r"[A-ZÆØÅ][a-zæøåäöüéè]+(?:-[A-ZÆØÅ][a-zæøåäöüéè]+)?"
_NAME = re.compile(rf"^{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|von|van|de|af))*$")


@cache
def first_names() -> frozenset[str]:
    text = resources.files("minutes").joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def normalise_space(text: str) -> str:
    return " ".join(text.split())  # as re.sub(r"\s+", " ", text).strip(): \s is str.isspace


# A long word in the definite form ("Kommunesamarbeidet", "Helsefellesskapet") is a body,
# not a first name; -sen/-son surnames ("Andreassen") end the same way and are kept apart.
_DEFINITE_NOUN = re.compile(r"^\w{9,}(?<!se)(?<!so)(?:et|en|ene|sjon|skap|ing|het)$")


def is_organisation(text: str) -> bool:
    text = normalise_space(text).rstrip(".")
    first = text.split(" ", 1)[0]
    return (
        text in ORGANISATIONS
        or bool(ORGANISATION_PATTERN.match(text))
        or (bool(_DEFINITE_NOUN.match(first)) and not is_first_name(first))
    )


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, none of them an organisation word."""
    text = normalise_space(text)
    tokens = text.split(" ")
    return (
        2 <= len(tokens) <= 5
        and bool(_NAME.match(text))
        and not is_organisation(text)
        and not any(t in ORGANISATIONS for t in tokens)
    )


def is_first_name(token: str) -> bool:
    return token.lower() in first_names()


# The word a body's name ends in ("Arbeidsmiljøutvalget", "FHIR fagforum", "Styrelsen"):
# what tells a committee's name from a place or a person's.
BODY_WORD = (
    r"(?:utvalg|utvalget|utval|styre|styret|styrelse|styrelsen|råd|rådet|nemnd|nemnda|forum|"
    r"forumet|komité|komiteen|gruppe|gruppa|gruppen|team|teamet|formannskap|formannskapet|"
    r"kommunestyre|kommunestyret|stämma|stämman)"
)


def find_committee(text: str) -> CommitteeRef | None:
    """The committee a document's opening names, by long name or "(SSU)"-style short name."""
    m = _committee_names().search(normalise_space(text))
    if m is None or m.lastgroup is None:
        return None
    name, short = COMMITTEES[int(m.lastgroup[1:])]
    return CommitteeRef(name=name, short_name=short)


@cache
def _committee_names() -> re.Pattern[str]:
    """Every committee's long name (in any case) and short name (as written), in one search:
    the leftmost name found is the one the text names first, and where two start at the same
    place the one listed first in COMMITTEES wins."""
    names = [
        rf"(?P<c{k}>(?i:{re.escape(name)})|\b{short}\b)"
        for k, (name, short) in enumerate(COMMITTEES)
    ]
    return re.compile("|".join(names))


def committee_by_short_name(short: str) -> CommitteeRef | None:
    for name, s in COMMITTEES:
        if s == short.upper():
            return CommitteeRef(name=name, short_name=s)
    return None


def group_short_name(text: str) -> str | None:
    """ "AU", "Arbeidsutvalget" -> "AU"."""
    text = normalise_space(text)
    for short, spellings in GROUPS.items():
        if text in spellings or text.lower() in (s.lower() for s in spellings):
            return short
    return None


@dataclass(slots=True)
class _Pending:
    name: str
    organisation: list[str] = field(default_factory=list)


def _split_org_prefix(fragment: str) -> tuple[str | None, str]:
    """ "Bærum kommune Aud Hansen" -> ("Bærum kommune", "Aud Hansen")."""
    for org in sorted(ORGANISATIONS, key=len, reverse=True):
        if fragment.startswith(org + " "):
            return org, fragment[len(org) + 1 :].strip()
    m = ORGANISATION_PATTERN.match(fragment)
    if m and m.end() < len(fragment):
        return m.group(0), fragment[m.end() :].strip()
    role = ROLE_WORDS.match(fragment)
    if role and role.end() < len(fragment):
        return role.group(0), fragment[role.end() :].strip()
    return None, fragment


def _split_org_suffix(fragment: str) -> tuple[str, str] | None:
    tokens = fragment.split()
    for k in range(len(tokens) - 1, 1, -1):
        head, tail = " ".join(tokens[:k]), " ".join(tokens[k:])
        if is_organisation(tail) and looks_like_name(head):
            return head, tail
    return None


def parse_person_list(text: str, role: str | None = None) -> list[PersonRef]:
    """People from a participant list as minutes write it.

    Handles "A, B og C", "Name, Organisation" pairs, organisations run into the next name
    without a comma ("Grete Syrdal, Bærum kommune Aud Hansen, Asker kommune"), roles in
    parentheses, and a lone surname left over from a line break ("Anne Marie Flovik , Egge").
    """
    text = normalise_space(text.replace(";", ","))
    text = re.sub(r"\s+og\s+(?=[A-ZÆØÅ])", ", ", text)
    text = re.sub(r"\([^)]*\)", "", text)
    people: list[_Pending] = []
    for raw in text.split(","):
        fragment = raw.strip().strip(".")
        while fragment:
            org, rest = _split_org_prefix(fragment)
            if org is not None and people:
                people[-1].organisation.append(org)
                fragment = rest
                continue
            if is_organisation(fragment) or ROLE_WORDS.match(fragment) or fragment.islower():
                if people:
                    people[-1].organisation.append(fragment)
            elif looks_like_name(fragment):
                people.append(_Pending(fragment))
            elif split := _split_org_suffix(fragment):  # "Trine Lise Mørk Kommunehelse…"
                people.append(_Pending(split[0], [split[1]]))
            elif re.fullmatch(_NAME_TOKEN, fragment) and people and people[-1].organisation:
                people[-1].organisation.append(fragment)  # "kommunalsjef, Larvik"
            elif re.fullmatch(_NAME_TOKEN, fragment) and people:
                if is_first_name(fragment):
                    people.append(_Pending(fragment))
                else:
                    people[-1].name += " " + fragment  # a surname cut off by a line break
            fragment = ""
    return [
        PersonRef(name=p.name, organisation=", ".join(p.organisation) or None, role=role)
        for p in people
    ]
