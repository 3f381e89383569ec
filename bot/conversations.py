"""A conversation's dialogs and their state in the database, for every turn.

Turns of one conversation run one at a time: in this process by an asyncio lock, across
bot instances on PostgreSQL by an advisory lock (`Database.exclusive`), so two messages
that arrive at once are handled one after the other, each seeing what the other did. If
the state was written meanwhile all the same (several processes on one SQLite file), the
e_tag check in storage/bot_state.py catches it: the state is read again and the turn done
again, only the replies of the attempt that saved are sent, and a task added by the lost
attempt is found again by its message (storage/records.add_task's chat_key), not doubled,
and an «angre» done again undoes nothing more (storage/undo.py).

While a dialog waits for an answer, a question (assistant/mid_dialog.py) is not taken as the
answer: `handle` leaves it to the caller, which answers it and then calls `reprompt`, so the
dialog asks its question again. The same text sent again right after is the answer after
all (a case titled as a question).

A task belongs to the case its command names («oppgave til sak 2023.30: …»), to the case
its form was shown for, or else to the case the conversation was answered about just
before (`remember_case`), within CASE_MEMORY of that answer by the bot's clock.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from botbuilder.core import ConversationState, TurnContext
from botbuilder.dialogs import DialogSet, DialogState
from botbuilder.schema import Activity, ActivityTypes

from assistant import texts
from assistant.admin_command import parse_admin_command
from assistant.capture import Capture
from assistant.commands import Subscription, TaskAction, command_language, parse_command
from assistant.language_choice import language_choice
from assistant.mid_dialog import reads_as_question
from assistant.reminder_settings import ReminderSettings
from assistant.task_case import TaskForCase, task_for_case
from assistant.undo_command import undo_language
from dialogs.add_task import AddTaskDialog
from dialogs.case_form import CASE_FORM, case_options
from dialogs.chatter import chatter_of, message_key
from dialogs.link_identity import LinkIdentityDialog
from dialogs.meeting_form import MEETING_FORM, meeting_options
from dialogs.move_meeting import MoveMeetingDialog
from dialogs.new_case import NewCaseDialog
from dialogs.postpone_task import PostponeTaskDialog, questionable
from dialogs.reassign_task import ReassignTaskDialog
from dialogs.schedule_meeting import ScheduleMeetingDialog
from dialogs.task_form import FORM_KEY, TASK_FORM, task_options
from dialogs.turn_reader import capture_of, use_reader
from storage.bot_state import ETagConflictError
from storage.committee_access import Reader, members_only

from .admin_chat import AdminChat
from .conversation_info import conversation_info
from .conversation_language import ConversationLanguages
from .export_links import ExportLinks
from .identity import UnlinkedUsers, who_is_asking
from .readers import turn_reader

log = logging.getLogger(__name__)

ATTEMPTS = 3
# How long after an answer about a case a task added without naming one still belongs to it:
# the same exchange, not later in the day.
CASE_MEMORY = timedelta(minutes=10)
# Task actions done at once, without a dialog (reassigning may have to ask who).
DIRECT_ACTIONS = frozenset({"done", "reopen", "postpone"})

FormOptions = Callable[[dict[str, Any], str, str | None], dict[str, Any]]
# Each form (the value of its button's "referent"): the dialog it fills, and how its sent
# fields become that dialog's options.
FORMS: dict[str, tuple[str, FormOptions]] = {
    TASK_FORM: (AddTaskDialog.ID, task_options),
    CASE_FORM: (NewCaseDialog.ID, case_options),
    MEETING_FORM: (ScheduleMeetingDialog.ID, meeting_options),
}


class Conversations:
    def __init__(
        self,
        state: ConversationState,
        capture: Capture,
        reminders: ReminderSettings,
        languages: ConversationLanguages,
        unlinked: UnlinkedUsers | None = None,
        exports: ExportLinks | None = None,
    ) -> None:
        self.state = state
        self.capture = capture
        self.reminders = reminders
        self.languages = languages
        self.unlinked = unlinked if unlinked is not None else UnlinkedUsers()
        self._dialog_state = state.create_property("dialogs")
        # What the conversation is about: {"case_id": the decision last answered with,
        # "case_at": when (ISO, UTC), "asked": a question asked while a dialog waited}.
        self._context = state.create_property("context")
        self.dialogs = DialogSet(self._dialog_state)
        # The dialogs a command starts, each saying which commands it takes (accepts).
        self._starters: list[Any] = [
            AddTaskDialog(capture, self._asker_id),
            NewCaseDialog(capture),
            ScheduleMeetingDialog(capture),
            MoveMeetingDialog(capture),
            LinkIdentityDialog(capture),
            ReassignTaskDialog(capture, self._asker_id),
        ]
        for dialog in self._starters:
            self.dialogs.add(dialog)
        self.postpone = PostponeTaskDialog(
            capture, self._asker_id
        )  # started for a questionable date only
        self.dialogs.add(self.postpone)
        # «slett dokument …», «eksporter SSU»: administrators only (bot/admin_chat.py).
        self.admin = AdminChat(capture, self._asker_id, exports)
        self.dialogs.add(self.admin.dialog)
        self.retried = 0  # turns done again after an e_tag conflict (for logs and tests)
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def dialog_waiting(self, turn_context: TurnContext) -> bool:
        """Whether a dialog of the turn's conversation waits for an answer (read only)."""
        await self.state.load(turn_context, force=True)
        state = await self._dialog_state.get(turn_context, DialogState)
        return bool(state and state.dialog_stack)

    async def run(self, turn_context: TurnContext, work: Callable[[], Awaitable[bool]]) -> bool:
        """Run `work` (which may change the conversation's state) and save the state; on
        a conflict with another instance, again from the stored state."""
        key = turn_context.activity.conversation.id if turn_context.activity.conversation else ""
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock, self.capture.db.exclusive(f"conversation:{key}"):
            for attempt in range(1, ATTEMPTS + 1):
                held: list[Activity] = []
                # Nothing of a lost attempt was sent: prompts must not think it was (the
                # SDK's setter refuses False).
                turn_context._responded = False
                turn_context.on_send_activities(_hold_messages(held))
                try:
                    await self.state.load(turn_context, force=True)
                    self._read_as_turn_reader(turn_context)
                    handled = await work()
                    await self.state.save_changes(turn_context)
                except ETagConflictError:
                    log.info("conversation state changed meanwhile; turn again (%d)", attempt)
                    self.retried += 1
                    if attempt == ATTEMPTS:
                        raise
                    continue
                finally:
                    _stop_holding(turn_context)
                if held:
                    # Already made ready for sending (copied, addressed) on their way in.
                    await turn_context.adapter.send_activities(turn_context, held)
                return handled
        return False

    def _read_as_turn_reader(self, turn_context: TurnContext) -> None:
        """The dialogs add as the turn's reader (dialogs/turn_reader.py): a committee kept
        to its members is, for anyone else, not there to add to."""
        db, tenant = self.capture.db, self.capture.tenant

        async def lookup() -> Reader:
            # Who is asking is looked up only when some committee is kept to its members.
            if not await db.read(lambda s: members_only(s, tenant)):
                return Reader()
            return await turn_reader(turn_context, db, tenant, self.unlinked)

        use_reader(turn_context, lookup)

    async def handle(self, turn_context: TurnContext, text: str, by: str | None) -> bool:
        """Continue the dialog in progress, or start what a command asks for («snakk
        norsk» too). The command's keyword shows the conversation's language."""
        # Only a dialog in progress or a command touches the dialog state: a question
        # leaves the stored state as it was, and nothing is written for it.
        stored = await self._dialog_state.get(turn_context)
        if stored is not None and stored.dialog_stack:
            if await self._question_in_dialog(turn_context, text):
                return False  # the caller answers it, then `reprompt`
            dc = await self.dialogs.create_context(turn_context)
            await dc.continue_dialog()
            return True
        await self._forget_asked(turn_context)  # no dialog waits: a question is a question
        if (chosen := language_choice(text)) is not None:
            await self.languages.choose(turn_context, chosen)
            await turn_context.send_activity(texts.text(chosen, "language.chosen"))
            return True
        if (undo := undo_language(text)) is not None:
            lang = await self.languages.reply(turn_context, undo)
            await self.languages.written(turn_context, undo)
            chatter = chatter_of(turn_context, by)
            reply = await self.capture.undo(chatter, message_key(turn_context), lang)
            await turn_context.send_activity(reply)
            return True
        if (admin := parse_admin_command(text)) is not None:
            lang = await self.languages.reply(turn_context, admin.language)
            await self.languages.written(turn_context, admin.language)
            await self.admin.handle(turn_context, admin, lang, self.dialogs)
            return True
        named = task_for_case(text)
        written = named.command if named else text
        now, tz = self.capture.now(), self.capture.timezone
        command = parse_command(written, now, tz)
        if command is None:
            return False
        evident = command_language(written)
        lang = await self.languages.reply(turn_context, evident)
        await self.languages.written(turn_context, evident)
        if isinstance(command, Subscription):
            info = conversation_info(turn_context, self.capture.tenant)
            db, tenant = self.capture.db, self.capture.tenant
            # Subscribing is the asker's act: their membership counts, wherever they are; the
            # rest (list, stop, timing) concerns the conversation's own subscriptions.
            subscribing = command.action == "subscribe"
            reader = await turn_reader(
                turn_context, db, tenant, self.unlinked, asker_counts=subscribing or None
            )
            reply = await self.reminders.handle(command, info, by, lang, reader)
            await turn_context.send_activity(reply)
            return True
        if isinstance(command, TaskAction) and command.action in DIRECT_ACTIONS:
            if command.action == "postpone" and questionable(command.due, now, tz):
                options = self.postpone.options_for(command, lang, _who(turn_context, by))
                dc = await self.dialogs.create_context(turn_context)
                await dc.begin_dialog(self.postpone.id, options)
                return True
            chatter = chatter_of(turn_context, by)
            asker_id = await self._asker_id(turn_context)
            reply = await self.capture.act_on_task(
                command, by=by, language=lang, asker_id=asker_id, chatter=chatter
            )
            await turn_context.send_activity(reply)
            return True
        dialog = next((d for d in self._starters if d.accepts(command)), None)
        if dialog is None:
            return False
        options = dialog.options_for(command, lang, _who(turn_context, by))
        if "case_id" in options and options["case_id"] is None:
            if named is not None:
                options["case_id"] = await self._named_case(turn_context, named, lang)
                if options["case_id"] is None:
                    return True  # said which case it could not find
            else:
                options["case_id"] = await self._recent_case(turn_context)
        dc = await self.dialogs.create_context(turn_context)
        await dc.begin_dialog(dialog.id, options)
        return True

    async def reprompt(self, turn_context: TurnContext) -> None:
        """A dialog waiting for an answer asks its question again (after a question asked
        meanwhile was answered)."""
        stored = await self._dialog_state.get(turn_context)
        if stored is not None and stored.dialog_stack:
            dc = await self.dialogs.create_context(turn_context)
            await dc.reprompt_dialog()

    async def _question_in_dialog(self, turn_context: TurnContext, text: str) -> bool:
        """Whether `text` is a question to answer while the dialog waits; the same text
        again right after a question is the dialog's answer after all."""
        asked = await self._forget_asked(turn_context)
        if not reads_as_question(text, self.capture.today()) or asked == text.strip():
            return False
        context = await self._context.get(turn_context) or {}
        await self._context.set(turn_context, {**context, "asked": text.strip()})
        return True

    async def _forget_asked(self, turn_context: TurnContext) -> str | None:
        """The question last asked while a dialog waited, forgotten (written only when there
        was one)."""
        context = await self._context.get(turn_context) or {}
        asked = context.get("asked")
        if asked is not None:
            await self._context.set(
                turn_context, {k: v for k, v in context.items() if k != "asked"}
            )
        return asked if isinstance(asked, str) else None

    async def submit_form(
        self, turn_context: TurnContext, value: dict[str, Any], language: str, by: str | None
    ) -> bool:
        """A form was sent (its key in `value`, see FORMS): whatever dialog was waiting gives
        way to the form's dialog with the form's fields (it asks only for what is still
        missing). False for a form this bot does not know."""
        form = FORMS.get(str(value.get(FORM_KEY)))
        if form is None:
            return False
        dialog_id, options_of = form
        options = options_of(value, language, by)
        if "case_id" in options and options["case_id"] is None:
            shown_for = value.get("case_id")  # the case the form was shown for, if any
            capture = await capture_of(turn_context, self.capture)
            if isinstance(shown_for, int) and await capture.case_exists(shown_for):
                options["case_id"] = shown_for
            else:
                options["case_id"] = await self._recent_case(turn_context)
        dc = await self.dialogs.create_context(turn_context)
        await dc.cancel_all_dialogs()
        await dc.begin_dialog(dialog_id, options)
        return True

    async def _asker_id(self, turn_context: TurnContext) -> int | None:
        """The chat user's person id, found as for «mine oppgaver» (bot/identity.py)."""
        db, tenant = self.capture.db, self.capture.tenant
        return (await who_is_asking(turn_context, db, tenant, unlinked=self.unlinked)).person_id

    async def remember_case(self, turn_context: TurnContext, case_id: int | None) -> None:
        """The case the conversation was just answered about, and when; None: the answer was
        about no case, so the one before is no longer "just before" (written only when
        there is something to forget)."""
        context = await self._context.get(turn_context) or {}
        if case_id is None:
            if "case_id" in context:
                kept = {k: v for k, v in context.items() if k not in ("case_id", "case_at")}
                await self._context.set(turn_context, kept)
            return
        at = self.capture.now().astimezone(UTC).isoformat()
        await self._context.set(turn_context, {**context, "case_id": case_id, "case_at": at})

    async def _recent_case(self, turn_context: TurnContext) -> int | None:
        """The case answered about within CASE_MEMORY of now, if any."""
        context = await self._context.get(turn_context) or {}
        case_id, at = context.get("case_id"), context.get("case_at")
        if not isinstance(case_id, int) or not isinstance(at, str):
            return None
        try:
            answered = datetime.fromisoformat(at)
        except ValueError:
            return None
        age = self.capture.now() - answered
        return case_id if timedelta(0) <= age <= CASE_MEMORY else None

    async def _named_case(
        self, turn_context: TurnContext, named: TaskForCase, language: str
    ) -> int | None:
        """The case «oppgave til sak N [i X]» names; None, having said why, when there is
        no such case or several committees have one (of those the turn's reader reads: a
        hidden committee's case is one that is not there)."""
        capture = await capture_of(turn_context, self.capture)
        found = await capture.cases_numbered(named.number, named.committee)
        if len(found) == 1:
            return found[0].id
        if not found and named.committee:
            reply = texts.text(
                language, "task.case_not_found_in", number=named.number, committee=named.committee
            )
        elif not found:
            reply = texts.text(language, "task.case_not_found", number=named.number)
        else:
            committees = [c.committee or "?" for c in found]
            reply = texts.text(
                language,
                "task.case_ambiguous",
                number=named.number,
                committees=", ".join(committees),
                example=committees[0],
            )
        await turn_context.send_activity(reply)
        return None


def _who(turn_context: TurnContext, name: str | None) -> dict[str, Any]:
    """The chat user as the dialogs keep it: display name, channel and stable user key."""
    user = turn_context.activity.from_property
    key = (user.aad_object_id or user.id) if user else None
    return {"name": name, "channel": turn_context.activity.channel_id or "", "user_key": key}


def _hold_messages(held: list[Activity]) -> Any:
    """Keep the attempt's messages back until its state is saved; typing goes at once.

    botbuilder-python sends whatever the handlers leave in the list (a handler cannot stop
    the send, unlike in the JS SDK), so the messages are swapped for one trace activity,
    which the Bot Framework adapters drop outside the Emulator."""

    async def handler(context: TurnContext, activities: list[Activity], send: Any) -> Any:
        if all(a.type == ActivityTypes.typing for a in activities):
            return await send()
        held.extend(activities)
        activities[:] = [Activity(type=ActivityTypes.trace, name="referent.held")]
        context.responded = True  # as if sent: prompts must not repeat themselves
        return await send()

    handler.holds_messages = True  # type: ignore[attr-defined]
    return handler


def _stop_holding(turn_context: TurnContext) -> None:
    handlers = turn_context._on_send_activities  # the SDK has no way to remove a handler
    handlers[:] = [h for h in handlers if not getattr(h, "holds_messages", False)]
