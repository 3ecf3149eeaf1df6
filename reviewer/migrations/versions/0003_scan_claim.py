"""scan job claim on versions: claim_token, claimed_at, heartbeat_at, scan_attempts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("claim_token", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("scan_attempts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        for name in ("scan_attempts", "heartbeat_at", "claimed_at", "claim_token"):
            batch.drop_column(name)
