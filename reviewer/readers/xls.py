"""Read forms from legacy Excel workbooks (.xls, the binary format before 2007) through xlrd.

Older templates and systems still hand out .xls files. xlrd (pure Python, 2.x reads .xls only)
gives each cell's value and its number format; a cell becomes the text Excel shows, as in the
.xlsx reader, and each sheet's rows go through the same grid reader. A merged range holds its
value in its first cell, the cells it covers are blank. A hidden sheet, and the rows and columns
a sheet hides, are not read (the forms read say so). An encrypted or damaged workbook is one
error naming the file.
"""

from __future__ import annotations

import io
import re

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.cellformat import display
from reviewer.readers.files import read_bytes
from reviewer.readers.grid import library_error
from reviewer.readers.tabular import Grid
from reviewer.readers.xlsx import PrintArea, Sheet, hidden_warnings, outside_warnings, read_sheets


def read(path: str, data: bytes | None = None) -> list[Form]:
    book = _open(data if data is not None else read_bytes(path), path)
    try:
        areas = _print_areas(book)
        sheets = (sheet_grid(book, sheet, areas.get(index)) for index, sheet in enumerate(book.sheets()))
        return read_sheets(sheets, path, "xls")
    finally:
        book.release_resources()


def _open(data: bytes, path: str):
    import xlrd  # only .xls files pay for it

    try:
        # formatting_info: the number formats, which make 1430.8 print as "1,430.80"; the log
        # (xlrd's warnings about a sloppy writer) is not the user's business.
        return xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
    except Exception as error:
        if isinstance(error, xlrd.XLRDError) and "encrypted" in str(error).lower():
            raise InputError(
                path, "a password-protected .xls workbook: save an unprotected copy as .xlsx and read that"
            ) from None
        raise library_error(path, "not a readable .xls workbook (damaged?); save it again as .xlsx", error) from None


def _print_areas(book) -> dict[int, PrintArea]:
    """Each sheet's print area (the built-in name Print_Area), by the sheet's index."""
    areas: dict[int, PrintArea] = {}
    for name in book.name_obj_list:
        result = name.result
        if not (name.builtin and name.name == "Print_Area" and result is not None and isinstance(result.value, list)):
            continue
        # Ref3D coords: first and past-last sheet, row and column, from 0.
        ranges = [
            (rows + 1, rows_end, columns + 1, columns_end)
            for _, _, rows, rows_end, columns, columns_end in (ref.coords for ref in result.value)
        ]
        text = re.sub(r"[^,!]*!", "", result.text or "").replace("$", "")
        areas[name.scope] = PrintArea(text, ranges)
    return areas


def sheet_grid(book, sheet, area: PrintArea | None = None) -> Sheet:
    """The sheet's non-empty rows as (row number, shown text of each cell), leaving out the rows
    and columns it hides and the cells outside its print ``area``; none when the sheet is hidden
    (xlrd's visibility: 1 hidden, 2 very hidden)."""
    if sheet.visibility:
        return Sheet(sheet.name, [], hidden=True)
    unread = {column for column, info in sheet.colinfo_map.items() if info.hidden}
    hidden_columns, outside_columns = set(unread), set()
    if area is not None:
        inside = {column for _, _, left, right in area.ranges for column in range(left - 1, right)}
        outside_columns = set(range(sheet.ncols)) - inside - unread
        unread |= outside_columns
    grid: Grid = []
    hidden_rows: list[int] = []
    outside_rows: list[int] = []
    hidden_with_text: set[int] = set()
    outside_with_text: set[int] = set()
    for number in range(sheet.nrows):
        cells = [_shown(book, cell) for cell in sheet.row(number)]
        if not any(text.strip() for text in cells):
            continue
        info = sheet.rowinfo_map.get(number)
        if info is not None and info.hidden:
            hidden_rows.append(number + 1)
            continue
        if area is not None and not any(top <= number + 1 <= bottom for top, bottom, _, _ in area.ranges):
            outside_rows.append(number + 1)
            continue
        hidden_with_text |= _with_text(cells, hidden_columns)
        outside_with_text |= _with_text(cells, outside_columns)
        visible = [text for column, text in enumerate(cells) if column not in unread]
        grid.extend([(number + 1, visible)] if any(text.strip() for text in visible) else [])
    warnings = hidden_warnings(hidden_rows, hidden_with_text) + outside_warnings(area, outside_rows, outside_with_text)
    return Sheet(sheet.name, grid, warnings=warnings)


def _with_text(cells: list[str], columns: set[int]) -> set[int]:
    """The columns (numbered from 1) among ``columns`` (from 0) where the row has text."""
    return {column + 1 for column in columns if column < len(cells) and cells[column].strip()}


def _shown(book, cell) -> str:
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return display(bool(value))
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            return display(xlrd.xldate_as_datetime(value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return display(value)
    return display(value, _format(book, cell))


def _format(book, cell) -> str:
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None and cell.xf_index < len(book.xf_list) else None
    number_format = book.format_map.get(xf.format_key) if xf is not None else None
    return number_format.format_str if number_format is not None else "General"
