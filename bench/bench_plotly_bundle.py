"""The partial plotly.js (assets/plotly-partial.min.js) against the full one Dash would serve:
bytes (raw and gzip), and the time Chromium takes to parse, compile and run each as a page
loads it (an inline script inserted into a blank page, timed around the insertion with
performance.now(); each run in a fresh context, the source made unique so V8 caches nothing).
Run: `python -m bench.bench_plotly_bundle`. BENCH_RUNS (default 5 here) alternating runs of each.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from bench.support import ROOT, chromium, env_int, median, record

PARTIAL = ROOT / "assets" / "plotly-partial.min.js"

EVALUATE_JS = """
code => {
  const script = document.createElement('script');
  script.textContent = code;
  const began = performance.now();
  document.head.appendChild(script);  // an inline script runs as it is inserted
  const took = performance.now() - began;
  return {ms: took, ok: typeof window.Plotly === 'object' && typeof Plotly.newPlot === 'function'};
}
"""


def full_bundle() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def evaluate(browser, code: str, run: int) -> float:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><html><head></head><body></body></html>")
        result = page.evaluate(EVALUATE_JS, f"/* run {run} */\n{code}")
        if not result["ok"]:
            raise RuntimeError("the bundle did not define Plotly")
        return result["ms"]
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=env_int("BENCH_RUNS", 5))
    args = parser.parse_args(argv)
    bundles = {"full (Dash's)": full_bundle(), "partial (assets/)": PARTIAL}
    code = {name: path.read_text(encoding="utf-8") for name, path in bundles.items()}
    times: dict[str, list[float]] = {name: [] for name in bundles}
    with chromium() as browser:
        for run in range(args.runs + 1):
            for name in bundles:
                took = evaluate(browser, code[name], run)
                if run:  # the first is a warm-up (disk, browser start)
                    times[name].append(took)
    print(f"plotly.js {args.runs} alternating runs each, parse + compile + run in Chromium:")
    for name, path in bundles.items():
        raw = path.stat().st_size
        packed = len(gzip.compress(path.read_bytes()))
        print(
            f"  {name:<18} {raw / 1e6:5.2f} MB ({packed / 1e6:.2f} MB gzip): "
            f"median {median(times[name]):.0f} ms (min {min(times[name]):.0f}, max {max(times[name]):.0f})"
        )
    full, partial = (median(times[name]) for name in bundles)
    sizes = [path.stat().st_size for path in bundles.values()]
    print(
        f"  partial / full: {sizes[1] / sizes[0]:.2f}x the bytes, {partial / full:.2f}x the time ({full - partial:.0f} ms saved)"
    )
    record(
        "plotly.js",
        "partial / full bytes",
        f"{sizes[1] / 1e6:.2f} / {sizes[0] / 1e6:.2f} MB ({sizes[1] / sizes[0]:.2f}x)",
    )
    record(
        "plotly.js",
        "partial / full parse+run",
        f"{partial:.0f} / {full:.0f} ms ({partial / full:.2f}x)",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
