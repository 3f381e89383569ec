"""What varies between deployments' Teams packages: ids, host, publisher; checked on the way in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields
from importlib import metadata
from urllib.parse import urlsplit

# uuid5 namespace of Teams app ids: the same bot app id always gives the same Teams app id,
# so a re-built package updates the installed app instead of adding a second one.
TEAMS_APP_NAMESPACE = uuid.UUID("9ce4714d-94b5-4a3d-ab15-ff46cc3c5519")
DISTRIBUTION = "referent"

_GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_RELEASE = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")
DEVELOPER_NAME_MAX = 32  # the manifest schema's limit
# This machine: a host for a development package only (Microsoft's Teams emulator, the
# Agents Playground, runs beside the bot and needs no public host).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
# The bot id of a development package built without one: the emulator talks to a bot
# without a Microsoft App ID, and the manifest still needs a GUID.
DEV_APP_ID = "00000000-0000-4000-8000-000000000000"


class ManifestError(ValueError):
    """Bad input for the package; the message is one line for the admin."""


@dataclass(frozen=True, slots=True)
class Developer:
    """The publisher Teams shows on the app's page; an admin must give their own."""

    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str


PLACEHOLDER_DEVELOPER = Developer(
    developer_name="Example Org (change me)",
    website_url="https://example.org/referent",
    privacy_url="https://example.org/referent/privacy",
    terms_url="https://example.org/referent/terms",
)


@dataclass(frozen=True, slots=True)
class ManifestSettings:
    app_id: str  # the bot's Microsoft App ID (Azure bot registration), lower-case GUID
    teams_app_id: str  # the Teams app's own id, lower-case GUID
    version: str  # major.minor.patch
    developer: Developer
    host: str | None = None  # the bot's public host name, for validDomains
    dev: bool = False  # a development package: a local host and a placeholder app id allowed

    def placeholder_fields(self) -> list[str]:
        """The developer fields still at their placeholder: `website_url` etc."""
        return [
            field.name
            for field in fields(Developer)
            if getattr(self.developer, field.name) == getattr(PLACEHOLDER_DEVELOPER, field.name)
        ]


def parse_guid(value: str, what: str) -> str:
    value = value.strip()
    if not _GUID.fullmatch(value):
        raise ManifestError(
            f"{what} {value!r} is not a GUID (like 1b2c3d4e-0000-4000-8000-123456789abc)"
        )
    return value.lower()


def teams_app_id_for(app_id: str) -> str:
    """The Teams app id derived from the bot's app id: stable across re-packaging."""
    return str(uuid.uuid5(TEAMS_APP_NAMESPACE, parse_guid(app_id, "app id")))


def parse_host(value: str, *, dev: bool = False) -> str:
    """A host name for validDomains; a URL is cut down to its host ("https://h/api" → "h").
    This machine (localhost, 127.0.0.1) only for a development package (`dev`)."""
    text = value.strip()
    try:
        host = urlsplit(text if "://" in text else f"//{text}").hostname or ""
    except ValueError:
        host = ""
    if host in LOCAL_HOSTS:
        if not dev:
            raise ManifestError(
                f"host {value!r} is this machine: give --dev to build a development package "
                "(the Teams emulator, sideloading against a tunnel)"
            )
        return host
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise ManifestError(f"host {value!r} is not a host name like bot.example.org")
    return host


def parse_https_url(value: str, what: str) -> str:
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "https" or not parts.hostname:
        raise ManifestError(f"{what} {value!r} is not an https:// URL")
    if len(value) > 2048:
        raise ManifestError(f"{what} is longer than 2048 characters")
    return value


def project_version() -> str:
    """The installed Referent's version as Teams wants it: major.minor.patch ("0.1.0")."""
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError as error:
        raise ManifestError(f"{DISTRIBUTION} is not installed; no version to put in") from error
    return semver_release(version)


def semver_release(version: str) -> str:
    """The release part of a PEP 440 version as major.minor.patch: "1.2rc1" → "1.2.0"."""
    match = _RELEASE.match(version)
    if not match:
        raise ManifestError(f"version {version!r} does not start with a number")
    return ".".join(str(int(part or 0)) for part in match.groups())


def settings_from_options(
    app_id: str | None,
    *,
    teams_app_id: str | None = None,
    host: str | None = None,
    developer_name: str | None = None,
    website_url: str | None = None,
    privacy_url: str | None = None,
    terms_url: str | None = None,
    version: str | None = None,
    dev: bool = False,
) -> ManifestSettings:
    """Checked settings; what is not given is derived or left at its placeholder. A
    development package (`dev`) may point at this machine and goes without an app id
    (DEV_APP_ID)."""
    if dev and not (app_id or "").strip():
        app_id = DEV_APP_ID
    if not (app_id or "").strip():
        raise ManifestError("no app id: give --app-id or set MicrosoftAppId (or --dev)")
    bot_id = parse_guid(app_id or "", "app id")
    name = (developer_name or "").strip() or PLACEHOLDER_DEVELOPER.developer_name
    if len(name) > DEVELOPER_NAME_MAX:
        raise ManifestError(f"developer name is longer than {DEVELOPER_NAME_MAX} characters")
    placeholder = PLACEHOLDER_DEVELOPER
    developer = Developer(
        developer_name=name,
        website_url=parse_https_url(website_url or placeholder.website_url, "website URL"),
        privacy_url=parse_https_url(privacy_url or placeholder.privacy_url, "privacy URL"),
        terms_url=parse_https_url(terms_url or placeholder.terms_url, "terms URL"),
    )
    return ManifestSettings(
        app_id=bot_id,
        teams_app_id=(
            parse_guid(teams_app_id, "Teams app id") if teams_app_id else teams_app_id_for(bot_id)
        ),
        version=semver_release(version) if version else project_version(),
        developer=developer,
        host=parse_host(host, dev=dev) if host else None,
        dev=dev,
    )
