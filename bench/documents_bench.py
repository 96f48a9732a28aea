"""Time the Word and PDF readers: the import of lxml (the Word reader's), python-docx (a writer's)
and pdfplumber; `reviewer check` on one .docx form and on a three-page PDF, start-up included, as
a person runs it; a batch of 100 PDF forms checked with --jobs; Word forms and PDF pages per
second in a warm process; and measure what is read of a PDF with no ruled table (pdfplumber's
text with and without layout=True) and of poppler's pdftotext text of every fixture PDF (default,
-layout, -raw), against the forms they were written from.

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


def word_forms_per_second(runs: int) -> tuple[int, float]:
    """Every Word fixture read in this process, the fastest of ``runs`` passes after a first that
    imports the readers: the forms read, and the CPU seconds the pass took."""
    from reviewer.readers import read_forms

    paths = [str(path) for path in sorted(DOCUMENTS.glob("*.docx"))]
    forms = sum(len(read_forms(path)) for path in paths)
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for path in paths:
            read_forms(path)
        best = min(best, time.process_time() - start)
    return forms, best


def text_fallback() -> None:
    """What is read of a PDF with no ruled table (plain_003.pdf: the first three forms of seed 003):
    pdfplumber's text in reading order by the PDF-text reader, and its layout text by the reader of
    laid-out text (what reviewer does)."""
    from reviewer.readers.layout import read_pdf_text
    from reviewer.readers.pdf import pdf_text
    from reviewer.readers.pdftext import read

    path = str(DOCUMENTS / "plain_003.pdf")
    for layout, reader in ((False, read), (True, read_pdf_text)):
        start = time.perf_counter()
        forms = reader(pdf_text(path, layout), path)
        elapsed = time.perf_counter() - start
        module = reader.__module__.rsplit(".", 1)[1]
        print(f"PDF text, layout={layout!s:<5} ({module:<8}) {elapsed:5.2f} s; {_as_golden(forms, 'plain_003.pdf')}")


def _as_golden(forms: list, name: str) -> str:
    """How much of the forms is what the fixture was written from: whole forms and indicator rows."""
    import json
    from decimal import Decimal

    from tests.documents.expected import canonical, expected_json

    layout = Path(name).stem.split("_", 1)[0]
    expected = json.loads(expected_json(name), parse_float=Decimal)["forms"]
    for form in forms:
        form.warnings = []
    for form in expected:
        form["warnings"] = []
    got = json.loads(canonical(forms, layout), parse_float=Decimal)["forms"]
    whole = sum(g == e for g, e in zip(got, expected))
    rows = sum(a == b for g, e in zip(got, expected) for a, b in zip(g["indicators"], e["indicators"]))
    total = sum(len(e["indicators"]) for e in expected)
    return f"forms {whole}/{len(expected)} as written, indicator rows {rows}/{total}"


def pdftotext_variants() -> None:
    """What is read of poppler's pdftotext text of every fixture PDF, in its three modes."""
    from reviewer.errors import InputError
    from reviewer.readers import read_forms

    if shutil.which("pdftotext") is None:
        print("pdftotext not found (apt-get install poppler-utils): its text not measured")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for mode, options in (("default", []), ("-layout", ["-layout"]), ("-raw", ["-raw"])):
            read_ok, results = 0, []
            pdfs = sorted(DOCUMENTS.glob("*.pdf"))
            for pdf in pdfs:
                text = Path(tmp) / f"{pdf.stem}{mode}.txt"
                subprocess.run(["pdftotext", *options, str(pdf), str(text)], check=True)
                try:
                    results.append(f"{pdf.stem}: {_as_golden(read_forms(str(text)), pdf.name)}")
                    read_ok += 1
                except InputError:
                    results.append(f"{pdf.stem}: not read (one error)")
            print(f"pdftotext {mode:<8} {read_ok}/{len(pdfs)} files read")
            for line in results:
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    runs = options.runs
    base = cold("pass", runs)
    print(f"python startup                      {base:6.3f} s")
    for module in ("lxml.etree", "docx", "pdfplumber"):
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
    forms, elapsed = word_forms_per_second(runs)
    print(f"Word forms, warm                    {forms / elapsed:6.1f} forms/s ({forms} forms in {elapsed:.2f} s CPU)")
    pages, elapsed = pages_per_second()
    print(f"PDF grid, warm                      {pages / elapsed:6.1f} pages/s ({pages} pages in {elapsed:.2f} s)")
    text_fallback()
    pdftotext_variants()


if __name__ == "__main__":
    main()
