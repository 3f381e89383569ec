"""Referent's Slack modals (issue 17, item 5): «Ny oppgave», «Ny sak», «Nytt møte».

Opened by `/referent ny oppgave` / `ny sak` / `nytt møte` (or "new task", "new case",
"new meeting": the Teams command words, assistant/commands.py) with nothing more, by the
global shortcut «Ny oppgave» and by the message shortcut «Lag oppgave fra melding» (the
message's text as the task). A command with details (`ny oppgave: Ring Kari innen fredag`)
is no modal: it stays the one-line command it is.

Slack's trigger_id lives 3 seconds, so views.open is the first thing done: in the
shortcut's listener right after its ack, in the slash command's lazy listener before
anything else but the reading of the command (and, for a case or meeting, the committees).
Submissions are checked before their ack (the errors show on their fields) and stored
after it (bot/slack/task_modal.py, case_modal.py, meeting_modal.py)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from assistant.capture import Capture
from assistant.commands import AddTask, NewCase, ScheduleMeeting, command_language, parse_command
from assistant.task_case import task_for_case
from assistant.texts import text
from manifest.slack_manifest import NEW_TASK_CALLBACK, TASK_FROM_MESSAGE_CALLBACK

from ..stacks import TenantStacks
from .case_modal import CASE_MODAL, CaseModal, case_view, upcoming_meetings
from .context import stack_of
from .meeting_modal import MEETING_MODAL, MeetingModal, meeting_view
from .modal_parts import Origin
from .modal_reader import modal_capture
from .slack_text import plain_text
from .task_modal import TASK_MODAL, TaskModal, task_view

log = logging.getLogger(__name__)

# The shortcuts the app manifest declares (manifest/slack_manifest.py), by callback id.
SHORTCUTS = (NEW_TASK_CALLBACK, TASK_FROM_MESSAGE_CALLBACK)


def register(bolt: AsyncApp, stacks: TenantStacks) -> None:
    """The shortcuts that open the task modal and the three modals' submissions."""

    async def new_task(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await ack()
        language = stack_of(stacks, context).assistant.default_language
        # A global shortcut has no channel: the confirmation goes by DM.
        await _open(client, body, task_view(Origin(None, language)))

    async def task_from_message(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await ack()
        language = stack_of(stacks, context).assistant.default_language
        channel = (body.get("channel") or {}).get("id")
        written = plain_text((body.get("message") or {}).get("text") or "")
        view = task_view(Origin(channel, language), description=written or None)
        await _open(client, body, view)

    bolt.shortcut(NEW_TASK_CALLBACK)(new_task)
    bolt.shortcut(TASK_FROM_MESSAGE_CALLBACK)(task_from_message)
    bolt.view_submission(TASK_MODAL)(TaskModal(stacks).submit)
    bolt.view_submission(CASE_MODAL)(CaseModal(stacks).submit)
    bolt.view_submission(MEETING_MODAL)(MeetingModal(stacks).submit)


async def open_for_command(
    stacks: TenantStacks,
    context: AsyncBoltContext,
    body: dict[str, Any],
    client: AsyncWebClient,
    respond: AsyncRespond,
) -> bool:
    """`/referent ny oppgave` (or «ny oppgave til sak N», «ny sak [til X]», «nytt møte
    [X]») with nothing more: its modal opened, True. Anything else: False, untouched."""
    question = (body.get("text") or "").strip()
    stack = stack_of(stacks, context)
    capture = stack.capture
    named = task_for_case(question)
    written = named.command if named else question
    command = parse_command(written, capture.now(), capture.timezone)
    language = command_language(written) or stack.assistant.default_language
    origin = Origin(body.get("channel_id") or None, language)
    if isinstance(command, AddTask) and not command.text:
        case = None
        if named is not None:  # «ny oppgave til sak 3 i LSU»: the case field says so
            case = f"{named.number} {'in' if language == 'en' else 'i'} {named.committee}"
            case = case if named.committee else named.number
        await _open(client, body, task_view(origin, case=case))
        return True
    if named is not None:
        return False
    if isinstance(command, NewCase) and not command.title:
        case = True
    elif isinstance(command, ScheduleMeeting) and not (command.when or command.location):
        case = False
    else:
        return False
    # The committees the asker reads, there (bot/slack/modal_reader.py).
    capture = await modal_capture(stack, client, body, origin.channel)
    view = await _with_committees(capture, origin, command.committee, respond, case=case)
    if view is not None:
        await _open(client, body, view)
    return True


async def _with_committees(
    capture: Capture, origin: Origin, name: str | None, respond: AsyncRespond, *, case: bool
) -> View | None:
    """The case or meeting modal, the committee `name` chosen if it is one; None, having
    told the asker, when the tenant has no committee yet (as the Teams dialog says)."""
    committees = await capture.committees()
    if not committees:
        message = text(origin.language, "case.committee.none")
        await respond(text=message, response_type="ephemeral")
        return None
    found = await capture.committees(name) if name else []
    chosen = found[0]["id"] if len(found) == 1 else None
    if case:
        meetings = await upcoming_meetings(capture)
        return case_view(origin, committees, meetings, capture, committee_id=chosen)
    return meeting_view(origin, committees, committee_id=chosen)


async def _open(client: AsyncWebClient, body: dict[str, Any], view: View) -> None:
    try:
        await client.views_open(trigger_id=body.get("trigger_id") or "", view=view)
    except SlackApiError as error:  # an expired trigger_id, mostly: nothing to show it in
        log.warning("Slack modal %s not opened: %s", view.callback_id, error)
