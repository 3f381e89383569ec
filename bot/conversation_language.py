"""A conversation's language, kept in its chat_conversation row: read once per turn,
written only when it changes, and read again by the scheduler for reminders there.

The row is the channel's (a Teams channel's threads share it), so a new thread, or the
button on a reminder card posted in the channel, answers in the channel's language.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from botbuilder.core import TurnContext
from sqlalchemy.exc import SQLAlchemyError

from assistant.clock import Clock
from storage import chat_conversations as store
from storage.database import Database

from .conversation_info import conversation_info, conversation_key
from .languages import LanguageMemory, reply_language

log = logging.getLogger(__name__)

# turn_state key: the turn's LanguageMemory, once read (the turn-error handler uses it too).
MEMORY_KEY = "referent.language"


def turn_memory(turn_context: TurnContext) -> LanguageMemory | None:
    """The conversation's language memory if this turn has read it (no I/O)."""
    memory = turn_context.turn_state.get(MEMORY_KEY)
    return memory if isinstance(memory, LanguageMemory) else None


class ConversationLanguages:
    def __init__(self, db: Database, clock: Clock, tenant: str, default: str) -> None:
        self.db, self.clock, self.tenant, self.default = db, clock, tenant, default

    async def memory(self, turn_context: TurnContext) -> LanguageMemory:
        """What the turn's conversation chose and last wrote in (read once per turn)."""
        if (memory := turn_memory(turn_context)) is not None:
            return memory
        tenant, channel, conversation = conversation_key(turn_context, self.tenant)
        stored = await self.db.read(
            lambda s: store.stored_language(s, tenant, channel, conversation)
        )
        memory = LanguageMemory()
        if stored is not None and stored.source == store.CHOSEN:
            memory = LanguageMemory(chosen=stored.language, written=stored.language)
        elif stored is not None and stored.source == store.WRITTEN:
            memory = LanguageMemory(written=stored.language)
        turn_context.turn_state[MEMORY_KEY] = memory
        return memory

    async def reply(self, turn_context: TurnContext, evident: str | None = None) -> str:
        """The language to answer the turn in (bot/languages.reply_language); `evident`:
        the language the message shows, if it shows one."""
        memory = await self.memory(turn_context)
        locale = turn_context.activity.locale
        return reply_language(memory, evident=evident, locale=locale, default=self.default)

    async def written(self, turn_context: TurnContext, language: str | None) -> None:
        """The turn's message showed `language`: the conversation's language from now on,
        unless one was chosen there. Written only when it changes."""
        memory = await self.memory(turn_context)
        if not language or memory.chosen or memory.written == language:
            return
        try:
            await self._store(turn_context, language, store.WRITTEN)
        except (SQLAlchemyError, OSError) as error:  # the answer matters more: next time
            log.warning("could not store the conversation's language: %s", error)
            return
        turn_context.turn_state[MEMORY_KEY] = replace(memory, written=language)

    async def choose(self, turn_context: TurnContext, language: str) -> None:
        """Someone asked for `language` («snakk norsk»): it wins over everything now."""
        await self._store(turn_context, language, store.CHOSEN)
        turn_context.turn_state[MEMORY_KEY] = LanguageMemory(chosen=language, written=language)

    async def _store(self, turn_context: TurnContext, language: str, source: str) -> None:
        info = conversation_info(turn_context, self.tenant)
        info = replace(info, language=language, language_source=source)
        now = self.clock.now()
        await self.db.write(lambda s: store.remember_conversation(s, info, now))
        log.info("conversation %s: language %s (%s)", info.conversation_id, language, source)
