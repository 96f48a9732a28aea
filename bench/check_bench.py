"""How fast `reviewer check` is: one form from a cold start, and batches of thousands.

    python bench/check_bench.py [--sizes 1000 5000 10000] [--runs 5]

The batches are canonical JSON files (as `reviewer parse` writes them) of N forms made from the
12 seed forms, each copy with its own project name and, on one row in fifty, a lower score: real
forms with a few more deductions than the seeds have.
For every size it prints the wall time of the whole command (start-up included) and the
forms per second; the time should grow linearly with N. Targets: one form in under 0.3 s,
2,000 forms/s or more at 10,000 forms.
"""

from __future__ import annotations

import argparse
import copy
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "golden" / "seeds").glob("*.txt"))


def command() -> list[str]:
    exe = shutil.which("reviewer")
    return [exe] if exe else [sys.executable, "-m", "reviewer"]


def seed_forms() -> list[dict]:
    from reviewer.form.serialize import plain
    from reviewer.readers import read_forms

    return [plain(form) for seed in SEEDS for form in read_forms(seed)]


def make_batch(templates: list[dict], size: int, rng: random.Random) -> dict:
    """``size`` forms cycling through the seed forms, each renamed, one row in fifty scored lower."""
    forms = []
    for i in range(size):
        form = copy.deepcopy(templates[i % len(templates)])
        form["project"] = f"{form['project']}-{i:05d}"
        for row in form["indicators"]:
            if row.get("score") is not None and rng.random() < 0.02:
                row["score"] = max(Decimal(0), row["score"] - Decimal(rng.randint(1, 20)) / 10)
        forms.append(form)
    return {"forms": forms}


def write_batch(path: Path, batch: dict) -> None:
    from reviewer.form.serialize import dumps

    path.write_text(dumps(batch), encoding="utf-8")  # pretty canonical JSON, as `reviewer parse` writes


def timed(args: list[str], runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run; CPU is user + system time of the command and its workers.
    The CPU time of the same work swings with the machine's speed, so it tells a slow machine
    from slow code."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    rng = random.Random(7)
    templates = seed_forms()
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.json"
        write_batch(one, make_batch(templates, 1, rng))
        calibration = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000
        print(
            f"machine speed: sum(range(1000)) takes {calibration * 1e6:.1f} µs (the machine this was "
            "written on varies between 14 and 28 µs with its load)"
        )
        baseline = [wall for wall, _ in timed([sys.executable, "-c", "pass"], options.runs * 3)]
        single = [wall for wall, _ in timed([*command(), "check", str(one), "--format", "json"], options.runs * 3)]
        print(f"python start-up           min {min(baseline):6.3f} s  median {statistics.median(baseline):6.3f} s")
        print(f"check 1 form (cold start) min {min(single):6.3f} s  median {statistics.median(single):6.3f} s")
        previous: tuple[int, float] | None = None
        for size in options.sizes:
            path = Path(folder) / f"batch-{size}.json"
            write_batch(path, make_batch(templates, size, rng))
            runs = timed([*command(), "check", str(path), "--format", "json"], options.runs)
            times = [wall for wall, _ in runs]
            best, cpu = min(runs)
            marginal = (
                f"  {(best - previous[1]) / (size - previous[0]) * 1000:.3f} ms per added form" if previous else ""
            )
            print(
                f"check {size:6d} forms        min {best:6.3f} s  median {statistics.median(times):6.3f} s"
                f"  → {size / best:7.0f} forms/s (CPU {cpu:.2f} s){marginal}"
            )
            previous = (size, best)


if __name__ == "__main__":
    main()
