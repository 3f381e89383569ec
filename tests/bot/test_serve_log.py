"""What `referent serve` logs of a request: one line with who asked, what, the status, the
size and the seconds it took; not the time twice, nor the Connector's user agent."""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from .served import referent_serve

_LINE = re.compile(r'aiohttp\.access: 127\.0\.0\.1 "GET /healthz HTTP/1\.1" 200 \d+ \d+\.\d{6}s$')


async def test_a_request_is_one_short_line(database_url: str, tmp_path: Path) -> None:
    async with (
        referent_serve(database_url, tmp_path / "serve.log") as served,
        aiohttp.ClientSession(headers={"User-Agent": "probe/1"}) as http,
        http.get(f"{served.url}/healthz") as response,
    ):
        assert response.status == 200
    lines = [ln for ln in served.log_text().splitlines() if "aiohttp.access" in ln]
    assert lines and all(_LINE.search(ln) for ln in lines), lines
    assert not any("probe/1" in ln or "+0000]" in ln for ln in lines)
