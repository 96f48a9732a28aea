"""How long `reviewer parse` takes on both seed files, start-up included.

    python bench/parse_bench.py [--runs 15]

Prints the minimum, median and maximum wall time of the whole command over several runs
(the minimum is the least disturbed by other load on the machine), and the time spent in
reading alone, measured in-process. The target is well under 0.5 s for the whole command.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "golden" / "seeds").glob("*.txt"))


def command() -> list[str]:
    exe = shutil.which("reviewer")
    return [exe] if exe else [sys.executable, "-m", "reviewer"]


def wall_times(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    for label, args in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("reviewer --version", [*command(), "--version"]),
        ("reviewer parse <both seeds>", [*command(), "parse", *SEEDS]),
    ):
        times = wall_times(args, runs)
        print(
            f"{label:30s} min {min(times) * 1000:6.0f} ms   median {statistics.median(times) * 1000:6.0f} ms"
            f"   max {max(times) * 1000:6.0f} ms"
        )

    from reviewer.form.serialize import dumps
    from reviewer.readers import read_forms

    start = time.perf_counter()
    forms = [form for seed in SEEDS for form in read_forms(seed)]
    read = time.perf_counter()
    dumps({"forms": forms})
    done = time.perf_counter()
    print(
        f"in-process, first call: read {len(forms)} forms {(read - start) * 1000:.0f} ms, "
        f"write JSON {(done - read) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
