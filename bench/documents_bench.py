"""Time the Word and PDF readers: the import of python-docx and pdfplumber; `reviewer check` on one
.docx form and on a three-page PDF, start-up included, as a person runs it; a batch of 100 PDF
forms checked with --jobs; PDF pages per second in a warm process; and measure what the PDF-text
reader reads of a PDF with no ruled table, from pdfplumber's text with and without layout=True.

    python bench/documents_bench.py [--runs 5] [--jobs 2]

Each cold figure is the median wall time of RUNS fresh processes, what a person waits for, with
the median CPU time (user + system, the process and its workers) beside it: on a shared machine
the wall time varies twice over, the CPU time much less. An import is shown beyond the
interpreter's own startup. The fixtures are those of tests/documents (make_documents.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "documents"
sys.path.insert(0, str(ROOT))


def cold(code: str, runs: int) -> float:
    """Median wall time of a fresh interpreter running ``code``."""
    return timed([sys.executable, "-c", code], runs)[0]


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU time (user + system of the process and its children) of ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def check_command(*args: str) -> list[str]:
    """`reviewer check ARGS`, as the installed command runs it."""
    reviewer = shutil.which("reviewer", path=os.path.dirname(sys.executable))
    return [reviewer, "check", *args] if reviewer else [sys.executable, "-m", "reviewer", "check", *args]


def batch_of_pdfs(folder: Path, count: int = 100) -> int:
    """``count`` one-form PDFs (tests/documents/mof_pdf_mof2020.pdf, one page); the forms in them."""
    for i in range(count):
        shutil.copy(DOCUMENTS / "mof_pdf_mof2020.pdf", folder / f"form{i:03}.pdf")
    return count


def three_pages(source: Path, target: Path) -> None:
    import pypdfium2  # comes with pdfplumber

    pdf = pypdfium2.PdfDocument(str(source))
    out = pypdfium2.PdfDocument.new()
    out.import_pages(pdf, [0, 1, 2])
    out.save(str(target))


def pages_per_second() -> tuple[int, float]:
    import pdfplumber

    from reviewer.readers.pdf import document_grid

    pages, elapsed = 0, 0.0
    for path in sorted(DOCUMENTS.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
        start = time.perf_counter()
        document_grid(str(path))
        elapsed += time.perf_counter() - start
    return pages, elapsed


def text_fallback() -> None:
    """What the PDF-text reader reads of a PDF with no ruled table (plain_003.pdf: the first three
    forms of seed 003), from pdfplumber's text with and without layout=True."""
    import json
    from decimal import Decimal

    from reviewer.form.serialize import dumps
    from reviewer.readers.pdf import pdf_text
    from reviewer.readers.pdftext import read

    def canonical(forms: list) -> list[dict]:
        return json.loads(
            dumps({"forms": forms}),
            parse_float=Decimal,
            object_hook=lambda d: {k: v for k, v in d.items() if k not in ("line", "source")},
        )["forms"]

    golden = canonical(
        json.loads((ROOT / "golden" / "parse" / "003_caa427bb58be876f.json").read_text("utf-8"), parse_float=Decimal)[
            "forms"
        ][:3]
    )
    path = str(DOCUMENTS / "plain_003.pdf")
    for layout in (False, True):
        start = time.perf_counter()
        forms = canonical(read(pdf_text(path, layout), path))
        elapsed = time.perf_counter() - start
        same = {
            part: sum(g[part] == f[part] for g, f in zip(golden, forms))
            for part in ("project", "funds", "goals", "indicators", "total")
        }
        rows = sum(a == b for g, f in zip(golden, forms) for a, b in zip(g["indicators"], f["indicators"]))
        print(
            f"PDF text, layout={layout!s:<5}            {elapsed:6.2f} s; of {len(golden)} forms as golden: "
            + ", ".join(f"{k} {v}" for k, v in same.items())
            + f"; indicator rows {rows}/{sum(len(g['indicators']) for g in golden)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    runs = options.runs
    base = cold("pass", runs)
    print(f"python startup                      {base:6.3f} s")
    for module in ("docx", "pdfplumber"):
        print(f"import {module:<28} {cold(f'import {module}', runs) - base:6.3f} s (beyond startup)")
    readers = cold("import reviewer.readers", runs) - base
    print(f"import reviewer.readers             {readers:6.3f} s (beyond startup)")
    docx = DOCUMENTS / "mof_pdf_mof2020.docx"
    wall, cpu = timed(check_command(str(docx)), runs)
    print(f"reviewer check one .docx form       {wall:6.3f} s  (CPU {cpu:.3f} s; {docx.name})")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "three_pages.pdf"
        three_pages(DOCUMENTS / "shanghai_003.pdf", pdf)
        wall, cpu = timed(check_command(str(pdf)), runs)
        print(f"reviewer check a 3-page PDF         {wall:6.3f} s  (CPU {cpu:.3f} s; shanghai_003.pdf, pages 1-3)")
        folder = Path(tmp) / "batch"
        folder.mkdir()
        forms = batch_of_pdfs(folder)
        for jobs in sorted({1, options.jobs}):
            wall, cpu = timed(check_command(str(folder), "--format", "json", "--jobs", str(jobs)), 1)
            print(
                f"reviewer check {forms} PDF forms -j{jobs}   {wall:6.2f} s  {forms / wall:5.1f} forms/s "
                f"(CPU {cpu:.2f} s, {cpu / forms:.3f} s a form)"
            )
    pages, elapsed = pages_per_second()
    print(f"PDF grid, warm                      {pages / elapsed:6.1f} pages/s ({pages} pages in {elapsed:.2f} s)")
    text_fallback()


if __name__ == "__main__":
    main()
