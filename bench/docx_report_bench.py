"""Time the Word report: `reviewer check FILE.docx -o OUT.docx` in a cold process (read, check,
read the document again for its cells, write the comments, save), beside `reviewer check
FILE.docx` printing text; and, in a warm process, writing the report of a nine-form document
(the copy with comments) and of nine text forms (the standard layout).

    python bench/docx_report_bench.py [--runs 5]

Each figure is the median wall time of RUNS runs. The document is tests/documents/mof_003.docx
(the nine forms of seed 003, MoF order), the text golden/seeds/003_caa427bb58be876f.txt.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "tests" / "documents" / "mof_003.docx"
TEXT = ROOT / "golden" / "seeds" / "003_caa427bb58be876f.txt"
sys.path.insert(0, str(ROOT))


def median(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-m", "reviewer", *args], cwd=ROOT, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    import reviewer
    from reviewer.reports.docx import write_documents

    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "审核.docx")
        print(f"cold check FILE.docx (text)        {median(command('check', str(DOCUMENT)), runs):6.2f} s")
        print(f"cold check FILE.docx -o OUT.docx   {median(command('check', str(DOCUMENT), '-o', out), runs):6.2f} s")
        print(f"cold report FILE.docx -o OUT.docx  {median(command('report', str(DOCUMENT), '-o', out), runs):6.2f} s")
        copy = reviewer.check(DOCUMENT)
        print(f"warm write: copy, 9 forms          {median(lambda: write_documents(copy, out), runs):6.2f} s")
        text = reviewer.check(TEXT)
        print(f"warm write: standard layout, 9     {median(lambda: write_documents(text, out), runs):6.2f} s")


if __name__ == "__main__":
    main()
