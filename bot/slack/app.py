"""The Slack transport's core: a Bolt AsyncApp mounted in the bot server.

- POST /slack/events: events, the slash command, shortcuts, buttons and modals. Bolt
  checks each request's signature and age (a bad one or one older than 5 minutes is a 401
  and runs nothing), answers Slack's url_verification, and drops the bot's own messages.
  Everything is acknowledged at once and done afterwards (lazy listeners): Slack delivers
  again when it sees no ack within 3 seconds.
- Installed through OAuth (SLACK_CLIENT_ID): GET /slack/install ("Add to Slack") and GET
  /slack/oauth_redirect, with the state checked and the installation stored in Referent's
  database (bot/slack/workspaces.py); each request then runs with its workspace's token.
  With SLACK_BOT_TOKEN instead: one workspace, that token.

Every listener works in its workspace's tenant (context[TENANT], set by the middleware)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from assistant.clean_text import clean_json
from manifest.slack_manifest import BOT_SCOPES, OAUTH_REDIRECT_PATH

from ..config import SlackSettings
from ..stacks import TenantStacks
from . import home, modals
from .blocks import DONE_ACTION, NEXT_PAGE_ACTION
from .commands import COMMAND, SlackCommands
from .context import TENANT, stack_of
from .messages import SlackMessages
from .payload_shape import payload_problem
from .turns import SHARE_ACTION
from .workspaces import SlackWorkspaces

log = logging.getLogger(__name__)

SLACK_APP = web.AppKey("slack_app", AsyncApp)
SLACK_WORKSPACES = web.AppKey("slack_workspaces", SlackWorkspaces)
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"


def add_slack(app: web.Application, workspaces: SlackWorkspaces, stacks: TenantStacks) -> None:
    """Mount the Slack app on the server: POST /slack/events, and the install routes."""
    settings = workspaces.settings
    app[SLACK_WORKSPACES] = workspaces
    app[SLACK_APP] = slack_app(settings, stacks, workspaces)
    app.router.add_post(EVENTS_PATH, events)
    if settings.oauth:
        app.router.add_get(INSTALL_PATH, install)
        app.router.add_get(OAUTH_REDIRECT_PATH, oauth_redirect)


async def events(request: web.Request) -> web.Response:
    bolt = request.app[SLACK_APP]
    try:
        # Bolt parses the body and picks ids out of it as it builds the request, before any
        # signature check: a body it cannot read (not UTF-8, not JSON, too deep, an id of
        # the wrong type) raises there, which is a malformed request, not a server error.
        bolt_request = await to_bolt_request(request)
    except (ValueError, RecursionError, TypeError, AttributeError, KeyError, IndexError) as error:
        log.info("not a Slack request: %s: %s", type(error).__name__, error)
        return web.json_response({"error": "not a Slack request"}, status=400)
    # The signature is checked over raw_body, which stays as it came; what the listeners
    # read (the parsed body, the ids in the context) is cleaned of what cannot be stored.
    clean_json(bolt_request.body)
    clean_json(bolt_request.context)
    if problem := payload_problem(bolt_request.body, bolt_request.context):
        log.info("not a Slack payload Referent can read: %s", problem)
        return web.json_response({"error": "not a Slack request"}, status=400)
    return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))


async def install(request: web.Request) -> web.Response:
    """The "Add to Slack" page (a new state issued for it)."""
    flow = request.app[SLACK_APP].oauth_flow
    assert flow is not None  # routed only with OAuth
    return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))


async def oauth_redirect(request: web.Request) -> web.Response:
    """Slack's redirect after the install: the state checked (once), the code exchanged
    (oauth.v2.access), the installation stored."""
    flow = request.app[SLACK_APP].oauth_flow
    assert flow is not None
    return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))


def slack_app(
    settings: SlackSettings, stacks: TenantStacks, workspaces: SlackWorkspaces
) -> AsyncApp:
    client = AsyncWebClient(token=settings.bot_token or None, base_url=settings.api_url)
    if settings.oauth:
        oauth = AsyncOAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(BOT_SCOPES),
            redirect_uri=settings.redirect_uri or None,
            redirect_uri_path=OAUTH_REDIRECT_PATH,
            install_path=INSTALL_PATH,
            authorization_url=settings.authorize_url,
            installation_store=workspaces.installations,
            state_store=workspaces.states,
        )
        bolt = AsyncApp(
            signing_secret=settings.signing_secret,
            client=client,
            oauth_settings=oauth,
            installation_store=workspaces.installations,
            name="referent",
        )
    else:
        bolt = AsyncApp(signing_secret=settings.signing_secret, client=client, name="referent")

    @bolt.middleware
    async def cleaned(req: AsyncBoltRequest, next: Callable[[], Awaitable[Any]]) -> Any:
        """Lazy listeners parse the request's raw_body again (Bolt's to_copyable): once
        Bolt's own middleware has checked the signature over it, it becomes the cleaned
        payload (events() cleaned the parsed one), as JSON, which Bolt reads back as is."""
        req.raw_body = json.dumps(req.body)
        return await next()

    @bolt.middleware
    async def workspace(context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]) -> Any:
        context[TENANT] = workspaces.tenant(context.team_id)
        return await next()

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    messages = SlackMessages(stacks)
    bolt.event("app_mention")(ack=acknowledge, lazy=[messages.mention])
    bolt.event("message")(ack=acknowledge, lazy=[messages.message])
    bolt.event("member_joined_channel")(ack=acknowledge, lazy=[messages.joined])
    bolt.event("channel_left")(ack=acknowledge, lazy=[messages.left])
    bolt.event("group_left")(ack=acknowledge, lazy=[messages.left])

    async def uninstalled(context: AsyncBoltContext) -> None:
        """app_uninstalled, tokens_revoked: the workspace's reminders stop and its tokens
        are deleted (Bolt asks the store for them on each request: none, no work)."""
        team_id = context.team_id or ""
        await stack_of(stacks, context).reminders.team_removed("slack", team_id)
        await workspaces.forget(team_id)

    async def revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        if (event.get("tokens") or {}).get("bot"):  # a user's token alone changes nothing
            await uninstalled(context)

    bolt.event("app_uninstalled")(ack=acknowledge, lazy=[uninstalled])
    bolt.event("tokens_revoked")(ack=acknowledge, lazy=[revoked])
    # /referent and the buttons: acknowledged at once, answered after (lazy).
    commands = SlackCommands(stacks, messages)
    bolt.command(COMMAND)(ack=acknowledge, lazy=[commands.command])
    bolt.action(SHARE_ACTION)(ack=acknowledge, lazy=[commands.share])
    bolt.action(DONE_ACTION)(ack=acknowledge, lazy=[commands.task_done])
    bolt.action(NEXT_PAGE_ACTION)(ack=acknowledge, lazy=[messages.next_page])
    home.register(bolt, stacks)
    modals.register(bolt, stacks)
    return bolt
