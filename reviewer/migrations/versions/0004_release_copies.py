"""release copies built in the background: release_copies (version, decision, status, file, claim)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 21:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "release_copies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("decision_id", sa.Integer(), sa.ForeignKey("decisions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("removed_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("removed", sa.JSON(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.UniqueConstraint("version_id", "decision_id"),
    )
    op.create_index("ix_release_copies_version_id", "release_copies", ["version_id"])
    op.create_index("ix_release_copies_status", "release_copies", ["status"])


def downgrade() -> None:
    op.drop_index("ix_release_copies_status", table_name="release_copies")
    op.drop_index("ix_release_copies_version_id", table_name="release_copies")
    op.drop_table("release_copies")
