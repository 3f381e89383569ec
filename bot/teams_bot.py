"""The Teams conversation: a message in, the assistant's answer out, as text and a card."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ThumbnailCard
from botbuilder.schema.teams import (
    MessagingExtensionAttachment,
    MessagingExtensionQuery,
    MessagingExtensionResponse,
    MessagingExtensionResult,
)
from sqlalchemy.orm import Session

from assistant import render
from assistant.answer_types import Answer, CaseResult
from assistant.assistant import Assistant, ReaderLookup
from assistant.commands import TaskAction
from assistant.message_length import too_long
from assistant.reminder_content import sent_task_reminder
from assistant.reminder_settings import ReminderSettings
from assistant.sent_card import decision_of_card, sent_card_reply
from assistant.texts import text
from dialogs.case_form import CASE_FORM
from dialogs.chatter import chatter_of
from dialogs.meeting_form import MEETING_FORM
from dialogs.task_form import CARD_CHANNELS, TASK_FORM
from manifest.search_command import SEARCH_PARAMETER
from storage.committee_access import restrict

from .cards import ACTION_KEY, DONE_ACTION, card_for, decision_card
from .conversation_info import conversation_info, conversation_kind
from .conversations import Conversations
from .identity import UnlinkedUsers, who_is_asking
from .languages import locale_language
from .model_json import SentCard
from .readers import reader_of, turn_reader
from .reminder_cards import task_done_activity
from .sent_cards import cards_of, own_decision, words_beside_cards
from .slack.blocks import message_for
from .slack.identity import CHANNEL as SLACK
from .slack.turns import slack_activity

log = logging.getLogger(__name__)

TYPING_AFTER_S = 0.3  # answers quicker than this need no typing indicator
# The forms the dialogs offer (sent: the dialog begins again with their fields).
FORMS = frozenset({TASK_FORM, CASE_FORM, MEETING_FORM})
# Personal chats already stored by this process (so a turn costs no write for it).
SEEN_LIMIT = 50_000


class ReferentBot(TeamsActivityHandler):
    def __init__(
        self,
        assistant: Assistant,
        conversations: Conversations,
        reminders: ReminderSettings,
        unlinked: UnlinkedUsers | None = None,
    ) -> None:
        self.assistant = assistant
        self.conversations = conversations
        self.reminders = reminders
        self.unlinked = unlinked if unlinked is not None else UnlinkedUsers()
        self.languages = conversations.languages
        self._seen: set[str] = set()

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        language = locale_language(activity.locale) or self.assistant.default_language
        if refusal := too_long(activity.text, language):  # before anything reads or stores it
            reply = MessageFactory.text(refusal)
            reply.text_format = "markdown"
            await turn_context.send_activity(reply)
            return
        await self._remember_personal_chat(turn_context)
        question = (TurnContext.remove_recipient_mention(activity) or activity.text or "").strip()
        if activity.attachments:  # a card sent along: the text's markup for it is no question
            question = words_beside_cards(question)
        if not question:
            if isinstance(activity.value, dict) and activity.value.get(ACTION_KEY):
                await self._card_action(turn_context, activity.value)
            elif activity.attachments:
                await self._cards_sent(turn_context, activity.attachments)
            return
        activity.text = question  # the dialogs read the answer without the mention
        await self.conversations.run(turn_context, lambda: self._turn(turn_context, question))

    async def _turn(self, turn_context: TurnContext, text_: str) -> bool:
        """A dialog in progress, a command that adds to the record, or else a question. The
        decision an answer leads with becomes the conversation's case: a task added in the
        next few minutes belongs to it (bot/conversations.CASE_MEMORY). A question asked
        while a dialog waits is answered, and the dialog asks its question again."""
        who = await self._display_name(turn_context)
        if await self.conversations.handle(turn_context, text_, who):
            return True
        answer = await self._answer(turn_context, text_)
        if answer.intent.language_evident:
            await self.languages.written(turn_context, answer.intent.language)
        current = next((r for r in answer.results if r.role == "current" and r.case_id), None)
        await self.conversations.remember_case(turn_context, current.case_id if current else None)
        await self.conversations.reprompt(turn_context)
        return True

    async def _card_action(self, turn_context: TurnContext, value: dict[str, Any]) -> None:
        """A card's button («Marker som ferdig»): done at once, whatever dialog is going on.
        A dialog's form sent: that dialog begins with its fields."""
        language = await self.languages.reply(turn_context)
        task_id = value.get("task_id")
        if str(value.get(ACTION_KEY)) in FORMS:
            who = await self._display_name(turn_context)
            await self.conversations.run(
                turn_context,
                lambda: self.conversations.submit_form(turn_context, value, language, who),
            )
            return
        if value.get(ACTION_KEY) != DONE_ACTION or not isinstance(task_id, int):
            log.info("unknown card action %r", value)
            return
        db, tenant = self.assistant.db, self.assistant.tenant
        asker = await who_is_asking(turn_context, db, tenant, unlinked=self.unlinked)
        who = asker.name or await self._display_name(turn_context)
        action = TaskAction("done", task_id)
        capture, chatter = self.conversations.capture, chatter_of(turn_context, who)
        reply = await capture.act_on_task(
            action, by=who, language=language, asker_id=asker.person_id, chatter=chatter
        )
        await turn_context.send_activity(reply)
        if turn_context.activity.reply_to_id:
            await self._mark_reminder_done(turn_context, who, language)

    async def _cards_sent(self, turn_context: TurnContext, attachments: list[Any]) -> None:
        """A message of cards and no words: a decision card of ours (from the compose-box
        search) gets the decision as it stands, with its source; another card, a word on
        what the bot reads. Files and the like get nothing (another feature's business)."""
        cards = cards_of(attachments)
        if not cards:
            return
        language = await self.languages.reply(turn_context)
        case_id = own_decision(cards)
        if case_id is None:
            reply = text(language, "card.sent.other")
        else:
            db, tenant = self.assistant.db, self.assistant.tenant
            reader = await turn_reader(turn_context, db, tenant, self.unlinked)
            admins = self.assistant.admins

            def read(session: Session) -> CaseResult | None:
                restrict(session, tenant, reader, admins=admins)  # a card pasted elsewhere
                return decision_of_card(session, tenant, case_id)

            result = await db.read(read)
            reply = sent_card_reply(result, language)
        message = MessageFactory.text(reply)
        message.text_format = "markdown"
        await turn_context.send_activity(message)

    async def _mark_reminder_done(
        self, turn_context: TurnContext, who: str | None, language: str
    ) -> None:
        """The button was on a task reminder: its card now says the task is done."""
        activity_id = turn_context.activity.reply_to_id
        reminder = await self.assistant.db.read(lambda s: sent_task_reminder(s, activity_id))
        if reminder is None or reminder.task.status != "done":
            return
        updated = task_done_activity(reminder, language, self.assistant.today(), who)
        updated.id = activity_id
        try:
            await turn_context.update_activity(updated)
        except Exception as error:  # the task is done; an old card is a lesser matter
            log.info("could not update the reminder card: %s", error)

    async def _remember_personal_chat(self, turn_context: TurnContext) -> None:
        """A personal chat is where the person's task reminders can go: stored the first
        time this process sees it."""
        conversation = turn_context.activity.conversation
        if conversation_kind(conversation) != "personal":
            return
        if conversation.id in self._seen:
            return
        if len(self._seen) >= SEEN_LIMIT:
            self._seen.clear()
        self._seen.add(conversation.id)
        try:
            await self.reminders.seen(conversation_info(turn_context, self.assistant.tenant))
        except Exception as error:  # the question still gets its answer
            self._seen.discard(conversation.id)
            log.warning("could not store the personal chat: %s", error)

    def _reader(
        self, turn_context: TurnContext, *, asker_counts: bool | None = None
    ) -> ReaderLookup:
        """Who reads the answer (committees kept to their members), looked up if needed."""
        db, tenant = self.assistant.db, self.assistant.tenant
        return reader_of(turn_context, db, tenant, self.unlinked, asker_counts=asker_counts)

    async def _display_name(self, turn_context: TurnContext) -> str | None:
        user = turn_context.activity.from_property
        return (user.name or None) if user else None

    async def _answer(self, turn_context: TurnContext, question: str) -> Answer:
        activity = turn_context.activity
        typing = asyncio.create_task(_typing_later(turn_context))
        try:

            async def asker() -> str | None:
                db, tenant = self.assistant.db, self.assistant.tenant
                return (await who_is_asking(turn_context, db, tenant, unlinked=self.unlinked)).name

            memory = await self.languages.memory(turn_context)
            answer = await self.assistant.answer(
                question,
                asker=asker,
                language=memory.chosen,
                fallback_language=await self.languages.reply(turn_context),
                reader=self._reader(turn_context),
            )
        finally:
            typing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await typing
        card = None
        if activity.channel_id in CARD_CHANNELS:
            card = card_for(answer, self.assistant.today())
        if activity.channel_id == SLACK:
            message = message_for(answer, self.assistant.today())
            reply = slack_activity(message, answer.text, question)
        elif card is None:
            reply = MessageFactory.text(answer.text)
            reply.text_format = "markdown"
        else:  # the card says it all; the first line is the notification's preview
            reply = MessageFactory.attachment(CardFactory.adaptive_card(SentCard(card)))
            reply.summary = answer.text.splitlines()[0].replace("**", "")
        await turn_context.send_activity(reply)
        return answer

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        """Installed (the bot itself was added): remember the conversation for reminders
        (in a channel named after a committee, subscribe to it) and say what it can do."""
        if not _is_the_bot(turn_context, members_added):
            return
        language = await self.languages.reply(turn_context)
        info = conversation_info(turn_context, self.assistant.tenant)
        who = await self._display_name(turn_context)
        db, tenant = self.assistant.db, self.assistant.tenant
        # The one who added the bot subscribes the channel: their membership counts.
        reader = await turn_reader(turn_context, db, tenant, self.unlinked, asker_counts=True)
        installed = await self.reminders.installed(info, who, reader)
        welcome = installed.welcome(language, personal=info.kind == "personal")
        await turn_context.send_activity(MessageFactory.text(welcome))

    async def on_members_removed_activity(
        self, members_removed: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        """Removed from the conversation (from a team: all its channels): its reminders
        stop."""
        if _is_the_bot(turn_context, members_removed):
            await self.reminders.removed(conversation_info(turn_context, self.assistant.tenant))

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        """Uninstalled, from a personal chat (the person's task reminders stop going there),
        a group chat or a team (all its channels stop). The conversationUpdate that may come
        too does the same again, which changes nothing."""
        await self.reminders.removed(conversation_info(turn_context, self.assistant.tenant))

    async def on_teams_messaging_extension_query(
        self, turn_context: TurnContext, query: MessagingExtensionQuery
    ) -> MessagingExtensionResponse:
        """Search decisions from the compose box; each result is a card to insert."""
        words = ""
        for parameter in query.parameters or []:
            # The manifest's parameter; "searchText" is what Teams sends on its initial run.
            if parameter.name in (SEARCH_PARAMETER, "searchText") and parameter.value:
                words = str(parameter.value)
        language = await self.languages.reply(turn_context)
        if refusal := too_long(words, language):
            return MessagingExtensionResponse(
                compose_extension=MessagingExtensionResult(type="message", text=refusal)
            )
        attachments: list[MessagingExtensionAttachment] = []
        if words.strip():
            memory = await self.languages.memory(turn_context)
            answer = await self.assistant.decisions(
                words,
                language=memory.chosen,
                fallback_language=language,
                reader=self._reader(turn_context, asker_counts=True),  # the asker's alone
            )
            for result in answer.results:
                card = CardFactory.adaptive_card(decision_card(answer, result))
                preview = CardFactory.thumbnail_card(
                    ThumbnailCard(
                        title=render.case_heading(result, answer.language),
                        text=render.case_outcome(result, answer.language)[:200],
                    )
                )
                attachments.append(
                    MessagingExtensionAttachment(
                        content_type=card.content_type, content=card.content, preview=preview
                    )
                )
        return MessagingExtensionResponse(
            compose_extension=MessagingExtensionResult(
                type="result", attachment_layout="list", attachments=attachments
            )
        )


def _is_the_bot(turn_context: TurnContext, members: list[ChannelAccount]) -> bool:
    bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
    return any(member.id == bot_id for member in members)


async def _typing_later(turn_context: TurnContext) -> None:
    await asyncio.sleep(TYPING_AFTER_S)
    try:
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
    except Exception:  # a lost typing indicator must not cost the answer
        log.debug("typing indicator failed", exc_info=True)
