"""The local dev chat over HTTP: the page's messages reach the bot as activities and the
replies come back through the bot's connector client."""

from __future__ import annotations

import uuid

from .conftest import Running


async def _say(bot: Running, text: str, conversation: str, user: str = "") -> list[dict]:
    async with bot.http.post(
        f"{bot.url}/chat/send", json={"conversation": conversation, "text": text, "user": user}
    ) as response:
        assert response.status == 200, await response.text()
    async with bot.http.get(
        f"{bot.url}/chat/replies", params={"conversation": conversation, "after": "0"}
    ) as response:
        return (await response.json())["replies"]


async def test_the_page_is_served(bot: Running) -> None:
    async with bot.http.get(f"{bot.url}/chat") as response:
        assert response.status == 200
        assert "Referent" in await response.text()


async def test_a_question_from_the_page_gets_the_answer_and_its_card(
    seeded: None,
    bot: Running,
) -> None:
    conversation = f"dev-{uuid.uuid4().hex}"
    (reply,) = [r for r in await _say(bot, "hva ble bestemt om LAR?", conversation)
                if r["type"] == "message"]  # fmt: skip
    (card,) = reply["attachments"]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "2023.30" in str(card["content"])


async def test_conversations_are_kept_apart_and_bad_input_is_400(bot: Running) -> None:
    assert [r["type"] for r in await _say(bot, "hjelp", "dev-a")] == ["message"]
    async with bot.http.get(f"{bot.url}/chat/replies", params={"conversation": "dev-b"}) as r:
        assert (await r.json())["replies"] == []
    async with bot.http.post(f"{bot.url}/chat/send", data=b"nope") as r:
        assert r.status == 400
    async with bot.http.post(f"{bot.url}/chat/send", json={"text": "hei"}) as r:
        assert r.status == 400
