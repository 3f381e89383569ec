"""Settings from the environment, read once by the composition root (CLI or server)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.database import DatabaseConfigError, PoolSettings, database_url
from storage.models import DEFAULT_TENANT


class ConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class KeyFetch:
    """How the bot fetches Bot Framework's token signing keys (bot/openid_keys.py). Inbound
    requests wait for the first fetch, so it is short; after a failure requests are
    answered 503 at once, without another fetch, for the back-off (doubling to its most)."""

    timeout_s: float = 10.0
    connect_timeout_s: float = 3.0
    backoff_first_s: float = 5.0
    backoff_max_s: float = 300.0


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """The Azure bot registration. No app id: unauthenticated local mode."""

    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"  # MultiTenant | SingleTenant | UserAssignedMSI
    app_tenant_id: str = ""
    # Where Bot Framework publishes its token signing keys, and where the bot gets its own
    # tokens; set only for another cloud, or for tests against local fakes.
    openid_metadata_url: str | None = None
    login_authority: str | None = None
    key_fetch: KeyFetch = KeyFetch()

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)


SLACK_API = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """A Slack app in single-workspace mode (bot/slack/app.py): its signing secret and bot
    token. `api_url` is Slack's Web API, set only for tests against a local fake."""

    signing_secret: str
    bot_token: str
    api_url: str = SLACK_API

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackSettings | None:
        secret = env.get("SLACK_SIGNING_SECRET", "").strip()
        token = env.get("SLACK_BOT_TOKEN", "").strip()
        if not secret and not token:
            return None  # no Slack: the server runs without /slack/events
        if not secret or not token:
            raise ConfigError("Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN")
        api_url = env.get("SLACK_API_URL", "").strip() or SLACK_API
        return cls(secret, token, api_url if api_url.endswith("/") else api_url + "/")


@dataclass(frozen=True, slots=True)
class Config:
    database_url: str
    pool: PoolSettings = field(default_factory=PoolSettings)  # REFERENT_DB_POOL_SIZE …
    timezone: str = "Europe/Oslo"
    tenant: str = DEFAULT_TENANT
    language: str = "nb"
    bot: BotIdentity = BotIdentity()
    # The reminder scheduler (bot/scheduler.py): on unless REFERENT_REMINDERS=off (then a
    # cron job can run `referent reminders --run-once` instead).
    reminders: bool = True
    reminder_poll_seconds: float = 30.0
    pacing: bool = True  # REFERENT_PACING=off only for measuring (bench/reminder_bench.py)
    slack: SlackSettings | None = None  # SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Config:
        env = os.environ if env is None else env
        timezone = env.get("REFERENT_TIMEZONE", "Europe/Oslo")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ConfigError(f"REFERENT_TIMEZONE={timezone!r} is not a known time zone") from error
        language = env.get("REFERENT_LANGUAGE", "nb")
        if language not in ("nb", "en"):
            raise ConfigError(f"REFERENT_LANGUAGE must be nb or en, not {language!r}")
        app_type = env.get("MicrosoftAppType", "") or "MultiTenant"
        if app_type not in ("MultiTenant", "SingleTenant", "UserAssignedMSI"):
            raise ConfigError(
                f"MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, "
                f"not {app_type!r}"
            )
        bot = BotIdentity(
            app_id=env.get("MicrosoftAppId", "").strip(),
            app_password=env.get("MicrosoftAppPassword", ""),
            app_type=app_type,
            app_tenant_id=env.get("MicrosoftAppTenantId", "").strip(),
            openid_metadata_url=env.get("REFERENT_BOT_OPENID_METADATA_URL") or None,
            login_authority=env.get("REFERENT_BOT_LOGIN_AUTHORITY") or None,
        )
        if bot.app_id and app_type == "SingleTenant" and not bot.app_tenant_id:
            raise ConfigError("MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId")
        try:
            poll = float(env.get("REFERENT_REMINDER_POLL_SECONDS", "30"))
        except ValueError as error:
            message = "REFERENT_REMINDER_POLL_SECONDS must be a number of seconds"
            raise ConfigError(message) from error
        if poll <= 0:
            raise ConfigError("REFERENT_REMINDER_POLL_SECONDS must be more than 0")
        try:
            pool = PoolSettings.from_env(env)
        except DatabaseConfigError as error:
            raise ConfigError(str(error)) from error
        return cls(
            database_url=database_url(env, cwd),
            pool=pool,
            reminders=_switch(env, "REFERENT_REMINDERS"),
            reminder_poll_seconds=poll,
            pacing=_switch(env, "REFERENT_PACING"),
            timezone=timezone,
            tenant=env.get("REFERENT_TENANT", DEFAULT_TENANT),
            language=language,
            bot=bot,
            slack=SlackSettings.from_env(env),
        )


def _switch(env: Mapping[str, str], name: str) -> bool:
    """An on/off setting, on unless set to off."""
    value = env.get(name, "on").strip().lower()
    if value in ("on", "1", "true", "yes", ""):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, not {value!r}")
