"""Malformed requests get a clear 4xx, leave nothing behind, and the next turn still works."""

from __future__ import annotations

import pytest

from .activities import teams_message
from .conftest import Running


async def _next_turn_works(bot: Running) -> None:
    before = len(bot.connector.messages())
    response = await bot.post(teams_message("hjelp", bot.connector_url))
    assert response.status == 201
    await bot.connector.wait_for_messages(before + 1)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"this is not json", "application/json", 400),
        (b'{"type": ', "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'{"text": "hei"}', "application/json", 400),  # no type: not an activity
        (b'{"type": "message", "text": "hei"}', "application/json", 400),  # no serviceUrl
        ('{"type": "message"}'.encode("utf-16"), "application/json", 400),
        (b"type=message", "application/x-www-form-urlencoded", 400),
    ],
)
async def test_malformed_activity_is_400(
    bot: Running, body: bytes, content_type: str, status: int
) -> None:
    async with bot.http.post(
        f"{bot.url}/api/messages", data=body, headers={"Content-Type": content_type}
    ) as response:
        assert response.status == status
        assert "error" in await response.json()
    assert bot.connector.sent == []
    await _next_turn_works(bot)


async def test_body_over_one_megabyte_is_413(bot: Running) -> None:
    activity = teams_message("x" * (1024 * 1024), bot.connector_url)
    response = await bot.post(activity)
    assert response.status == 413
    assert bot.connector.sent == []
    await _next_turn_works(bot)


async def test_get_is_not_allowed(bot: Running) -> None:
    async with bot.http.get(f"{bot.url}/api/messages") as response:
        assert response.status == 405
