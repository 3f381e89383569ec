"""`referent committees`: who reads each committee (storage/committee_access.py).

    referent committees                              the tenant's committees, their access
    referent committees access SSU members|open      keep SSU to its members, or open it
    referent committees members SSU                  who its members are, and why
    referent committees members SSU add|remove "Kari Nordmann"

`add` makes a member of someone the minutes do not name; `remove` takes away one they do
name (a guest listed among those present), or one added before. The JSON is the contract;
the lines for people are in the language asked (assistant/texts.py). `ask_reader` is
`referent ask --as NAME`: the question read as that person."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.clock import Clock
from assistant.texts import counted, text
from storage.committee_access import (
    ACCESS_LEVELS,
    ADDED,
    REMOVED,
    Reader,
    members,
    members_only,
    named_members,
)
from storage.database import Database
from storage.models import ChatConversation, Committee, CommitteeMember, Person, Subscription
from storage.queries import find_people
from storage.records import committee_by_name
from storage.task_rights import _people_named


class Refused(Exception):
    """A request the command line cannot carry out; its text says why."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `committees` command and its `access` and `members` subcommands."""
    parser = sub.add_parser(
        "committees", help="committees and who reads them (open, or members only)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--lang", choices=("nb", "en"), help="words in this language")
    what = parser.add_subparsers(dest="committees_command")
    access = what.add_parser("access", help="open a committee to its tenant, or keep it to members")
    access.add_argument("committee", help="e.g. SSU")
    access.add_argument("level", choices=ACCESS_LEVELS)
    access.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    people = what.add_parser("members", help="list, add or remove a committee's members")
    people.add_argument("committee", help="e.g. SSU")
    people.add_argument("action", nargs="?", choices=("add", "remove"))
    people.add_argument("name", nargs="?", help='e.g. "Kari Nordmann"')
    people.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


async def run(
    args: argparse.Namespace,
    db: Database,
    *,
    tenant: str,
    admins: tuple[str, ...],
    clock: Clock,
    out: TextIO,
    err: TextIO,
    language: str,
) -> int:
    """`referent committees …`; 0 done, 1 refused (the reason on `err`), 2 bad usage."""
    command = args.committees_command
    if command == "members" and args.action and not args.name:
        print(f"referent: committees members {args.action} needs a name", file=err)
        return 2
    name, lang = getattr(args, "committee", ""), language
    work: Callable[[Session], dict[str, Any]]
    if command is None:
        work = lambda session: _listing(session, tenant)  # noqa: E731
    elif command == "access":
        work = lambda session: _set_access(session, tenant, name, args.level, lang)  # noqa: E731
    elif args.action is None:
        work = lambda session: _members(session, tenant, name, admins, lang)  # noqa: E731
    else:
        now = clock.now()

        def work(session: Session) -> dict[str, Any]:
            return _change_member(session, tenant, name, args.action, args.name, now, lang)

    writes = command == "access" or (command == "members" and args.action is not None)
    try:
        result = await (db.write(work) if writes else db.read(work))
    except Refused as refusal:
        print(f"referent: {refusal}", file=err)
        return 1
    if args.json:
        json.dump(result, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print(_lines(result, language), file=out)
    return 0


def _committee(session: Session, tenant: str, name: str, language: str) -> Committee:
    found = committee_by_name(session, tenant, name)
    if len(found) == 1:
        return found[0]
    every = session.scalars(select(Committee).where(Committee.tenant == tenant))
    if not found:
        known = ", ".join(sorted(c.label for c in every)) or "—"
        raise Refused(text(language, "cli.committees.unknown", name=name, known=known))
    known = ", ".join(f"{c.label} ({c.name})" for c in found)
    raise Refused(text(language, "cli.committees.ambiguous", name=name, known=known))


def _person(session: Session, tenant: str, name: str, committee_id: int, language: str) -> Person:
    people = find_people(session, tenant=tenant, name=name, committee_id=committee_id)
    if len(people) == 1:
        return people[0]
    if not people:
        raise Refused(text(language, "cli.committees.person.unknown", name=name))
    names = ", ".join(sorted(p.name for p in people))
    raise Refused(text(language, "cli.committees.person.several", name=name, names=names))


def _listing(session: Session, tenant: str) -> dict[str, Any]:
    committees = list(
        session.scalars(select(Committee).where(Committee.tenant == tenant).order_by(Committee.id))
    )
    return {
        "committees": [
            {
                "id": c.id,
                "short_name": c.short_name,
                "name": c.name,
                "tenant": c.tenant,
                "access": c.access,
                "members": len(members(session, c.id)),
            }
            for c in committees
        ]
    }


def _set_access(
    session: Session, tenant: str, name: str, level: str, language: str
) -> dict[str, Any]:
    committee = _committee(session, tenant, name, language)
    committee.access = level
    return {"committee": committee.label, "tenant": tenant, "access": level}


def _members(
    session: Session, tenant: str, name: str, admins: tuple[str, ...], language: str
) -> dict[str, Any]:
    committee = _committee(session, tenant, name, language)
    named = named_members(session, [committee.id]).get(committee.id, set())
    said = dict(
        session.execute(
            select(CommitteeMember.person_id, CommitteeMember.kind).where(
                CommitteeMember.committee_id == committee.id
            )
        ).all()
    )
    administrators = _people_named(session, tenant, list(admins))
    ids = members(session, committee.id) | administrators
    people = session.scalars(select(Person).where(Person.id.in_(ids))).all() if ids else []

    def why(person_id: int) -> str:
        if said.get(person_id) == ADDED:
            return "added"
        if person_id in named and said.get(person_id) != REMOVED:
            return "minutes"
        return "admin"

    rows = [
        {"name": p.name, "why": why(p.id), "admin": p.id in administrators}
        for p in sorted(people, key=lambda p: p.name.casefold())
    ]
    # The conversations that read it through a subscription, whoever is in them.
    subscribed = session.execute(
        select(ChatConversation.channel, ChatConversation.kind, ChatConversation.name,
               ChatConversation.conversation_id)
        .join(Subscription, Subscription.conversation_ref_id == ChatConversation.id)
        .where(Subscription.committee_id == committee.id, Subscription.active.is_(True))
        .order_by(ChatConversation.channel, ChatConversation.name, ChatConversation.id)
    ).all()  # fmt: skip
    conversations = [
        {"channel": channel, "kind": kind, "name": label, "conversation_id": conversation_id}
        for channel, kind, label, conversation_id in subscribed
    ]
    return {"committee": committee.label, "tenant": tenant, "access": committee.access,
            "members": rows, "conversations": conversations}  # fmt: skip


def _change_member(
    session: Session, tenant: str, name: str, action: str, who: str, now: datetime, language: str
) -> dict[str, Any]:
    committee = _committee(session, tenant, name, language)
    person = _person(session, tenant, who, committee.id, language)
    was = person.id in members(session, committee.id)
    named = person.id in named_members(session, [committee.id], person_id=person.id).get(
        committee.id, set()
    )
    key = (committee.id, person.id)
    session.execute(
        delete(CommitteeMember).where(
            CommitteeMember.committee_id == key[0], CommitteeMember.person_id == key[1]
        )
    )
    # What the minutes say needs no row: a row is kept only where the admin differs.
    if action == "add" and not named:
        session.add(CommitteeMember(committee_id=key[0], person_id=key[1], kind=ADDED,
                                    added_by="referent committees", added_at=now))  # fmt: skip
    elif action == "remove" and named:
        session.add(CommitteeMember(committee_id=key[0], person_id=key[1], kind=REMOVED,
                                    added_by="referent committees", added_at=now))  # fmt: skip
    changed = was != (action == "add")
    return {"committee": committee.label, "tenant": tenant, "person": person.name,
            "action": action, "changed": changed}  # fmt: skip


def _lines(result: dict[str, Any], language: str) -> str:
    if "committees" in result:
        if not result["committees"]:
            return text(language, "cli.committees.none")
        return "\n".join(
            text(
                language,
                "cli.committees.line",
                label=c["short_name"] or c["name"],
                name=c["name"],
                tenant=c["tenant"],
                access=text(language, f"cli.committees.access.{c['access']}"),
                members=counted(language, "cli.count.member", c["members"]),
            )
            for c in result["committees"]
        )
    if "members" in result:
        committee = result["committee"]
        lines = [text(language, "cli.committees.members.heading", committee=committee)]
        why = {
            "minutes": text(language, "cli.committees.members.from_minutes"),
            "added": text(language, "cli.committees.members.added"),
            "admin": text(language, "cli.committees.members.admin"),
        }
        lines += [f"- {m['name']} ({why[m['why']]})" for m in result["members"]]
        if not result["members"]:
            lines.append(text(language, "cli.committees.members.none"))
        if result["conversations"]:
            lines += ["", text(language, "cli.committees.conversations", committee=committee)]
            lines += [
                f"- {c['name'] or c['conversation_id']} ({c['channel']}, {c['kind']})"
                for c in result["conversations"]
            ]
        return "\n".join(lines)
    if "action" in result:
        done = {
            ("add", True): "cli.committees.member.added",
            ("add", False): "cli.committees.member.already",
            ("remove", True): "cli.committees.member.removed",
            ("remove", False): "cli.committees.member.not_member",
        }[(result["action"], result["changed"])]
        return text(language, done, person=result["person"], committee=result["committee"])
    access = text(language, f"cli.committees.access.{result['access']}")
    return text(language, "cli.committees.access.set", committee=result["committee"], access=access)


async def ask_reader(
    db: Database, tenant: str, name: str | None, err: TextIO, language: str
) -> Reader | None:
    """`referent ask --as NAME`: the question read as that person; without --as, as the
    operator (None: every committee). A name that is nobody, or several, reads as an
    unknown chat user does: open committees only (said on `err`)."""
    if not name:
        return None

    def who(session: Session) -> list[Person] | None:
        if not members_only(session, tenant):
            return None  # every committee is open: nothing to say
        return find_people(session, tenant=tenant, name=name)

    people = await db.read(who)
    if people is None:
        return Reader()
    if len(people) != 1:
        print(f"referent: {text(language, 'cli.ask.as_unknown', name=name)}", file=err)
        return Reader()
    return Reader(person_id=people[0].id)
