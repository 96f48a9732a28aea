"""Read forms from comma- or semicolon-separated text (.csv), as Excel and WPS save a sheet.

The csv module's sniffer finds the delimiter and quoting; the rows then go to the grid reader
of ``tabular.py``, as tab-separated text does. Excel writes every row with the same number of
cells, a merged range's text in its first cell, and quotes a cell that holds the delimiter, a
quote or a line break ("1,430.80"; a goal text of two paragraphs): such a cell is one cell, and
the row keeps the line it starts on. A European Excel saves with semicolons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.form.text import squash
from reviewer.readers.tabular import Grid, read_grid
from reviewer.readers.vocabulary import INDICATOR_COLUMNS, field_for_header

DELIMITERS = ",;"
_SAMPLE = 65536  # characters the header row is looked for in: a form's header is near the top
_SNIFFED = 4096  # characters the sniffer reads: its time grows faster than its sample


def read(text: str, path: str) -> list[Form]:
    return read_grid(grid(text, dialect(text) or csv.excel), path, "csv")


def dialect(text: str) -> type[csv.Dialect] | csv.Dialect | None:
    """The dialect in which ``text`` holds an indicator table's header row, if one does: comma
    and semicolon as Excel writes them first, then the sniffer's guess (it is misled by a form's
    prose, where commas are punctuation, and it is slow: every text whose format is detected
    comes here)."""
    sample = text[:_SAMPLE]
    if not any("指标" in line and any(d in line for d in DELIMITERS) for line in sample.splitlines()):
        return None  # no line where a header row could be
    for candidate in (csv.excel, _Semicolon):
        if _has_indicator_header(sample, candidate):
            return candidate
    try:
        sniffed = csv.Sniffer().sniff(sample[:_SNIFFED], delimiters=DELIMITERS)
    except csv.Error:
        return None
    return sniffed if _has_indicator_header(sample, sniffed) else None


class _Semicolon(csv.excel):
    delimiter = ";"


def _has_indicator_header(sample: str, dialect: type[csv.Dialect] | csv.Dialect) -> bool:
    try:
        for _, cells in _rows(sample, dialect):
            if not any("指标" in cell for cell in cells):  # every header row has one; most rows have none
                continue
            headers = {field_for_header(c, INDICATOR_COLUMNS) for c in cells if c and len(squash(c)) <= 20}
            if len(headers - {None}) >= 3:
                return True
    except csv.Error:
        return False
    return False


def grid(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> Grid:
    return list(_rows(text, dialect))


def _rows(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, cells) of every row; a cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1
