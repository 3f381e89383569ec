"""The Bot Connector's three calls that carry an activity (send, reply, update), made
directly: every answer is one of them.

The SDK's generated operations build each call through msrest: the ids quoted by a generic
serializer, a request object, a pipeline of four policies (the user agent, bot/line_breaks,
the answer's deserializer, a logger that logs nothing), then the answer read by a generic
deserializer. Without them sending a reply went from 21.8 to 19.4 % of the server's busy
samples (py-spy, mixed questions), and a turn costs ~2 % less CPU. Here the same request
(URL, headers, the JSON of bot/model_json with its line breaks kept) goes to the app's
sender (bot/transport.py), and its answer becomes the same ResourceResponse, or the same
ErrorResponseException. A call with custom headers, `raw` or operation options, or ids that
are not text, takes the SDK's path, as does any other call.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from botframework.connector.aio.operations_async import ConversationsOperations
from botframework.connector.models import ErrorResponseException, ResourceResponse
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http import ClientRequest

from .line_breaks import activity_line_breaks
from .model_json import UNSURE, model_from_json
from .transport import AiohttpSender, answer_data

# What the generated operations accept as success (the sender makes any 2xx a 200).
_SUCCESS = (200, 201, 202)


class DirectActivities(ConversationsOperations):  # type: ignore[misc]
    """A connector client's `conversations`, sending activities without msrest's pipeline."""

    def __init__(self, operations: ConversationsOperations, sender: AiohttpSender) -> None:
        super().__init__(
            operations._client, operations.config, operations._serialize, operations._deserialize
        )
        self._sender = sender

    async def send_to_conversation(
        self, conversation_id: Any, activity: Any, *, custom_headers: Any = None,
        raw: bool = False, **operation_config: Any,
    ) -> Any:  # fmt: skip
        if not self._direct(custom_headers, raw, operation_config, conversation_id):
            return await super().send_to_conversation(
                conversation_id, activity, custom_headers=custom_headers, raw=raw,
                **operation_config,
            )  # fmt: skip
        url = self.send_to_conversation.metadata["url"]
        return await self._call("POST", url, activity, {}, conversationId=conversation_id)

    async def reply_to_activity(
        self, conversation_id: Any, activity_id: Any, activity: Any, *,
        custom_headers: Any = None, raw: bool = False, **operation_config: Any,
    ) -> Any:  # fmt: skip
        if not self._direct(custom_headers, raw, operation_config, conversation_id, activity_id):
            return await super().reply_to_activity(
                conversation_id, activity_id, activity, custom_headers=custom_headers,
                raw=raw, **operation_config,
            )  # fmt: skip
        url = self.reply_to_activity.metadata["url"]
        headers = {"x-ms-conversation-id": conversation_id}
        return await self._call(
            "POST", url, activity, headers, conversationId=conversation_id, activityId=activity_id
        )

    async def update_activity(
        self, conversation_id: Any, activity_id: Any, activity: Any, *,
        custom_headers: Any = None, raw: bool = False, **operation_config: Any,
    ) -> Any:  # fmt: skip
        if not self._direct(custom_headers, raw, operation_config, conversation_id, activity_id):
            return await super().update_activity(
                conversation_id, activity_id, activity, custom_headers=custom_headers,
                raw=raw, **operation_config,
            )  # fmt: skip
        url = self.update_activity.metadata["url"]
        return await self._call(
            "PUT", url, activity, {}, conversationId=conversation_id, activityId=activity_id
        )

    # The SDK's operations read their URL from the method they are called as (self.…).
    send_to_conversation.metadata = ConversationsOperations.send_to_conversation.metadata
    reply_to_activity.metadata = ConversationsOperations.reply_to_activity.metadata
    update_activity.metadata = ConversationsOperations.update_activity.metadata

    def _direct(self, headers: Any, raw: bool, options: Any, *ids: Any) -> bool:
        """Whether a call is one this class makes: no custom headers, raw answer or options,
        no HTTP logging asked for, ids that are text (None: msrest raises its own error)."""
        plain = not (headers or raw or options or self.config.enable_http_logger)
        return plain and all(type(i) is str for i in ids)

    async def _call(
        self, method: str, template: str, activity: Any, headers: dict[str, str], **ids: str
    ) -> ResourceResponse | None:
        # msrest's Serializer.url quotes each id whole; format_url joins them to the base.
        url = self._client.format_url(template, **{k: quote(v, safe="") for k, v in ids.items()})
        request = ClientRequest(method, url)
        request.headers.update(
            {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
        )
        request.headers.update(headers)
        request.headers["User-Agent"] = self.config.user_agent_policy.user_agent
        body = self._serialize.body(activity, "Activity")
        request.add_content(activity_line_breaks(body) if isinstance(body, dict) else body)
        response = await self._sender.exchange(request)
        data = answer_data(response)
        # Where msrest's pipeline leaves what it read: ErrorResponseException looks there.
        response.context = {RawDeserializer.CONTEXT_NAME: data}
        if response.status_code not in _SUCCESS:
            raise ErrorResponseException(self._deserialize, response)
        if data is None:
            return None
        built = model_from_json("ResourceResponse", data, self._serialize.dependencies)
        return built if built is not UNSURE else self._deserialize("ResourceResponse", response)
