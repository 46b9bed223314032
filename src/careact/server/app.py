"""The careact HTTP API: an ASGI application over the library, with the same JSON contract.

``create_app()`` returns a FastAPI application. Every endpoint is a pure function of its request:
nothing is kept between requests (rule sets are immutable values cached by the library's loaders).

=======================================  ===============================================================
endpoint                                 what it does
=======================================  ===============================================================
``POST /v1/charging/assess``             ``careact.charging.assess`` -> ``careact.result.charging/1``
``POST /v1/charging/timeline``           ``careact.charging.timeline`` -> ``careact.result.timeline/1``
``POST /v1/eligibility/determine``       ``careact.eligibility.determine`` -> {result, explanation}
``GET  /v1/eligibility/questionnaire/K`` the public checker's questions (K = adult | carer)
``POST /v1/eligibility/check``           the public checker: likely / unlikely / needs a full assessment
``POST /v1/reform/compare``              ``careact.reform.compare``: baseline and reform side by side
``GET  /v1/rulesets``                    the bundled rule sets and overlays, and the server's overlays
``GET  /v1/rulesets/{name}/parameters``  every parameter in force on ``?date=`` (``&overlay=`` repeatable)
``GET  /v1/schemas/{name}``              the JSON Schemas (case, result, explanation, eligibility...)
``GET  /openapi.json``                   the OpenAPI document
``GET  /healthz``                        liveness
``GET  /widget/``                        the ready-reckoner widget (static files)
=======================================  ===============================================================

Overlays given to :func:`create_app` (bundled names or TOML files of the operator's own, e.g. a
council's charging policy) are applied to every request, beneath any bundled overlays the request
names. A request can never name a file path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import FieldProblem, InputError, NoRulesInForce, RuleSetError
from ..rules import Layer, RuleSet, bundled_overlays, bundled_rulesets, load_overlay, load_ruleset
from ..rules.catalogue import with_overlays
from .errors import _NAMED, ErrorBody, input_error_from_errors
from .limits import LimitsMiddleware, error_body
from .models import AssessRequest, CheckerRequest, EligibilityRequest, ReformCompareRequest, TimelineRequest

__all__ = ["DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_DEPTH", "WIDGET_DIR", "create_app"]

DEFAULT_MAX_BODY_BYTES = 256 * 1024
DEFAULT_MAX_DEPTH = 32
MAX_SPELL_WEEKS = 52 * 40  # a reform comparison over HTTP: at most 40 years of weekly metering
WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not JSON, or is nested too deeply."},
    413: {"model": ErrorBody, "description": "The body is larger than the server accepts."},
    415: {"model": ErrorBody, "description": "The body is not sent as application/json."},
    422: {"model": ErrorBody, "description": "The request was understood but a field is wrong; every field at fault is named."},
}


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _problem_response(exc: InputError, status: int = 422) -> JSONResponse:
    return _json(exc.as_dict(), status)


def _schemas() -> dict[str, Callable[[], dict[str, Any]]]:
    from ..charging.models import ChargingCase, ChargingResult
    from ..eligibility.models import input_json_schema, result_json_schema

    def explanation() -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(resources.files("careact").joinpath("schemas/explain-1.json").read_text("utf-8"))
        return doc

    return {
        "case": lambda: ChargingCase.model_json_schema(by_alias=True),
        "result": lambda: ChargingResult.model_json_schema(by_alias=True, mode="serialization"),
        "explanation": explanation,
        "assess-request": lambda: AssessRequest.model_json_schema(by_alias=True),
        "eligibility": input_json_schema,
        "eligibility-result": result_json_schema,
        "error": lambda: ErrorBody.model_json_schema(),
    }


def create_app(
    overlays: Iterable[str | Path | Layer] = (),
    cors_origins: Sequence[str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    *,
    ruleset: str = "england",
    widget: bool = True,
) -> FastAPI:
    """The careact API as an ASGI application.

    ``overlays``: applied to every assessment (bundled names, files or loaded layers); loaded now, so
    a bad overlay stops the server from starting rather than failing each request.
    ``cors_origins``: origins allowed to call the API from a browser (``"*"`` for any).
    ``max_body_bytes`` / ``max_depth``: request size (413) and JSON nesting (400) limits.
    """
    if max_body_bytes < 1 or max_depth < 1:
        raise ValueError("max_body_bytes and max_depth must be positive")
    server_layers: tuple[Layer, ...] = tuple(o if isinstance(o, Layer) else load_overlay(o) for o in overlays)
    base_rules = load_ruleset(ruleset, server_layers)  # validates the stack now
    server_overlay_ids = frozenset(layer.name for layer in server_layers)
    schemas = _schemas()

    app = FastAPI(
        title="careact",
        version=__version__,
        description="England's Care Act 2014 as a rules engine: eligibility, charging and reform, with the law "
        "cited for every step. Money is a decimal string (\"12.50\") or whole number, never a float.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )

    # ------------------------------------------------------------------ errors

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return _json(error_body("invalid_input", "(body)", "the body is not valid JSON", "json"), 400)
        cleaned = []
        for e in errors:
            loc = list(e.get("loc", ()))
            if loc and loc[0] in ("body", "query", "path"):
                loc = loc[1:]
            if len(loc) > 1 and loc[0] == "case" and loc[1] in ("adult", "carer"):
                loc = loc[:1] + loc[2:]  # the eligibility case's discriminator tag is not a field
            cleaned.append({**e, "loc": loc})
        return _problem_response(input_error_from_errors(cleaned))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        return _problem_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kinds = {404: "not_found", 405: "method_not_allowed"}
        kind = kinds.get(exc.status_code, "http_error")
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        return JSONResponse(
            error_body(kind, "(path)", f"{request.method} {request.url.path}: {detail}", kind),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover - a bug
        return _json(error_body("internal_error", "(server)", "careact failed on this request; please report it",
                                "internal"), 500)

    # ------------------------------------------------------------------ helpers

    def rules_for(names: Sequence[str], field: str = "overlays") -> RuleSet:
        available = set(bundled_overlays())
        problems = []
        layers: list[Layer] = []
        for i, name in enumerate(names):
            if name in server_overlay_ids:
                continue
            if name not in available:
                problems.append(FieldProblem(
                    f"{field}[{i}]", f"no bundled overlay named {name!r} (GET /v1/rulesets lists them)",
                    "unknown_value"))
                continue
            layer = load_overlay(name)
            if layer.name in server_overlay_ids or any(x.name == layer.name for x in layers):
                continue
            layers.append(layer)
        if problems:
            raise InputError(problems)
        if not layers:
            return base_rules
        try:
            return with_overlays(base_rules, layers)  # cached composition: the per-date resolution is reused
        except RuleSetError as exc:
            raise InputError([FieldProblem(field, str(p), "overlay_conflict") for p in exc.problems]) from None

    # ------------------------------------------------------------------ endpoints

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "careact_version": __version__}

    @app.post(
        "/v1/charging/assess",
        tags=["charging"],
        responses={200: {"description": "The careact.result.charging/1 document."}, **_ERRORS},
        response_model=None,
    )
    def charging_assess(body: AssessRequest) -> JSONResponse:
        """A financial assessment of one case on one date (SI 2014/2672), with its explanation."""
        from ..charging import assess

        rules = rules_for(body.overlays)
        try:
            result = assess(body.case, on=body.on, rules=rules, explain=body.explain)
        except NoRulesInForce as exc:
            raise InputError.single("on", str(exc), "no_rules_in_force") from None
        except InputError as exc:  # the library names case fields from the case's root
            raise _prefixed(exc, "case", keep=("on",)) from None
        return _json(result.model_dump(mode="json", by_alias=True))

    @app.post("/v1/charging/timeline", tags=["charging"],
              responses={200: {"description": "The careact.result.timeline/1 document."}, **_ERRORS},
              response_model=None)
    def charging_timeline(body: TimelineRequest) -> JSONResponse:
        """The weekly charge for every period between change points in [start, end], each with its reasons."""
        from ..charging.timeline import timeline

        rules = rules_for(body.overlays)
        try:
            result = timeline(body.case, body.start, body.end, rules=rules, explain=body.explain,
                              project_capital_depletion=body.project_capital_depletion)
        except NoRulesInForce as exc:
            raise InputError.single("start", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "case", keep=("start", "end")) from None
        return _json(json.loads(json.dumps(result.to_dict(explain=body.explain))))

    @app.post("/v1/eligibility/determine", tags=["eligibility"],
              responses={200: {"description": "{result: careact.eligibility/1, explanation?: careact.explain/1}"},
                         **_ERRORS}, response_model=None)
    def eligibility_determine(body: EligibilityRequest) -> JSONResponse:
        """Whether the needs found meet the eligibility criteria (Care Act 2014 s.13; SI 2015/313)."""
        from ..eligibility import default_on, determine

        try:
            d = determine(body.case, on=body.on or default_on(body.case), explain=body.explain)
        except NoRulesInForce as exc:
            raise InputError.single("on", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "case", keep=("on",)) from None
        return _json(d.to_dict(explain=body.explain))

    @app.get("/v1/eligibility/questionnaire/{kind}", tags=["eligibility"], responses={404: {"model": ErrorBody}})
    def eligibility_questionnaire(kind: str, locale: Annotated[str, Query(max_length=20)] = "en_GB") -> JSONResponse:
        """The public checker's plain-English questions for an adult (``adult``) or a carer (``carer``)."""
        from ..eligibility.questionnaire import questionnaire

        if kind not in ("adult", "carer"):
            return _json(error_body("not_found", "kind", "the checker is for 'adult' or 'carer'", "unknown_value"), 404)
        try:
            return _json(questionnaire(kind, locale=locale))  # type: ignore[arg-type]
        except (LookupError, ValueError) as exc:
            raise InputError.single("locale", f"{locale!r} is not a locale careact can use ({exc})", "locale") from None

    @app.post("/v1/eligibility/check", tags=["eligibility"], responses=_ERRORS, response_model=None)
    def eligibility_check(body: CheckerRequest) -> JSONResponse:
        """The public checker: likely / unlikely / needs a full assessment. Not a determination (s.13(1))."""
        from ..eligibility import determine
        from ..eligibility.questionnaire import answers_to_case

        try:
            case = answers_to_case(body.kind, body.answers, body.on)
            d = determine(case, on=body.on or date.today(), explain=False)
        except NoRulesInForce as exc:
            raise InputError.single("on", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "answers", keep=("on",)) from None
        r = d.result
        return _json({"kind": body.kind, "answer": r.public_checker, "text": r.public_checker_text,
                      "result": r.to_dict()})

    @app.post("/v1/reform/compare", tags=["reform"], responses={200: {"description": "careact.reform.compare/1"},
                                                                **_ERRORS}, response_model=None)
    def reform_compare(body: ReformCompareRequest) -> JSONResponse:
        """One spell of care year by year under the baseline and under a bundled reform, side by side."""
        from ..reform import compare
        from ..reform.models import spell_from_mapping
        from ..reform.overlays import available_reforms

        reforms = available_reforms()
        name = body.reform.removeprefix("reform/")
        if name not in reforms:
            raise InputError.single("reform", f"no bundled reform named {body.reform!r} "
                                    f"(available: {', '.join(reforms)})", "unknown_value")
        weeks = body.spell.get("weeks")
        try:
            too_long = weeks is not None and not isinstance(weeks, bool) and int(str(weeks)) > MAX_SPELL_WEEKS
        except ValueError:
            too_long = False  # not a number: the library names the field
        if too_long:
            raise InputError.single("spell.weeks", f"a spell over HTTP lasts at most {MAX_SPELL_WEEKS} weeks", "range")
        rules = rules_for(body.overlays)
        try:
            spell = spell_from_mapping(body.spell)
            result = compare(spell, on=spell.care_start, reform=name, years=body.years, overlays=rules.overlays,
                             explain=body.explain)
        except NoRulesInForce as exc:
            raise InputError.single("spell", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "spell") from None
        return _json(result.as_dict())

    @app.get("/v1/rulesets", tags=["rules"])
    def rulesets() -> dict[str, Any]:
        """The bundled rule sets and overlays, and the overlays this server applies to every request."""
        out_sets = []
        for name in bundled_rulesets():
            r = load_ruleset(name)
            out_sets.append({"name": name, "id": r.id, "digest": r.digest, "covers_from": r.covers_from().isoformat(),
                             "description": r.base.description})
        out_overlays = []
        for name in bundled_overlays():
            o = load_overlay(name)
            out_overlays.append(_layer_dict(o, name))
        return {
            "rulesets": out_sets,
            "overlays": out_overlays,
            "server": {"ruleset": base_rules.identity(), "overlays": [_layer_dict(o, o.name) for o in server_layers]},
        }

    @app.get("/v1/rulesets/{name}/parameters", tags=["rules"], responses={404: {"model": ErrorBody}, **_ERRORS})
    def parameters(
        name: str,
        date_: Annotated[date | None, Query(alias="date", description="YYYY-MM-DD (default: today)")] = None,
        overlay: Annotated[list[str], Query(description="bundled overlay names, applied in order")] = [],  # noqa: B006
    ) -> JSONResponse:
        """Every parameter of a bundled rule set in force on a date, with value, start date and citation."""
        if name not in bundled_rulesets():
            return _json(error_body("not_found", "name", f"no bundled rule set named {name!r} "
                                    f"(available: {', '.join(bundled_rulesets())})", "unknown_value"), 404)
        on = date_ or date.today()
        available = set(bundled_overlays())
        bad = [FieldProblem(f"overlay[{i}]", f"no bundled overlay named {o!r}", "unknown_value")
               for i, o in enumerate(overlay) if o not in available]
        if bad:
            raise InputError(bad)
        try:
            rules = load_ruleset(name, overlay)
        except RuleSetError as exc:
            raise InputError([FieldProblem("overlay", str(p), "overlay_conflict") for p in exc.problems]) from None
        resolved = rules.at(on)
        return _json({"ruleset": rules.identity(), "on": on.isoformat(),
                      "parameters": [resolved[n].as_dict() for n in resolved]})

    @app.get("/v1/schemas", tags=["schemas"])
    def schema_index() -> dict[str, list[str]]:
        return {"schemas": sorted(schemas)}

    @app.get("/v1/schemas/{name}", tags=["schemas"], responses={404: {"model": ErrorBody}})
    def schema(name: str) -> JSONResponse:
        """A JSON Schema of the library's contract: case, result, explanation, eligibility, error..."""
        if name not in schemas:
            return _json(error_body("not_found", "name", f"no schema named {name!r} "
                                    f"(available: {', '.join(sorted(schemas))})", "unknown_value"), 404)
        return _json(schemas[name]())

    if widget and WIDGET_DIR.is_dir():
        app.mount("/widget", StaticFiles(directory=str(WIDGET_DIR), html=True), name="widget")

        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/widget/")

    # Middleware: the limits guard inside, CORS outside (so refusals carry CORS headers too).
    app.add_middleware(LimitsMiddleware, max_body_bytes=max_body_bytes, max_depth=max_depth)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type"],
            max_age=600,
        )
    return app


def _prefixed(exc: InputError, prefix: str, keep: Sequence[str] = ()) -> InputError:
    """The same problems with case-relative field paths made request-relative (``case.care.start_date``).

    A problem whose text packs several "field: problem" statements together ("is required; care.cost: is
    required") is split into one problem per field.
    """
    out: list[FieldProblem] = []
    for p in exc.problems:
        first, *rest = p.problem.split("; ")
        pieces = [(p.field, first)]
        if rest and all(_NAMED.match(r) for r in rest):
            pieces += [(m.group(1), m.group(2)) for m in map(_NAMED.match, rest) if m]
        else:
            pieces = [(p.field, p.problem)]
        for field, problem in pieces:
            if field not in keep and not field.startswith(prefix + ".") and field != prefix:
                field = f"{prefix}.{field}"
            out.append(FieldProblem(field, problem, p.code))
    return InputError(out)


def _layer_dict(layer: Layer, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "id": layer.id,
        "layer": layer.kind.value,
        "base": layer.base,
        "digest": layer.digest,
        "description": layer.description,
        "source": layer.source.as_dict() if layer.source else None,
    }
