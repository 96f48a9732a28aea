"""Read forms from Excel workbooks (.xlsx), the templates agencies fill in.

Every cell is turned into the text Excel shows for it (a number through its number format:
1430.8 under ``#,##0.00`` is "1,430.80", 11.44 under ``0.00"万元"`` is "11.44万元"), and each
sheet's rows go through the tab-separated reader's table logic, so a workbook is read exactly as
its copied table text would be. A merged range holds its text in its first cell and leaves the
others empty, as a copied table does. What a person looking at the workbook does not see is not
read, and the forms read say so: hidden sheets, hidden rows and columns, cells outside the print
area, and formulas the program that saved the workbook never calculated. Sheets with no 项目名称
(a summary, instructions) are passed over; a sheet whose 项目名称 row starts no form the reader
can follow is skipped with a warning; a workbook with no form at all is an error naming the file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from reviewer.errors import InputError
from reviewer.form.model import Form, ParseWarning
from reviewer.form.text import listed, plural
from reviewer.readers.cellformat import display
from reviewer.readers.files import open_file, opendocument_reason
from reviewer.readers.segment import form_spans
from reviewer.readers.tabular import Grid, read_grid


@dataclass
class Sheet:
    """A sheet as a workbook's reader gives it to ``read_sheets``: its rows of shown text (none
    when it is hidden: not read), and reader warnings about what they leave out."""

    title: str
    grid: Grid
    hidden: bool = False
    warnings: list[ParseWarning] = field(default_factory=list)


def read(path: str, data: bytes | None = None) -> list[Form]:
    """The forms of a workbook: the file ``path``, or its bytes ``data`` (an upload)."""
    with open_file(path, data) as file:
        workbook = _workbook_part(file, path)
        book = _load(file, path)
        try:
            return read_sheets(_sheets(book, workbook), path, "xlsx")
        finally:
            book.close()


@dataclass
class PrintArea:
    """A print area's ranges as the workbook writes them ("A1:K40", "A:K" for whole columns),
    and each as (first row, last row, first column, last column)."""

    text: str
    ranges: list[tuple[int, int, int, int]]


@dataclass
class _Workbook:
    """What is read from the workbook part (xl/workbook.xml) itself: whether the formulas' saved
    values are results, and each sheet's print area by the sheet's position."""

    calculated: bool = True
    print_areas: dict[int, PrintArea] = field(default_factory=dict)


def _workbook_part(file, path: str) -> _Workbook:
    """Formulas are not calculated when the workbook asks to be calculated when opened
    (fullCalcOnLoad), as openpyxl and xlsxwriter write it, with no value or a 0 in each formula
    cell; openpyxl's CalcProperties says fullCalcOnLoad where the workbook does not. A print
    area of whole columns or rows ("$A:$K"), which openpyxl drops, is read here too. Also refuses
    an OpenDocument file, a zip as a workbook is."""
    try:
        with zipfile.ZipFile(file) as archive:
            reason = opendocument_reason(archive)
            if reason is not None:
                raise InputError(path, reason)
            part = next((n for n in archive.namelist() if n.endswith("/workbook.xml") and n.count("/") == 1), None)
            root = ElementTree.fromstring(archive.read(part)) if part is not None else None
    except (zipfile.BadZipFile, OSError, KeyError, ElementTree.ParseError):
        return _Workbook()  # _load says what is wrong with the file
    workbook = _Workbook()
    for element in root.iter() if root is not None else ():
        name = element.tag.rpartition("}")[2]
        if name == "calcPr" and element.get("fullCalcOnLoad") in ("1", "true"):
            workbook.calculated = False
        elif name == "definedName" and element.get("name") == "_xlnm.Print_Area" and element.get("localSheetId"):
            area = _print_area(element.text or "")
            if area is not None:
                workbook.print_areas[int(element.get("localSheetId", 0))] = area
    return workbook


_REFERENCE = re.compile(r"(?:'(?:[^']|'')*'|[^',!]*)!([$A-Z0-9:]+)")


def _print_area(text: str) -> PrintArea | None:
    """ "'自评表'!$A$1:$K$40,'自评表'!$M:$N" → its ranges; None for one this reader cannot follow."""
    from openpyxl.utils.cell import range_boundaries

    references = [reference.replace("$", "") for reference in _REFERENCE.findall(text)]
    ranges = []
    for reference in references:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(reference)
        except ValueError:
            return None
        ranges.append((first_row or 1, last_row or _LAST_ROW, first_column or 1, last_column or _LAST_COLUMN))
    return PrintArea(",".join(references), ranges) if ranges else None


_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384


def _load(file, path: str):
    import openpyxl  # a cold import of a second: only workbooks pay for it

    try:
        # A file object, not the name: openpyxl would refuse a workbook saved as .XLSX or .zip.
        # read_only: the rows are streamed (see _rows); data_only: a formula cell is read as
        # the value last computed and saved. openpyxl's warnings (an extension it does not
        # support, a print area it cannot set) are not the user's business.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise InputError(path, "not a readable .xlsx workbook (corrupt or not a zip file)") from None
    except Exception as error:
        raise InputError(path, f"not a readable .xlsx workbook ({type(error).__name__}: {error})") from None


def _sheets(book, workbook: _Workbook) -> Iterator[Sheet]:
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":  # hidden or veryHidden: not read, not even parsed
            yield Sheet(sheet.title, [], hidden=True)
        else:
            # A print area names its sheet by its place among all sheets, chart sheets too.
            area = workbook.print_areas.get(book.sheetnames.index(sheet.title))
            yield sheet_grid(sheet, workbook.calculated, area)


def read_sheets(sheets: Iterable[Sheet], path: str, reader: str) -> list[Form]:
    """The forms of a workbook's sheets; a form's source is ``book[sheet]``. A hidden sheet, or one
    whose 项目名称 row starts no form the grid reader can follow (a 填表说明 line, a summary with a
    项目名称 column), is skipped and every form read says so; with no form read, that is the error."""
    forms: list[Form] = []
    hidden: list[str] = []
    failed: list[str] = []
    for sheet in sheets:
        if sheet.hidden:
            hidden.append(sheet.title)
        elif form_spans(["\t".join(cells) for _, cells in sheet.grid]):
            try:
                found = read_grid(sheet.grid, f"{path}[{sheet.title}]", reader)
            except InputError as error:
                failed.append(f"sheet {sheet.title!r}{f' row {error.line}' if error.line else ''}: {error.message}")
                continue
            found[0].warnings[:0] = sheet.warnings  # once a sheet, on its first form
            forms.extend(found)
    if not forms:
        unseen = f" (hidden sheets, not read: {', '.join(map(repr, hidden))})" if hidden else ""
        raise InputError(path, "; ".join(failed) or f"no form found: no sheet has a 项目名称 row{unseen}")
    notes = [f"sheet {title!r} is hidden: not read" for title in hidden]
    notes += [f"{failure}; the sheet is not read as a form" for failure in failed]
    for form in forms:
        form.warnings[:0] = [ParseWarning.model_construct(line=None, message=note) for note in notes]
    return forms


def sheet_grid(sheet, calculated: bool = True, area: PrintArea | None = None) -> Sheet:
    """The sheet's non-empty rows as (row number, shown text of each cell), leaving out what a
    person does not see: hidden rows and columns, cells outside the print ``area``, and the values
    of formulas never calculated (all of them when ``calculated`` is False: see _workbook_part)."""
    return _SheetReader(sheet, calculated, area).read()


class _SheetReader:
    def __init__(self, sheet, calculated: bool, area: PrintArea | None):
        self.sheet = sheet
        self.calculated = calculated
        self.area = area
        self.hidden_rows: list[int] = []
        self.hidden_columns: set[int] = set()
        self.outside_rows: list[int] = []
        self.outside_columns: set[int] = set()
        self.uncalculated: list[int] = []  # the row of each formula cell read as blank
        self.hidden: set[int] | None = None  # the columns the sheet hides, once its rows begin

    def read(self) -> Sheet:
        grid: Grid = []
        for number, cells, parser in self._rows():
            # Most cells of a formatted area hold nothing: no style is looked up for them.
            filled = (cell for cell in cells if cell["value"] is not None or cell["uncalculated"])
            texts = {cell["column"]: (_shown(self.sheet, cell), cell["uncalculated"]) for cell in filled}
            texts = {column: shown for column, shown in texts.items() if shown[0].strip() or shown[1]}
            if not texts:
                continue
            if parser.row_dimensions.get(str(number), {}).get("hidden") in ("1", "true"):
                self.hidden_rows.append(number)
            elif self.area is not None and not any(top <= number <= bottom for top, bottom, _, _ in self.area.ranges):
                self.outside_rows.append(number)
            else:
                if self.hidden is None:  # the sheet's <cols> come before its rows
                    self.hidden = _hidden_columns(parser)
                visible = self._visible_cells(number, texts, self.hidden)
                grid.extend([(number, visible)] if any(text.strip() for text in visible) else [])
        return Sheet(self.sheet.title, grid, warnings=self._warnings())

    def _rows(self):
        """The sheet's rows as openpyxl's own parser reads them (what its read-only sheet streams,
        ReadOnlyWorksheet._cells_by_row), each cell a dict of its column, value and style, with the
        parser, which has read the hidden columns before the rows and each row's hidden flag with it."""
        from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

        calculated = self.calculated

        class Parser(WorkSheetParser):
            def parse_cell(self, element):
                cell = super().parse_cell(element)
                # data_only keeps a formula's saved value and drops the formula: whether the value
                # is a result or a placeholder (none, or xlsxwriter's 0) is seen only here.
                formula = element.find(FORMULA_TAG) is not None
                cell["uncalculated"] = formula and (not calculated or element.find(VALUE_TAG) is None)
                return cell

        sheet, book = self.sheet, self.sheet.parent
        with book._archive.open(sheet._worksheet_path) as source:
            parser = Parser(
                source, sheet._shared_strings, True, book.epoch, book._date_formats, book._timedelta_formats
            )
            for number, cells in parser.parse():
                yield number, cells, parser

    def _visible_cells(self, number: int, texts: dict[int, tuple[str, bool]], hidden: set[int]) -> list[str]:
        cells: list[str] = []
        for column in range(1, max(texts) + 1):
            text, uncalculated = texts.get(column, ("", False))
            if column in hidden:
                self.hidden_columns.update([column] if text.strip() else [])
            elif self.area is not None and not any(left <= column <= right for _, _, left, right in self.area.ranges):
                self.outside_columns.update([column] if text.strip() else [])
            else:
                self.uncalculated.extend([number] if uncalculated else [])
                cells.append("" if uncalculated else text)
        return cells

    def _warnings(self) -> list[ParseWarning]:
        warnings = hidden_warnings(self.hidden_rows, self.hidden_columns)
        warnings += outside_warnings(self.area, self.outside_rows, self.outside_columns)
        if self.uncalculated:
            count = len(self.uncalculated)
            message = (
                f"{plural(count, 'formula cell')} (the first in row {self.uncalculated[0]}) "
                f"{'was' if count == 1 else 'were'} never calculated by the program that saved the workbook, "
                "read as blank: open the workbook in Excel or WPS and save it, or convert it with soffice "
                "--headless --convert-to xlsx FILE, and read that"
            )
            warnings.append(ParseWarning.model_construct(line=None, message=message))
        return warnings


def _shown(sheet, cell: dict) -> str:
    from openpyxl.cell.read_only import ReadOnlyCell

    if cell["value"] is None:
        return ""
    fields = {key: cell[key] for key in ("row", "column", "value", "data_type", "style_id")}
    return display(cell["value"], ReadOnlyCell(sheet, **fields).number_format or "General")


def _hidden_columns(parser) -> set[int]:
    """The columns the sheet hides, from its <col min max hidden> ranges; those past the last
    column a sheet can have are left out (a range to 16384 hides all the rest)."""
    hidden: set[int] = set()
    for attributes in parser.column_dimensions.values():
        if attributes.get("hidden") in ("1", "true"):
            hidden.update(range(int(attributes["min"]), min(int(attributes.get("max", attributes["min"])), 16384) + 1))
    return hidden


def hidden_warnings(rows: list[int], columns: set[int]) -> list[ParseWarning]:
    """What a sheet says of the rows and columns with content it hides (none, if it hides none);
    every workbook reader's sheets say it so."""
    hidden = _counted(rows, columns)
    message = f"hidden on the sheet, not read: {hidden}"
    return [ParseWarning.model_construct(line=None, message=message)] if hidden else []


def outside_warnings(area: PrintArea | None, rows: list[int], columns: set[int]) -> list[ParseWarning]:
    """What a sheet says of the rows and columns with content outside its print area."""
    outside = _counted(rows, columns)
    message = f"outside the print area {area.text if area else ''}, not read: {outside}"
    return [ParseWarning.model_construct(line=None, message=message)] if outside else []


def _counted(rows: list[int], columns: set[int]) -> str:
    """ "2 rows with content (14, 15) and 1 column with content (L)"."""
    from openpyxl.utils import get_column_letter

    parts = []
    if rows:
        parts.append(f"{plural(len(rows), 'row')} with content ({listed([str(row) for row in rows])})")
    if columns:
        letters = [get_column_letter(column) for column in sorted(columns)]
        parts.append(f"{plural(len(columns), 'column')} with content ({listed(letters)})")
    return " and ".join(parts)
