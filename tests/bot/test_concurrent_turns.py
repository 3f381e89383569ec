"""Many conversations at once against `referent serve`, as an operator runs it, on SQLite
and PostgreSQL: every turn answered, the server never frozen, and one pooled connection per
turn at most (a pool of two serves sixteen conversations).

Before these were fixed, on PostgreSQL: eight decision questions at once froze the server
for good (a thread lock held across a query on the event loop's thread), and sixteen
conversations exhausted the pool (each turn held one connection for its lock and waited for
a second one)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import ROOT

from .activities import teams_message
from .fake_connector import FakeConnector
from .served import Served, healthz_ms, referent_serve

DRIVER = ROOT.parent / "shared" / "bench" / "drive.py"
# Questions over the bundled example minutes, each with the title of the case its answer
# leads with.
LAR, OHD = "Legemiddelassistert rehabilitering (LAR)", "Kommunale øyeblikkelig hjelp-plasser"
BUDGET, TUD = "Økonomisk langtidsplan for Fjordby", "Samarbeid om pasienter i LAR og TUD"
QUESTIONS = {
    "hva ble bestemt om LAR?": LAR,
    "what was decided about LAR?": LAR,
    "hva ble vedtatt om øyeblikkelig hjelp?": OHD,
    "what was decided about ØHD?": OHD,
    "hva ble bestemt om budsjett": BUDGET,
    "what was decided about the long-term budget?": BUDGET,
    "hva ble bestemt om TUD": TUD,
    "what did SSU decide about LAR and TUD?": TUD,
}
SMALL_TALK = ["hei", "hjelp", "hvilke oppgaver har jeg?", "når er neste møte?", "takk!"]


@pytest.fixture
def examples(database_url: str, example_minutes: None) -> str:
    return database_url


async def test_eight_decision_questions_at_once_are_all_answered(
    examples: str, connector: tuple[FakeConnector, str], tmp_path: Path
) -> None:
    fake, connector_url = connector
    async with (
        referent_serve(examples, tmp_path / "serve.log") as served,
        aiohttp.ClientSession() as http,
    ):
        activities = {q: teams_message(q, connector_url) for q in QUESTIONS}

        async def ask(activity: dict) -> int:
            timeout = aiohttp.ClientTimeout(total=30)
            async with http.post(f"{served.url}/api/messages", json=activity, timeout=timeout) as r:
                return r.status

        statuses = await asyncio.gather(*(ask(a) for a in activities.values()))
        assert statuses == [201] * len(QUESTIONS), served.log_text()
        for question, activity in activities.items():
            replies = [s.activity for s in fake.sent if s.reply_to == activity["id"]]
            (answer,) = [r for r in replies if r.get("type") == "message"]
            assert QUESTIONS[question] in json.dumps(answer, ensure_ascii=False), question
        assert await healthz_ms(http, served.url) < 1000
    assert "Traceback" not in served.log_text()


def _driver() -> Path:
    if not DRIVER.is_file():
        pytest.skip(f"the shared Bot Framework driver is not at {DRIVER} (../shared/bench)")
    return DRIVER


async def _drive(served: Served, utterances: Path, turns: int, concurrency: int) -> dict:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(_driver()), "--json-only",
        "--url", f"{served.url}/api/messages",
        "-n", str(turns), "-c", str(concurrency), "--warmup", "0",
        "--utterances", str(utterances), "--reply-timeout", "60", "--duration", "240",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return json.loads(out.decode().strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("concurrency", [16, 64])
async def test_many_conversations_at_once_with_the_shared_driver(
    examples: str, concurrency: int, tmp_path: Path
) -> None:
    """The shared closed-loop driver (its own fake Connector): each of `concurrency`
    conversations asks its next question once the last one is answered."""
    utterances = tmp_path / "utterances.txt"
    utterances.write_text("\n".join([*QUESTIONS, *SMALL_TALK]) + "\n", encoding="utf-8")
    turns = concurrency * 4
    async with referent_serve(examples, tmp_path / "serve.log") as served:
        figures = await _drive(served, utterances, turns, concurrency)
    assert (figures["ok"], figures["errors"]) == (turns, 0), (figures, served.log_text()[-3000:])
    assert "Traceback" not in served.log_text()


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # PostgreSQL's pool
async def test_a_pool_of_two_connections_serves_sixteen_conversations(
    examples: str, tmp_path: Path
) -> None:
    """A turn holds one connection, for its lock and all its work: with two connections,
    sixteen conversations wait their turn for one instead of deadlocking the pool."""
    utterances = tmp_path / "utterances.txt"
    utterances.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    settings = {"REFERENT_DB_POOL_SIZE": "2", "REFERENT_DB_MAX_OVERFLOW": "0"}
    async with referent_serve(examples, tmp_path / "serve.log", **settings) as served:
        figures = await _drive(served, utterances, 64, 16)
    assert (figures["ok"], figures["errors"]) == (64, 0), (figures, served.log_text()[-3000:])
