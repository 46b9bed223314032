"""Online financial self-assessment: the resident's journey, the referral, and the council's side.

An optional part of careact (``pip install 'careact[selfassess]'``); the core library never imports it.
``careact serve --selfassess council.toml`` serves it at ``/self-assessment/`` beside the HTTP API;
``careact selfassess ...`` manages its database, staff API keys and retention. Everything it asks of
the rules engine goes through :mod:`careact.selfassess.adapter`.

>>> from careact.selfassess import create_selfassess_app, load_config   # doctest: +SKIP
>>> app = create_selfassess_app(load_config("council.toml"))             # any ASGI server
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .config import ConfigError, SelfAssessConfig, load_config

__all__ = ["MOUNT", "ConfigError", "SelfAssessConfig", "create_selfassess_app", "load_config", "with_selfassess"]

MOUNT = "/self-assessment"


def create_selfassess_app(config: SelfAssessConfig, **kwargs: Any) -> Any:
    """The self-assessment service as an ASGI application (see :func:`careact.selfassess.web.create_selfassess_app`)."""
    from .web import create_selfassess_app as create

    return create(config, **kwargs)


class NoClientAddress(logging.Filter):
    """Access-log records keep the method, path and status but not the client's address (personal data)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) == 5:
            record.args = ("-", *record.args[1:])
        return True


def with_selfassess(api: Any, config: str | Path | SelfAssessConfig) -> Any:
    """``api`` (the careact HTTP API) with the self-assessment mounted at ``/self-assessment``.

    Also stops the access log from recording client addresses.
    """
    from starlette.applications import Starlette
    from starlette.responses import RedirectResponse
    from starlette.routing import Mount, Route

    cfg = config if isinstance(config, SelfAssessConfig) else load_config(config)
    service = create_selfassess_app(cfg)

    async def to_journey(request: Any) -> RedirectResponse:
        return RedirectResponse(f"{MOUNT}/", status_code=307)

    logging.getLogger("uvicorn.access").addFilter(NoClientAddress())
    return Starlette(routes=[Route(MOUNT, to_journey), Mount(MOUNT, app=service), Mount("/", app=api)])
