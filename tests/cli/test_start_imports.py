"""What the referent command and an import's parse workers load at their start.

A fork server starts the workers with the parsing module preloaded, and each runs the main
script again (multiprocessing's "safe importing of the main module"): both must stay free
of the database, the bot and the SDKs, or every import pays for loading them again. And a
command loads the Teams and Slack SDKs only if it sends reminders."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "aiohttp", "botbuilder", "slack_sdk", "bot.cli")


def _loaded_by(module: str) -> list[str]:
    """The heavy modules that importing `module` in a new interpreter loads."""
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    "module",
    [
        "assistant.document_parsing",  # what the fork server preloads
        "bot.entry_point",  # what the `referent` script imports, in every worker too
    ],
)
def test_a_parse_worker_loads_no_database_or_bot_code(module: str) -> None:
    assert _loaded_by(module) == []


def test_near_miss_the_whole_importer_does_load_the_database() -> None:
    """The check above can fail: the importer's own module is the heavy one."""
    assert "sqlalchemy" in _loaded_by("assistant.importing")


def test_the_commands_load_no_chat_sdk_until_one_sends_reminders() -> None:
    loaded = _loaded_by("bot.cli")
    assert not [m for m in loaded if m.startswith(("botbuilder", "slack_sdk"))], loaded


def test_near_miss_the_reminder_commands_do_load_them() -> None:
    assert "botbuilder" in _loaded_by("bot.reminders_cli")
