"""App factory and command line.

python app.py serve [--debug]          the dashboard (development server)
python app.py import FILE ...          validate and import a spreadsheet
python app.py history | rollback N     data versions
python app.py editor add NAME          create an editor account
"""

from __future__ import annotations

import argparse
import sys

import dash
from flask import Flask

from eaeu.config import INSTANCE_DIR, PROJECT_DIR, Settings
from eaeu.imports.files import assert_openpyxl_uses_defusedxml
from eaeu.repository import configure
from eaeu.secrets import secret_key


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the Dash app; the store is opened and checked now, so bad data fails at start-up."""
    assert_openpyxl_uses_defusedxml()
    settings = settings or Settings.load()
    repository = configure(settings.data_dir, settings.database_url)
    repository.current()

    from components import auth, page  # registers the panels' callbacks

    app = dash.Dash(
        __name__,
        title="ЕАЭС в цифрах / EAEU in figures",
        assets_folder=str(PROJECT_DIR / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="ru">')
    configure_server(app.server, settings)
    auth.init_auth(app.server, repository.store)
    app.layout = page.shell
    return app


def configure_server(server: Flask, settings: Settings) -> None:
    server.config.update(
        SECRET_KEY=secret_key(INSTANCE_DIR),
        # Uploads arrive base64-encoded inside JSON: a third larger than the file itself.
        MAX_CONTENT_LENGTH=int(settings.max_upload_bytes * 1.4) + 64 * 1024,
        MAX_UPLOAD_BYTES=settings.max_upload_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
    )


def create_server() -> Flask:
    """Entry point for gunicorn: `gunicorn 'app:create_server()'` (called in each worker,
    after the fork, so no database connection is shared between processes)."""
    return create_app().server


def main(argv: list[str] | None = None) -> int:
    from eaeu import export_cli, import_cli

    parser = argparse.ArgumentParser(
        prog="app.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="run the dashboard (development server)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--debug", action="store_true", help="local development mode only")
    serve.set_defaults(handler=run_serve)
    import_cli.add_parsers(commands)
    export_cli.add_export_parser(commands)
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        return run_serve(argparse.Namespace(host=None, port=None, debug=False))
    return args.handler(args)


def run_serve(args: argparse.Namespace) -> int:
    settings = Settings.load(host=args.host, port=args.port, debug=args.debug)
    app = create_app(settings)
    # The Werkzeug debugger runs code from the browser: only ever on for `make run`.
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
