"""Storage for drafts, referrals, staff API keys and rate-limit counters: SQLAlchemy 2, SQLite or PostgreSQL.

The schema is created and changed only by the Alembic migrations in ``careact/selfassess/migrations``
(:func:`migrate`); the tables below describe it for queries. Times are stored in UTC. JSON documents
(answers, the case, the result) are stored as text exactly as written, so a stored case is exported
byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ApiKey",
    "Attempt",
    "Base",
    "Draft",
    "Referral",
    "ReferralEvent",
    "Store",
    "migrate",
    "utcnow",
]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware datetime (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Draft(Base):
    """A resident's answers in progress. Reached by its id (in the resident's signed cookie) or a resume code."""

    __tablename__ = "sa_drafts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    answers: Mapped[str] = mapped_column(Text, default="{}")
    lang: Mapped[str] = mapped_column(String(8), default="en")
    failed_resumes: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def answers_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.answers or "{}")
        return data


class Referral(Base):
    """A submitted self-assessment: the case, the estimate with its explanation, and the replay identity."""

    __tablename__ = "sa_referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    processed_by: Mapped[str | None] = mapped_column(String(128))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    setting: Mapped[str] = mapped_column(String(32))
    on_date: Mapped[str] = mapped_column(String(10))
    weekly_charge_pence: Mapped[int] = mapped_column(Integer)
    contact: Mapped[str] = mapped_column(Text)
    answers: Mapped[str] = mapped_column(Text)
    case_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)
    identity: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", passive_deletes=True, order_by="ReferralEvent.id")

    def doc(self, column: str) -> Any:
        return json.loads(getattr(self, column))


class ReferralEvent(Base):
    """What happened to a referral and who did it (an API key id or a staff sign-in subject)."""

    __tablename__ = "sa_referral_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("sa_referrals.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    referral: Mapped[Referral] = relationship(back_populates="events")


class ApiKey(Base):
    """A staff API key: only a hash of its secret is kept; scoped; revocable."""

    __tablename__ = "sa_api_keys"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    def scope_set(self) -> frozenset[str]:
        return frozenset(s for s in self.scopes.split() if s)


class Attempt(Base):
    """A failed attempt (a wrong resume code, a wrong staff key), keyed by a hash of the client: for rate limits."""

    __tablename__ = "sa_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bucket: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_sa_attempts_bucket_at", "bucket", "at"),)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite (foreign keys on, WAL) or PostgreSQL (``postgresql+psycopg://``)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic(engine: Engine, action: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` with the bundled Alembic migrations."""
    _alembic(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back down to ``revision`` (``"base"``: no tables at all)."""
    _alembic(engine, "downgrade", revision)


def schema_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        return rev


class Store:
    """Sessions over one engine, and the queries the service and the commands share."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ rate limits

    def count_attempts(self, s: Session, bucket: str, window: timedelta) -> int:
        since = utcnow() - window
        n = s.scalar(select(func.count()).select_from(Attempt).where(Attempt.bucket == bucket, Attempt.at >= since))
        return int(n or 0)

    def record_attempt(self, s: Session, bucket: str) -> None:
        s.add(Attempt(bucket=bucket, at=utcnow()))

    # ------------------------------------------------------------------ retention

    def purge(self, *, draft_days: int, processed_days: int, attempt_window: timedelta,
              now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
        """Delete drafts untouched for ``draft_days``, referrals processed ``processed_days`` ago, and old attempts."""
        now = now or utcnow()
        draft_cut = now - timedelta(days=draft_days)
        processed_cut = now - timedelta(days=processed_days)
        attempt_cut = now - max(attempt_window, timedelta(days=1))
        with self.session() as s:
            counts = {
                "drafts": int(s.scalar(select(func.count()).select_from(Draft).where(Draft.updated_at < draft_cut)) or 0),
                "referrals": int(s.scalar(select(func.count()).select_from(Referral).where(
                    Referral.status == "processed", Referral.processed_at < processed_cut)) or 0),
                "attempts": int(s.scalar(select(func.count()).select_from(Attempt).where(Attempt.at < attempt_cut)) or 0),
            }
            if not dry_run:
                s.execute(delete(Draft).where(Draft.updated_at < draft_cut))
                old = select(Referral.id).where(Referral.status == "processed", Referral.processed_at < processed_cut)
                s.execute(delete(ReferralEvent).where(ReferralEvent.referral_id.in_(old)))
                s.execute(delete(Referral).where(Referral.status == "processed", Referral.processed_at < processed_cut))
                s.execute(delete(Attempt).where(Attempt.at < attempt_cut))
        return counts
