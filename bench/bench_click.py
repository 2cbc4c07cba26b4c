"""Click -> chart drawn: period changes on the indicators tab under `make serve`, timed inside
the page from the select's `change` event to `plotly_afterplot` on the growth chart, and the
callback requests each change sends. Run: `python -m bench.bench_click`.

BENCH_CLICKS (default 30) changes, cycling through every period the select offers. Target
(issue 10): p95 <= 100 ms. Printed as percentiles, never asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from bench.support import Traffic, chromium, dashboard, env_int, median, percentile, record
from components.ids import PERIOD

TARGET_P95 = 100.0
GROWTH = "[data-chart='growth'] .js-plotly-plot"

WATCH_CHANGES_JS = """
id => document.addEventListener('change', e => {
  if (e.target.id === id) window.__changedAt = performance.now();
}, true)
"""

# The next plotly_afterplot of the growth chart (null after 30 s: the chart was not redrawn).
ARM_JS = """
selector => {
  const gd = document.querySelector(selector);
  window.__drawn = new Promise(resolve => {
    gd.once('plotly_afterplot', () => resolve(performance.now()));
    setTimeout(() => resolve(null), 30000);
  });
}
"""
# From the change to the chart drawn, and where the time went: in the page before the
# callback request left (clientside callbacks), the request (server and network), and after
# its answer (Dash's renderer and plotly.js drawing).
ELAPSED_JS = """
() => window.__drawn.then(t => {
  if (t === null) return null;
  const sent = performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/_dash-update-component') && e.startTime >= window.__changedAt);
  const first = sent[0], last = sent[sent.length - 1];
  return {
    total: t - window.__changedAt,
    before: first ? first.startTime - window.__changedAt : null,
    request: first ? last.responseEnd - first.startTime : null,
    after: first ? t - last.responseEnd : null,
  };
})
"""
PHASES = {
    "before": "in the page before the request (clientside callbacks)",
    "request": "the callback request (server and network)",
    "after": "after the answer (Dash renderer, plotly.js drawing)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=env_int("BENCH_CLICKS", 30))
    args = parser.parse_args(argv)
    app = dashboard()
    times: list[float] = []
    phases: dict[str, list[float]] = {name: [] for name in PHASES}
    per_click: list[int] = []
    outputs: Counter[str] = Counter()
    missed = 0
    with chromium() as browser:
        page = browser.new_page()
        traffic = Traffic(page)
        page.goto(app.url + "/")
        page.wait_for_selector(f"{GROWTH} .main-svg .trace", state="attached", timeout=60000)
        traffic.settle(page)
        periods = page.eval_on_selector_all(
            f"#{PERIOD} option", "os => os.filter(o => !o.disabled).map(o => o.value)"
        )
        current = page.eval_on_selector(f"#{PERIOD}", "s => s.value")
        start = periods.index(current) if current in periods else 0
        page.evaluate(WATCH_CHANGES_JS, PERIOD)
        for i in range(args.clicks):
            period = periods[(start + 1 + i) % len(periods)]
            traffic.sent.clear()
            page.evaluate(ARM_JS, GROWTH)
            page.select_option(f"#{PERIOD}", period)
            elapsed = page.evaluate(ELAPSED_JS)
            traffic.settle(page)
            if elapsed is None:
                missed += 1
            else:
                times.append(elapsed["total"])
                for name in PHASES:
                    if elapsed[name] is not None:
                        phases[name].append(elapsed[name])
            per_click.append(len(traffic.sent))
            outputs.update(str((r.post_data_json or {}).get("output")) for r in traffic.sent)
        page.close()
    if not times:
        print(f"the growth chart was never redrawn in {args.clicks} period changes")
        return 1
    p50, p95 = percentile(times, 50), percentile(times, 95)
    verdict = "met" if p95 <= TARGET_P95 else "NOT met"
    print(f"period change -> growth chart drawn, {len(times)} changes over {len(periods)} periods:")
    print(
        f"  p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms (target p95 <= {TARGET_P95:.0f} ms): {verdict}"
    )
    for name, meaning in PHASES.items():
        if phases[name]:
            values = phases[name]
            print(
                f"    {name:8s} p50 {percentile(values, 50):5.0f} ms, "
                f"p95 {percentile(values, 95):5.0f} ms: {meaning}"
            )
    if missed:
        print(f"  {missed} changes did not redraw the growth chart within 30 s")
    print(
        f"  callback requests per change: median {median(per_click):g}, "
        f"min {min(per_click)}, max {max(per_click)}"
    )
    for output, count in outputs.most_common():
        print(f"    {count / args.clicks:4.1f} x {output[:110]}")
    record("click", "period change -> chart p50 / p95", f"{p50:.0f} / {p95:.0f} ms ({verdict})")
    record("click", "callback requests per change", f"{median(per_click):g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
