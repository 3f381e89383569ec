"""Action items in the forms real minutes write them.

Three places hold tasks, tried in this order:

1. An explicit label at a line start: "Action: Kari to send …", "Aksjon: Morten lager issue",
   "TODO: …". The task is the text after it; its owner is named at its opening, else None.
   A label alone on its line ("Åtagande:", "Oppfølging") heads the items below it.
2. A section of tasks: a heading "Action items" / "Next steps" / "Oppfølgingspunkter" /
   "Åtaganden" and its list: "- Name: do …", "- [ ] Name to …", "[] AWG Chair: …",
   "Name – do …". List items without a named owner are tasks of nobody (None).
3. Sentences anywhere else whose subject commits to something: present tense in Norwegian
   and Swedish ("Britt Kveseth lager et kort framlegg …", "Albin dryftar frågan"), a
   commitment phrase ("Kari to send", "Frank will follow up", "Heather agreed to set up",
   "Morgan tar på sig att", "Tone tar kontakt med", "Koordinator oppfordres til å sende"),
   "It was agreed that the Meetings Administrator would circulate …", and "X confirmed that
   he will …". Here the owner must be someone: an attendee (`known`), a first name, initials,
   a role ("The Roads Engineer", "Kommunedirektøren"), or, for the strong English phrases, a
   name the document itself uses as a name (a speaker "Ryan:", or capitalised mid-sentence).

Not tasks: reports in the past tense ("Christine orienterte"), reporting verbs ("SiV orienterer
om …"), the meeting body agreeing ("The Council agreed to take items 7 and 8 together": a
decision), "agreed that" + an opinion ("He agreed that the report was good": no one is to do
anything), questions ("Jack: What is our absent policy?" outside a task list), attendance
lines, a speaker's discussion bullets, "Action items: None", and "We need to …" / "Vi må …"
without an owner (unless under an explicit label).

The words are data (minutes/action_words.py). Everything is linear in the input: lines are
read once, candidates are sentence and line starts, each looked at through a bounded window
of words, and sentence ends are found once per paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice, pairwise

from .action_words import LANGUAGES, Commitment, Phrase, Words, label_names, merged
from .model import Line
from .names import is_first_name, looks_like_name, normalise_space


@dataclass(frozen=True, slots=True)
class ActionSentence:
    assignee: str | None  # as written, or the attendee's full name; None: nobody named
    description: str
    line_index: int  # index (into the lines given) of the line where the task starts
    due_text: str | None = None  # the deadline as written: "innen 5. desember", "by Friday"


# How sure we must be that the words before a verb name someone.
_STRICT, _EVIDENCED, _LABEL = 2, 1, 0
_WINDOW = 16  # words looked at from a candidate position
_MAX_OWNER_WORDS = 8
_MAX_TASK_CHARS = 600  # a sentence running on longer is cut: a task is not a chapter

_WORD = re.compile(r"\S+")
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<mark>[-*•+–]|\(?[a-z]\)|\d{1,2}[.)])[ \t]+)?"
    r"(?P<box>\[[ xX✓✔]?\][ \t]*)?"
)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+[\"'«“(\[]?[A-ZÆØÅÄÖÜÉ0-9]|\s*$)")
_COLON_START = re.compile(r":\s+(?=[\"'«“]?[A-ZÆØÅÄÖÜÉ])")
_POSSESSIVE = re.compile(r"['’]s$")
_INITIALS = re.compile(r"^[A-ZÆØÅ](?:\.?[A-ZÆØÅ]){1,3}\.?$")
_PUNCT = ".,;:!?()[]{}\"'«»“”*_"
_PUNCT_BUT_FULL_STOP = _PUNCT.replace(".", "")
_ROLE_SUFFIXES = ("", "n", "en", "et", "a", "ene", "ne", "er", "e", "s", "t", "na", "'s", "’s")
_TERMINAL = (".", "!", "?", ":", ";")
_ARTICLES = frozenset({"the", "a", "an"})


def find_action_sentences(lines: list[Line], known: dict[str, str]) -> list[ActionSentence]:
    """Action items in a stretch of lines (a case body or a whole document).

    `known` maps lower-cased attendee names (and first names only one of them has) to full
    names; owners written as first names or initials resolve to the one attendee who fits.
    """
    words = _words(_present_tense_commits(lines))
    people = _People(known, words, _name_evidence(lines, words))
    consumed: set[int] = set()
    found = list(_labelled(lines, words, people, consumed))
    found += _sentences(lines, consumed, words, people)
    return _unique(sorted(found, key=lambda a: a.line_index))


@cache
def _words(present_is_task: bool) -> Words:
    """All languages' words, with present_is_task as the text says: made once, not per text."""
    return replace(merged(), present_is_task=present_is_task)


@cache
def _common_words() -> frozenset[str]:
    return frozenset(w for words in LANGUAGES.values() for w in words.common)


def _present_tense_commits(lines: list[Line]) -> bool:
    """Whether the text is (partly) Scandinavian, where "Kari lager et notat" is a task; in
    English a bare present tense is not ("Lead maintainer …")."""
    written = "\n".join(line.text for line in lines).lower().split()
    tokens = Counter(filter(_common_words().__contains__, written))  # only those counted below
    counts = {code: sum(tokens[w] for w in words.common) for code, words in LANGUAGES.items()}
    others = sum(n for code, n in counts.items() if LANGUAGES[code].present_is_task)
    english = sum(n for code, n in counts.items() if not LANGUAGES[code].present_is_task)
    return others * 4 >= english


def find_due_text(text: str) -> str | None:
    """The first deadline written in a task's text, as written ("innen 5. desember")."""
    return _due(text, merged())


# --- owners -------------------------------------------------------------------------------


def _bare(token: str) -> str:
    return token.strip(_PUNCT).lower()


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


@dataclass
class _People:
    known: dict[str, str]
    words: Words
    evidence: frozenset[str]
    _first: dict[str, set[str]] = field(default_factory=dict)
    _initials: dict[str, set[str]] = field(default_factory=dict)
    # _longest_owner's answers in this document: the same few names open many sentences
    longest: dict[tuple[tuple[str, ...], int], str | None] = field(default_factory=dict)
    _roles: dict[str, bool] = field(default_factory=dict)  # bare word -> ends in a role

    def __post_init__(self) -> None:
        for full in set(self.known.values()):
            tokens = full.split()
            caps = [t[0].upper() for t in tokens if t[:1].isalpha()]
            if not caps:
                continue
            self._first.setdefault(tokens[0].lower(), set()).add(full)
            for key in {"".join(caps), caps[0] + caps[-1] if len(caps) > 1 else ""}:
                if len(key) > 1:
                    self._initials.setdefault(key, set()).add(full)

    def resolve(self, name: str) -> str:
        """The attendee a written name means when exactly one fits, else the name as written."""
        name = normalise_space(name).strip(" :,")
        key = re.sub(r"\s*\([^)]*\)\s*$", "", name).lower()
        if key in self.known:
            return self.known[key]
        fits = self._first.get(key, set())
        if " " not in key and len(fits) == 1:
            return next(iter(fits))
        if _INITIALS.match(name.replace(" ", "")):
            fits = self._initials.get(name.replace(".", "").replace(" ", ""), set())
            if len(fits) == 1:
                return next(iter(fits))
        return name

    def _role(self, tokens: list[str]) -> bool:
        word = _bare(tokens[-1])
        if word not in self._roles:  # the role pattern is searched at every position
            self._roles[word] = _role_pattern().search(word) is not None
        return self._roles[word]

    def names_someone(self, tokens: list[str]) -> bool:
        """Capitalised words, or words ending in a role ("AWG Chair/CVE Services team", "All
        board members")."""
        return self._strength(tokens) is not None or self._role(tokens)

    def _strength(self, tokens: list[str]) -> int | None:
        """2: surely someone; 1: a name the document uses; 0: capitalised words; None: no."""
        text = " ".join(tokens)
        if text.lower() in self.known:
            return _STRICT
        first = _bare(tokens[0])
        if first in self.words.not_owners or first in self.words.pronouns:
            return None
        if len(tokens) == 1 and first.endswith(self.words.adverb_endings):
            return None  # "Conservatively agreed to …"
        if not all(
            _capitalised(t) or (i and _bare(t) in self.words.connectors) or self._role([t])
            for i, t in enumerate(tokens)
        ):
            return None
        if self._role(tokens):
            return _STRICT
        if len(tokens) > 1 and first.rstrip(".") in self.words.titles:
            return _STRICT
        if len(tokens) == 1 and _INITIALS.match(tokens[0]):
            return _STRICT
        if first in self._first or (
            is_first_name(first) and (len(tokens) == 1 or looks_like_name(text))
        ):
            return _STRICT
        if all(_bare(t) in self.evidence for t in tokens if _capitalised(t)):
            return _EVIDENCED
        return _LABEL

    def owner(self, tokens: list[str], level: int) -> str | None:
        """The owner the words name, if they name someone surely enough for `level`."""
        article = tokens[:1] if tokens and tokens[0] in ("The", "the") else []
        tokens = tokens[len(article) :]
        if not tokens:
            return None
        parts: list[list[str]] = [[]]
        for token in tokens:
            if _bare(token) in self.words.splits:
                parts.append([])
            else:
                parts[-1].append(token)
        if any(not part for part in parts):
            return None
        strengths = [self._strength(part) for part in parts]
        if any(s is None for s in strengths):
            return None
        if max(s for s in strengths if s is not None) < level:
            return None
        written = " ".join(tokens).strip(" :,")
        if len(parts) == 1 and (resolved := self.resolve(written)) != written:
            return resolved
        # "The Roads Engineer" as written; "that the Meetings Administrator would …" without
        return f"The {written}" if article == ["The"] else written


def _name_evidence(lines: list[Line], words: Words) -> frozenset[str]:
    """Words the document uses as names: speakers ("Ryan:", "Mara, Jack:") and words
    capitalised after a lower-case word (not at a sentence start)."""
    found: set[str] = set()
    not_owners = words.not_owners
    for line in lines:
        text = line.text[_BULLET.match(line.text).end() :]  # type: ignore[union-attr]
        tokens = text.split()
        head: list[str] = []
        for token in tokens[:5] if ":" in text else ():  # most lines have no speaker
            head.append(token)
            if token.endswith(":"):
                names = [_bare(t) for t in head if _capitalised(t)]
                if names and all(
                    _capitalised(t) or _bare(t) in words.connectors for t in head if _bare(t)
                ):
                    found.update(names)
                break
        for before, token in pairwise(tokens):  # every word pair: _capitalised inlined
            if (
                token[:1].isupper()
                and before[:1].islower()
                and not before.endswith(_TERMINAL)
                and _bare(before) not in not_owners
            ):
                found.add(_POSSESSIVE.sub("", _bare(token)))
    return frozenset(found - not_owners)


@cache
def _role_pattern() -> re.Pattern[str]:
    roles = "|".join(re.escape(r) for r in sorted(merged().roles, key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in sorted(_ROLE_SUFFIXES, key=len, reverse=True))
    return re.compile(rf"(?:{roles})(?:{suffixes})$")


# --- labels and task sections ---------------------------------------------------------------


@cache
def _label_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in label_names())
    return re.compile(
        # possessive quantifiers: a line of blanks fails at once, not after trying each split
        r"^(?P<indent>[ \t]*+)(?:(?P<mark>[-*•+])[ \t]++|\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]++)?"
        r"(?:\[[ xX✓✔]?\][ \t]*+)?[#*_ \t]*+"
        rf"(?P<label>{alternatives})[*_]*[ \t]*(?:\((?P<who>[^()]{{1,80}})\)[ \t]*)?"
        r"(?::(?P<rest>.*)|[ \t]*)$",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class _Label:
    rest: str
    indent: int | None  # the label line's indentation when it is itself a list item
    who: str | None = None  # "ACTION (AWG Members): …"


def _label(line: Line) -> _Label | None:
    m = _label_pattern().match(line.text)
    if m is None or (len(m["label"]) <= 2 and m["label"] != m["label"].upper()):
        return None  # "AP:" is a label, "Ap:" is a word
    indent = len(m["indent"].expandtabs(4)) if m["mark"] else None
    return _Label((m["rest"] or "").strip(" *_"), indent, m["who"])


def _is_item(line: Line) -> bool:
    bullet = _BULLET.match(line.text)
    return bool(bullet and (bullet["mark"] or bullet["box"]))


def _is_heading(line: Line) -> bool:
    return line.heading > 0 or line.bold or line.text.lstrip().startswith("#")


def _labelled(
    lines: list[Line], words: Words, people: _People, consumed: set[int]
) -> Iterator[ActionSentence]:
    i = 0
    while i < len(lines):
        label = _label(lines[i])
        if label is None:
            i += 1
            continue
        consumed.add(i)
        if not label.rest:
            i = yield from _section(lines, i + 1, label.indent, words, people, consumed)
            continue
        i += 1
        if label.rest.lower().strip(" .") in words.nothing:
            continue
        parts = [label.rest]
        while i < len(lines) and _continues(lines[i], parts[-1]):
            parts.append(lines[i].text.strip())
            consumed.add(i)
            i += 1
        task = _entry(" ".join(parts), i - len(parts), words, people, owned_only=False)
        if task and task.assignee is None and label.who:
            task = replace(task, assignee=people.resolve(label.who))
        if task:
            yield task


def _continues(line: Line, previous: str, *, lazy: bool = False) -> bool:
    """A wrapped line of the entry before: no bullet, and it reads on from the last line (in
    lower case; for a list item, `lazy`, any line while the item's sentence is open)."""
    text = line.text.strip()
    if not text or _is_heading(line) or _label(line) or _is_item(line):
        return False
    return text[:1].islower() or (lazy and not previous.rstrip().endswith(_TERMINAL))


def _section(
    lines: list[Line],
    start: int,
    head_indent: int | None,
    words: Words,
    people: _People,
    consumed: set[int],
) -> Iterator[ActionSentence]:
    """The tasks listed under a heading; returns the index of the first line after them."""
    entries: list[tuple[int, list[str], bool]] = []  # first line, text parts, is a list item
    item_indent: int | None = None
    blank = False
    j = start
    while j < len(lines):
        line = lines[j]
        text = line.text.strip()
        if not text:
            blank = True
            j += 1
            continue
        if _is_heading(line) or _label(line):
            break
        bullet = _BULLET.match(line.text)
        assert bullet is not None
        body = line.text[bullet.end() :].strip()
        if bullet["mark"] or bullet["box"]:
            indent = len(bullet["indent"].expandtabs(4))
            if head_indent is not None and indent <= head_indent:
                break
            if item_indent is None:
                item_indent = indent
            if indent < item_indent:
                break
            if indent == item_indent:
                entries.append((j, [body], True))
            # deeper items are notes on the task above: read, not tasks
        else:
            # A line naming someone starts a task of its own ("Per Hansen – booker rom");
            # any other line goes on with the task above, or ends the list.
            owned = _entry(text, j, words, people, owned_only=True) is not None
            lazy = bool(entries) and entries[-1][2] and not owned
            if entries and not blank and _continues(line, entries[-1][1][-1], lazy=lazy):
                entries[-1][1].append(text)
            elif owned:
                entries.append((j, [text], False))
            else:
                break
        consumed.add(j)
        blank = False
        j += 1
    for first, parts, is_item in entries:
        task = _entry(" ".join(parts), first, words, people, owned_only=not is_item)
        if task:
            yield task
    return j


def _entry(
    text: str, index: int, words: Words, people: _People, *, owned_only: bool
) -> ActionSentence | None:
    """One labelled or listed task: "Name: do …", "Name – do …", "Name to do …", "do …"."""
    text = normalise_space(text)
    inner = _label_pattern().match(text)
    if inner and inner["rest"]:
        text = inner["rest"].strip(" *_")
    if not text or text.lower().strip(" .") in words.nothing:
        return None
    owner, description = _owner_prefix(text, words, people)
    if owner is None:
        found = _commitment_at(text, 0, words, people, _LABEL, None)
        if found is not None and found.owner is not None:
            owner, description = found.owner, text[found.start :].strip()
    if owner is None and owned_only:
        return None
    description = description if owner is not None else text
    return ActionSentence(owner, description, index, _due(description, words))


_SEPARATOR = re.compile(r"\s*(?::|\s[-–—]\s)\s*")


_PARENTHESISED_OWNER = re.compile(r"^\((?P<who>[^()]{1,60})\)\s+(?=\S)")
_HANDLE = re.compile(r"^@?[a-z][a-z0-9_-]{1,38}$")  # "leebyron: Update the spec"


def _owner_prefix(text: str, words: Words, people: _People) -> tuple[str | None, str]:
    """ "Jerry Gamblin (Cisco): Perform …", "Kari Nordmann – sender …", "(Martin) Audit …",
    "All board members: Look at …" -> (owner, task)."""
    m = _PARENTHESISED_OWNER.match(text)
    if m and people.names_someone(m["who"].split()):
        return people.resolve(m["who"]), text[m.end() :]
    m = _SEPARATOR.search(text, 0, 100)
    if m is None or m.start() == 0:
        return None, text
    prefix, rest = text[: m.start()].strip(), text[m.end() :].strip()
    tokens = [t for t in prefix.split() if not t.startswith("(")]  # "Jerry Gamblin (Cisco)"
    if (
        not rest
        or not tokens
        or len(tokens) > _MAX_OWNER_WORDS
        or re.search(r"[.!?]\s|https?$|\d", prefix)
        or _label_pattern().match(prefix + ":")
    ):
        return None, text
    if prefix.lower() in people.known or people.names_someone(tokens):
        return people.resolve(prefix), rest
    if len(tokens) == 1 and _HANDLE.match(prefix) and prefix not in words.not_owners:
        return prefix, rest
    return None, text


# --- sentences ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """A paragraph or list item, its text joined, with where each of its lines starts."""

    text: str
    starts: list[tuple[int, int]]  # (offset in text, line index)
    heading: bool = False

    def line_at(self, offset: int) -> int:
        k = bisect_left(self.starts, (offset + 1, -1)) - 1
        return self.starts[max(k, 0)][1]


def _units(lines: list[Line], consumed: set[int]) -> Iterator[_Unit]:
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    blank = False

    def flush() -> Iterator[_Unit]:
        nonlocal parts, starts, offset
        if parts:
            yield _Unit(" ".join(parts), starts)
        parts, starts, offset = [], [], 0

    for i, line in enumerate(lines):
        text = line.text.strip()
        if i in consumed:
            yield from flush()
            blank = False
            continue
        if not text:
            blank = True
            continue
        if "\t" in text:  # a table row: cells, not sentences
            yield from flush()
            blank = False
            continue
        if _is_heading(line) and not text.lstrip("# ")[:1].islower():
            yield from flush()
            yield _Unit(text.lstrip("# "), [(0, i)], heading=True)
            blank = False
            continue
        bullet = _BULLET.match(line.text)
        assert bullet is not None
        is_item = bool(bullet["mark"] or bullet["box"])
        if is_item or (parts and blank and not _wrapped(parts[-1], text)):
            yield from flush()
        if is_item:
            text = line.text[bullet.end() :].strip()
        starts.append((offset, i))
        parts.append(text)
        offset += len(text) + 1
        blank = False
    yield from flush()


def _wrapped(previous: str, text: str) -> bool:
    """A paragraph goes on over a blank line where a PDF's extraction broke a long line in
    the middle of a sentence: "… and Mr. McGrath" / "" / "agreed that he would …"."""
    if text[:1].islower():
        return True
    last = previous.rsplit(None, 1)[-1]
    if last.endswith(".") and last[:-1].lower() in merged().abbreviations:  # "… Ms." / "Aine"
        return True
    return len(previous) >= 50 and not previous.endswith(_TERMINAL) and last.isalpha()


@dataclass(frozen=True, slots=True)
class _Found:
    owner: str | None
    start: int  # where the task's text starts
    end: int  # where its sentence ends
    subject: str | None = None  # the sentence's subject when it names someone


def _sentences(
    lines: list[Line], consumed: set[int], words: Words, people: _People
) -> list[ActionSentence]:
    found: list[ActionSentence] = []
    last_subject: str | None = None
    that_pattern = _that_pattern()
    for unit in _units(lines, consumed):
        if unit.heading:
            last_subject = None
            continue
        text = unit.text
        tokens = _Tokens.of(text)
        ends = [m.end() for m in _SENTENCE_END.finditer(text) if not _abbreviation(text, m)]
        sentence_starts = {_skip_space(text, e) for e in ends if e < len(text)}
        openings = sentence_starts | {0}
        candidates = {*openings, *_line_starts(unit, sentence_starts)}
        candidates |= {m.end() for m in _COLON_START.finditer(text)}
        events = [(pos, "start") for pos in candidates if pos < len(text)]
        events += [(m.start(), "that") for m in that_pattern.finditer(text)]
        used: set[int] = set()
        for pos, kind in sorted(events):
            end = _sentence_end(ends, pos, len(text))
            if kind == "that":
                hit = _reported_that(text, pos, end, words, people, last_subject)
            else:
                hit = _commitment_at(
                    text, pos, words, people, _STRICT, last_subject, end, tokens=tokens
                )
                if hit and hit.subject and hit.owner is None and pos in openings:
                    hit = _ellipsis(text, hit, end, words) or hit
            if hit is None:
                continue
            if hit.subject:
                last_subject = hit.subject
            if hit.owner is None or hit.start in used:
                continue
            used.add(hit.start)
            description = normalise_space(
                text[hit.start : min(hit.end, hit.start + _MAX_TASK_CHARS)]
            )
            if _not_a_task(description, words):
                continue
            found.append(
                ActionSentence(hit.owner, description, unit.line_at(pos), _due(description, words))
            )
    return found


def _line_starts(unit: _Unit, sentence_starts: set[int]) -> Iterator[int]:
    """Lines that may start a sentence: after a line that ended one or was short (a title,
    a list line); not the middle of a paragraph wrapped over lines."""
    words = merged()
    for (start, _), (next_start, _) in pairwise(unit.starts):
        previous = unit.text[start:next_start].rstrip()
        last = _bare(previous.rsplit(None, 1)[-1]) if previous else ""
        open_end = last in words.abbreviations or last in words.connectors or last in _ARTICLES
        if next_start in sentence_starts or (len(previous) < 50 and not open_end):
            yield next_start


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _abbreviation(text: str, m: re.Match[str]) -> bool:
    """The full stop of "Mr.", "ang.", "K." does not end a sentence."""
    if m.group() != ".":
        return False
    k = m.start()
    begin = text.rfind(" ", 0, k) + 1
    if not text[begin:k].isprintable():  # maybe white space other than " " in it: look back
        begin = k
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
    word = text[begin:k].strip(_PUNCT_BUT_FULL_STOP).lower()
    return word in merged().abbreviations or (len(word) == 1 and word.isalpha())


def _sentence_end(ends: list[int], pos: int, length: int) -> int:
    k = bisect_left(ends, pos + 1)
    return ends[k] if k < len(ends) else length


def _tokens(text: str, pos: int, end: int | None = None) -> list[re.Match[str]]:
    return list(islice(_WORD.finditer(text, pos, len(text) if end is None else end), _WINDOW))


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A unit's words and their bare forms, found once: the unit is looked at from each
    sentence and line start, through a window of words that overlaps the next one's."""

    text: str
    found: list[re.Match[str]]
    starts: list[int]
    bare: list[str]

    @classmethod
    def of(cls, text: str) -> _Tokens:
        found = list(_WORD.finditer(text))
        # _bare inlined: a unit's every word goes through it
        bare = [m.group().strip(_PUNCT).lower() for m in found]
        return cls(text, found, [m.start() for m in found], bare)

    def window(self, pos: int) -> tuple[list[re.Match[str]], list[str]]:
        """_tokens(text, pos) and their bare forms."""
        k = bisect_left(self.starts, pos)
        if k and self.found[k - 1].end() > pos:  # inside a word: its rest is the first one
            toks = _tokens(self.text, pos)
            return toks, [_bare(t.group()) for t in toks]
        return self.found[k : k + _WINDOW], self.bare[k : k + _WINDOW]


def _owner_run(
    toks: list[re.Match[str]], bares: list[str], words: Words, people: _People
) -> tuple[int, bool]:
    """How many of the first words can be an owner's name, and whether a colon ends them.
    `bares`: the words' bare forms (_bare of a word is _bare of it without ",;:" at its end)."""
    n = 0
    for k, tok in enumerate(toks[:_MAX_OWNER_WORDS]):
        raw = tok.group()
        core = raw.rstrip(",;:")
        bare = bares[k]
        if not core or raw[0] in "([\"'«“":
            break
        if k == 0 and core in ("The", "the"):
            n = 1
            continue
        if n and bare in words.connectors and k + 1 < len(toks):
            n = k + 1
            continue
        # lower case ends a name, but "the secretary" and "AWG members" are someone
        after_name = toks[0].group() in ("The", "the") or (k and toks[k - 1].group().isupper())
        if not (_capitalised(core) or (after_name and _role_pattern().search(bare))):
            break
        if core.endswith(".") and not (
            bare in words.titles or bare in words.abbreviations or _INITIALS.match(core)
        ):
            break  # a full stop: the sentence ends here
        if len(bare) >= 5 and core.isupper() and bare not in people.known:
            break  # "REPLY", "NOTE": a shouted label, not a name
        n = k + 1
        if raw != core:
            return n, raw[len(core)] == ":"
    while n and (bares[n - 1] in words.connectors or toks[n - 1].group() in ("The", "the")):
        n -= 1
    return n, False


@cache
def _commitments_by_first_word() -> dict[str, tuple[Commitment, ...]]:
    by_first: dict[str, list[Commitment]] = {}
    for c in merged().commitments:
        by_first.setdefault(c.words[0], []).append(c)
    return {
        w: tuple(sorted(cs, key=lambda c: len(c.words), reverse=True)) for w, cs in by_first.items()
    }


def _match_commitment(bare: list[str]) -> Commitment | None:
    for c in _commitments_by_first_word().get(bare[0] if bare else "", ()):
        if tuple(bare[: len(c.words)]) == c.words:
            return c
    return None


def _verb_after(toks: list[re.Match[str]], k: int, words: Words) -> int | None:
    """Index of the task's verb at or after k ("will also *send*", "be happy to *facilitate*")."""
    for _ in range(3):
        if k >= len(toks):
            return None
        bare = _bare(toks[k].group())
        ahead = [_bare(t.group()) for t in toks[k : k + 3]]
        bridge = next((b for b in words.modal_bridges if tuple(ahead[: len(b)]) == b), None)
        if bridge:
            k += len(bridge)
        elif bare in words.adverbs:
            k += 1
        else:
            break
    if k >= len(toks):
        return None
    raw = toks[k].group()
    bare = _bare(raw)
    if (
        not raw[:1].islower()
        or not bare.replace("-", "").isalpha()
        or bare in words.not_verbs
        or (len(bare) >= 5 and bare.endswith(words.passive_endings))
    ):
        return None
    return k


def _is_present(raw: str, following: str, words: Words) -> bool:
    verb = _bare(raw)
    if not raw[:1].islower() or not verb.isalpha() or raw.endswith((",", ":", ";", "?", "!")):
        return False
    if verb in words.not_actions or verb in words.time_words or following in words.negations:
        return False
    # "FHIR server støtter …", "HDIR veileder bør …": the verb comes next, so this is a noun
    if following in words.finite or _looks_present(following, words):
        return False
    if len(verb) >= 9 and verb.endswith(words.noun_endings):  # "utfordringer": a plural noun
        return False
    if following in words.report_before.get(verb, ()):
        return False
    return _looks_present(verb, words) and verb not in words.not_actions


def _looks_present(word: str, words: Words) -> bool:
    if word in words.not_present or not word.isalpha():
        return False
    if word in words.irregular_present:
        return True
    # one test in C first: most words have none of the endings
    return word.endswith(words.present_endings) and any(
        word.endswith(e) and len(word) > len(e) + (1 if e == "er" else 2)
        for e in words.present_endings
    )


def _commitment_at(
    text: str,
    pos: int,
    words: Words,
    people: _People,
    level: int,
    antecedent: str | None,
    end: int | None = None,
    *,
    tokens: _Tokens | None = None,  # the text's words, when found already
) -> _Found | None:
    """A task whose owner stands at `pos`: "Kari to send", "Hans følger opp", "He agreed to …"."""
    if tokens is not None:
        toks, bare = tokens.window(pos)
    else:
        toks = _tokens(text, pos)
        bare = [_bare(t.group()) for t in toks]
    if not toks:
        return None
    modals: frozenset[str] | None = None
    openers = _openers_by_first_word().get(bare[0], ()) if bare else ()
    for opener in openers:  # "It was agreed that the Administrator would …"
        if tuple(bare[: len(opener)]) == opener:
            toks, bare, modals = toks[len(opener) :], bare[len(opener) :], words.agreed_modals
            break
    pronoun = bare[0] in words.pronouns and toks[0].group()[:1].isupper() if bare else False
    if pronoun:  # "He agreed to …": the person last named as a subject
        if antecedent is None:
            return None
        n, colon = 1, False
    else:
        n, colon = _owner_run(toks, bare, words, people)
    if not n or n >= len(toks):
        return None
    after = bare[n:]
    commitment = None if colon and level != _LABEL else _match_commitment(after)
    if modals is not None and (commitment is None or commitment.words[0] not in modals):
        if not (after and after[0] in modals):
            return None
        commitment = Commitment((after[0],))
    start: int | None = None
    need = level
    present = False
    if commitment is not None:
        k = n + len(commitment.words)
        if commitment.then_verb:
            v = _verb_after(toks, k, words)
            start = toks[v].start() if v is not None else None
        else:
            start = toks[n].start()
        need = min(
            level, _LABEL if commitment.any_name else _EVIDENCED if commitment.evidence else level
        )
    elif words.present_is_task or level == _LABEL:
        following = after[1] if len(after) > 1 else ""
        if _is_present(toks[n].group(), following, words) and (
            level == _LABEL or _says_more(toks, n + 1, end)
        ):
            start = toks[n].start()
            need = max(level, _STRICT) if level != _LABEL else _LABEL
            present = True
    if pronoun:
        owner = antecedent
        subject = antecedent
    else:
        owner_tokens = [t.group() for t in toks[:n]]
        owner = _longest_owner(owner_tokens, people, need) if start is not None else None
        subject = (
            _longest_owner(owner_tokens, people, _STRICT)
            if toks[n].group()[:1].islower() and not colon
            else None
        )
    # The meeting body agreeing to something, or doing it in the present tense ("Styrelsen
    # uppfyller kraven"), is a decision or a statement, not a task.
    by_body = present or (commitment is not None and commitment.agreement)
    if start is not None and owner and by_body and _bare(owner.split()[-1]) in words.bodies:
        return _Found(None, toks[n].start(), toks[n].start(), subject)  # a decision
    asks = end is not None and text[max(0, end - 3) : end].rstrip().endswith("?")
    if colon and start is not None and asks:
        start = None  # "Eirik: validerer dere gyldige koder …?": a question
    if start is None or owner is None:
        return _Found(None, toks[n].start(), toks[n].start(), subject) if subject else None
    stop = len(text) if end is None else end
    return _Found(owner, start, max(stop, start), subject)


def _says_more(toks: list[re.Match[str]], k: int, end: int | None) -> bool:
    """A word after a bare present tense in its sentence: "NHN oppretter Issues", not a noun
    phrase like "FHIR server - …", "IHE whitepaper"."""
    if k >= len(toks) or (end is not None and toks[k].start() >= end):
        return False
    return any(c.isalnum() for c in toks[k].group())


@cache
def _openers_by_first_word() -> dict[str, tuple[Phrase, ...]]:
    """The agreed openers by their first word, in their order (most sentences start with none)."""
    by_first: dict[str, list[Phrase]] = {}
    for opener in merged().agreed_openers:
        by_first.setdefault(opener[0], []).append(opener)
    return {w: tuple(openers) for w, openers in by_first.items()}


def _longest_owner(tokens: list[str], people: _People, level: int) -> str | None:
    """ "Leder Kari Hansen lager …": the longest tail of the words that names someone.
    Not after a determiner: "One IG to cover them all", "This RFC will …"."""
    key = (tuple(tokens), level)
    if key not in people.longest:
        people.longest[key] = _judge_longest_owner(tokens, people, level)
    return people.longest[key]


def _judge_longest_owner(tokens: list[str], people: _People, level: int) -> str | None:
    if tokens and tokens[0] not in ("The", "the") and _bare(tokens[0]) in people.words.not_owners:
        return None
    for k in range(len(tokens)):
        if k and not (_capitalised(tokens[k]) or tokens[k] == "the"):
            continue
        owner = people.owner(tokens[k:], level)
        if owner:
            return owner
    return None


@cache
def _ellipsis_pattern() -> re.Pattern[str]:
    words = merged()
    ands = "|".join(sorted(words.and_words))
    modals = "|".join(sorted(words.ellipsis_modals))
    return re.compile(rf"(?:,\s*(?:(?:{ands})\s+)?|\s(?:{ands})\s+)(?:{modals})\s+", re.IGNORECASE)


def _ellipsis(text: str, hit: _Found, end: int, words: Words) -> _Found | None:
    """ "Frank has exchanged emails, will follow up.": the subject's second verb commits."""
    m = _ellipsis_pattern().search(text, hit.start, end)
    if m is None:
        return None
    toks = _tokens(text, m.end(), end)
    v = _verb_after(toks, 0, words)
    if v is None:
        return None
    return _Found(hit.subject, toks[v].start(), end, hit.subject)


@cache
def _that_pattern() -> re.Pattern[str]:
    words = merged()
    verbs = "|".join(sorted(words.reported_verbs))
    that = "|".join(sorted(words.that_words))
    pronouns = "|".join(sorted(words.pronouns))
    modals = "|".join(sorted(words.agreed_modals))
    return re.compile(rf"\b(?:{verbs})\s+(?:{that})\s+(?:{pronouns})\s+(?:{modals})\s+")


def _reported_that(
    text: str, pos: int, end: int, words: Words, people: _People, antecedent: str | None
) -> _Found | None:
    """ "Mr. Kennedy confirmed that he will enquire …": the owner is the name before."""
    m = _that_pattern().match(text, pos)
    assert m is not None
    toks = _tokens(text, m.end(), end)
    v = _verb_after(toks, 0, words)
    if v is None:
        return None
    before = text[max(0, pos - 120) : pos].split()[-_MAX_OWNER_WORDS:]
    k = len(before)
    while k and (_capitalised(before[k - 1]) or _bare(before[k - 1]) in words.connectors):
        if before[k - 1].endswith(_TERMINAL) and _bare(before[k - 1]) not in words.titles:
            break
        k -= 1
    while k < len(before) and _bare(before[k]) in words.connectors:
        k += 1
    names = before[k:]
    if len(names) == 1 and _bare(names[0]) in words.pronouns:
        owner = antecedent
    else:
        owner = _longest_owner(names, people, _EVIDENCED) if names else None
    if owner is None:
        return None
    return _Found(owner, toks[v].start(), end)


def _not_a_task(description: str, words: Words) -> bool:
    bare = [_bare(t) for t in description.split()]
    if any(tuple(bare[: len(p)]) == p for p in words.ongoing):
        return True
    firsts = {p[0] for p in words.not_task_phrases}
    return any(
        tuple(bare[i : i + len(p)]) == p
        for i, word in enumerate(bare)
        if word in firsts
        for p in words.not_task_phrases
    )


# --- deadlines ------------------------------------------------------------------------------


@cache
def _due_markers() -> dict[str, tuple[tuple[str, ...], ...]]:
    words = merged()
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for marker in (*words.due_markers, *words.due_phrases):
        by_first.setdefault(marker[0], []).append(marker)
    return {w: tuple(sorted(ms, key=len, reverse=True)) for w, ms in by_first.items()}


def _due(text: str, words: Words) -> str | None:
    """ "… innen 5. desember." -> "innen 5. desember"; "before the next meeting"; None."""
    toks = list(_WORD.finditer(text))
    bare = [_bare(t.group()) for t in toks]
    phrases = set(words.due_phrases)
    for i, word in enumerate(bare):
        for marker in _due_markers().get(word, ()):
            if tuple(bare[i : i + len(marker)]) != marker:
                continue
            if marker in phrases:
                return _span(text, toks[i], toks[i + len(marker) - 1])
            first = i + len(marker)
            last = _due_extent(toks, bare, first, words)
            if last is None:
                continue
            timely = [j for j in range(first, last + 1) if _timely(j, toks, bare, words)]
            if marker in words.due_markers_needing_time and (
                not timely or timely[0] > first + 1 or bare[first] in words.indefinite_articles
            ):
                continue  # "til endringer i …", "by Kari", "til et møte": not a time
            return _span(text, toks[i], toks[timely[-1] if timely else last])
    return None


# "5.", "4/12", "12/1/2025", "15.11", "2025", "1st"
_DATE_LIKE = re.compile(
    r"^(?:\d{1,2}\.|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\.?|(?:19|20)\d\d\.?|\d{1,2}(?:st|nd|rd|th)\.?)$"
)


def _timely(j: int, toks: list[re.Match[str]], bare: list[str], words: Words) -> bool:
    """Whether the word says when: "next", "Friday", "5.", "4/12", "2025", "1 December"."""
    if bare[j] in words.time_words or _DATE_LIKE.match(toks[j].group().rstrip(",;:!?)")):
        return True
    following = bare[j + 1] if j + 1 < len(bare) else ""
    return bare[j].isdigit() and len(bare[j]) <= 2 and following in words.time_words


def _due_extent(toks: list[re.Match[str]], bare: list[str], k: int, words: Words) -> int | None:
    last = None
    for j in range(k, min(k + 6, len(toks))):
        raw = toks[j].group()
        if bare[j] in words.due_stops or not bare[j]:
            break
        last = j
        if raw.endswith((",", ";", ":", "!", "?", ")")):
            break
        if raw.endswith(".") and not (raw[:-1].isdigit() or bare[j] in words.abbreviations):
            break
    return last


def _span(text: str, first: re.Match[str], last: re.Match[str]) -> str:
    return text[first.start() : last.end()].rstrip(".,;:!?)")


def _unique(found: list[ActionSentence]) -> list[ActionSentence]:
    """The same task written twice (in the discussion and in the action list) counts once."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for task in found:
        key = (task.assignee or "", re.sub(r"\W+", " ", task.description.lower()).strip()[:80])
        if key not in seen:
            seen.add(key)
            unique.append(task)
    return unique
