"""Entry points: `create_app` and `create_server` (for gunicorn: `app:create_server()`), and
the command line.

`python app.py COMMAND ...` runs the command line in cli/ (serve, import, history, rollback,
editor add, export); see `python app.py --help`. The factory lives in components/server.py
and is imported only when an app is made: store commands never import Dash.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dash
    from flask import Flask

    from eaeu.config import Settings


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the Dash app; the store is opened and checked now, so bad data fails at start-up."""
    from components.server import create_app as build

    return build(settings)


def create_server() -> Flask:
    """Entry point for gunicorn: `gunicorn 'app:create_server()'` (called in each worker,
    after the fork, so no database connection is shared between processes)."""
    return create_app().server


if __name__ == "__main__":
    from cli.main import main

    sys.exit(main())
