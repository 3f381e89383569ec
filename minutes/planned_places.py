"""Where an announced meeting is held: "Siste møte i år 14. desember blir et fysisk møte på
Fjordby sykehus, Møterom Fjellet", "Neste møte 24. oktober blir digitalt", "Next meeting:
5 March 2025, 10:00, Room 204, City Hall", "Møtene holdes vekselvis i Fjordby og Lindvik".

A place is read only from the clause that follows the meeting's date (up to the sentence's
end, the next announcement or the next date) or from the next sentence when that one is about
the meeting ("Møtet holdes på …"). It is a name-like phrase — capitalised words, numbers of a
street, words for rooms and buildings — after "på", "i", "at", "in", after a label ("Sted:",
"Venue:"), standing alone between commas when it names a room or building, or a word for a
meeting held online ("digitalt", "Teams"). What is not name-like ("i 2027", "i forkant av
møtet", "på sakslisten", "i Teams-kanalen"), a month, a weekday or a committee's short name is
no place: a wrong place is worse than none.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .dates import MONTHS

_MAX_PLACE = 120  # characters; longer is a clause, not a place


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words for a room or building, as a place phrase may end or consist of them.
_ROOM_WORDS = _words(
    """
    rom møterom styrerom grupperom sal salen storsal lokale lokalet lokaler lokalene kontor
    kontoret kontorer sykehus sykehuset rådhus rådhuset kommunehus kommunehuset hus huset
    bygg bygget bygning bygningen etasje etg galleri galleriet bibliotek biblioteket hotell
    hotellet senter senteret sentret sentrum campus kantine kantina kantinen aula aulaen
    auditorium auditoriet kommune fylkeshus fylkeshuset hall hallen skole skolen hospital
    hospitalet sykehjem sykehjemmet universitet universitetet
    room rooms building office offices library chamber chambers centre center floor
    house hotel suite lounge boardroom
    rum rummet lokal lokalen våning
    """
)
# Compounds end with one of these: "kommunestyresalen", "helsehus", "møterommet".
_ROOM_ENDINGS = (
    *("rom", "rommet", "salen", "hus", "huset", "bygget", "lokalene", "lokalet", "kontoret"),
    *("hallen", "senter", "senteret", "skole", "skolen"),
)

_WEEKDAYS = _words(
    """
    mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag lördag söndag
    monday tuesday wednesday thursday friday saturday sunday
    """
)
# Capitalised words that begin sentences or name times, never a place.
_NOT_PLACES = _words(
    """
    det den de dette disse vi han hun man jeg i it the this we they he she neste siste
    next last møtet mötet meeting kl klokken
    """
)
_PLATFORM = r"(?:Microsoft\s+)?Teams|Zoom|Skype|Webex|Google\s+Meet|Jitsi|Whereby"
# A meeting held online. "digital" only with "møte"/"meeting" after it ("digital
# hjemmeoppfølging" is a project, not a place).
_VIRTUAL = (
    r"digitalt|virtuelt|online|virtually|virtual(?=\s+meeting)|videomøte|nettmøte|fjernmøte"
    r"|digital(?=\s+(?:møte|meeting|möte))|(?:på|via|by|over)\s+video"
)
# Online as the meeting's manner: after a verb of holding or being, first in its segment,
# or before the word meeting. "Sakspapirer legges ut online" is not.
_VIRTUAL_AS_PLACE = re.compile(
    rf"(?:(?:\b(?:blir|er|holdes|avholdes|gjennomføres|skjer|foregår|går|hålls|sker|är|blir"
    rf"|is|will\s+be|be|held|takes\s+place|som|et|ett|a|an)\s+)|^\s*|[,:;(–—-]\s*)"
    rf"(?P<virtual>{_VIRTUAL})(?![\w-])",
    re.IGNORECASE,
)
_PLATFORM_AS_PLACE = re.compile(
    rf"(?:\b(?:på|via|i|over|on|in|by|using|med|et|ett|a|an|som)\s+|^\s*|[,:;(–—-]\s*)"
    rf"(?P<platform>{_PLATFORM})(?:-?(?:møte|meeting)\w*)?(?![\w-])"
    r"(?!\s+(?:kanal|channel|chat|tråd|thread|gruppe|group|team)\w*)"
)
_LABEL = re.compile(
    r"\b(?:sted|stad|møtested|møtestad|møtelokale|plats|lokal|venue|location|place)\s*:\s*",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"(?<![\w-])(?:på|i|at|in|ved)\s+(?=\S)", re.IGNORECASE)
_ALTERNATING = re.compile(
    r"\b(?:vekselvis|vekslende|annenhver\s+gang|alternerende|på\s+omgang|på\s+rundgang"
    r"|rullerende|turvis|alternately|alternating|in\s+rotation|rotating|växelvis)\b",
    re.IGNORECASE,
)
# Times around a date: "kl 12.30 – 15.00", "13:00-15:30", "kl. 13", "10am", "7 p.m."
_CLOCK = (
    r"(?:(?:\b(?:kl|klokken|klokka|klockan)\.?\s*)[0-2]?\d(?:[.:][0-5]\d)?"
    r"|(?<![\w.:])[0-2]?\d[.:][0-5]\d(?:\s*[ap]\.?\s?m\b\.?)?"
    r"|(?<![\w.:])[01]?\d\s*[ap]\.?\s?m\b\.?)"
)
_TIME = re.compile(
    rf"{_CLOCK}(?:\s*(?:[-–—]|to|til|until)\s*(?:{_CLOCK}|[0-2]?\d(?:[.:][0-5]\d)?))?(?![\w])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\s,;:()\[\]\"«»“”]+")
_SEPARATOR = re.compile(r"\s*(?:,|;|\s[-–—]\s|\(|\))\s*")
_CONNECTORS = frozenset({"og", "and", "&", "i", "på", "ved", "of", "the", "de", "la", "och"})
_POSSESSIVES = frozenset({"sin", "sitt", "sine"})
_UNDECIDED = re.compile(r"\s*,?\s*(?:eller|or|alternativt|alternatively|evt\.?|eventuelt)\b", re.I)
# A phrase ends a place when what follows is punctuation, the end, a time or a conjunction.
_BOUNDARY = re.compile(
    r"\s*(?:$|[.,;:()!?–—\t]|-\s|\b(?:kl|klokken|klokka|from|fra|og|and|with|med|der|hvor"
    r"|where|som|which)\b|\d)",
    re.IGNORECASE,
)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_room(word: str) -> bool:
    lower = word.lower()
    if lower.endswith(("s", "'s", "’s")) and _is_room(lower.rstrip("s").rstrip("'’")):
        return True  # "kommunes lokaler", "the council's chamber"
    return lower in _ROOM_WORDS or (lower.endswith(_ROOM_ENDINGS) and len(lower) > 6)


def _abbreviation(word: str) -> bool:
    return len(word) <= 3 and _is_cap(word) and not word.isupper()


def _is_number(word: str) -> bool:
    """A street or room number ("32", "3B", "204"); never a year."""
    return bool(re.fullmatch(r"\d{1,3}[A-Za-z]?\.?|\d{4}", word)) and not re.match(
        r"(?:19|20)\d\d\b", word
    )


def _name_word(word: str, committee_short: str | None) -> bool:
    """A word that can begin a place: a capitalised name that is not a month, weekday,
    pronoun or committee, or a word for a room or building."""
    bare = word.rstrip(".")
    lower = bare.lower()
    if not bare or lower in MONTHS or lower in _WEEKDAYS or lower in _NOT_PLACES:
        return False
    if committee_short and bare.upper() == committee_short.upper():
        return False
    if re.match(rf"(?:{_PLATFORM})-", bare):  # "Teams-kanalen": a channel, not a meeting place
        return False
    return _is_cap(bare) or _is_room(bare)


def _chunk(text: str, committee_short: str | None) -> tuple[str, int] | None:
    """The name-like phrase at the start of `text` ("Fjordby sykehus", "Vestre Vikens lokaler",
    "Grønland 32", "the Council Chamber") and where it ends; None when `text` does not start
    with one."""
    accepted: list[tuple[str, int]] = []  # word, end
    pending: list[tuple[str, int]] = []  # connectors waiting for a name after them
    position = 0
    for m in _WORD.finditer(text):
        if text[position : m.start()].strip():
            break  # punctuation between words ends the phrase
        word = m.group().rstrip(".")
        if not word:
            break
        end = m.start() + len(word)
        lower = word.lower()
        if not accepted:
            if lower == "the" and not pending:
                pending.append((word, end))
            elif _name_word(word, committee_short):
                accepted.extend(pending)
                pending = []
                accepted.append((word, end))
            else:
                return None
        elif lower in _CONNECTORS or lower in _POSSESSIVES:
            pending.append((word, end))
        elif _is_number(word) and not pending:
            accepted.append((word, end))
        elif _name_word(word, committee_short):
            if pending and pending[-1][0].lower() in _POSSESSIVES and not _is_room(word):
                return None  # "Kari sitt forslag": only "Kari sitt kontor" is a place
            accepted.extend(pending)
            pending = []
            accepted.append((word, end))
        elif pending and pending[-1][0].lower() in _POSSESSIVES:
            return None  # "i Kari Nordmann sitt fravær"
        else:
            break
        position = end
        if m.group().endswith(".") and not _is_number(word):
            if not _abbreviation(word):
                break  # a sentence's end
            position = m.end()  # "St. Olavs hospital" goes on
    names = [w for w, _ in accepted if w.lower() != "the"]
    if not names:
        return None
    if len(names) == 1 and names[0].isupper() and len(names[0]) <= 6:
        return None  # "LSU", "NAV": an abbreviation alone is a body, not a place
    end = accepted[-1][1]
    if _UNDECIDED.match(text[end:]):
        return None  # "i Fjordby eller Lindvik": not settled
    last = names[-1]
    if not _BOUNDARY.match(text[end:]) and last.endswith("s") and not _is_room(last):
        return None  # "i Kari Nordmanns fravær": a genitive of something else
    return text[:end].strip(), end


def _phrase(text: str, committee_short: str | None, *, first_needs_room: bool) -> str | None:
    """A place of one or more comma-joined chunks at the start of `text`: "Fjordby sykehus,
    Møterom Fjellet", "Vestre Vikens lokaler, Grønland 32, Drammen". A chunk after the first
    must stand alone between separators ("…, Kari Nordmann leder møtet" adds nothing)."""
    first = _chunk(text, committee_short)
    if first is None:
        return None
    place, end = first
    if first_needs_room and not _room_like(place):
        return None
    while True:
        sep = re.match(r"\s*,\s*", text[end:])
        if sep is None:
            break
        start = end + sep.end()
        more = _chunk(text[start:], committee_short)
        if more is None:
            break
        words, length = more
        after = text[start + length :]
        if not re.match(r"\s*(?:$|[.,;:()!?\t])", after):
            break
        place += ", " + words
        end = start + length
    return place


def _room_like(place: str) -> bool:
    """A phrase that names a room, building or street standing without a preposition."""
    words = place.split()
    return any(_is_room(w) for w in words) or any(
        _is_cap(a) and _is_number(b) for a, b in pairwise(words)
    )


def _virtual(text: str, limit: int) -> str | None:
    """A meeting held online, the platform's name first ("digitalt på Teams" is "Teams")."""
    platform = _PLATFORM_AS_PLACE.search(text)
    if platform and platform.start("platform") <= limit:
        return re.sub(r"\s+", " ", platform["platform"])
    virtual = _VIRTUAL_AS_PLACE.search(text)
    if virtual and virtual.start("virtual") <= limit:
        return re.sub(r"^(?:på|via|by|over)\s+", "", virtual["virtual"].lower())
    return None


# Words that may stand between a meeting's date and its place: how it is held, not what it
# does ("blir et fysisk møte på …", "will be held at 7pm in …"). Any other word ends the
# search: "skal vi diskutere saken i Lindvik kommune" names no place of the meeting.
_MEETING_TALK = _words(
    """
    blir bli er være skal vil kan holdes avholdes gjennomføres går foregår skjer finner sted
    satt settes berammet planlagt planlegges foreløpig preliminært fastsatt et ett en som
    vanlig fysisk fysiske digitalt digital møte møtet hybrid og også denne gangen nok
    på i ved hos kl klokken fra til den da alle samtlige begge
    will would be is are held take takes place scheduled planned provisionally tentatively
    a an the meeting physical hybrid in-person on at from as usual also to and all both
    planeras preliminärt bokas bokat hålls är ett fysiskt möte mötet äger rum
    vekselvis vekslende annenhver gang alternerende omgang rundgang rullerende turvis
    alternately alternating rotation rotating växelvis
    """
)
_VERBS = _words(
    """
    blir bli er holdes avholdes gjennomføres går foregår skjer finner skal vil
    will is are be held takes take hålls är äger sker
    """
)


def _limit(text: str) -> tuple[int, bool]:
    """Where the first word that is not meeting talk stands (a place may begin there, not
    after), and whether a verb of holding comes before it."""
    verb = False
    for m in re.finditer(r"[\w'’-]+", text):
        word = m.group().lower()
        if word in _MEETING_TALK or word in MONTHS or word in _WEEKDAYS:
            verb = verb or word in _VERBS
            continue
        return m.start(), verb
    return len(text), verb


def place_in(
    text: str, committee_short: str | None = None, *, needs_verb: bool = False
) -> str | None:
    """The place named in `text`, the clause after a meeting's date (or, `needs_verb`, the
    rest of a sentence about the meeting after "Møtet"): after a label, after a preposition,
    standing alone when room-like, or a word for meeting online — reached through words of
    how a meeting is held only. None when there is none or it cannot be told from other words.
    """
    text = _TIME.sub(" ", text)
    label = _LABEL.search(text)
    if label:
        found = _phrase(text[label.end() :], committee_short, first_needs_room=False)
        return _fit(found or _virtual(text[label.end() :], len(text)))
    limit, verb = _limit(text)
    if needs_verb and not verb:
        return None
    alternating = _ALTERNATING.search(text)
    for prep in _PREPOSITION.finditer(text):
        if prep.start() > limit:
            break
        found = _phrase(text[prep.end() :], committee_short, first_needs_room=False)
        if found:
            if alternating and alternating.end() <= prep.start():
                # "vekselvis i Fjordby og Lindvik": which is where is not said; keep the words
                found = text[alternating.start() : prep.end()] + found
            return _fit(found)
    for start in [0, *(sep.end() for sep in _SEPARATOR.finditer(text))]:
        if start > limit:
            break
        found = _phrase(text[start:], committee_short, first_needs_room=True)
        if found:
            return _fit(found)
    return _fit(_virtual(text, limit))


def _fit(place: str | None) -> str | None:
    if not place:
        return None
    place = re.sub(r"\s+", " ", place).strip(" ,;:.")
    return place if 0 < len(place) <= _MAX_PLACE else None


# The next sentence speaks of the announced meeting(s): "Møtet holdes på Storøya",
# "The meeting will be held in Room 204", "Møtene holdes vekselvis i Fjordby og Lindvik".
_REFERENCE = re.compile(
    r"^\s*(?:[-•*–]\s*)?(?:(?P<one>møtet|mötet|dette\s+møtet|the\s+meeting|this\s+meeting"
    r"|it)|(?P<many>møtene|mötena|disse\s+møtene|alle\s+møtene|the\s+meetings"
    r"|these\s+meetings|all\s+meetings|meetings))\b(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)


def reference_place(sentence: str, committee_short: str | None = None) -> tuple[str, str] | None:
    """("one" | "many", place) when `sentence` says where the meeting or meetings just named
    are held ("Møtet holdes på Storøya"); None otherwise ("Møtet i Fjordby ble avlyst", "Møtet
    skal behandle budsjettet i Fjordby kommune")."""
    m = _REFERENCE.match(sentence)
    if m is None:
        return None
    place = place_in(m["rest"], committee_short, needs_verb=True)
    if place is None:
        return None
    return ("one" if m["one"] else "many"), place


def labelled_place(sentence: str, committee_short: str | None = None) -> str | None:
    """The place of a sentence that is a label and its value: "Sted: Rådhuset"."""
    if not _LABEL.match(sentence.strip()):
        return None
    return place_in(sentence, committee_short)


# Where the clause about a date ends: a sentence's end, a table cell's edge.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-ZÆØÅ][a-zæøå])[.!?](?=\s+[A-ZÆØÅÄÖ\"«(-]|\s*$)|\t|\s[•]\s"
)  # not after "St." or "Dr."


def clause_end(text: str, start: int, stops: list[int]) -> int:
    """Where the clause that begins at `start` ends: the first sentence end after it, or the
    first of `stops` (the next announcement or date), or the text's end."""
    end = len(text)
    m = _SENTENCE_END.search(text, start)
    if m:
        end = m.start()
    return min([end, *(s for s in stops if s > start)])


def next_sentence(text: str, start: int) -> str:
    """The sentence that begins at or after `start` (after the end mark found there)."""
    rest = text[start:]
    rest = re.sub(r"^[.!?\t\s•]+", "", rest)
    m = _SENTENCE_END.search(rest)
    return rest[: m.start()] if m else rest
