"""Time to first chart in Chromium: from navigation to the first Plotly chart with a drawn
trace, for `/` and `/embed/growth` under `make serve`, against the smallest Dash app a user
could write (bench/one_chart_app.py: one dcc.Graph with a bar figure in its layout), started
here with the same gunicorn settings. Runs alternate (baseline, `/`, embed, baseline...), each
in a fresh browser context (an empty cache: a new reader). Run: `python -m bench.bench_first_chart`.

BENCH_RUNS (default 7) runs of each. Targets (issue 10): `/` <= 1.0x the one-chart app,
the embed <= 0.8x. Printed as medians and ratios, never asserted.
"""

from __future__ import annotations

import argparse
import sys

from bench.support import baseline, chromium, dashboard, env_int, median, ms, record

TARGETS = {"/": 1.0, "/embed/growth": 0.8}

# Installed before any page script: the moment a chart has a trace in its SVG (a bar, a line,
# a heatmap image, a map marker), in ms since navigation started.
FIRST_CHART_JS = """
(() => {
  const drawn = () => document.querySelector(
    '.js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .hm image');
  const observer = new MutationObserver(() => {
    if (window.__firstChart === undefined && drawn()) {
      window.__firstChart = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, {childList: true, subtree: true});
})();
"""

# Where the time went, from the page's own timings (ms since navigation).
PHASES_JS = """
() => {
  const chart = window.__firstChart;
  const nav = performance.getEntriesByType('navigation')[0];
  const before = performance.getEntriesByType('resource').filter(r => r.responseEnd <= chart);
  const end = (entries) => entries.length ? Math.max(...entries.map(r => r.responseEnd)) : 0;
  const plotly = before.filter(r => /plotly[^/]*\\.js/.test(r.name));
  return {
    html: nav.responseEnd,
    scripts: end(before.filter(r => r.initiatorType === 'script' && !/async-/.test(r.name))),
    layout: end(before.filter(r => r.name.includes('/_dash-layout'))),
    callbacks: before.filter(r => r.name.includes('/_dash-update-component')).length,
    last_callback: end(before.filter(r => r.name.includes('/_dash-update-component'))),
    plotly: plotly.map(r => r.name.split('/').pop().split('?')[0]).join(' '),
    plotly_bytes: plotly.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0),
    chart: chart,
  };
}
"""


def first_chart(browser, url: str) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FIRST_CHART_JS)
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__firstChart !== undefined", timeout=60000)
        return page.evaluate(PHASES_JS)
    finally:
        context.close()


def phases_line(runs: list[dict]) -> str:
    keys = ("html", "scripts", "layout", "last_callback", "chart")
    parts = [f"{k} {median([r[k] for r in runs]):,.0f}" for k in keys]
    calls = median([r["callbacks"] for r in runs])
    return f"ms since navigation (medians): {', '.join(parts)}; callbacks before it: {calls:g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=env_int("BENCH_RUNS", 7))
    args = parser.parse_args(argv)
    app, one_chart = dashboard(), baseline()
    targets = {"one-chart Dash app": one_chart.url + "/"}
    targets |= {path: app.url + path for path in TARGETS}
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    with chromium() as browser:
        first_chart(browser, app.url + "/")  # warm the server's caches and the disk, untimed
        first_chart(browser, one_chart.url + "/")
        for _ in range(args.runs):
            for name, url in targets.items():
                runs[name].append(first_chart(browser, url))
    base = median([r["chart"] for r in runs["one-chart Dash app"]])
    print(f"navigation -> first drawn chart, {args.runs} alternating runs each, fresh context:")
    for name, results in runs.items():
        times = [r["chart"] for r in results]
        plotly = results[0]["plotly"] or "none"
        line = f"  {name:<20} median {median(times):,.0f} ms (min {min(times):,.0f}, max {max(times):,.0f})"
        if name in TARGETS:
            ratio = median(times) / base
            verdict = "met" if ratio <= TARGETS[name] else "NOT met"
            line += f", {ratio:.2f}x the one-chart app (target <= {TARGETS[name]}x): {verdict}"
            record("first chart", f"{name} / one-chart app", f"{ratio:.2f}x ({verdict})")
        print(line)
        print(f"    {phases_line(results)}")
        print(
            f"    plotly.js loaded: {plotly} ({results[0]['plotly_bytes'] / 1e6:.2f} MB transferred)"
        )
    record("first chart", "one-chart app (median)", f"{base:,.0f} ms")
    for name in TARGETS:
        record(
            "first chart", f"{name} (median)", ms(median([r["chart"] for r in runs[name]]) / 1000)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
