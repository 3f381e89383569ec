"""The administrators' commands in chat (Teams and Slack alike, through the same bot):
«slett dokument <navn eller id>» and «eksporter SSU» / "export SSU".

Only the deployment's administrators (REFERENT_ADMINS: names or emails of people in the
minutes) may use them, recognised as storage/task_rights recognises them: the chat user
linked to that person (bot/identity.py). Anyone else is told, politely, who can; someone
the bot does not know yet is told to say who they are first.

- Delete: the document is found by id or file name; what would go and what stays is shown,
  and the dialog (dialogs/delete_document.py) asks «ja»/«nei» before anything is deleted.
- Export: a signed link to the committee's JSON export, valid for 15 minutes
  (bot/export_links.py), sent only in a personal chat."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogSet

from assistant.admin_command import AdminCommand, DeleteDocument, ExportCommittee
from assistant.admin_replies import document_label, removal_summary
from assistant.capture import Capture
from assistant.texts import text
from dialogs.delete_document import DeleteDocumentDialog
from storage.document_removal import find_documents, removal_plan
from storage.records import committee_by_name

from .conversation_info import conversation_kind
from .export_links import EXPIRY, ExportLinks

AskerId = Callable[[TurnContext], Awaitable[int | None]]
SHOWN_CHOICES = 5  # documents offered when a name fits several


class AdminChat:
    def __init__(self, capture: Capture, asker_id: AskerId, links: ExportLinks | None) -> None:
        self.capture = capture
        self.asker_id = asker_id
        self.links = links
        self.dialog = DeleteDocumentDialog(capture)

    async def handle(
        self, turn_context: TurnContext, command: AdminCommand, language: str, dialogs: DialogSet
    ) -> None:
        """Do `command` for an administrator; refuse anyone else."""
        refusal = await self._refusal(turn_context, command, language)
        if refusal is not None:
            await turn_context.send_activity(refusal)
        elif isinstance(command, DeleteDocument):
            await self._delete(turn_context, command, language, dialogs)
        else:
            await turn_context.send_activity(await self._export(turn_context, command, language))

    async def _refusal(
        self, turn_context: TurnContext, command: AdminCommand, language: str
    ) -> str | None:
        person_id = await self.asker_id(turn_context)
        rights, tenant = self.capture.rights, self.capture.tenant
        allowed, admins = await self.capture.db.read(
            lambda s: (rights.is_admin(s, tenant, person_id), rights.admin_names(s, tenant))
        )
        if allowed:
            return None
        what = text(language, "admin.what." + _what(command))
        if person_id is None:
            return text(language, "admin.refused.unknown", what=what)
        # Those configured who are known as people, by name; else the configuration as
        # written (an email names someone who has not chatted with the bot yet).
        who = admins or rights.admins
        if not who:
            return text(language, "admin.refused.none", what=what)
        return text(language, "admin.refused", what=what, who=", ".join(who))

    async def _delete(
        self,
        turn_context: TurnContext,
        command: DeleteDocument,
        language: str,
        dialogs: DialogSet,
    ) -> None:
        tenant = self.capture.tenant
        found = await self.capture.db.read(lambda s: find_documents(s, tenant, command.named))
        if not found:
            reply = text(language, "admin.delete.not_found", named=command.named)
            await turn_context.send_activity(reply)
            return
        if len(found) > 1:
            labels = [document_label(d, language) for d in found[:SHOWN_CHOICES]]
            options = "; ".join(labels) + ("; …" if len(found) > SHOWN_CHOICES else "")
            reply = text(language, "admin.delete.which", options=options, example=found[0].id)
            await turn_context.send_activity(reply)
            return
        document_id = found[0].id
        plan = await self.capture.db.read(lambda s: removal_plan(s, tenant, document_id))
        if plan is None:  # deleted between the two reads
            await turn_context.send_activity(text(language, "admin.delete.gone"))
            return
        user = turn_context.activity.from_property
        options = {
            "language": language,
            "document_id": document_id,
            "summary": removal_summary(plan, language),
            "user_key": (user.aad_object_id or user.id) if user else None,
        }
        dc = await dialogs.create_context(turn_context)
        await dc.begin_dialog(self.dialog.id, options)

    async def _export(
        self, turn_context: TurnContext, command: ExportCommittee, language: str
    ) -> str:
        tenant = self.capture.tenant
        found = await self.capture.db.read(
            lambda s: [
                (c.id, c.label, c.name) for c in committee_by_name(s, tenant, command.committee)
            ]
        )
        if not found:
            return text(language, "admin.export.not_found", named=command.committee)
        if len(found) > 1:
            options = ", ".join(f"{label} ({name})" for _, label, name in found)
            return text(language, "admin.export.which", named=command.committee, options=options)
        committee_id, label, _ = found[0]
        if conversation_kind(turn_context.activity.conversation) != "personal":
            return text(language, "admin.export.personal_only", committee=label)
        url = self.links.url(self.links.token(tenant, committee_id)) if self.links else None
        if url is None:  # no server to serve it (no REFERENT_PUBLIC_URL, no request)
            return text(language, "admin.export.no_link", committee=label)
        minutes = int(EXPIRY.total_seconds() // 60)
        return text(language, "admin.export.link", committee=label, url=url, minutes=minutes)


def _what(command: AdminCommand) -> str:
    return "delete" if isinstance(command, DeleteDocument) else "export"
