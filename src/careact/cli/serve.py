"""``careact serve``: run the HTTP API and the ready-reckoner widget with uvicorn (the ``server`` extra)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP API (/v1/...) and the ready-reckoner widget (/widget/)",
        description="Serve careact over HTTP. Needs the server extra: pip install 'careact[server]'.",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--overlay", action="append", default=[], metavar="NAME_OR_FILE",
                   help="overlay applied to every request, e.g. a council's policy file (repeatable)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="origin allowed to call the API from a browser, or '*' (repeatable)")
    p.add_argument("--max-body-bytes", type=int, default=None, help="largest request body accepted (413 above)")
    p.add_argument("--max-depth", type=int, default=None, help="deepest JSON nesting accepted (400 above)")
    p.add_argument("--no-widget", action="store_true", help="do not serve the widget at /widget/")
    p.add_argument("--selfassess", metavar="CONFIG", default=None,
                   help="also serve the online financial self-assessment at /self-assessment/, configured by this "
                   "council configuration file (needs the selfassess extra; see careact selfassess example-config)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(run=_serve)


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..server import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DEPTH, create_app
    except ImportError as exc:
        print(f"careact serve needs the server extra ({exc.name} is missing): pip install 'careact[server]'",
              file=sys.stderr)
        return 5
    app = create_app(
        overlays=args.overlay,
        cors_origins=args.cors_origin,
        max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES,
        max_depth=args.max_depth or DEFAULT_MAX_DEPTH,
        widget=not args.no_widget,
    )
    if args.selfassess:
        try:
            from ..selfassess import ConfigError, with_selfassess

            app = with_selfassess(app, args.selfassess)
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
          f"http://{args.host}:{args.port}/widget/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
