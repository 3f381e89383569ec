"""Dates and times as minutes write them: "8. januar 2014", "12.09.22", "13.00-15.30", "Høst 2022".

Minutes use a handful of fixed shapes, so plain regular expressions are exact, fast and
predictable here; free chat input ("neste fredag") is a different job (dateparser, later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

MONTHS = {
    "januar": 1, "jan": 1, "january": 1, "januari": 1,
    "februar": 2, "feb": 2, "february": 2, "februari": 2,
    "mars": 3, "mar": 3, "march": 3, "marts": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5, "maj": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8, "augusti": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# "8. januar 2014", "5. desember", "29.september", "1. des. 2023"
_TEXT_DATE = re.compile(
    rf"(?<![\w./])(?P<day>[0-3]?\d)\.\s*(?P<month>{_MONTH_NAMES})\.?(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w])",
    re.IGNORECASE,
)
# English and Swedish: "13th March 2025", "6TH NOVEMBER, 2024", "the 22nd of July 2024",
# "15 mars 2023" (no dot after the day: Norwegian writes one, so the year is required then).
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w./])(?P<day>[0-3]?\d)(?:st|nd|rd|th|”|\")?(?:\s+of)?\s+(?P<month>{_MONTH_NAMES})"
    r"\.?,?\s+(?P<year>(?:19|20)\d\d)(?!\w)",
    re.IGNORECASE,
)
# "November 19, 2024", "April 09, 2024", "March 13th 2025"
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>(?:19|20)\d\d)(?!\w)",
    re.IGNORECASE,
)
# ISO "2024-11-15" (also "2024-11-15T18:08:37Z"), never inside a longer number
_ISO_DATE = re.compile(
    r"(?<![\w./-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])"
)
# "12.09.22", "28.09.2023", "4.9.14"; never inside a longer number like "2023.30" or a URL path
_NUMERIC_DATE = re.compile(
    r"(?<![\w./%-])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)?\d\d)(?![\w/%]|\.\d)"
)
# "5.12" (day.month, no year) — only where the caller asks for it: too ambiguous in running text
_DAY_MONTH = re.compile(r"(?<![\w./%-])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)(?![\w/%]|\.\d)")

_TIME = r"(?P<{n}h>[0-2]?\d)[.:](?P<{n}m>[0-5]\d)"
# "kl 13:30 – 16:00", "13.00-15.30", "kl. 13.30 - 15.30"
_TIME_RANGE = re.compile(
    r"(?:\bkl\.?\s*)?(?<![\d.])" + _TIME.format(n="s") + r"\s*[-–—]\s*(?:kl\.?\s*)?"
    + _TIME.format(n="e") + r"(?![\d])",
    re.IGNORECASE,
)  # fmt: skip
_SINGLE_TIME = re.compile(r"\bkl\.?\s*(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))?\b", re.IGNORECASE)
# "3PM", "2.30 P.M.", "10 a.m."
_CLOCK_12 = r"(?P<{n}h>1[0-2]|0?[1-9])(?:[.:](?P<{n}m>[0-5]\d))?\s*(?P<{n}p>[ap])\.?\s?m\b\.?"
_AMPM_RANGE = re.compile(
    _CLOCK_12.format(n="s") + r"\s*(?:[-–—]|to|until)\s*" + _CLOCK_12.format(n="e"), re.IGNORECASE
)
_AMPM = re.compile(r"(?<![\w.:])" + _CLOCK_12.format(n=""), re.IGNORECASE)
# "1300-1400" (a time field written without separators)
_COMPACT_RANGE = re.compile(
    r"(?<!\d)(?P<sh>[01]\d|2[0-3])(?P<sm>[0-5]\d)\s*[-–]\s*(?P<eh>[01]\d|2[0-3])(?P<em>[0-5]\d)(?!\d)"
)
# A lone "12:00" / "11.45": only in a value labelled as a time
_LOOSE_TIME = re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?![\d]|\.\d)")

SEASONS = {
    # season word -> (month, day) of the approximate deadline: the end of the season
    "vår": (6, 30), "våren": (6, 30), "spring": (6, 30),
    "sommer": (8, 31), "sommeren": (8, 31), "summer": (8, 31),
    "høst": (11, 30), "høsten": (11, 30), "autumn": (11, 30), "fall": (11, 30),
    "vinter": (2, 28), "vinteren": (2, 28), "winter": (2, 28),
}  # fmt: skip
_SEASON = re.compile(
    r"^\s*(?:(?:sen|tidlig)\s+)?(?P<season>"
    + "|".join(SEASONS)
    + r")\s+(?P<year>(?:19|20)\d\d)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: date
    start: int  # span in the searched text
    end: int
    has_year: bool


def _year(raw: str | None, reference: date | None) -> int | None:
    if raw is None:
        return reference.year if reference else None
    value = int(raw)
    return value + 2000 if value < 100 else value


def _make(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(
    text: str, reference: date | None = None, *, allow_day_month: bool = False
) -> list[FoundDate]:
    """All dates in `text`, in order. Dates without a year take the reference's year.

    A date without a year that falls more than ~2 months before the reference is taken to be
    in the next year: minutes from September that say "5. januar" mean the coming January.
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], month: int) -> None:
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        has_year = m.group("year") is not None if "year" in m.groupdict() else False
        year = _year(m.group("year") if has_year else None, reference)
        value = _make(year, month, int(m.group("day")))
        if value is None:
            return
        if not has_year and reference is not None and (reference - value).days > 62:
            value = _make(value.year + 1, month, value.day) or value
        found.append(FoundDate(value, m.start(), m.end(), has_year))
        taken.append((m.start(), m.end()))

    for m in _ISO_DATE.finditer(text):
        add(m, int(m.group("month")))
    for pattern in (_TEXT_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            add(m, MONTHS[m.group("month").lower()])
    for m in _NUMERIC_DATE.finditer(text):
        month = int(m.group("month"))
        if 1 <= month <= 12:
            add(m, month)
    if allow_day_month:
        for m in _DAY_MONTH.finditer(text):
            month = int(m.group("month"))
            if 1 <= month <= 12 and reference is not None:
                add(m, month)
    found.sort(key=lambda f: f.start)
    return found


def first_date(text: str, reference: date | None = None, **kwargs: bool) -> date | None:
    dates = find_dates(text, reference, **kwargs)
    return dates[0].date if dates else None


def _to_time(h: str, m: str | None) -> time | None:
    hour, minute = int(h), int(m or 0)
    if hour > 23:
        return None
    return time(hour, minute)


def _to_time_12(h: str, m: str | None, half: str) -> time | None:
    hour = int(h) % 12 + (12 if half.lower() == "p" else 0)
    return time(hour, int(m or 0))


def find_time_range(text: str, *, loose: bool = False) -> tuple[time | None, time | None]:
    """("13:30", "16:00") from "kl 13:30 – 16:00"; a lone "kl 13" gives (13:00, None); English
    clocks ("2.30 P.M.", "10AM–12PM"). `loose`: the text is a time field's value, so a bare
    "12:00" or "1300-1400" is a time too."""
    m = _TIME_RANGE.search(text) or (_COMPACT_RANGE.search(text) if loose else None)
    if m:
        start, end = _to_time(m["sh"], m["sm"]), _to_time(m["eh"], m["em"])
        if start and end and end > start:
            return start, end
    ampm = _AMPM_RANGE.search(text)
    if ampm:
        start = _to_time_12(ampm["sh"], ampm["sm"], ampm["sp"])
        end = _to_time_12(ampm["eh"], ampm["em"], ampm["ep"])
        if start and end and end > start:
            return start, end
    single = _SINGLE_TIME.search(text)
    if single:
        return _to_time(single["h"], single["m"]), None
    clock = _AMPM.search(text)
    if clock:
        return _to_time_12(clock["h"], clock["m"], clock["p"]), None
    if loose and (bare := _LOOSE_TIME.search(text)):
        return _to_time(bare["h"], bare["m"]), None
    return None, None


def strip_time_range(text: str) -> str:
    return _TIME_RANGE.sub("", text)


def parse_deadline(text: str, reference: date | None) -> tuple[date | None, bool]:
    """A deadline cell ("5. desember", "24.10", "Høst 2022") -> (date, is_approximate)."""
    season = _SEASON.match(text)
    if season:
        month, day = SEASONS[season["season"].lower()]
        return date(int(season["year"]), month, day), True
    found = find_dates(text, reference, allow_day_month=True)
    if found:
        return found[0].date, False
    return None, False
