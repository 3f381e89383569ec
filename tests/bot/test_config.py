"""Settings from the environment: the reminder switches, and their near misses."""

from __future__ import annotations

import pytest

from bot.config import Config, ConfigError


def test_reminders_are_on_by_default() -> None:
    config = Config.from_env({})
    assert (config.reminders, config.pacing, config.reminder_poll_seconds) == (True, True, 30.0)


def test_reminders_and_pacing_can_be_turned_off() -> None:
    env = {"REFERENT_REMINDERS": "off", "REFERENT_PACING": "0",
           "REFERENT_REMINDER_POLL_SECONDS": "5"}  # fmt: skip
    config = Config.from_env(env)
    assert (config.reminders, config.pacing, config.reminder_poll_seconds) == (False, False, 5.0)


@pytest.mark.parametrize(
    "env",
    [
        {"REFERENT_REMINDERS": "maybe"},
        {"REFERENT_PACING": "av"},
        {"REFERENT_REMINDER_POLL_SECONDS": "soon"},
        {"REFERENT_REMINDER_POLL_SECONDS": "0"},
    ],
)
def test_a_setting_that_makes_no_sense_is_refused(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Config.from_env(env)
