"""Rows of cells taken from a document (a Word table, a PDF's ruled table), ready for the
grid reader of ``tabular.py``.

A document's rows are numbered once, across the whole file, so that a form's ``line`` is one
number as in a text file; each row also keeps where a person finds it ("表2第14行",
"第3页表1第9行"), and errors and warnings name that place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reviewer.errors import InputError
from reviewer.form.model import Form, FundsRow, Indicator, ParseWarning, Total
from reviewer.readers.tabular import FormPlaces, Grid, read_grid


@dataclass
class GridRow:
    line: int  # 1-based, running over the whole document
    cells: list[str]  # a merged cell's text in its first position, "" where it covers
    location: str | None = None


def as_grid(rows: Iterable[GridRow]) -> Grid:
    return [(row.line, row.cells) for row in rows]


def read_rows(rows: list[GridRow], path: str, reader: str, cells: list[FormPlaces] | None = None) -> list[Form]:
    """The forms of a document's rows. Each row read, and each warning, keeps the place of its row
    in the document; an error names it. ``cells`` collects where each form's cells were found."""
    places = {row.line: row.location for row in rows if row.location}
    try:
        forms = read_grid(as_grid(rows), path, reader, cells)
    except InputError as error:
        place = places.get(error.line) if error.line is not None else None
        if place is None:
            raise
        raise InputError(error.path, f"{place}: {error.message}") from None
    for form in forms:
        totals = [form.total] if form.total is not None else []
        located: list[FundsRow | Indicator | Total | ParseWarning] = [
            *(row for _, row in form.funds.rows()),
            *form.indicators,
            *totals,
            *form.warnings,
        ]
        for item in located:
            item.location = places.get(item.line) if item.line is not None else None
    return forms


def library_error(path: str, what: str, error: BaseException) -> InputError:
    """A library's exception as one line naming the file: its messages can span lines."""
    detail = " ".join(str(error).split())[:200]
    return InputError(path, f"{what} ({type(error).__name__}{': ' + detail if detail else ''})")


# Punctuation that Chinese text sets full width although Unicode calls it ambiguous.
_WIDE_EXTRA = set("—…“”‘’≥≤·")


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" or char in _WIDE_EXTRA


_CUT_NUMBER = re.compile(r"\d[.,]$")


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """A cell's paragraphs as one text: no space where either side is Chinese, one elsewhere."""
    text = ""
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if _CUT_NUMBER.search(text) and paragraph[0].isdigit():  # "1,430." + "10": one number
            text += paragraph
            continue
        if text and not (is_wide(text[-1]) or is_wide(paragraph[0])):
            text += " "
        text += paragraph
    return text


_LATIN_END = re.compile(r"[A-Za-z][.,;:!?)]?$")


def join_wrapped(lines: Iterable[str]) -> str:
    """A cell's lines as the PDF wrapped them. A line ends where the cell was full, inside a
    word as often as at a space: "4564.7" + "4万元" is one number, "≥95.00" + "(%)" one value.
    Only a Latin word going on with another word is taken to have lost a space."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if text and _LATIN_END.search(text) and line[0].isascii() and line[0].isalpha():
            text += " "
        text += line
    return text
