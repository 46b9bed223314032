"""careact's HTTP API (the optional ``server`` extra: ``pip install careact[server]``).

>>> from careact.server import create_app          # doctest: +SKIP
>>> app = create_app(cors_origins=["https://example.org"])  # serve with any ASGI server

``careact serve`` runs it with uvicorn. The core library never imports this package.
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DEPTH, create_app

__all__ = ["DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_DEPTH", "create_app"]
