"""``careact serve``: run the HTTP API and the ready-reckoner widget with uvicorn (the ``server`` extra).

With ``--workers N`` uvicorn starts N worker processes sharing the port, each with its own copy of the
application built from the same settings (passed to them in the environment variable
:data:`careact.server.app.CONFIG_ENV`). uvloop and httptools, in the ``server`` extra, are used when
installed. Under a process manager (systemd, supervisord, a container runtime) run one
``careact serve`` with ``--workers`` set to the cores it may use; see the deployment guide.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ._common import Subparsers, add_overlay, command, positive_int


def register(sub: Subparsers) -> None:
    p = command(
        sub, "serve",
        help="run the HTTP API (/v1/...) and the ready-reckoner widget (/widget/)",
        description="Serve careact over HTTP. Needs the server extra: pip install 'careact[server]'.",
        examples=["careact serve --port 8000",
                  "careact serve --host 0.0.0.0 --port 8080 --workers 4 --overlay council/reading --log-level warning"],
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    p.add_argument("--workers", type=positive_int, default=1, metavar="N",
                   help="worker processes sharing the port (default 1; one per core serves the most requests)")
    add_overlay(p, help="an overlay applied to every request, e.g. a council's policy file (repeatable)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="origin allowed to call the API from a browser, or '*' (repeatable)")
    p.add_argument("--max-body-bytes", type=positive_int, default=None, metavar="BYTES",
                   help="largest request body accepted (413 above; default 256 KiB)")
    p.add_argument("--max-depth", type=positive_int, default=None, metavar="LEVELS",
                   help="deepest JSON nesting accepted (400 above; default 32)")
    p.add_argument("--no-widget", action="store_true", help="do not serve the widget at /widget/")
    p.add_argument("--selfassess", metavar="CONFIG", default=None,
                   help="also serve the online financial self-assessment at /self-assessment/, configured by this "
                   "council configuration file (needs the selfassess extra; see careact selfassess example-config)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"],
                   help="how much the server logs (default info; 'warning' turns the access log off)")
    p.set_defaults(run=_serve)


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a port number") from None
    if not 0 < n < 65536:
        raise argparse.ArgumentTypeError(f"{n} is not a port number (1 to 65535)")
    return n



def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..server.app import CONFIG_ENV, ServerConfig, create_app
    except ImportError as exc:
        print(f"careact serve needs the server extra ({exc.name} is missing): pip install 'careact[server]'",
              file=sys.stderr)
        return 5
    config = ServerConfig(overlays=tuple(args.overlay), cors_origins=tuple(args.cors_origin),
                          max_body_bytes=args.max_body_bytes, max_depth=args.max_depth, widget=not args.no_widget,
                          selfassess=args.selfassess)
    app = create_app(**config.app_kwargs())  # a bad overlay stops the server here, before any worker starts
    if args.selfassess:
        try:
            from ..selfassess import ConfigError, with_selfassess

            with_selfassess(app, args.selfassess)  # likewise a bad council configuration
        except ImportError as exc:
            print(f"careact serve --selfassess needs the selfassess extra ({exc.name} is missing): "
                  "pip install 'careact[selfassess]'", file=sys.stderr)
            return 5
        except ConfigError as exc:
            print(f"careact serve: {args.selfassess}: {exc}", file=sys.stderr)
            return 2
        print(f"careact: serving the self-assessment on http://{args.host}:{args.port}/self-assessment/",
              file=sys.stderr)
    print(f"careact: serving the API on http://{args.host}:{args.port}/v1/ and the widget on "
          f"http://{args.host}:{args.port}/widget/ ({args.workers} worker{'s' if args.workers > 1 else ''})",
          file=sys.stderr)
    os.environ[CONFIG_ENV] = json.dumps(config.as_dict())
    uvicorn.run("careact.server.app:app_from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level=args.log_level, access_log=args.log_level in ("info", "debug"),
                loop="auto", http="auto")
    return 0
