"""An SDK connector client made to send the way this app does (one per service URL, kept
by bot/adapter.ReusedConnectors)."""

from __future__ import annotations

from typing import Any

import aiohttp
from msrest.pipeline import AsyncPipeline

from .activity_calls import DirectActivities
from .line_breaks import LineBreaks
from .transport import AiohttpSender, BearerTokens, CardSerializer, ConnectorBodies


def use_aiohttp(client: Any, session: aiohttp.ClientSession) -> Any:
    """Point an SDK connector client at `session`; returns the client. Activities are sent
    directly (bot/activity_calls.py), every other call through msrest's pipeline. Every
    message sent keeps its line breaks in Markdown (bot/line_breaks.py), and its cards are
    serialized as the JSON they already are (`CardSerializer`)."""
    serializer = CardSerializer(client._serialize.dependencies)
    for holder in (client, client.conversations, client.attachments):
        holder._serialize = serializer
    config = client.config
    sender = AiohttpSender(session, BearerTokens(config.credentials))
    policies = [config.user_agent_policy, LineBreaks(), ConnectorBodies()]
    config.pipeline = AsyncPipeline([*policies, config.http_logger_policy], sender)
    client.conversations = DirectActivities(client.conversations, sender)
    return client
