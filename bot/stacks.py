"""One tenant's bot: the assistant, capture, reminder settings, conversation languages,
dialogs and the Teams activity handler, all reading and writing that tenant's records.

Teams uses the deployment's tenant (REFERENT_TENANT); Slack the tenant of the workspace a
request comes from (bot/slack/workspaces.py). Built on first use and kept: a stack holds
only caches and its dialogs, so one per tenant costs little."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from botbuilder.core import ConversationState

from assistant.assistant import Assistant
from assistant.capture import Capture
from assistant.clock import Clock
from assistant.decision_search import DecisionSearch
from assistant.reminder_settings import ReminderSettings
from storage.bot_state import DatabaseStorage
from storage.database import Database
from storage.task_rights import TaskRights

from .conversation_language import ConversationLanguages
from .conversations import Conversations
from .export_links import ExportLinks
from .identity import UnlinkedUsers
from .teams_bot import ReferentBot


@dataclass(frozen=True, slots=True)
class TenantStack:
    tenant: str
    assistant: Assistant
    capture: Capture
    reminders: ReminderSettings
    languages: ConversationLanguages
    conversations: Conversations
    bot: ReferentBot
    unlinked: UnlinkedUsers


class TenantStacks:
    """Each tenant's stack, built when first asked for."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        timezone: ZoneInfo,
        language: str,
        on_change: Callable[[], None],
        rights: TaskRights | None = None,
        exports: ExportLinks | None = None,
    ) -> None:
        self.db, self.clock, self.timezone, self.language = db, clock, timezone, language
        self.on_change = on_change
        self.rights = rights or TaskRights()
        self.exports = exports  # the export links «eksporter SSU» hands out
        self.search = DecisionSearch()  # one per process: its vocabulary is every tenant's
        self._stacks: dict[str, TenantStack] = {}

    def __call__(self, tenant: str) -> TenantStack:
        stack = self._stacks.get(tenant)
        if stack is None:
            stack = self._stacks[tenant] = self._build(tenant)
        return stack

    def _build(self, tenant: str) -> TenantStack:
        db, clock = self.db, self.clock
        assistant = Assistant(
            db=db,
            clock=clock,
            timezone=self.timezone,
            tenant=tenant,
            default_language=self.language,
            search=self.search,
            admins=self.rights.admins,
        )
        capture = Capture(
            db=db, clock=clock, timezone=self.timezone, tenant=tenant, rights=self.rights
        )
        reminders = ReminderSettings(
            db, clock, tenant, on_change=self.on_change, admins=self.rights.admins
        )
        languages = ConversationLanguages(db, clock, tenant, self.language)
        unlinked = UnlinkedUsers()
        conversations = Conversations(
            ConversationState(DatabaseStorage(db)),
            capture,
            reminders,
            languages,
            unlinked,
            exports=self.exports,
        )
        bot = ReferentBot(assistant, conversations, reminders, unlinked)
        return TenantStack(
            tenant, assistant, capture, reminders, languages, conversations, bot, unlinked
        )
