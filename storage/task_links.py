"""Tasks added in chat for someone the minutes did not know yet (kept as the name was
written, kind person, no person id) get their person once minutes naming them are
imported: the name must fit exactly one person, by the rule the chat uses for names
(storage.queries.find_people: the whole name, or words only one person's name has)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Task
from .queries import find_people

CHAT = "chat"


def link_chat_tasks(session: Session, tenant: str) -> int:
    """Link the tenant's unlinked chat tasks whose owner's name now fits one person; the
    task then carries that person's name as the store has it. Returns how many."""
    waiting = session.scalars(
        select(Task).where(
            Task.tenant == tenant,
            Task.origin == CHAT,
            Task.assignee_kind == "person",
            Task.person_id.is_(None),
            Task.assignee_name.is_not(None),
        )
    ).all()
    linked = 0
    for task in waiting:
        assert task.assignee_name is not None
        people = find_people(session, tenant=tenant, name=task.assignee_name)
        if len(people) == 1:
            task.person_id = people[0].id
            task.assignee_name = people[0].name
            linked += 1
    return linked
