"""Store commands: import FILE, history, rollback VERSION, editor add|passwd|remove|list.

Bad input prints the same lines the browser shows, in the language `--lang` asks for, and
exits 1, never with a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from cli.options import repository, settings, store_options
from eaeu.imports.options import Options
from eaeu.imports.summary import PreviewSummary
from eaeu.imports.workflow import import_into
from eaeu.messages import msg, render, version_note
from eaeu.model import format_problems
from eaeu.users import (
    add_editor,
    check_new_editor,
    check_password,
    editor_names,
    remove_editor,
    set_password,
)

# `import` exit codes: 0 saved (or nothing to change, or a clean dry run), 1 refused (errors,
# questions, a source to give), 3 nothing saved because the data changed meanwhile.
STALE = 3


def add_store_parsers(subparsers) -> None:
    """Add the store commands to an argparse sub-parser set; each sets `handler`."""
    common = store_options()
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument(
        "--lang", choices=("ru", "en"), default="en", help="language of the output (default: en)"
    )

    imp = subparsers.add_parser(
        "import", parents=[common, lang], help="import a spreadsheet or CSV"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--mode", choices=("merge", "replace"), default="merge")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")
    imp.add_argument(
        "--based-on",
        type=int,
        metavar="VERSION",
        help="save only if VERSION (the one a --dry-run previewed against) is still the newest",
    )
    imp.add_argument("--note", default="")
    imp.add_argument(
        "--value-form", choices=("growth", "index"), help="values are growth %% or indices"
    )
    imp.add_argument("--indicator", help="indicator id, for a file without an indicator column")
    imp.add_argument("--sheet", help="sheet name (default: the first sheet holding a table)")
    imp.add_argument(
        "--source-name-ru", help="the source's name in Russian, for rows the file gives none"
    )
    imp.add_argument("--source-name-en", help="the source's name in English")
    imp.add_argument(
        "--source-name", help="a source name as written, in Russian or English (letters tell)"
    )
    imp.add_argument("--source-url", help="the link to the source (https://...)")
    imp.add_argument("--no-source-url", action="store_true", help="the source has no link to give")
    imp.add_argument("--source-date", help="the source's publication date (YYYY-MM-DD)")
    imp.add_argument(
        "--editor",
        default=None,
        help="recorded in the history (default: $EAEU_EDITOR or the OS user)",
    )
    imp.set_defaults(handler=run_import)

    history = subparsers.add_parser("history", parents=[common, lang], help="list data versions")
    history.set_defaults(handler=run_history)

    rollback = subparsers.add_parser(
        "rollback", parents=[common, lang], help="save an old version's content as a new version"
    )
    rollback.add_argument("version", type=int)
    rollback.add_argument("--editor", default=None)
    rollback.add_argument("--note", default="")
    rollback.set_defaults(handler=run_rollback)

    editor = subparsers.add_parser("editor", help="manage editors")
    actions = editor.add_subparsers(dest="editor_command", required=True)
    add = actions.add_parser("add", parents=[common], help="add an editor (asks for a password)")
    add.add_argument("name")
    add.set_defaults(handler=run_editor_add)
    passwd = actions.add_parser(
        "passwd",
        parents=[common],
        help="set an editor's password (asks for it); ends their sessions",
    )
    passwd.add_argument("name")
    passwd.set_defaults(handler=run_editor_passwd)
    remove = actions.add_parser(
        "remove", parents=[common], help="remove an editor and end their sessions"
    )
    remove.add_argument("name")
    remove.set_defaults(handler=run_editor_remove)
    listing = actions.add_parser("list", parents=[common], help="list the editors")
    listing.set_defaults(handler=run_editor_list)


def run_import(args: argparse.Namespace) -> int:
    config = settings(args)
    limits, lang = config.limits, args.lang
    try:
        too_big = limits.size_problem(args.file.stat().st_size, args.file.name)
        if too_big:
            print(format_problems([too_big], lang))
            return 1
        data = args.file.read_bytes()
    except OSError as exc:
        print(msg("cli_unreadable", path=str(args.file), error=exc.strerror or str(exc)).text(lang))
        return 1
    store = repository(args).store
    options = Options.given(
        indicator=args.indicator, value_form=args.value_form, sheet=args.sheet,
        source_name_ru=args.source_name_ru, source_name_en=args.source_name_en,
        source_name=args.source_name, source_url=args.source_url,
        no_source_url=args.no_source_url, source_date=args.source_date,
    )  # fmt: skip
    outcome = import_into(
        store, data, args.file.name, editor=config.editor_name, options=options,
        mode=args.mode, note=args.note, dry_run=args.dry_run, limits=limits,
        based_on=args.based_on,
    )  # fmt: skip
    for line in PreviewSummary.of(outcome).lines(lang):
        print(line)
    parsed = outcome.plan.parsed
    for question in parsed.questions:
        option, choices = question.key.replace("_", "-"), "|".join(question.choices)
        print(msg("cli_answer", option=option, choices=choices).text(lang))
    if parsed.missing:
        print(msg("cli_give_source").text(lang))
    if not outcome.plan.ok or outcome.problems:
        return 1
    if outcome.stale_from is not None:
        print(msg("cli_stale_run_again", version=outcome.based_on).text(lang))
        return STALE
    if args.dry_run and not outcome.plan.changes_nothing:
        print(msg("cli_based_on", version=outcome.based_on).text(lang))
    if args.dry_run:
        print(msg("cli_dry_run").text(lang))
    return 0


def run_history(args: argparse.Namespace) -> int:
    store = repository(args).store
    current = store.current_version()
    for info in store.history():
        mark = "*" if info.id == current else " "
        based = f" from v{info.based_on}" if info.based_on else ""
        rows = info.counts.get("observations", 0)
        file = f" {info.file_name}" if info.file_name else ""
        note = render(version_note(info.note), args.lang)
        note = f" - {note}" if note else ""
        print(
            f"{mark} v{info.id}  {info.created_at:%Y-%m-%d %H:%M} UTC  {info.kind}{based}"
            f"  {info.editor or '-'}{file}  {rows} observations{note}"
        )
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    store = repository(args).store
    try:
        info = store.rollback(args.version, settings(args).editor_name, args.note)
    except LookupError as exc:
        print(f"rollback refused: {exc.args[0]}")
        return 1
    print(msg("cli_rolled_back", new=info.id, old=args.version).text(args.lang))
    return 0


def read_password(name: str) -> str:
    """Asked twice on a terminal; read as one line from a pipe (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password for {name}: ")
    if getpass.getpass("Again: ") != first:
        raise ValueError("the passwords differ")
    return first


def run_editor_add(args: argparse.Namespace) -> int:
    store = repository(args).store
    try:
        password = read_password(args.name)
        reasons = check_new_editor(args.name, password)
        if reasons:
            raise ValueError("; ".join(reasons))
        add_editor(store, args.name, password)
    except ValueError as exc:
        print(f"editor not added: {exc}")
        return 1
    print(f"Editor {args.name!r} added.")
    return 0


def run_editor_passwd(args: argparse.Namespace) -> int:
    store = repository(args).store
    try:
        if args.name not in editor_names(store):
            raise LookupError(f"no editor {args.name!r}")
        password = read_password(args.name)
        reasons = check_password(password)
        if reasons:
            raise ValueError("; ".join(reasons))
        set_password(store, args.name, password)
    except (LookupError, ValueError) as exc:
        print(f"password not changed: {exc.args[0]}")
        return 1
    print(f"Password of {args.name!r} changed; their sessions have ended.")
    return 0


def run_editor_remove(args: argparse.Namespace) -> int:
    store = repository(args).store
    try:
        remove_editor(store, args.name)
    except LookupError as exc:
        print(f"editor not removed: {exc.args[0]}")
        return 1
    print(f"Editor {args.name!r} removed; their sessions have ended.")
    return 0


def run_editor_list(args: argparse.Namespace) -> int:
    for name in editor_names(repository(args).store):
        print(name)
    return 0
