"""`python app.py export`: charts or the figure-of-the-week card to PNG/SVG/PDF files, or a
tab's export pack, one warm browser."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from cli.options import repository, settings, store_options
from eaeu import queries
from eaeu.charts import CHART_IDS
from eaeu.export.card import CARD_PRESETS, CardOptions, card_file_name, render_card
from eaeu.export.options import FORMATS, PART_NAMES, PRESET_NAMES, ExportError, ExportOptions
from eaeu.export.pack import export_pack
from eaeu.export.renderer import export_batch
from eaeu.filenames import pack_name
from eaeu.i18n import LANGS
from eaeu.model import DataError
from eaeu.view import DEFAULT_INDICATOR, ViewState

PACK_TABS = ("indicators", "missions", "table")


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    """Register `export`; choices are checked in run_export so bad input is one line, exit 1."""
    parser = subparsers.add_parser(
        "export",
        parents=[store_options()],
        help="write charts or the figure-of-the-week card as PNG, SVG or PDF files",
        description="Export charts as images, e.g. "
        "`python app.py export --chart growth --period 2024-09 --lang ru --format png`, "
        "or the figure of the week as a social card: "
        "`python app.py export --card --preset square --lang ru`.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--chart", help=f"one of: {', '.join(CHART_IDS)}")
    which.add_argument("--all", action="store_true", help="every chart")
    which.add_argument(
        "--card",
        action="store_true",
        help=f"the current figure of the week as a social card (--preset {', '.join(CARD_PRESETS)}; "
        "default square, at scale 1: the networks' own pixel sizes)",
    )
    which.add_argument(
        "--pack",
        metavar="TAB",
        help=f"the export pack of a tab ({', '.join(PACK_TABS)}): every chart of it at article "
        "size as PNG and SVG, its data, alt texts and SOURCES.txt; needs --public-url",
    )
    parser.add_argument("--indicator", default="", help="indicator id (default: the first)")
    parser.add_argument("--period", default="", help="period key like 2024-09 (default: latest)")
    parser.add_argument(
        "--span",
        default="",
        help="the trend's period length: ytd-6 (January-June), year, quarter, month "
        "(default: the length with the most years)",
    )
    parser.add_argument("--snapshot", default="", help="missions snapshot date, e.g. 2026-01-26")
    parser.add_argument("--countries", help="comma-separated codes for the trend chart")
    parser.add_argument("--lang", default="ru", help=f"one of: {', '.join(LANGS)}")
    parser.add_argument(
        "--preset",
        help=f"one of: {', '.join(PRESET_NAMES)} (default article); for --card: "
        f"{', '.join(CARD_PRESETS)}",
    )
    parser.add_argument("--width", type=int, help="pixels, with --preset custom")
    parser.add_argument("--height", type=int, help="pixels, with --preset custom")
    parser.add_argument("--scale", type=int, help="1, 2 or 3 (default 2; 1 for --card)")
    parser.add_argument(
        "--format",
        default="png",
        dest="fmt",
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}",
    )
    parser.add_argument("--note", default="", help="a note printed above the source line")
    parser.add_argument("--no-title", action="store_true")
    parser.add_argument("--no-subtitle", action="store_true")
    parser.add_argument("--no-source", action="store_true")
    parser.add_argument("--no-logo", action="store_true")
    parser.add_argument("--out", default="exports", help="output folder (default: exports/)")
    parser.add_argument(
        "--public-url",
        help="the site's address for the links a pack writes (default: $PUBLIC_URL)",
    )
    parser.set_defaults(handler=run_export)
    return parser


class UsageError(ValueError):
    pass


def _pack_site(args) -> str:
    """The tab is known and the links will be absolute: the command line has no request to
    take the site's address from, so it is given or read from PUBLIC_URL."""
    if args.pack not in PACK_TABS:
        raise UsageError(f"unknown tab {args.pack!r}; expected one of {', '.join(PACK_TABS)}")
    site = settings(args).public_url
    if site is None:
        raise UsageError("a pack links to the site: give --public-url URL or set PUBLIC_URL")
    return site


def _write_pack(args, ds, view: ViewState, site: str) -> Path:
    view = replace(view, tab=args.pack)
    content = export_pack(ds, view, view.lang, site=site)
    path = Path(args.out) / pack_name(view.resolve(ds))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


# What a chart's view, frame or pack is made of: the card shows the current figure of the week,
# framed as it is, so these say nothing about it.
CHART_ONLY = ("indicator", "period", "span", "snapshot", "countries", "width", "height", "note",
              "no_title", "no_subtitle", "no_source", "no_logo", "public_url")  # fmt: skip


def _write_card(args) -> Path:
    given = [name for name in CHART_ONLY if getattr(args, name) not in (None, "", False)]
    if given:
        option = "--" + given[0].replace("_", "-")
        raise UsageError(f"{option} does not apply to --card (it shows the current figure)")
    options = CardOptions(  # bad values are OptionErrors naming the allowed ones
        preset=args.preset or "square", fmt=args.fmt.lower(), lang=args.lang, scale=args.scale or 1
    )
    card, content = render_card(repository(args).current(), options)
    path = Path(args.out) / card_file_name(card, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def _charts(args) -> list[str]:
    if args.all:
        return list(CHART_IDS)
    if not args.chart:
        raise UsageError("say which chart: --chart NAME, --all, --card or --pack TAB")
    if args.chart not in CHART_IDS:
        raise UsageError(f"unknown chart {args.chart!r}; expected one of {', '.join(CHART_IDS)}")
    return [args.chart]


def _view(args, ds) -> ViewState:
    if args.lang not in LANGS:
        raise UsageError(f"unknown language {args.lang!r}; expected one of {', '.join(LANGS)}")
    if args.indicator and args.indicator not in set(ds.observations["indicator"]):
        known = ", ".join(sorted(set(ds.observations["indicator"])))
        raise UsageError(f"unknown indicator {args.indicator!r}; expected one of {known}")
    countries = None
    if args.countries is not None:
        countries = tuple(c.strip().upper() for c in args.countries.split(",") if c.strip())
    return ViewState(
        lang=args.lang,
        indicator=args.indicator or DEFAULT_INDICATOR,
        period=args.period,
        snapshot=args.snapshot,
        countries=countries,
        span=args.span,
    )


def _check_exists(requested: ViewState, resolved: ViewState, ds) -> None:
    """A period, length or snapshot the data does not have is an error, never a silent
    fallback to another one: a script would publish the wrong figure and exit 0."""
    if requested.period and requested.period != resolved.period:
        keys = [p.key for p in queries.periods(ds, resolved.indicator)]
        raise UsageError(
            f"no period {requested.period!r} for {resolved.indicator}; "
            f"expected one of {', '.join(keys)}"
        )
    if requested.span and requested.span != resolved.span:
        keys = [s.key for s in queries.spans(ds, resolved.indicator)]
        raise UsageError(
            f"no period length {requested.span!r} for {resolved.indicator}; "
            f"expected one of {', '.join(keys)}"
        )
    if requested.snapshot and requested.snapshot != resolved.snapshot:
        dates = [d.isoformat() for d in queries.snapshot_dates(ds)]
        raise UsageError(f"no snapshot {requested.snapshot!r}; expected one of {', '.join(dates)}")


def _options(args, charts: list[str], view: ViewState) -> list[ExportOptions]:
    parts = [part for part in PART_NAMES if not getattr(args, f"no_{part}")]
    return [
        ExportOptions.from_choices(
            chart_id,
            view,
            preset=args.preset,
            width=args.width,
            height=args.height,
            scale=args.scale,
            fmt=args.fmt,
            parts=parts,
            note=args.note,
        )  # fmt: skip
        for chart_id in charts
    ]


def run_export(args) -> int:
    """Write the files and print their paths; a bad request is one line on stderr and exit 1."""
    try:
        paths = [_write_card(args)] if args.card else _write_charts(args)
    except (UsageError, ValueError, ExportError, DataError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"error: {message}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


def _write_charts(args) -> list[Path]:
    charts = [] if args.pack else _charts(args)
    site = _pack_site(args) if args.pack else ""
    ds = repository(args).current()  # the data the site shows, uploads included
    requested = _view(args, ds)
    resolved = requested.resolve(ds)
    _check_exists(requested, resolved, ds)
    if args.pack:
        return [_write_pack(args, ds, requested, site)]
    return export_batch(ds, _options(args, charts, requested), Path(args.out))
