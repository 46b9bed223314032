"""Storage on SQLite and on PostgreSQL: the migrations build exactly the schema the code expects, records
round-trip byte for byte, retention deletes what it should and nothing else, and the whole service runs."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from careact.charging import assess
from careact.rules import load_ruleset
from careact.selfassess.config import load_config
from careact.selfassess.storage import (
    Attempt,
    Base,
    Draft,
    Referral,
    ReferralEvent,
    Store,
    downgrade,
    migrate,
    schema_revision,
    utcnow,
)
from careact.selfassess.web import create_selfassess_app

from .cases import care_home_single, home_couple
from .conftest import TODAY, Browserless, write_config


@pytest.fixture
def store(db_url: str) -> Any:
    s = Store(db_url)
    migrate(s.engine)
    yield s
    s.dispose()


def test_migrations_build_the_models_schema(store: Store) -> None:
    assert schema_revision(store.engine) == "0001_initial"
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []
    tables = set(inspect(store.engine).get_table_names())
    assert {"sa_drafts", "sa_referrals", "sa_referral_events", "sa_api_keys", "sa_attempts", "alembic_version"} <= tables


def test_migrations_go_down_and_up(store: Store) -> None:
    downgrade(store.engine, "base")
    assert "sa_referrals" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert "sa_referrals" in inspect(store.engine).get_table_names()
    migrate(store.engine)  # idempotent
    assert schema_revision(store.engine) == "0001_initial"


def _referral(s: Any, reference: str, *, processed_days_ago: int | None = None) -> Referral:
    now = utcnow()
    case = json.dumps({"schema": "careact.case.charging/1", "person": {"date_of_birth": "1940-03-02"},
                       "note": "Llŷn – £1,234.50"}, sort_keys=True, indent=2, ensure_ascii=False)
    ref = Referral(reference=reference, status="new", submitted_at=now, lang="cy", setting="permanent_residential",
                   on_date="2025-06-01", weekly_charge_pence=47901, contact="{}", answers="{}", case_json=case,
                   result_json="{}", identity="{}", evidence="[]")
    if processed_days_ago is not None:
        ref.status = "processed"
        ref.processed_at = now - timedelta(days=processed_days_ago)
    ref.events.append(ReferralEvent(at=now, actor="resident", kind="submitted", detail="{}"))
    s.add(ref)
    return ref


def test_records_round_trip_exactly(store: Store) -> None:
    with store.session() as s:
        case = _referral(s, "SA-AAAA-0001").case_json
    with store.session() as s:
        ref = s.scalar(select(Referral).where(Referral.reference == "SA-AAAA-0001"))
        assert ref is not None
        assert ref.case_json == case  # byte for byte, non-ASCII included
        assert ref.submitted_at.tzinfo is not None and ref.submitted_at.utcoffset() == timedelta(0)
        assert [e.kind for e in ref.events] == ["submitted"]


def test_references_are_unique(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with store.session() as s:
        _referral(s, "SA-AAAA-0002")
    with pytest.raises(IntegrityError), store.session() as s:
        _referral(s, "SA-AAAA-0002")


def test_purge_follows_the_retention_periods(store: Store) -> None:
    now = utcnow()
    with store.session() as s:
        for i, days in enumerate((1, 29, 31, 400)):
            s.add(Draft(id=f"d{i}", answers="{}", lang="en", failed_resumes=0, created_at=now - timedelta(days=days),
                        updated_at=now - timedelta(days=days)))
        _referral(s, "SA-NEW0-0001")  # not processed: kept however old
        _referral(s, "SA-PROC-0010", processed_days_ago=10)
        _referral(s, "SA-PROC-0100", processed_days_ago=100)
        s.add(Attempt(bucket="resume:x", at=now - timedelta(days=3)))
        s.add(Attempt(bucket="resume:x", at=now))
    dry = store.purge(draft_days=30, processed_days=90, attempt_window=timedelta(minutes=15), dry_run=True)
    assert dry == {"drafts": 2, "referrals": 1, "attempts": 1}
    with store.session() as s:
        assert len(s.scalars(select(Draft)).all()) == 4
    done = store.purge(draft_days=30, processed_days=90, attempt_window=timedelta(minutes=15))
    assert done == dry
    with store.session() as s:
        assert sorted(d.id for d in s.scalars(select(Draft))) == ["d0", "d1"]
        assert sorted(r.reference for r in s.scalars(select(Referral))) == ["SA-NEW0-0001", "SA-PROC-0010"]
        assert len(s.scalars(select(ReferralEvent)).all()) == 2
        assert len(s.scalars(select(Attempt)).all()) == 1


def test_rate_limit_counts_within_the_window(store: Store) -> None:
    with store.session() as s:
        s.add(Attempt(bucket="b", at=utcnow() - timedelta(minutes=20)))
        store.record_attempt(s, "b")
        store.record_attempt(s, "b")
        store.record_attempt(s, "c")
    with store.session() as s:
        assert store.count_attempts(s, "b", timedelta(minutes=15)) == 2


@pytest.mark.parametrize("journey", [care_home_single, home_couple], ids=["care_home_single", "home_couple"])
def test_the_service_on_this_database(db_url: str, tmp_path: Path, journey: Any) -> None:
    config = load_config(write_config(tmp_path, db_url))
    app = create_selfassess_app(config, today=lambda: TODAY)
    try:
        steps, expected = journey(TODAY)
        resident = Browserless(app)
        resident.start()
        resident.answer(steps)
        reference = resident.submit()
        from careact.selfassess.security import create_api_key

        with app.state.store.session() as s:
            _id, key = create_api_key(s, "t", ["referrals:read", "referrals:rerun", "referrals:process"])
        auth = {"Authorization": f"Bearer {key}"}
        doc = resident.client.get(f"/api/v1/referrals/{reference}", headers=auth).json()
        rules = load_ruleset("england", ["council/reading"])
        assert doc["weekly_charge"] == f"{assess(expected, on=TODAY, rules=rules).weekly_charge:.2f}"
        assert resident.client.post(f"/api/v1/referrals/{reference}/processed", headers=auth).status_code == 200
        assert resident.client.get("/api/v1/referrals?status=processed", headers=auth).json()["referrals"][0][
            "reference"] == reference
    finally:
        app.state.store.dispose()
