"""Microsoft's Agents Playground (the Teams emulator) as its own process: the config file it
reads (who the users are, the chats, the team and its channels) and the server it runs.

The playground is both sides of Teams for the bot: it posts the user's activities to the
bot's /api/messages and is the Bot Connector the bot replies to (its serviceUrl is the
playground's own /_connector). Neither side authenticates: the bot runs without an app id
(local mode) and the playground is given no client id."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from tests.bot.conftest import free_port

BOT_NAME = "Referent"
TEAM_NAME = "Helsefellesskapet"
CHANNEL_NAME = "Samarbeid"  # names no committee: the bot is added without subscribing
# The tree items of the playground's side bar, by their accessible names.
PERSONAL_CHAT = "Personal Chat"
GROUP_CHAT = "Gruppechat"
TEAM_GENERAL = f"{TEAM_NAME} - General"  # a team's General channel: its id is the team's
TEAM_CHANNEL = f"{TEAM_NAME} - {CHANNEL_NAME}"

STARTUP_S = 30
OUTPUT, LOG = "playground.out", "playground.log"  # in the folder it runs in


@dataclass(frozen=True)
class Person:
    given_name: str
    surname: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.surname}"


def playground_config(current: Person, others: list[Person]) -> dict[str, Any]:
    """The playground's config (schema 0.1.1): `current` is the user at the keyboard, the
    five `others` are the tenant's other users, all of them in the group chat and the team."""
    if len(others) != 5:
        raise ValueError("the playground's config takes exactly five other users")

    def user(number: int, person: Person) -> dict[str, str]:
        email = f"{person.given_name}.{person.surname}@example.org".lower()
        return {
            "id": f"user-id-{number}",
            "name": person.name,
            "userPrincipleName": email,  # sic: the playground's spelling
            "aadObjectId": f"00000000-0000-0000-0000-0000000000{20 + number}",
            "givenName": person.given_name,
            "surname": person.surname,
            "email": email,
        }

    return {
        "version": "0.1.1",
        "tenantId": "00000000-0000-0000-0000-000000000001",
        "bot": {"id": "00000000-0000-0000-0000-000000000011", "name": BOT_NAME},
        "currentUser": user(0, current),
        "users": [user(n, person) for n, person in enumerate(others, start=1)],
        "personalChat": {"id": "personal-chat-id"},
        "groupChat": {"id": "group-chat-id", "name": GROUP_CHAT},
        "team": {
            "id": "team-id",
            "name": TEAM_NAME,
            "aadGroupId": "00000000-0000-0000-0000-000000000031",
            "channels": [{"id": "channel-id", "name": CHANNEL_NAME}],
        },
    }


@dataclass
class Playground:
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.asynccontextmanager
async def playground_running(
    cli: Path, bot_url: str, config: dict[str, Any], folder: Path
) -> AsyncIterator[Playground]:
    """The playground on a free port (it listens on every interface; it has no option for
    one), in front of the bot at `bot_url`, with `config` written for it in `folder` (where
    its logs go too)."""
    config_file = folder / ".m365agentsplayground.yml"
    config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")  # JSON is YAML
    environment = {
        **os.environ,
        "TEAMSAPPTESTER_BROWSER": "none",  # it opens a browser of its own otherwise
        "M365_AGENTS_PLAYGROUND_CONFIG_PATH": str(config_file),
        "M365_AGENTS_PLAYGROUND_LOGFILE": str(folder / LOG),
    }
    command = [
        "node", str(cli), "start",
        "--app-endpoint", f"{bot_url}/api/messages",
        "--channel-id", "msteams",
        "--port", str(free_port()),  # taken meanwhile, it picks another: read from its output
        "--disable-telemetry",
    ]  # fmt: skip
    with (folder / OUTPUT).open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *command, cwd=folder, env=environment, stdout=output, stderr=output,
            start_new_session=True,
        )  # fmt: skip
    try:
        port = await _listening_port(process, folder)
        playground = Playground(f"http://127.0.0.1:{port}", folder / LOG)
        await _wait_until_serving(playground.url, process, folder)
        yield playground
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


async def _listening_port(process: asyncio.subprocess.Process, folder: Path) -> int:
    """The port from the playground's "Listening on N"; its failure to start, raised."""
    for _ in range(STARTUP_S * 10):
        text = (folder / OUTPUT).read_text(encoding="utf-8", errors="replace")
        if found := re.search(r"^Listening on (\d+)$", text, re.MULTILINE):
            return int(found[1])
        if process.returncode is not None:
            raise RuntimeError(f"the playground ended at start:\n{_told(folder)}")
        await asyncio.sleep(0.1)
    raise RuntimeError(f"the playground did not start in {STARTUP_S} s:\n{_told(folder)}")


async def _wait_until_serving(url: str, process: asyncio.subprocess.Process, folder: Path) -> None:
    """Its page served. It reads the config file first: a bad one ends the process."""
    async with aiohttp.ClientSession() as http:
        for _ in range(STARTUP_S * 10):
            if process.returncode is not None:
                raise RuntimeError(f"the playground ended at start:\n{_told(folder)}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"the playground did not serve its page in {STARTUP_S} s:\n{_told(folder)}")


def _told(folder: Path) -> str:
    """What the playground said: its output, and its log's errors (a bad config's reason)."""
    output = (folder / OUTPUT).read_text(encoding="utf-8", errors="replace")
    log = folder / LOG
    errors = [
        line
        for line in (
            log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        ).splitlines()
        if line.startswith("error ")
    ]
    return "\n".join([output.strip(), *errors])
