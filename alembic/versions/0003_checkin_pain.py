"""Check-ins keep their pain score and site, as the log does (legday.checkin).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 15:05:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("pain", sa.Float(), nullable=True))
        batch.add_column(sa.Column("pain_site", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("pain_site")
        batch.drop_column("pain")
