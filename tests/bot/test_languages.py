"""The one rule for the reply language: chosen, then what the message shows, then what the
conversation last showed, then the client's locale, then the default."""

from __future__ import annotations

from datetime import date

import pytest

from bot.languages import LanguageMemory, locale_language, message_language, reply_language

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("memory", "evident", "locale", "expected"),
    [
        (LanguageMemory(), None, None, "nb"),  # the default
        (LanguageMemory(), None, "en-US", "en"),
        (LanguageMemory(written="nb"), None, "en-US", "nb"),  # the case
        (LanguageMemory(written="nb"), "en", "nb-NO", "en"),  # this message shows English
        (LanguageMemory(chosen="en", written="nb"), "nb", "nb-NO", "en"),  # chosen wins
        (LanguageMemory(chosen="nb"), "en", "en-US", "nb"),
        (LanguageMemory(), None, "sv-SE", "nb"),  # a locale without an opinion
    ],
)
def test_the_order(
    memory: LanguageMemory, evident: str | None, locale: str | None, expected: str
) -> None:
    assert reply_language(memory, evident=evident, locale=locale, default="nb") == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hva ble bestemt om LAR?", "nb"),
        ("what was decided about LAR?", "en"),
        ("abonner på SSU", "nb"),  # a command's keyword
        ("subscribe to SSU", "en"),
        ("LAR", None),  # nothing shows it
        ("12", None),
        ("", None),
        ("   ", None),
    ],
)
def test_what_a_message_shows(text: str, language: str | None) -> None:
    assert message_language(text, TODAY) == language


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("nb-NO", "nb"),
        ("nn_NO", "nb"),
        ("no", "nb"),
        ("en-GB", "en"),
        ("de-DE", None),
        (None, None),
    ],
)
def test_locales(locale: str | None, language: str | None) -> None:
    assert locale_language(locale) == language
