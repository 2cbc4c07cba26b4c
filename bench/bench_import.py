"""Import benchmark: a 100,000-row xlsx through parse + validate + store commit, against
`pd.read_excel(engine="openpyxl")` on the same file. Run: `python -m bench.bench_import`.

The file is SYNTHETIC: real indicator and country codes, made-up monthly periods (years
1000-2388) and values. Each side runs in its own fresh process, so peak memory
(ru_maxrss) is its own; both include the interpreter and pandas.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.support import record

ROWS = 100_000
TARGET_TIME, TARGET_MEMORY = 0.15, 1.5


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_ours(path: Path, url: str) -> dict:
    from eaeu.imports.summary import PreviewSummary
    from eaeu.imports.workflow import commit_import, preview_import
    from eaeu.store import Store

    store = Store(url)
    store.current_version()  # connect outside the timing, as a running server would be
    data = path.read_bytes()
    start = time.perf_counter()
    outcome = preview_import(store, data, path.name)
    previewed = time.perf_counter()
    if not outcome.plan.ok:
        raise SystemExit("\n".join(PreviewSummary.of(outcome).lines()[:20]))
    commit_import(store, outcome, editor="bench")
    done = time.perf_counter()
    if not outcome.committed:
        raise SystemExit("\n".join(PreviewSummary.of(outcome).lines()[:20]))
    return {
        "seconds": done - start,
        "preview_seconds": previewed - start,
        "commit_seconds": done - previewed,
        "rows": len(outcome.plan.parsed.rows),
        "peak_mb": peak_mb(),
    }


def run_pandas(path: Path) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl")
    return {"seconds": time.perf_counter() - start, "rows": len(frame), "peak_mb": peak_mb()}


def phases(path: Path, url: str) -> dict:
    """Where the time goes (one process, after the measured runs): parse, validate, store."""
    from eaeu.dataset import build_dataset
    from eaeu.imports.parse import parse_upload
    from eaeu.imports.plan import plan_import
    from eaeu.store import Store

    store = Store(url)
    current = store.load_raw()
    data = path.read_bytes()
    timings = {}
    start = time.perf_counter()
    parsed = parse_upload(data, path.name, current)
    timings["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    plan = plan_import(current, parsed)
    timings["plan incl. build_dataset"] = time.perf_counter() - start
    start = time.perf_counter()
    build_dataset(plan.apply())
    timings["build_dataset alone"] = time.perf_counter() - start
    return timings


def child(args: list[str]) -> dict:
    """Run one side in a fresh interpreter; it prints one JSON line."""
    command = [sys.executable, "-m", "bench.bench_import", "--child", *args]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def make_file(path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.corpus import large_long_xlsx

    path.write_bytes(large_long_xlsx(ROWS))


def seed_store(url: str) -> None:
    from eaeu.config import DEFAULT_DATA_DIR
    from eaeu.dataset import read_tables
    from eaeu.store import Store

    Store(url).initialise(read_tables(DEFAULT_DATA_DIR))


def median_run(runs: list[dict]) -> dict:
    """The run with the median time (its memory figure comes with it)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3, help="runs of each side (median)")
    args = parser.parse_args(argv)
    if args.child:
        side, path, *rest = args.child
        sides = {
            "ours": lambda: run_ours(Path(path), rest[0]),
            "pandas": lambda: run_pandas(Path(path)),
            "phases": lambda: phases(Path(path), rest[0]),
        }
        print(json.dumps(sides[side]()))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic_100k.xlsx"
        started = time.perf_counter()
        make_file(path)
        print(
            f"SYNTHETIC file: {ROWS} rows, {path.stat().st_size / 1e6:.1f} MB "
            f"(made in {time.perf_counter() - started:.1f} s)"
        )
        # Both sides run several times, alternating, each in a fresh process (and ours on a
        # fresh store): medians keep one noisy run on a shared machine from deciding the ratio.
        ours_runs, reference_runs = [], []
        for run in range(args.runs):
            url = f"sqlite:///{Path(tmp) / f'bench{run}.sqlite3'}"
            seed_store(url)
            ours_runs.append(child(["ours", str(path), url]))
            reference_runs.append(child(["pandas", str(path)]))
        seed_store(f"sqlite:///{Path(tmp) / 'phases.sqlite3'}")
        split = child(["phases", str(path), f"sqlite:///{Path(tmp) / 'phases.sqlite3'}"])
    ours, reference = median_run(ours_runs), median_run(reference_runs)
    print("runs, ours:   " + ", ".join(f"{r['seconds']:.2f} s" for r in ours_runs))
    print("runs, pandas: " + ", ".join(f"{r['seconds']:.2f} s" for r in reference_runs))
    time_ratio = ours["seconds"] / reference["seconds"]
    memory_ratio = ours["peak_mb"] / reference["peak_mb"]
    record(
        "import", "100k rows: time / memory vs pandas", f"{time_ratio:.2f}x / {memory_ratio:.2f}x"
    )
    print(
        f"ours (median)  parse+validate+commit: {ours['seconds']:.2f} s "
        f"(preview {ours['preview_seconds']:.2f} s, commit {ours['commit_seconds']:.2f} s), "
        f"peak {ours['peak_mb']:.0f} MB, {ours['rows']} rows"
    )
    print(
        f"pandas (median) read_excel(openpyxl): {reference['seconds']:.2f} s, "
        f"peak {reference['peak_mb']:.0f} MB, {reference['rows']} rows"
    )
    print("phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()))
    print(
        f"time ratio {time_ratio:.2f}x (target <= {TARGET_TIME}x): "
        f"{'met' if time_ratio <= TARGET_TIME else 'NOT met'}"
    )
    print(
        f"memory ratio {memory_ratio:.2f}x (target <= {TARGET_MEMORY}x): "
        f"{'met' if memory_ratio <= TARGET_MEMORY else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
