"""Answering "hvem er med i AU?": the members of a group the minutes name (a working
committee, a working group), as the minutes list them, with the minutes that listed them,
newest first. A committee asked so is answered by its last meeting's attendance instead
(assistant/attendance.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Committee, Document, Group, GroupMembership, Meeting, Person
from storage.names import name_key

from .answer_context import AnswerContext
from .answer_types import Answer
from .intents import Intent
from .texts import short_date, text

# Endings of a group's name in the definite form and the genitive: "arbeidsutvalget" and
# "arbeidsutvalgets" are the group the minutes call "Arbeidsutvalg".
_ENDINGS = ("ets", "ens", "et", "en", "a", "ne", "s")


@dataclass(frozen=True, slots=True)
class _Group:
    id: int
    name: str
    short_name: str | None
    committee: str | None

    def label(self) -> str:
        """ "AU (Arbeidsutvalg)", or the one name it has."""
        short, name = self.short_name, self.name
        if short and name and name_key(name) != name_key(short):
            return f"{short} ({name})"
        return short or name


def answer_group_members(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang = answer.language
    asked = intent.person or ""
    groups = find_groups(session, context.tenant, asked)
    if not groups:
        answer.found = False
        lines = [text(lang, "members.unknown", group=asked)]
        known = find_groups(session, context.tenant, None)
        if known:
            listed = ", ".join(sorted({g.short_name or g.name for g in known}))
            lines.append(text(lang, "members.known", groups=listed))
        answer.text = "\n".join(lines)
        return
    lines = []
    for group in groups:
        names = members(session, group.id)
        where = (
            text(lang, "members.committee", committee=group.committee) if group.committee else ""
        )
        lines.append(
            text(
                lang,
                "members.group",
                group=group.label(),
                committee=where,
                count=len(names),
                names=", ".join(names),
            )
        )
        if listed := listed_in(session, group.id):
            lines.append(text(lang, "members.listed", where=", ".join(listed)))
    answer.text = "\n".join(lines)


def find_groups(session: Session, tenant: str, asked: str | None) -> list[_Group]:
    """The tenant's groups with members that the reader may see, named `asked` (its short
    name or name, as name_key compares names, also in the definite form); all of them for
    None. Compared here, not in SQL: SQLite's lower() leaves "Ø" as it is, and a tenant
    has a handful of groups."""
    query = (
        select(Group.id, Group.name, Group.short_name, Committee.short_name, Committee.name)
        .outerjoin(Committee, Committee.id == Group.committee_id)
        .where(Group.tenant == tenant)
        .where(
            select(GroupMembership.group_id).where(GroupMembership.group_id == Group.id).exists()
        )
        .order_by(Group.id)
    )
    keys = _keys(asked) if asked is not None else None
    return [
        _Group(gid, name, short, committee_short or committee_name)
        for gid, name, short, committee_short, committee_name in session.execute(query)
        if keys is None or {name_key(name), name_key(short or "")} & keys
    ]


def _keys(asked: str) -> set[str]:
    """What a group asked so may be stored as (name_key): as written, and without an ending
    of the definite form or the genitive ("arbeidsutvalget" -> "arbeidsutvalg")."""
    said = name_key(asked)
    keys = {said}
    for ending in _ENDINGS:
        if said.endswith(ending) and len(said) - len(ending) >= 2:
            keys.add(said[: -len(ending)])
    return keys - {""}


def members(session: Session, group_id: int) -> list[str]:
    """The group's members, in the order the importer first met them."""
    return list(
        session.scalars(
            select(Person.name)
            .join(GroupMembership, GroupMembership.person_id == Person.id)
            .where(GroupMembership.group_id == group_id)
            .order_by(Person.id)
        )
    )


def listed_in(session: Session, group_id: int) -> list[str]:
    """The minutes that listed the group's members, newest first: "SSU 28.09.2023
    (ssu-2023-09-28.txt)", or a document's name when it is of no meeting. A member is kept
    with the minutes that first listed them, so a group listed again over the years cites
    each set of minutes that added someone."""
    rows = session.execute(
        select(Document.name, Meeting.date, Committee.short_name, Committee.name)
        .where(
            Document.id.in_(
                select(GroupMembership.document_id).where(GroupMembership.group_id == group_id)
            )
        )
        .outerjoin(Meeting, (Meeting.document_id == Document.id) & (Meeting.status == "held"))
        .outerjoin(Committee, Committee.id == Meeting.committee_id)
        .order_by(Meeting.date.desc().nulls_last(), Document.id.desc())
    )
    cited = []
    for document, day, short, name in rows:
        meeting = " ".join(x for x in (short or name, short_date(day) if day else None) if x)
        cited.append(f"{meeting} ({document})" if day else document)
    return cited
