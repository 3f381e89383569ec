"""search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:09:37.070344
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Cases carry their tenant so search never crosses deployments.
    with op.batch_alter_table("case_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tenant", sa.String(length=100), nullable=False, server_default="default")
        )
        batch_op.create_index(batch_op.f("ix_case_item_tenant"), ["tenant"], unique=False)
    op.create_table(
        "search_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_search_meta")),
    )
    op.create_table(
        "search_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_term")),
        sa.UniqueConstraint("term", name=op.f("uq_search_term_term")),
    )
    op.create_table(
        "search_posting",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_item.id"],
            name=op.f("fk_search_posting_case_id_case_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "case_id", name=op.f("pk_search_posting")),
    )
    with op.batch_alter_table("search_posting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_posting_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_posting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_posting_case_id"))

    op.drop_table("search_posting")
    op.drop_table("search_term")
    op.drop_table("search_meta")
    with op.batch_alter_table("case_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_item_tenant"))
        batch_op.drop_column("tenant")
