"""App factory and command line: `python app.py serve` runs the dashboard."""

from __future__ import annotations

import argparse
import sys

import dash
import dash_bootstrap_components as dbc  # noqa: F401  (registers the component library)
from flask import Flask

from eaeu.config import PROJECT_DIR, Settings
from eaeu.repository import configure


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the Dash app; the data layer is checked now, so bad data fails at start-up."""
    settings = settings or Settings.load()
    configure(settings.data_dir).current()

    from components import page  # noqa: F401  (registers the panels' callbacks)

    app = dash.Dash(
        __name__,
        title="ЕАЭС в цифрах / EAEU in figures",
        assets_folder=str(PROJECT_DIR / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = page.shell
    return app


def create_server() -> Flask:
    """Entry point for gunicorn: `gunicorn 'app:create_server()'`."""
    return create_app().server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="app.py", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="run the dashboard (development server)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--debug", action="store_true", help="local development mode only")
    args = parser.parse_args(argv)
    if args.command in (None, "serve"):
        settings = Settings.load(
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            debug=getattr(args, "debug", False),
        )
        app = create_app(settings)
        app.run(host=settings.host, port=settings.port, debug=settings.debug)
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
