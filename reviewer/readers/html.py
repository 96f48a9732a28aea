"""Read forms from web pages: the tables of a form saved as HTML, and what web systems export as a
"Word" or "Excel" file that is a web page inside (a .doc or .xls holding HTML, Word's single file
web page, .mht, or a .docx whose body is a page it holds: docx.read).

Each table becomes rows of cells on its grid, a cell spanning columns or rows (colspan, rowspan)
holding its text in its first position and leaving the positions it covers empty, as in a copied
table; the paragraphs outside tables (title, caption, year, notes) are rows of their own. A table
inside a cell is that cell's text, unless the cell frames the form (a page laid out in an outer
table): then its tables are read as the page's. What the page hides (display:none, as Excel
writes a hidden row or column) is not read, and the form says so. The rows then go through the
grid reader, and are named "表N第M行" as a Word document's are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reviewer.errors import InputError
from reviewer.form.model import Form, ParseWarning
from reviewer.form.text import listed
from reviewer.readers.files import is_mime_message
from reviewer.readers.grid import GridRow, join_paragraphs, read_rows
from reviewer.readers.vocabulary import FORM_WORDS

# Elements that end a paragraph (a line of the page, or of a cell).
_BREAKS = {"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center"}
# Elements whose text is not on the page.
_UNSHOWN = {"head", "script", "style", "template", "noscript"}
# Inline elements whose text a style can hide (Word's hidden text is a span with mso-hide:all).
_INLINE = {"span", "font", "div"}
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)
_MOST_SPANNED = 100  # a colspan or rowspan beyond this is a writer's mistake, not a form's layout


def looks_like(text: str) -> bool:
    """A web page with a table, or a single file web page (MIME) holding one."""
    head = text[:4096].lower()
    if head.startswith("mime-version:") or ("multipart/related" in head and "text/html" in text[:65536].lower()):
        return True
    return head.startswith("<") and re.search(r"<table\b", text[:1_000_000], re.IGNORECASE) is not None


def read(text: str, path: str) -> list[Form]:
    page = _Page()
    page.feed(_html_of(text, path))
    page.close()
    if not any(isinstance(item, _Table) for item in page.items):
        raise InputError(path, "no form table: the web page has no table (a form is read from a table)")
    layout = _Layout()
    layout.walk(page.items)
    forms = read_rows(layout.rows, path, "html")
    if layout.hidden:
        message = f"hidden on the page, not read: {listed(layout.hidden)}"
        forms[0].warnings.insert(0, ParseWarning.model_construct(line=None, message=message))
    return forms


def _html_of(text: str, path: str) -> str:
    """The page itself: a single file web page (.mht, what Word saves as 单个文件网页) is a MIME
    message whose first HTML part is the page."""
    if not is_mime_message(text):
        return text
    import email  # only a single file web page needs it

    for part in email.message_from_string(text).walk():
        if part.get_content_type() == "text/html":
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                return _decoded(data, part.get_content_charset())
    raise InputError(path, "no form table: the single file web page holds no HTML part")


def _decoded(data: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8", "gb18030"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("gb18030", errors="replace")


def _hides(attrs: dict[str, str | None]) -> bool:
    return "hidden" in attrs or bool(_HIDING.search(attrs.get("style") or ""))


@dataclass
class _Cell:
    columns: int = 1
    rows: int = 1
    hidden: bool = False
    parts: list[list[str] | _Table] = field(default_factory=lambda: [[]])  # paragraphs and tables, in order

    def paragraphs(self) -> Iterator[str]:
        for part in self.parts:
            if isinstance(part, _Table):
                yield from (text for cell in part.shown_cells() for text in cell.paragraphs())
            else:
                yield "".join(part)

    def text(self) -> str:
        return join_paragraphs(self.paragraphs())

    def frames_the_form(self, alone: bool) -> bool:
        """Whether the cell holds tables that are the form: alone on its row (a cell spanning the
        row), or beside other cells when its tables have a form's header (as docx._is_frame)."""
        tables = [part for part in self.parts if isinstance(part, _Table)]
        if not tables or alone:
            return bool(tables)
        texts = (cell.text() for table in tables for cell in table.shown_cells())
        return any(word in text for text in texts for word in FORM_WORDS)


@dataclass
class _Row:
    hidden: bool
    cells: list[_Cell] = field(default_factory=list)


@dataclass
class _Table:
    rows: list[_Row] = field(default_factory=list)
    hidden_columns: list[bool] = field(default_factory=list)  # by grid column, as its <col> says
    caption: _Cell | None = None
    cell: _Cell | None = None  # the cell (or caption) being read
    # HTML 4 writes <tfoot> before the <tbody> it is drawn under: its rows go last, at the end.
    footer: list[_Row] = field(default_factory=list)
    in_footer: bool = False

    def row_group(self) -> list[_Row]:
        return self.footer if self.in_footer else self.rows

    def end(self) -> None:
        self.rows += self.footer
        self.footer, self.in_footer = [], False

    def shown_cells(self) -> Iterator[_Cell]:
        return (cell for row in self.rows if not row.hidden for cell in row.cells if not cell.hidden)


class _Page(HTMLParser):
    """The page as paragraphs and tables, in order; a table's cells hold their own paragraphs
    and the tables inside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str | _Table] = []
        self.open: list[_Table] = []  # the tables open, the outermost first
        self.line: list[str] = []  # the paragraph outside tables being read
        self.unshown = 0
        self.hiding: list[str] = []  # the hidden inline elements open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        table = self.open[-1] if self.open else None
        if tag in _UNSHOWN:
            self.unshown += 1
        elif tag == "table":
            self._open_table()
        elif table is None:
            if tag in _BREAKS:
                self._end_line()
        elif tag == "tr":
            table.row_group().append(_Row(_hides(attributes)))
            table.cell = None
        elif tag in ("td", "th"):
            if not table.row_group():
                table.row_group().append(_Row(False))
            table.cell = _Cell(_span(attributes.get("colspan")), _span(attributes.get("rowspan")), _hides(attributes))
            table.row_group()[-1].cells.append(table.cell)
        elif tag == "col":
            table.hidden_columns.extend([_hides(attributes)] * _span(attributes.get("span")))
        elif tag == "caption":
            table.caption = table.cell = _Cell()
        elif tag == "tfoot":
            table.in_footer = True
        elif tag in _BREAKS:
            self._break()
        if tag in _INLINE and (self.hiding or _hides(attributes)):  # inside a hidden one, to find its end
            self.hiding.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()
        elif tag == "col":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        table = self.open[-1] if self.open else None
        if self.hiding and tag == self.hiding[-1]:
            self.hiding.pop()
        if tag in _UNSHOWN:
            self.unshown = max(self.unshown - 1, 0)
        elif tag == "table" and table is not None:
            self.open.pop().end()
        elif tag == "tfoot" and table is not None:
            table.in_footer = False
        elif table is not None and tag in ("td", "th", "tr", "caption"):
            table.cell = None
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.unshown or self.hiding:
            return
        if self.open:
            cell = self.open[-1].cell
            if cell is not None:
                paragraph = cell.parts[-1]
                assert isinstance(paragraph, list)  # a cell's parts end with a paragraph
                paragraph.append(data)
        else:
            self.line.append(data)

    def close(self) -> None:
        super().close()
        for table in self.open:  # never closed: what was read of them
            table.end()
        self._end_line()

    def _open_table(self) -> None:
        table = _Table()
        outer = self.open[-1].cell if self.open else None
        if outer is not None:
            outer.parts += [table, []]
        else:  # on the page, or between an outer table's cells: a table of the page
            self._end_line()
            self.items.append(table)
        self.open.append(table)

    def _break(self) -> None:
        if self.open:
            cell = self.open[-1].cell
            if cell is not None:
                cell.parts.append([])
        else:
            self._end_line()

    def _end_line(self) -> None:
        text = "".join(self.line)
        self.line = []
        if text.strip():
            self.items.append(text)


class _Layout:
    """The page's paragraphs and tables as grid rows, each table's rows on its grid."""

    def __init__(self) -> None:
        self.rows: list[GridRow] = []
        self.tables = 0
        self.hidden: list[str] = []  # the places of hidden cells with text: 表N第M行, 表N第K列

    def walk(self, items: Iterable[str | list[str] | _Table]) -> None:
        """Paragraphs (a string, or a cell's paragraph as its pieces) and tables, in order."""
        for item in items:
            if isinstance(item, _Table):
                self._table(item)
            else:
                self._add(["".join(item)], None)

    def _add(self, cells: list[str], location: str | None) -> None:
        cells = [" ".join(text.split()) for text in cells]
        if any(cells):
            self.rows.append(GridRow(len(self.rows) + 1, cells, location))

    def _table(self, table: _Table) -> None:
        self.tables += 1
        number = self.tables
        if table.caption is not None:
            self._add([table.caption.text()], None)
        placed, widths = _on_grid(table)
        hidden = _hidden_columns(table, placed)
        self.hidden += [f"表{number}第{column + 1}列" for column in sorted(hidden)]
        for index, (row, cells, width) in enumerate(zip(table.rows, placed, widths, strict=True), 1):
            place = f"表{number}第{index}行"
            if row.hidden:
                self.hidden += [place] if any(cell.text() for cell in row.cells) else []
                continue
            frame = next((cell for cell in row.cells if cell.frames_the_form(len(row.cells) == 1)), None)
            if frame is not None:
                # The row's other cells label the frame, above it.
                self._add([cell.text() for cell in row.cells if cell is not frame and not cell.hidden], place)
                self.walk(frame.parts)
                continue
            texts = []
            for column in range(width):
                cell = cells.get(column)
                if column in hidden:
                    continue
                if cell is not None and cell.hidden and cell.text():
                    self.hidden.append(f"{place}第{column + 1}列")
                texts.append("" if cell is None or cell.hidden else cell.text())
            self._add(texts, place)


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MOST_SPANNED)
    except ValueError:
        return 1


def _on_grid(table: _Table) -> tuple[list[dict[int, _Cell]], list[int]]:
    """Each row's cells by the grid column each starts in, a cell spanning positions across,
    and down into the rows below; and each row's width on the grid."""
    taken: set[tuple[int, int]] = set()
    placed: list[dict[int, _Cell]] = []
    widths = [0] * len(table.rows)
    for r, row in enumerate(table.rows):
        cells: dict[int, _Cell] = {}
        column = 0
        for cell in row.cells:
            while (r, column) in taken:
                column += 1
            cells[column] = cell
            for down in range(min(cell.rows, len(table.rows) - r)):
                taken.update((r + down, column + across) for across in range(cell.columns))
                widths[r + down] = max(widths[r + down], column + cell.columns)
            column += cell.columns
        placed.append(cells)
    return placed, widths


def _hidden_columns(table: _Table, placed: list[dict[int, _Cell]]) -> set[int]:
    """The grid columns the page hides: by their <col>, or by every cell with text that starts in
    them (Excel writes a hidden column's cells display:none)."""
    hidden = {column for column, hides in enumerate(table.hidden_columns) if hides}
    by_column: dict[int, list[_Cell]] = {}
    for cells in placed:
        for column, cell in cells.items():
            if cell.text():
                by_column.setdefault(column, []).append(cell)
    hidden |= {column for column, cells in by_column.items() if all(cell.hidden for cell in cells)}
    return {column for column in hidden if column in by_column}
