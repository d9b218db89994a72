"""Summaries: each athlete's roster row, kept and made again on every write to them
(legday.summary; generated from legday/store/schema.py, read).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 11:29:47.807613
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summaries",
        sa.Column("athlete_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("athlete_id"),
    )


def downgrade() -> None:
    op.drop_table("summaries")
