"""Activities sent directly (bot/activity_calls.py) make the request the SDK's generated
operation makes through msrest, and come back as what it returns or raises: each call made
both ways, through a connector client set up as the adapter sets it up, against a local
server that records the requests byte for byte and answers as a Connector may."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.schema import Activity, Attachment, ChannelAccount, ConversationAccount
from botframework.connector.aio import ConnectorClient
from botframework.connector.aio.operations_async import ConversationsOperations
from botframework.connector.auth import MicrosoftAppCredentials
from botframework.connector.models import ErrorResponseException
from msrest.exceptions import ClientRequestError, ValidationError

from bot.activity_calls import DirectActivities
from bot.connector_client import use_aiohttp
from bot.line_breaks import ADAPTIVE_CARD
from bot.model_json import SentCard

# Headers aiohttp adds per request, not chosen by either path.
_VARYING = {"Host", "Content-Length"}


@dataclass
class Recorder:
    """Records each request; answers with `status` and `body` (bytes) and `content_type`."""

    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    status: int = 200
    body: bytes = b'{"id": "1"}'
    content_type: str = "application/json"

    async def handle(self, request: web.Request) -> web.Response:
        headers = {k: v for k, v in request.headers.items() if k not in _VARYING}
        self.requests.append((request.method, request.raw_path, headers, await request.read()))
        return web.Response(status=self.status, body=self.body, content_type=self.content_type)


@pytest.fixture
async def connector() -> AsyncIterator[tuple[Recorder, str]]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    server = TestServer(app)
    await server.start_server()
    try:
        yield recorder, str(server.make_url("/amer/"))
    finally:
        await server.close()


@pytest.fixture
async def client(connector: tuple[Recorder, str]) -> AsyncIterator[Any]:
    async with aiohttp.ClientSession() as session:
        made = ConnectorClient(MicrosoftAppCredentials("", ""), base_url=connector[1])
        yield use_aiohttp(made, session)


def _reply() -> Activity:
    card = SentCard(
        {
            "type": "AdaptiveCard",
            "version": "1.5",
            "body": [{"type": "TextBlock", "text": "Vedtak:\nForslaget vedtas.", "wrap": True}],
        }
    )
    return Activity(
        type="message",
        text="Neste møte i LSU: 9. desember\nNeste møte i SSU: 14. desember",
        from_property=ChannelAccount(id="28:bot", name="Referent"),
        recipient=ChannelAccount(id="29:marit", name="Marit Lunde"),
        conversation=ConversationAccount(id="19:abc@thread.tacv2;messageid=17"),
        reply_to_id="1712345678901",
        attachments=[Attachment(content_type=ADAPTIVE_CARD, content=card)],
    )


async def _both(client: Any, call: str, *args: Any) -> tuple[Any, Any]:
    """The call made directly, then through the SDK's own operation; their results."""
    direct = await getattr(client.conversations, call)(*args)
    through_msrest = await getattr(ConversationsOperations, call)(client.conversations, *args)
    return direct, through_msrest


@pytest.mark.parametrize(
    ("call", "args"),
    [
        ("reply_to_activity", ("19:abc@thread.tacv2;messageid=17", "1712345678901")),
        ("send_to_conversation", ("a:1 b/c?d#e",)),
        ("update_activity", ("19:abc@thread.tacv2", "1712345678901:2")),
    ],
)
async def test_each_call_sends_what_the_sdk_sends(
    client: Any, connector: tuple[Recorder, str], call: str, args: tuple[str, ...]
) -> None:
    recorder = connector[0]
    assert isinstance(client.conversations, DirectActivities)
    direct, through_msrest = await _both(client, call, *args, _reply())
    assert direct.id == through_msrest.id == "1"
    ours, theirs = recorder.requests
    assert ours == theirs  # method, path as sent, every header, the body byte for byte
    _, path, headers, body = ours
    assert path.startswith("/amer/v3/conversations/")  # under the service URL's path
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    sent = json.loads(body)
    assert sent["text"] == "Neste møte i LSU: 9. desember\n\nNeste møte i SSU: 14. desember"
    assert sent["attachments"][0]["content"]["body"][0]["text"] == "Vedtak:\n\nForslaget vedtas."


async def test_the_activity_and_its_card_are_not_changed_by_sending(client: Any) -> None:
    reply = _reply()
    card = reply.attachments[0].content
    await client.conversations.reply_to_activity("19:abc", "17", reply)
    assert reply.text.count("\n") == 1 and card["body"][0]["text"] == "Vedtak:\nForslaget vedtas."


@pytest.mark.parametrize(
    "answer",
    [
        (202, b"", "application/json"),  # Microsoft's Teams emulator: accepted, no body
        (200, b"ok", "text/plain"),  # not JSON: no body
        (201, b'{"id": "x", "extra": 1}', "application/json"),
    ],
)
async def test_every_answer_reads_as_the_sdk_reads_it(
    client: Any, connector: tuple[Recorder, str], answer: tuple[int, bytes, str]
) -> None:
    connector[0].status, connector[0].body, connector[0].content_type = answer
    direct, through_msrest = await _both(client, "send_to_conversation", "c", _reply())
    if through_msrest is None:
        assert direct is None
    else:
        assert direct.serialize() == through_msrest.serialize()
        assert direct.additional_properties == through_msrest.additional_properties


@pytest.mark.parametrize(
    "answer",
    [
        (403, b'{"error": {"code": "BotNotInConversationRoster"}}', "application/json"),
        (503, b"<html>Service Unavailable</html>", "text/html"),  # a proxy in front
        (429, b"", "application/json"),
    ],
)
async def test_a_refusal_raises_what_the_sdk_raises(
    client: Any, connector: tuple[Recorder, str], answer: tuple[int, bytes, str]
) -> None:
    connector[0].status, connector[0].body, connector[0].content_type = answer
    raised = []
    for send in (client.conversations.reply_to_activity, _sdk_reply(client)):
        with pytest.raises(ErrorResponseException) as caught:
            await send("c", "1", _reply())
        raised.append(caught.value)
    ours, theirs = raised
    assert str(ours) == str(theirs)
    assert ours.response.status == theirs.response.status == answer[0]  # aiohttp's response
    assert (ours.error and ours.error.serialize()) == (theirs.error and theirs.error.serialize())


def _sdk_reply(client: Any) -> Any:
    async def reply(*args: Any) -> Any:
        return await ConversationsOperations.reply_to_activity(client.conversations, *args)

    return reply


async def test_a_connector_nobody_answers_is_msrests_client_request_error() -> None:
    async with aiohttp.ClientSession() as session:
        made = ConnectorClient(MicrosoftAppCredentials("", ""), base_url="http://127.0.0.1:9/")
        client = use_aiohttp(made, session)
        with pytest.raises(ClientRequestError):
            await client.conversations.send_to_conversation("c", _reply())


# -- near misses: the SDK's path, not this one ---------------------------------------------------
async def test_custom_headers_take_the_sdks_path(
    client: Any, connector: tuple[Recorder, str]
) -> None:
    await client.conversations.send_to_conversation("c", _reply(), custom_headers={"X-Trace": "7"})
    assert connector[0].requests[0][2]["X-Trace"] == "7"
    raw = await client.conversations.send_to_conversation("c", _reply(), raw=True)
    assert raw.output.id == "1"  # msrest's ClientRawResponse, as asked


async def test_a_missing_id_fails_as_the_sdk_fails(client: Any) -> None:
    for call in (client.conversations.reply_to_activity, _sdk_reply(client)):
        with pytest.raises(ValidationError, match="conversation_id"):
            await call(None, "1", _reply())
