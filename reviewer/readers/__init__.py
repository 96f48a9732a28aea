"""Readers: text of any supported layout in, typed forms out.

The reader is chosen by looking at the content, not the file name: a zip file is an Excel
workbook or a Word document, a PDF starts with %PDF-, JSON starts with a brace, YAML with
``forms:``, table text has tab-separated cells, and PDF-extracted text is what remains when it
holds a form's title or 项目名称.
"""

from __future__ import annotations

import re

from collections.abc import Callable
from importlib import import_module

from ..errors import InputError
from ..model import Form
from ..sources import is_pdf, is_zip, read_text, zip_holds

# reader name → (module, function). Imported when first used: a batch of JSON never compiles
# the PDF reader's patterns.
READERS: dict[str, tuple[str, str]] = {
    "json": ("structured", "read_json"),
    "yaml": ("structured", "read_yaml"),
    "tabular": ("tabular", "read"),
    "pdftext": ("pdftext", "read"),
}


def reader_function(name: str) -> Callable[[str, str], list[Form]]:
    module, function = READERS[name]
    return getattr(import_module(f"{__name__}.{module}"), function)


def detect(text: str, path: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "{[" or path.lower().endswith(".json"):
        return "json"
    if re.match(r"(?:---\s*\n)?(?:forms\s*:|-\s+project\s*:|project\s*:)", stripped) or \
            path.lower().endswith((".yaml", ".yml")):
        return "yaml"
    tabbed = [line for line in text.splitlines() if line.count("\t") >= 2]
    if len(tabbed) >= 5 or any("三级指标" in line or "年度指标值" in line for line in tabbed):
        return "tabular"
    if "项目名称" in text or "绩效自评表" in text:
        return "pdftext"
    raise InputError(path, "no form found: not JSON or YAML, and no 项目名称 or 绩效自评表 in the text")


def read_forms_from_text(text: str, path: str, reader: str | None = None) -> list[Form]:
    name = reader or detect(text, path)
    if name not in READERS:
        raise InputError(path, f"unknown reader {name!r}; choose from {', '.join(READERS)}")
    return reader_function(name)(text, path)


# Readers of binary documents, which take a path, not text.
DOCUMENT_READERS = ("xlsx", "docx", "pdf")


def document_reader(path: str, reader: str | None) -> str | None:
    """The reader of a binary document: forced, or found from the file's first bytes (a zip is
    an .xlsx or a .docx, told apart by its parts); None for text."""
    if reader is not None:
        return reader if reader in DOCUMENT_READERS else None
    if is_pdf(path):
        return "pdf"
    if not is_zip(path):
        return None
    return "docx" if zip_holds(path, "word/document.xml", path.lower().endswith(".docx")) else "xlsx"


def read_forms(path: str, reader: str | None = None) -> list[Form]:
    """All forms in one file. Raises InputError naming the file for anything unreadable."""
    document = document_reader(path, reader)
    if document is not None:
        return getattr(import_module(f"{__name__}.{document}"), "read")(path)
    return read_forms_from_text(read_text(path), path, reader)
