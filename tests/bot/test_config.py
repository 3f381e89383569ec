"""Settings from the environment: the reminder switches, and their near misses."""

from __future__ import annotations

import pytest

from bot.config import Config, ConfigError
from storage.task_rights import TaskRights


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


def test_database_pool_settings_come_from_the_environment() -> None:
    config = Config.from_env({"REFERENT_DB_POOL_SIZE": "3", "REFERENT_DB_LOCK_TIMEOUT": "5"})
    assert (config.pool.size, config.pool.overflow, config.pool.lock_timeout) == (3, 10, 5.0)


@pytest.mark.parametrize(
    "env", [{"REFERENT_DB_POOL_SIZE": "0"}, {"REFERENT_DB_POOL_TIMEOUT": "half a minute"}]
)
def test_a_pool_setting_that_makes_no_sense_is_refused(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match=next(iter(env))):
        Config.from_env(env)


def test_task_rights_come_from_the_environment() -> None:
    env = {
        "REFERENT_DATABASE_URL": "sqlite+aiosqlite:///r.db",
        "REFERENT_ADMINS": " Kari Nordmann , ola@fjordby.no,",
        "REFERENT_SECRETARIES": "SSU: Per Berg, Anne Li; lsu: Ola Dahl",
    }
    rights = Config.from_env(env).rights
    assert rights.admins == ("Kari Nordmann", "ola@fjordby.no")
    assert rights.secretaries == {"ssu": ("Per Berg", "Anne Li"), "lsu": ("Ola Dahl",)}
    assert Config.from_env({"REFERENT_DATABASE_URL": "sqlite+aiosqlite:///r.db"}).rights == (
        TaskRights()
    )


@pytest.mark.parametrize("value", ["SSU Per Berg", "SSU:", ": Per Berg", "SSU: , ;"])
def test_secretaries_not_written_as_committee_colon_names_are_refused(value: str) -> None:
    env = {"REFERENT_DATABASE_URL": "sqlite+aiosqlite:///r.db", "REFERENT_SECRETARIES": value}
    with pytest.raises(ConfigError, match="REFERENT_SECRETARIES"):
        Config.from_env(env)
