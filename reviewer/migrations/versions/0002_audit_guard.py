"""audit log guard: triggers refusing UPDATE/DELETE on audit_log (SQLite, PostgreSQL)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 13:50:00
"""
from alembic import op

from reviewer import audit_guard

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    audit_guard.install(op.get_bind())


def downgrade() -> None:
    audit_guard.remove(op.get_bind())
