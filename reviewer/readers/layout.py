"""Read text that keeps a table's columns by spaces: `pdftotext -layout` of a PDF form, and
pdfplumber's layout text of a PDF whose table has no ruling lines.

Such text puts each word at the character column of its place on the page, so the words under a
header cell are the cells of its column. A table's header is found by its names, its cells
wrapped over up to five lines ("年度指" over "标值"); the column of each header cell starts where
its first line does, and a word belongs to the last column that starts at or just after it (a
full cell can push the next cell's first word a few places left). A table row is printed from
its top line down, every cell's first line on the row's first line: a line with a value under
分值 or 得分 (or, in the funds table, a number) starts a row, the lines below it go on with its
cells. A table whose cells' text is centred vertically is first set out that way: its rows are
where those values are, each cell's lines centred on its row's. The rows then go, as cells,
through the grid reader of tab-separated text.

Outside a table a line's cells are its words two spaces or more apart. The block labels printed
down a table's first column ("绩效指标" one character a line) are passed over; 总分, 评分等级 and
the notes after the table are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.form.model import Form, ParseWarning
from reviewer.form.text import squash
from reviewer.form.values import is_number_cell
from reviewer.readers.grid import join_wrapped
from reviewer.readers.segment import HEADER_KEYS
from reviewer.readers.tabular import Grid, read_grid
from reviewer.readers.vocabulary import (
    FUNDS_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    field_for_header,
    is_note_label,
    is_title,
    is_total_label,
    looks_like_level,
    year_in,
)

# A word this many places left of a column's start still belongs to it.
_PUSHED = 3
_MISFIT = 10  # places a word would rather move than sit in a column of another kind
_SCORE = re.compile(r"^\d{1,3}\.\d{1,2}$")  # what 分值 and 得分 print: "6.00", "18.67"
_HEADER_LINES = 5  # lines a wrapped header cell may take
_HEADER_CELL_MAX = 20
_GAP = re.compile(r"\S+(?: \S+)*")  # words one space apart: one cell outside a table


@dataclass
class _Word:
    start: int
    text: str


@dataclass
class _Table:
    kind: str  # "indicators", "funds" or "goals"
    starts: list[int]  # where each column starts
    fields: list[str | None]  # the field each column's header names
    header: list[str]  # each column's header text
    # The row whose 一级/二级 cell a column's category text is in so far: a merged cell's text can
    # go on past the row it starts on ("产出指" on one row, "标(50分)" on the next).
    owners: dict[int, _Row] = field(default_factory=dict)

    def column(self, word: _Word) -> int:
        """The column a word is in by its start alone; -1 left of the first."""
        found = -1
        for i, start in enumerate(self.starts):
            if start <= word.start + _PUSHED:
                found = i
        return found

    def nearest(self, word: _Word) -> int:
        """The column whose start is nearest the word's (the left one of two as near)."""
        return min(range(len(self.starts)), key=lambda i: abs(self.starts[i] - word.start))

    def _misfit(self, text: str, column: int) -> int:
        """What a word costs in a column its kind does not go in: a score ("6.00") under a category,
        三级指标 or 偏差原因, a word that is no number under 分值 or 得分 or a funds column."""
        field = self.fields[column]
        if self._holds_values(column):
            return 0 if _is_value(text) or _REST.match(text) else _MISFIT
        if field in ("level1", "level2", "name", "explanation"):
            return _MISFIT if _SCORE.match(text) else 0
        return 0

    def _holds_values(self, column: int) -> bool:
        """A column of one number a row: 分值, 得分, or the funds table's."""
        field = self.fields[column]
        return field in ("weight", "score") or (self.kind == "funds" and field is not None)

    def place(self, words: list[_Word]) -> list[int]:
        """The column of each word of a line (-1 left of the first column). Words keep their order
        across the columns and each goes as near its column's start as it can; two words far
        apart in one column cost more. A line's cells are found together, not word by word:
        after a long Chinese cell pdftotext can push the rest of the line a few places right."""
        lead = [w for w in words if w.start + _PUSHED < self.starts[0]]
        rest = words[len(lead) :]
        if not rest:
            return [-1] * len(lead)
        m = len(self.starts)
        inf = float("inf")
        cost = [[inf] * m for _ in rest]
        back = [[0] * m for _ in rest]
        misfit = [[self._misfit(word.text, j) for j in range(m)] for word in rest]
        for j in range(m):
            cost[0][j] = abs(rest[0].start - self.starts[j]) + misfit[0][j]
        for i in range(1, len(rest)):
            gap = rest[i].start - (rest[i - 1].start + len(rest[i - 1].text))
            values = _is_value(rest[i].text) and _is_value(rest[i - 1].text)
            shared = 0 if gap <= 1 else 12 if values else 4
            best, best_k = inf, 0  # the cheapest column left of j for the word before
            for j in range(m):
                here = abs(rest[i].start - self.starts[j]) + misfit[i][j]
                # Two values in a column of one value are two cells however near ("10 8.00" under
                # 分值 and 得分): joined they would be a third value ("108.00").
                same = inf if values and self._holds_values(j) else cost[i - 1][j] + shared
                cost[i][j], back[i][j] = (best + here, best_k) if best < same else (same + here, j)
                if cost[i - 1][j] < best:
                    best, best_k = cost[i - 1][j], j
        j = min(range(m), key=lambda k: cost[-1][k])
        columns = [j]
        for i in range(len(rest) - 1, 0, -1):
            j = back[i][j]
            columns.append(j)
        return [-1] * len(lead) + columns[::-1]

    @property
    def first_field(self) -> int:
        return next(i for i, f in enumerate(self.fields) if f)

    def starts_row(self, cells: list[str], row: _Row | None) -> bool:
        """Whether a line's cells start a row: a value where a row has one on its first line (分值
        or 得分; in the funds table a number or a dash), that is not the rest of a value the line
        above cut ("20.0" over "0", "30.00(%" over ")", "100." over "00")."""
        anchors = [i for i, f in enumerate(self.fields) if f in _ANCHORS[self.kind] and cells[i]]
        if self.kind == "funds":
            anchors = [i for i in anchors if is_number_cell(cells[i]) or _REST.match(cells[i]) or cells[i] in _DASHES]
        if not anchors or row is None:
            return bool(anchors)
        return not all(_goes_on(row.last(i), cells[i]) for i in anchors)


_ANCHORS = {
    "indicators": ("weight", "score"),
    "funds": ("initial_budget", "adjusted_budget", "executed", "weight", "rate", "score"),
    "goals": (),
}
_DASHES = ("-", "—", "–", "/", "——")
_CUT = re.compile(r"(?:[.(（]|\.\d)$")
_REST = re.compile(r"^(?:\d{1,2}%?|[)）%]+|[(（][^()（）\d]{1,8}[)）])$")


def _is_value(text: str) -> bool:
    return is_number_cell(text) or text in _DASHES


def _goes_on(above: str, text: str) -> bool:
    """Whether ``text`` is the rest of a value cut after ``above``: "20.0" over "0", "30.00(%" over
    ")", or an amount cut inside a thousands group, "1,43" over "0.80"."""
    if _CUT_GROUP.search(above):
        return bool(_REST_OF_AMOUNT.match(text))
    return bool(above) and bool(_REST.match(text)) and (bool(_CUT.search(above)) or not text[0].isdigit())


_CUT_GROUP = re.compile(r"\d,\d{0,2}$")  # a group of thousands has three digits
_REST_OF_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$")


@dataclass
class _Row:
    line: int
    cells: list[list[str]] = field(default_factory=list)

    def add(self, cells: list[str]) -> None:
        for column, text in zip(self.cells, cells):
            if text:
                column.append(text)

    def last(self, column: int) -> str:
        """The cell's text so far."""
        return join_wrapped(self.cells[column])

    def done(self) -> tuple[int, list[str]]:
        return self.line, [join_wrapped(parts) for parts in self.cells]


_VOCABULARIES = (("indicators", INDICATOR_COLUMNS), ("funds", FUNDS_COLUMNS), ("goals", GOAL_COLUMNS))


def looks_laid_out(text: str) -> bool:
    """Text whose lines hold words far apart, as a table laid out by spaces does."""
    lines = [line for line in text.splitlines() if line.strip()]
    spaced = sum(1 for line in lines if re.search(r"\S {3,}\S", line))
    return len(lines) >= 10 and spaced >= 0.3 * len(lines)


# Text handed in by a person may come from any extractor: its columns are a guess worth checking.
CHECK_VALUES = (
    "read from text laid out by spaces (pdftotext -layout): columns are found by position; "
    "check the values against the PDF, or give the PDF itself"
)


def read(text: str, path: str) -> list[Form]:
    forms = read_grid(layout_grid(text), path, "pdflayout")
    for form in forms:
        form.warnings.insert(0, ParseWarning.model_construct(line=None, message=CHECK_VALUES))
    return forms


def read_pdf_text(text: str, path: str) -> list[Form]:
    """The forms of a PDF's own layout text (pdfplumber's, for a table with no ruling lines)."""
    return read_grid(layout_grid(text), path, "pdflayout")


Rows = list["tuple[int, list[str]] | _Row"]  # rows done, and table rows still growing
Line = tuple[int, list[_Word]]  # a line's number and its words


def layout_grid(text: str) -> Grid:
    """The text's rows of cells, numbered by the line each starts on."""
    lines = [(n, _words(line)) for n, line in enumerate(text.replace("\f", "\n").split("\n"), 1)]
    grid: Rows = []
    table: _Table | None = None
    row: _Row | None = None
    i = 0
    while i < len(lines):
        header = _header_at(lines, i)
        if header is not None:
            table, taken = header
            _flush(grid, row)
            grid.append((lines[i][0], table.header))
            row, i = None, i + taken
            body, taken = _top_aligned(table, lines[i:])
            lines[i : i + taken] = body
            continue
        number, words = lines[i]
        if not words:
            i += 1
            continue
        if table is not None and _outside_table(words):
            _flush(grid, row)
            table, row = None, None
        if table is None:
            grid.append((number, _outside_cells(words)))
        else:
            row = _table_line(grid, table, row, words, number)
        i += 1
    _flush(grid, row)
    return [item.done() if isinstance(item, _Row) else item for item in grid]


def _words(line: str) -> list[_Word]:
    return [_Word(m.start(), m.group()) for m in re.finditer(r"\S+", line)]


def _outside_cells(words: list[_Word]) -> list[str]:
    """A line outside a table: its cells are the words two spaces or more apart."""
    line = " " * words[-1].start
    for word in words:
        line = line[: word.start] + word.text + line[word.start + len(word.text) :]
    return [join_wrapped(cell.split(" ")) for cell in _GAP.findall(line)]


def _header_at(lines: list[Line], i: int) -> tuple[_Table, int] | None:
    """The table whose header starts on line ``i``, and the lines it takes."""
    words = lines[i][1]
    if len(words) < 2 or any(w.text.startswith(tuple(HEADER_KEYS)) for w in words):
        return None
    if not any(field_for_header(w.text, vocabulary) for w in words for _, vocabulary in _VOCABULARIES):
        return None  # a header's first line names a column itself ("三级指标", "得分")
    starts = [w.start for w in words]
    best: tuple[int, _Table, int] | None = None
    texts = [[w.text] for w in words]
    probe = _Table("", starts, [None] * len(starts), [])
    for taken in range(1, _HEADER_LINES + 1):
        if taken > 1:
            below = lines[i + taken - 1][1] if i + taken - 1 < len(lines) else []
            if not below or any(_data_word(w.text) for w in below):
                break
            for word in below:
                texts[probe.nearest(word)].append(word.text)
        header = [squash(join_wrapped(parts)) for parts in texts]
        for kind, vocabulary in _VOCABULARIES:
            fields = [field_for_header(h, vocabulary) if len(h) <= _HEADER_CELL_MAX else None for h in header]
            found = {f for f in fields if f}
            if _is_header(kind, found) and (best is None or len(found) >= best[0]):
                best = (len(found), _Table(kind, starts, _first_of_each(fields), header), taken)
    return (_with_labels(best[1]), best[2]) if best else None


def _with_labels(table: _Table) -> _Table:
    """A funds table whose header names an amount first: its corner cell (项目资金（万元）) is
    merged down beside the rows and printed lower, centred on them. The rows' labels, left of
    the amounts, are a column of their own all the same."""
    if table.kind != "funds" or table.fields[0] is None:
        return table
    return _Table(table.kind, [0, *table.starts], [None, *table.fields], ["", *table.header])


_CATEGORIES = (*LEVEL1_NAMES, *LEVEL2_NAMES)


def _data_word(text: str) -> bool:
    """A word that is the table's, not its header's: a number, a category's name or its start."""
    return is_number_cell(text) or (len(text) >= 2 and any(name.startswith(text[:3]) for name in _CATEGORIES))


def _is_header(kind: str, found: set[str]) -> bool:
    if kind == "indicators":
        return {"name", "target", "weight"} <= found or {"level1", "level2", "name"} <= found
    if kind == "funds":
        return len(found) >= 3
    return {"expected", "actual"} <= found


def _first_of_each(fields: list[str | None]) -> list[str | None]:
    seen: set[str] = set()
    out: list[str | None] = []
    for f in fields:
        out.append(f if f and f not in seen else None)
        seen |= {f} if f else set()
    return out


def _table_line(grid: Rows, table: _Table, row: _Row | None, words: list[_Word], line: int) -> _Row | None:
    """Place one line of a table; the row it leaves open."""
    if is_note_label(words[0].text):  # a note across the page, below the table: it ends the table
        _flush(grid, row)
        grid.append((line, [join_wrapped(w.text for w in words)]))
        return None
    texts, label = _line_cells(table, words, table.place(words))
    if label and _is_label(label):
        _flush(grid, row)
        if not any(texts):
            grid.append((line, [label]))  # a note, printed across: it ends the table
            return None
        texts[0] = label
        row = _Row(line, [[] for _ in table.starts])  # 总分 or 评分等级, whose values can wrap too
        row.add(texts)
        return row
    if not any(texts):
        if len(squash(label)) > 2:
            _flush(grid, row)
            grid.append((line, [label]))  # text below the table
            return None
        return row
    if row is None or table.starts_row(texts, row) or _category_row(table, texts, row):
        _flush(grid, row)
        row = _Row(line, [[] for _ in table.starts])
    _category_goes_on(table, texts, row)
    row.add(texts)
    for column, text in enumerate(texts):
        if text and table.fields[column] in ("level1", "level2"):
            table.owners[column] = row
    return row


def _line_cells(table: _Table, words: list[_Word], columns: list[int]) -> tuple[list[str], str]:
    """A table line's text in each column (the column of each word given), and its label: the
    words left of the table's columns and in the columns before its first named one (总分, a
    note, a block label)."""
    cells: list[list[str]] = [[] for _ in table.starts]
    leading: list[str] = []
    for word, column in zip(words, columns):
        (cells[column] if column >= 0 else leading).append(word.text)
    texts = [join_wrapped(parts) for parts in cells]
    label = join_wrapped([*leading, *(t for t in texts[: table.first_field] if t)])
    if table.kind != "funds":  # the block label printed down the first column; funds rows' labels stay
        for column in range(table.first_field):
            texts[column] = ""
    if not label and _is_label(texts[0]):  # 总分 printed in the first column
        label, texts[0] = texts[0], ""
    return texts, label


def _category_goes_on(table: _Table, texts: list[str], row: _Row) -> None:
    """Category text that goes on with the cell of a row above, not yet a whole name: moved there."""
    for column, owner in table.owners.items():
        text = texts[column]
        if owner is row or not text or looks_like_level(text):
            continue
        above = owner.last(column)
        if not looks_like_level(above) and not looks_like_level(text):
            owner.cells[column].append(text)
            texts[column] = ""


def _is_label(text: str) -> bool:
    """总分, 评分等级 or a note: a row's label printed left of or in the table's first column."""
    return bool(text) and (is_total_label(text) or squash(text).startswith("评分等级") or is_note_label(text))


def _category_row(table: _Table, texts: list[str], row: _Row) -> bool:
    """A category printed on a row of its own: its name alone, under 一级 or 二级指标, below a row
    that has its values."""
    if table.kind != "indicators":
        return False
    levels = [i for i, f in enumerate(table.fields) if f in ("level1", "level2")]
    filled = [i for i, t in enumerate(texts) if t]
    return bool(filled) and set(filled) <= set(levels) and all(looks_like_level(texts[i]) for i in filled)


def _outside_table(words: list[_Word]) -> bool:
    """A line that is no table's: a form's title, its year, its 项目名称 (the next form begins)."""
    text = squash(" ".join(w.text for w in words))
    return is_title(text) or (year_in(text) is not None and len(text) < 20) or text.startswith(tuple(HEADER_KEYS))


def _flush(grid: Rows, row: _Row | None) -> None:
    if row is not None:
        grid.append(row)


# ---- a table whose cells' text is centred in them ----
#
# A form drawn with each cell's text centred vertically (Excel's and WPS's usual style, and what
# OCR of a scanned form gives back) prints a row's numbers on the row's middle line, and the lines
# of a taller cell spread as far above them as below. Such a table's rows are found first and
# its text set out again top-aligned, each cell's first line on its row's first, which the rest
# of this reader reads.


@dataclass
class _Band:
    """A row of a centred table: the line of its 分值/得分 (its anchor) and each column's lines."""

    anchor: int
    columns: dict[int, list[Line]] = field(default_factory=dict)

    def numbers(self) -> list[int]:
        return [self.anchor, *(number for lines in self.columns.values() for number, _ in lines)]


def _top_aligned(table: _Table, lines: list[Line]) -> tuple[list[Line], int]:
    """The lines below a table's header that hold its rows, each row's cells set out from its
    first line (the lines as they are when they already are), and how many lines they were: up
    to the table's 总分 or 评分等级 row, a note, the next header or the next form."""
    body: list[tuple[int, list[str], dict[int, list[_Word]]]] = []  # each line's texts and words by column
    taken = len(lines)
    for k, (number, words) in enumerate(lines):
        if not words:
            continue
        columns = table.place(words)
        texts, label = _line_cells(table, words, columns)
        if _outside_table(words) or is_note_label(words[0].text) or _is_label(label) or _header_at(lines, k):
            taken = k
            break
        body.append((number, texts, _pieces(table, words, columns)))
    anchors = _anchors(table, body)
    pieces = [columns for _, _, columns in body]
    if not anchors or not _centred(table, pieces, anchors):
        return lines[:taken], taken
    bands = _bands([number for number, _, _ in body], pieces, anchors)
    for column in range(len(table.starts)):
        if _is_category(table, column):
            _merged_to_first_row(bands, column)
    return [line for band in bands for line in _band_lines(band)], taken


def _pieces(table: _Table, words: list[_Word], columns: list[int]) -> dict[int, list[_Word]]:
    """A line's words by column (-1 left of the first). An indicator table's block label, left of
    its named columns ("绩效指标" down the side), is left out: the reader passes it over."""
    out: dict[int, list[_Word]] = {}
    for word, column in zip(words, columns):
        if table.kind == "funds" or column >= table.first_field:
            out.setdefault(column, []).append(word)
    return out


def _anchors(table: _Table, body: list[tuple[int, list[str], dict[int, list[_Word]]]]) -> set[int]:
    """The lines (indexes into ``body``) that hold a row's numbers."""
    found: set[int] = set()
    previous: _Row | None = None
    for k, (number, texts, _) in enumerate(body):
        if table.starts_row(texts, previous):
            found.add(k)
            previous = _Row(number, [[text] for text in texts])
    return found


def _centred(table: _Table, pieces: list[dict[int, list[_Word]]], anchors: set[int]) -> bool:
    """Whether some cell starts above its row's numbers: text in a column that is empty on the
    anchor line above it, or above the first. A top-aligned cell starts on its row's first line,
    where the numbers are. Category columns are no proof: a merged category's name goes on below
    rows whose cells are blank there."""
    above: dict[int, list[_Word]] | None = None
    for k, columns in enumerate(pieces):
        if k in anchors:
            above = columns
            continue
        for column in columns:
            if not _is_category(table, column) and (above is None or column not in above):
                return True
    return False


def _is_category(table: _Table, column: int) -> bool:
    return column >= 0 and table.fields[column] in ("level1", "level2")


def _bands(numbers: list[int], pieces: list[dict[int, list[_Word]]], anchors: set[int]) -> list[_Band]:
    """The table's rows: each anchor line's, with the lines between two anchors shared out
    column by column, a cell of the row above keeping as many as centre it on its anchor."""
    bands: list[_Band] = []
    pending: dict[int, list[Line]] = {}
    for k, (number, columns) in enumerate(zip(numbers, pieces)):
        if k not in anchors:
            for column, words in columns.items():
                pending.setdefault(column, []).append((number, words))
            continue
        band = _Band(number)
        for column, lines in pending.items():
            kept = _lower_half(bands[-1], column, lines) if bands else 0
            if kept:
                bands[-1].columns.setdefault(column, []).extend(lines[:kept])
            if lines[kept:]:
                band.columns[column] = lines[kept:]
        for column, words in columns.items():
            band.columns.setdefault(column, []).append((number, words))
        bands.append(band)
        pending = {}
    for column, lines in pending.items():  # below the last row's numbers: its own
        bands[-1].columns.setdefault(column, []).extend(lines)
    return bands


def _lower_half(band: _Band, column: int, lines: list[Line]) -> int:
    """How many of ``lines`` (a column's, below a row's anchor) go on with the row's cell there:
    as many as put the cell's middle nearest the anchor, the fewest of as many. A row whose cell
    there is blank so far has none."""
    cell = band.columns.get(column, [])
    if not cell:
        return 0

    def off(kept: int) -> float:
        last = lines[kept - 1] if kept else cell[-1]
        return abs((cell[0][0] + last[0]) / 2 - band.anchor)

    return min(range(len(lines) + 1), key=off)


def _merged_to_first_row(bands: list[_Band], column: int) -> None:
    """A category's name centred on the rows of its merged cell goes to the first of them, as a
    top-aligned table prints it. Its rows are those after the category above's whose middle is
    nearest the name's."""
    named = [i for i, band in enumerate(bands) if column in band.columns]
    tops = [min(band.numbers()) for band in bands]
    bottoms = [max(band.numbers()) for band in bands]
    first = 0
    for q, i in enumerate(named):
        lines = bands[i].columns.pop(column)
        bands[first].columns[column] = lines
        middle = (lines[0][0] + lines[-1][0]) / 2
        below = named[q + 1] if q + 1 < len(named) else len(bands)
        last = min(range(i, below), key=lambda end: abs((tops[first] + bottoms[end]) / 2 - middle))
        first = last + 1


def _band_lines(band: _Band) -> list[Line]:
    """A row's lines with each cell's text from the first, numbered by the row's first line."""
    depth = max((len(lines) for lines in band.columns.values()), default=0)
    top = min(band.numbers())
    out: list[Line] = []
    for k in range(depth):
        words = [word for lines in band.columns.values() if k < len(lines) for word in lines[k][1]]
        out.append((top, sorted(words, key=lambda word: word.start)))
    return out
