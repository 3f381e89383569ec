"""HTTP fuzz of /api/messages (hypothesis), on SQLite and PostgreSQL, over real HTTP.

Every request gets a 4xx or is taken (2xx) and answered politely; never a 5xx, never an
error or a traceback in the log, and the conversation the junk went to answers a normal
question afterwards. Activity shapes start from tests/bot/activities.py (the Bot
Connector's, as Teams posts them) and are then broken.

Inputs tried: bodies that are not JSON (any bytes, UTF-16, invalid UTF-8, truncated JSON),
JSON that is not an object, nesting 100,000 deep (json refuses it) and 900 deep inside an
activity (json takes it), a 900 KB text (taken) and a 1 MB one (413); activities with one
to four fields (type, id, timestamp, channelId, from, conversation, recipient, text,
textFormat, locale, entities, channelData, value, name, attachments, membersAdded,
membersRemoved, replyToId, serviceUrl, …, and fields inside from/conversation/entities)
deleted or set to junk of every JSON type: null, booleans, integers beyond 64 bits, NaN and
infinities, strings with NUL, lone surrogates, emoji, mentions, and nested lists/objects;
every activity type (message, invoke with every invoke name Teams sends and junk names and
values, conversationUpdate with junk members, messageReaction, event, typing, junk types).
The count: FUZZ_EXAMPLES per database under `make test`, the fuzz profile's under `make fuzz`
(tests/fuzz_settings.py); STATUSES gathers the statuses seen, printed with -s."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections import Counter
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz_settings import examples

from .activities import BOT_ID, teams_message
from .conftest import Running

FUZZ_EXAMPLES = 40
STATUSES: Counter[str] = Counter()

NASTY = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\ud83d\ude00", "🙂", "\u202e", "\ufeff",
    "<at>Referent</at>", "<at>", "29:", "28:referent-bot", "${jndi:ldap://x}", "%s%n", "'; --",
    "../../etc/passwd", "null", "NaN", "hjelp", "ny oppgave", "oppgave: Per gjør det innen i går",
    "hva ble bestemt om LAR?", "angre", "side 999999999999999999999", "nb-NO", "en", "xx-XX",
]  # fmt: skip
LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(NASTY),
    st.text(max_size=40),
)
KEYS = st.one_of(st.sampled_from(["id", "name", "type", "text"]), st.text(max_size=8))
JUNK = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=4),
    ),
    max_leaves=12,
)  # fmt: skip
FIELDS = [
    ("type",), ("id",), ("timestamp",), ("localTimestamp",), ("channelId",), ("from",),
    ("from", "id"), ("from", "name"), ("from", "aadObjectId"), ("conversation",),
    ("conversation", "conversationType"), ("conversation", "tenantId"),
    ("conversation", "isGroup"), ("recipient",), ("recipient", "id"), ("text",),
    ("textFormat",), ("locale",), ("entities",), ("entities", 0), ("entities", 0, "locale"),
    ("channelData",), ("channelData", "tenant"), ("value",), ("name",), ("attachments",),
    ("membersAdded",), ("membersRemoved",), ("replyToId",), ("action",), ("reactionsAdded",),
]  # fmt: skip
TYPES = [
    "message", "invoke", "conversationUpdate", "messageReaction", "installationUpdate",
    "event", "typing", "endOfConversation", "messageUpdate", "messageDelete", "MESSAGE", "",
]  # fmt: skip
INVOKES = [
    "adaptiveCard/action", "composeExtension/query", "composeExtension/selectItem",
    "composeExtension/submitAction", "composeExtension/fetchTask", "task/fetch", "task/submit",
    "signin/verifyState", "actionableMessage/executeAction", "fileConsent/invoke", "",
]  # fmt: skip
# Not anywhere at all: a reply to a random host would leave the machine.
SERVICE_URLS = ["", "not a url", "http://127.0.0.1:9/", "ftp://x", "http://[::1", 7, None]


def _set(activity: dict[str, Any], path: tuple[Any, ...], value: Any, delete: bool) -> None:
    node: Any = activity
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return
    try:
        if delete:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        pass


@st.composite
def activities(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    activity = json.loads(json.dumps(base))
    kind = draw(st.one_of(st.sampled_from(TYPES), st.text(max_size=10)))
    activity["type"] = kind
    activity["text"] = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=200)))
    if kind == "invoke" or draw(st.booleans()):
        activity["name"] = draw(st.one_of(st.sampled_from(INVOKES), st.text(max_size=20)))
        activity["value"] = draw(JUNK)
    if kind == "conversationUpdate":
        member = st.one_of(JUNK, st.fixed_dictionaries({"id": st.sampled_from([BOT_ID, "29:x"])}))
        activity["membersAdded"] = draw(st.one_of(JUNK, st.lists(member, max_size=3)))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 4]))):  # half left whole
        path = draw(st.sampled_from(FIELDS))
        _set(activity, path, draw(JUNK), delete=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:
        activity["serviceUrl"] = draw(st.sampled_from(SERVICE_URLS))
    return activity


RAW = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    JUNK.map(lambda j: json.dumps(j).encode()),
)


def _post(url: str, body: bytes, caplog: pytest.LogCaptureFixture) -> int:
    """POSTs `body`; fails on a 5xx or on an error logged while it was handled (the turn
    is done when the response comes), so that hypothesis shrinks to the input at fault."""
    logged = len(caplog.records)
    response = requests.post(
        f"{url}/api/messages", data=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    STATUSES[f"{response.status_code // 100}xx"] += 1
    assert response.status_code < 500, (response.status_code, response.text, body[:300])
    assert _problems(caplog.records[logged:]) == [], body[:2000]
    return response.status_code


def _fuzz(url: str, base: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    """Runs in a thread: hypothesis drives blocking requests, the server's loop stays free."""

    @settings(max_examples=examples(FUZZ_EXAMPLES))
    @given(activities(base))
    def activity_junk(activity: dict[str, Any]) -> None:
        _post(url, json.dumps(activity).encode(), caplog)

    @settings(max_examples=examples(FUZZ_EXAMPLES // 2))
    @given(RAW)
    def raw_junk(body: bytes) -> None:
        _post(url, body, caplog)

    activity_junk()
    raw_junk()


def _problems(records: list[logging.LogRecord]) -> list[str]:
    """Errors and tracebacks logged: each message with its exception and where it was
    raised."""
    return [
        f"{r.levelname} {r.name}: {r.getMessage()}" + (_where(r.exc_info[1]) if r.exc_info else "")
        for r in records
        if r.levelno >= logging.ERROR or r.exc_info
    ]


def _where(error: BaseException | None) -> str:
    frames = traceback.extract_tb(error.__traceback__) if error else []
    ours = [f"{f.filename.split('/work/main/')[-1]}:{f.lineno}" for f in frames][-4:]
    return f" [{type(error).__name__}: {error} at {' < '.join(reversed(ours))}]"


def _replied(reply: dict[str, Any]) -> str:
    cards = [
        json.dumps(a.get("content"), ensure_ascii=False) for a in reply.get("attachments") or []
    ]
    return " ".join([reply.get("text") or "", *cards])


async def _still_answers(bot: Running, base: dict[str, Any]) -> None:
    """The conversation the junk went to answers a question. The junk may have begun a
    dialog ("ny oppgave" is among it), which takes the next message as its answer: the
    user's way out, «avbryt», goes first."""
    for text in ("avbryt", "hva ble bestemt om LAR?"):
        before = len(bot.connector.messages())
        assert (await bot.post({**json.loads(json.dumps(base)), "text": text})).status == 201
    for _ in range(100):  # junk turns' replies may still be on their way
        replies = [_replied(m) for m in bot.connector.messages()[before:]]
        if any("2023.30" in r for r in replies):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the conversation did not answer after the fuzz: {replies}")


async def test_junk_activities_get_4xx_or_a_polite_turn(
    seeded: None, bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    base = teams_message("hjelp", bot.connector_url)
    STATUSES.clear()
    started = time.perf_counter()
    await asyncio.to_thread(_fuzz, bot.url, base, caplog)
    print(f"fuzz /api/messages: {dict(STATUSES)} in {time.perf_counter() - started:.1f} s")
    assert _problems(caplog.records) == []
    await _still_answers(bot, base)
    assert _problems(caplog.records) == []


@pytest.mark.parametrize(
    ("name", "body", "status"),
    [
        ("nesting 100,000 deep", b"[" * 100_000 + b"]" * 100_000, 400),
        ("an object nesting 100,000 deep", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, 400),
        ("invalid UTF-8", b'{"type": "message", "text": "\xff\xfe"}', 400),
        ("UTF-16", '{"type": "message"}'.encode("utf-16"), 400),
        ("NaN as the type", b'{"type": NaN}', 400),
        ("a list", b'[{"type": "message"}]', 400),
    ],
)
async def test_hand_picked_junk_is_400(
    bot: Running, caplog: pytest.LogCaptureFixture, name: str, body: bytes, status: int
) -> None:
    assert await asyncio.to_thread(_post, bot.url, body, caplog) == status, name
    assert _problems(caplog.records) == []


async def test_deep_large_and_odd_activities_are_taken_politely(
    seeded: None, bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    base = teams_message("hjelp", bot.connector_url)
    update = {**base, "type": "conversationUpdate", "membersAdded": [{"id": BOT_ID}]}
    deep: Any = "x"
    for _ in range(900):  # json.loads takes it (under the recursion limit)
        deep = [deep]
    cases = [
        ({**base, "value": deep}, (201,)),
        ({**base, "channelData": {"a": deep}}, (201,)),
        ({**base, "text": "hva ble bestemt om " + "LAR " * 225_000}, (201,)),  # 900 KB
        ({**base, "text": "x" * (1024 * 1024)}, (413,)),
        # Found by the fuzzer: the SDK's Teams handler reads channelData.team unchecked.
        ({**update, "channelData": None}, (400,)),
        ({k: v for k, v in update.items() if k != "channelData"}, (400,)),
        ({**update, "channelData": {}}, (201,)),
        ({**update, "membersAdded": [], "membersRemoved": [{"id": "29:x"}]}, (201,)),
        ({**base, "text": "\x00" * 100_000}, (201,)),
        ({**base, "text": "\ud800" * 100_000}, (201,)),
        ({**base, "entities": [{"type": "mention", "text": "\x00", "mentioned": deep}]}, (400,)),
        (
            {
                **base,
                "entities": [
                    {"type": "mention", "text": "<at>(Referent[</at>", "mentioned": {"id": BOT_ID}}
                ],
            },
            (201,),
        ),
    ]
    for activity, allowed in cases:
        body = json.dumps(activity).encode()
        assert await asyncio.to_thread(_post, bot.url, body, caplog) in allowed, str(activity)[:200]
    assert _problems(caplog.records) == []
    await _still_answers(bot, base)
