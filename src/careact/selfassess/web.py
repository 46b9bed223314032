"""The self-assessment web service: the resident's journey, the staff pages and the staff JSON API.

:func:`create_selfassess_app` builds it from a :class:`~careact.selfassess.config.SelfAssessConfig`;
``careact serve --selfassess council.toml`` mounts it at ``/self-assessment/`` beside the API.

=============================================  ==================================================
path (under the mount)                          what it is
=============================================  ==================================================
``GET  /``                                      start page
``GET|POST /q/{page}``                          a question (``?item=N`` an entry of a list)
``POST /q/{page}/remove``                       remove an entry from a list
``GET  /check-answers``, ``GET /estimate``      check your answers; the estimate and evidence list
``GET|POST /save``, ``GET|POST /resume``        save with a resume code; resume with it
``GET  /sent``                                  confirmation after sending
``GET  /staff/...``                             staff pages (sign in with an API key or OIDC)
``/api/v1/referrals...``                        the staff JSON API (bearer API key or OIDC token)
=============================================  ==================================================
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import adapter
from .adapter import CouncilRules, InputError
from .config import SelfAssessConfig
from .evidence import evidence_checklist
from .i18n import M_, Translator, translator
from .journey import (
    ITEM_PAGES,
    LIST_PAGES,
    Answers,
    FieldError,
    Page,
    apply_answers,
    assessment_date,
    build_case,
    first_incomplete,
    next_page,
    page,
    previous_page,
    read_date,
    read_page,
    remove_item,
)
from .journey import (
    Field as JourneyField,
)
from .security import (
    KEY_PREFIX,
    BodyLimit,
    OIDCVerifier,
    Principal,
    SecurityHeaders,
    TokenError,
    check_api_key,
    client_address,
    client_bucket,
    csrf_token,
    csrf_valid,
    key_still_valid,
    new_resume_code,
    normalise_resume_code,
    resume_hash,
)
from .storage import Draft, Referral, ReferralEvent, Store, migrate, utcnow
from .views import item_lines, problem_page, summary

__all__ = ["create_selfassess_app"]

log = logging.getLogger("careact.selfassess")

STATIC = Path(__file__).resolve().parent / "static"
C_DRAFT, C_CSRF, C_LANG, C_STAFF, C_SENT, C_OIDC = "sa_draft", "sa_csrf", "sa_lang", "sa_staff", "sa_sent", "sa_oidc"
REF_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"


class RerunRequest(BaseModel):
    """Re-run a referral's case under the council's rules on another date."""

    model_config = ConfigDict(extra="forbid")
    on: date


@dataclass
class Ctx:
    """What one request needs: its translator, its base path, and the CSRF seed to set if new."""

    request: Request
    t: Translator
    base: str
    csrf_seed: str
    new_seed: bool


def error_text(t: Translator, e: FieldError) -> str:
    """An error message in the page's language; a field's name inside a sentence starts in lower case."""
    template = t(e.message)
    values = {k: t(v) for k, v in e.values.items()}
    for k, v in values.items():
        if v and not template.startswith("{" + k + "}") and not v[:2].isupper():
            values[k] = v[0].lower() + v[1:]
    return template.format(**values) if values else template


def log_actor(actor: str) -> str:
    """Who did something, fit for a log: key ids as they are, a provider's subject only as a short hash."""
    if actor.startswith("oidc:"):
        return "oidc:" + hashlib.sha256(actor.encode()).hexdigest()[:12]
    return actor


def _pence(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _new_reference() -> str:
    raw = "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
    return f"SA-{raw[:4]}-{raw[4:]}"


def create_selfassess_app(
    config: SelfAssessConfig,
    *,
    today: Callable[[], date] = date.today,
    store: Store | None = None,
) -> FastAPI:
    """The self-assessment service as an ASGI application (mount it, or serve it alone).

    ``today`` gives the date estimates are made on (tests fix it); ``store`` an open store (default:
    the configured database, migrated first when ``service.auto_migrate`` is set).
    """
    council: CouncilRules = adapter.load_council_rules(config.overlay_specs())
    store = store or Store(config.database_url)
    if config.service.auto_migrate:
        migrate(store.engine)
    key = config.secret_key()
    signer = URLSafeTimedSerializer(key, salt="careact.selfassess")
    verifier = OIDCVerifier(config.oidc, config.base_dir) if config.oidc else None
    languages = list(dict.fromkeys(config.service.languages))
    env = Environment(loader=PackageLoader("careact.selfassess", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    limits = config.limits
    window = timedelta(minutes=limits.resume_window_minutes)

    app = FastAPI(title="careact self-assessment: staff API", version=adapter.CAREACT_VERSION,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.council = council

    # ------------------------------------------------------------------ request helpers

    def lang_of(request: Request) -> str:
        lang = request.cookies.get(C_LANG, languages[0])
        return lang if lang in languages else languages[0]

    def ctx(request: Request) -> Ctx:
        seed = request.cookies.get(C_CSRF)
        new = not seed or len(seed) != 43
        return Ctx(request, translator(lang_of(request)), request.scope.get("root_path", "").rstrip("/"),
                   secrets.token_urlsafe(32) if new or seed is None else seed, new)

    def secure(request: Request) -> bool:
        mode = config.service.cookie_secure
        if mode == "auto":
            proto = request.url.scheme
            peer = request.client.host if request.client else ""
            if peer in config.service.trusted_proxies:
                proto = request.headers.get("x-forwarded-proto", proto)
            return proto == "https"
        return mode == "always"

    def set_cookie(resp: Response, c: Ctx, name: str, value: str, max_age: int | None = None) -> None:
        resp.set_cookie(name, value, max_age=max_age, path=c.base or "/", httponly=True, samesite="lax",
                        secure=secure(c.request))

    def clear_cookie(resp: Response, c: Ctx, name: str) -> None:
        resp.delete_cookie(name, path=c.base or "/", httponly=True, samesite="lax", secure=secure(c.request))

    def render(c: Ctx, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = c.t.lang
        other = [x for x in languages if x != lang]
        html = env.get_template(template).render(
            _=c.t, t=c.t, error_text=lambda e: error_text(c.t, e), lang=lang, base=c.base, council=config.council, csrf=csrf_token(key, c.csrf_seed),
            other_languages=other, here=c.request.url.path, staff=values.pop("staff", None), **values)
        resp = HTMLResponse(html, status_code=status)
        if c.new_seed:
            set_cookie(resp, c, C_CSRF, c.csrf_seed)
        return resp

    def redirect(c: Ctx, path: str, status: int = 303) -> RedirectResponse:
        resp = RedirectResponse(f"{c.base}{path}", status_code=status)
        if c.new_seed:
            set_cookie(resp, c, C_CSRF, c.csrf_seed)
        return resp

    def refuse(c: Ctx, status: int, title: str, body: str, headers: Mapping[str, str] | None = None,
               **values: str) -> HTMLResponse:
        resp = render(c, "message.html", status=status, title=title, body=body, body_values=values)
        for k, v in (headers or {}).items():
            resp.headers[k] = v
        return resp

    async def form_of(request: Request) -> dict[str, str]:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return {}
        raw = (await request.body()).decode("utf-8", errors="replace")
        pairs = urllib.parse.parse_qsl(raw, keep_blank_values=True, max_num_fields=200)
        out: dict[str, str] = {}
        for k, v in pairs:
            out.setdefault(k, v)
        return out

    def origin_ok(request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            return True
        if origin == "null":
            return False
        host = request.headers.get("x-forwarded-host") if (
            request.client and request.client.host in config.service.trusted_proxies) else None
        host = host or request.headers.get("host", "")
        return urllib.parse.urlsplit(origin).netloc == host

    async def checked_form(c: Ctx) -> dict[str, str] | HTMLResponse:
        form = await form_of(c.request)
        if not origin_ok(c.request) or not csrf_valid(key, c.request.cookies.get(C_CSRF), form.get("csrf_token")):
            return refuse(c, 403, M_("Sorry, there is a problem with the service"),
                          M_("This form has expired or was not sent from this service. Go back, reload the page "
                             "and try again."))
        return form

    def client(request: Request) -> str:
        return client_address((request.client.host, request.client.port) if request.client else None,
                              request.headers, config.service.trusted_proxies)

    # ------------------------------------------------------------------ drafts

    def draft_of(request: Request, s: Session) -> Draft | None:
        raw = request.cookies.get(C_DRAFT)
        if not raw:
            return None
        try:
            draft_id = signer.loads(raw, salt="draft", max_age=config.retention.draft_days * 86400)
        except BadSignature:
            return None
        draft = s.get(Draft, str(draft_id))
        if draft is None or draft.updated_at < utcnow() - timedelta(days=config.retention.draft_days):
            return None
        return draft

    def attach_draft(resp: Response, c: Ctx, draft_id: str) -> None:
        set_cookie(resp, c, C_DRAFT, signer.dumps(draft_id, salt="draft"), max_age=config.retention.draft_days * 86400)

    def save_answers(s: Session, draft: Draft, answers: Answers, lang: str) -> None:
        draft.answers = json.dumps(answers, sort_keys=True)
        draft.lang = lang
        draft.updated_at = utcnow()

    def no_draft(c: Ctx) -> RedirectResponse:
        return redirect(c, "/?expired=1")

    # ------------------------------------------------------------------ estimates

    def estimate_for(answers: Answers, reference: str | None = None
                     ) -> tuple[adapter.Estimate | None, list[tuple[str, Page | None]], Any]:
        on = assessment_date(answers, today())
        try:
            case = adapter.validate_case(build_case(answers, reference))
            return adapter.run_estimate(case, on, council), [], case
        except InputError as exc:
            return None, [(p.problem, problem_page(p.field)) for p in exc.problems], None

    # ------------------------------------------------------------------ error pages

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(f"{request.scope.get('root_path', '')}/api/"):
            return JSONResponse({"error": "not_found" if exc.status_code == 404 else "http_error",
                                 "detail": str(exc.detail)}, status_code=exc.status_code)
        c = ctx(request)
        if exc.status_code == 404:
            return refuse(c, 404, M_("Page not found"), M_("If you typed the web address, check it is correct."))
        if exc.status_code == 405:
            return refuse(c, 405, M_("Sorry, there is a problem with the service"), M_("That page cannot be used "
                                                                                       "that way."))
        return refuse(c, exc.status_code, M_("Sorry, there is a problem with the service"), M_("Try again later."))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        log.error("internal error on %s %s: %s", request.method, request.scope.get("route_path", "?"),
                  type(exc).__name__)
        if "/api/" in request.url.path:
            return JSONResponse({"error": "internal_error"}, status_code=500)
        return refuse(ctx(request), 500, M_("Sorry, there is a problem with the service"), M_("Try again later."))

    # ------------------------------------------------------------------ assets and language

    @app.get("/assets/style.css", include_in_schema=False)
    def style() -> Response:
        return Response((STATIC / "style.css").read_bytes(), media_type="text/css")

    @app.get("/assets/council.css", include_in_schema=False)
    def council_css() -> Response:
        css = (f".header{{background:{config.council.colour}}}\n"
               f".button:not(.button-secondary){{background-color:{config.council.button_colour}}}\n")
        return Response(css, media_type="text/css")

    @app.get("/assets/logo", include_in_schema=False)
    def logo() -> Response:
        if config.council.logo is None:
            raise StarletteHTTPException(404)
        path = config.path(config.council.logo)
        kind = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
        return Response(path.read_bytes(), media_type=kind)

    @app.get("/language/{lang}", include_in_schema=False)
    def language(request: Request, lang: str, next: str = "/") -> Response:
        c = ctx(request)
        target = next if next.startswith(c.base + "/") and "//" not in next and "\\" not in next else f"{c.base}/"
        resp = RedirectResponse(target, status_code=303)
        if lang in languages:
            set_cookie(resp, c, C_LANG, lang, max_age=365 * 86400)
        return resp

    # ------------------------------------------------------------------ the resident's journey

    @app.get("/", include_in_schema=False)
    def start(request: Request, expired: int = 0) -> Response:
        c = ctx(request)
        with store.session() as s:
            draft = draft_of(request, s)
            resuming = draft is not None and bool(draft.answers_dict())
        return render(c, "start.html", resuming=resuming, expired=bool(expired),
                      draft_days=config.retention.draft_days)

    @app.post("/start", include_in_schema=False)
    async def begin(request: Request) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                now = utcnow()
                draft = Draft(id=secrets.token_urlsafe(32), answers="{}", lang=c.t.lang, failed_resumes=0,
                              created_at=now, updated_at=now)
                s.add(draft)
            answers = draft.answers_dict()
            draft_id = draft.id
        nxt = first_incomplete(answers)
        resp = redirect(c, f"/q/{nxt.slug}" if nxt else "/check-answers")
        attach_draft(resp, c, draft_id)
        return resp

    def page_view(c: Ctx, p: Page, answers: Answers, *, item: int | None, change: bool,
                  errors: list[FieldError] | None = None, echo: Mapping[str, str] | None = None,
                  status: int = 200) -> HTMLResponse:
        values: dict[str, Any] = {}
        if echo is not None:
            values = dict(echo)
        elif p.list_key and not p.is_list:
            items = answers.get(p.list_key) or []
            if item is not None and 0 <= item < len(items):
                values = dict(items[item])
        elif not p.is_list:
            values = {f.name: answers.get(f.name) for f in p.fields if f.name in answers}
            if p.slug in ("contact", "declaration"):
                values = dict(answers.get("contact") or {}) if p.slug == "contact" else {}
        for f in p.fields:
            if f.kind == "date" and isinstance(values.get(f.name), str) and f"{f.name}-day" not in values:
                d = date.fromisoformat(values[f.name])
                values.update({f"{f.name}-day": str(d.day), f"{f.name}-month": str(d.month),
                               f"{f.name}-year": str(d.year)})
        back = previous_page(answers, p.slug)
        if p.slug == "contact":
            back = "estimate"
        elif p.slug == "declaration":
            back = "q/contact"
        elif change:
            back = "check-answers"
        elif back is not None:
            back = f"q/{back}"
        lines = item_lines(p.list_key, list(answers.get(p.list_key) or []), answers, c.t) \
            if p.is_list and p.list_key else []
        return render(c, "question.html", status=status, page=p, answers=answers, values=values,
                      errors=errors or [], item=item, change=change, back=back, lines=lines,
                      item_slug=ITEM_PAGES[p.list_key].slug if p.is_list and p.list_key else None,
                      can_save="dob" in answers, contact=answers.get("contact") or {})

    def resolve(slug: str) -> Page:
        p = page(slug)
        if p is None:
            raise StarletteHTTPException(404)
        return p

    @app.get("/q/{slug}", include_in_schema=False)
    def question(request: Request, slug: str, item: int | None = None, change: int = 0) -> Response:
        c = ctx(request)
        p = resolve(slug)
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            answers = draft.answers_dict()
        if p.slug in ("contact", "declaration"):
            if first_incomplete(answers) is not None:
                return redirect(c, "/check-answers")
            if p.slug == "declaration" and not answers.get("contact"):
                return redirect(c, "/q/contact")
        elif not p.applies(answers):
            nxt = first_incomplete(answers)
            return redirect(c, f"/q/{nxt.slug}" if nxt else "/check-answers")
        if p.is_list and p.list_key and not answers.get(p.list_key):
            return redirect(c, f"/q/{ITEM_PAGES[p.list_key].slug}?item=0")
        if p.list_key and not p.is_list:
            count = len(answers.get(p.list_key) or [])
            if item is None or item < 0 or item > count:
                item = count
            if item == count and count >= limits.max_items:
                return redirect(c, f"/q/{LIST_PAGES[p.list_key].slug}")
        return page_view(c, p, answers, item=item, change=bool(change))

    @app.post("/q/{slug}", include_in_schema=False)
    async def answer(request: Request, slug: str, item: int | None = None, change: int = 0) -> Response:
        c = ctx(request)
        p = resolve(slug)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            answers = draft.answers_dict()
            if p.slug not in ("contact", "declaration") and not p.applies(answers):
                return redirect(c, "/check-answers")
            values, errors, echo = read_page(p, form, answers, today())
            if errors:
                return page_view(c, p, answers, item=item, change=bool(change), errors=errors, echo=echo, status=400)
            if p.slug == "contact":
                answers = {**answers, "contact": values}
                save_answers(s, draft, answers, c.t.lang)
                return redirect(c, "/q/declaration")
            if p.slug == "declaration":
                return submit(c, s, draft, answers)
            if p.list_key and not p.is_list:
                count = len(answers.get(p.list_key) or [])
                if item is None or item < 0 or item > count or (item == count and count >= limits.max_items):
                    item = count
                    if count >= limits.max_items:
                        return redirect(c, f"/q/{LIST_PAGES[p.list_key].slug}")
            answers = apply_answers(answers, p, values, item)
            save_answers(s, draft, answers, c.t.lang)
        if p.is_list and p.list_key and values.get("more") == "yes":
            if len(answers.get(p.list_key) or []) >= limits.max_items:
                return page_view(c, p, answers, item=None, change=bool(change), errors=[FieldError(
                    "more", "more-0", M_("You cannot add more than {count}"), {"count": str(limits.max_items)})],
                    status=400)
            return redirect(c, f"/q/{ITEM_PAGES[p.list_key].slug}{'?change=1' if change else ''}")
        if change:
            nxt = first_incomplete(answers)
            if p.list_key and not p.is_list:
                return redirect(c, f"/q/{LIST_PAGES[p.list_key].slug}?change=1")
            return redirect(c, f"/q/{nxt.slug}" if nxt else "/check-answers")
        target = next_page(answers, p)
        return redirect(c, f"/q/{target}" if target != "check-answers" else "/check-answers")

    @app.post("/q/{slug}/remove", include_in_schema=False)
    async def remove(request: Request, slug: str) -> Response:
        c = ctx(request)
        p = resolve(slug)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        if not (p.is_list and p.list_key):
            raise StarletteHTTPException(404)
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            raw = form.get("item", "")
            if raw.isdigit():
                answers = remove_item(draft.answers_dict(), p.list_key, int(raw))
                save_answers(s, draft, answers, c.t.lang)
        return redirect(c, f"/q/{p.slug}")

    @app.get("/check-answers", include_in_schema=False)
    def check_answers(request: Request) -> Response:
        c = ctx(request)
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            answers = draft.answers_dict()
        nxt = first_incomplete(answers)
        if nxt is not None:
            return redirect(c, f"/q/{nxt.slug}")
        return render(c, "check.html", sections=summary(answers, c.t, link=f"{c.base}/q/{{slug}}?change=1"),
                      back=f"q/{previous_page(answers, 'check-answers')}", can_save=True)

    @app.get("/estimate", include_in_schema=False)
    def estimate(request: Request) -> Response:
        c = ctx(request)
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            answers = draft.answers_dict()
        if first_incomplete(answers) is not None:
            return redirect(c, "/check-answers")
        est, problems, _case = estimate_for(answers)
        if est is None:
            return render(c, "problems.html", status=400, problems=problems, can_save=True)
        return render(c, "estimate.html", est=est, steps=adapter.explained_steps(est.explanation, c.t.locale),
                      evidence=[e.text(c.t) for e in evidence_checklist(answers)], answers=answers, can_save=True, back="check-answers")

    @app.get("/save", include_in_schema=False)
    def save_page(request: Request) -> Response:
        c = ctx(request)
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
        return render(c, "save.html", draft_days=config.retention.draft_days, back=None)

    @app.post("/save", include_in_schema=False)
    async def save(request: Request) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        with store.session() as s:
            draft = draft_of(request, s)
            if draft is None:
                return no_draft(c)
            if "dob" not in draft.answers_dict():
                return redirect(c, "/q/date-of-birth")
            code = new_resume_code()
            draft.resume_hash = resume_hash(key, normalise_resume_code(code) or "")
            draft.failed_resumes = 0
            draft.locked_until = None
            draft.updated_at = utcnow()
            until = draft.updated_at + timedelta(days=config.retention.draft_days)
        nxt = first_incomplete(draft.answers_dict())
        return render(c, "saved.html", code=code, until=until.date(),
                      continue_to=f"q/{nxt.slug}" if nxt else "check-answers")

    @app.get("/resume", include_in_schema=False)
    def resume_page(request: Request) -> Response:
        return render(ctx(request), "resume.html", errors=[], values={})

    @app.post("/resume", include_in_schema=False)
    async def resume(request: Request) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        bucket = client_bucket(key, "resume", client(request))
        too_many = refuse(c, 429, M_("Too many attempts"),
                          M_("You have entered a wrong resume code or date of birth too many times. Wait {minutes} "
                             "minutes, then try again, or contact us."),
                          {"Retry-After": str(int(window.total_seconds()))}, minutes=str(limits.resume_window_minutes))
        with store.session() as s:
            if store.count_attempts(s, bucket, window) >= limits.resume_attempts:
                return too_many
        code = normalise_resume_code(form.get("code", ""))
        errors: list[FieldError] = []
        dob_field = JourneyField("dob", "date", M_("Your date of birth"), M_("Your date of birth"), past=True)
        dob, dob_err, echo = read_date(dob_field, form, today())
        if code is None:
            errors.append(FieldError("code", "code", M_("Enter your resume code, like ABCD-EFGH-JKLM"), {}))
        if dob_err is not None:
            errors.append(dob_err)
        if errors:
            return render(c, "resume.html", status=400, errors=errors, values={"code": form.get("code", ""), **echo})
        assert code is not None
        with store.session() as s:
            draft = s.scalar(select(Draft).where(Draft.resume_hash == resume_hash(key, code)))
            now = utcnow()
            fresh = draft is not None and draft.updated_at >= now - timedelta(days=config.retention.draft_days)
            locked = draft is not None and draft.locked_until is not None and draft.locked_until > now
            if draft is None or not fresh or locked or draft.answers_dict().get("dob") != dob:
                store.record_attempt(s, bucket)
                if draft is not None and not locked:
                    draft.failed_resumes += 1
                    if draft.failed_resumes >= limits.resume_attempts:
                        draft.locked_until = now + window
                        draft.failed_resumes = 0
                log.info("resume refused")
                return render(c, "resume.html", status=400, values={"code": form.get("code", ""), **echo}, errors=[
                    FieldError("code", "code", M_("The resume code or date of birth is not right, or the saved "
                                                  "answers have been deleted"), {})])
            # a new id: whoever held the old cookie no longer reaches the draft
            answers = draft.answers_dict()
            new = Draft(id=secrets.token_urlsafe(32), resume_hash=None, answers=draft.answers, lang=draft.lang,
                        failed_resumes=0, created_at=draft.created_at, updated_at=now)
            s.delete(draft)
            s.flush()
            s.add(new)
            new_id = new.id
        log.info("draft resumed")
        nxt = first_incomplete(answers)
        resp = redirect(c, f"/q/{nxt.slug}" if nxt else "/check-answers")
        attach_draft(resp, c, new_id)
        return resp

    def submit(c: Ctx, s: Session, draft: Draft, answers: Answers) -> Response:
        if first_incomplete(answers) is not None or not answers.get("contact"):
            return redirect(c, "/check-answers")
        reference = _new_reference()
        while s.scalar(select(func.count()).select_from(Referral).where(Referral.reference == reference)):
            reference = _new_reference()  # pragma: no cover - 28^8 references
        est, problems, case = estimate_for(answers, reference)
        if est is None:
            return render(c, "problems.html", status=400, problems=problems)
        evidence = evidence_checklist(answers)
        en = translator("en")
        evidence_doc = [{**e.as_dict(), "text": e.text(en)} for e in evidence]
        now = utcnow()
        ref = Referral(
            reference=reference, status="new", submitted_at=now, lang=c.t.lang, setting=case.care.setting,
            on_date=est.on.isoformat(), weekly_charge_pence=_pence(est.weekly_charge),
            contact=json.dumps(answers["contact"], sort_keys=True),
            answers=json.dumps({k: v for k, v in answers.items() if k != "contact"}, sort_keys=True),
            case_json=json.dumps(adapter.case_document(case), sort_keys=True, indent=2, ensure_ascii=False),
            result_json=json.dumps(est.result, sort_keys=True, ensure_ascii=False),
            identity=json.dumps(est.identity, sort_keys=True),
            evidence=json.dumps(evidence_doc, sort_keys=True, ensure_ascii=False),
        )
        ref.events.append(ReferralEvent(at=now, actor="resident", kind="submitted",
                                        detail=json.dumps({"weekly_charge": f"{est.weekly_charge:.2f}"})))
        s.add(ref)
        s.delete(draft)
        log.info("referral %s submitted", reference)
        resp = redirect(c, "/sent")
        clear_cookie(resp, c, C_DRAFT)
        set_cookie(resp, c, C_SENT, signer.dumps(reference, salt="sent"), max_age=3600)
        return resp

    @app.get("/sent", include_in_schema=False)
    def sent(request: Request) -> Response:
        c = ctx(request)
        try:
            reference = signer.loads(request.cookies.get(C_SENT, ""), salt="sent", max_age=3600)
        except BadSignature:
            return redirect(c, "/")
        return render(c, "sent.html", reference=str(reference))

    @app.get("/accessibility", include_in_schema=False)
    def accessibility(request: Request) -> Response:
        return render(ctx(request), "accessibility.html")

    @app.get("/privacy", include_in_schema=False)
    def privacy(request: Request) -> Response:
        return render(ctx(request), "privacy.html", retention=config.retention)

    # ------------------------------------------------------------------ staff: authentication

    def staff_principal(request: Request, s: Session) -> Principal | None:
        raw = request.cookies.get(C_STAFF)
        if not raw:
            return None
        try:
            data = signer.loads(raw, salt="staff", max_age=config.service.staff_session_hours * 3600)
        except BadSignature:
            return None
        actor, scopes = str(data.get("a", "")), frozenset(data.get("s", []))
        if actor.startswith("key:") and not key_still_valid(s, actor[4:]):
            return None
        return Principal(actor, scopes)

    def api_principal(request: Request, s: Session) -> Principal | JSONResponse:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        challenge = {"WWW-Authenticate": 'Bearer realm="careact-selfassess"'}
        if scheme.lower() != "bearer" or not token.strip():
            return JSONResponse({"error": "unauthenticated", "detail": "send Authorization: Bearer <API key or token>"},
                                status_code=401, headers=challenge)
        token = token.strip()
        if token.startswith(KEY_PREFIX):
            principal = check_api_key(s, token)
            if principal is None:
                return JSONResponse({"error": "unauthenticated", "detail": "the API key is not valid"},
                                    status_code=401, headers=challenge)
            return principal
        if verifier is None:
            return JSONResponse({"error": "unauthenticated", "detail": "the API key is not valid"},
                                status_code=401, headers=challenge)
        try:
            return verifier.principal(token)
        except TokenError as exc:
            return JSONResponse({"error": "unauthenticated", "detail": str(exc)}, status_code=401, headers=challenge)

    def forbidden(scope: str) -> JSONResponse:
        return JSONResponse({"error": "forbidden", "detail": f"this credential lacks the scope {scope}"},
                            status_code=403)

    def staff_gate(c: Ctx, s: Session, scope: str) -> Principal | Response:
        who = staff_principal(c.request, s)
        if who is None:
            return redirect(c, "/staff/login")
        if not who.can(scope):
            return refuse(c, 403, M_("You cannot do that"), M_("Your sign-in does not allow this. Ask the "
                                                             "service's administrator."))
        return who

    @app.get("/staff/login", include_in_schema=False)
    def staff_login_page(request: Request) -> Response:
        return render(ctx(request), "staff_login.html", errors=[], oidc=bool(config.oidc and config.oidc.sign_in))

    @app.post("/staff/login", include_in_schema=False)
    async def staff_login(request: Request) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        bucket = client_bucket(key, "login", client(request))
        with store.session() as s:
            if store.count_attempts(s, bucket, window) >= limits.login_attempts:
                return refuse(c, 429, M_("Too many attempts"), M_("Too many wrong keys. Wait {minutes} minutes, "
                                                                  "then try again."),
                              {"Retry-After": str(int(window.total_seconds()))},
                              minutes=str(limits.resume_window_minutes))
            who = check_api_key(s, form.get("api_key", "").strip())
            if who is None:
                store.record_attempt(s, bucket)
        if who is None:
            log.info("staff sign-in refused")
            return render(c, "staff_login.html", status=401, oidc=bool(config.oidc and config.oidc.sign_in),
                          errors=[FieldError("api_key", "api_key", M_("The key is not valid, or has been revoked"), {})])
        log.info("staff sign-in by %s", log_actor(who.actor))
        return staff_session(c, who)

    def staff_session(c: Ctx, who: Principal) -> Response:
        resp = redirect(c, "/staff/")
        set_cookie(resp, c, C_STAFF, signer.dumps({"a": who.actor, "s": sorted(who.scopes)}, salt="staff"),
                   max_age=config.service.staff_session_hours * 3600)
        return resp

    @app.post("/staff/logout", include_in_schema=False)
    async def staff_logout(request: Request) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        resp = redirect(c, "/staff/login")
        clear_cookie(resp, c, C_STAFF)
        return resp

    @app.get("/staff/oidc/login", include_in_schema=False)
    def oidc_login(request: Request) -> Response:
        c = ctx(request)
        if config.oidc is None or not config.oidc.sign_in:
            raise StarletteHTTPException(404)
        state, nonce, verifier_code = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier_code.encode()).digest()).rstrip(b"=").decode()
        params = {"response_type": "code", "client_id": config.oidc.client_id, "redirect_uri": oidc_redirect(c),
                  "scope": "openid", "state": state, "nonce": nonce, "code_challenge": challenge,
                  "code_challenge_method": "S256"}
        resp = RedirectResponse(f"{config.oidc.authorization_endpoint}?{urllib.parse.urlencode(params)}",
                                status_code=303)
        set_cookie(resp, c, C_OIDC, signer.dumps({"st": state, "n": nonce, "v": verifier_code}, salt="oidc"),
                   max_age=600)
        return resp

    def oidc_redirect(c: Ctx) -> str:
        root = config.service.public_url or f"{c.request.url.scheme}://{c.request.url.netloc}{c.base}"
        return f"{root}/staff/oidc/callback"

    @app.get("/staff/oidc/callback", include_in_schema=False)
    def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
        c = ctx(request)
        if config.oidc is None or not config.oidc.sign_in or verifier is None:
            raise StarletteHTTPException(404)
        try:
            saved = signer.loads(request.cookies.get(C_OIDC, ""), salt="oidc", max_age=600)
        except BadSignature:
            saved = None
        if not saved or not code or not secrets.compare_digest(str(saved.get("st", "")), state):
            return refuse(c, 400, M_("Sign-in failed"), M_("The sign-in could not be completed. Try again."))
        try:
            id_token = _exchange_code(config, code, oidc_redirect(c), str(saved["v"]))
            claims = verifier.claims(id_token, audience=config.oidc.client_id, nonce=str(saved["n"]))
        except (TokenError, OSError, ValueError) as exc:
            log.info("staff OIDC sign-in refused: %s", type(exc).__name__)
            return refuse(c, 401, M_("Sign-in failed"), M_("The sign-in could not be completed. Try again."))
        who = Principal(f"oidc:{str(claims['sub'])[:100]}", verifier.scopes(claims))
        if not who.can("referrals:read"):
            return refuse(c, 403, M_("You cannot do that"), M_("Your sign-in does not allow this. Ask the "
                                                             "service's administrator."))
        resp = staff_session(c, who)
        clear_cookie(resp, c, C_OIDC)
        return resp

    # ------------------------------------------------------------------ staff: shared work

    def find(s: Session, reference: str) -> Referral | None:
        return s.scalar(select(Referral).where(Referral.reference == reference[:32]))

    def referral_page(c: Ctx, doc: dict[str, Any], who: Principal, *, status: int = 200, rerun_result: Any = None,
                      rerun_steps: list[Any] | None = None, errors: list[Any] | None = None,
                      values: dict[str, Any] | None = None) -> Response:
        """A referral as the staff page shows it, with the result of a re-run where one was asked for."""
        return render(c, "staff_referral.html", status=status, ref=doc, staff=who,
                      sections=summary(doc["answers"], c.t, link=""),
                      steps=adapter.explained_steps(doc["explanation"] or {}, c.t.locale),
                      figures=adapter.figures_status_of({**doc["estimate"], "explanation": doc["explanation"]}),
                      rerun_result=rerun_result, rerun_steps=rerun_steps or [], errors=errors or [],
                      values=values or {}, today=today())

    def staff_referral_gate(c: Ctx, s: Session, scope: str, reference: str) -> tuple[Principal, Referral] | Response:
        """A staff page's member of staff and referral: the sign-in page or a refusal where the scope is
        missing, 404 where there is no such referral."""
        who = staff_gate(c, s, scope)
        if isinstance(who, Response):
            return who
        ref = find(s, reference)
        if ref is None:
            raise StarletteHTTPException(404)
        return who, ref

    def event(ref: Referral, who: Principal, kind: str, detail: Mapping[str, Any] | None = None) -> None:
        ref.events.append(ReferralEvent(at=utcnow(), actor=who.actor, kind=kind,
                                        detail=json.dumps(dict(detail or {}), sort_keys=True)))

    def listing(s: Session, status: str | None) -> list[Referral]:
        q = select(Referral).order_by(Referral.submitted_at.desc(), Referral.id.desc()).limit(500)
        if status in ("new", "processed"):
            q = q.where(Referral.status == status)
        return list(s.scalars(q))

    def brief(ref: Referral) -> dict[str, Any]:
        return {"reference": ref.reference, "status": ref.status, "submitted_at": ref.submitted_at.isoformat(),
                "processed_at": ref.processed_at.isoformat() if ref.processed_at else None,
                "setting": ref.setting, "on": ref.on_date,
                "weekly_charge": f"{Decimal(ref.weekly_charge_pence) / 100:.2f}"}

    def full(ref: Referral) -> dict[str, Any]:
        result = ref.doc("result_json")
        return {**brief(ref), "contact": ref.doc("contact"), "answers": ref.doc("answers"),
                "case": ref.doc("case_json"), "estimate": {k: v for k, v in result.items()
                                                          if k not in ("explanation", "inputs")},
                "explanation": result.get("explanation"), "identity": ref.doc("identity"),
                "evidence": ref.doc("evidence"), "language": ref.lang,
                "events": [{"at": e.at.isoformat(), "actor": e.actor, "kind": e.kind, "detail": json.loads(e.detail)}
                           for e in ref.events]}

    def rerun(ref: Referral, on: date) -> adapter.Estimate:
        case = adapter.validate_case(ref.doc("case_json"))
        return adapter.run_estimate(case, on, council)

    def mark_processed(ref: Referral, who: Principal) -> bool:
        if ref.status == "processed":
            return False
        ref.status, ref.processed_at, ref.processed_by = "processed", utcnow(), who.actor
        event(ref, who, "processed")
        return True

    # ------------------------------------------------------------------ staff pages

    @app.get("/staff/", include_in_schema=False)
    def staff_home(request: Request, status: str = "new", reference: str = "") -> Response:
        c = ctx(request)
        with store.session() as s:
            who = staff_gate(c, s, "referrals:read")
            if isinstance(who, Response):
                return who
            if reference.strip():
                ref = find(s, reference.strip().upper())
                if ref is not None:
                    return redirect(c, f"/staff/referrals/{ref.reference}")
            rows = [brief(r) for r in listing(s, status)]
        return render(c, "staff_list.html", rows=rows, status_filter=status, staff=who, reference=reference,
                      not_found=bool(reference.strip()))

    @app.get("/staff/referrals/{reference}", include_in_schema=False)
    def staff_referral(request: Request, reference: str) -> Response:
        c = ctx(request)
        with store.session() as s:
            gated = staff_referral_gate(c, s, "referrals:read", reference)
            if isinstance(gated, Response):
                return gated
            who, ref = gated
            doc = full(ref)
            event(ref, who, "opened")
        return referral_page(c, doc, who)

    @app.post("/staff/referrals/{reference}/rerun", include_in_schema=False)
    async def staff_rerun(request: Request, reference: str) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        with store.session() as s:
            gated = staff_referral_gate(c, s, "referrals:rerun", reference)
            if isinstance(gated, Response):
                return gated
            who, ref = gated
            field = JourneyField("on", "date", M_("Date to assess on"), M_("Date to assess on"), min_year=2015)
            on, err, echo = read_date(field, form, today())
            result = None
            errors = [err] if err else []
            if on is not None:
                try:
                    result = rerun(ref, date.fromisoformat(on))
                    event(ref, who, "rerun", {"on": on, "weekly_charge": f"{result.weekly_charge:.2f}"})
                except InputError as exc:
                    errors = [FieldError("on", "on-day", p.problem, {}) for p in exc.problems]
            doc = full(ref)
        return referral_page(c, doc, who, status=200 if not errors else 400, rerun_result=result,
                             rerun_steps=adapter.explained_steps(result.explanation, c.t.locale) if result else [],
                             errors=errors, values=echo)

    @app.get("/staff/referrals/{reference}/case.json", include_in_schema=False)
    def staff_export(request: Request, reference: str) -> Response:
        c = ctx(request)
        with store.session() as s:
            gated = staff_referral_gate(c, s, "referrals:read", reference)
            if isinstance(gated, Response):
                return gated
            who, ref = gated
            event(ref, who, "exported")
            body = ref.case_json
        return Response(body, media_type="application/json", headers={
            "Content-Disposition": f'attachment; filename="{ref.reference}.case.json"'})

    @app.post("/staff/referrals/{reference}/processed", include_in_schema=False)
    async def staff_processed(request: Request, reference: str) -> Response:
        c = ctx(request)
        form = await checked_form(c)
        if isinstance(form, HTMLResponse):
            return form
        with store.session() as s:
            gated = staff_referral_gate(c, s, "referrals:process", reference)
            if isinstance(gated, Response):
                return gated
            who, ref = gated
            mark_processed(ref, who)
        return redirect(c, f"/staff/referrals/{reference}")

    # ------------------------------------------------------------------ staff JSON API

    def with_api(request: Request, scope: str, handler: Callable[[Session, Principal], Response]) -> Response:
        with store.session() as s:
            who = api_principal(request, s)
            if isinstance(who, JSONResponse):
                return who
            if not who.can(scope):
                return forbidden(scope)
            return handler(s, who)

    def not_found(reference: str) -> JSONResponse:
        return JSONResponse({"error": "not_found", "detail": f"no referral {reference[:32]!r}"}, status_code=404)

    def with_referral(request: Request, scope: str, reference: str,
                      handler: Callable[[Session, Principal, Referral], Response]) -> Response:
        """An API call on one referral: 404 where there is none."""
        def found(s: Session, who: Principal) -> Response:
            ref = find(s, reference)
            return not_found(reference) if ref is None else handler(s, who, ref)
        return with_api(request, scope, found)

    @app.get("/api/v1/referrals", tags=["referrals"])
    def api_list(request: Request, status: str = "all") -> Response:
        """Referrals, newest first (``status``: ``new``, ``processed`` or ``all``). Scope ``referrals:read``."""
        return with_api(request, "referrals:read",
                        lambda s, who: JSONResponse({"referrals": [brief(r) for r in listing(s, status)]}))

    @app.get("/api/v1/referrals/{reference}", tags=["referrals"])
    def api_get(request: Request, reference: str) -> Response:
        """One referral: contact, answers, case, estimate, explanation, evidence, identity, events."""
        def handler(s: Session, who: Principal, ref: Referral) -> Response:
            event(ref, who, "opened")
            return JSONResponse(full(ref))
        return with_referral(request, "referrals:read", reference, handler)

    @app.get("/api/v1/referrals/{reference}/case", tags=["referrals"])
    def api_case(request: Request, reference: str) -> Response:
        """The referral's case as ``careact.case.charging/1`` JSON, for a case-management system."""
        def handler(s: Session, who: Principal, ref: Referral) -> Response:
            event(ref, who, "exported")
            return Response(ref.case_json, media_type="application/json")
        return with_referral(request, "referrals:read", reference, handler)

    @app.get("/api/v1/referrals/{reference}/result", tags=["referrals"])
    def api_result(request: Request, reference: str) -> Response:
        """The stored estimate as a ``careact.result.charging/1`` document (``careact replay`` re-runs it)."""
        def handler(s: Session, who: Principal, ref: Referral) -> Response:
            return Response(ref.result_json, media_type="application/json")
        return with_referral(request, "referrals:read", reference, handler)

    @app.post("/api/v1/referrals/{reference}/rerun", tags=["referrals"])
    async def api_rerun(request: Request, reference: str) -> Response:
        """Re-assess the case under the council's rules on ``on``. Scope ``referrals:rerun``."""
        parsed: RerunRequest | None = None
        bad: JSONResponse | None = None
        try:
            parsed = RerunRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            problems = [{"field": ".".join(str(x) for x in e["loc"]) or "(body)", "problem": e["msg"]}
                        for e in exc.errors()]
            bad = JSONResponse({"error": "invalid_input", "problems": problems or [
                {"field": "(body)", "problem": "send JSON like {\"on\": \"2025-06-01\"}"}]}, status_code=422)

        def handler(s: Session, who: Principal) -> Response:
            if bad is not None or parsed is None:  # the body is checked before the referral is looked up
                return bad or JSONResponse({"error": "invalid_input"}, status_code=422)
            ref = find(s, reference)
            if ref is None:
                return not_found(reference)
            try:
                result = rerun(ref, parsed.on)
            except InputError as exc:
                return JSONResponse(exc.as_dict(), status_code=422)
            event(ref, who, "rerun", {"on": parsed.on.isoformat(), "weekly_charge": f"{result.weekly_charge:.2f}"})
            before = Decimal(ref.weekly_charge_pence) / 100
            return JSONResponse({"reference": ref.reference, "estimate": result.summary(),
                                 "submitted_weekly_charge": f"{before:.2f}",
                                 "change": f"{result.weekly_charge - before:.2f}",
                                 "result": result.result})
        return with_api(request, "referrals:rerun", handler)

    @app.post("/api/v1/referrals/{reference}/processed", tags=["referrals"])
    def api_processed(request: Request, reference: str) -> Response:
        """Mark the referral processed (its retention period starts). Scope ``referrals:process``."""
        def handler(s: Session, who: Principal, ref: Referral) -> Response:
            changed = mark_processed(ref, who)
            return JSONResponse({**brief(ref), "changed": changed})
        return with_referral(request, "referrals:process", reference, handler)

    # the outermost guards: body size, then strict headers on every response
    app.add_middleware(BodyLimit, max_bytes=limits.max_form_bytes)
    app.add_middleware(SecurityHeaders, hsts=config.service.hsts)
    return app


def _exchange_code(config: SelfAssessConfig, code: str, redirect_uri: str, code_verifier: str) -> str:
    """The authorisation-code exchange at the provider's token endpoint: returns the ID token."""
    import os
    import urllib.request

    oidc = config.oidc
    assert oidc is not None and oidc.token_endpoint and oidc.client_id
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": oidc.client_id, "code_verifier": code_verifier}
    if oidc.client_secret_env:
        secret = os.environ.get(oidc.client_secret_env)
        if secret:
            form["client_secret"] = secret
    req = urllib.request.Request(oidc.token_endpoint, data=urllib.parse.urlencode(form).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        doc = json.loads(r.read())
    token = doc.get("id_token")
    if not isinstance(token, str):
        raise ValueError("the token endpoint returned no id_token")  # noqa: TRY004 - a refusal, not a bug
    return token
