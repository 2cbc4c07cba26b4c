"""`python -m bench`: run every bench/bench_*.py module's main() in turn."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main() -> int:
    failed = 0
    for path in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        print(f"== {path.stem} ==", flush=True)
        module = importlib.import_module(f"bench.{path.stem}")
        failed += 1 if module.main([]) else 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
