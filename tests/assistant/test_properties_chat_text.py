"""Property tests (hypothesis) of what reads chat text: the date parser (assistant.when) and
the intent recognizer (assistant.intents.recognize). Whatever a user types: no exception, no
day before 1900 (or after 9999: date's own limit), nothing the answer cannot show.

Inputs tried: any Unicode text (NUL, lone surrogates, control and combining characters, RTL
marks), and text built from the words these parsers look for (month and weekday names,
"uke", "om N dager", "kl", "side N", "sak", numbers of every size, dates with 1-9 digit
years, years 0000-99999, seasons) mixed with random text, at two instants seen from two
zones (Europe/Oslo, America/New_York: one is a day ahead of the other at 23:30 UTC).
Found: none (see the report in the commit); a failure prints the minimal input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from assistant.intents import recognize
from assistant.texts import format_date, format_period
from assistant.when import find_when, parse_when
from tests.fuzz_settings import examples  # noqa: F401  (loads the profile)

ZONES = (ZoneInfo("Europe/Oslo"), ZoneInfo("America/New_York"))
NOWS = (datetime(2026, 11, 23, 23, 30, tzinfo=UTC), datetime(2099, 12, 31, 23, 30, tzinfo=UTC))
# A clock a person could have: the text is the hostile part. (At a clock of 30 December 9999
# "mandag" and "overmorgen" overflow date, and at 1 January 1900 "1.2" is 1 February 1899:
# not pursued, no deployment's clock is there.)
CLOCKS = st.one_of(
    st.sampled_from(NOWS),
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)),
)

WORDS = [
    "innen", "frist", "by", "on", "neste", "next", "kommende", "this", "om", "in", "uke",
    "week", "dager", "days", "uker", "weeks", "måneder", "months", "år", "years", "kl",
    "klokka", "at", "pm", "am", "i morgen", "tomorrow", "i overmorgen", "fredag", "Friday",
    "mandag", "Monday", "januar", "February", "mai", "May", "desember", "December", "høst",
    "Høst", "vår", "spring", "slutten av", "end of", "utgangen av", "side", "page", "sak",
    "oppgave:", "hva ble bestemt om", "hvilke oppgaver har", "neste møte", "saksliste",
    "hvem deltok på", "møtedatoer", "i fjor", "last year", "før", "before", "etter", "after",
    "siden", "since", "mellom", "between", "og", "and", "-", "–", ".", "/", ":", "?", "<at>",
    "</at>", "\x00", "\ud800", "\u200f", "\u0301", "\n", "\t",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(0, 100).map(str),
    st.integers(0, 10**12).map(str),
    st.sampled_from(["0", "00", "0000", "1899", "1900", "9999", "10000", "99999", "-1", "1e9"]),
)
DATES = st.builds(
    lambda d, m, y, sep: f"{d}{sep}{m}{sep}{y}",
    st.integers(0, 40),
    st.integers(0, 14),
    st.one_of(st.integers(0, 99999), st.just("")),
    st.sampled_from([".", "-", "/", ". "]),
)
PIECES = st.one_of(st.sampled_from(WORDS), NUMBERS, DATES, st.text(max_size=8))
BUILT = st.lists(PIECES, max_size=12).map(" ".join)
TEXT = st.one_of(st.text(max_size=200), BUILT)


def _shown(day: date) -> None:
    assert date(1900, 1, 1) <= day, day
    for language in ("nb", "en"):
        assert format_date(day, language, weekday=True)


@given(TEXT, CLOCKS, st.sampled_from(ZONES))
@example("innen 31.12.1899", NOWS[0], ZONES[0])
@example("om 99999999999 dager", NOWS[0], ZONES[0])
@example("innen uke 53", NOWS[1], ZONES[1])
@example("1. januar 0001", NOWS[0], ZONES[0])
@example("Høst 0000", NOWS[0], ZONES[0])
def test_dates_in_chat_never_fail(text: str, now: datetime, tz: ZoneInfo) -> None:
    for when in (find_when(text, now, tz), parse_when(text, now, tz)):
        if when is not None and when.day is not None:
            _shown(when.day)
            when.at(tz)


@given(TEXT, CLOCKS.map(lambda now: now.date()))
@example("hva ble bestemt om LAR i 1899", date(2026, 11, 23))
@example("FØR:1900", date(2026, 11, 23))  # up to 31.12.1899: «før 1. januar 1900»
@example("mine oppgaver side 99999999999999999999999", date(2026, 11, 23))
@example("vedtak før 1. januar 0001", date(2026, 11, 23))
@example("møter i 99999", date(2026, 11, 23))
@example("vedtak siden 31.12.9999", date(2099, 12, 31))
def test_intents_never_fail(text: str, today: date) -> None:
    intent = recognize(text, today=today)
    assert intent.page >= 1
    if intent.period is not None:
        start, end = intent.period.start, intent.period.end
        assert start <= end, intent.period
        if start != date.min:
            _shown(start)
            _shown(end)
        else:  # "before …": no start, and the day shown is the one after its end
            _shown(end + timedelta(days=1))
        for language in ("nb", "en"):
            assert format_period(start, end, language)
