"""Slack's Events API end to end: signed requests to the real aiohttp server at
/slack/events, answers at a local fake of Slack's Web API (tests/bot/fake_slack.py).

Payload shapes are those of Slack's Events API documentation: the outer event_callback
envelope and the `app_mention` event from api.slack.com/events/app_mention, the direct
message from api.slack.com/events/message.im, the bot's message (subtype bot_message) from
api.slack.com/events/message/bot_message, the url_verification challenge from
api.slack.com/events/url_verification; the signature as api.slack.com/authentication/
verifying-requests-from-slack describes it (v0 HMAC-SHA256 of `v0:{timestamp}:{body}`)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from assistant.message_length import too_long
from bot.config import SlackSettings
from bot.slack.mrkdwn import from_markdown

from .activities import teams_message
from .conftest import Running, serve, start_bot
from .fake_connector import FakeConnector
from .fake_slack import BOT_ID, BOT_USER_ID, TEAM_ID, FakeSlack
from .served import referent_serve

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # the documentation's example signing secret
TOKEN = "xoxb-test-token"
SETTLE_S = 0.5  # how long a lazy listener that should not post is given to post anyway


@pytest.fixture
async def slack() -> AsyncIterator[tuple[FakeSlack, str]]:
    fake = FakeSlack()
    runner, url = await serve(fake.app())
    yield fake, f"{url}/api/"
    await runner.cleanup()


def settings(api_url: str) -> SlackSettings:
    return SlackSettings(signing_secret=SECRET, bot_token=TOKEN, api_url=api_url)


async def slack_bot(
    database_url: str, connector: tuple[FakeConnector, str], api_url: str
) -> AsyncIterator[Running]:
    async for running in start_bot(database_url, connector, slack=settings(api_url)):
        yield running


@pytest.fixture
async def bot_with_slack(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[FakeSlack, str]
) -> AsyncIterator[Running]:
    async for running in slack_bot(database_url, connector, slack[1]):
        yield running


def signed(body: str, *, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }


def envelope(event: dict, event_id: str) -> dict:
    return {
        "token": "ZZZZZZWSxiZZZ2yIvs3peJ",
        "team_id": TEAM_ID,
        "api_app_id": "A123ABC456",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1515449522,
        "authed_users": [BOT_USER_ID],
    }


def mention(text: str, event_id: str = "Ev123ABC456", ts: str = "1515449522.000016") -> dict:
    return envelope(
        {
            "type": "app_mention",
            "user": "U123ABC456",
            "text": text,
            "ts": ts,
            "channel": "C123ABC456",
            "event_ts": ts,
        },
        event_id,
    )


def direct_message(text: str, event_id: str = "Ev0DM00001", **extra: str) -> dict:
    return envelope(
        {
            "type": "message",
            "channel": "D024BE91L",
            "user": "U2147483697",
            "text": text,
            "ts": "1355517523.000005",
            "event_ts": "1355517523.000005",
            "channel_type": "im",
            **extra,
        },
        event_id,
    )


async def post_event(
    url: str, payload: dict, headers: dict[str, str] | None = None, **sign: object
) -> aiohttp.ClientResponse:
    body = json.dumps(payload)
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{url}/slack/events", data=body, headers={**signed(body, **sign), **(headers or {})}
        )
        await response.read()
        return response


async def test_a_mention_is_answered_once_in_its_thread(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    started = time.perf_counter()
    response = await post_event(
        bot_with_slack.url, mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?")
    )
    assert response.status == 200
    assert time.perf_counter() - started < 3  # acknowledged before the answer is made
    (post,) = await fake.wait_for_posts(1)
    await asyncio.sleep(SETTLE_S)
    assert len(fake.posted()) == 1
    assert post.args["channel"] == "C123ABC456"
    assert post.args["thread_ts"] == "1515449522.000016"
    assert post.token == TOKEN
    text, blocks = post.args["text"], json.dumps(post.args["blocks"], ensure_ascii=False)
    assert "2023.30" in text and "**" not in text  # the notification's plain text
    assert "2023.30" in blocks and "arbeidsgruppe i regi av AU" in blocks and "004_" in blocks
    assert f"<@{BOT_USER_ID}>" not in text + blocks


async def test_a_direct_message_is_answered(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    response = await post_event(bot_with_slack.url, direct_message("hva ble bestemt om LAR?"))
    assert response.status == 200
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == "D024BE91L"
    assert "thread_ts" not in post.args  # a DM is answered in the DM itself
    assert "2023.30" in post.args["text"]


async def test_bot_messages_and_channel_chatter_are_ignored(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    url = bot_with_slack.url
    other_bot = direct_message(
        "hva ble bestemt om LAR?", "Ev0BOT0001", subtype="bot_message", bot_id="BB12033"
    )
    own = direct_message("hva ble bestemt om LAR?", "Ev0OWN0001", bot_id=BOT_ID)
    own["event"]["user"] = BOT_USER_ID
    channel = direct_message("hva ble bestemt om LAR?", "Ev0CHAN001", channel_type="channel")
    edited = direct_message("hva ble bestemt om LAR?", "Ev0EDIT001", subtype="message_changed")
    for payload in (other_bot, own, channel, edited):
        assert (await post_event(url, payload)).status == 200
    await asyncio.sleep(SETTLE_S)
    assert fake.posted() == []
    # The same server still answers a person (it is not merely slow).
    await post_event(url, direct_message("hva ble bestemt om LAR?", "Ev0PERSON1"))
    await fake.wait_for_posts(1)


async def test_a_retried_event_is_answered_once(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    payload = mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?")
    first = await post_event(bot_with_slack.url, payload)
    retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    retry = await post_event(bot_with_slack.url, payload, retry_headers)
    assert (first.status, retry.status) == (200, 200)  # acknowledged, so Slack stops retrying
    await fake.wait_for_posts(1)
    await asyncio.sleep(SETTLE_S)
    assert len(fake.posted()) == 1


async def test_a_retry_to_a_second_instance_is_not_answered_again(
    seeded: None,
    database_url: str,
    connector: tuple[FakeConnector, str],
    slack: tuple[FakeSlack, str],
) -> None:
    fake, api_url = slack
    payload = mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?", "Ev0TWICE01")
    async for one in slack_bot(database_url, connector, api_url):
        async for two in slack_bot(database_url, connector, api_url):
            retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
            statuses = await asyncio.gather(
                post_event(one.url, payload), post_event(two.url, payload, retry_headers)
            )
            assert [r.status for r in statuses] == [200, 200]
            await fake.wait_for_posts(1)
            await asyncio.sleep(SETTLE_S)
            assert len(fake.posted()) == 1
            # Another event is answered by either.
            await post_event(two.url, mention(f"<@{BOT_USER_ID}> LAR", "Ev0OTHER01"))
            await fake.wait_for_posts(2)


@pytest.mark.parametrize(
    "sign",
    [
        {"secret": "not-the-signing-secret"},
        {"at": time.time() - 6 * 60},  # older than Slack's 5 minutes
    ],
    ids=["bad-signature", "stale-timestamp"],
)
async def test_unsigned_or_stale_requests_get_401_and_nothing_runs(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], sign: dict
) -> None:
    fake = slack[0]
    payload = mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?")
    response = await post_event(bot_with_slack.url, payload, **sign)
    assert response.status == 401
    await asyncio.sleep(SETTLE_S)
    assert fake.calls == []  # not even auth.test
    # The same event, properly signed, is then answered: nothing recorded it as taken.
    assert (await post_event(bot_with_slack.url, payload)).status == 200
    await fake.wait_for_posts(1)


async def test_url_verification_is_answered_with_the_challenge(
    bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    payload = {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "challenge": challenge,
        "type": "url_verification",
    }
    body = json.dumps(payload)
    url = f"{bot_with_slack.url}/slack/events"
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=body, headers=signed(body)) as response,
    ):
        assert response.status == 200
        assert (await response.json())["challenge"] == challenge
    assert slack[0].posted() == []


async def test_without_slack_settings_there_is_no_slack_route_and_teams_works(
    seeded: None, bot: Running
) -> None:
    payload = mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?")
    response = await post_event(bot.url, payload)
    assert response.status == 404
    activity = teams_message("hva ble bestemt om LAR?", bot.connector_url)
    assert (await bot.post(activity)).status == 201
    (reply,) = await bot.connector.wait_for_messages(1)
    assert "2023.30" in json.dumps(reply)


async def test_referent_serve_mounts_slack_from_the_environment(
    seeded: None, database_url: str, slack: tuple[FakeSlack, str], tmp_path: Path
) -> None:
    fake, api_url = slack
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN, "SLACK_API_URL": api_url}
    async with referent_serve(database_url, tmp_path / "serve.log", **env) as served:
        assert (await post_event(served.url, direct_message("LAR"))).status == 200
        (post,) = await fake.wait_for_posts(1)
        assert "2023.30" in post.args["text"]
    async with referent_serve(database_url, tmp_path / "plain.log") as served:
        assert (await post_event(served.url, direct_message("LAR", "Ev0PLAIN01"))).status == 404


async def test_an_overlong_message_gets_the_polite_refusal(
    bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    typed = "LAR " * 5000
    await post_event(bot_with_slack.url, direct_message(typed, "Ev0LONG001"))
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == "D024BE91L"
    # Counted as Teams counts it: the message's words, without the mention or spaces around.
    assert post.args["text"] == from_markdown(too_long(typed.strip(), "nb") or "")
