"""PostgreSQL: a case's postings go with it by a trigger, not a foreign key

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05 18:10:00

Issue 18: on PostgreSQL the foreign key from search_posting to case_item checked every
posting inserted (a key-share lookup of its case per row): writing two million postings
took 25.8 s with it and 12.0 s without, and postings are most of what an import writes.
The key's work is done once per case instead:

- deleting a case deletes its postings (this trigger, as the key's ON DELETE CASCADE did;
  it fires for cascaded deletions too, e.g. of a removed document's cases);
- postings are only written for cases written in the same transaction (an import's new
  cases) or for cases `storage.search_index.replace_postings` has locked first (FOR KEY
  SHARE, one statement per batch), skipping any deleted meanwhile.

SQLite keeps its key: there it costs ~15 % of a posting's insert, and dropping it means
copying the whole table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY = "fk_search_posting_case_id_case_item"
_FUNCTION = (
    "CREATE FUNCTION case_item_postings_gone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM search_posting WHERE case_id = OLD.id; RETURN NULL; END $$"
)
_TRIGGER = (
    "CREATE TRIGGER case_item_postings_gone AFTER DELETE ON case_item "
    "FOR EACH ROW EXECUTE FUNCTION case_item_postings_gone()"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_constraint(_KEY, "search_posting", type_="foreignkey")
    op.execute(_FUNCTION)
    op.execute(_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER case_item_postings_gone ON case_item")
    op.execute("DROP FUNCTION case_item_postings_gone()")
    op.create_foreign_key(
        _KEY, "search_posting", "case_item", ["case_id"], ["id"], ondelete="CASCADE"
    )
