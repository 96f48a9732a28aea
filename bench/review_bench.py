"""How long `reviewer review` takes against an endpoint with a fixed latency, and how big
its prompts are.

    python bench/review_bench.py [--latency 0.3] [--concurrency 8]

Runs `review` over both seeds against the test endpoint of tests/llmserver.py answering every
request after ``--latency`` seconds, once per concurrency, with the cache off. With N items
the wall time should be about N ÷ concurrency × latency, not N × latency. Also prints the
size of the prompt of every task in characters (the endpoint's token counts depend on the
model's tokenizer; the llama.cpp script in bench/ reports real ones).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.llmserver import FakeEndpoint  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    options = parser.parse_args()

    from reviewer.config import Config
    from reviewer.llm.backends.openai_compatible import OpenAIBackend, Settings
    from reviewer.llm.review import plan_form, review_forms
    from reviewer.readers import read_forms

    forms = [f for seed in sorted((ROOT / "golden" / "seeds").glob("*.txt")) for f in read_forms(str(seed))]
    jobs = [job for form in forms for job in plan_form(form, Config(), "review", False, 200)[1]]
    sizes: dict[str, list[int]] = {}
    for job in jobs:
        sizes.setdefault(job.task, []).append(sum(len(m["content"]) for m in job.messages))
    for task, chars in sizes.items():
        print(
            f"prompt of {task:15s} {len(chars):3d} items, median {statistics.median(chars):6.0f} characters, "
            f"largest {max(chars)}"
        )
    with FakeEndpoint(delay=options.latency) as endpoint, tempfile.TemporaryDirectory():
        for concurrency in options.concurrency:
            settings = Settings(model="bench", base_url=endpoint.url, api_key="bench", concurrency=concurrency)
            backend = OpenAIBackend(settings, cache_enabled=False)
            start = time.perf_counter()
            review_forms(forms, Config(), backend, "review")
            elapsed = time.perf_counter() - start
            ideal = len(jobs) / concurrency * options.latency
            print(
                f"concurrency {concurrency:2d}: {len(jobs)} items in {elapsed:5.2f} s "
                f"(items ÷ concurrency × latency = {ideal:5.2f} s; one at a time would be "
                f"{len(jobs) * options.latency:5.2f} s), {endpoint.most_in_flight} in flight at most"
            )
            endpoint.most_in_flight = 0


if __name__ == "__main__":
    main()
