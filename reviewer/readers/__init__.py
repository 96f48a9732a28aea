"""Readers: a file in, typed forms out.

The reader is chosen by looking at the content, not the file name: a zip file is an Excel
workbook or a Word document, a PDF starts with %PDF-, an OLE2 compound file is read when it is
an .xls workbook (and refused with its reason when it is a .doc, .wps or .et), JSON starts with
a brace, YAML with ``forms:``, Excel's XML Spreadsheet 2003 with its Workbook element, a web page
(or a .doc or .xls a web system exported, which is one) with a tag and holds a table, table text
has tab-separated cells, comma- or semicolon-separated text (.csv) has an indicator table's
header row, and PDF-extracted text is what remains when it holds a form's title or 项目名称.
Readers that installed plugins add (entry-point group ``reviewer.readers``) are asked first. A
file's bytes (an upload) are read as the file would be.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from reviewer import plugins
from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.files import (
    OLE2_MAGIC,
    decode,
    file_head,
    is_mime_message,
    ole2_kind,
    read_bytes,
    read_text,
    zip_holds,
)


@dataclass(frozen=True)
class Reader:
    """A plugin's input layout: ``sniff`` says whether a file's bytes are in it, ``read`` reads them."""

    name: str
    read: Callable[[bytes, str], list[Form]]
    sniff: Callable[[bytes, str], bool]


# The built-in text readers: name → (module, function). Imported when first used: a batch of
# JSON never compiles the PDF reader's patterns.
TEXT_READERS: dict[str, tuple[str, str]] = {
    "json": ("canonical", "read_json"),
    "yaml": ("canonical", "read_yaml"),
    "tabular": ("tabular", "read"),
    "csv": ("csvtext", "read"),
    "pdflayout": ("layout", "read"),
    "pdftext": ("pdftext", "read"),
    "html": ("html", "read"),
    "xml2003": ("spreadsheetml", "read"),
}
BUILT_IN = (*TEXT_READERS, "xlsx", "xls", "docx", "pdf")


@cache
def plugin_readers() -> dict[str, Reader]:
    return {name: reader for name, reader in plugins.load("reviewer.readers")}


def reader_names() -> list[str]:
    return [*BUILT_IN, *plugin_readers()]


def text_reader(name: str) -> Callable[[str, str], list[Form]]:
    return getattr(text_reader_module(name), TEXT_READERS[name][1])


def text_reader_module(name: str):
    return import_module(f"{__name__}.{TEXT_READERS[name][0]}")


def detect(text: str, path: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    # Markup, or a MIME message (.mht): only then are the readers of XML workbooks and web pages
    # imported to look closer, which would cost every other text file's check 30 ms.
    if stripped.startswith("<") or is_mime_message(stripped):
        for name in ("xml2003", "html"):
            if text_reader_module(name).looks_like(stripped):
                return name
    if stripped[:1] in "{[" or path.lower().endswith(".json"):
        return "json"
    if re.match(r"(?:---\s*\n)?(?:forms\s*:|-\s+project\s*:|project\s*:)", stripped) or path.lower().endswith(
        (".yaml", ".yml")
    ):
        return "yaml"
    tabbed = [line for line in text.splitlines() if line.count("\t") >= 2]
    if len(tabbed) >= 5 or any("三级指标" in line or "年度指标值" in line for line in tabbed):
        return "tabular"
    if ("," in text or ";" in text) and text_reader_module("csv").dialect(text) is not None:
        return "csv"
    if "项目名称" in text or "绩效自评表" in text:
        return "pdflayout" if text_reader_module("pdflayout").looks_laid_out(text) else "pdftext"
    raise InputError(path, "no form found: not JSON or YAML, and no 项目名称 or 绩效自评表 in the text")


def read_forms_from_text(text: str, path: str, reader: str | None = None) -> list[Form]:
    name = reader or detect(text, path)
    if name not in TEXT_READERS:
        raise InputError(path, f"unknown reader {name!r}; choose from {', '.join(reader_names())}")
    try:
        return text_reader(name)(text, path)
    except InputError as error:
        if name != "pdftext" or reader is not None:
            raise
        # pdftotext's default and -raw text put a table's cells in column or stream order.
        raise InputError(error.path, f"{error.message}{PDF_TEXT_HINT}", error.line) from None


PDF_TEXT_HINT = "; if this is text extracted from a PDF, check the PDF itself, or extract it with pdftotext -layout"


# Readers of binary documents, which take a path (and the file's bytes, when it is an upload).
DOCUMENT_READERS = ("xlsx", "xls", "docx", "pdf")


def document_reader(path: str, reader: str | None, data: bytes | None = None) -> str | None:
    """The reader of a binary document: forced, or found from the file's first bytes (a zip is
    an .xlsx or a .docx, told apart by its parts; an OLE2 file is read when it is an .xls
    workbook); None for text, and for the files ``decode`` refuses with their reason."""
    if reader is not None:
        return reader if reader in DOCUMENT_READERS else None
    head = data[:8] if data is not None else file_head(path)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "xls" if ole2_kind(data if data is not None else read_bytes(path), path) == "xls" else None
    if not head.startswith(b"PK\x03\x04"):
        return None
    source = data if data is not None else path
    return "docx" if zip_holds(source, "word/document.xml", path.lower().endswith(".docx")) else "xlsx"


def read_document(name: str, path: str, data: bytes | None = None) -> list[Form]:
    return import_module(f"{__name__}.{name}").read(path, data)


def plugin_for(path: str, reader: str | None, data: bytes | None = None) -> Reader | None:
    """The plugin reader forced by name, or the first whose sniff takes the file."""
    readers = plugin_readers()
    if reader is not None:
        return readers.get(reader)
    if not readers:
        return None
    data = read_bytes(path) if data is None else data
    return next((r for r in readers.values() if r.sniff(data, path)), None)


def read_forms(path: str, reader: str | None = None) -> list[Form]:
    """All forms in one file. Raises InputError naming the file for anything unreadable."""
    plugin = plugin_for(path, reader)
    if plugin is not None:
        return plugin.read(read_bytes(path), path)
    document = document_reader(path, reader)
    if document is not None:
        return read_document(document, path)
    return read_forms_from_text(read_text(path), path, reader)


def read_forms_from_bytes(data: bytes, path: str, reader: str | None = None) -> list[Form]:
    """All forms in a file's bytes (an upload), read as the file would be; ``path`` names it in
    messages and is the forms' source."""
    plugin = plugin_for(path, reader, data)
    if plugin is not None:
        return plugin.read(data, path)
    document = document_reader(path, reader, data)
    if document is not None:
        return read_document(document, path, data)
    return read_forms_from_text(decode(data, path), path, reader)
