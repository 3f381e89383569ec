"""The Slack app manifest (api.slack.com → Create New App → From an app manifest), as a dict.

Schema: Slack's app manifest, major version 1 (slackapi/manifest-schema,
schemas/manifest.schema.1.0.0.json); its length limits are in SLACK_LIMITS and checked here,
so a manifest that Slack would refuse is never written. Slack manifests hold one language.

Every request Slack sends (events, the slash command, shortcuts, buttons, modals) goes to the
one Bolt endpoint, /slack/events; the OAuth install returns to /slack/oauth_redirect.
"""

from __future__ import annotations

import re
from typing import Any

from .settings import LOCAL_HOSTS, ManifestError
from .texts import SLACK_NORWEGIAN, SlackTexts

MANIFEST_MAJOR_VERSION = 1
EVENTS_PATH = "/slack/events"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"
SLASH_COMMAND = "/referent"
NEW_TASK_CALLBACK = "task.new"
TASK_FROM_MESSAGE_CALLBACK = "task.from_message"
BACKGROUND_COLOR = "#1F6F8B"  # the Teams icon's accent colour (manifest/icons.py)

# The bot scopes, each for a feature of issue 17; nothing broader (no chat:write.public:
# the bot posts only where it was invited).
BOT_SCOPES: dict[str, str] = {
    "app_mentions:read": "the app_mention event: @Referent in a channel",
    "chat:write": "answers, agenda and task reminders (chat.postMessage, chat.update)",
    "commands": "the /referent slash command and the two shortcuts",
    "im:history": "the message.im event: direct messages to Referent",
    "channels:history": "message.channels: a thread's answer to Referent's question, unmentioned",
    "groups:history": "message.groups: the same in a private channel",
    "im:write": "conversations.open: task reminders by direct message",
    "users:read": "users.info: a Slack user's real name, to link them to the minutes",
    "users:read.email": "users.info's email: the first linking rule, as in Teams",
    "channels:read": "conversations.info, member_joined_channel, channel_left: a channel's name "
    "(a committee in it: subscribed on joining), and leaving it",
    "groups:read": "the same for a private channel (group_left)",
}

# The events Bolt listens to (settings.event_subscriptions.bot_events). Channel messages are
# read only in a thread where a dialog of Referent's waits for an answer. The last two need
# no scope and stop a workspace's subscriptions and delete its tokens.
BOT_EVENTS = (
    "app_mention",
    "message.im",
    "message.channels",
    "message.groups",
    "member_joined_channel",
    "channel_left",
    "group_left",
    "app_home_opened",
    "app_uninstalled",
    "tokens_revoked",
)

# Slack's limits (schemas/manifest.schema.1.0.0.json): (min, max) characters.
SLACK_LIMITS: dict[str, tuple[int, int]] = {
    "display_information.name": (1, 35),
    "display_information.description": (1, 140),
    "display_information.long_description": (175, 4000),
    "features.bot_user.display_name": (1, 80),
    "features.slash_commands.command": (2, 32),
    "features.slash_commands.description": (1, 2000),
    "features.slash_commands.usage_hint": (1, 1000),
    "features.shortcuts.name": (1, 24),
    "features.shortcuts.description": (1, 150),
    "features.shortcuts.callback_id": (1, 255),
}
URL_MAX = 3000  # the slash command's url; request URLs allow 3,500, redirect URLs 2,500

_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_PORT = re.compile(r"[0-9]{1,5}")


def parse_slack_host(value: str) -> str:
    """The public host Slack calls: "bot.example.org" or "bot.example.org:8443", lower-cased.

    Only a host (and port): no scheme, no path. Slack needs a public https:// address, so
    this machine and bare IP addresses are refused too; a port is allowed (1-65535), as
    Slack's schema takes any https:// URL.
    """
    text = value.strip()
    if not text:
        raise ManifestError("--host is empty: give the public host name, like bot.example.org")
    if "://" in text:
        raise ManifestError(
            f"host {value!r} has a scheme: give the host name only (Referent adds https://), "
            "like bot.example.org"
        )
    if any(c in text for c in "/?#@ \\"):
        raise ManifestError(
            f"host {value!r} is not a host name: give the host only, without path or query, "
            "like bot.example.org"
        )
    host, colon, port = text.lower().partition(":")
    if colon and not (_PORT.fullmatch(port) and 1 <= int(port) <= 65535):
        raise ManifestError(f"host {value!r} has a bad port: give a number from 1 to 65535")
    if host in LOCAL_HOSTS:
        raise ManifestError(
            f"host {value!r} is this machine: Slack must reach Referent at a public https:// "
            "host (a tunnel's host will do for testing)"
        )
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(_HOST_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()  # an IPv4 address: Slack needs a certificate for a name
    ):
        raise ManifestError(f"host {value!r} is not a host name like bot.example.org")
    return f"{host}:{port}" if colon else host


def build_slack_manifest(host: str, texts: SlackTexts = SLACK_NORWEGIAN) -> dict[str, Any]:
    """The manifest for Referent at https://`host` (checked with parse_slack_host first)."""
    host = parse_slack_host(host)
    events_url = f"https://{host}{EVENTS_PATH}"
    manifest: dict[str, Any] = {
        "_metadata": {"major_version": MANIFEST_MAJOR_VERSION},
        "display_information": {
            "name": texts.name,
            "description": texts.description,
            "long_description": texts.long_description,
            "background_color": BACKGROUND_COLOR,
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,  # open tasks and next meetings (issue 17, item 6)
                "messages_tab_enabled": True,  # direct messages to Referent
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": texts.name, "always_online": True},
            "slash_commands": [
                {
                    "command": SLASH_COMMAND,
                    "url": events_url,
                    "description": texts.command_description,
                    "usage_hint": texts.command_usage_hint,
                    "should_escape": False,  # plain text; Referent reads no <@U…> links
                }
            ],
            "shortcuts": [
                {
                    "name": texts.new_task_name,
                    "type": "global",
                    "callback_id": NEW_TASK_CALLBACK,
                    "description": texts.new_task_description,
                },
                {
                    "name": texts.task_from_message_name,
                    "type": "message",
                    "callback_id": TASK_FROM_MESSAGE_CALLBACK,
                    "description": texts.task_from_message_description,
                },
            ],
        },
        "oauth_config": {
            "redirect_urls": [f"https://{host}{OAUTH_REDIRECT_PATH}"],
            "scopes": {"bot": list(BOT_SCOPES)},
        },
        "settings": {
            "event_subscriptions": {"request_url": events_url, "bot_events": list(BOT_EVENTS)},
            "interactivity": {"is_enabled": True, "request_url": events_url},
            "org_deploy_enabled": False,
            "socket_mode_enabled": False,  # Slack calls Referent over HTTPS
            "token_rotation_enabled": False,
        },
    }
    check_limits(manifest)
    return manifest


def check_limits(manifest: dict[str, Any]) -> None:
    """Raise ManifestError if a text is outside Slack's limits (SLACK_LIMITS, URL_MAX)."""
    features = manifest["features"]
    values: list[tuple[str, str]] = [
        (f"display_information.{key}", value)
        for key, value in manifest["display_information"].items()
        if key != "background_color"
    ]
    values.append(("features.bot_user.display_name", features["bot_user"]["display_name"]))
    for group in ("slash_commands", "shortcuts"):
        for item in features[group]:
            values += [
                (f"features.{group}.{key}", value)
                for key, value in item.items()
                if f"features.{group}.{key}" in SLACK_LIMITS
            ]
    for path, value in values:
        low, high = SLACK_LIMITS[path]
        if not low <= len(value) <= high:
            raise ManifestError(f"{path} has {len(value)} characters; Slack takes {low} to {high}")
    for command in features["slash_commands"]:
        if len(command["url"]) > URL_MAX:
            raise ManifestError(f"the slash command's url is longer than {URL_MAX} characters")
