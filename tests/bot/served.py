"""`referent serve` as its own process, as an operator runs it.

For tests whose failure was a frozen server: in-process, a blocked event loop would block
the test too; a server in a process of its own can freeze while the test times it out,
kills it and shows its log."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from .conftest import free_port

REFERENT = Path(sys.executable).with_name("referent")


@dataclass
class Served:
    url: str
    pid: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


_PORT_TRIES = 3  # the free port taken by another test's server before this one bound it


@contextlib.asynccontextmanager
async def referent_serve(database_url: str, log: Path, **env: str) -> AsyncIterator[Served]:
    """The server on a free loopback port, reminders off, no app id (local mode); `env`
    adds settings (REFERENT_DB_POOL_SIZE=…)."""
    environment = {
        **os.environ,
        "REFERENT_DATABASE_URL": database_url,
        "REFERENT_REMINDERS": "off",
        "MicrosoftAppId": "",
        "MicrosoftAppPassword": "",
        **env,
    }
    for attempt in range(1, _PORT_TRIES + 1):
        port = free_port()
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                str(REFERENT), "serve", "--port", str(port),
                env=environment, stdout=out, stderr=out, start_new_session=True,
            )  # fmt: skip
        served = Served(f"http://127.0.0.1:{port}", process.pid, log)
        try:
            if await _wait_until_healthy(served, process) or attempt == _PORT_TRIES:
                break
        except BaseException:
            await _stop(process)
            raise
    try:
        yield served
    finally:
        await _stop(process)


async def _stop(process: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 15)
    except TimeoutError:  # a frozen loop never sees SIGTERM
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def _wait_until_healthy(served: Served, process: asyncio.subprocess.Process) -> bool:
    """True once the server answers /healthz; False when another process held its port
    (a free port is only free until something binds it: another xdist worker's server
    answered this one's first /healthz, then went away, and the test met a closed port).
    The answer counts only once this server's access log shows it."""
    async with aiohttp.ClientSession() as http:
        for _ in range(300):
            if process.returncode is not None:
                if "address already in use" in served.log_text():
                    return False
                raise RuntimeError(f"referent serve ended at start:\n{served.log_text()}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{served.url}/healthz") as response:
                    if response.status == 200 and '"GET /healthz' in served.log_text():
                        return True
            await asyncio.sleep(0.1)
    raise RuntimeError(f"referent serve did not answer in 30 s:\n{served.log_text()}")


async def healthz_ms(http: aiohttp.ClientSession, url: str) -> float:
    """How long the server at `url` takes to answer /healthz, in milliseconds."""
    started = time.perf_counter()
    async with http.get(f"{url}/healthz", timeout=aiohttp.ClientTimeout(total=30)) as response:
        assert response.status == 200
    return (time.perf_counter() - started) * 1000
