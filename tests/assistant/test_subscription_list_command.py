"""«hvilke abonnementer har vi?»: asking which subscriptions this conversation has is a
command (Subscription "list"), in Norwegian and English; what only mentions subscriptions,
or starts or stops one, is not that request."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.commands import Subscription, command_language, parse_command

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ZONES = [ZoneInfo("Europe/Oslo"), ZoneInfo("America/New_York")]
LIST = Subscription("list")


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hvilke abonnementer har vi?", "nb"),
        ("Hvilke abonnementer har vi", "nb"),
        ("abonnementer", "nb"),
        ("Abonnementer?", "nb"),
        ("abonnementene", "nb"),
        ("abonementer?", "nb"),  # a common misspelling
        ("hva abonnerer vi på?", "nb"),
        ("hva abonnerer denne kanalen på", "nb"),
        ("har vi noen abonnementer her?", "nb"),
        ("har jeg noen påminnelser?", "nb"),
        ("hvilke påminnelser får vi?", "nb"),
        ("hva for noen abonnementer har vi i denne kanalen?", "nb"),
        ("hvilke utvalg abonnerer vi på?", "nb"),
        ("hvilke utvalg får vi påminnelser fra", "nb"),
        ("vis abonnementer", "nb"),
        ("list opp alle abonnementene", "nb"),
        ("mine abonnementer", "nb"),
        ("/abonnementer", "nb"),
        ("what are we subscribed to?", "en"),
        ("What committees are we subscribed to", "en"),
        ("what is this channel subscribed to?", "en"),
        ("subscriptions", "en"),
        ("Subscriptions?", "en"),
        ("which subscriptions do we have?", "en"),
        ("what reminders do we get here?", "en"),
        ("do we have any subscriptions?", "en"),
        ("are we subscribed to anything?", "en"),
        ("list subscriptions", "en"),
        ("show me our subscriptions", "en"),
        ("my subscriptions", "en"),
    ],
)
def test_asking_which_subscriptions_there_are(text: str, language: str, tz: ZoneInfo) -> None:
    assert parse_command(text, NOW, tz) == LIST
    assert command_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "abonnement på avisen, hva koster det",
        "abonnement på avisen, hva koster det?",
        "abonnementer på avisen",
        "hva koster abonnementet?",
        "abonnement",  # a word alone, not the plural: could be about anything
        "subscription",
        "hvilke abonnementer har dere i kommunen?",
        "hvordan abonnerer jeg?",
        "hvem abonnerer på SSU?",
        "har SSU påminnelser?",
        "hvilke saker har vi?",
        "subscriptions to newspapers",
        "how do I subscribe?",
        "what did SSU decide about subscriptions?",
    ],
)
def test_what_only_mentions_subscriptions_is_not_the_request(text: str) -> None:
    assert parse_command(text, NOW, ZONES[0]) != LIST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abonner på SSU", Subscription("subscribe", "SSU")),
        ("subscribe to SSU", Subscription("subscribe", "SSU")),
        ("avslutt abonnement", Subscription("unsubscribe")),
        ("avslutt abonnementet på SSU", Subscription("unsubscribe", "SSU")),
        ("unsubscribe", Subscription("unsubscribe")),
    ],
)
def test_starting_and_stopping_stay_what_they_were(text: str, expected: Subscription) -> None:
    assert parse_command(text, NOW, ZONES[0]) == expected
