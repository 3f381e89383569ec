"""Settings from the environment, read once by the composition root (CLI or server)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.database import DatabaseConfigError, PoolSettings, database_url
from storage.models import DEFAULT_TENANT
from storage.task_rights import TaskRights


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
SLACK_AUTHORIZE = "https://slack.com/oauth/v2/authorize"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """A Slack app (bot/slack/app.py), in one of two modes:
    - single workspace: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; its requests belong to
      the deployment's tenant (REFERENT_TENANT);
    - any workspace that installs it (OAuth, "Add to Slack"): SLACK_SIGNING_SECRET,
      SLACK_CLIENT_ID and SLACK_CLIENT_SECRET; each workspace is a tenant of its own, its
      team id, unless SLACK_TENANTS maps it to another ("T0123=helse-fjordby,T0456=…").
    `api_url` and `authorize_url` are Slack's, set only for tests against a local fake."""

    signing_secret: str
    bot_token: str = ""
    client_id: str = ""
    client_secret: str = ""
    redirect_uri: str = ""  # SLACK_REDIRECT_URI: the public /slack/oauth_redirect
    tenants: Mapping[str, str] = field(default_factory=dict)
    api_url: str = SLACK_API
    authorize_url: str = SLACK_AUTHORIZE

    @property
    def oauth(self) -> bool:
        return bool(self.client_id)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackSettings | None:
        value = {name: env.get(name, "").strip() for name in SLACK_VARIABLES}
        secret, token = value["SLACK_SIGNING_SECRET"], value["SLACK_BOT_TOKEN"]
        client_id, client_secret = value["SLACK_CLIENT_ID"], value["SLACK_CLIENT_SECRET"]
        if not any(value[name] for name in SLACK_VARIABLES[:4]):
            return None  # no Slack: the server runs without /slack/events
        if not secret:
            raise ConfigError("Slack needs SLACK_SIGNING_SECRET")
        if bool(client_id) != bool(client_secret):
            raise ConfigError("Slack's OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
        if token and client_id:
            raise ConfigError(
                "Slack: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET (any workspace that installs the app), not both"
            )
        if not token and not client_id:
            raise ConfigError(
                "Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET (installed through OAuth)"
            )
        api_url = value["SLACK_API_URL"] or SLACK_API
        return cls(
            signing_secret=secret,
            bot_token=token,
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=value["SLACK_REDIRECT_URI"],
            tenants=_tenant_map(value["SLACK_TENANTS"], "SLACK_TENANTS"),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            authorize_url=value["SLACK_AUTHORIZE_URL"] or SLACK_AUTHORIZE,
        )


SLACK_VARIABLES = (
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_REDIRECT_URI",
    "SLACK_TENANTS",
    "SLACK_API_URL",
    "SLACK_AUTHORIZE_URL",
)


def _tenant_map(value: str, variable: str) -> dict[str, str]:
    """ "T0123=helse-fjordby, T0456=helse-fjordby": which tenant each Slack workspace (or
    Microsoft 365 tenant) is."""
    tenants: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in value.split(","))):
        team, equals, tenant = (part.strip() for part in pair.partition("="))
        if not equals or not team or not tenant:
            raise ConfigError(f"{variable}: {pair!r} is not id=tenant")
        tenants[team] = tenant
    return tenants


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
    # Who may change tasks besides those they concern (storage/task_rights.py):
    # REFERENT_ADMINS and REFERENT_SECRETARIES.
    rights: TaskRights = field(default_factory=TaskRights)
    # REFERENT_TEAMS_TENANTS: each Microsoft 365 tenant id's Referent tenant (bot/
    # tenant_router.py); empty: every Teams turn is `tenant`'s.
    teams_tenants: Mapping[str, str] = field(default_factory=dict)
    # REFERENT_PUBLIC_URL: where the bot is reached ("https://bot.example.org"), for the links
    # it hands out (bot/export_links.py); empty: the address a chat message came in on.
    public_url: str = ""

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
            public_url=env.get("REFERENT_PUBLIC_URL", "").strip(),
            teams_tenants=_tenant_map(
                env.get("REFERENT_TEAMS_TENANTS", ""), "REFERENT_TEAMS_TENANTS"
            ),
            rights=TaskRights(
                admins=_names(env.get("REFERENT_ADMINS", "")),
                secretaries=_secretaries(env.get("REFERENT_SECRETARIES", "")),
            ),
        )


def _names(value: str) -> tuple[str, ...]:
    """ "Kari Nordmann, ola@fjordby.kommune.no": names or emails, by commas."""
    return tuple(n.strip() for n in value.split(",") if n.strip())


def _secretaries(value: str) -> dict[str, tuple[str, ...]]:
    """ "SSU: Kari Nordmann, Ola Hansen; LSU: Per Berg": each committee's (short name,
    case-folded) secretaries besides those the minutes name."""
    found: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in value.split(";"))):
        committee, colon, names = part.partition(":")
        if not colon or not committee.strip() or not _names(names):
            raise ConfigError(f"REFERENT_SECRETARIES: {part!r} is not 'SSU: Kari Nordmann, …'")
        found[committee.strip().casefold()] = _names(names)
    return found


def _switch(env: Mapping[str, str], name: str) -> bool:
    """An on/off setting, on unless set to off."""
    value = env.get(name, "on").strip().lower()
    if value in ("on", "1", "true", "yes", ""):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, not {value!r}")
