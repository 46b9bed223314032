"""The self-assessment schema: drafts, referrals and their events, staff API keys, rate-limit attempts.

Revision ID: 0001_initial
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sa_drafts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("resume_hash", sa.String(64), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("failed_resumes", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sa_drafts"),
        sa.UniqueConstraint("resume_hash", name="uq_sa_drafts_resume_hash"),
    )
    op.create_index("ix_sa_drafts_updated_at", "sa_drafts", ["updated_at"])
    op.create_table(
        "sa_referrals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("processed_at", TS, nullable=True),
        sa.Column("processed_by", sa.String(128), nullable=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("setting", sa.String(32), nullable=False),
        sa.Column("on_date", sa.String(10), nullable=False),
        sa.Column("weekly_charge_pence", sa.Integer(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("case_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sa_referrals"),
        sa.UniqueConstraint("reference", name="uq_sa_referrals_reference"),
    )
    op.create_index("ix_sa_referrals_status", "sa_referrals", ["status"])
    op.create_index("ix_sa_referrals_submitted_at", "sa_referrals", ["submitted_at"])
    op.create_index("ix_sa_referrals_processed_at", "sa_referrals", ["processed_at"])
    op.create_table(
        "sa_referral_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["sa_referrals.id"], ondelete="CASCADE",
                                name="fk_sa_referral_events_referral_id_sa_referrals"),
        sa.PrimaryKeyConstraint("id", name="pk_sa_referral_events"),
    )
    op.create_index("ix_sa_referral_events_referral_id", "sa_referral_events", ["referral_id"])
    op.create_table(
        "sa_api_keys",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("last_used_at", TS, nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sa_api_keys"),
    )
    op.create_table(
        "sa_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bucket", sa.String(80), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sa_attempts"),
    )
    op.create_index("ix_sa_attempts_bucket_at", "sa_attempts", ["bucket", "at"])


def downgrade() -> None:
    op.drop_index("ix_sa_attempts_bucket_at", table_name="sa_attempts")
    op.drop_table("sa_attempts")
    op.drop_table("sa_api_keys")
    op.drop_index("ix_sa_referral_events_referral_id", table_name="sa_referral_events")
    op.drop_table("sa_referral_events")
    op.drop_index("ix_sa_referrals_processed_at", table_name="sa_referrals")
    op.drop_index("ix_sa_referrals_submitted_at", table_name="sa_referrals")
    op.drop_index("ix_sa_referrals_status", table_name="sa_referrals")
    op.drop_table("sa_referrals")
    op.drop_index("ix_sa_drafts_updated_at", table_name="sa_drafts")
    op.drop_table("sa_drafts")
