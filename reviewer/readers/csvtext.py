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
_SAMPLE = 65536  # characters the dialect is found from: a form's header is near the top


def read(text: str, path: str) -> list[Form]:
    return read_grid(grid(text, dialect(text) or csv.excel), path, "csv")


def dialect(text: str) -> type[csv.Dialect] | csv.Dialect | None:
    """The dialect in which ``text`` holds an indicator table's header row, if one does: the
    sniffer's guess first, then plain comma and semicolon (the sniffer is misled by a form's
    prose, where commas are punctuation)."""
    sample = text[:_SAMPLE]
    candidates: list[type[csv.Dialect] | csv.Dialect] = []
    try:
        candidates.append(csv.Sniffer().sniff(sample, delimiters=DELIMITERS))
    except csv.Error:
        pass
    candidates += [csv.excel, _Semicolon]
    return next((d for d in candidates if _has_indicator_header(sample, d)), None)


class _Semicolon(csv.excel):
    delimiter = ";"


def _has_indicator_header(sample: str, dialect: type[csv.Dialect] | csv.Dialect) -> bool:
    try:
        for _, cells in _rows(sample, dialect):
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
