"""The bot server: the composition root. Everything is built here, from the Config, and
hung on the aiohttp Application under AppKeys; nothing lives in module globals."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from assistant.clock import Clock, SystemClock
from assistant.store_current import bring_current
from storage.database import Database

from .adapter import MAX_ACTIVITY_BYTES, ReferentAdapter, authentication
from .config import Config
from .dev_chat import add_dev_chat
from .export_links import ExportLinks, add_export_links, link_key
from .outbox import Outbox
from .pacing import PacingLimits
from .scheduler import Scheduler, SchedulerSettings
from .slack.app import add_slack
from .slack.outbox import slack_outbox
from .slack.workspaces import SlackWorkspaces
from .stacks import TenantStacks
from .teams_bot import ReferentBot
from .tenant_router import TenantRouter

log = logging.getLogger(__name__)

DATABASE = web.AppKey("database", Database)
ADAPTER = web.AppKey("adapter", ReferentAdapter)
BOT = web.AppKey("bot", ReferentBot)  # the deployment tenant's
ROUTER = web.AppKey("router", TenantRouter)  # each turn to its tenant's bot
SCHEDULER = web.AppKey("scheduler", Scheduler)
STACKS = web.AppKey("stacks", TenantStacks)


def create_app(config: Config, *, clock: Clock | None = None) -> web.Application:
    app = web.Application(client_max_size=MAX_ACTIVITY_BYTES)
    db = Database(config.database_url, pool=config.pool)
    clock = clock or SystemClock()
    app[DATABASE] = db
    app[ADAPTER] = ReferentAdapter(authentication(config.bot, clock), language=config.language)
    workspaces = SlackWorkspaces.configured(config.slack, db, config.tenant)
    scheduler = app[SCHEDULER] = Scheduler(
        db,
        Outbox(app[ADAPTER].auth, config.bot.app_id),
        clock,
        tz=config.tz,
        tenant=config.tenant,
        language=config.language,
        settings=SchedulerSettings(
            poll_seconds=config.reminder_poll_seconds,
            pacing=PacingLimits() if config.pacing else PacingLimits.off(),
        ),
        slack=slack_outbox(workspaces),
    )
    secrets_known = (config.bot.app_password, config.slack.signing_secret if config.slack else "")
    exports = ExportLinks(
        link_key(secrets_known), clock, db, config.tz, public_url=config.public_url
    )
    stacks = app[STACKS] = TenantStacks(
        db,
        clock,
        timezone=config.tz,
        language=config.language,
        on_change=scheduler.nudge,
        rights=config.rights,
        exports=exports,
    )
    app[BOT] = stacks(config.tenant).bot
    app[ROUTER] = TenantRouter(stacks, config.tenant, config.teams_tenants)
    if not config.bot.authenticated:
        log.warning(
            "NO MicrosoftAppId: the bot accepts unauthenticated requests (local mode). "
            "Set MicrosoftAppId and MicrosoftAppPassword before exposing it."
        )

    async def database(app: web.Application):  # type: ignore[no-untyped-def]
        try:
            await db.upgrade()
            current = await bring_current(db)
            if current.reindexed:
                log.info(
                    "search index rebuilt for %d cases (new text analysis or index layout)",
                    current.reindexed,
                )
            if current.settled is not None:
                log.info("recorded which open tasks later meetings settled: %d", current.settled)
            if current.planned is not None:
                log.info(
                    "recorded what the cases bring to later meetings: %d cases", current.planned
                )
            await db.optimize()
        except (SQLAlchemyError, OSError) as error:
            # Serve anyway: /readyz says 503 and turns get an apology until it is back.
            log.error("database not usable at start: %s", error)
        yield
        await app[ADAPTER].auth.close()
        await db.close()

    app.cleanup_ctx.append(database)
    if config.reminders:
        # After `database`: cleanup runs in reverse, so the scheduler stops first.
        app.cleanup_ctx.append(_run(scheduler))
    if not config.bot.authenticated:
        add_dev_chat(app)  # a browser chat for trying Referent on a laptop
    app.router.add_post("/api/messages", messages)
    if workspaces is not None:  # no Slack settings: no Slack route
        add_slack(app, workspaces, stacks)
    add_export_links(app, exports)  # GET /exports/{token}: «eksporter SSU»'s links
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app


def _run(scheduler: Scheduler):  # type: ignore[no-untyped-def]
    async def running(app: web.Application):  # type: ignore[no-untyped-def]
        task = asyncio.create_task(scheduler.run_forever(), name="reminders")
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return running


async def messages(request: web.Request) -> web.StreamResponse:
    app = request.app
    return await app[ADAPTER].process(request, app[ROUTER])


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    try:
        await request.app[DATABASE].ping()
    except (SQLAlchemyError, OSError) as error:
        # The detail (host, port, user) is for the operator's log, not for whoever asks.
        log.warning("not ready: database unavailable: %s", error)
        return web.json_response(
            {"status": "unavailable", "error": "database unavailable"}, status=503
        )
    return web.json_response({"status": "ready"})
