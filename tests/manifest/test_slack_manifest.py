"""`referent manifest --slack`: Slack's app manifest with every field issue 17's features need,
inside Slack's limits, its URLs on the given host; bad hosts refused with exit code 2.

No JSON schema for Slack manifests ships in the installed packages (slack_sdk and slack_bolt
only call apps.manifest.*), so the limits and key names below are copied by hand from Slack's
own schema, slackapi/manifest-schema schemas/manifest.schema.1.0.0.json.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.slack.modals import SHORTCUTS
from manifest.settings import ManifestError
from manifest.slack_manifest import build_slack_manifest, parse_slack_host
from manifest.texts import SLACK_ENGLISH, SLACK_NORWEGIAN, SlackTexts
from tests.conftest import ROOT

HOST = "referent.example.no"
EVENTS_URL = f"https://{HOST}/slack/events"

# Slack's schema (manifest.schema.1.0.0.json): (min, max) characters
LIMITS = {
    ("display_information", "name"): (1, 35),
    ("display_information", "description"): (1, 140),
    ("display_information", "long_description"): (175, 4000),
    ("bot_user", "display_name"): (1, 80),
    ("slash_commands", "command"): (2, 32),
    ("slash_commands", "description"): (1, 2000),
    ("slash_commands", "usage_hint"): (1, 1000),
    ("shortcuts", "name"): (1, 24),
    ("shortcuts", "description"): (1, 150),
    ("shortcuts", "callback_id"): (1, 255),
}
# The keys Slack's schema allows (additionalProperties: false) where the manifest has them.
ALLOWED_KEYS = {
    "": {"$schema", "_metadata", "display_information", "features", "oauth_config", "settings"},
    "display_information": {"name", "description", "background_color", "long_description"},
    "features": {"app_home", "bot_user", "slash_commands", "shortcuts", "unfurl_domains"},
    "app_home": {"home_tab_enabled", "messages_tab_enabled", "messages_tab_read_only_enabled"},
    "bot_user": {"display_name", "always_online"},
    "slash_commands": {"command", "url", "description", "usage_hint", "should_escape"},
    "shortcuts": {"name", "type", "callback_id", "description"},
    "oauth_config": {"redirect_urls", "scopes", "token_management_enabled", "pkce_enabled"},
    "settings": {
        "allowed_ip_address_ranges",
        "event_subscriptions",
        "interactivity",
        "org_deploy_enabled",
        "socket_mode_enabled",
        "token_rotation_enabled",
        "incoming_webhooks",
        "is_hosted",
        "function_runtime",
    },
    "event_subscriptions": {"request_url", "bot_events", "user_events", "metadata_subscriptions"},
    "interactivity": {"is_enabled", "request_url", "message_menu_options_url"},
}
# The scope each subscribed event needs (Slack's event reference); the last two need none.
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "member_joined_channel": "channels:read",
    "channel_left": "channels:read",
    "group_left": "groups:read",
    "app_home_opened": None,
    "app_uninstalled": None,
    "tokens_revoked": None,
}


@pytest.fixture
def referent(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path):
    """Run `referent manifest …` in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    monkeypatch.delenv("MicrosoftAppId", raising=False)
    monkeypatch.delenv("REFERENT_LANGUAGE", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["manifest", *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# -- the fields issue 17's features need


def test_the_manifest_declares_every_feature(referent) -> None:
    code, out, err = referent("--slack", "--host", HOST)
    assert code == 0, err
    manifest = json.loads(out)
    assert manifest["_metadata"] == {"major_version": 1}
    assert manifest["display_information"]["name"] == "Referent"
    features = manifest["features"]
    assert features["bot_user"] == {"display_name": "Referent", "always_online": True}
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["app_home"]["messages_tab_read_only_enabled"] is False  # users may write
    (command,) = features["slash_commands"]
    assert command["command"] == "/referent"
    assert command["url"] == EVENTS_URL
    assert command["usage_hint"] and command["description"]
    shortcuts = {s["callback_id"]: s for s in features["shortcuts"]}
    assert shortcuts["task.new"]["type"] == "global"
    assert shortcuts["task.new"]["name"] == "Ny oppgave"
    assert shortcuts["task.from_message"]["type"] == "message"
    assert shortcuts["task.from_message"]["name"] == "Lag oppgave fra melding"
    assert set(shortcuts) == set(SHORTCUTS)  # the ones bot/slack/modals.py opens modals for
    assert manifest["oauth_config"]["redirect_urls"] == [f"https://{HOST}/slack/oauth_redirect"]
    settings = manifest["settings"]
    assert settings["event_subscriptions"] == {
        "request_url": EVENTS_URL,
        "bot_events": list(EVENT_SCOPES),
    }
    assert settings["interactivity"] == {"is_enabled": True, "request_url": EVENTS_URL}
    assert settings["org_deploy_enabled"] is False
    assert settings["socket_mode_enabled"] is False
    assert settings["token_rotation_enabled"] is False


def test_the_scopes_are_what_the_features_need_and_no_more() -> None:
    scopes = build_slack_manifest(HOST)["oauth_config"]["scopes"]
    assert set(scopes) == {"bot"}  # no user token
    bot = scopes["bot"]
    assert len(bot) == len(set(bot))
    for event, scope in EVENT_SCOPES.items():
        assert scope is None or scope in bot, event
    # slash command and shortcuts; chat.postMessage; conversations.open for DM reminders;
    # users.info with email for identity; conversations.info for subscribed channels
    needed = {"commands", "chat:write", "im:write", "users:read", "users:read.email"}
    needed |= {"channels:read", "groups:read"}
    assert needed <= set(bot)
    events = {"app_mentions:read", "im:history", "channels:history", "groups:history"}
    assert set(bot) == needed | events
    assert "chat:write.public" not in bot  # the bot posts only where it was invited


def _check_keys(value: Any, where: str) -> None:
    if isinstance(value, list):
        for item in value:
            _check_keys(item, where)
    elif isinstance(value, dict):
        if where in ALLOWED_KEYS:
            assert set(value) <= ALLOWED_KEYS[where], where
        for key, item in value.items():
            if key not in {"_metadata", "scopes"}:
                _check_keys(item, key)


@pytest.mark.parametrize("texts", [SLACK_NORWEGIAN, SLACK_ENGLISH], ids=["nb", "en"])
def test_every_text_is_inside_slacks_limits(texts: SlackTexts) -> None:
    manifest = build_slack_manifest(HOST, texts)
    _check_keys(manifest, "")
    features = manifest["features"]
    places = {"display_information": [manifest["display_information"]]}
    places |= {"bot_user": [features["bot_user"]]}
    places |= {group: features[group] for group in ("slash_commands", "shortcuts")}
    checked = 0
    for (place, key), (low, high) in LIMITS.items():
        for item in places[place]:
            assert low <= len(item[key]) <= high, (place, key, len(item[key]))
            checked += 1
    assert checked == 3 + 1 + 3 + 2 * 3  # every limited value was seen
    assert len({s["callback_id"] for s in features["shortcuts"]}) == 2


def test_the_english_manifest_is_in_english(referent) -> None:
    code, out, _ = referent("--slack", "--host", HOST, "--lang", "en")
    assert code == 0
    manifest = json.loads(out)
    assert manifest["display_information"]["description"] == SLACK_ENGLISH.description
    assert "answers in Slack" in manifest["display_information"]["long_description"]
    names = {s["callback_id"]: s["name"] for s in manifest["features"]["shortcuts"]}
    assert names == {"task.new": "New task", "task.from_message": "Task from message"}


def test_a_text_over_a_limit_is_refused_not_written() -> None:
    at_limit = dataclasses.replace(SLACK_NORWEGIAN, task_from_message_name="x" * 24)
    build_slack_manifest(HOST, at_limit)
    over = dataclasses.replace(SLACK_NORWEGIAN, task_from_message_name="x" * 25)
    with pytest.raises(ManifestError, match=r"shortcuts\.name has 25 characters"):
        build_slack_manifest(HOST, over)
    short = dataclasses.replace(SLACK_NORWEGIAN, long_description="x" * 174)  # Slack: ≥ 175
    with pytest.raises(ManifestError, match="long_description has 174 characters"):
        build_slack_manifest(HOST, short)
    long_name = dataclasses.replace(SLACK_NORWEGIAN, name="x" * 36)
    with pytest.raises(ManifestError, match="name has 36 characters"):
        build_slack_manifest(HOST, long_name)


# -- the host


def test_every_url_is_https_on_the_host() -> None:
    urls = [s for s in _strings(build_slack_manifest(HOST)) if "://" in s]
    assert len(urls) == 4  # the command, the OAuth redirect, events, interactivity
    assert all(url.startswith(f"https://{HOST}/slack/") for url in urls)


@pytest.mark.parametrize(
    ("given", "host"),
    [
        ("Referent.Example.NO", "referent.example.no"),  # host names are case-insensitive
        ("  referent.example.no  ", "referent.example.no"),
        ("referent.example.no:8443", "referent.example.no:8443"),  # decided: a port is allowed
        ("xn--bjrnya-vua.example.no", "xn--bjrnya-vua.example.no"),  # an IDN in its ASCII form
    ],
)
def test_hosts_that_are_taken(given: str, host: str) -> None:
    assert parse_slack_host(given) == host
    manifest = build_slack_manifest(given)
    assert manifest["settings"]["interactivity"]["request_url"] == f"https://{host}/slack/events"


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("https://x", "has a scheme"),
        (f"https://{HOST}", "has a scheme"),  # Referent adds https:// itself
        (f"http://{HOST}", "has a scheme"),
        (f"{HOST}/slack/events", "without path"),
        (f"{HOST}/", "without path"),
        (f"{HOST}?a=b", "without path"),
        (f"user@{HOST}", "without path"),
        ("referent example.no", "without path"),
        ("referent", "not a host name"),  # one label
        (f"{HOST}.", "not a host name"),
        ("-referent.example.no", "not a host name"),
        ("referent_bot.example.no", "not a host name"),
        ("referent..example.no", "not a host name"),
        ("10.0.0.1", "not a host name"),
        ("localhost", "this machine"),
        ("127.0.0.1", "this machine"),
        (f"{HOST}:0", "bad port"),
        (f"{HOST}:65536", "bad port"),
        (f"{HOST}:", "bad port"),
        (f"{HOST}:https", "bad port"),
        ("", "empty"),
    ],
)
def test_bad_hosts_are_refused_with_exit_code_2(referent, host: str, message: str) -> None:
    code, out, err = referent("--slack", f"--host={host}")  # "=": a host may start with -
    assert code == 2
    assert out == ""
    assert err.startswith("referent: ") and message in err
    assert err.count("\n") == 1  # one line for the admin


# -- the command line


def test_out_writes_the_same_json_as_stdout(referent, tmp_path: Path) -> None:
    _, printed, _ = referent("--slack", "--host", HOST)
    out = tmp_path / "slack" / "manifest.json"
    code, said, err = referent("--slack", "--host", HOST, "--out", str(out))
    assert code == 0, err
    assert out.read_text("utf-8") == printed
    assert str(out) in said and EVENTS_URL in said


def test_slack_needs_a_host_and_takes_no_teams_options(referent) -> None:
    code, out, err = referent("--slack")
    assert (code, out) == (2, "") and "--slack needs --host" in err
    code, _, err = referent("--slack", "--host", HOST, "--app-id", "x", "--dev")
    assert code == 2 and "--app-id, --dev: for the Teams package" in err
    code, _, err = referent("--lang", "en", "--dev")
    assert code == 2 and "--lang is for --slack" in err


def test_the_teams_package_still_goes_to_its_default_file(
    referent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = referent("--dev")
    assert code == 0, err
    assert (tmp_path / "referent-teams.zip").is_file()


def test_the_installed_command_exits_2_on_a_bad_host(tmp_path: Path) -> None:
    """Through a real process: the exit code an admin's shell sees."""
    program = "import sys; from bot.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", program, "manifest", "--slack", "--host", f"http://{HOST}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"REFERENT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", "PATH": ""},
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "has a scheme" in done.stderr
