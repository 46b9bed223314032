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
``POST /v1/events``                      ``careact.events``: events applied to a case's state (:mod:`.events`)
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
import os
from collections.abc import Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..charging.models import ChargingResult
from ..dates import ASSESSMENT_DATE_PATTERN
from ..errors import FieldProblem, InputError, NoRulesInForce, RuleSetError
from ..json_input import MAX_DEPTH, MAX_REQUEST_BYTES
from ..rules import Layer, RuleSet, bundled_overlays, bundled_rulesets, load_overlay, load_ruleset
from ..rules.catalogue import with_overlays
from .errors import _NAMED, ErrorBody, input_error_from_errors
from .limits import PARSED_BODY, LimitsMiddleware, error_body
from .models import (
    AssessRequest,
    CheckerRequest,
    EligibilityRequest,
    OverlayName,
    ReformCompareRequest,
    TimelineRequest,
)
from .responses import (
    CheckerResponse,
    DeterminationResponse,
    HealthResponse,
    JsonSchemaDocument,
    ParametersResponse,
    QuestionnaireResponse,
    ReformCompareResponse,
    RulesetsResponse,
    SchemaIndexResponse,
    TimelineResponse,
)

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_DEPTH",
    "WIDGET_DIR",
    "ServerConfig",
    "app_from_environment",
    "create_app",
]

DEFAULT_MAX_BODY_BYTES = MAX_REQUEST_BYTES
DEFAULT_MAX_DEPTH = MAX_DEPTH
MAX_SPELL_WEEKS = 52 * 40  # a reform comparison over HTTP: at most 40 years of weekly metering
WIDGET_DIR = FilePath(__file__).resolve().parent.parent / "widget"

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not JSON, or is nested too deeply."},
    413: {"model": ErrorBody, "description": "The body is larger than the server accepts."},
    415: {"model": ErrorBody, "description": "The body is not sent as application/json."},
    422: {"model": ErrorBody, "description": "The request was understood but a field is wrong; every field at fault is named."},
}


class _Request(Request):
    """A request whose JSON body is the one :class:`LimitsMiddleware` parsed, with careact's reader."""

    async def json(self) -> Any:
        state = self.scope.get("state", {})
        if PARSED_BODY in state:
            return state[PARSED_BODY]
        from ..json_input import parse_json

        return parse_json(await self.body())


class _Route(APIRoute):
    """Routes that read their bodies through :class:`_Request`: parsed once, by careact's reader."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def read(request: Request) -> Response:
            return await handler(_Request(request.scope, request.receive))

        return read


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


CONFIG_ENV = "CAREACT_SERVER_CONFIG"


@dataclass(frozen=True)
class ServerConfig:
    """The settings ``careact serve`` gives every worker process (as JSON in :data:`CONFIG_ENV`)."""

    overlays: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int | None = None
    max_depth: int | None = None
    widget: bool = True
    selfassess: str | None = None  # the self-assessment's council configuration file, if it is served

    def as_dict(self) -> dict[str, Any]:
        return {"overlays": list(self.overlays), "cors_origins": list(self.cors_origins),
                "max_body_bytes": self.max_body_bytes, "max_depth": self.max_depth, "widget": self.widget,
                "selfassess": self.selfassess}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServerConfig:
        return cls(overlays=tuple(data.get("overlays", ())), cors_origins=tuple(data.get("cors_origins", ())),
                   max_body_bytes=data.get("max_body_bytes"), max_depth=data.get("max_depth"),
                   widget=bool(data.get("widget", True)), selfassess=data.get("selfassess"))

    def app_kwargs(self) -> dict[str, Any]:
        return {"overlays": self.overlays, "cors_origins": self.cors_origins,
                "max_body_bytes": self.max_body_bytes or DEFAULT_MAX_BODY_BYTES,
                "max_depth": self.max_depth or DEFAULT_MAX_DEPTH, "widget": self.widget}


def app_from_environment() -> Any:
    """The application as ``careact serve`` configured it: an ASGI factory for each uvicorn worker (with the
    online self-assessment mounted when a council configuration was given)."""
    raw = os.environ.get(CONFIG_ENV)
    config = ServerConfig.from_dict(json.loads(raw)) if raw else ServerConfig()
    app = create_app(**config.app_kwargs())
    if config.selfassess:
        from ..selfassess import with_selfassess

        return with_selfassess(app, config.selfassess)
    return app


def create_app(
    overlays: Iterable[str | FilePath | Layer] = (),
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
    app.router.route_class = _Route

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
            if e.get("type") in ("union_tag_invalid", "union_tag_not_found"):  # name the tag's own field
                loc = [*loc, str((e.get("ctx") or {}).get("discriminator", "")).strip("'") or "(tag)"]
            tags = ("adult", "carer", "charging", "timeline")  # a discriminated union's tag is not a field
            if loc and loc[0] in tags:
                loc = loc[1:]
            if len(loc) > 1 and loc[0] == "case" and loc[1] in tags:
                loc = loc[:1] + loc[2:]
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
    # Endpoints whose work is CPU-light (well under a millisecond or two) run on the event loop; the
    # timeline and the reform comparison, which can assess hundreds of weeks, run on the thread pool.

    @app.get("/healthz", tags=["service"], response_model=HealthResponse)
    async def healthz() -> JSONResponse:
        return _json({"status": "ok", "careact_version": __version__})

    @app.post("/v1/charging/assess", tags=["charging"], response_model=ChargingResult,
              responses={200: {"description": "The careact.result.charging/1 document."}, **_ERRORS})
    async def charging_assess(body: AssessRequest) -> JSONResponse:
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

    @app.post("/v1/charging/timeline", tags=["charging"], response_model=TimelineResponse,
              responses={200: {"description": "The careact.result.timeline/1 document."}, **_ERRORS})
    def charging_timeline(body: TimelineRequest) -> JSONResponse:
        """The weekly charge for every period between change points in [start, end], each with its reasons."""
        from ..charging.timeline import timeline

        rules = rules_for(body.overlays)
        try:
            result = timeline(body.case_mapping(), body.start, body.end, rules=rules, explain=body.explain,
                              project_capital_depletion=body.project_capital_depletion)
        except NoRulesInForce as exc:
            raise InputError.single("start", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "case", keep=("start", "end")) from None
        return _json(json.loads(json.dumps(result.to_dict(explain=body.explain))))

    @app.post("/v1/eligibility/determine", tags=["eligibility"], response_model=DeterminationResponse,
              responses={200: {"description": "{result: careact.eligibility/1, explanation?: careact.explain/1}"},
                         **_ERRORS})
    async def eligibility_determine(body: EligibilityRequest) -> JSONResponse:
        """Whether the needs found meet the eligibility criteria (Care Act 2014 s.13; SI 2015/313)."""
        from ..eligibility import default_on, determine

        try:
            d = determine(body.case, on=body.on or default_on(body.case), explain=body.explain)
        except NoRulesInForce as exc:
            raise InputError.single("on" if body.on else "case.assessed_on", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "case", keep=("on",)) from None
        return _json(d.to_dict(explain=body.explain))

    @app.get("/v1/eligibility/questionnaire/{kind}", tags=["eligibility"], response_model=QuestionnaireResponse,
             responses={404: {"model": ErrorBody}, **_ERRORS})
    async def eligibility_questionnaire(
        kind: Annotated[str, Path(max_length=20, json_schema_extra={"enum": ["adult", "carer"]})],
        locale: Annotated[Literal["en_GB", "cy_GB"], Query(description="the language of the questions")] = "en_GB",
    ) -> JSONResponse:
        """The public checker's plain-English questions for an adult (``adult``) or a carer (``carer``)."""
        from ..eligibility.questionnaire import questionnaire

        if kind not in ("adult", "carer"):
            return _json(error_body("not_found", "kind", "the checker is for 'adult' or 'carer'", "unknown_value"), 404)
        return _json(questionnaire(kind, locale=locale))  # type: ignore[arg-type]

    @app.post("/v1/eligibility/check", tags=["eligibility"], response_model=CheckerResponse, responses=_ERRORS)
    async def eligibility_check(body: Annotated[CheckerRequest, Body()]) -> JSONResponse:
        """The public checker: likely / unlikely / needs a full assessment. Not a determination (s.13(1))."""
        from ..eligibility import determine
        from ..eligibility.questionnaire import answers_to_case

        try:
            case = answers_to_case(body.kind, body.answers.model_dump(exclude_none=True), body.on)
            d = determine(case, on=body.on or date.today(), explain=False)
        except NoRulesInForce as exc:
            raise InputError.single("on", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "answers", keep=("on",)) from None
        r = d.result
        return _json({"kind": body.kind, "answer": r.public_checker, "text": r.public_checker_text,
                      "result": r.to_dict()})

    @app.post("/v1/reform/compare", tags=["reform"], response_model=ReformCompareResponse,
              responses={200: {"description": "careact.reform.compare/1"}, **_ERRORS})
    def reform_compare(body: ReformCompareRequest) -> JSONResponse:
        """One spell of care year by year under the baseline and under a bundled reform, side by side."""
        from ..reform import compare
        from ..reform.models import spell_from_mapping

        rules = rules_for(body.overlays)
        try:
            spell = spell_from_mapping(body.spell.as_mapping())
            result = compare(spell, on=spell.care_start, reform=body.reform.removeprefix("reform/"), years=body.years,
                             overlays=rules.overlays, explain=body.explain)
        except NoRulesInForce as exc:
            raise InputError.single("spell.care_start", str(exc), "no_rules_in_force") from None
        except InputError as exc:
            raise _prefixed(exc, "spell") from None
        return _json(result.as_dict())

    @app.get("/v1/rulesets", tags=["rules"], response_model=RulesetsResponse)
    async def rulesets() -> JSONResponse:
        """The bundled rule sets and overlays, and the overlays this server applies to every request."""
        out_sets = []
        for name in bundled_rulesets():
            r = load_ruleset(name)
            out_sets.append({"name": name, "id": r.id, "digest": r.digest, "covers_from": r.covers_from().isoformat(),
                             "description": r.base.description})
        out_overlays = [_layer_dict(load_overlay(name), name) for name in bundled_overlays()]
        return _json({
            "rulesets": out_sets,
            "overlays": out_overlays,
            "server": {"ruleset": base_rules.identity(), "overlays": [_layer_dict(o, o.name) for o in server_layers]},
        })

    @app.get("/v1/rulesets/{name}/parameters", tags=["rules"], response_model=ParametersResponse,
             responses={404: {"model": ErrorBody}, **_ERRORS})
    async def parameters(
        name: Annotated[str, Path(max_length=100, description="a bundled rule set (GET /v1/rulesets)")],
        date_: Annotated[str | None, Query(alias="date", pattern=ASSESSMENT_DATE_PATTERN,
                                           description="YYYY-MM-DD, from 2015-04-01 (default: today)")] = None,
        overlay: Annotated[list[OverlayName], Query(max_length=16,
                                                    description="bundled overlay names, applied in order")] = [],  # noqa: B006
    ) -> JSONResponse:
        """Every parameter of a bundled rule set in force on a date, with value, start date and citation."""
        if name not in bundled_rulesets():
            return _json(error_body("not_found", "name", f"no bundled rule set named {name[:100]!r} "
                                    f"(available: {', '.join(bundled_rulesets())})", "unknown_value"), 404)
        on = date.fromisoformat(date_) if date_ else date.today()
        try:
            rules = load_ruleset(name, overlay)
        except RuleSetError as exc:
            raise InputError([FieldProblem("overlay", str(p), "overlay_conflict") for p in exc.problems]) from None
        try:
            resolved = rules.at(on)
        except NoRulesInForce as exc:
            raise InputError.single("date", str(exc), "no_rules_in_force") from None
        return _json({"ruleset": rules.identity(), "on": on.isoformat(),
                      "parameters": [resolved[n].as_dict() for n in resolved]})

    @app.get("/v1/schemas", tags=["schemas"], response_model=SchemaIndexResponse)
    async def schema_index() -> JSONResponse:
        return _json({"schemas": sorted(schemas)})

    @app.get("/v1/schemas/{name}", tags=["schemas"], response_model=JsonSchemaDocument,
             responses={404: {"model": ErrorBody}, **_ERRORS})
    async def schema(name: Annotated[str, Path(max_length=100)]) -> JSONResponse:
        """A JSON Schema of the library's contract: case, result, explanation, eligibility, error..."""
        if name not in schemas:
            return _json(error_body("not_found", "name", f"no schema named {name[:100]!r} "
                                    f"(available: {', '.join(sorted(schemas))})", "unknown_value"), 404)
        return _json(schemas[name]())

    from .events import events_router

    app.include_router(events_router(rules_for, server_overlay_ids))

    app.openapi = lambda: _openapi(app, server_overlay_ids)  # type: ignore[method-assign]

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


EXPLANATION_REF = "https://careact.dev/schemas/explain-1.json"


def _openapi(app: FastAPI, server_overlay_ids: frozenset[str] = frozenset()) -> dict[str, Any]:
    """FastAPI's document, made self-contained and as strict as the validation.

    * The explanation, which the library's result model refers to by its published URL, is referred
      to inside the document (``#/components/schemas/ExplanationDoc``), so a client or a test tool needs
      nothing from the network.
    * An income or capital item's ``type`` lists the catalogue's ids (the server refuses any other).
    * A share's decimal form excludes zero (a share is more than 0 and at most 1).
    * A text with a least length says that it is counted without surrounding spaces.
    """
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi
    from pydantic.json_schema import models_json_schema

    from ..charging.catalogue import capital_types, income_types
    from ..explain.models import ExplanationDoc

    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    _, defs = models_json_schema([(ExplanationDoc, "serialization")], ref_template="#/components/schemas/{model}")
    for name, schema in defs.get("$defs", {}).items():
        components.setdefault(name, schema)
    target = "#/components/schemas/ExplanationDoc"

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("$ref") == EXPLANATION_REF:
                node["$ref"] = target
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    catalogues = {"IncomeItem": sorted(income_types()), "CapitalItem": sorted(capital_types())}
    for name, schema in components.items():
        for prefix, ids in catalogues.items():
            if name == prefix or name.startswith(prefix + "-"):
                prop = schema.get("properties", {}).get("type")
                if prop is not None and prop.get("type") == "string":
                    prop["enum"] = ids
    # over HTTP an overlay_changed event may name only bundled overlays (or the server's own)
    overlay_changed = components.get("OverlayChanged", {}).get("properties", {}).get("overlays")
    if overlay_changed is not None and isinstance(overlay_changed.get("items"), dict):
        overlay_changed["items"]["enum"] = sorted(set(bundled_overlays()) | set(server_overlay_ids))
    share = r"^(0?\.[0-9]*[1-9][0-9]*|1(\.0+)?|[1-9][0-9]*/[1-9][0-9]*)$"

    def shares(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and str(node.get("description", "")).startswith("A share:"):
                node["pattern"] = share
            for value in node.values():
                shares(value)
        elif isinstance(node, list):
            for value in node:
                shares(value)

    shares(components)
    # careact's case models strip surrounding spaces before checking a text's length: say so
    for schema in components.values():
        for prop in schema.get("properties", {}).values():
            for node in [prop, *prop.get("anyOf", [])]:
                least = node.get("minLength")
                if node.get("type") == "string" and least and "pattern" not in node:
                    node["pattern"] = r"\S" if least == 1 else r"\S[\s\S]{" + str(least - 2) + r",}\S"
    app.openapi_schema = doc
    return doc


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
