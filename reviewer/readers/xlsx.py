"""Read forms from Excel workbooks (.xlsx), the templates agencies fill in.

Every cell is turned into the text Excel shows for it (a number through its number format:
1430.8 under ``#,##0.00`` is "1,430.80"), and each sheet's rows go through the tab-separated
reader's table logic, so a workbook is read exactly as its copied table text would be. A merged
range holds its text in its first cell and leaves the others empty, as a copied table does.
Sheets with no 项目名称 (a summary, instructions) are passed over; a workbook with no form at all,
or a sheet whose form the reader cannot follow, is an error naming the file and the sheet.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.files import open_file
from reviewer.readers.segment import form_spans
from reviewer.readers.tabular import Grid, read_grid

# The number formats a form's cells use: 0, 0.00, #,##0.00, 0%, 0.00% (first section only).
_FORMAT = re.compile(r"^(#,##)?0(?:\.(0+))?(%)?$")
_PRINTED_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%)?$")


def display(value: object, number_format: str = "General") -> str:
    """The text Excel shows for a cell's value under its number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value, number_format)
    return str(value)


def _number_text(value: int | float | Decimal, number_format: str) -> str:
    # repr gives the shortest text that reads back as the same float: what was typed, not its
    # binary expansion (98.97, not 98.9699999999999989).
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    match = _FORMAT.match(number_format.split(";")[0].strip())
    if match is None:  # General, or a format a form's numbers do not use
        return _general(number)
    grouped, decimals, percent = match.groups()
    if percent:
        number *= 100
    places = len(decimals or "")
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if grouped else f"{rounded:.{places}f}"
    return text + ("%" if percent else "")


def _general(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def as_number(text: str) -> tuple[Decimal, str] | None:
    """The value and number format that make Excel show ``text`` exactly, if it is a plain number
    ("1,430.80", "100%", "8.50"); None for anything else, or for what a binary float would change."""
    match = _PRINTED_NUMBER.match(text)
    if match is None:
        return None
    decimals, percent = match.groups()
    number_format = (
        ("#,##0" if "," in text else "0") + (f".{'0' * len(decimals)}" if decimals else "") + ("%" if percent else "")
    )
    try:
        value = Decimal(text.replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None
    if percent:
        value /= 100
    if display(float(value), number_format) != text:
        return None
    return value, number_format


def read(path: str, data: bytes | None = None) -> list[Form]:
    """The forms of a workbook: the file ``path``, or its bytes ``data`` (an upload)."""
    with open_file(path, data) as file:
        book = _load(file, path)
        try:
            return read_sheets(((sheet.title, sheet_grid(sheet)) for sheet in book.worksheets), path, "xlsx")
        finally:
            book.close()


def _load(file, path: str):
    import openpyxl  # a cold import of a second: only workbooks pay for it

    try:
        # A file object, not the name: openpyxl would refuse a workbook saved as .XLSX or .zip.
        # read_only streams the rows (a merged range's value is in its first cell either way);
        # data_only: a formula cell is read as the value Excel last computed and saved.
        return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise InputError(path, "not a readable .xlsx workbook (corrupt or not a zip file)") from None
    except Exception as error:
        raise InputError(path, f"not a readable .xlsx workbook ({type(error).__name__}: {error})") from None


def read_sheets(sheets: Iterable[tuple[str, Grid]], path: str, reader: str) -> list[Form]:
    """The forms of a workbook's sheets, (title, grid) each; a form's source is ``book[sheet]``."""
    forms: list[Form] = []
    for title, grid in sheets:
        if not form_spans(["\t".join(cells) for _, cells in grid]):
            continue
        try:
            found = read_grid(grid, f"{path}[{title}]", reader)
        except InputError as error:
            row = f" row {error.line}" if error.line else ""
            raise InputError(path, f"sheet {title!r}{row}: {error.message}") from None
        forms.extend(found)
    if not forms:
        raise InputError(path, "no form found: no sheet has a 项目名称 row")
    return forms


def sheet_grid(sheet) -> Grid:
    """The sheet's non-empty rows as (row number, shown text of each cell)."""
    grid: Grid = []
    sheet.reset_dimensions()  # the size a workbook stores may be wrong: take the rows as they are
    for number, row in enumerate(sheet.iter_rows(), 1):
        cells = [display(cell.value, getattr(cell, "number_format", None) or "General") for cell in row]
        if any(text.strip() for text in cells):
            grid.append((number, cells))
    return grid
