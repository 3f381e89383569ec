from datetime import date, time

import pytest

from minutes.dates import find_dates, find_time_range, first_date, parse_deadline

REF = date(2022, 9, 12)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Møtedato: 8. januar 2014, kl 13:30 – 16:00", None, date(2014, 1, 8)),
        ("Møtedato:\t12.09.22", None, date(2022, 9, 12)),
        ("Dato/sted 28.09.23, 13.00-15.30, Bigroom", None, date(2023, 9, 28)),
        ("Neste møte: 5. mars 2014", None, date(2014, 3, 5)),
        ("frist 5. desember", REF, date(2022, 12, 5)),
        ("Neste møte 24. oktober blir digitalt", REF, date(2022, 10, 24)),
        ("første møte 29.september", REF, date(2022, 9, 29)),
        ("Planlagt 4.9.14", None, date(2014, 9, 4)),
        ("innen 1. des. 2023", None, date(2023, 12, 1)),
        # a day without a year, well before the reference date, is in the coming year
        ("oppstart 15. januar", REF, date(2023, 1, 15)),
    ],
)
def test_dates_as_minutes_write_them(text: str, reference: date | None, expected: date) -> None:
    assert first_date(text, reference) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sak 2023.30 Delavtale",  # a case number is not a date
        "Konklusjon, sak 2023.8",
        "https://www.siv.no/Documents/2023/September/sak%2068.pdf",  # a date-ish URL path
        "Styresak SiV 68/23: Rapportering",
        "Q1 + Q2",
        "13.00-15.30",  # a time range is not a date
        "716 000 kroner",
        "5. desember",  # no year and no reference: unknown, not guessed
    ],
)
def test_near_misses_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_time_ranges() -> None:
    assert find_time_range("8. januar 2014, kl 13:30 – 16:00") == (time(13, 30), time(16))
    assert find_time_range("13.00-15.00") == (time(13), time(15))
    assert find_time_range("kl 13.30 – 15.30") == (time(13, 30), time(15, 30))
    assert find_time_range("kl 13") == (time(13), None)
    assert find_time_range("Grønland 32, Drammen") == (None, None)


def test_deadlines() -> None:
    assert parse_deadline("5. desember", REF) == (date(2022, 12, 5), False)
    assert parse_deadline("24.10", REF) == (date(2022, 10, 24), False)
    assert parse_deadline("Høst 2022", REF) == (date(2022, 11, 30), True)
    assert parse_deadline("våren 2027", REF) == (date(2027, 6, 30), True)
    assert parse_deadline("snarest", REF) == (None, False)
    assert parse_deadline("Høst", REF) == (None, False)  # a season needs its year
