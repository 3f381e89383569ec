"""Slack workspaces: which tenant each one is, and the bot token to write there with.

One workspace (SLACK_BOT_TOKEN): its requests are the deployment's tenant and every call
uses that token. Installed through OAuth: each workspace is a tenant of its own (its team
id, or what SLACK_TENANTS maps it to), and its bot token is the one its install stored in
the installation store (Referent's own database, migration 0011), gone once it uninstalls."""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore

from storage.database import Database

from ..config import SlackSettings

log = logging.getLogger(__name__)

# How long an "Add to Slack" link's state is good for (Slack's own examples: 10 minutes).
STATE_LIFETIME = timedelta(minutes=10)


class SlackWorkspaces:
    @classmethod
    def configured(
        cls, settings: SlackSettings | None, db: Database, tenant: str
    ) -> SlackWorkspaces | None:
        """The deployment's Slack, or None when Slack is not configured."""
        return cls(settings, db, tenant) if settings is not None else None

    def __init__(self, settings: SlackSettings, db: Database, tenant: str) -> None:
        self.settings = settings
        self.deployment_tenant = tenant
        self.installations: AsyncInstallationStore | None = None
        self.states: AsyncSQLAlchemyOAuthStateStore | None = None
        if settings.oauth:
            # slack_sdk's stores, on our engine and tables (migration 0011).
            self.installations = AsyncSQLAlchemyInstallationStore(
                client_id=settings.client_id, engine=db.engine, logger=log
            )
            self.states = AsyncSQLAlchemyOAuthStateStore(
                expiration_seconds=int(STATE_LIFETIME.total_seconds()),
                engine=db.engine,
                logger=log,
            )

    def tenant(self, team_id: str | None) -> str:
        """The tenant of a request from `team_id`'s workspace."""
        if not self.settings.oauth:
            return self.deployment_tenant
        if team_id and (mapped := self.settings.tenants.get(team_id)):
            return mapped
        return team_id or self.deployment_tenant

    async def bot_token(self, team_id: str | None) -> str | None:
        """The token to write to `team_id`'s workspace with; None when it has none (not
        installed, or uninstalled since)."""
        if self.installations is None:
            return self.settings.bot_token or None
        bot = await self.installations.async_find_bot(enterprise_id=None, team_id=team_id)
        return bot.bot_token if bot is not None else None

    async def forget(self, team_id: str) -> None:
        """The workspace uninstalled Referent, or revoked its tokens: delete them."""
        if self.installations is not None:
            await self.installations.async_delete_all(enterprise_id=None, team_id=team_id)
