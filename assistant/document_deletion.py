"""Deleting a document (storage/document_removal.remove_document) and what follows from it in
the same transaction: the open tasks that a removed meeting had settled are settled anew
from the meetings that remain (assistant/settled_tasks.py). The CLI and the chat dialog both
delete through here."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.document_removal import Removal, remove_document

from .settled_tasks import refresh_meetings


def delete_document(session: Session, tenant: str, document_id: int) -> Removal | None:
    """Remove the tenant's document and everything read from it; None when the tenant has
    no such document (nothing changes)."""
    removed = remove_document(session, tenant, document_id)
    if removed is not None and removed.resettle:
        refresh_meetings(session, removed.resettle)
    return removed
