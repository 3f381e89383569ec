"""One-line commands that add to the record from chat, told apart from questions.

    oppgave: Christine sender forespørsel til LSU-ene innen 5. desember
    /oppgave AU lager programforslag frist 24.10          task: Amir drafts it by next Friday
    ferdig med oppgave 12 · utsett oppgave 12 til 1. februar · gi oppgave 12 til Britt
    ny sak [til SSU][: tittel] · nytt møte SSU 24. oktober kl 13-15 Grønland 32, Drammen
    jeg er Christine Furuholmen

Parsing only: names are resolved against the store by the dialogs. A command needs its
keyword in command position ("oppgave:" with a colon, a leading slash, "ny oppgave"), so
questions that mention tasks ("oppgaver for AU", "hvilke oppgaver har jeg?") stay questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from .when import When, find_when


@dataclass(frozen=True, slots=True)
class AddTask:
    text: str  # what was written after the keyword, date and all
    description: str  # without the deadline; may still start with the assignee's name
    due: When | None


@dataclass(frozen=True, slots=True)
class TaskAction:
    action: str  # "done" | "postpone" | "reassign" | "reopen"
    task_id: int
    due: When | None = None  # postpone
    assignee: str | None = None  # reassign


@dataclass(frozen=True, slots=True)
class NewCase:
    committee: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class ScheduleMeeting:
    committee: str | None
    when: When | None
    location: str | None


@dataclass(frozen=True, slots=True)
class MoveMeeting:
    committee: str | None
    from_day: date | None  # the meeting to move: on this day, else the committee's next one
    when: When | None  # where to: a day, maybe with a time (span: in the text after til/to)


@dataclass(frozen=True, slots=True)
class LinkIdentity:
    name: str


Command = AddTask | TaskAction | NewCase | ScheduleMeeting | MoveMeeting | LinkIdentity

_ADD_TASK = re.compile(
    r"^\s*(?:/(?:oppgave|task|todo)\b:?|(?:ny|legg\s+til(?:\s+en)?)\s+oppgave\b:?"
    r"|(?:new|add(?:\s+a)?)\s+task\b:?|(?:oppgave|task|todo)\s*:)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _task(n: int) -> str:
    """ "oppgave 12", "oppgave nr. 12", "task #12"; each use needs its own group name."""
    return rf"(?:oppgave|oppg\.?|task)\s*(?:nr\.?|no\.?)?\s*#?(?P<id{n}>\d{{1,9}})"


_DONE = re.compile(
    rf"^\s*(?:/?ferdig\s+med\s+{_task(1)}|{_task(2)}\s+(?:er\s+)?(?:ferdig|utført|gjort|done"
    rf"|completed)|marker\s+{_task(3)}\s+som\s+(?:ferdig|utført)"
    rf"|(?:done\s+with|complete|close)\s+{_task(4)}|mark\s+{_task(5)}\s+(?:as\s+)?done)"
    r"\s*[.!]*\s*$",
    re.IGNORECASE,
)
_REOPEN = re.compile(rf"^\s*(?:gjenåpne|åpne\s+igjen|reopen)\s+{_task(0)}\s*[.!]*\s*$", re.I)
_POSTPONE = re.compile(
    rf"^\s*(?:utsett|flytt\s+fristen\s+(?:for|på)|ny\s+frist\s+(?:for|på)|postpone|move)\s+{_task(0)}"
    r"\s*(?:til|to|:)?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_REASSIGN = re.compile(
    rf"^\s*(?:gi|overfør|flytt|reassign|give|assign)\s+{_task(0)}\s+(?:til|to)\s+(?P<who>.+?)\s*[.!]*$",
    re.IGNORECASE,
)
_NEW_CASE = re.compile(
    r"^\s*/?(?:ny\s+sak|meld\s+inn(?:\s+en)?\s+sak|new\s+case(?:\s+item)?|propose\s+a\s+case)\b"
    r"(?:\s+(?:til|for|i|to)\s+(?P<committee>[\wÆØÅæøå-]+))?\s*:?\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MEETING = re.compile(
    r"^\s*/?(?:nytt\s+møte|planlegg\s+(?:et\s+)?møte|new\s+meeting|schedule\s+(?:a\s+)?meeting)"
    r"\b\s*(?:(?:i|for|til|in)\s+)?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "flytt møtet i SSU 14. desember til 15. desember kl 10", "flytt SSU-møtet til fredag",
# "move the SSU meeting to 15 December": a committee's short name in capitals (any case before
# "-møtet"), then what is left holds the day it is on (optional) and the day it goes to.
_MOVE_MEETING = re.compile(
    r"^\s*/?(?:flytt|move)\s+(?:(?:det|the)\s+)?(?:(?:neste|next)\s+)?"
    r"(?:(?P<c1>(?-i:[A-ZÆØÅ]{2,8}))\s+|(?P<c2>[a-zæøå]{2,8})-)?(?:møtet|møte|meeting)\b"
    r"(?:\s+(?:i|for|til|of|in)\s+(?P<c3>(?-i:[A-ZÆØÅ]{2,8}))\b)?(?P<rest>[^?]*)$",
    re.IGNORECASE | re.DOTALL,
)
_MOVE_TO = re.compile(r"\b(?:til|to)\b", re.IGNORECASE)
_COMMITTEE_WORD = re.compile(r"^(?P<c>[A-ZÆØÅ]{2,8})\b\s*,?\s*")
_NAME = r"[A-ZÆØÅ][\w'’-]+(?:\s+(?:[A-ZÆØÅ][\w'’-]+|de|van|von|af)){0,3}"
_IDENTITY = re.compile(
    rf"^\s*(?i:jeg\s+er|jeg\s+heter|mitt\s+navn\s+er|i\s+am|i'm|my\s+name\s+is)\s+(?P<name>{_NAME})"
    r"\s*[.!]*\s*$",
)


def parse_command(text: str, now: datetime, tz: tzinfo) -> Command | None:
    """The command `text` is, or None for a question or chatter."""
    if m := _ADD_TASK.match(text):
        rest = m["rest"].strip()
        due = find_when(rest, now, tz)
        description = due.rest(rest) if due else rest
        return AddTask(rest, description.rstrip(" .").strip(), due)
    if m := _DONE.match(text):
        return TaskAction("done", _task_id(m))
    if m := _REOPEN.match(text):
        return TaskAction("reopen", _task_id(m))
    if m := _POSTPONE.match(text):
        due = find_when(m["rest"], now, tz)
        if due is not None:
            return TaskAction("postpone", _task_id(m), due=due)
    if m := _REASSIGN.match(text):
        who = m["who"].strip()
        if find_when(who, now, tz) is None:  # "flytt oppgave 12 til fredag" is a postponement
            return TaskAction("reassign", _task_id(m), assignee=who)
        return TaskAction("postpone", _task_id(m), due=find_when(who, now, tz))
    if m := _NEW_CASE.match(text):
        return NewCase(_committee(m["committee"]), m["title"].strip() or None)
    if m := _MOVE_MEETING.match(text):
        moved = _move(m, now, tz)
        if moved is not None:
            return moved
    if m := _MEETING.match(text):
        return _meeting(m["rest"].strip(), now, tz)
    if m := _IDENTITY.match(text):
        return LinkIdentity(m["name"].strip())
    return None


_ENGLISH = re.compile(
    r"^\s*/?(?:task|todo|new|add|done|mark|complete|close|reopen|postpone|move|reassign|give"
    r"|assign|propose|schedule|i\s+am|i'm|my\s+name)\b",
    re.IGNORECASE,
)


def command_language(text: str) -> str | None:
    """ "en" when the command's keyword is English, "nb" when Norwegian, None if neither."""
    if _ENGLISH.match(text):
        return "en"
    return "nb" if parse_command_keyword(text) else None


def parse_command_keyword(text: str) -> bool:
    return any(
        p.match(text)
        for p in (_ADD_TASK, _DONE, _REOPEN, _POSTPONE, _REASSIGN, _NEW_CASE, _MEETING)
    ) or bool(_IDENTITY.match(text))


def _task_id(m: re.Match[str]) -> int:
    return int(next(v for k, v in m.groupdict().items() if k.startswith("id") and v))


def _committee(word: str | None) -> str | None:
    return word.upper() if word else None


def _meeting(rest: str, now: datetime, tz: tzinfo) -> ScheduleMeeting:
    committee = None
    if m := _COMMITTEE_WORD.match(rest):
        committee, rest = m["c"], rest[m.end() :]
    when = find_when(rest, now, tz)
    location = (when.rest(rest) if when else rest).strip(" ,.;") or None
    return ScheduleMeeting(committee, when, location)


def _move(m: re.Match[str], now: datetime, tz: tzinfo) -> MoveMeeting | None:
    """The meeting to move and where to; None when what follows is no date ("flytt møtet
    til et større rom")."""
    committee = _committee(m["c1"] or m["c2"] or m["c3"])
    rest = m["rest"].strip(" \t\n.!,;:")
    if not rest:
        return MoveMeeting(committee, None, None)
    for to in _MOVE_TO.finditer(rest):
        when = find_when(rest[to.end() :], now, tz)
        if when is not None and when.day is not None:
            before = find_when(rest[: to.start()], now, tz)
            return MoveMeeting(committee, before.day if before else None, when)
    when = find_when(rest, now, tz)
    if when is None or when.day is None:
        return None
    return MoveMeeting(committee, None, when)
