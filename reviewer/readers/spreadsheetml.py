"""Read forms from Excel's XML Spreadsheet 2003 (XML 电子表格 2003), which web systems still export,
often named .xls: a workbook as one XML file.

Each worksheet's cells are turned into the text Excel shows (a number through its style's number
format), a merged cell (ss:MergeAcross, ss:MergeDown) holds its text in its first position, and
the sheets go through the workbook reader's ``read_sheets``, as an .xlsx file's do: hidden sheets,
rows and columns are not read, and the forms say so.
"""

from __future__ import annotations

import datetime
import re
from xml.etree import ElementTree

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.cellformat import display
from reviewer.readers.xlsx import Sheet, hidden_warnings, read_sheets

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_X = "{urn:schemas-microsoft-com:office:excel}"
_ROOT = re.compile(r"<(?:\w+:)?Workbook\b")  # <Workbook xmlns=…>, or <ss:Workbook xmlns:ss=…>
# Excel's named formats, as the format codes they stand for.
_NAMED_FORMATS = {
    "General Number": "General",
    "Fixed": "0.00",
    "Standard": "#,##0.00",
    "Percent": "0.00%",
    "Short Date": "yyyy/m/d",
    "General Date": "yyyy/m/d h:mm",
}


def looks_like(text: str) -> bool:
    head = text[:4096]
    return _ROOT.search(head) is not None and "urn:schemas-microsoft-com:office:spreadsheet" in head


def read(text: str, path: str) -> list[Form]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise InputError(path, f"not a readable XML Spreadsheet 2003 workbook (invalid XML: {error})") from None
    formats = {
        style.get(f"{_SS}ID"): number_format.get(f"{_SS}Format", "General")
        for style in root.iter(f"{_SS}Style")
        if (number_format := style.find(f"{_SS}NumberFormat")) is not None
    }
    return read_sheets((_sheet(worksheet, formats) for worksheet in root.iter(f"{_SS}Worksheet")), path, "xml2003")


def _sheet(worksheet, formats: dict[str | None, str]) -> Sheet:
    title = worksheet.get(f"{_SS}Name", "")
    visible = worksheet.findtext(f"{_X}WorksheetOptions/{_X}Visible", "")
    if visible in ("SheetHidden", "SheetVeryHidden"):
        return Sheet(title, [], hidden=True)
    hidden_columns = _hidden_columns(worksheet)
    grid, hidden_rows, unseen_columns = [], [], set()
    covered: dict[int, set[int]] = {}  # by row, the columns a cell merged down from above covers
    number = 0
    for row in worksheet.iter(f"{_SS}Row"):
        number = int(row.get(f"{_SS}Index", number + 1))
        texts = _cells(row, formats, number, covered)
        number += int(row.get(f"{_SS}Span", 0))  # rows repeated as this one: empty ones
        if not any(text.strip() for text in texts):
            continue
        if row.get(f"{_SS}Hidden") == "1":
            hidden_rows.append(number)
            continue
        unseen_columns |= {column for column in hidden_columns if column <= len(texts) and texts[column - 1].strip()}
        grid.append((number, [text for column, text in enumerate(texts, 1) if column not in hidden_columns]))
    return Sheet(title, grid, warnings=hidden_warnings(hidden_rows, unseen_columns))


def _hidden_columns(worksheet) -> set[int]:
    hidden: set[int] = set()
    column = 0
    for element in worksheet.iter(f"{_SS}Column"):
        column = int(element.get(f"{_SS}Index", column + 1))
        last = column + int(element.get(f"{_SS}Span", 0))
        if element.get(f"{_SS}Hidden") == "1":
            hidden.update(range(column, last + 1))
        column = last
    return hidden


def _cells(row, formats: dict[str | None, str], number: int, covered: dict[int, set[int]]) -> list[str]:
    """The row's texts by column. A cell without ss:Index is in the next column that no cell
    merged down from above (ss:MergeDown) covers; LibreOffice writes them so."""
    taken = covered.pop(number, set())
    texts: list[str] = []
    column = 0
    for cell in row.iter(f"{_SS}Cell"):
        if cell.get(f"{_SS}Index"):
            column = int(cell.get(f"{_SS}Index", 0))
        else:
            column += 1
            while column in taken:
                column += 1
        texts.extend([""] * (column - 1 - len(texts)))
        texts.append(_shown(cell, formats.get(cell.get(f"{_SS}StyleID"), "General")))
        across, down = int(cell.get(f"{_SS}MergeAcross", 0)), int(cell.get(f"{_SS}MergeDown", 0))
        texts.extend([""] * across)
        for below in range(number + 1, number + down + 1):
            covered.setdefault(below, set()).update(range(column, column + across + 1))
        column += across
    return texts


def _shown(cell, number_format: str) -> str:
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())  # a rich text cell holds its runs as html:Font elements
    kind = data.get(f"{_SS}Type")
    number_format = _NAMED_FORMATS.get(number_format, number_format)
    try:
        if kind == "Number":  # a double, as Excel holds it: shown to 15 digits, not the 17 it writes
            return display(float(text.strip()), number_format)
        if kind == "DateTime":
            return display(datetime.datetime.fromisoformat(text.strip()[:19]), number_format)
    except ValueError:
        pass
    return text
