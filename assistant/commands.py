"""One-line commands that add to the record from chat, told apart from questions.

    oppgave: Christine sender forespørsel til LSU-ene innen 5. desember
    /oppgave AU lager programforslag frist 24.10          task: Amir drafts it by next Friday
    ferdig med oppgave 12 · utsett oppgave 12 til 1. februar · gi oppgave 12 til Britt
    ny sak [til SSU][: tittel] · nytt møte SSU 24. oktober kl 13-15 Grønland 32, Drammen
    jeg er Christine Furuholmen
    abonner på SSU · avslutt abonnement · påminnelser 3 dager før kl 10 · abonnementer?

Parsing only: names are resolved against the store by the dialogs. A command needs its
keyword in command position ("oppgave:" with a colon, a leading slash, "ny oppgave"), so
questions that mention tasks ("oppgaver for AU", "hvilke oppgaver har jeg?") stay questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

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


@dataclass(frozen=True, slots=True)
class Subscription:
    """Reminders in this conversation: start (for a committee), stop, change when, or say
    which there are."""

    action: str  # "subscribe" | "unsubscribe" | "settings" | "list"
    committee: str | None = None
    offsets_days: tuple[int, ...] = ()  # settings: whole days before the meeting
    hour: time | None = None  # settings: at this local hour


Command = (
    AddTask | TaskAction | NewCase | ScheduleMeeting | MoveMeeting | LinkIdentity | Subscription
)

_ADD_TASK = re.compile(
    r"^\s*(?:/(?:oppgave|task|todo)\b:?|(?:ny|legg\s+til(?:\s+en)?)\s+oppgave\b:?"
    r"|(?:new|add(?:\s+a)?)\s+task\b:?|(?:oppgave|task|todo)\s*:)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


# Written so that a failed match backs out of a run of spaces in linear time: "\s*(?:x\s*)?"
# rather than "\s*x?\s*" (which tries every split of the run between its two "\s*"), and
# "(?>…)" where a later failure cannot be mended by giving back what the group took.
_END = r"\s*(?:[.!]+\s*)?$"  # "." or "!" and spaces to the end


def _task(n: int) -> str:
    """ "oppgave 12", "oppgave nr. 12", "task #12"; each use needs its own group name."""
    return rf"(?:oppgave|oppg\.?|task)\s*(?:(?:nr\.?|no\.?)\s*)?#?(?P<id{n}>\d{{1,9}})"


_DONE = re.compile(
    rf"^\s*(?:/?ferdig\s+med\s+{_task(1)}|{_task(2)}\s+(?:er\s+)?(?:ferdig|utført|gjort|done"
    rf"|completed)|marker\s+{_task(3)}\s+som\s+(?:ferdig|utført)"
    rf"|(?:done\s+with|complete|close)\s+{_task(4)}|mark\s+{_task(5)}\s+(?:as\s+)?done)" + _END,
    re.IGNORECASE,
)
_REOPEN = re.compile(rf"^\s*(?:gjenåpne|åpne\s+igjen|reopen)\s+{_task(0)}{_END}", re.I)
# What follows "til" is the new date, on one line. When only spaces follow (nothing to read a
# date from) the command still matches, without `rest`, where spaces given back would do.
_TO = r"(?>\s*(?:(?:til|to|:)\s*)?)"
_POSTPONE = re.compile(
    rf"^\s*(?:utsett|flytt\s+fristen\s+(?:for|på)|ny\s+frist\s+(?:for|på)|postpone|move)\s+{_task(0)}"
    rf"(?:{_TO}(?P<rest>.+)$|(?={_TO}[^\n]*\n?\Z)(?=[\s\S]*[^\n]\n?\Z))",
    re.IGNORECASE,
)
# The name ends before "." or "!" and spaces at the end; it is made of words and whole runs of
# spaces (so each place it may end is tried once). Only spaces after "til": a name of nothing.
_REASSIGN = re.compile(
    rf"^\s*(?:gi|overfør|flytt|reassign|give|assign)\s+{_task(0)}\s+(?:til|to)"
    r"(?:\s++(?P<who>(?:[^\S\n]+(?![^\S\n])|\S)+?)\s*[.!]*|(?=\s*$)\s+?[^\S\n]\s*)$",
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
    + _END,
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
        due = find_when(m["rest"] or "", now, tz)
        if due is not None:
            return TaskAction("postpone", _task_id(m), due=due)
    if m := _REASSIGN.match(text):
        who = (m["who"] or "").strip()
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
    return _subscription(text)


_SUBSCRIBE = re.compile(
    r"^\s*/?(?:abonner(?:\s+på)?|subscribe(?:\s+to)?)\s+(?P<c>[A-ZÆØÅa-zæøå]{2,8})"
    r"(?:[-\s]?møtene|\s+meetings)?" + _END,
    re.IGNORECASE,
)
_UNSUBSCRIBE = re.compile(
    r"^\s*/?(?:avslutt\s+abonnement(?:et)?|stopp\s+påminnelsene?|unsubscribe|stop\s+reminders)"
    r"(?:\s+(?:på|for|to|from)\s+(?P<c>[A-ZÆØÅa-zæøå]{2,8}))?" + _END,
    re.IGNORECASE,
)
# The rest is one line (".*" does not cross a line break): checked first, so that a long
# message is not searched for "før" from every place.
_REMINDER_SETTINGS = re.compile(
    r"^\s*/?(?:påminnelser?|reminders?)(?>\s*:?\s+)(?=[^\n]*\n?\Z)"
    r"(?P<rest>.*\b(?:før|before)\b.*)$",
    re.IGNORECASE,
)
_DAYS = re.compile(
    r"(?P<n>\d{1,2}|en|ett|én|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|one|two|three|four"
    r"|five|six|seven|eight|nine|ten)\s+(?P<unit>dager|dag|døgn|days?|uker|uke|weeks?)\b",
    re.IGNORECASE,
)
_HOUR = re.compile(r"\b(?:kl\.?|klokka|at)\s*(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?\b", re.I)
_SAME_DAY = re.compile(r"\b(?:samme\s+dag|på\s+dagen|same\s+day|on\s+the\s+day)\b", re.I)
_NUMBER_WORDS = {
    "en": 1, "ett": 1, "én": 1, "ei": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3,
    "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7,
    "seven": 7, "åtte": 8, "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10,
}  # fmt: skip


# "hvilke abonnementer har vi?", "abonnementer", "what are we subscribed to?": the whole
# message asks which subscriptions this conversation has (so «abonnement på avisen, hva
# koster det» is no such request). Who: we, I, you, this chat or channel; "here" may follow.
# A word alone asks only in the plural ("abonnement" alone could be about anything).
_WHO_NB = r"(?:vi|jeg|dere|du|denne\s+(?:samtalen|kanalen|chatten|gruppen))"
_HERE_NB = r"(?:\s+(?:her|nå|i\s+(?:denne|dette)\s+\w+))?"
_PLURAL_NB = r"(?:abonnement(?:er|ene)|abonnomenter|abbonementer|abonementer)"
_SUBSCRIPTIONS_NB = rf"(?:abonnement(?:et)?|{_PLURAL_NB})"
_LIST_NB = re.compile(
    rf"^\s*/?(?:(?:hvilke|hva\s+slags|hva\s+for(?:\s+noen)?)\s+(?:{_SUBSCRIPTIONS_NB}"
    rf"|påminnelser)\s+(?:har|får)\s+{_WHO_NB}(?:\s+(?:egentlig|nå))?"
    rf"|har\s+{_WHO_NB}\s+(?:noen\s+)?(?:{_SUBSCRIPTIONS_NB}|påminnelser)"
    rf"|hva\s+abonnerer\s+{_WHO_NB}\s+på"
    rf"|hvilke\s+utvalg\s+(?:abonnerer\s+{_WHO_NB}\s+på|får\s+{_WHO_NB}\s+påminnelser\s+(?:for|fra|om))"
    rf"|(?:vis|list(?:\s+opp)?|se)\s+(?:alle\s+)?(?:våre\s+|mine\s+)?{_SUBSCRIPTIONS_NB}"
    rf"|(?:våre|mine|alle)\s+{_SUBSCRIPTIONS_NB}"
    rf"|{_PLURAL_NB}"
    rf"){_HERE_NB}\s*(?:[?.!]+\s*)?$",
    re.IGNORECASE,
)
_WHO_EN = r"(?:we|i|you|this\s+(?:chat|channel|conversation|team))"
_HERE_EN = r"(?:\s+(?:here|now|in\s+this\s+\w+))?"
_LIST_EN = re.compile(
    rf"^\s*/?(?:(?:what|which)(?:\s+committees?)?\s+(?:are\s+we|am\s+i|are\s+you|is\s+this"
    rf"\s+(?:chat|channel|conversation|team))\s+subscribed\s+to"
    rf"|(?:what|which)\s+(?:subscriptions|reminders)\s+(?:do|does)\s+{_WHO_EN}\s+(?:have|get)"
    rf"|(?:do|does)\s+{_WHO_EN}\s+have\s+(?:any\s+)?subscriptions"
    rf"|(?:are\s+we|am\s+i|is\s+this\s+(?:chat|channel|conversation))\s+subscribed\s+to"
    rf"\s+anything"
    rf"|(?:list|show)(?:\s+(?:me|us))?(?:\s+(?:all|the|our|my))?\s+subscriptions"
    rf"|(?:our|my|all)\s+subscriptions"
    rf"|subscriptions"
    rf"){_HERE_EN}\s*(?:[?.!]+\s*)?$",
    re.IGNORECASE,
)


def _subscription(text: str) -> Subscription | None:
    if _LIST_NB.match(text) or _LIST_EN.match(text):
        return Subscription("list")
    if m := _SUBSCRIBE.match(text):
        return Subscription("subscribe", m["c"].upper())
    if m := _UNSUBSCRIBE.match(text):
        return Subscription("unsubscribe", m["c"].upper() if m["c"] else None)
    m = _REMINDER_SETTINGS.match(text)
    if not m:
        return None
    rest = m["rest"]
    offsets = []
    for d in _DAYS.finditer(rest):
        n = int(d["n"]) if d["n"].isdigit() else _NUMBER_WORDS[d["n"].lower()]
        offsets.append(n * 7 if d["unit"].lower().startswith(("u", "w")) else n)
    if _SAME_DAY.search(rest):
        offsets.append(0)
    hour = None
    if h := _HOUR.search(rest):
        if int(h["h"]) > 23:
            return None
        hour = time(int(h["h"]), int(h["m"] or 0))
    if not offsets:
        return None
    return Subscription("settings", None, tuple(sorted(set(offsets), reverse=True)), hour)


_ENGLISH = re.compile(
    r"^\s*/?(?:task|todo|new|add|done|mark|complete|close|reopen|postpone|move|reassign|give"
    r"|assign|propose|schedule|i\s+am|i'm|my\s+name|subscribe|unsubscribe|stop|reminders?)\b",
    re.IGNORECASE,
)


def command_language(text: str) -> str | None:
    """ "en" when the command's keyword is English, "nb" when Norwegian, None if neither."""
    if _ENGLISH.match(text) or _LIST_EN.match(text):
        return "en"
    return "nb" if parse_command_keyword(text) else None


def parse_command_keyword(text: str) -> bool:
    return any(
        p.match(text)
        for p in (_ADD_TASK, _DONE, _REOPEN, _POSTPONE, _REASSIGN, _NEW_CASE, _MEETING)
    ) or bool(_IDENTITY.match(text) or _subscription(text))


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
    # Only the first "til"/"to" needs trying: the text after a later one is part of the text
    # after the first, and a date in it is a date there too (no date reading spans a "til").
    if to := _MOVE_TO.search(rest):
        when = find_when(rest[to.end() :], now, tz)
        if when is not None and when.day is not None:
            before = find_when(rest[: to.start()], now, tz)
            return MoveMeeting(committee, before.day if before else None, when)
    when = find_when(rest, now, tz)
    if when is None or when.day is None:
        return None
    return MoveMeeting(committee, None, when)
