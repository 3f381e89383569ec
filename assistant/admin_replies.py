"""What the administrator is told about removing a document: before (what would go and what
stays) and after. The same words in chat (Markdown) and in `referent documents delete`
(plain text, through assistant/plain_text)."""

from __future__ import annotations

from storage.document_removal import DocumentRow, Removal

from .texts import counted, format_date, text


def document_label(row: DocumentRow, language: str) -> str:
    """ "ssu-2026-10-26.md (id 4, SSU, 26. oktober 2026)": for lists of candidates."""
    day = format_date(row.meeting_date, language) if row.meeting_date else None
    details = ", ".join(x for x in (f"id {row.id}", row.committee, day) if x)
    return f"{row.name} ({details})"


def removal_summary(removal: Removal, language: str) -> str:
    """What removing the document takes away, and what it keeps."""
    row = removal.document
    day = (
        format_date(row.meeting_date, language)
        if row.meeting_date
        else text(language, "admin.delete.no_meeting")
    )
    said = text(
        language,
        "admin.delete.summary",
        name=row.name,
        id=row.id,
        committee=row.committee or "-",
        date=day,
        meetings=counted(language, "cli.count.meeting", removal.meetings),
        cases=counted(language, "cli.count.item", removal.cases),
        tasks=counted(language, "cli.count.task", removal.tasks),
        participants=counted(language, "cli.count.participant", removal.participants),
        reminders=counted(language, "cli.count.reminder", removal.deliveries),
    )
    return "\n\n".join(filter(None, (said, kept_line(removal, language))))


def removal_done(removal: Removal, language: str) -> str:
    row = removal.document
    said = text(
        language,
        "admin.delete.done",
        name=row.name,
        cases=counted(language, "cli.count.item", removal.cases),
        tasks=counted(language, "cli.count.task", removal.tasks),
    )
    return "\n\n".join(filter(None, (said, kept_line(removal, language))))


def kept_line(removal: Removal, language: str) -> str | None:
    """The chat-added tasks and cases that stay, detached; None when there are none."""
    if not removal.kept:
        return None
    items = [
        text(language, f"admin.delete.kept.{item.kind}", id=item.id, text=item.text)
        for item in removal.kept
    ]
    return text(language, "admin.delete.kept", items="; ".join(items))
