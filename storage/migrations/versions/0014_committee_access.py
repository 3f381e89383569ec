"""committee access: open (everyone in the tenant) or members; members added by an admin

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 10:20:00

A committee whose minutes are for its members only is marked `members` (storage/
committee_access.py): its decisions, tasks and meetings are then read only by its members
and the conversations subscribed to it. Every committee stays `open` until someone says
otherwise. `committee_member` holds what an administrator said about a person by hand:
`added` (a member the minutes do not name) or `removed` (named, as a guest may be, but no
member).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("committee") as batch:
        batch.add_column(sa.Column("access", sa.String(10), nullable=False, server_default="open"))
    op.create_table(
        "committee_member",
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False, server_default="added"),
        sa.Column("added_by", sa.String(300), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
            name="fk_committee_member_committee_id_committee",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name="fk_committee_member_person_id_person",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("committee_id", "person_id", name="pk_committee_member"),
    )
    op.create_index("ix_committee_member_person_id", "committee_member", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_committee_member_person_id", table_name="committee_member")
    op.drop_table("committee_member")
    with op.batch_alter_table("committee") as batch:
        batch.drop_column("access")
