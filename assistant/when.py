"""Dates and times in chat: deadlines of action items and meeting times, bokmål and English.

    find_when("oppgave: Per sender brevet innen 5. desember", now, tz)  # the one in a message
    parse_when("om to uker", now, tz)  # a dialog answer that must be all date/time, else None

`now` is an aware datetime (assistant.clock); "today" is `now` in the committee's zone `tz`,
never the machine's. The rules, where a reading had to be chosen:
- A date without a year is its next occurrence, today included; an explicit year is kept.
  When that is next year because this year's passed less than half a year ago ("1. desember"
  typed on 4 December), `passed` holds this year's: a deadline's dialog asks which is meant.
- A weekday, alone or after innen/på/til/by/on/kommende/this, is the coming one, today excluded.
- "neste fredag"/"next Friday": that weekday in the next ISO week (Monday-Sunday), both languages.
- A weekday in front of a date is read over: "fredag 4. desember" is 4 December, whatever day.
- "uke 49"/"week 49"/"neste uke" are approximate: that ISO week's Friday, next year's if passed.
- Seasons need a year ("Høst 2026") and are approximate: the season's last day (minutes.dates).
- "slutten av januar"/"end of January": approximate, the month's last day; "utgangen av": exact.
- "om to uker"/"in 3 days"/"innen 14 dager" is today plus that; months clamp to the month's end.
- Numeric dates are day first: 5.12, 05.12.2026, 5.12.26 (20xx) and ISO 2026-12-05.
- Slashes are never dates: US "12/5" and Norwegian "5/12" are different days, "3/4" a fraction.
- "5.12" is a date unless labelled (sak, punkt, versjon, kr, §…) or followed by a unit (mill, %…).
- English "may" is the month only when written "May": "Amir may draft" has no date.
- Times are 24-hour after kl/klokka ("kl 13" = 13:00) or with a colon ("13:30"); am/pm in English.
- A bare "13.30" is not a time (it may be a number or a date); "13.00-15.30" as a range is.
- A range needs end > start, otherwise nothing is found ("kl 15-13").
- find_when takes the first expression with a day, else the first time; a time next to it joins.
- `span` includes lead words (innen, frist:, by, …) for cutting; `text` is the expression without.
- No dateparser: it reads "5.12" as 05:12, puts a date that is today in next year, misses "neste
  fredag", "i overmorgen" and "uke 49", and costs ~1.5 ms a call (test_when.py shows the cases).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from assistant import when_words as w
from minutes.dates import MONTHS, SEASONS


@dataclass(frozen=True, slots=True)
class When:
    day: date | None  # None when only a time was given ("kl 13.30")
    start: time | None
    end: time | None  # of a range: "kl 13-15"
    approximate: bool  # "Høst 2026", "uke 49": show and store `text` as written
    text: str  # the expression as written, without lead words
    span: tuple[int, int]  # in the message, with lead words ("innen", "frist:", "by" …)
    # This year's date, passed recently, when `day` (no year written) is next year's.
    passed: date | None = None

    def is_past(self, now: datetime, tz: tzinfo) -> bool:
        """The day is before today in `tz`: a deadline the dialog should question."""
        return self.day is not None and self.day < _today(now, tz)

    def at(self, tz: tzinfo) -> datetime | None:
        """The aware start (midnight when there is no time); None without a day."""
        if self.day is None:
            return None
        return datetime.combine(self.day, self.start or time(0), tzinfo=tz)

    def rest(self, message: str) -> str:
        """`message` without the span: the description in a one-line command."""
        before = message[: self.span[0]].rstrip(" \t\n,;–—")
        after = message[self.span[1] :].lstrip(" \t\n,;:.–—")
        return f"{before} {after}".strip()


def find_when(text: str, now: datetime, tz: tzinfo) -> When | None:
    """The first date (with an adjacent time) in `text`, else the first time; None if neither."""
    pieces = _pieces(text, _today(now, tz))
    if not pieces:
        return None
    i = next((i for i, p in enumerate(pieces) if p.day is not None), 0)
    first = last = piece = pieces[i]
    if piece.day is not None and not piece.approximate:
        if i + 1 < len(pieces) and _joins(text, piece, pieces[i + 1]):
            last = pieces[i + 1]
        elif i > 0 and _joins(text, pieces[i - 1], piece):
            first = pieces[i - 1]
    times = first.times or last.times or (None, None)
    lead = _LEAD.search(text, max(0, first.start - 30), first.start)
    return When(
        day=piece.day,
        start=times[0],
        end=times[1],
        approximate=piece.approximate,
        text=text[first.start : last.end],
        span=(lead.start() if lead else first.start, last.end),
        passed=piece.passed,
    )


def parse_when(text: str, now: datetime, tz: tzinfo) -> When | None:
    """A dialog answer that is one date/time expression ("5.12", "innen fredag"), else None.
    What the rules do not read, dateparser may ("December the 5th")."""
    found = find_when(text, now, tz)
    if found is None:
        return _dateparser_day(text, now, tz)
    if text[: found.span[0]].strip() or text[found.span[1] :].strip(" \t\n.!"):
        return None
    return found


def _dateparser_day(text: str, now: datetime, tz: tzinfo) -> When | None:
    """The long tail of whole-answer dates, by dateparser ("December the 5th"): only with a
    month's name in it, as without one it reads "2.5 timer" and "3,5 %" as dates, and
    slashes stay refused (see the rules). Imported late: loading it takes ~0.1 s."""
    stripped = text.strip(" \t\n.!")
    words = re.findall(r"[^\W\d_]+", stripped.lower())
    if "/" in stripped or not any(word in MONTHS for word in words):
        return None
    import dateparser

    base = now.astimezone(tz).replace(tzinfo=None)
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base, "DATE_ORDER": "DMY",
                "REQUIRE_PARTS": ["day", "month"]}  # fmt: skip
    parsed = dateparser.parse(stripped, languages=["nb", "en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    passed = None if str(day.year) in stripped else recently_passed(base.date(), day)
    return When(day, None, None, False, stripped, (0, len(text)), passed)


# ------------------------------------------------------------------ pieces and how they join


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    day: date | None = None
    times: tuple[time, time | None] | None = None
    approximate: bool = False
    passed: date | None = None  # see When.passed


_Reader = Callable[[re.Match[str], date], _Piece | None]


def _today(now: datetime, tz: tzinfo) -> date:
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(tz).date()


def _pieces(text: str, today: date) -> list[_Piece]:
    """Every date and time found, overlaps settled leftmost-longest ("kl 10.05" is a time)."""
    found = [p for rx, read in _READERS for m in rx.finditer(text) if (p := read(m, today))]
    found.sort(key=lambda p: (p.start, -p.end))
    chosen: list[_Piece] = []
    for p in found:
        if not chosen or p.start >= chosen[-1].end:
            chosen.append(p)
    return chosen


def _joins(text: str, a: _Piece, b: _Piece) -> bool:
    """A day and a time next to each other: "i morgen kl 13", "kl 13 på fredag"."""
    return (a.times is None) != (b.times is None) and bool(_GAP.fullmatch(text, a.end, b.start))


# ------------------------------------------------------------------ patterns


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_alt = w.alternation
_WEEKDAY = _alt(w.WEEKDAYS)
_MONTH = _alt(MONTHS)
_ABBREVIATIONS = {
    a for a in MONTHS if len(a) <= 4 and any(b.startswith(a) for b in MONTHS if b != a)
}
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_ON_WEEKDAY = rf"(?:\b(?:{_WEEKDAY}),?\s+(?:den\s+|the\s+)?)?"  # "fredag 4.12", "Friday, Dec 4"
_NUM_START = r"(?<![\w.,:/%§$€£-])"  # not inside a longer number, a path, a range, an amount
_NUM_END = r"(?![\w/%-]|[.,:]\d)"
_ORDINAL = r"(?:st|nd|rd|th)"
_H = r"(?:[01]?\d|2[0-3])"
_M = r"[0-5]\d"
_KL = r"(?:kl\.?|klokka|klokken)\s*"
_AT = r"(?:\bat\s+)?"
_AP = r"(?:am|pm|a\.m\.|p\.m\.)"
_H12 = r"(?:1[0-2]|0?[1-9])"
_DASH = r"\s*[-–—]\s*"

_DAY_MONTH_NAME = _rx(
    rf"{_ON_WEEKDAY}{_NUM_START}(?P<d>[0-3]?\d)(?:\.|{_ORDINAL})?\s*(?:of\s+)?"
    rf"(?P<mon>{_MONTH})\b\.?(?:,?\s+{_YEAR})?"
)  # "5. desember", "5.des. 2026", "5th of December"
_MONTH_NAME_DAY = _rx(
    rf"{_ON_WEEKDAY}\b(?P<mon>{_MONTH})\.?\s+(?P<d>[0-3]?\d){_ORDINAL}?(?!\w|[.,:]\d)"
    rf"(?:,?\s+{_YEAR})?"
)  # "December 5", "Dec. 5th, 2026"
_NUMERIC = _rx(
    rf"{_ON_WEEKDAY}{_NUM_START}(?P<d>[0-3]?\d)\.(?P<mon>[01]?\d)"
    rf"(?:\.(?P<y>(?:19|20)?\d\d))?{_NUM_END}"
)  # "5.12", "05.12.2026", "5.12.26"
_ISO = _rx(rf"{_ON_WEEKDAY}(?<![\w.-])(?P<y>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<d>[0-3]\d)(?![\w-])")
_RELATIVE_DAY = _rx(rf"\b(?P<rel>{_alt(w.RELATIVE_DAYS)})\b")
_WEEKDAY_RX = _rx(
    rf"\b(?:(?P<mod>{_alt((*w.NEXT_WEEK, *w.THIS_WEEK, *w.COMING))})\s+)?(?P<wd>{_WEEKDAY})\b"
)
_IN_N = _rx(
    rf"\b(?:{_alt(w.IN)})\s+(?P<n>\d{{1,3}}|{_alt(w.NUMBERS)})\s+(?P<unit>{_alt(w.UNITS)})\b"
)
_WEEK_N = _rx(rf"\b(?:{_alt(w.WEEK)})\s*(?P<n>\d{{1,2}})(?!\w|[.,:]\d)(?:(?:\s+|/|,\s*){_YEAR})?")
_THIS_OR_NEXT_WEEK = _rx(rf"\b(?P<rel>{_alt((*w.NEXT_WEEK, *w.THIS_WEEK))})\s+(?:{_alt(w.WEEK)})\b")
_SEASON = _rx(rf"\b(?:(?:{_alt(w.SEASON_PREFIX)})\s+)?(?P<s>{_alt(SEASONS)})\s+{_YEAR}")
_END_OF = _rx(
    rf"\b(?P<kind>{_alt(w.END_OF)})\s+(?:av|of)\s+(?:the\s+)?"
    rf"(?P<what>{_alt((*MONTHS, *w.THIS_MONTH, *w.THIS_YEAR))})\b(?:\s+{_YEAR})?"
)
_KL_TIME = _rx(
    rf"\b{_KL}(?P<h1>{_H})(?:[.:](?P<m1>{_M}))?"
    rf"(?:{_DASH}(?:{_KL})?(?P<h2>{_H})(?:[.:](?P<m2>{_M}))?)?(?!\d|[.:]\d)"
)  # "kl 13", "kl. 13:30", "kl 13-15"
_CLOCK_RANGE = _rx(
    rf"{_AT}(?<![\w.:,])(?P<h1>{_H})[.:](?P<m1>{_M}){_DASH}(?P<h2>{_H})[.:](?P<m2>{_M})"
    r"(?!\w|[.:,]\d)"
)  # "13:00-15:00", "13.00 - 15.30"
_CLOCK = _rx(rf"{_AT}(?<![\w.:,])(?P<h1>{_H}):(?P<m1>{_M})(?!\w|[.:,]\d|{_DASH}\d)")  # "13:30"
_AM_PM = _rx(
    rf"{_AT}(?<![\w.:,])(?P<h1>{_H12})(?::(?P<m1>{_M}))?\s*(?P<ap1>{_AP})?"
    rf"(?:{_DASH}(?P<h2>{_H12})(?::(?P<m2>{_M}))?\s*(?P<ap2>{_AP}))?(?!\w)"
)  # "1pm", "at 1:30 pm", "1-3pm", "11am-1pm"

# "\s*(?:,\s*)?" rather than "\s*,?\s*": a long gap that is no join fails in linear time, not
# after trying every split of its spaces between two "\s*".
_GAP = _rx(r"\s*(?:,\s*)?(?:(?:den|on|på|the|fra|from|at)\s+)?")
_LEAD = _rx(
    rf"\b(?:(?:{_alt(w.DEADLINE_WORDS)})(?::\s*|\s+)(?:(?:{_alt(w.LEAD_WORDS)})\s+)?"
    rf"|(?:{_alt(w.LEAD_WORDS)})\s+)$"
)
_LABEL_BEFORE = _rx(rf"(?:\b(?:{_alt(w.NUMBER_LABELS)})\.?|[§$€£])\s*$")
_UNIT_AFTER = _rx(rf"\s*(?:%|(?:{_alt(w.NUMBER_UNITS)})\b)")


# ------------------------------------------------------------------ readers


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _dated(
    m: re.Match[str], day: date | None, approximate: bool = False, end: int | None = None
) -> _Piece | None:
    return None if day is None else _Piece(m.start(), end or m.end(), day, None, approximate)


def _day_of_year(
    m: re.Match[str], today: date, month: int, day: int, year: str | None, end: int | None = None
) -> _Piece | None:
    """A day and month (and maybe a year) as written: a piece that knows, when no year was
    written, whether this year's date has just passed."""
    value = _date(today, month, day, year)
    piece = _dated(m, value, end=end)
    if piece is None or value is None or year is not None:
        return piece
    return _Piece(piece.start, piece.end, value, passed=recently_passed(today, value))


def recently_passed(today: date, day: date) -> date | None:
    """The same date a year before `day` when it is before `today` and nearer to it than
    `day` is: "1. desember" read on 4 December as next year's. None otherwise (and for a
    29 February with no 29 February the year before)."""
    if day.year <= today.year:
        return None
    try:
        before = day.replace(year=day.year - 1)
    except ValueError:
        return None
    return before if before < today and today - before < day - today else None


def _date(today: date, month: int, day: int, year: str | None) -> date | None:
    """The date; without a year its next occurrence from today (29 February may be years off)."""
    if year is not None:
        try:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        except ValueError:
            return None
    for y in range(today.year, today.year + 9):
        try:
            value = date(y, month, day)
        except ValueError:
            continue
        if value >= today:
            return value
    return None


def _is_amount(text: str, start: int, end: int) -> bool:
    """ "punkt 3.2", "kr 5.10", "1.5 mill", "2.5 timer": a number, not a date."""
    return bool(
        _LABEL_BEFORE.search(text, max(0, start - 20), start) or _UNIT_AFTER.match(text, end)
    )


def _month_name(m: re.Match[str], today: date) -> _Piece | None:
    name = m["mon"]
    if name.lower() == "may" and not name[0].isupper():
        return None  # "Amir may 5 …": the verb
    end = m.end()
    if end == m.end("mon") + 1 and name.lower() not in _ABBREVIATIONS:
        end -= 1  # "innen 5. desember." ends a sentence
    return _day_of_year(m, today, MONTHS[name.lower()], int(m["d"]), m["y"], end=end)


def _numeric(m: re.Match[str], today: date) -> _Piece | None:
    digits = min(i for i in (m.start("d"), m.start("y")) if i >= 0)  # after any weekday
    if _is_amount(m.string, digits, m.end()):
        return None
    return _day_of_year(m, today, int(m["mon"]), int(m["d"]), m["y"])


def _relative_day(m: re.Match[str], today: date) -> _Piece | None:
    return _dated(m, today + timedelta(days=w.RELATIVE_DAYS[_key(m["rel"])]))


def _monday(today: date) -> date:
    return today - timedelta(days=today.weekday())


def _weekday(m: re.Match[str], today: date) -> _Piece | None:
    weekday = w.WEEKDAYS[m["wd"].lower()]
    if (m["mod"] or "").lower() in w.NEXT_WEEK:
        return _dated(m, _monday(today) + timedelta(weeks=1, days=weekday))
    return _dated(m, today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1))


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def _in_n(m: re.Match[str], today: date) -> _Piece | None:
    n = int(m["n"]) if m["n"].isdigit() else w.NUMBERS[m["n"].lower()]
    unit = w.UNITS[m["unit"].lower()]
    if unit in "dw":
        return _dated(m, today + timedelta(days=n * (7 if unit == "w" else 1)))
    return _dated(m, _add_months(today, n * (12 if unit == "y" else 1)))


def _week_n(m: re.Match[str], today: date) -> _Piece | None:
    week, iso = int(m["n"]), today.isocalendar()
    year = int(m["y"]) if m["y"] else iso.year + (week < iso.week)
    try:
        return _dated(m, date.fromisocalendar(year, week, 5), approximate=True)
    except ValueError:
        return None  # week 0, or 53 in a year without it


def _this_or_next_week(m: re.Match[str], today: date) -> _Piece | None:
    weeks = 1 if m["rel"].lower() in w.NEXT_WEEK else 0
    return _dated(m, _monday(today) + timedelta(weeks=weeks, days=4), approximate=True)


def _season(m: re.Match[str], today: date) -> _Piece | None:
    month, day = SEASONS[m["s"].lower()]
    return _dated(m, date(int(m["y"]), month, day), approximate=True)


def _end_of(m: re.Match[str], today: date) -> _Piece | None:
    what = _key(m["what"])
    month = 12 if what in w.THIS_YEAR else today.month if what in w.THIS_MONTH else MONTHS[what]
    year = int(m["y"]) if m["y"] else today.year
    day = date(year, month, monthrange(year, month)[1])
    if m["y"] is None and day < today:
        day = date(year + 1, month, monthrange(year + 1, month)[1])
    return _dated(m, day, approximate=w.END_OF[m["kind"].lower()])


def _times(m: re.Match[str], start: time, end: time | None) -> _Piece | None:
    if end is not None and end <= start:
        return None
    return _Piece(m.start(), m.end(), times=(start, end))


def _clock(m: re.Match[str], today: date) -> _Piece | None:
    start, h2 = time(int(m["h1"]), int(m["m1"] or 0)), m.groupdict().get("h2")
    return _times(m, start, time(int(h2), int(m["m2"] or 0)) if h2 else None)


def _clock_range(m: re.Match[str], today: date) -> _Piece | None:
    return None if _is_amount(m.string, m.start("h1"), m.end()) else _clock(m, today)


def _am_pm(m: re.Match[str], today: date) -> _Piece | None:
    def at(h: str, minutes: str | None, ap: str) -> time:
        return time(int(h) % 12 + (12 if ap[0].lower() == "p" else 0), int(minutes or 0))

    if m["h2"] is None:
        return _times(m, at(m["h1"], m["m1"], m["ap1"]), None) if m["ap1"] else None
    end = at(m["h2"], m["m2"], m["ap2"])
    start = at(m["h1"], m["m1"], m["ap1"] or m["ap2"])
    if m["ap1"] is None and start >= end:
        start = at(m["h1"], m["m1"], "am")  # "11-1pm"
    return _times(m, start, end)


_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_DAY_MONTH_NAME, _month_name),
    (_MONTH_NAME_DAY, _month_name),
    (_NUMERIC, _numeric),
    (_ISO, _numeric),
    (_RELATIVE_DAY, _relative_day),
    (_WEEKDAY_RX, _weekday),
    (_IN_N, _in_n),
    (_WEEK_N, _week_n),
    (_THIS_OR_NEXT_WEEK, _this_or_next_week),
    (_SEASON, _season),
    (_END_OF, _end_of),
    (_KL_TIME, _clock),
    (_CLOCK_RANGE, _clock_range),
    (_CLOCK, _clock),
    (_AM_PM, _am_pm),
)
