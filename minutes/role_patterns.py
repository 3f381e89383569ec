"""The role tables (minutes/roles.py) compiled into regular expressions, once, on first use.

Every language's words are tried on every item: minutes mix languages (an English talk in
Norwegian minutes) and the words do not collide where it matters. The patterns have no unbounded
repeats inside repeats, and what they search is cut to a bounded length, so a large body costs
linear time."""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from dataclasses import dataclass
from functools import cache
from itertools import islice

from . import roles
from .action_words import label_names

LANGUAGES = ("nb", "nn", "en", "sv", "da")
SEARCH_LIMIT = 1200  # characters of a sentence searched for a phrase; decisions say it early

_WORD = r"[^\W\d_][\w'’.-]{0,40}"
_OWNER = r"[^\W\d_][\w-]{0,40}s"  # a genitive: "Formannskapets", "Kommunedirektørens"
_BODY = rf"(?!(?:sak|saken|case|item|ärende|sag)\b){_WORD}(?: {_WORD}){{0,4}}"
_N = r"\d{1,4}"
_FLAGS = re.IGNORECASE


def _flat(table: dict[str, tuple[str, ...]]) -> list[str]:
    """All languages' entries, each once, longest first (so an alternation prefers it)."""
    seen = dict.fromkeys(entry for lang in LANGUAGES for entry in table.get(lang, ()))
    return sorted(seen, key=len, reverse=True)


def _spaces(source: str) -> str:
    return source.replace(" ", r"\s+")


def _literal(text: str) -> str:
    """Words to match as written (a space matching any white space)."""
    return _spaces(re.escape(text).replace("\\ ", " "))


def _alt(sources: list[str]) -> str:
    return "(?:" + "|".join(sources) + ")"


@cache
def _placeholders() -> dict[str, str]:
    count = _alt([_N, *roles.COUNT_WORDS])
    ordinal = _alt([_alt(list(words)) for words in roles.ORDINALS])
    collective = _alt([*_flat(roles.COLLECTIVE_SUBJECTS), r"(?-i:[A-ZÆØÅ]{2,6})"])
    return {"{n}": _N, "{count}": count, "{ordinal}": ordinal, "{collective}": collective}


def phrase(source: str) -> str:
    """A phrase table entry as regex source: a space is any white space, placeholders expand."""
    source = _spaces(source)
    for key, value in _placeholders().items():
        source = source.replace(key, value)
    return source


def _phrases(table: dict[str, tuple[str, ...]]) -> str:
    return _alt([phrase(entry) for entry in _flat(table)])


@cache
def compiled(name: str) -> re.Pattern[str]:
    """A phrase table of roles (by name) as one case-insensitive pattern of whole words."""
    return re.compile(rf"(?<!\w){_phrases(getattr(roles, name))}(?!\w)", _FLAGS)


# --------------------------------------------------------------------------- key words
# A table of a hundred phrases is slow to search in every sentence. Each phrase has words that
# any match must contain ("godkjent" in "(ble|er) (enstemmig )?godkjent"); a sentence with none
# of a table's key words is passed over without searching it.

_Keys = frozenset[str] | None


def _keys_of_sequence(items: list[tuple[object, object]]) -> _Keys:
    best: _Keys = None
    run = ""
    candidates: list[frozenset[str]] = []
    for op, av in [*items, (None, None)]:
        if op is sre_constants.LITERAL:
            run += chr(av).lower()  # type: ignore[arg-type]
            continue
        if run:
            candidates.append(frozenset({run}))
            run = ""
        if op is None:
            break
        found = _keys_of_item(op, av)
        if found:
            candidates.append(found)
    for keys in candidates:
        if best is None or min(map(len, keys)) > min(map(len, best)):
            best = keys
    return best


def _keys_of_item(op: object, av: object) -> _Keys:
    if op is sre_constants.SUBPATTERN:
        return _keys_of_sequence(list(av[-1]))  # type: ignore[index]
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            keys = _keys_of_sequence(list(branch))
            if not keys:
                return None
            union |= keys
        return frozenset(union)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, sub = av  # type: ignore[misc]
        return _keys_of_sequence(list(sub)) if low >= 1 else None
    return None


@cache
def key_words(name: str) -> frozenset[str] | None:
    """Strings one of which every match of the table's pattern contains (lower case), or None
    when some phrase has none worth checking."""
    union: set[str] = set()
    for entry in _flat(getattr(roles, name)):
        keys = _keys_of_sequence(list(sre_parse.parse(phrase(entry), _FLAGS)))
        if not keys or min(map(len, keys)) < 3:
            return None
        union |= keys
    return frozenset(union)


@cache
def _key_pattern(names: str | tuple[str, ...]) -> re.Pattern[str] | None:
    keys: set[str] = set()
    for name in (names,) if isinstance(names, str) else names:
        found = key_words(name)
        if found is None:
            return None
        keys |= found
    return re.compile(trie(keys))


def trie(words: set[str], *, longest: bool = False) -> str:
    """An alternation of words as a trie ("ab|ac" -> "a(?:b|c)"): one branch per character
    instead of one try per word. It matches the shortest word there (a word that another
    starts with is enough on its own), or with `longest` the longest."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        if "" in node and not longest:
            return ""
        parts = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return build(root)


def might_match(names: str | tuple[str, ...], lowered: str) -> bool:
    """Whether a lower-cased text has a key word of one of the tables."""
    pattern = _key_pattern(names)
    return pattern is None or pattern.search(lowered) is not None


# A decision's sentence is checked against a dozen tables, each a search of its key words.
# SentenceKeys finds the key words of all of them in one pass, and each check is then a set
# lookup. The pass finds each place where a key word starts (a search of the words as one
# trie), and there the longest key word; the shorter ones that start there are its prefixes,
# so with them every key word in the text is found.

_SENTENCE_TABLES = (
    "HISTORY_PHRASES", "PROCEDURE_PHRASES", "MOVER_PHRASES", "WITHDRAWN_PHRASES",
    "POSTPONED_PHRASES", "NOTED_PHRASES", "VOTED_ON_SENTENCES", "PROPOSAL_SENTENCES",
    "AGREEMENT_SENTENCES", "STANDING_RULE_SENTENCES", "RESULT_SENTENCES",
)  # fmt: skip
_OUTCOME_VERBS = ("ADOPTED_VERBS", "REJECTED_VERBS", "BARE_REJECTIONS")


@cache
def _sentence_keys() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]:
    """(any key word, the longest key word, key word -> the key words it starts with)"""
    keys: set[str] = set()
    for name in (*_SENTENCE_TABLES, *_OUTCOME_VERBS):
        keys |= key_words(name) or set()
    starts = {key: frozenset(k for k in keys if key.startswith(k)) for key in keys}
    return re.compile(trie(keys)), re.compile(trie(keys, longest=True)), starts


@cache
def _sentence_table_keys(names: str | tuple[str, ...]) -> frozenset[str] | None:
    """The key words of the tables together (None: some table has none): one set test per
    sentence for says_anything's eleven tables, not eleven."""
    union: set[str] = set()
    for name in (names,) if isinstance(names, str) else names:
        assert name in _SENTENCE_TABLES or name in _OUTCOME_VERBS, name
        keys = key_words(name)
        if keys is None:
            return None
        union |= keys
    return frozenset(union)


class SentenceKeys:
    """A sentence with the key words it has of the sentence tables and the outcome verbs."""

    def __init__(self, sentence: str) -> None:
        self.text = sentence[:SEARCH_LIMIT]
        any_key, longest_key, starts = _sentence_keys()
        lowered = self.text.lower()
        self.found: set[str] = set()
        at = 0
        while (m := any_key.search(lowered, at)) is not None:
            longest = longest_key.match(lowered, m.start())
            assert longest is not None  # a key word starts there
            self.found |= starts[longest[0]]
            at = m.start() + 1

    def might_match(self, names: str | tuple[str, ...]) -> bool:
        """As might_match(names, the sentence lower-cased)."""
        keys = _sentence_table_keys(names)
        return keys is None or not keys.isdisjoint(self.found)

    def search(self, name: str) -> re.Match[str] | None:
        """As search(name, the sentence)."""
        return compiled(name).search(self.text) if self.might_match(name) else None

    def says_anything(self) -> bool:
        """As says_anything(the sentence)."""
        return self.might_match(_SENTENCE_TABLES)

    def outcome_verb(self) -> bool:
        """As outcome_verb(the sentence)."""
        return self.might_match(_OUTCOME_VERBS)


# --------------------------------------------------------------------------- labels

ROLE_TABLES = {
    "decision": "DECISION_LABELS",
    "proposal": "PROPOSAL_LABELS",
    "vote": "VOTE_LABELS",
    "reply": "REPLY_LABELS",
    "treatment": "TREATMENT_LABELS",
    "section": "SECTION_LABELS",
}
_SEPARATOR = r"(?:[ \t]*:[ \t]*|[ \t]+[-–][ \t]+|[ \t]*$)"


@dataclass(frozen=True, slots=True)
class LabelHit:
    role: str  # decision | proposal | vote | reply | treatment | section
    label: str  # as written, without the colon
    rest: str  # the text after the label on the same line ("" when the label stands alone)


def _label_source(label: str) -> str:
    source = _literal(label.rstrip(":"))
    return source.replace(r"\{owner\}", _OWNER).replace(r"\{body\}", _BODY)


@cache
def _label_patterns(role: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(labels that may stand alone, labels that need a colon, labels naming a body) — the last
    need a colon or a short line, so that "Vedtak i saken ble …" is prose, not a label."""
    labels = _flat(getattr(roles, ROLE_TABLES[role]))
    free = [_label_source(x) for x in labels if not x.endswith(":") and "{body}" not in x]
    colon = [_label_source(x) for x in labels if x.endswith(":") and "{body}" not in x]
    body = [_label_source(x) for x in labels if "{body}" in x]
    never = "(?!)"
    return (
        re.compile(rf"(?P<label>{_alt(free) if free else never}){_SEPARATOR}", _FLAGS),
        re.compile(rf"(?P<label>{_alt(colon) if colon else never})[ \t]*:[ \t]*", _FLAGS),
        re.compile(rf"(?P<label>{_alt(body) if body else never}){_SEPARATOR}", _FLAGS),
    )


_SPEAKER = re.compile(rf"{_WORD}(?: {_WORD}){{0,3}}:[ \t]+")


@cache
def _label_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first words of the labels, and the words after an {owner}: a line that starts with
    none of them (nor with a speaker) has no label, and the patterns need not be tried."""
    first: set[str] = set()
    after_owner: set[str] = set()
    for table in ROLE_TABLES.values():
        for label in _flat(getattr(roles, table)):
            words = label.rstrip(":").lower().split()
            if words[0] == "{owner}":
                after_owner.add(words[1])
            else:
                first.add(words[0])
    return frozenset(first), frozenset(after_owner)


_FIRST_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@cache
def _tasks_label() -> re.Pattern[str]:
    """A task label or a heading of tasks, with its colon: "Oppfølging:", "Action items:".
    Labels of two letters ("AP:", also a party in a vote) are left out."""
    labels = [re.escape(x) for x in label_names() if len(x) > 2]
    return re.compile(rf"{_alt(labels)}[ \t]*:", _FLAGS)


def tasks_label(text: str) -> bool:
    """Whether a (cleaned) line opens with the label of the tasks an item gave out."""
    return _tasks_label().match(text) is not None


def label_at_start(text: str) -> LabelHit | None:
    """The role label that opens a (cleaned) line, also after a speaker ("Ryan: Proposal: …")."""
    first, after_owner = _label_words()
    words = [m[0] for m in islice(_FIRST_WORDS.finditer(text[:120].lower()), 2)]
    if not words:
        return None
    owner = len(words) > 1 and words[1] in after_owner
    if words[0] not in first and not owner and ":" not in text[:140]:
        return None
    hit = _label_at(text)
    if hit is None:
        speaker = _SPEAKER.match(text)
        if speaker and _label_at(text[: speaker.end()].rstrip().rstrip(":")) is None:
            hit = _label_at(text[speaker.end() :])
    return hit


def _label_at(text: str) -> LabelHit | None:
    for role in ROLE_TABLES:
        free, colon, body = _label_patterns(role)
        m = free.match(text) or colon.match(text)
        if m is None:
            m = body.match(text)
            if m and ":" not in text[m.start("label") : m.end()] and len(text.split()) > 6:
                m = None
        if m:
            return LabelHit(role, " ".join(m["label"].split()), text[m.end() :].strip())
    return None


@cache
def _inline_labels() -> re.Pattern[str]:
    """Fixed decision/proposal/vote labels with a colon inside a line, written with a capital:
    "Username reserved. Vote required: can the group …?"."""
    words = [
        x.rstrip(":")
        for role in ("decision", "proposal", "vote")
        for x in _flat(getattr(roles, ROLE_TABLES[role]))
        if "{" not in x
    ]
    sources = [re.escape(w[0]) + "(?i:" + _literal(w[1:]) + ")" for w in words if w[0].isupper()]
    return re.compile(r"(?<=\s)(?:" + "|".join(sources) + r"):\s")


def label_inside(text: str) -> int | None:
    """Where a colon label starts inside a line (after the line's first word), if one does."""
    m = _inline_labels().search(text[:SEARCH_LIMIT])
    return m.start() if m else None


# --------------------------------------------------------------------------- line kinds


@cache
def treatment_header() -> re.Pattern[str]:
    return compiled("TREATMENT_HEADERS")


@cache
def _markers(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{_phrases(getattr(roles, name))})[^:\n]{{0,80}}:[ \t]*", _FLAGS)


def marker(text: str, role: str) -> tuple[int, int] | None:
    """Where a phrase that ends in ":" and introduces a decision or a proposal on the next lines
    ("LSU fattet slik vedtak:", "… fremmet følgende forslag:") starts and ends in a line."""
    name = "DECISION_MARKERS" if role == "decision" else "PROPOSAL_MARKERS"
    text = text[:SEARCH_LIMIT]
    if not might_match(name, text.lower()):  # most lines with a colon have no marker's words
        return None
    m = _markers(name).search(text)
    return (m.start(), m.end()) if m else None


@cache
def outcome_labels() -> frozenset[str]:
    return frozenset(roles.OUTCOME_LABELS)


@cache
def list_captions() -> frozenset[str]:
    return frozenset(roles.LIST_CAPTIONS)


@cache
def report_titles() -> frozenset[str]:
    return frozenset(w for lang in LANGUAGES for w in roles.REPORT_TITLES.get(lang, ()))


@cache
def tally_line() -> re.Pattern[str]:
    """A line that is one vote count word, with its count or not ("For", "Against", "For: 21")."""
    words = _alt([_literal(w) for w in _flat(roles.TALLY_WORDS)])
    return re.compile(rf"(?P<word>{words})[ \t]*:?[ \t]*(?:\(?(?P<count>{_N})\)?)?[ \t]*$", _FLAGS)


@cache
def tally_inline() -> re.Pattern[str]:
    """Counts written on one line: "For: 12 - Imot: 13"."""
    words = _alt([_literal(w) for w in _flat(roles.TALLY_WORDS)])
    return re.compile(rf"(?P<word>{words})[ \t]*:[ \t]*(?P<count>{_N})\b", _FLAGS)


ALTERNATIVE_NUMBER = re.compile(r"\(?(\d{1,2})\)[ \t]*$")  # "1)" alone: alternative proposals


@cache
def attribution() -> re.Pattern[str]:
    return re.compile(_phrases(roles.ATTRIBUTION_PHRASES), _FLAGS)


# --------------------------------------------------------------------------- outcomes

_LEAD = (
    r"(?:(?:dermed|således|derfor|og|så|accordingly|thus|so|then|finally|därmed|hence|"
    r"herefter|derefter)[ \t]*,?\s+)?(?:(?:ble|vart|blev|was)\s+)?"
    # "The Mayor declared the Motion defeated", "Ordføreren erklærte forslaget vedtatt"
    r"(?:(?:the\s+)?[^\W\d_][\w'’-]{0,20}\s+(?:declared|erklærte|erklærde|förklarade)\s+)?"
)
_FILLER = rf"(?:\s+{_WORD}){{0,3}}?"
_NOT_A_CLAUSE = r"(?!\s+(?:at|that|å|att|om)\b)(?!\s+to\s+\w)(?=\s*(?:$|[.,;:!?()\[–-]|\s))"


@cache
def objects() -> re.Pattern[str]:
    sources = [phrase(x) for kind in roles.PROPOSAL_OBJECTS.values() for x in _flat(kind)]
    return re.compile(_alt(sorted(set(sources), key=len, reverse=True)), _FLAGS)


@cache
def object_kind(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^{_phrases(roles.PROPOSAL_OBJECTS[kind])}$", _FLAGS)


@cache
def _outcome(verbs: str, negated: bool) -> re.Pattern[str]:
    aux, manner = _phrases(roles.AUXILIARIES), _phrases(roles.MANNER_WORDS)
    verb = _phrases(getattr(roles, verbs))
    if negated:
        verb = _alt([rf"{_phrases(roles.NEGATIONS)}\s+{_phrases(roles.ADOPTED_VERBS)}", verb])
    obj = objects().pattern
    return re.compile(
        rf"{_LEAD}(?P<obj>{obj}){_FILLER}(?:\s+{aux})?(?:\s+{manner})?\s+(?P<verb>{verb})"
        rf"{_NOT_A_CLAUSE}",
        _FLAGS,
    )


def outcome_verb(sentence: str) -> bool:
    """Whether the sentence has a verb that adopted(), rejected() or bare_rejection() needs:
    one search of their key words where most sentences have none, instead of three."""
    return might_match(_OUTCOME_VERBS, sentence[:SEARCH_LIMIT].lower())


def adopted(sentence: str) -> re.Match[str] | None:
    """An adoption: "Dermed ble innstillingen vedtatt", "The proposal is accepted"."""
    text = sentence[:SEARCH_LIMIT]
    if not might_match("ADOPTED_VERBS", text.lower()):  # no verb: the lead and object untried
        return None
    return _outcome("ADOPTED_VERBS", False).match(text)


def rejected(sentence: str) -> re.Match[str] | None:
    """A rejection: "Dermed ble forslaget ikke vedtatt", "The proposal is not accepted"."""
    text = sentence[:SEARCH_LIMIT]
    # Its verb is a rejecting one or a negated adopting one ("ikke vedtatt").
    if not might_match(("REJECTED_VERBS", "ADOPTED_VERBS"), text.lower()):
        return None
    return _outcome("REJECTED_VERBS", True).match(text)


@cache
def _bare(name: str, explained: bool) -> re.Pattern[str]:
    manner, votes = _phrases(roles.MANNER_WORDS), _phrases(roles.VOTE_PHRASES)
    tail = rf"(?:\s*[-–(:]\s*.{{0,{SEARCH_LIMIT}}})?" if explained else r"(?:\s*\([^()]{0,400}\))?"
    verbs = _phrases(getattr(roles, name))
    return re.compile(
        rf"(?:(?:{votes})[\s,;:–-]{{0,4}}){{0,3}}(?:{manner}\s+)?(?P<verb>{verbs})"
        rf"(?:\s*[,;]?\s*(?:{manner}|{votes}|by those voting|by all)){{0,3}}[ \t.!]*{tail}$",
        _FLAGS,
    )


def bare_approval(sentence: str) -> re.Match[str] | None:
    """An outcome on its own: "Approved unanimously.", "Godkjent", "Enstemmig for"."""
    return _bare("BARE_APPROVALS", False).match(sentence[:SEARCH_LIMIT])


def bare_rejection(sentence: str) -> re.Match[str] | None:
    """A bare rejection: "Rejected unanimously (a lot of process …).", "Forkastet"."""
    text = sentence[:SEARCH_LIMIT]
    if not might_match("BARE_REJECTIONS", text.lower()):
        return None
    return _bare("BARE_REJECTIONS", True).match(text)


@cache
def _vote_start() -> re.Pattern[str]:
    return re.compile(_phrases(roles.VOTE_PHRASES), _FLAGS)


def vote_only(sentence: str) -> bool:
    """A sentence that opens with a count: "For forslaget stemte 12: …", "Three in favor, …"."""
    return _vote_start().match(sentence) is not None


def votes_in(sentence: str) -> list[str]:
    """The vote counts written in a sentence, as written ("For forslaget stemte 12")."""
    return [" ".join(m[0].split()) for m in _vote_start().finditer(sentence[:SEARCH_LIMIT])]


def search(name: str, sentence: str) -> re.Match[str] | None:
    text = sentence[:SEARCH_LIMIT]
    if not might_match(name, text.lower()):
        return None
    return compiled(name).search(text)


def says_anything(sentence: str) -> bool:
    """Whether any sentence phrase table could match (by their key words)."""
    return might_match(_SENTENCE_TABLES, sentence[:SEARCH_LIMIT].lower())


@cache
def _line_phrases() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<header>{treatment_header().pattern})|(?P<versus>{compiled('VERSUS_PHRASES').pattern})",
        _FLAGS,
    )


def line_phrase(text: str) -> str | None:
    """Which line phrase a line has: "header" (a treatment header), "versus" ("Dette ble satt
    opp mot:"), or None."""
    text = text[:SEARCH_LIMIT]
    # A line without either table's key words is passed over (most lines): searching the
    # patterns themselves tries "\w{1,60}s behandling …" at every position.
    if not might_match(("TREATMENT_HEADERS", "VERSUS_PHRASES"), text.lower()):
        return None
    m = _line_phrases().search(text)
    return m.lastgroup if m else None


@cache
def _hedge() -> re.Pattern[str]:
    return re.compile(rf"\b{_phrases(roles.HEDGE_WORDS)}\b", _FLAGS)


def hedged(before: str) -> bool:
    """A condition, possibility or negation just before a decision phrase."""
    return _hedge().search(before[-40:]) is not None


@cache
def short_approval_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _flat(roles.SHORT_APPROVAL_WORDS))


@cache
def judging_subjects() -> frozenset[str]:
    return frozenset(_flat(roles.JUDGING_SUBJECTS))


@cache
def recommendation() -> re.Pattern[str]:
    words = _alt([_literal(w) for w in roles.RECOMMENDATION_WORDS])
    return re.compile(rf"(?:{_OWNER}\s+)?{words}", _FLAGS)


@cache
def addition() -> re.Pattern[str]:
    return re.compile(r"tilleggs|endrings|tillägg|ändrings|amendment|tilleggsframlegg", _FLAGS)


@cache
def ordinal_number() -> list[re.Pattern[str]]:
    return [re.compile(rf"\b{_alt(list(words))}", _FLAGS) for words in roles.ORDINALS]
