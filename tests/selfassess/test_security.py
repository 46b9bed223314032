"""Access control, CSRF, rate limits, headers and credentials: every endpoint refuses whoever may not use it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from careact.selfassess.config import load_config
from careact.selfassess.security import check_api_key, create_api_key, normalise_resume_code, revoke_api_key
from careact.selfassess.storage import ApiKey, Draft, Store, utcnow
from careact.selfassess.web import create_selfassess_app

from .cases import care_home_single, home_couple
from .conftest import TODAY, Browserless, resume_code, write_config

RESIDENT_GETS = ["/q/date-of-birth", "/q/partner", "/q/income-list", "/check-answers", "/estimate", "/save",
                 "/q/contact", "/q/declaration"]
RESIDENT_POSTS = [("/q/date-of-birth", {"dob-day": "1", "dob-month": "1", "dob-year": "1950"}),
                  ("/q/income-list/remove", {"item": "0"}), ("/save", {}),
                  ("/q/declaration", {"confirm": "yes"})]
STAFF_GETS = ["/staff/", "/staff/referrals/{ref}", "/staff/referrals/{ref}/case.json"]
STAFF_POSTS = [("/staff/referrals/{ref}/rerun", {"on-day": "1", "on-month": "6", "on-year": "2025"}),
               ("/staff/referrals/{ref}/processed", {})]
API = [("GET", "/api/v1/referrals", None), ("GET", "/api/v1/referrals/{ref}", None),
       ("GET", "/api/v1/referrals/{ref}/case", None), ("GET", "/api/v1/referrals/{ref}/result", None),
       ("POST", "/api/v1/referrals/{ref}/rerun", {"on": "2025-06-01"}),
       ("POST", "/api/v1/referrals/{ref}/processed", None)]


@pytest.fixture
def referral(app: Any) -> str:
    r = Browserless(app)
    r.start()
    r.answer(care_home_single(TODAY)[0])
    return r.submit()


@pytest.fixture
def ada(app: Any) -> Browserless:
    """A resident with a complete draft: a couple at home."""
    r = Browserless(app)
    r.start()
    r.answer(home_couple(TODAY)[0])
    return r


class Shared:
    """One service with a referral and a resident's draft, for the many tests that only check refusals
    (they change nothing, so they can share it; tests of rate limits get a service of their own)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        r = Browserless(app)
        r.start()
        r.answer(care_home_single(TODAY)[0])
        self.referral = r.submit()
        self.ada = Browserless(app)
        self.ada.start()
        self.ada.answer(home_couple(TODAY)[0])

    def key(self, *scopes: str) -> str:
        with self.app.state.store.session() as s:
            _id, key = create_api_key(s, "shared", scopes or ("referrals:read", "referrals:rerun", "referrals:process"))
        return key


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    home = tmp_path_factory.mktemp("shared")
    app = create_selfassess_app(load_config(write_config(home, f"sqlite:///{home / 'db.sqlite3'}")),
                                today=lambda: TODAY)
    yield Shared(app)
    app.state.store.dispose()


# --------------------------------------------------------------------------- residents


@pytest.mark.parametrize("path", RESIDENT_GETS)
def test_resident_pages_need_a_draft(shared: Shared, path: str) -> None:
    stranger = Browserless(shared.app)
    r = stranger.get(path)
    assert r.status_code == 303 and r.headers["location"] == "/?expired=1"


@pytest.mark.parametrize(("path", "data"), RESIDENT_POSTS)
def test_resident_posts_need_a_draft(shared: Shared, path: str, data: dict[str, str]) -> None:
    stranger = Browserless(shared.app)
    stranger.get("/")
    r = stranger.post(path, data)
    assert r.status_code == 303 and r.headers["location"] == "/?expired=1"


@pytest.mark.parametrize("path", RESIDENT_GETS)
def test_a_resident_never_sees_another_residents_answers(shared: Shared, path: str) -> None:
    app, ada = shared.app, shared.ada
    bob = Browserless(app)
    bob.start()
    r = bob.get(path)
    assert 'value="1948"' not in r.text and "230.25" not in r.text and "Extra heating" not in r.text
    # Ada's signed cookie is the only way to her draft: a cookie naming her draft without the signature fails
    with ada.client as c:
        signed = c.cookies.get("sa_draft")
    assert signed
    draft_id = signed.split(".")[0]
    forger = Browserless(app)
    forger.client.cookies.set("sa_draft", draft_id)
    r = forger.get(path)
    assert r.status_code == 303 and "230.25" not in r.text
    forger.client.cookies.set("sa_draft", signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"))
    assert forger.get(path).status_code == 303


@pytest.mark.parametrize(("path", "data"), RESIDENT_POSTS)
def test_another_residents_post_changes_only_their_own_draft(shared: Shared, path: str, data: dict[str, str]) -> None:
    app, ada = shared.app, shared.ada
    before = ada.get("/check-answers").text
    bob = Browserless(app)
    bob.start()
    bob.post(path, data)
    assert ada.get("/check-answers").text == before


def test_resume_needs_the_code_and_the_date_of_birth(app: Any, ada: Browserless) -> None:
    page = ada.post("/save")
    code = resume_code(page.text)
    assert normalise_resume_code(code) is not None
    bob = Browserless(app)
    bob.get("/resume")
    r = bob.post("/resume", {"code": code, "dob-day": "1", "dob-month": "1", "dob-year": "1950"})
    assert r.status_code == 400 and "not right" in r.text
    r = bob.post("/resume", {"code": code, "dob-day": "20", "dob-month": "11", "dob-year": "1948"})
    assert r.status_code == 303 and r.headers["location"] == "/check-answers"
    assert "230.25" in bob.get("/check-answers").text
    # the draft moved to a new id: Ada's old cookie no longer reaches it, and the code was used up
    assert ada.get("/check-answers").status_code == 303
    carol = Browserless(app)
    carol.get("/resume")
    r = carol.post("/resume", {"code": code.lower().replace("-", " "), "dob-day": "20", "dob-month": "11",
                               "dob-year": "1948"})
    assert r.status_code == 400


def test_resume_guesses_are_rate_limited(app: Any, ada: Browserless) -> None:
    guesser = Browserless(app)
    guesser.get("/resume")
    for _ in range(3):  # resume_attempts = 3 in the test configuration
        r = guesser.post("/resume", {"code": "ABCD-EFGH-JKLM", "dob-day": "1", "dob-month": "1", "dob-year": "1950"})
        assert r.status_code == 400
    r = guesser.post("/resume", {"code": "ABCD-EFGH-JKLM", "dob-day": "1", "dob-month": "1", "dob-year": "1950"})
    assert r.status_code == 429 and r.headers["retry-after"] == str(15 * 60)
    # a guess from another address is counted apart
    other = Browserless(app)
    other.client = other.client.__class__(app, base_url="http://testserver", follow_redirects=False,
                                          client=("192.0.2.7", 5000))
    other.get("/resume")
    r = other.post("/resume", {"code": "ABCD-EFGH-JKLM", "dob-day": "1", "dob-month": "1", "dob-year": "1950"})
    assert r.status_code == 400


def test_a_draft_locks_after_wrong_dates_of_birth_from_many_addresses(app: Any, ada: Browserless) -> None:
    code = resume_code(ada.post("/save").text)
    for i in range(3):
        g = Browserless(app)
        g.client = g.client.__class__(app, base_url="http://testserver", follow_redirects=False,
                                      client=(f"192.0.2.{10 + i}", 5000))
        g.get("/resume")
        assert g.post("/resume", {"code": code, "dob-day": "2", "dob-month": "2", "dob-year": "1950"}).status_code == 400
    owner = Browserless(app)
    owner.client = owner.client.__class__(app, base_url="http://testserver", follow_redirects=False,
                                          client=("192.0.2.99", 5000))
    owner.get("/resume")
    r = owner.post("/resume", {"code": code, "dob-day": "20", "dob-month": "11", "dob-year": "1948"})
    assert r.status_code == 400, "locked for the window even with the right answers"
    store: Store = app.state.store
    with store.session() as s:
        draft = s.scalars(select(Draft)).one()
        draft.locked_until = utcnow() - timedelta(seconds=1)
    assert owner.post("/resume", {"code": code, "dob-day": "20", "dob-month": "11",
                                  "dob-year": "1948"}).status_code == 303


# --------------------------------------------------------------------------- CSRF and origin


POSTS = ["/start", "/q/date-of-birth", "/q/income-list/remove", "/save", "/resume", "/staff/login", "/staff/logout",
         "/staff/referrals/{ref}/rerun", "/staff/referrals/{ref}/processed"]


@pytest.mark.parametrize("path", POSTS)
def test_posts_without_the_csrf_token_are_refused(shared: Shared, path: str) -> None:
    app, ada, referral = shared.app, shared.ada, shared.referral
    url = path.format(ref=referral)
    r = ada.client.post(url, data={"dob-day": "1"})
    assert r.status_code == 403
    r = ada.client.post(url, data={"csrf_token": "0" * 64})
    assert r.status_code == 403
    other = Browserless(app)
    other.get("/")
    r = ada.client.post(url, data={"csrf_token": other.token})  # a token bound to someone else's cookie
    assert r.status_code == 403
    r = ada.client.post(url, data={"csrf_token": ada.token}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403


def test_a_same_origin_post_is_accepted(ada: Browserless) -> None:
    r = ada.client.post("/q/care-cost", data={"csrf_token": ada.token, "care_cost": "330"},
                        headers={"Origin": "http://testserver"})
    assert r.status_code == 303


# --------------------------------------------------------------------------- staff pages


@pytest.mark.parametrize("path", STAFF_GETS)
def test_staff_pages_refuse_the_unauthenticated(shared: Shared, path: str) -> None:
    ada, referral = shared.ada, shared.referral
    r = ada.get(path.format(ref=referral))  # a resident's cookies are no staff session
    assert r.status_code == 303 and r.headers["location"] == "/staff/login"
    assert "Ada" not in r.text


@pytest.mark.parametrize(("path", "data"), STAFF_POSTS)
def test_staff_actions_refuse_the_unauthenticated(shared: Shared, path: str, data: dict[str, str]) -> None:
    referral = shared.referral
    stranger = Browserless(shared.app)
    stranger.get("/staff/login")
    r = stranger.post(path.format(ref=referral), data)
    assert r.status_code == 303 and r.headers["location"] == "/staff/login"


@pytest.mark.parametrize(("path", "data", "scope"), [
    (STAFF_POSTS[0][0], STAFF_POSTS[0][1], "referrals:rerun"), (STAFF_POSTS[1][0], STAFF_POSTS[1][1], "referrals:process")])
def test_staff_actions_need_their_scope(shared: Shared, path: str, data: dict[str, str], scope: str) -> None:
    referral, make_key = shared.referral, shared.key
    staff = Browserless(shared.app)
    staff.get("/staff/login")
    assert staff.post("/staff/login", {"api_key": make_key("referrals:read")}).status_code == 303
    r = staff.post(path.format(ref=referral), data)
    assert r.status_code == 403


def test_a_revoked_key_ends_the_staff_session(app: Any, referral: str, make_key: Any) -> None:
    key = make_key("referrals:read")
    staff = Browserless(app)
    staff.get("/staff/login")
    staff.post("/staff/login", {"api_key": key})
    assert staff.get("/staff/").status_code == 200
    with app.state.store.session() as s:
        assert revoke_api_key(s, key.split("_")[1])
    assert staff.get("/staff/").status_code == 303


def test_staff_sign_in_is_rate_limited(app: Any) -> None:
    staff = Browserless(app)
    staff.get("/staff/login")
    for _ in range(3):
        assert staff.post("/staff/login", {"api_key": "cask_nope_wrong"}).status_code == 401
    assert staff.post("/staff/login", {"api_key": "cask_nope_wrong"}).status_code == 429


def test_a_forged_staff_cookie_is_refused(app: Any) -> None:
    staff = Browserless(app)
    staff.client.cookies.set("sa_staff", "eyJhIjoia2V5OngiLCJzIjpbInJlZmVycmFsczpyZWFkIl19.x.y")
    assert staff.get("/staff/").status_code == 303


# --------------------------------------------------------------------------- the staff API


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_api_refuses_the_unauthenticated(shared: Shared, method: str, path: str, body: Any) -> None:
    ada, referral = shared.ada, shared.referral
    url = path.format(ref=referral)
    for headers in ({}, {"Authorization": "Bearer cask_abc_def"}, {"Authorization": "Basic dXNlcjpwYXNz"},
                    {"Authorization": "Bearer not-a-jwt"}):
        r = ada.client.request(method, url, headers=headers, json=body)  # with a resident's cookies, too
        assert r.status_code == 401, (url, headers)
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "Ada" not in r.text


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_api_refuses_a_revoked_or_expired_key(shared: Shared, method: str, path: str, body: Any) -> None:
    app, referral = shared.app, shared.referral
    client = Browserless(app).client
    store: Store = app.state.store
    with store.session() as s:
        revoked_id, revoked = create_api_key(s, "revoked", ["referrals:read", "referrals:rerun", "referrals:process"])
        expired_id, expired = create_api_key(s, "expired", ["referrals:read", "referrals:rerun", "referrals:process"],
                                             expires_days=1)
    with store.session() as s:
        revoke_api_key(s, revoked_id)
        row = s.get(ApiKey, expired_id)
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
    for key in (revoked, expired):
        r = client.request(method, path.format(ref=referral), headers={"Authorization": f"Bearer {key}"}, json=body)
        assert r.status_code == 401


@pytest.mark.parametrize(("method", "path", "body", "scope"), [
    (m, p, b, {"GET": "referrals:read"}.get(m) or ("referrals:rerun" if "rerun" in p else "referrals:process"))
    for m, p, b in API])
def test_api_needs_the_endpoints_scope(shared: Shared, method: str, path: str, body: Any, scope: str) -> None:
    app, referral, make_key = shared.app, shared.referral, shared.key
    client = Browserless(app).client
    others = [s for s in ("referrals:read", "referrals:rerun", "referrals:process") if s != scope]
    r = client.request(method, path.format(ref=referral), headers={"Authorization": f"Bearer {make_key(*others)}"},
                       json=body)
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = client.request(method, path.format(ref=referral), headers={"Authorization": f"Bearer {make_key(scope)}"},
                       json=body)
    assert r.status_code == 200


def test_api_unknown_reference(shared: Shared) -> None:
    app, make_key = shared.app, shared.key
    client = Browserless(app).client
    auth = {"Authorization": f"Bearer {make_key()}"}
    for method, path, body in API[1:]:
        r = client.request(method, path.format(ref="SA-NONE-NONE"), headers=auth, json=body)
        assert r.status_code == 404, path


def test_keys_are_hashed_at_rest(app: Any, make_key: Any) -> None:
    key = make_key("referrals:read")
    secret = key.split("_", 2)[2]
    store: Store = app.state.store
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM sa_api_keys")).all()
    assert rows and secret not in repr(rows) and key not in repr(rows)
    with store.session() as s:
        assert check_api_key(s, key) is not None
        assert check_api_key(s, key[:-1] + ("x" if key[-1] != "x" else "y")) is None
        assert check_api_key(s, "cask_" + key.split("_")[1] + "_") is None


def test_create_key_checks_scopes_and_name(app: Any) -> None:
    with app.state.store.session() as s:
        with pytest.raises(ValueError, match="unknown scope"):
            create_api_key(s, "x", ["referrals:delete"])
        with pytest.raises(ValueError, match="at least one scope"):
            create_api_key(s, "x", [])
        with pytest.raises(ValueError, match="name"):
            create_api_key(s, " ", ["referrals:read"])


# --------------------------------------------------------------------------- headers and limits


@pytest.mark.parametrize("path", ["/", "/q/date-of-birth", "/resume", "/staff/login", "/api/v1/referrals", "/nope",
                                  "/privacy"])
def test_strict_headers_everywhere(shared: Shared, path: str) -> None:
    r = shared.ada.get(path)
    h = r.headers
    assert "default-src 'none'" in h["content-security-policy"] and "frame-ancestors 'none'" in h["content-security-policy"]
    assert "script-src" not in h["content-security-policy"]  # no scripts at all
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "same-origin"  # no referrer leaves the site; Origin is sent on our own posts
    assert h["cache-control"] == "no-store"
    assert h["cross-origin-opener-policy"] == "same-origin"
    assert "strict-transport-security" not in h  # only when configured (HTTPS)


def test_cookies_are_http_only_and_same_site(app: Any) -> None:
    r = Browserless(app)
    page = r.client.get("/")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in the test; "auto" sets Secure behind HTTPS


def test_large_bodies_are_refused(ada: Browserless) -> None:
    r = ada.client.post("/q/care-cost", content=b"care_cost=" + b"9" * 70_000,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_list_length_is_bounded(app: Any, ada: Browserless) -> None:
    for _ in range(25):
        ada.post("/q/dre-item?item=99", {"description": "x", "amount": "1", "frequency": "weekly"})
    with app.state.store.session() as s:
        answers = s.scalars(select(Draft)).one().answers_dict()
    assert len(answers["dre"]) == 20
