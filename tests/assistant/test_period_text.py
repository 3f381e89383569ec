"""How a question's period is said back: «før mars 2025» is up to and with 28 February, and
is said as the day it is before, not as its last day."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.intents import recognize
from assistant.texts import format_period

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("question", "nb", "en"),
    [
        ("vedtak før mars 2025", "før 1. mars 2025", "before 1 March 2025"),
        ("decisions before 2020", "før 1. januar 2020", "before 1 January 2020"),
        ("vedtak før 14. oktober 2026", "før 14. oktober 2026", "before 14 October 2026"),
        ("FØR:1900", "før 1. januar 1900", "before 1 January 1900"),
        # near misses: not a «before»
        ("vedtak i mars 2025", "mars 2025", "March 2025"),
        ("vedtak etter 2020", "1. januar 2021 – 23. november 2026",
         "1 January 2021 – 23 November 2026"),
    ],
)  # fmt: skip
def test_a_period_is_said_as_asked(question: str, nb: str, en: str) -> None:
    period = recognize(question, today=TODAY).period
    assert period is not None
    assert format_period(period.start, period.end, "nb") == nb
    assert format_period(period.start, period.end, "en") == en
