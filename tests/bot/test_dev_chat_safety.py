"""Dev mode is safe: the dev chat posts only to its own server whatever the Host header
says, and what it keeps of replies is bounded; `referent serve` on a non-loopback host
without an app id refuses unless told; /readyz and 400s say nothing of the internals."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import uuid
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot import dev_chat

from .activities import teams_message
from .conftest import FakeConnector, Running, free_port, serve, start_bot
from .served import REFERENT


async def test_send_posts_to_the_server_itself_not_to_the_host_header(bot: Running) -> None:
    posted: list[str] = []

    async def record(request: web.Request) -> web.Response:
        posted.append(request.path)
        return web.Response(status=201)

    other = web.Application()
    other.router.add_route("*", "/{tail:.*}", record)
    runner, other_url = await serve(other)
    try:
        conversation = f"dev-{uuid.uuid4().hex}"
        async with bot.http.post(
            f"{bot.url}/chat/send",
            json={"conversation": conversation, "text": "hjelp"},
            headers={"Host": other_url.removeprefix("http://")},
        ) as response:
            assert response.status == 200, await response.text()
        async with bot.http.get(
            f"{bot.url}/chat/replies", params={"conversation": conversation}
        ) as response:
            replies = (await response.json())["replies"]
    finally:
        await runner.cleanup()
    assert posted == []
    assert [r["type"] for r in replies] == ["message"]  # the bot answered, to itself


async def _kept_bytes(bot: Running, conversation: str) -> tuple[int, int]:
    async with bot.http.get(
        f"{bot.url}/chat/replies", params={"conversation": conversation, "after": "0"}
    ) as response:
        body = await response.json()
    return len(json.dumps(body["replies"], ensure_ascii=False).encode()), body["total"]


async def test_what_is_kept_of_replies_is_bounded(bot: Running) -> None:
    big = "x" * 200_000
    conversations = [f"dev-{n}" for n in range(12)]
    for n in range(132):  # 26 MB posted: 11 × 200 KB to each of 12 conversations
        cid = conversations[n % len(conversations)]
        url = f"{bot.url}/chat/connector/v3/conversations/{cid}/activities"
        async with bot.http.post(url, json={"type": "message", "text": big}) as response:
            assert response.status == 200
    kept = [await _kept_bytes(bot, cid) for cid in conversations]
    assert sum(size for size, _ in kept) <= dev_chat.MAX_TOTAL_BYTES
    assert all(size <= dev_chat.MAX_KEPT_BYTES for size, _ in kept)
    last = conversations[-1]  # recently used: kept, its newest replies
    size, total = kept[-1]
    assert total == 11 and size > dev_chat.MAX_KEPT_BYTES - 200_100  # the first forgotten
    # a page that has seen 10 gets the 11th, though the first is forgotten
    async with bot.http.get(
        f"{bot.url}/chat/replies", params={"conversation": last, "after": "10"}
    ) as response:
        assert len((await response.json())["replies"]) == 1


async def test_junk_posted_to_the_dev_chat_is_400(bot: Running) -> None:
    for path, body in [
        ("/chat/send", b"[1]"),
        ("/chat/send", b"[" * 100_000),
        ("/chat/connector/v3/conversations/c/activities", b"[1]"),
        ("/chat/connector/v3/conversations/c/activities", b"nope"),
        ("/chat/connector/v3/conversations/c/activities/a", b"{" * 100_000),
    ]:
        async with bot.http.post(
            f"{bot.url}{path}", data=body, headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 400, (path, body[:10])
    async with bot.http.post(
        f"{bot.url}/chat/send",
        data=json.dumps({"conversation": "dev-x", "text": "hjelp", "user": "a\ud800\x00b"}),
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 200


async def test_readyz_does_not_show_the_database_error(
    connector: tuple[FakeConnector, str], caplog: pytest.LogCaptureFixture
) -> None:
    url = "postgresql+asyncpg://nobody@127.0.0.1:9/none"  # a closed port on loopback
    async for broken in start_bot(url, connector, reminders=False):
        caplog.clear()
        async with broken.http.get(f"{broken.url}/readyz") as response:
            assert response.status == 503
            body = await response.text()
    assert json.loads(body) == {"status": "unavailable", "error": "database unavailable"}
    assert "127.0.0.1" not in body and ":9" not in body
    assert any("127.0.0.1" in r.getMessage() for r in caplog.records)  # the operator's log


async def test_a_400_does_not_echo_msrest(bot: Running) -> None:
    activity = teams_message("hei", bot.connector_url)
    activity["timestamp"] = "not a time"
    response = await bot.post(activity)
    assert response.status == 400
    assert await response.json() == {"error": "the body is not an activity"}


def _environment(tmp_path: Path, **env: str) -> dict[str, str]:
    environment = {**os.environ, "MicrosoftAppId": "", "MicrosoftAppPassword": ""}
    environment.pop("REFERENT_ALLOW_UNAUTHENTICATED", None)
    environment["REFERENT_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"
    environment["REFERENT_REMINDERS"] = "off"
    return {**environment, **env}


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "bot.example.org", ""])
def test_serve_on_a_public_host_without_an_app_id_refuses(host: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(REFERENT), "serve", "--host", host, "--port", str(free_port())],
        env=_environment(tmp_path), capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2
    assert "refusing to serve" in done.stderr and "--allow-unauthenticated" in done.stderr


@pytest.mark.parametrize(
    ("told", "env"),
    [(["--allow-unauthenticated"], {}), ([], {"REFERENT_ALLOW_UNAUTHENTICATED": "1"})],
)
async def test_serve_on_a_public_host_when_told_starts(
    told: list[str], env: dict[str, str], tmp_path: Path
) -> None:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        str(REFERENT), "serve", "--host", "0.0.0.0", "--port", str(port), *told,
        env=_environment(tmp_path, **env),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(300):
                assert process.returncode is None, "referent serve ended"
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("referent serve did not answer in 30 s")
    finally:
        process.terminate()
        await process.wait()
