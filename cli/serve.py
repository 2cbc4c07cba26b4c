"""`python app.py serve`: the dashboard on the development server."""

from __future__ import annotations

import argparse

from eaeu.config import Settings


def add_serve_parser(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="run the dashboard (development server)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--debug",
        action="store_true",
        help="hot reload and the debug panel (`make dev`; never in production)",
    )
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from app import create_app  # the factory stays in app.py, the gunicorn entry point

    settings = Settings.load(host=args.host, port=args.port, debug=args.debug)
    app = create_app(settings)
    # The Werkzeug debugger runs code from the browser: only ever on for `make dev`.
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0
