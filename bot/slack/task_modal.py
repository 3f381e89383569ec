"""The «Ny oppgave» modal: what, who, by when and (optionally) which case; the Teams task
form's fields, read by the rules the Teams add-task dialog uses (the due date by
parse_when, so «fredag», «15.1.», «neste uke»; the owner by the store's people and groups,
«meg» as the Slack user's linked person; the case by «oppgave til sak N [i X]»'s reading).

A modal cannot ask back as the dialog does, so what the dialog would question is refused
on its field instead (a date in the past, or read as next year's because this year's has
just passed; an owner several people match); a name nobody in the minutes has is kept as
written, as the dialog's «ja» keeps it. Stored with Capture.add_task, as from Teams, and
confirmed with the same reply."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from assistant.assignees import AssigneeOption
from assistant.capture import Capture, option_dict, when_dict
from assistant.self_reference import leading_asker, means_asker
from assistant.task_case import task_for_case
from assistant.task_owner import leading_name
from assistant.texts import format_date, text
from assistant.when import parse_when
from dialogs.add_task import NAME_WORDS
from dialogs.prompts import means_none

from ..stacks import TenantStack, TenantStacks
from .context import stack_of
from .identity import SlackIdentities
from .modal_parts import Origin, chatter, confirm, field, modal, submitter, text_input
from .modal_reader import channel_reads_case, modal_capture

log = logging.getLogger(__name__)

TASK_MODAL = "referent.task.new"  # the view's callback_id
DESCRIPTION, OWNER, DUE, CASE = "description", "owner", "due", "case"  # block ids


def task_view(origin: Origin, *, description: str | None = None, case: str | None = None) -> View:
    """The modal; `description` prefilled (a message's text), `case` as written («2023.30
    i SSU», from «ny oppgave til sak 2023.30 i SSU»)."""
    language = origin.language

    def label(key: str) -> str:
        return text(language, key)

    blocks = [
        text_input(DESCRIPTION, label("form.task.description"), multiline=True,
                   initial=description),
        text_input(OWNER, label("form.task.assignee"), optional=True,
                   hint=label("slack.modal.owner_hint")),
        text_input(DUE, label("form.task.due"), optional=True, hint=label("slack.modal.due_hint")),
        text_input(CASE, label("slack.modal.task.case"), optional=True, initial=case,
                   hint=label("slack.modal.task.case_hint")),
    ]  # fmt: skip
    return modal(TASK_MODAL, "slack.modal.task.title", blocks, origin)


@dataclass
class TaskFields:
    """A submission read: the dialog's values, or the errors by block id."""

    description: str = ""
    assignee: dict[str, Any] | None = None
    due: dict[str, Any] | None = None
    case_id: int | None = None
    errors: dict[str, str] = dataclasses.field(default_factory=dict)


class TaskModal:
    def __init__(self, stacks: TenantStacks) -> None:
        self.stacks = stacks

    async def submit(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """Checked before the ack (Slack shows the errors on their fields), stored after."""
        stack = stack_of(self.stacks, context)
        origin = Origin.of(body.get("view") or {}, stack.assistant.default_language)
        # As the modal's user reads, where it was opened (bot/slack/modal_reader.py).
        capture = await modal_capture(stack, client, body, origin.channel)
        read = await TaskReading(stack, body, client, origin.language, capture).read()
        if read.errors:
            await ack(response_action="errors", errors=read.errors)
            return
        await ack()
        language = origin.language
        try:
            record = await capture.add_task(
                description=read.description,
                assignee=read.assignee,
                due=read.due,
                case_id=read.case_id,
                created_by=submitter(body)[1],
                chatter=chatter(body, origin),
            )
        except (SQLAlchemyError, OSError):
            log.exception("task from a Slack modal not stored")
            await confirm(client, body, origin, text(language, "slack.modal.not_saved"))
            return
        if read.case_id is not None and not await channel_reads_case(
            capture, origin.channel, read.case_id
        ):  # its case is of a committee not all in the channel read: to the user alone
            origin = dataclasses.replace(origin, channel=None)
        await confirm(client, body, origin, capture.describe(record, "task.saved", language))


class TaskReading:
    """One submission's fields read as the Teams dialog reads them."""

    def __init__(
        self,
        stack: TenantStack,
        body: dict[str, Any],
        client: AsyncWebClient,
        language: str,
        capture: Capture,
    ) -> None:
        self.stack, self.body, self.client, self.language = stack, body, client, language
        self.capture = capture  # as the modal's user reads
        self.view: dict[str, Any] = body.get("view") or {}

    async def read(self) -> TaskFields:
        read = TaskFields()
        description = field(self.view, DESCRIPTION)
        if description is None:
            read.errors[DESCRIPTION] = self._text("slack.modal.error.empty")
        else:
            read.description = description
            await self._owner(read)
        self._due(read)
        await self._case(read)
        return read

    def _text(self, key: str, **values: object) -> str:
        return text(self.language, key, **values)

    async def _owner(self, read: TaskFields) -> None:
        written = field(self.view, OWNER)
        if written is not None:
            await self._written_owner(read, written)
            return
        # No owner written: the description's first words, as the dialog reads them.
        if (rest := leading_asker(read.description, self.language)) is not None:
            read.description = rest or read.description
            await self._the_asker(read)
            return
        found, rest = await self.capture.leading_assignee(read.description)
        if len(found) == 1:
            read.description, read.assignee = rest or read.description, option_dict(found[0])
        elif found:
            read.errors[OWNER] = self._which(found)
        elif (named := leading_name(read.description)) is not None:
            read.description, read.assignee = named[1] or read.description, _as_written(named[0])
        else:
            read.errors[OWNER] = self._text("slack.modal.error.owner_missing")

    async def _written_owner(self, read: TaskFields, written: str) -> None:
        if means_asker(written):
            await self._the_asker(read)
            return
        found = await self.capture.assignees(written)
        if len(found) == 1:
            read.assignee = option_dict(found[0])
        elif found:
            read.errors[OWNER] = self._which(found)
        elif written.isdigit() or len(written.split()) > NAME_WORDS:  # no one's name
            read.errors[OWNER] = self._text("slack.modal.error.not_a_name", name=written)
        else:
            read.assignee = _as_written(written)

    async def _the_asker(self, read: TaskFields) -> None:
        """«meg»: the Slack user's person in the minutes (the stored link, else users.info
        matched as for questions); refused when the bot does not know who they are."""
        stack = self.stack
        identities = SlackIdentities(stack.assistant.db, stack.tenant, stack.unlinked)
        user_id, name = submitter(self.body)
        team_id = (self.body.get("team") or {}).get("id")
        asker = await identities.who_is_asking(self.client, team_id, user_id, name)
        option = await self.capture.person(asker.person_id) if asker.person_id else None
        if option is None:
            read.errors[OWNER] = self._text("slack.modal.error.who_are_you")
        else:
            read.assignee = option_dict(option)

    def _which(self, found: list[AssigneeOption]) -> str:
        return self._text(
            "slack.modal.error.owner_which", options=", ".join(o.label for o in found)
        )

    def _due(self, read: TaskFields) -> None:
        written = field(self.view, DUE)
        if written is None or means_none(written):
            return
        capture, language = self.capture, self.language
        found = parse_when(written, capture.now(), capture.timezone)
        if found is None or found.day is None:
            read.errors[DUE] = self._text("slack.modal.error.date", date=written)
        elif found.passed is not None:  # «1.12.» on 4 December: which year was meant?
            passed = format_date(found.passed, language).rsplit(" ", 1)[0]  # without its year
            due = format_date(found.day, language)
            read.errors[DUE] = self._text("slack.modal.error.passed", passed=passed, due=due)
        elif found.day < capture.today():
            shown = format_date(found.day, language)
            read.errors[DUE] = self._text("slack.modal.error.past", date=shown)
        else:
            read.due = when_dict(found)

    async def _case(self, read: TaskFields) -> None:
        written = field(self.view, CASE)
        if written is None:
            return
        # Read as «ny oppgave til sak …» reads it: "2023.30", "sak 2023.30", "3 i LSU".
        named = next(
            (
                n
                for n in (task_for_case(f"ny oppgave til sak {written}"),
                          task_for_case(f"ny oppgave til {written}"))
                if n is not None and n.command == "ny oppgave"
            ),
            None,
        )  # fmt: skip
        if named is None:
            read.errors[CASE] = self._text("slack.modal.error.case_number")
            return
        found = await self.capture.cases_numbered(named.number, named.committee)
        if len(found) == 1:
            read.case_id = found[0].id
        elif not found and named.committee:
            read.errors[CASE] = self._text(
                "slack.modal.error.case_not_found_in",
                number=named.number,
                committee=named.committee,
            )
        elif not found:
            read.errors[CASE] = self._text("slack.modal.error.case_not_found", number=named.number)
        else:
            committees = [c.committee or "?" for c in found]
            read.errors[CASE] = self._text(
                "slack.modal.error.case_ambiguous",
                number=named.number,
                committees=", ".join(committees),
                example=committees[0],
            )


def _as_written(name: str) -> dict[str, Any]:
    """A name nobody in the minutes has, kept as written (the dialog's «ja»): a person's,
    unless it is an acronym."""
    return {"kind": None, "name": name.strip(), "person": not name.isupper()}
