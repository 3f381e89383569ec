"""a task's last change made in chat, kept on the task so every list shows it

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 11:40:00

Issue 19, item 3: a task changed in chat (done, reopened, postponed, reassigned) shows who
changed it and on which day. The record of changes (chat_change) has it, but reading the
newest change of each shown task there at every list would be a query per answer over a
table without an index on the task; four columns on the task cost nothing to read. Written
by storage/records.py with the change, put back by «angre» (storage/undo.py). `last_change_on`
is the day in the deployment's time zone when the change was made; `last_change_from` is who
had a reassigned task before. Changes made before this migration are not filled in: the
tasks show what they showed before until they are changed again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    ("last_change", sa.String(30)),
    ("last_change_by", sa.String(300)),
    ("last_change_on", sa.Date()),
    ("last_change_from", sa.String(300)),
)


def upgrade() -> None:
    for name, type_ in _COLUMNS:
        op.add_column("task", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    for name, _type in reversed(_COLUMNS):
        op.drop_column("task", name)
