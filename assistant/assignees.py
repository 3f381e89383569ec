"""Who a task is for: the name written in chat resolved against the store.

Names match as they do everywhere else (storage.queries.find_people): the whole name,
spelling-tolerant, else a person whose name has all the words written ("Christine"). Groups
by short name or name ("AU", "arbeidsutvalget", "Arbeidsutvalget i SSU"), organisations by
name. When several fit the dialog asks "Mener du A eller B?", so each option carries what
tells it apart from its namesakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minutes.names import group_short_name
from storage.models import Committee, Group, Organisation, Person
from storage.names import name_key
from storage.queries import find_people, people_committees
from storage.records import committee_by_name

# Words that stand where a name would but name no one in particular.
NOBODY = frozenset(
    name_key(word)
    for word in (
        "vi", "oss", "noen", "alle", "ingen", "hver", "enhver", "man", "jeg", "meg", "du",
        "deg", "dere", "de", "dem", "han", "hun", "ham", "henne", "den", "det", "we", "us",
        "someone", "somebody", "anyone", "everyone", "everybody", "all", "nobody", "i", "me",
        "you", "they", "them",
    )
)  # fmt: skip
_KINDS = ("person", "group", "organisation")
# "Arbeidsutvalget i SSU", "AU for LSU": a group of the named committee.
_OF_COMMITTEE = re.compile(r"^(?P<group>.+?)\s+(?:i|for|til|in|of)\s+(?P<committee>\S.*)$", re.I)
# Norwegian definite endings: "arbeidsutvalget" is the "arbeidsutvalg" of a group's name.
_DEFINITE = re.compile(r"(?<=\w{5})(?:et|en)$")


@dataclass(frozen=True, slots=True)
class AssigneeOption:
    kind: str  # "person" | "group" | "organisation"
    id: int
    name: str  # as stored: Person.name, Group.label, Organisation.name
    detail: str | None  # tells namesakes apart: organisation or committee

    @property
    def label(self) -> str:
        """ "Christine Furuholmen (Vestre Viken)", "AU (SSU)"."""
        return f"{self.name} ({self.detail})" if self.detail else self.name


def resolve_assignee(
    session: Session, tenant: str, text: str, *, committee_id: int | None = None
) -> list[AssigneeOption]:
    """Everyone `text` may mean: none, one (resolved) or several (ask). With `committee_id`
    (the committee the task is for), a namesake in that committee is preferred, as
    find_people does for people. A whole name (a person's, a group's, an organisation's)
    beats a person who only has the word in their name."""
    key = name_key(text)
    if not key or key in NOBODY:
        return []
    whole = [*_groups(session, tenant, text, committee_id), *_organisations(session, tenant, key)]
    people = find_people(session, tenant=tenant, name=text, committee_id=committee_id)
    exact = [p for p in people if p.name_key == key]
    options = [*_people(session, exact if whole or exact else people), *whole]
    return sorted(
        options,
        key=lambda o: (_KINDS.index(o.kind), name_key(o.name), (o.detail or "").casefold(), o.id),
    )


def person_option(session: Session, tenant: str, person_id: int) -> AssigneeOption | None:
    """The person `person_id` of `tenant` as an option (the asker, for "meg"); None if gone."""
    person = session.get(Person, person_id)
    if person is None or person.tenant != tenant:
        return None
    return _people(session, [person])[0]


def _people(session: Session, people: list[Person]) -> list[AssigneeOption]:
    # Full names are unique per tenant (Person.name_key), so namesakes share only part of
    # their names ("Christine"): the organisation, else a committee, is enough beside it.
    committees = people_committees(session, [p.id for p in people if not p.organisation])
    return [
        AssigneeOption(
            "person",
            p.id,
            p.name,
            p.organisation or (committees[p.id].label if p.id in committees else None),
        )
        for p in people
    ]


def _group_keys(text: str) -> set[str]:
    """The keys a group name is known by: itself, without its definite ending, and the
    short name the minutes use for it ("Arbeidsutvalget" -> "AU")."""
    key = name_key(text)
    keys = {key, _DEFINITE.sub("", key)}
    short = group_short_name(text)
    if short:
        keys.add(name_key(short))
    return keys - {""}


def _groups(
    session: Session, tenant: str, text: str, committee_id: int | None
) -> list[AssigneeOption]:
    groups = list(session.scalars(select(Group).where(Group.tenant == tenant)))
    if not groups:
        return []
    known = {g.id: _group_keys(g.name) | _group_keys(g.short_name or "") for g in groups}
    wanted = _group_keys(text)
    found = [g for g in groups if known[g.id] & wanted]
    if not found and (m := _OF_COMMITTEE.match(" ".join(text.split()))):
        committees = {c.id for c in committee_by_name(session, tenant, m["committee"])}
        wanted = _group_keys(m["group"])
        found = [g for g in groups if g.committee_id in committees and known[g.id] & wanted]
    if len(found) > 1 and committee_id is not None:
        local = [g for g in found if g.committee_id == committee_id]
        found = local or found
    labels = {
        c.id: c.label
        for c in session.scalars(
            select(Committee).where(Committee.id.in_({g.committee_id for g in found}))
        )
    }
    return [AssigneeOption("group", g.id, g.label, labels.get(g.committee_id or 0)) for g in found]


def _organisations(session: Session, tenant: str, key: str) -> list[AssigneeOption]:
    # "Vestre Viken" is "Vestre Viken HF": the minutes write it both ways.
    wanted = key.removesuffix(" hf")
    return [
        AssigneeOption("organisation", o.id, o.name, None)
        for o in session.scalars(select(Organisation).where(Organisation.tenant == tenant))
        if name_key(o.name).removesuffix(" hf") == wanted
    ]
