"""Start-up: `make serve` from process start to a green `/healthz`, against the one-chart Dash
app under the same gunicorn settings; and the store commands' start (`app.py history`, `app.py
import --dry-run`): wall time against a bare interpreter, and whether they import Dash or Plotly
(`python -X importtime`). Run: `python -m bench.bench_start`.

BENCH_STARTS (default 3) alternating starts of each server; 3 runs of each command. Target
(issue 10): store commands start without importing Dash. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.support import (
    ROOT,
    env_int,
    make_serve,
    median,
    ms,
    one_chart_app,
    record,
    scratch,
    seeded_store,
    server_env,
)

HEAVY = ("dash", "plotly", "pandas", "flask", "kaleido")


def cold_starts(folder: Path, url: str, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from process start to a 200, alternating: `make serve`, the one-chart app."""
    ours, baseline = [], []
    for _ in range(runs):
        for times, start in ((ours, make_serve), (baseline, one_chart_app)):
            server = start(url, folder) if start is make_serve else start(folder)
            times.append(server.started)
            server.stop()
    return ours, baseline


def wall(command: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    return times


def imported(command: list[str], env: dict) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """Which of HEAVY the command imports (cumulative seconds each), and its slowest top-level
    imports (`python -X importtime`)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    heavy, top = {}, []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        _, cumulative, raw_name = line.split("|")
        name, cumulative = raw_name.strip(), cumulative.strip()
        if not cumulative.isdigit():
            continue  # the header line
        seconds = int(cumulative) / 1e6
        if name in HEAVY:
            heavy[name] = seconds
        if len(raw_name) - len(raw_name.lstrip(" ")) == 3:  # "| " + one level: not nested
            top.append((name, seconds))
    return heavy, sorted(top, key=lambda item: -item[1])[:4]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--starts", type=int, default=env_int("BENCH_STARTS", 3))
    args = parser.parse_args(argv)
    folder = scratch()
    url = seeded_store(folder)
    ours, baseline = cold_starts(folder, url, args.starts)
    ratio = median(ours) / median(baseline)
    print(f"cold start to 200, {args.starts} alternating starts each (medians):")
    print(
        f"  make serve -> /healthz:           {ms(median(ours))} (runs: {', '.join(ms(t) for t in ours)})"
    )
    print(f"  one-chart Dash app (gunicorn) -> /: {ms(median(baseline))}")
    print(f"  ratio {ratio:.2f}x")
    record(
        "start",
        "make serve -> green /healthz",
        f"{ms(median(ours))} ({ratio:.2f}x the one-chart app)",
    )

    from bench.bench_load import synthetic_import

    env = server_env(url)
    csv_file = synthetic_import(url, folder)
    commands = {
        "app.py history": [sys.executable, "app.py", "history"],
        "app.py import --dry-run": [sys.executable, "app.py", "import", str(csv_file), "--dry-run"],
    }
    bare = median(wall([sys.executable, "-c", "pass"], os.environ.copy(), 3))
    print(f"store commands, wall time (median of 3; a bare `python -c pass` takes {ms(bare)}):")
    for name, command in commands.items():
        took = median(wall(command, env, 3))
        heavy, top = imported(command, env)
        names = ", ".join(f"{k} {ms(v)}" for k, v in heavy.items()) or "none"
        verdict = "met" if "dash" not in heavy else "NOT met"
        print(f"  {name:<24} {ms(took)} ({took / bare:.1f}x bare); of {', '.join(HEAVY)}: {names}")
        print(f"    slowest imports: {', '.join(f'{k} {ms(v)}' for k, v in top)}")
        record(
            "start",
            f"{name} wall time",
            f"{ms(took)}; Dash imported: {'yes' if 'dash' in heavy else 'no'} ({verdict})",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
