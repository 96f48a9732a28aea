"""Time the Word and PDF readers: the import of python-docx and pdfplumber, reading one .docx form
and one three-page PDF in a cold process (as `reviewer check FILE` does), and PDF pages per second
in a warm one; and measure what the PDF-text reader reads of a PDF with no ruled table, from
pdfplumber's text with and without layout=True.

    python bench/documents_bench.py [--runs 5]

Each cold figure is the median wall time of RUNS fresh interpreters, what a person waits for;
an import is shown beyond the interpreter's own startup. The fixtures are those of
tests/documents (tests/documents/make_documents.py).
"""

from __future__ import annotations

import argparse
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
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    runs = parser.parse_args().runs
    read = "from reviewer.readers import read_forms; read_forms({!r})"
    base = cold("pass", runs)
    print(f"python startup                      {base:6.3f} s")
    for module in ("docx", "pdfplumber"):
        print(f"import {module:<28} {cold(f'import {module}', runs) - base:6.3f} s (beyond startup)")
    readers = cold("import reviewer.readers", runs) - base
    print(f"import reviewer.readers             {readers:6.3f} s (beyond startup)")
    docx = DOCUMENTS / "mof_pdf_mof2020.docx"
    print(f"read one .docx form, cold           {cold(read.format(str(docx)), runs):6.3f} s  ({docx.name})")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "three_pages.pdf"
        three_pages(DOCUMENTS / "shanghai_003.pdf", pdf)
        print(
            f"read a 3-page PDF, cold             {cold(read.format(str(pdf)), runs):6.3f} s  "
            "(first 3 pages of shanghai_003.pdf, 2 forms)"
        )
    pages, elapsed = pages_per_second()
    print(f"PDF grid, warm                      {pages / elapsed:6.1f} pages/s ({pages} pages in {elapsed:.2f} s)")
    text_fallback()


if __name__ == "__main__":
    main()
