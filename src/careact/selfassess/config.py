"""The council's configuration of the self-assessment service: one TOML file.

See ``docs/guides/self-assessment.md`` for every key. Paths in the file (the logo, overlay files, the
secret key file, a JWKS file) are relative to the file itself. Two settings can come from the
environment instead, so that secrets stay out of the file: ``CAREACT_SELFASSESS_DATABASE_URL`` and
``CAREACT_SELFASSESS_SECRET_KEY``.
"""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "ConfigError",
    "CouncilConfig",
    "Link",
    "OIDCConfig",
    "RetentionConfig",
    "SelfAssessConfig",
    "contrast_ratio",
    "load_config",
]

ENV_DATABASE_URL = "CAREACT_SELFASSESS_DATABASE_URL"
ENV_SECRET_KEY = "CAREACT_SELFASSESS_SECRET_KEY"
SCOPES = ("referrals:read", "referrals:rerun", "referrals:process")
LANGUAGES = ("en", "cy")

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


Algorithm = Literal["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
Language = Literal["en", "cy"]


def _default_algorithms() -> list[Algorithm]:
    return ["RS256", "ES256"]


def _default_languages() -> list[Language]:
    return ["en", "cy"]


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or wrong; the message names the key."""


def _luminance(colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Link(BaseModel):
    """A link to a page of the council's, such as its charging policy, with its text in each language."""

    model_config = _STRICT
    text: str = Field(min_length=1)
    text_cy: str | None = None
    url: str = Field(pattern=r"^https?://\S+$")

    def label(self, lang: str) -> str:
        return self.text_cy if lang == "cy" and self.text_cy else self.text


class CouncilConfig(BaseModel):
    """Who the council is and how residents reach it."""

    model_config = _STRICT
    name: str = Field(min_length=1)
    name_cy: str | None = None
    phone: str | None = None
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    address: str | None = None
    website: str | None = Field(None, pattern=r"^https?://\S+$")
    opening_hours: str | None = None
    opening_hours_cy: str | None = None
    logo: Path | None = Field(None, description="An SVG or PNG file, relative to the configuration file.")
    colour: str = Field("#0b0c0c", description="The header's background; white text must reach 4.5:1 on it.")
    button_colour: str = Field("#00703c", description="The main buttons' background; white text must reach 4.5:1.")
    policy_links: list[Link] = Field(default_factory=list)

    @field_validator("colour", "button_colour")
    @classmethod
    def _readable(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise ValueError(f"{value!r} is not a colour written #rrggbb")
        ratio = contrast_ratio(value, "#ffffff")
        if ratio < 4.5:
            raise ValueError(f"white text on {value} has a contrast ratio of {ratio:.2f}:1; WCAG 2.2 AA needs 4.5:1 "
                             "(choose a darker colour)")
        return value.lower()

    @field_validator("logo")
    @classmethod
    def _logo_type(cls, value: Path | None) -> Path | None:
        if value is not None and value.suffix.lower() not in (".svg", ".png"):
            raise ValueError("the logo must be an .svg or .png file")
        return value

    def display_name(self, lang: str) -> str:
        return self.name_cy if lang == "cy" and self.name_cy else self.name


class RulesConfig(BaseModel):
    model_config = _STRICT
    overlays: list[str] = Field(default_factory=list, description="Council overlays: bundled names or TOML files.")


class RetentionConfig(BaseModel):
    """How long records are kept before ``careact selfassess purge`` deletes them."""

    model_config = _STRICT
    draft_days: int = Field(30, ge=1, le=3650, description="Unsent drafts, counted from their last change.")
    processed_days: int = Field(90, ge=1, le=3650, description="Referrals, counted from being marked processed.")


class LimitsConfig(BaseModel):
    model_config = _STRICT
    resume_attempts: int = Field(5, ge=1, le=100, description="Wrong resume codes allowed per client per window.")
    resume_window_minutes: int = Field(15, ge=1, le=1440)
    login_attempts: int = Field(10, ge=1, le=1000, description="Wrong staff keys allowed per client per window.")
    max_form_bytes: int = Field(64 * 1024, ge=1024, le=1024 * 1024)
    max_items: int = Field(20, ge=1, le=100, description="Most income, capital, occupant or expense entries.")


class OIDCConfig(BaseModel):
    """An OpenID Connect provider whose tokens (and, optionally, sign-in) staff may use."""

    model_config = _STRICT
    issuer: str = Field(pattern=r"^https?://\S+$")
    audience: str = Field(min_length=1, description="The API's audience: the ``aud`` a bearer token must carry.")
    jwks_file: Path | None = Field(None, description="The provider's keys as a JWKS file (relative to this file).")
    jwks_url: str | None = Field(None, pattern=r"^https://\S+$")
    algorithms: list[Algorithm] = Field(default_factory=_default_algorithms)
    scope_claim: str = Field("scope", description="The claim holding the caller's scopes or roles.")
    role_map: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Claim values mapped to careact scopes; without a map, values equal to a careact scope count.")
    leeway_seconds: int = Field(30, ge=0, le=300)
    # staff sign-in with the authorisation code flow (optional)
    client_id: str | None = None
    client_secret_env: str | None = Field(None, description="Name of the environment variable holding the secret.")
    authorization_endpoint: str | None = Field(None, pattern=r"^https?://\S+$")
    token_endpoint: str | None = Field(None, pattern=r"^https?://\S+$")

    @model_validator(mode="after")
    def _keys(self) -> OIDCConfig:
        if (self.jwks_file is None) == (self.jwks_url is None):
            raise ValueError("give exactly one of jwks_file and jwks_url")
        for claim_value, scopes in self.role_map.items():
            bad = [s for s in scopes if s not in SCOPES]
            if bad:
                raise ValueError(f"role_map.{claim_value}: unknown scope {bad[0]!r} (scopes: {', '.join(SCOPES)})")
        login = (self.client_id, self.authorization_endpoint, self.token_endpoint)
        if any(login) and not all(login):
            raise ValueError("staff sign-in needs client_id, authorization_endpoint and token_endpoint together")
        return self

    @property
    def sign_in(self) -> bool:
        return self.client_id is not None


class ServiceConfig(BaseModel):
    model_config = _STRICT
    database_url: str | None = Field(None, description="SQLAlchemy URL; default: SQLite beside this file.")
    secret_key_file: Path | None = Field(None, description="Default: selfassess-secret.key beside this file.")
    auto_migrate: bool = Field(True, description="Bring the database schema up to date when the service starts.")
    languages: list[Language] = Field(default_factory=_default_languages, min_length=1)
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    hsts: bool = Field(False, description="Send Strict-Transport-Security (set it when served over HTTPS).")
    trusted_proxies: list[str] = Field(
        default_factory=list, description="Addresses of reverse proxies whose X-Forwarded-For/-Proto to believe.")
    staff_session_hours: int = Field(8, ge=1, le=24)
    public_url: str | None = Field(
        None, pattern=r"^https?://\S+[^/]$",
        description="The address residents use, without a trailing slash (for sign-in redirects).")


class SelfAssessConfig(BaseModel):
    """The whole configuration file."""

    model_config = _STRICT
    council: CouncilConfig
    rules: RulesConfig = RulesConfig()
    service: ServiceConfig = ServiceConfig()
    retention: RetentionConfig = RetentionConfig()
    limits: LimitsConfig = LimitsConfig()
    oidc: OIDCConfig | None = None
    base_dir: Path = Field(Path("."), exclude=True)

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.base_dir / p

    @property
    def database_url(self) -> str:
        url = os.environ.get(ENV_DATABASE_URL) or self.service.database_url
        if url:
            return url
        return f"sqlite:///{(self.base_dir / 'selfassess.sqlite3').resolve()}"

    def overlay_specs(self) -> list[str]:
        out = []
        for spec in self.rules.overlays:
            out.append(str(self.path(Path(spec))) if spec.endswith(".toml") else spec)
        return out

    def secret_key(self, *, create: bool = True) -> bytes:
        """The key that signs cookies and keys resume codes: from the environment, the file, or made once."""
        env = os.environ.get(ENV_SECRET_KEY)
        if env:
            if len(env) < 32:
                raise ConfigError(f"{ENV_SECRET_KEY} must be at least 32 characters")
            return env.encode()
        path = self.path(self.service.secret_key_file or Path("selfassess-secret.key"))
        if path.exists():
            key = path.read_bytes().strip()
            if len(key) < 32:
                raise ConfigError(f"{path}: the secret key must be at least 32 characters")
            return key
        if not create:
            raise ConfigError(f"no secret key: set {ENV_SECRET_KEY} or create {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
        return path.read_bytes().strip()


def _format(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "is not a setting careact knows (check the spelling)"
        lines.append(f"{where}: {msg}")
    return "; ".join(lines)


def parse_config(data: dict[str, Any], base_dir: Path) -> SelfAssessConfig:
    try:
        config = SelfAssessConfig.model_validate({**data, "base_dir": base_dir})
    except ValidationError as exc:
        raise ConfigError(_format(exc)) from None
    if config.council.logo is not None and not config.path(config.council.logo).is_file():
        raise ConfigError(f"council.logo: no file at {config.path(config.council.logo)}")
    if config.oidc is not None and config.oidc.jwks_file is not None and not config.path(config.oidc.jwks_file).is_file():
        raise ConfigError(f"oidc.jwks_file: no file at {config.path(config.oidc.jwks_file)}")
    for i, spec in enumerate(config.rules.overlays):
        if spec.endswith(".toml") and not config.path(Path(spec)).is_file():
            raise ConfigError(f"rules.overlays[{i}]: no file at {config.path(Path(spec))}")
    return config


def load_config(path: str | Path) -> SelfAssessConfig:
    """Read and check the configuration file; :class:`ConfigError` names the key at fault."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {p}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p} is not valid TOML: {exc}") from None
    return parse_config(data, p.resolve().parent)


EXAMPLE_CONFIG = """\
# The council's configuration of careact's online financial self-assessment.
# Paths are relative to this file. Secrets can come from the environment instead:
# CAREACT_SELFASSESS_DATABASE_URL and CAREACT_SELFASSESS_SECRET_KEY.

[council]
name = "Example Borough Council"
name_cy = "Cyngor Bwrdeistref Enghraifft"
phone = "0300 123 4567"
email = "financial.assessments@example.gov.uk"
address = "Town Hall, High Street, Exampleton EX1 1AA"
website = "https://www.example.gov.uk"
opening_hours = "Monday to Friday, 9am to 5pm"
opening_hours_cy = "Dydd Llun i ddydd Gwener, 9am i 5pm"
# logo = "logo.svg"
colour = "#0b0c0c"
button_colour = "#00703c"

[[council.policy_links]]
text = "Our charging policy for care and support"
text_cy = "Ein polisi codi tâl am ofal a chymorth"
url = "https://www.example.gov.uk/charging-policy"

[rules]
# council overlays: bundled names (careact rules list) or your own TOML files
overlays = []

[service]
# database_url = "postgresql+psycopg://careact@localhost/careact"   # default: SQLite beside this file
languages = ["en", "cy"]
cookie_secure = "auto"
hsts = false
trusted_proxies = []

[retention]
draft_days = 30
processed_days = 90

[limits]
resume_attempts = 5
resume_window_minutes = 15
"""
