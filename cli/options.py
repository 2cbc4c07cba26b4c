"""What every command shares: the store options, and the settings and repository they open."""

from __future__ import annotations

import argparse

from eaeu.config import Settings
from eaeu.repository import Repository, open_repository


def store_options() -> argparse.ArgumentParser:
    """A parent parser: which store a command reads or writes, and what seeds an empty one."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="default: $DATABASE_URL or instance/eaeu.sqlite3")
    common.add_argument(
        "--data-dir",
        help="shipped tables that seed an empty store (default: $EAEU_DATA_DIR or data/)",
    )
    return common


def settings(args: argparse.Namespace) -> Settings:
    return Settings.load(
        data_dir=getattr(args, "data_dir", None),
        database_url=getattr(args, "database_url", None),
        editor=getattr(args, "editor", None),
        public_url=getattr(args, "public_url", None),
    )


def repository(args: argparse.Namespace) -> Repository:
    """The same store the dashboard serves, opened the one way every reader opens it."""
    return open_repository(settings(args))
