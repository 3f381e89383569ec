"""Settings from the environment, read once by the composition root (CLI or server)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.database import database_url
from storage.models import DEFAULT_TENANT


class ConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Config:
    database_url: str
    timezone: str = "Europe/Oslo"
    tenant: str = DEFAULT_TENANT
    language: str = "nb"

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
        return cls(
            database_url=database_url(env, cwd),
            timezone=timezone,
            tenant=env.get("REFERENT_TENANT", DEFAULT_TENANT),
            language=language,
        )
