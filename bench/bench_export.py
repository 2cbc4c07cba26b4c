"""Export benchmark: a PNG from the warm renderer against plain `fig.write_image` (which starts
a browser for every call), in the same run, plus a batch of 10 charts.
Run: `python -m bench.bench_export` (or `make bench` for every benchmark).

Targets: warm <= 0.1x of cold per chart; a batch of 10 under 2.5 s. Printed, never asserted:
timings depend on the machine (and on whatever else it is running).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.support import record

TARGET_RATIO, TARGET_BATCH = 0.1, 2.5
PAUSE = 0.3  # between "one at a time" renders, as between clicks in the export panel


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def warm_times(renderer, fig, size: tuple[int, int], runs: int, pause: float) -> list[float]:
    """A used tab reloads in the background; back-to-back renders wait for it, paused ones not."""
    width, height = size
    times = []
    for _ in range(runs):
        time.sleep(pause)
        times.append(timed(lambda: renderer.render_figure(fig, "png", width, height, 2)))
    return times


def cold_times(fig, size: tuple[int, int], runs: int, folder: Path) -> list[float]:
    """plotly's own path without a server: one fresh Chromium per image."""
    import plotly.io as pio

    pio.defaults.mathjax = None  # the CDN is unreachable offline
    width, height = size
    path = folder / "cold.png"
    return [
        timed(lambda: fig.write_image(path, width=width, height=height, scale=2))
        for _ in range(runs)
    ]


def per_chart(ds, renderer, runs: int) -> dict[str, float]:
    from eaeu.charts import CHART_IDS
    from eaeu.export.layout import export_figure
    from eaeu.export.options import ExportOptions
    from eaeu.view import ViewState

    medians = {}
    for chart_id in CHART_IDS:
        options = ExportOptions(chart_id, ViewState())
        fig = export_figure(ds, options)
        medians[chart_id] = statistics.median(warm_times(renderer, fig, options.size, runs, PAUSE))
    return medians


def batch_options():
    from eaeu.charts import CHART_IDS
    from eaeu.export.options import ExportOptions
    from eaeu.view import ViewState

    return [ExportOptions(c, ViewState(lang=lang)) for lang in ("ru", "en") for c in CHART_IDS]


def report(warm: list[float], paused: list[float], cold: list[float], args) -> None:
    warm_each, paused_each = statistics.median(warm), statistics.median(paused)
    cold_each = statistics.median(cold)
    print("growth chart, 1200x675 PNG at 2x (2400x1350 px), medians:")
    print(f"  warm, back to back:   {warm_each:.3f} s per PNG ({args.runs} runs)")
    print(f"  warm, one at a time:  {paused_each:.3f} s per PNG ({args.runs} runs)")
    print(f"  fig.write_image cold: {cold_each:.3f} s per PNG ({args.cold_runs} runs)")
    ratio = warm_each / cold_each
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    record("export", "warm / cold PNG", f"{ratio:.3f}x ({verdict})")
    print(
        f"ratio warm/cold {ratio:.3f}x back to back, {paused_each / cold_each:.3f}x one at a "
        f"time (target <= {TARGET_RATIO}x): {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="warm renders to time (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold renders (default 3)")
    args = parser.parse_args(argv)

    from eaeu.config import DEFAULT_DATA_DIR
    from eaeu.dataset import load_dataset
    from eaeu.export.layout import export_figure
    from eaeu.export.options import ExportOptions
    from eaeu.export.renderer import Renderer, export_batch
    from eaeu.view import ViewState

    ds = load_dataset(DEFAULT_DATA_DIR)
    options = ExportOptions("growth", ViewState())
    fig = export_figure(ds, options)
    renderer = Renderer()
    try:
        start = timed(lambda: renderer.render_figure(fig, "png", *options.size, 2))
        warm = warm_times(renderer, fig, options.size, args.runs, 0)
        paused = warm_times(renderer, fig, options.size, args.runs, PAUSE)
        charts = per_chart(ds, renderer, 3)
        batch = batch_options()
        with tempfile.TemporaryDirectory() as tmp:
            batch_seconds = timed(lambda: export_batch(ds, batch, Path(tmp) / "batch", renderer))
            cold = cold_times(fig, options.size, args.cold_runs, Path(tmp))
    finally:
        renderer.close()

    report(warm, paused, cold, args)
    print(f"browser start + first render (once per process): {start:.2f} s")
    print("one at a time, by chart: " + ", ".join(f"{k} {v:.3f} s" for k, v in charts.items()))
    record("export", f"batch of {len(batch)} PNG", f"{batch_seconds:.2f} s")
    print(
        f"batch of {len(batch)} charts (5 charts x RU/EN, PNG 2x, warm): {batch_seconds:.2f} s, "
        f"{batch_seconds / len(batch):.3f} s each (target < {TARGET_BATCH} s): "
        f"{'met' if batch_seconds < TARGET_BATCH else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
