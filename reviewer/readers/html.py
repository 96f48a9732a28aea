"""Read forms from web pages: the tables of a form saved as HTML, and what web systems export as a
"Word" or "Excel" file that is a web page inside (a .doc or .xls holding HTML, Word's single file
web page, .mht, or a .docx whose body is a page it holds: docx.read).

Each table becomes rows of cells on its grid, a cell spanning columns or rows (colspan, rowspan)
holding its text in its first position and leaving the positions it covers empty, as in a copied
table; the paragraphs outside tables (title, year, notes) are rows of their own. A table inside a
cell is that cell's text. The rows then go through the grid reader, and are named "表N第M行" as a
Word document's are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.readers.grid import GridRow, join_paragraphs, read_rows

# Elements that end a paragraph (a line of the page, or of a cell).
_BREAKS = {"p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center"}
# Elements whose text is not on the page.
_UNSHOWN = {"head", "script", "style", "template", "noscript"}
_MOST_SPANNED = 100  # a colspan or rowspan beyond this is a writer's mistake, not a form's layout


def looks_like(text: str) -> bool:
    """A web page with a table, or a single file web page (MIME) holding one."""
    head = text[:4096].lower()
    if head.startswith("mime-version:") or ("multipart/related" in head and "text/html" in text[:65536].lower()):
        return True
    return head.startswith("<") and re.search(r"<table\b", text[:1_000_000], re.IGNORECASE) is not None


def _is_mime(text: str) -> bool:
    head = text[:4096].lower()
    return head.startswith("mime-version:") or "multipart/related" in head


def read(text: str, path: str) -> list[Form]:
    page = _Page()
    page.feed(_html_of(text, path))
    page.close()
    if not page.tables:
        raise InputError(path, "no form table: the web page has no table (a form is read from a table)")
    return read_rows(page.rows, path, "html")


def _html_of(text: str, path: str) -> str:
    """The page itself: a single file web page (.mht, what Word saves as 单个文件网页) is a MIME
    message whose first HTML part is the page."""
    if not _is_mime(text):
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


@dataclass
class _Cell:
    columns: int
    rows: int
    lines: list[list[str]] = field(default_factory=lambda: [[]])

    def text(self) -> str:
        return join_paragraphs(" ".join("".join(line).split()) for line in self.lines)


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[GridRow] = []
        self.tables = 0
        self.table: _Table | None = None  # the outermost table open: its cells are the grid's
        self.cell: _Cell | None = None
        self.depth = 0  # tables open, the outermost one included: those inside are a cell's text
        self.unshown = 0
        self.line: list[str] = []  # the paragraph outside tables being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSHOWN:
            self.unshown += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._end_line()
                self.table = _Table()
            else:
                self._break()
        elif self.depth == 1 and self.table is not None and tag == "tr":
            self.table.rows.append([])
            self.cell = None
        elif self.depth == 1 and self.table is not None and tag in ("td", "th"):
            if not self.table.rows:
                self.table.rows.append([])
            spans = dict(attrs)
            self.cell = _Cell(_span(spans.get("colspan")), _span(spans.get("rowspan")))
            self.table.rows[-1].append(self.cell)
        elif tag in _BREAKS or (self.depth > 1 and tag in ("td", "th")):
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSHOWN:
            self.unshown = max(self.unshown - 1, 0)
        elif tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.table is not None:
                self._add_table(self.table)
                self.table = self.cell = None
            else:
                self._break()
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self.cell = None
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.unshown:
            return
        if self.cell is not None:
            self.cell.lines[-1].append(data)
        elif self.table is None:
            self.line.append(data)

    def close(self) -> None:
        super().close()
        if self.table is not None:  # a table never closed: what was read of it
            self._add_table(self.table)
        self._end_line()

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.lines.append([])
        elif self.table is None:
            self._end_line()

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.rows.append(GridRow(len(self.rows) + 1, [text]))

    def _add_table(self, table: _Table) -> None:
        self.tables += 1
        for number, cells in enumerate(_on_grid(table), 1):
            if any(cells):
                self.rows.append(GridRow(len(self.rows) + 1, cells, f"表{self.tables}第{number}行"))


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MOST_SPANNED)
    except ValueError:
        return 1


def _on_grid(table: _Table) -> list[list[str]]:
    """Each row's texts on the table's grid: a cell's text in its first position, the positions
    it spans (across, and down into the rows below) empty."""
    taken: set[tuple[int, int]] = set()
    grid: list[list[str]] = []
    for r, row in enumerate(table.rows):
        texts: dict[int, str] = {}
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            texts[column] = cell.text()
            taken.update((r + down, column + across) for down in range(cell.rows) for across in range(cell.columns))
            column += cell.columns
        width = max([c + 1 for (rr, c) in taken if rr == r] + [column])
        grid.append([texts.get(c, "") for c in range(width)])
    return grid
