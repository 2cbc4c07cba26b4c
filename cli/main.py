"""The one parser every command hangs on; bad data prints located problems, never a traceback."""

from __future__ import annotations

import argparse

import cli
from cli.export import add_export_parser
from cli.serve import add_serve_parser, run_serve
from cli.store import add_store_parsers
from eaeu.model import DataError, format_problems


def build_parser(prog: str = "app.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=cli.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command")
    add_serve_parser(commands)
    add_store_parsers(commands)
    add_export_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "handler"):
        return run_serve(argparse.Namespace(host=None, port=None, debug=False))
    try:
        return args.handler(args)
    except DataError as exc:  # e.g. shipped CSV files that no longer validate
        print(format_problems(exc.problems))
        return 1
