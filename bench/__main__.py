"""`python -m bench [NAME ...]`: run every bench/bench_*.py module's main() in turn (or only
those named, e.g. `python -m bench load click`), then print a summary table."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from bench.support import print_summary


def main(names: list[str]) -> int:
    failed = 0
    began = time.perf_counter()
    for path in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        if names and path.stem.removeprefix("bench_") not in names:
            continue
        print(f"== {path.stem} ==", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{path.stem}")
        failed += 1 if module.main([]) else 0
        print(f"({path.stem}: {time.perf_counter() - started:.0f} s)", flush=True)
        print(flush=True)
    print_summary()
    print(f"make bench: {time.perf_counter() - began:.0f} s in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
