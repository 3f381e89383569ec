"""Time filters in chat questions: "i 2023", "i fjor", "siden 2022", "last year", "i høst".

Works on folded text (see `text.fold`). Relative periods are resolved against the caller's
`today`; a few ("i høst", "i mars") point back in time for questions about decisions and
forward for questions about meetings, which is what `future` selects.
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from .text import fold_pattern


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


@dataclass(frozen=True, slots=True)
class PeriodMatch:
    start: int  # span in the folded text
    end: int
    resolve: Callable[[date, bool], Period]  # (today, future) -> the period
    prefix: str  # the word in front, folded ("i", "for", "siden"), or ""
    kind: str  # what the prefix makes of it: "in", "since", "after", "before"


YEAR = r"(?<![\w./])(?:19|20)\d\d(?![\w]|[./]\d)"
NUMBERS: MappingProxyType[str, int] = MappingProxyType({
    "en": 1, "ett": 1, "et": 1, "ei": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3,
    "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7,
    "seven": 7, "atte": 8, "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11,
    "eleven": 11, "tolv": 12, "twelve": 12, "femten": 15, "fifteen": 15, "tjue": 20,
    "twenty": 20,
})  # fmt: skip
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"

MONTHS: MappingProxyType[str, int] = MappingProxyType({
    "januar": 1, "january": 1, "februar": 2, "february": 2, "mars": 3, "march": 3,
    "april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "august": 8,
    "september": 9, "oktober": 10, "october": 10, "november": 11, "desember": 12,
    "december": 12,
})  # fmt: skip
MONTH_ABBREVIATIONS: MappingProxyType[str, int] = MappingProxyType({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12,
})  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ANY_MONTH = "|".join(sorted({**MONTHS, **MONTH_ABBREVIATIONS}, key=len, reverse=True))

SEASONS: MappingProxyType[str, str] = MappingProxyType({
    "host": "autumn", "hosten": "autumn", "autumn": "autumn", "fall": "autumn",
    "var": "spring", "varen": "spring", "spring": "spring",
    "sommer": "summer", "sommeren": "summer", "summer": "summer",
    "vinter": "winter", "vinteren": "winter", "winter": "winter",
})  # fmt: skip
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MM = r"(?:0?[1-9]|1[0-2])"
_SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
_SEASON_FIRST_MONTH = MappingProxyType({"spring": 3, "summer": 6, "autumn": 9, "winter": 12})

# A month alone is a period after these (or a since/before word: "siden mars"); not after
# "for": "oppgaver for August" asks for a person's tasks.
_MONTH_WORD = re.compile(r"(?:i|in|during|under|fra|from)\s")

# Words in front of a period: since-words open it up to today, before-words close it at the
# start, in-words change nothing ("fra 2023" = decisions from 2023, i.e. in 2023).
_SINCE = ("siden", "since", "fra og med", "fom", "etter", "after")
_BEFORE = ("før", "before", "prior to", "inntil", "until")
_IN = ("i", "in", "for", "during", "under", "fra", "from", "på", "av", "of", "within", "innen")
_SINCE_WORDS = frozenset(fold_pattern(w) for w in _SINCE)
_BEFORE_WORDS = frozenset(fold_pattern(w) for w in _BEFORE)
_PREFIX = (  # a word of its own: "in" is no prefix inside "rain tomorrow"
    r"(?:(?<!\w)(?P<pre>"
    + "|".join(fold_pattern(w).replace(" ", r"\s+") for w in (*_SINCE, *_BEFORE, *_IN))
    + r")\s+)?"
)
_ONWARDS = fold_pattern(
    r"(?:\s+(?P<onwards>og\s+utover|og\s+senere|og\s+fremover|and\s+later|and\s+after|"
    r"or\s+later|onwards|til\s+nå|until\s+now|to\s+date|up\s+to\s+now))?"
)


def _year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def _season_period(season: str, year: int) -> Period:
    """Spring, summer, autumn of `year`; the winter of `year` runs from December before."""
    if season == "winter":
        return Period(date(year - 1, 12, 1), date(year, 2, monthrange(year, 2)[1]))
    first = _SEASON_FIRST_MONTH[season]
    return Period(date(year, first, 1), _month_period(year, first + 2).end)


def _nearest(periods: Callable[[int], Period], today: date, how: str) -> Period:
    """The started one nearest before today ("i høst" about decisions), the one not yet over
    ("i høst" about meetings), the last one already over ("last autumn") or the next one
    not yet begun ("next spring")."""
    years = range(today.year - 2, today.year + 3)
    candidates = [periods(y) for y in years]
    if how == "started":
        return max((p for p in candidates if p.start <= today), key=lambda p: p.start)
    if how == "ended":
        return max((p for p in candidates if p.end < today), key=lambda p: p.start)
    if how == "not_ended":
        return min((p for p in candidates if p.end >= today), key=lambda p: p.start)
    return min((p for p in candidates if p.start > today), key=lambda p: p.start)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _rolling(n: int, unit: str, today: date) -> Period:
    unit = unit[0]  # a(r), y(ear), m(aned/onth), u(ke), w(eek), d(ag/ay)
    if unit in "ay":
        start = _add_months(today, -12 * n)
    elif unit == "m":
        start = _add_months(today, -n)
    elif unit in "uw":
        start = today - timedelta(weeks=n)
    else:
        start = today - timedelta(days=n)
    return Period(start, today)


def _week(today: date, offset: int) -> Period:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
    return Period(monday, monday + timedelta(days=6))


Builder = Callable[[re.Match[str], date, bool], Period]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(_PREFIX + r"\b" + fold_pattern(pattern) + _ONWARDS)


def _b_range(m: re.Match[str], today: date, future: bool) -> Period:
    a, b = sorted((int(m["y1"]), int(m["y2"])))
    return Period(date(a, 1, 1), date(b, 12, 31))


def _b_rolling(m: re.Match[str], today: date, future: bool) -> Period:
    return _rolling(_number(m["n"]) if m["n"] else 1, m["unit"], today)


def _b_season_year(m: re.Match[str], today: date, future: bool) -> Period:
    return _season_period(SEASONS[m["season"]], int(m["y"]))


def _b_month_year(m: re.Match[str], today: date, future: bool) -> Period:
    month = MONTHS.get(m["month"]) or MONTH_ABBREVIATIONS[m["month"]]
    return _month_period(int(m["y"]), month)


def _b_day_of_month(m: re.Match[str], today: date, future: bool) -> Period:
    """ "14. oktober", "14.10", "14.10.2026": that day; without a year the latest one begun
    (questions about what was decided) or the next one not over (about meetings)."""
    found = m.groupdict()
    named = found.get("month")
    month = MONTHS.get(named) or MONTH_ABBREVIATIONS[named] if named else int(found["mm"])
    day = int(m["d"])
    if m["y"]:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        return Period(*(2 * (date(year, month, min(day, monthrange(year, month)[1])),)))

    def on(year: int) -> Period:
        d = date(year, month, min(day, monthrange(year, month)[1]))
        return Period(d, d)

    return _nearest(on, today, "not_ended" if future else "started")


def _b_year(m: re.Match[str], today: date, future: bool) -> Period:
    return _year_period(int(m["y"]))


def _b_relative_year(offset: int) -> Builder:
    return lambda m, today, future: _year_period(today.year + offset)


def _b_season_last_year(m: re.Match[str], today: date, future: bool) -> Period:
    season = SEASONS[m["season"]]
    # "i fjor vinter": the winter whose January fell last year, like the others
    return _season_period(season, today.year - 1)


def _b_season(how_past: str, how_future: str) -> Builder:
    def build(m: re.Match[str], today: date, future: bool) -> Period:
        season = SEASONS[m["season"] or m["season2"]]
        return _nearest(
            lambda y: _season_period(season, y), today, how_future if future else how_past
        )

    return build


def _b_month(m: re.Match[str], today: date, future: bool) -> Period:
    month = MONTHS[m["month"] or m.groupdict().get("month2")]
    return _nearest(lambda y: _month_period(y, month), today, "not_ended" if future else "started")


def _b_relative_month(offset: int) -> Builder:
    def build(m: re.Match[str], today: date, future: bool) -> Period:
        first = _add_months(today.replace(day=1), offset)
        return _month_period(first.year, first.month)

    return build


def _b_week(offset: int) -> Builder:
    return lambda m, today, future: _week(today, offset)


def _b_day(offset: int) -> Builder:
    def build(m: re.Match[str], today: date, future: bool) -> Period:
        day = today + timedelta(days=offset)
        return Period(day, day)

    return build


_UNITS = (
    r"(?P<unit>år|årene|året|years?|måneder|månedene|mnd|months?|uker|ukene|weeks?|dager|"
    r"dagene|days?)"
)
_BACK = r"(?:siste|seneste|forrige|last|past|previous)"
# (pattern, builder, needs a word in front): the first pattern that matches wins
_CORES: tuple[tuple[re.Pattern[str], Builder, bool], ...] = (
    (
        _rx(
            rf"(?:mellom\s+|between\s+)?(?P<y1>{YEAR})\s*(?:-|til|to|og|and|until|through)?\s*"
            rf"(?P<y2>{YEAR})"
        ),
        _b_range,
        False,
    ),
    (_rx(rf"(?:(?:de|den|det|the)\s+)?{_BACK}\s+(?P<n>{NUMBER})\s+{_UNITS}\b"), _b_rolling, False),
    (_rx(rf"(?:(?:de|the)\s+)?(?P<n>{NUMBER})\s+{_BACK}\s+{_UNITS}\b"), _b_rolling, False),
    (
        _rx(r"(?:(?:det|den)\s+)?(?:siste|seneste)\s+(?P<n>)(?P<unit>året|år|måneden|uken|uka)\b"),
        _b_rolling,
        False,
    ),
    (
        _rx(r"(?:(?:the\s+)?past|the\s+last)\s+(?P<n>)(?P<unit>year|month|week)\b"),
        _b_rolling,
        False,
    ),
    (_rx(rf"(?P<season>{_SEASON})\s+(?:of\s+)?(?P<y>{YEAR})"), _b_season_year, False),
    (
        _rx(rf"(?P<d>{_DAY})\.?\s*(?P<month>{_ANY_MONTH})\b\.?(?:\s+(?P<y>{YEAR}))?"),
        _b_day_of_month,
        False,
    ),
    # "14.10", "14.10.2026", "14.10.26" — but not a time of day ("kl 10.05")
    (
        _rx(
            rf"(?<!kl )(?<!klokka )(?<!klokken )(?<!at )(?P<d>{_DAY})\.(?P<mm>{_MM})"
            rf"(?:\.(?P<y>(?:19|20)\d\d|\d\d))?(?![\w.:]|/\d)"
        ),
        _b_day_of_month,
        False,
    ),
    (_rx(rf"(?P<month>{_ANY_MONTH})\.?\s+(?P<y>{YEAR})"), _b_month_year, False),
    (_rx(rf"(?:(?:året|år|the\s+year|year)\s+)?(?P<y>{YEAR})"), _b_year, False),
    (_rx(r"(?:i\s+)?forfjor|the\s+year\s+before\s+last"), _b_relative_year(-2), False),
    (_rx(rf"(?:i\s+)?fjor\s*(?P<season>{_SEASON})\b"), _b_season_last_year, False),
    (
        _rx(r"(?:(?:i\s+)?fjor(?:året|år)?|last\s+year|previous\s+year|forrige\s+år(?:et)?)\b"),
        _b_relative_year(-1),
        False,
    ),
    (
        _rx(
            r"(?:i\s*år|dette\s+år(?:et)?|this\s+year|(?:the\s+)?current\s+year|"
            r"inneværende\s+år)\b"
        ),
        _b_relative_year(0),
        False,
    ),
    (_rx(r"(?:neste\s+år|next\s+year)\b"), _b_relative_year(1), False),
    (
        _rx(
            rf"(?:i|in\s+the|this|denne)\s+(?P<season>{_SEASON})\b"
            r"|(?P<season2>høsten|sommeren|vinteren)\b"
        ),
        _b_season("started", "not_ended"),
        False,
    ),
    (
        _rx(rf"(?:last|previous|forrige)\s+(?P<season>{_SEASON})\b"),
        _b_season("ended", "ended"),
        False,
    ),
    (_rx(rf"(?:next|neste)\s+(?P<season>{_SEASON})\b"), _b_season("begins", "begins"), False),
    (
        _rx(r"(?:i\s+)?(?:forrige|sist|last|previous)\s+(?:måned(?:en)?|month)\b"),
        _b_relative_month(-1),
        False,
    ),
    (
        _rx(r"(?:(?:denne|this|current)\s+(?:måneden|måned|month)|i\s+måneden)\b"),
        _b_relative_month(0),
        False,
    ),
    (_rx(r"(?:neste|next)\s+(?:måned|month)\b"), _b_relative_month(1), False),
    (_rx(r"(?:i\s+)?(?:forrige|sist|last|previous)\s+(?:uke|uka|week)\b"), _b_week(-1), False),
    (_rx(r"(?:denne|this)\s+(?:uken|uka|uke|week)\b"), _b_week(0), False),
    (_rx(r"(?:neste|next)\s+(?:uke|week)\b"), _b_week(1), False),
    (_rx(r"(?:i\s*dag|today)\b"), _b_day(0), False),
    (_rx(r"(?:i\s*går|yesterday)\b"), _b_day(-1), False),
    (_rx(r"(?:i\s*morgen|tomorrow)\b"), _b_day(1), False),
    # "the March meeting", "marsmøtet", "oktober-møtet": a month that names a meeting. The
    # meeting word stays, read as in "møtet i mars".
    (
        _rx(
            rf"(?:the\s+)?(?P<month>{_MONTH})(?=\s+(?:board\s+|committee\s+)?meetings?\b)"
            rf"|(?P<month2>{_MONTH})-?(?=møte(?:t|ne)?\b)"
        ),
        _b_month,
        False,
    ),
    (_rx(rf"(?:(?:i|in|during|under)\s+)?(?P<month>{_MONTH})\b"), _b_month, True),
)


def find_period(text: str, source: Callable[[int, int], str], today: date) -> PeriodMatch | None:
    """The first period the folded `text` names. `source` gives the original of a span (to
    tell "før" from "for"); `today` keeps a bare future year in a topic ("Helseplan 2030")."""
    if not _any_core().search(text):
        return None  # most questions name no period: one scan instead of one per pattern
    for pattern, build, needs_word in _CORES:
        for m in pattern.finditer(text):
            pre = re.sub(r"\s+", " ", m["pre"] or "")
            inner = text[m.end("pre") if pre else m.start() : m.end()]
            kind = _prefix_kind(pre, source(m.start("pre"), m.end("pre")) if pre else "")
            if needs_word and kind == "in" and not _MONTH_WORD.match(f"{pre} {inner}".strip()):
                continue  # "i mars", "since March" — but not "oppgaver for August"
            if build is _b_year and not pre and int(m["y"]) > today.year:
                continue  # "Helseplan 2030": a name, not a filter
            resolve = _resolver(m, build, kind, bool(m["onwards"]))
            return PeriodMatch(m.start(), m.end(), resolve, pre, kind)
    return None


@functools.cache
def _any_core() -> re.Pattern[str]:
    """What every match of `_CORES` holds: one of their cores (the pattern after its optional
    prefix word), at a word's start."""
    head, tail, cores = _PREFIX + r"\b", _ONWARDS, []
    for pattern, _, _ in _CORES:
        full = pattern.pattern
        assert full.startswith(head) and full.endswith(tail), full  # as _rx builds them
        core = full[len(head) : len(full) - len(tail)]
        cores.append(re.sub(r"\(\?P<\w+>", "(?:", core))  # group names repeat
    return re.compile(r"\b(?:" + "|".join(f"(?:{core})" for core in cores) + ")")


def _prefix_kind(word: str, original: str) -> str:
    if not word:
        return "in"
    if word == "for":
        return "before" if original.lower().startswith(("fø", "foe")) else "in"
    if word in _SINCE_WORDS:
        return "after" if word in {"etter", "after"} else "since"
    if word in _BEFORE_WORDS:
        return "before"
    return "in"


def _resolver(m: re.Match[str], build: Builder, kind: str, onwards: bool) -> Callable[..., Period]:
    def resolve(today: date, future: bool) -> Period:
        p = build(m, today, future)
        if kind == "since" or onwards:
            return Period(p.start, max(today, p.start))
        if kind == "after":
            start = p.end + timedelta(days=1)
            return Period(start, max(today, start))
        if kind == "before":
            return Period(date.min, p.start - timedelta(days=1))
        return p

    return resolve
