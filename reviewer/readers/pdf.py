"""Read forms from PDF files through pdfplumber.

A form printed from Word or a provincial system is a ruled table. Each table pdfplumber finds by
its ruling lines becomes rows of cells laid on the table's columns (the left edges of all its
cells): a merged cell's text is in its first position and the positions it covers are empty, as
in a copied table; a cell's wrapped lines are joined. A table cut by a page break is one table
again: the piece that opens a page continues the table that closed the page before, and a
header row the producer repeats on the new page is dropped. Text outside tables (title, year,
notes) comes as one-cell rows in reading order; page numbers are passed over. The rows then go
through the grid reader of tab-separated text and workbooks. A page whose text runs sideways (a
portrait form a viewer rotated and saved) is read turned upright.

A PDF with no ruled table goes, as text laid out in columns, to the reader of laid-out text
(``layout.py``), and failing that, as text in reading order, to the reader of PDF-extracted text. A scanned
PDF (pages with no text layer), an encrypted one and a damaged one are each one error; a file
whose pages open but whose drawing is damaged in part (a stream that does not decompress, an
instruction that is not numbers) is read as far as it goes, and each form says so (pdfminer would
only log it, a line on stderr each).
"""

from __future__ import annotations

import bisect
import copy
import io
import logging
import math
import re
import statistics
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import InputError
from reviewer.form.model import Form, FundsRow, Indicator, ParseWarning, Total
from reviewer.form.text import plural
from reviewer.readers.files import open_file, read_bytes
from reviewer.readers.grid import GridRow, join_wrapped, library_error, read_rows
from reviewer.readers.vocabulary import is_continued_label, is_title, year_in
from reviewer.readers.workers import forked_map

# Left edges closer than this are one column (points): pdfplumber snaps the ruling lines of one
# page, and LibreOffice and Word draw a table cut by a page break at the same x on both pages.
_COLUMN_TOLERANCE = 2.0
# Page numbers in the top or bottom margin: "- 3 -", "3", "第 3 页", "第3页 共5页", "3 / 5", "Page 3 of 5".
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|"
    r"^\d+\s*/\s*\d+$|^page\s+\d+(?:\s+of\s+\d+)?$",
    re.IGNORECASE,
)
# And a page number within a margin line: "打印时间：2024-03-15 10:32  1/2", "共2页 第1页".
_PAGE_MARK = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页|(?<![\d/.:-])(\d{1,3})\s*/\s*(\d{1,3})(?![\d/.:-])")
_MARGIN = 0.1  # of the page height
_PLACES = 3  # a ruling line's coordinates are rounded to: far finer than the rules of a table lie apart
_COORDINATES = ("x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height")


@dataclass
class _Cell:
    x0: float
    text: str


@dataclass
class _Table:
    page: int
    number: int  # on its page, 1-based
    x0: float
    x1: float
    rows: list[list[_Cell]]
    pieces: list[_Table] = field(default_factory=list)  # continuations on the following pages


@dataclass
class _Line:
    page: int
    text: str
    margin: str = ""  # "top" or "bottom" for a line in a margin: a running header or footer?


@dataclass
class _Page:
    items: list[_Table | _Line]  # in reading order, top to bottom
    has_text: bool
    has_images: bool
    overlaid: int = 0  # characters drawn over the page and not read: a stamp's, a watermark's
    characters: int = 0
    unmapped: int = 0  # characters whose font gives no text for them: pdfminer's "(cid:N)"
    damaged: int = 0  # drawing instructions that could not be followed: what they drew is missing


def read(path: str, data: bytes | None = None, jobs: int = 1) -> list[Form]:
    """The forms of a PDF: the file ``path``, or its bytes ``data`` (an upload); its pages read
    on up to ``jobs`` forked processes."""
    if jobs > 1 and data is None:
        # The workers read pages from memory, each from its own copy of it: a file they shared
        # would have one read position for them all.
        data = read_bytes(path)
    with opened(path, data) as pdf:
        pages = _read_pages(pdf, path, jobs)
        return _warn_damaged(_warn_overlaid(_read_forms(pdf, pages, path), pages), pages)


def _read_forms(pdf, pages: list[_Page], path: str) -> list[Form]:
    if any(isinstance(item, _Table) for page in pages for item in page.items):
        try:
            return read_rows(_grid(pages), path, "pdf")
        except InputError as error:
            # Ruled tables that hold no form (a boxed note, a letterhead): the text may still.
            try:
                return _read_text(pdf, path)
            except InputError:
                raise error from None
    return _read_text(pdf, path)


def _warn_overlaid(forms: list[Form], pages: list[_Page]) -> list[Form]:
    """Each form says how many characters of a stamp or watermark on its pages were not read."""
    overlaid = {number: page.overlaid for number, page in enumerate(pages, 1) if page.overlaid}
    return _warn_per_form(
        forms, overlaid, lambda n: f"{plural(n, 'character')} drawn over the page not read: a stamp or watermark"
    )


def _warn_damaged(forms: list[Form], pages: list[_Page]) -> list[Form]:
    """Each form says how many drawing instructions on its pages could not be followed: text or
    rules they drew are missing from what was read, and nothing else would say so. A damaged page
    no form was read from may have held one: every form says it too."""
    damaged = {number: page.damaged for number, page in enumerate(pages, 1) if page.damaged}
    return _warn_per_form(
        forms,
        damaged,
        lambda count: (
            f"the PDF is damaged: {plural(count, 'drawing instruction')} on its pages could not be "
            "followed, and what they drew is missing from the form; export the PDF again"
        ),
        unread_pages_too=True,
    )


def _warn_per_form(
    forms: list[Form], counts: dict[int, int], message: Callable[[int], str], unread_pages_too: bool = False
) -> list[Form]:
    """A warning on each form of what ``counts`` (by page number) holds on its pages (on every
    page, for a form whose rows have no page), and on the pages no form was read from if asked."""
    read_from = [_pages_of(form) for form in forms]
    unread = sum(c for n, c in counts.items() if not any(n in pages for pages in read_from)) if unread_pages_too else 0
    for form, its_pages in zip(forms if counts else [], read_from):
        count = unread + sum(counts.get(number, 0) for number in its_pages or counts)
        if count:
            form.warnings.append(ParseWarning.model_construct(line=None, message=message(count)))
    return forms


class _DamageCount(logging.Handler):
    """pdfminer's warnings that a page's drawing could not be followed: a stream it could not
    decompress, an instruction whose operands are not numbers. The page being read in this thread
    only: the web app reads uploads in threads."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and _DAMAGE.match(str(record.msg)):
            self.count += 1


# The warnings that mean something drawn is lost: text (a string, its font or place), ruling lines
# (a path), or a whole stream. Others (a colour space, marked content, a font's box) lose nothing read.
_DAMAGE = re.compile(
    r"Data-loss while decompressing|Cannot render|Could not set text (?:matrix|font)|"
    r"Cannot (?:start new subpath|append|concatenate matrix)"
)
_PDFMINER = logging.getLogger("pdfminer")
# pdfminer logs each damaged instruction; with no handler Python prints them on stderr, hundreds
# for one file. Said once, on the form, instead (an application's own logging still gets them).
_PDFMINER.addHandler(logging.NullHandler())
_PDFMINER.setLevel(logging.WARNING)  # counted whatever level the application's logging is at


@contextmanager
def _damage_counted() -> Iterator[_DamageCount]:
    counter = _DamageCount()
    _PDFMINER.addHandler(counter)
    try:
        yield counter
    finally:
        _PDFMINER.removeHandler(counter)


def _pages_of(form: Form) -> set[int]:
    """The pages a form's rows were read from (their locations: "第3页表1第9行")."""
    rows: list[FundsRow | Indicator | Total] = [*(row for _, row in form.funds.rows()), *form.indicators]
    rows += [form.total] if form.total else []
    places = (_PAGE_OF.match(row.location or "") for row in rows)
    return {int(place[1]) for place in places if place}


_PAGE_OF = re.compile(r"第(\d+)页")


def document_grid(path: str, data: bytes | None = None) -> list[GridRow]:
    """The rows of every table, and every line of text outside them, in reading order."""
    with opened(path, data) as pdf:
        return _grid(_read_pages(pdf, path))


@contextmanager
def opened(path: str, data: bytes | None = None) -> Iterator[Any]:
    """The pdfplumber ``PDF`` of the file (or bytes), closed after use; an InputError for a file
    that is not a PDF, is encrypted or is damaged."""
    with open_file(path, data) as file:
        if not file.read(1024).lstrip().startswith(b"%PDF-"):
            raise InputError(path, "not a PDF file (no %PDF- header)")
        file.seek(0)
        pdf = _open(file, path)
        try:
            yield pdf
        finally:
            # pdfplumber's close lists the pages again, and raises again where they could not be
            # listed (a damaged page tree): the error already said is the one to raise. The file
            # is this function's, closed by open_file.
            with suppress(Exception):
                pdf.close()


def _open(file: io.BufferedReader | io.BytesIO, path: str):
    import pdfplumber  # a cold import of 0.2 s, paid by PDF files only
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(file)
    except Exception as error:
        cause = error.__cause__ or (error.args[0] if error.args and isinstance(error.args[0], Exception) else error)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(
                path,
                "encrypted PDF: it opens only with a password; save an unprotected copy "
                "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and read that",
            ) from None
        raise library_error(path, "not a readable PDF (damaged or truncated); export it again", cause) from None


def _read_pages(pdf, path: str, jobs: int = 1) -> list[_Page]:
    try:
        pdf_pages = pdf.pages
        pages = forked_map(lambda index: _read_page(pdf_pages[index], index + 1), len(pdf_pages), jobs)
    except Exception as error:
        raise library_error(path, "cannot read the PDF's pages", error) from None
    if not pages:
        raise InputError(path, "PDF with no pages")
    if not any(page.has_text for page in pages):
        if any(page.has_images for page in pages):
            raise InputError(
                path,
                "scanned PDF: no text layer; OCR it first (e.g. ocrmypdf --language chi_sim) and check the OCR'd file",
            )
        raise InputError(path, "PDF with no text on any page")
    unmapped, characters = sum(page.unmapped for page in pages), sum(page.characters for page in pages)
    if unmapped > max(_UNMAPPED_AT_MOST, characters // 100):
        # A few may be a symbol font's ticks; more are the form's own words and numbers.
        raise InputError(
            path,
            f"the PDF's fonts give no text for {unmapped} of its {characters} characters (they have no Unicode "
            "mapping): its text cannot be read as printed; OCR it (e.g. ocrmypdf --force-ocr --language chi_sim) "
            "and check the OCR'd file",
        )
    return pages


_UNMAPPED_AT_MOST = 10


def _read_page(page, number: int) -> _Page:
    with _damage_counted() as damage:
        read = _page_contents(page, number)
    read.damaged = damage.count + _lost_streams(page)
    return read


def _lost_streams(page) -> int:
    """The page's content streams that are damaged: pdfminer makes one it cannot decompress, or
    whose dictionary it cannot read (every stream has a /Length), empty, and says nothing."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = [resolve1(stream) for stream in page.page_obj.contents or []]
    return sum(
        1
        for stream in streams
        if not isinstance(stream, PDFStream)
        or "Length" not in stream.attrs
        or (not stream.get_data() and (resolve1(stream.attrs["Length"]) or 0) > 0)
    )


def _page_contents(page, number: int) -> _Page:
    page = _upright(page)
    _flatten_rules(page)
    page, overlaid = _without_overlays(page)
    tables = page.find_tables()
    items: list[tuple[float, _Table | _Line]] = []
    by_middle = _CharsByMiddle(page.chars)
    for index, table in enumerate(tables, 1):
        rows = [
            [
                _Cell(cell[0], join_wrapped(by_middle.text_in(cell).split("\n")))
                for cell in row.cells
                if cell is not None
            ]
            for row in table.rows
        ]
        items.append((table.bbox[1], _Table(number, index, table.bbox[0], table.bbox[2], rows)))
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    for line in outside.extract_text_lines(strip=True):
        if not _is_furniture(line, page.height):
            items.append((line["top"], _Line(number, line["text"], _margin(line, page.height))))
    items.sort(key=lambda item: item[0])
    unmapped = sum(1 for char in page.chars if char["text"].startswith("(cid:"))
    return _Page([item for _, item in items], bool(page.chars), bool(page.images), overlaid, len(page.chars), unmapped)


class _CharsByMiddle:
    """A page's characters by the height of their middles, to find a cell's: the text of each
    cell as pdfplumber's Table.extract gives it (the characters whose middle is in the cell, in
    the page's order), without looking at every character of the page for every row and cell."""

    def __init__(self, chars: list[dict]) -> None:
        keyed = []
        for order, char in enumerate(chars):
            across, down = _centre(char)
            keyed.append((down, across, order, char))
        self.keyed = sorted(keyed)  # by the height of the middle; the order number is unique
        self.middles = [down for down, *_ in self.keyed]

    def text_in(self, cell: Box) -> str:
        from pdfplumber.utils import extract_text

        x0, top, x1, bottom = cell
        band = self.keyed[bisect.bisect_left(self.middles, top) : bisect.bisect_left(self.middles, bottom)]
        inside = sorted((order, char) for _, across, order, char in band if x0 <= across < x1)
        chars = [char for _, char in inside]
        if any(_is_turned(char) for char in chars):
            return _vertical_text(chars)
        return extract_text(chars) if chars else ""


def _is_turned(char: dict) -> bool:
    """Set a quarter turn from the page's width: a cell whose text runs down or up (文字方向)."""
    a, b = char["matrix"][:2]
    return abs(a) < 0.01 and abs(b) > 0.99


def _vertical_text(chars: list[dict]) -> str:
    """A cell's text set vertically, in reading order: down the cell (Word's tbRl: Chinese stacked
    upright, Latin turned clockwise), its columns from right to left; or up it (btLr: all turned
    counter-clockwise), its columns from left to right."""
    upwards = sum(1 for char in chars if _is_turned(char) and char["matrix"][1] > 0) > len(chars) / 2
    size = max(char["size"] for char in chars)
    columns: list[list[dict]] = []
    for char in sorted(chars, key=lambda char: _centre(char)[0]):
        if columns and _centre(char)[0] - _centre(columns[-1][-1])[0] < size * 0.8:
            columns[-1].append(char)
        else:
            columns.append([char])
    if not upwards:
        columns.reverse()
    down = [sorted(column, key=lambda char: char["top"], reverse=upwards) for column in columns]
    return "\n".join("".join(char["text"] for char in column) for column in down)


def _without_overlays(page) -> tuple[Any, int]:
    """The page without the characters drawn over its text, and how many: a watermark's (slanted,
    or many times the text's size) and a stamp's (set round a circle: slanted, and the red or
    pale characters inside that ring). Left in, they fall into the cells under them: "96%" reads
    "住96房%和城乡". Red or grey text elsewhere (a score an agency typed in red) is the form's,
    unless it is drawn over other text."""
    chars = page.chars
    if not chars:
        return page, 0
    largest = _OUTSIZED * statistics.median(char["size"] for char in chars)
    overlaid = [char for char in chars if _is_slanted(char) or char["size"] > largest]
    dropped = {id(char) for char in overlaid}
    coloured = [char for char in chars if id(char) not in dropped and _is_coloured(char)]
    if coloured:
        rings = _rings([char for char in overlaid if _is_coloured(char)])
        text = _Text([char for char in chars if not _is_coloured(char)])
        dropped |= {id(char) for char in coloured if _inside(char, rings) or text.covered_by(char)}
    if not dropped:
        return page, 0
    return page.filter(lambda obj: id(obj) not in dropped), len(dropped)


_SLANT = 5  # degrees off the page's axes: text set at a slant, or round a stamp's circle
_OUTSIZED = 3  # times the median character size: a title is less than twice it
_BLACK = ((0,), (0, 0, 0), (0, 0, 0, 1), None)  # most text, looked at first
_OVERLAP = 0.25  # of the smaller character's area: characters set side by side only touch
_RING_REACH = 3  # character sizes: the characters round one stamp lie closer than this


def _is_slanted(char: dict) -> bool:
    """Not along the page's width: turned a quarter (kept: a sideways form), or slanted."""
    a, b = char["matrix"][:2]
    if not b:
        return False
    slant = math.degrees(math.atan2(b, a)) % 90
    return min(slant, 90 - slant) > _SLANT


def _is_coloured(char: dict) -> bool:
    colour = char["non_stroking_color"]
    return colour not in _BLACK and _stamp_or_pale(colour)


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _box(char: dict) -> Box:
    return char["x0"], char["top"], char["x1"], char["bottom"]


def _rings(slanted: list[dict]) -> list[Box]:
    """The boxes of the stamps these coloured slanted characters are the rings of: characters
    within a few sizes of each other are one stamp's."""
    boxes: list[Box] = []
    for char in slanted:
        x0, top, x1, bottom = box = _box(char)
        reach = _RING_REACH * char["size"]
        for near in [other for other in boxes if _near(box, other, reach)]:
            boxes.remove(near)
            x0, top, x1, bottom = min(x0, near[0]), min(top, near[1]), max(x1, near[2]), max(bottom, near[3])
        boxes.append((x0, top, x1, bottom))
    return boxes


def _near(box: Box, other: Box, reach: float) -> bool:
    return (
        box[0] - reach < other[2]
        and other[0] < box[2] + reach
        and box[1] - reach < other[3]
        and other[1] < box[3] + reach
    )


class _Text:
    """The characters of a page by their tops, to find those a character is drawn over."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = sorted(chars, key=lambda char: char["top"])
        self.tops = [char["top"] for char in self.chars]
        self.tallest = max((char["bottom"] - char["top"] for char in chars), default=0)

    def covered_by(self, char: dict) -> bool:
        """Whether the character covers part of one of them: drawn over the text, not beside it."""
        x0, top, x1, bottom = box = _box(char)
        first = bisect.bisect_left(self.tops, top - self.tallest)
        for other in self.chars[first : bisect.bisect_left(self.tops, bottom)]:
            width = min(x1, other["x1"]) - max(x0, other["x0"])
            height = min(bottom, other["bottom"]) - max(top, other["top"])
            if width > 0 and height > 0 and width * height > _OVERLAP * min(_area(box), _area(_box(other))):
                return True
        return False


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _stamp_or_pale(colour: Any) -> bool:
    """Red (a stamp's) or a pale grey (a watermark's); white is kept, which a dark cell may print."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return False  # a pattern, or none: black
    if len(colour) == 4:  # CMYK, as RGB
        c, m, y, k = colour
        colour = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    if len(colour) == 1:
        colour = tuple(colour) * 3
    if len(colour) != 3:
        return False
    red, green, blue = colour
    return (red >= 0.6 and green <= 0.4 and blue <= 0.4) or (0.6 <= min(colour) and max(colour) < 0.99)


def _upright(page):
    """The page turned so that most of its text reads left to right: a portrait form a viewer
    rotated and saved is sideways, its table's rows running down the page."""
    turn = _text_turn(page.chars)
    if not turn:
        return page
    from pdfplumber.page import Page

    # A copy, so that the document's own page (and what else reads it) stays as it is.
    page_obj = copy.copy(page.page_obj)
    page_obj.rotate = (page_obj.rotate + turn) % 360
    page_obj.attrs = {**page_obj.attrs, "Rotate": page_obj.rotate}
    return Page(page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _text_turn(chars: list[dict]) -> int:
    """Degrees clockwise that put most chars upright: 0, 90, 180 or 270."""
    if 2 * sum(1 for char in chars if char["upright"]) >= len(chars):
        return 0
    return Counter(_baseline_angle(char["matrix"]) for char in chars).most_common(1)[0][0]


def _baseline_angle(matrix: tuple[float, ...]) -> int:
    """The angle of a char's baseline on the shown page, anticlockwise to the nearest quarter:
    the turn clockwise that puts it upright. Its matrix's (a, b) is the baseline's direction."""
    return round(math.degrees(math.atan2(matrix[1], matrix[0])) / 90) % 4 * 90


def _flatten_rules(page) -> None:
    """A page drawn through a rotation of floats (cos 90° = 6e-17) has its rules 1e-13 pt off
    flat, and pdfplumber takes a line as across only when its top and bottom are equal: rounded,
    in the page's own objects that its table finder reads, they are flat again."""
    for kind in ("line", "rect", "curve"):
        for obj in page.objects.get(kind, ()):
            for key in _COORDINATES:
                obj[key] = round(obj[key], _PLACES)
            obj["pts"] = [(round(x, _PLACES), round(y, _PLACES)) for x, y in obj["pts"]]


def _without_furniture(page):
    boxes = [
        (line["x0"], line["top"], line["x1"], line["bottom"])
        for line in page.extract_text_lines()
        if _is_furniture(line, page.height)
    ]
    return page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page


def _inside(char: dict, boxes: list[Box]) -> bool:
    """Whether the character's centre is in one of the boxes (a table's, a stamp's ring)."""
    x, y = _centre(char)
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _centre(char: dict) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _margin(line: dict, height: float) -> str:
    return "top" if line["bottom"] < height * _MARGIN else "bottom" if line["top"] > height * (1 - _MARGIN) else ""


def _is_furniture(line: dict, height: float) -> bool:
    """A line in the top or bottom margin that is a page number, or has one in it (N/M with N at
    most M, not a date)."""
    text = line["text"].strip()
    if not _margin(line, height):
        return False
    return bool(_PAGE_NUMBER.match(text)) or any(
        not mark[1] or int(mark[1]) <= int(mark[2]) for mark in _PAGE_MARK.finditer(text)
    )


def _without_running_lines(pages: list[_Page]) -> list[_Page]:
    """The pages without their running header and footer. Left in, a margin line cuts a table
    continued over the page break in two. A footer is a bottom margin line whose text, numbers
    aside, is on more than one page; a header, a top margin line on every page that is no title
    (a form's title heads each page a form begins on)."""
    pages_of: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line) and item.margin:
                pages_of.setdefault((item.margin, _DIGITS.sub("#", item.text)), set()).add(item.page)
    running = {
        key
        for key, numbers in pages_of.items()
        if len(numbers) > 1
        and (key[0] == "bottom" or (len(numbers) == len(pages) and not is_title(key[1]) and not year_in(key[1])))
    }
    for page in pages:
        page.items = [item for item in page.items if not _is_running(item, running)]
    return pages


def _is_running(item: _Table | _Line, running: set[tuple[str, str]]) -> bool:
    return isinstance(item, _Line) and (item.margin, _DIGITS.sub("#", item.text)) in running


_DIGITS = re.compile(r"\d+")


def _grid(pages: list[_Page]) -> list[GridRow]:
    items = _join_continued(_without_running_lines(pages))
    rows: list[GridRow] = []
    for item in items:
        if isinstance(item, _Line):
            rows.append(GridRow(len(rows) + 1, [item.text], f"第{item.page}页"))
            continue
        for piece, cells in _laid_out(item):
            rows.append(GridRow(len(rows) + 1, cells, piece))
    return rows


def _join_continued(pages: list[_Page]) -> list[_Table | _Line]:
    """Items in reading order, a table that opens a page (under a 续表 label, if any) joined to the
    one that closed the page before when both span the same width."""
    items: list[_Table | _Line] = []
    for page in pages:
        page_items = page.items
        if (
            len(page_items) > 1
            and isinstance(page_items[0], _Line)
            and is_continued_label(page_items[0].text)
            and _continues(items, page_items[1])
        ):
            page_items = page_items[1:]
        for position, item in enumerate(page_items):
            previous = items[-1] if items else None
            if position == 0 and isinstance(previous, _Table) and isinstance(item, _Table) and _continues(items, item):
                previous.pieces.append(item)
                continue
            items.append(item)
    return items


def _continues(items: list[_Table | _Line], item: _Table | _Line) -> bool:
    previous = items[-1] if items else None
    return (
        isinstance(item, _Table)
        and isinstance(previous, _Table)
        and previous.page < item.page
        and abs(previous.x0 - item.x0) <= _COLUMN_TOLERANCE
        and abs(previous.x1 - item.x1) <= _COLUMN_TOLERANCE
    )


def _laid_out(table: _Table) -> list[tuple[str, list[str]]]:
    """(location, cells) of every row of a table and its continuations, on one set of columns."""
    pieces = [table, *table.pieces]
    edges = _column_edges([cell.x0 for piece in pieces for row in piece.rows for cell in row])
    out: list[tuple[str, list[str]]] = []
    openings: list[list[list[str]]] = []  # the rows each piece so far began with
    for piece in pieces:
        rows = [_place(row, edges) for row in piece.rows]
        # A header the producer repeats at the top of each page: the rows an earlier piece began with.
        repeated = max(
            (n for opening in openings for n in range(1, len(rows) + 1) if rows[:n] == opening[:n]), default=0
        )
        openings.append(rows)
        rows = rows[repeated:]
        first = len(piece.rows) - len(rows)
        out += [(f"第{piece.page}页表{piece.number}第{first + i}行", cells) for i, cells in enumerate(rows, 1)]
    return out


def _column_edges(lefts: list[float]) -> list[float]:
    edges: list[float] = []
    for x in sorted(lefts):
        if not edges or x - edges[-1] > _COLUMN_TOLERANCE:
            edges.append(x)
    return edges


def _place(row: list[_Cell], edges: list[float]) -> list[str]:
    cells = [""] * len(edges)
    for cell in row:
        column = min(range(len(edges)), key=lambda i: abs(edges[i] - cell.x0))
        cells[column] = cell.text if not cells[column] else f"{cells[column]} {cell.text}"
    return cells


def _read_text(pdf, path: str) -> list[Form]:
    """A PDF with no ruled table: its text laid out by columns, read by the words' positions; the
    text in reading order, for the PDF-text reader, when that finds no table."""
    from reviewer.readers import layout, pdftext

    laid_out = page_text(pdf, path, layout=True)
    try:
        return layout.read_pdf_text(laid_out, path)
    except InputError:
        return pdftext.read(page_text(pdf, path), path)


def pdf_text(path: str, layout: bool = False, data: bytes | None = None) -> str:
    """The PDF's text as lines, pages separated by a form feed (what the PDF-text reader takes
    for a page break)."""
    with opened(path, data) as pdf:
        return page_text(pdf, path, layout)


def page_text(pdf, path: str, layout: bool = False) -> str:
    try:
        pages = (_without_furniture(_without_overlays(_upright(page))[0]) for page in pdf.pages)
        return "\n\f\n".join(page.extract_text(layout=layout) or "" for page in pages)
    except Exception as error:
        raise library_error(path, "cannot read the PDF's text", error) from None
