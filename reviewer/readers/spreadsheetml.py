"""Read forms from Excel's XML Spreadsheet 2003 (XML 电子表格 2003), which web systems still export,
often named .xls: a workbook as one XML file.

Each worksheet's cells are turned into the text Excel shows (a number through its style's number
format), a cell merged across (ss:MergeAcross) holds its text in its first position, and the
sheets go through the workbook reader's ``read_sheets``, as an .xlsx file's do: hidden sheets and
rows are not read, and the forms say so.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.cellformat import display
from reviewer.readers.xlsx import Sheet, hidden_warnings, read_sheets

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_X = "{urn:schemas-microsoft-com:office:excel}"
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
    return "<Workbook" in head and "urn:schemas-microsoft-com:office:spreadsheet" in head


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
    grid, hidden = [], []
    number = 0
    for row in worksheet.iter(f"{_SS}Row"):
        number = int(row.get(f"{_SS}Index", number + 1))
        cells = _cells(row, formats)
        if not any(text.strip() for text in cells):
            continue
        if row.get(f"{_SS}Hidden") == "1":
            hidden.append(number)
        else:
            grid.append((number, cells))
    return Sheet(title, grid, warnings=hidden_warnings(hidden, set()))


def _cells(row, formats: dict[str | None, str]) -> list[str]:
    texts: list[str] = []
    for cell in row.iter(f"{_SS}Cell"):
        column = int(cell.get(f"{_SS}Index", len(texts) + 1))
        texts.extend([""] * (column - 1 - len(texts)))
        texts.append(_shown(cell, formats.get(cell.get(f"{_SS}StyleID"), "General")))
        texts.extend([""] * int(cell.get(f"{_SS}MergeAcross", 0)))
    return texts


def _shown(cell, number_format: str) -> str:
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())  # a rich text cell holds its runs as html:Font elements
    kind = data.get(f"{_SS}Type")
    number_format = _NAMED_FORMATS.get(number_format, number_format)
    try:
        if kind == "Number":
            return display(Decimal(text.strip()), number_format)
        if kind == "DateTime":
            return display(datetime.datetime.fromisoformat(text.strip()[:19]), number_format)
    except (InvalidOperation, ValueError):
        pass
    return text
