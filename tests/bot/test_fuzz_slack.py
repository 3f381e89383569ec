"""HTTP fuzz of /slack/events (hypothesis) with validly signed junk, on SQLite and
PostgreSQL, over real HTTP against the local fake of Slack's Web API.

Every request gets a 4xx or a 2xx (Bolt's ack); never a 5xx, never an error or a traceback
in the log (the lazy listeners' included), and a mention afterwards is still answered.

Payload shapes start from Slack's documentation, as in the modules they come from: the
Events API envelope, app_mention and message.im (tests/bot/test_slack_events.py:
api.slack.com/events/app_mention, api.slack.com/events/message.im), the slash command's
form fields and the block_actions payload (tests/bot/test_slack_commands.py:
api.slack.com/interactivity/slash-commands, api.slack.com/reference/interaction-payloads/
block-actions), the view_submission payload (api.slack.com/reference/interaction-payloads/
views). Then broken: envelope and event fields deleted or set to junk of every JSON type
(null, booleans, huge integers, NaN, strings with NUL and lone surrogates, nested lists and
objects), every event type Referent listens to and unknown ones, slash-command fields and
text of any Unicode, button action ids and values of junk, modal states of junk, and
signed bodies that are not JSON, not UTF-8, or nested 100,000 deep. Not sent:
app_uninstalled and tokens_revoked for the test's own workspace (they rightly forget it).
Counts: FUZZ_EXAMPLES per kind under `make test`, the fuzz profile's under `make fuzz`."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections import Counter
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.blocks import DONE_ACTION
from bot.slack.turns import SHARE_ACTION
from tests.fuzz_settings import examples

from .conftest import Running
from .fake_slack import BOT_USER_ID, FakeSlack
from .test_fuzz_http import JUNK, NASTY, _problems
from .test_slack_commands import USER, block_action, bot_with_slack, command, slack
from .test_slack_events import SECRET, SETTLE_S, envelope, mention, signed

__all__ = ["bot_with_slack", "slack"]  # the fixtures, used here

FUZZ_EXAMPLES = 25
STATUSES: Counter[str] = Counter()
PER_REQUEST_S = 0.05  # for a lazy listener to fail within its example (shrinks to it)

EVENT_TYPES = ["app_mention", "message", "member_joined_channel", "channel_left", "group_left"]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))


def _mutated(draw: st.DrawFn, payload: dict[str, Any], paths: list[tuple[str, ...]]) -> None:
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):
        path = draw(st.sampled_from(paths))
        node: Any = payload
        for step in path[:-1]:
            node = node.get(step) if isinstance(node, dict) else None
        if isinstance(node, dict):
            if draw(st.booleans()):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = draw(JUNK)


def _copy(payload: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(payload))


@st.composite
def events(draw: st.DrawFn) -> str:
    kind = draw(st.one_of(st.sampled_from(EVENT_TYPES), st.text(max_size=12)))
    text = draw(TEXT)
    if draw(st.booleans()):
        text = f"<@{BOT_USER_ID}> {text}"
    event = {
        "type": kind, "user": "U2147483697", "text": text, "ts": "1515449522.000016",
        "channel": draw(st.sampled_from(["C123ABC456", "D024BE91L", ""])),
        "event_ts": "1515449522.000016", "channel_type": draw(st.sampled_from(["im", "channel"])),
    }  # fmt: skip
    payload = envelope(event, f"Ev{draw(st.integers(0, 10**9))}")
    paths = [
        ("team_id",), ("type",), ("event",), ("event_id",), ("authorizations",),
        ("api_app_id",), ("event", "type"), ("event", "user"), ("event", "text"),
        ("event", "ts"), ("event", "channel"), ("event", "thread_ts"), ("event", "subtype"),
        ("event", "bot_id"), ("event", "blocks"), ("event", "files"),
    ]  # fmt: skip
    _mutated(draw, payload, paths)
    return json.dumps(payload)


@st.composite
def commands(draw: st.DrawFn, api_url: str) -> dict[str, str]:
    fields = command(api_url, draw(TEXT))
    # The response_url stays the fake's: Slack signs it, and a reply to an unreachable one
    # is rightly logged as an error (the command's answer is lost).
    names = sorted(set(fields) - {"response_url"})
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        if draw(st.booleans()):
            del fields[name]
        else:
            fields[name] = draw(TEXT)
    return fields


@st.composite
def actions(draw: st.DrawFn, api_url: str) -> dict[str, str]:
    action = draw(st.one_of(st.sampled_from([DONE_ACTION, SHARE_ACTION]), st.text(max_size=10)))
    message = draw(st.one_of(st.none(), JUNK.filter(lambda j: isinstance(j, dict))))
    payload = _copy(block_action(api_url, action, draw(TEXT), message))
    paths = [
        ("type",), ("user",), ("team",), ("channel",), ("container",), ("actions",),
        ("message",), ("user", "id"), ("team", "id"), ("channel", "id"),
    ]  # fmt: skip
    response_url = payload["response_url"]
    _mutated(draw, payload, paths)
    payload["response_url"] = response_url  # as in commands(): the fake's
    return {"payload": json.dumps(payload)}


@st.composite
def views(draw: st.DrawFn) -> dict[str, str]:
    payload = {
        "type": "view_submission",
        "team": {"id": USER["team_id"], "domain": "example"},
        "user": USER,
        "api_app_id": "A123456",
        "token": "Shh_its_a_seekrit",
        "trigger_id": "12466734323.1395872398",
        "view": {
            "id": "VNHU13V36",
            "type": "modal",
            "callback_id": draw(st.one_of(st.sampled_from(
                ["referent.task.new", "referent.case.new", "referent.meeting.new", "task"]
            ), st.text(max_size=10))),
            "private_metadata": draw(st.one_of(TEXT, JUNK.map(json.dumps))),
            "state": {"values": draw(JUNK)},
        },
    }  # fmt: skip
    payload = _copy(payload)  # USER is shared: the mutations must not reach it
    _mutated(draw, payload, [("view",), ("user",), ("team",), ("view", "state")])
    return {"payload": json.dumps(payload)}


RAW = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["[" * 100_000, '{"a":' * 100_000, "payload=" + "[" * 5000, "[1]", "{}"]),
)


def _signed_bytes(body: bytes, content_type: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    base = f"v0:{timestamp}:".encode() + body
    digest = hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def _post(url: str, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture) -> int:
    logged = len(caplog.records)
    response = requests.post(
        f"{url}/slack/events", data=body, headers=_signed_bytes(body, content_type), timeout=60
    )
    STATUSES[f"{response.status_code // 100}xx"] += 1
    assert response.status_code < 500, (response.status_code, response.text, body[:300])
    time.sleep(PER_REQUEST_S)
    assert _problems(caplog.records[logged:]) == [], body[:2000]
    return response.status_code


def _fuzz(url: str, api_url: str, caplog: pytest.LogCaptureFixture) -> None:
    """In a thread: hypothesis drives blocking requests while the server's loop serves."""
    form = "application/x-www-form-urlencoded"
    n = examples(FUZZ_EXAMPLES)

    @settings(max_examples=n)
    @given(events())
    def event_junk(body: str) -> None:
        _post(url, body.encode(), "application/json", caplog)

    @settings(max_examples=n)
    @given(st.one_of(commands(api_url), actions(api_url), views()))
    def form_junk(fields: dict[str, str]) -> None:
        body = urlencode(fields, encoding="utf-8", errors="surrogatepass")
        _post(url, body.encode(), form, caplog)

    @settings(max_examples=n)
    @given(RAW, st.sampled_from(["application/json", form]))
    def raw_junk(body: str, content_type: str) -> None:
        _post(url, body.encode("utf-8", "surrogatepass"), content_type, caplog)

    @settings(max_examples=max(5, n // 5))
    @given(st.binary(max_size=200))
    def bytes_junk(body: bytes) -> None:
        _post(url, body, "application/json", caplog)

    event_junk()
    form_junk()
    raw_junk()
    bytes_junk()


async def test_signed_junk_gets_4xx_or_an_ack_and_mentions_still_work(
    seeded: None,
    bot_with_slack: Running,
    slack: tuple[FakeSlack, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    fake, api_url = slack
    STATUSES.clear()
    started = time.perf_counter()
    await asyncio.to_thread(_fuzz, bot_with_slack.url, api_url, caplog)
    print(f"fuzz /slack/events: {dict(STATUSES)} in {time.perf_counter() - started:.1f} s")
    await asyncio.sleep(SETTLE_S)  # the last lazy listeners
    assert _problems(caplog.records) == []
    ts = "1999999999.000001"
    question = mention(f"<@{BOT_USER_ID}> hva ble bestemt om LAR?", "Ev0AFTERFUZZ", ts)
    body = json.dumps(question)
    async with bot_with_slack.http.post(
        f"{bot_with_slack.url}/slack/events", data=body, headers=signed(body)
    ) as response:
        assert response.status == 200
    for _ in range(100):
        if any(p.args.get("thread_ts") == ts for p in fake.posted()):
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the mention after the fuzz was not answered")
    assert _problems(caplog.records) == []


async def test_a_block_action_without_an_action_id_is_400(
    seeded: None,
    bot_with_slack: Running,
    slack: tuple[FakeSlack, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Found by the fuzzer: Bolt's action matcher reads each action's action_id unchecked
    (KeyError, 500). Slack always sends one; without it the payload is refused."""
    caplog.set_level(logging.INFO)
    _, api_url = slack
    form = "application/x-www-form-urlencoded"

    def status(payload: dict[str, Any]) -> int:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return _post(bot_with_slack.url, body, form, caplog)

    whole = block_action(api_url, DONE_ACTION, "1", None)
    no_id = _copy(whole)
    del no_id["actions"][0]["action_id"]
    assert await asyncio.to_thread(status, no_id) == 400
    assert await asyncio.to_thread(status, whole) == 200  # the near miss: acknowledged
    assert _problems(caplog.records) == []
