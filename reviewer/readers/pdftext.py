"""Read text extracted from a PDF form (seed 003): no tabs, cells wrapped over lines.

What the extractor gives: a row whose cells each fit one line comes out as one line
("巡检次数 =1.00(次/月) 1.00(次/月) 6.00 6.00"); a row with a wrapped cell comes out one
cell per line, in column order; category labels come in two-character pieces beside the
rows; an explanation runs down in a narrow column past the next rows; three blank lines
mark a page break, which can cut a row, a label or an explanation.

The reader walks the indicator table as a stream of text pieces and value tokens. Every
row ends with its 分值 and 得分 (two numbers in a row); what precedes them is, from the
end, 实际完成值, 年度指标值 and 三级指标; what follows is 偏差原因分析. Where wrapped text
could belong to two cells, the column widths decide: a wrapped cell's lines are full
except its last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.form.text import display_width, join_wrapped, squash
from reviewer.form.values import GRADE_PHRASES, parse_decimal, parse_grade, parse_value
from reviewer.readers.build import FormDraft, RawRow, build_form, funds_row, total_row
from reviewer.readers.pdflabels import LabelAssembler, assign_levels
from reviewer.readers.segment import form_spans, header_pairs, starts_with_project
from reviewer.readers.vocabulary import (
    FUNDS_COLUMNS,
    GOAL_LABELS,
    INDICATOR_COLUMNS,
    field_for_header,
    funds_row_key,
    is_title,
    money_unit_in,
    year_in,
)


@dataclass
class Line:
    no: int
    text: str
    page: int


def read(text: str, path: str) -> list[Form]:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spans = form_spans(raw_lines)
    if not spans:
        raise InputError(path, "no form found: no 项目名称 line")
    pages = _page_numbers(raw_lines)
    forms = []
    for start, end in spans:
        lines = [Line(i + 1, raw_lines[i].strip(), pages[i]) for i in range(start, end) if raw_lines[i].strip()]
        forms.append(build_form(_FormReader(lines, path).read()))
    return forms


def _page_numbers(raw_lines: list[str]) -> list[int]:
    """Page of every line: a form feed, or three empty lines in a row, starts a page."""
    pages, page, empty_run = [], 0, 0
    for line in raw_lines:
        if "\f" in line or (line == "" and empty_run == 2):
            page += 1
        empty_run = empty_run + 1 if line == "" else 0
        pages.append(page)
    return pages


# ---- tokens ----

_UNIT_TOKEN = re.compile(r"^[(（][^()（）\d]{1,8}[)）]$")
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MEASURE_START = re.compile(r"^(?:[年月日个次家条万亿笔件人户元名台套天周季号期批]|项(?!目))")
_DASHES = {"-", "—", "–", "－", "/", "——"}


@lru_cache(maxsize=8192)
def _token_type(token: str) -> str:
    """N plain number, V number with comparator or unit, G start of a grade, U a bare unit, T text."""
    if _UNIT_TOKEN.match(token):
        return "U"
    if _PLAIN_NUMBER.match(token):
        return "N"
    value = parse_value(token)
    if value is not None and value.kind == "number":
        return "V"
    if len(token) >= 2 and (any(phrase.startswith(token) for phrase in GRADE_PHRASES) or parse_grade(token)):
        return "G"
    return "T"


def _line_types(tokens: list[str]) -> list[str]:
    types = [_token_type(t) for t in tokens]
    # "2024 年已按计划完成", "一年 2 次，": a number followed by its measure word is prose.
    for i in range(len(types) - 1):
        if types[i] in "NV" and types[i + 1] == "T" and _MEASURE_START.match(tokens[i + 1]):
            types[i] = types[i + 1] = "T"
    return types


# From a row's first value on: value cells only; or cells ending in 分值 得分 followed by the
# explanation; or a numeric target with a text actual ("≤30万元 完成 10 8").
_VALUE_SHAPE = re.compile(r"^(?:[VNG]U?)+$|^(?:[VNG]U?)*NU?NU?T+$|^VU?TNU?NU?T*$")


def _values_start(types: list[str]) -> int | None:
    """Index where a row's values begin on this line, or None if the line is prose."""
    first = next((i for i, t in enumerate(types) if t in "VNG"), None)
    if first is None or not _VALUE_SHAPE.match("".join(types[first:])):
        return None
    return first


# ---- the indicator table ----


@dataclass
class _Piece:
    text: str
    line: int
    page: int

    @property
    def width(self) -> float:
        return display_width(self.text)


@dataclass
class _Row:
    index: int
    line: int
    pending: list[_Piece]  # prose lines seen since the previous row's 得分
    label_breaks: set[int]  # indices in pending where a new category label began
    name_tokens: list[str]  # text cells on the line where the values begin
    cells: list[list[str]] = field(default_factory=list)  # value cells, each a list of tokens
    cell_types: list[str] = field(default_factory=list)
    explanation: list[_Piece] = field(default_factory=list)
    name: str = ""
    target: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None

    def ends_with_scores(self) -> bool:
        return len(self.cell_types) >= 2 and self.cell_types[-1] == "N" and self.cell_types[-2] == "N"


class _Body:
    """The rows of one indicator table, built from its lines in order.

    A row opens at the line where its values begin and stays open until the next line
    shows it is over: a new row, prose (the start of the next row or more explanation,
    decided when the next row's values appear) or a new category label.
    """

    def __init__(self, draft: FormDraft):
        self.draft = draft
        self.labels = LabelAssembler()
        self.rows: list[_Row] = []
        self.current: _Row | None = None
        self.pending: list[_Piece] = []
        self.label_breaks: set[int] = set()

    def feed(self, line: Line) -> None:
        tokens = line.text.split()
        # Where the label piece sits, in rows: k between rows k-1 and k, k + 0.5 beside an
        # unfinished row k. A row that has its scores is over as far as labels are concerned.
        row = self.current
        if row is None:
            position = float(len(self.rows))
        else:
            position = row.index + (1.0 if row.ends_with_scores() else 0.5)
        taken, began = self.labels.feed_line(tokens, position, line.page, line.no)
        if began and self.current is not None and self.current.ends_with_scores():
            self._close_row()
        if began and self.current is None:
            self.label_breaks.add(len(self.pending))
        tokens = tokens[taken:]
        if not tokens:
            return
        types = _line_types(tokens)
        row = self.current
        if row is not None and row.ends_with_scores() and types != ["N"]:
            self._close_row()
            row = None
        if row is None:
            start = _values_start(types)
            if start is None:
                self.pending.append(_Piece(" ".join(tokens), line.no, line.page))
                return
            row = self._open_row(line, tokens[:start])
            tokens, types = tokens[start:], types[start:]
        self._add_values(row, line, tokens, types)

    def _open_row(self, line: Line, name_tokens: list[str]) -> _Row:
        row = _Row(
            index=len(self.rows),
            line=line.no,
            pending=self.pending,
            label_breaks=self.label_breaks,
            name_tokens=name_tokens,
        )
        self.pending, self.label_breaks = [], set()
        self.current = row
        return row

    def _add_values(self, row: _Row, line: Line, tokens: list[str], types: list[str]) -> None:
        for i, (token, kind) in enumerate(zip(tokens, types)):
            if row.ends_with_scores() and kind in "TGV":
                # What follows 得分 on its line is the start of the explanation.
                row.explanation.append(_Piece(" ".join(tokens[i:]), line.no, line.page))
                return
            if kind == "U" and row.cells:
                row.cells[-1].append(token)
            elif row.cell_types and row.cell_types[-1] == "G" and _extends_grade("".join(row.cells[-1]), token):
                row.cells[-1].append(token)
            elif kind in "VNG" or (kind == "T" and row.cell_types == ["V"]):
                # A text cell after a numeric target is a qualitative actual ("≤30万元" → "完成").
                row.cells.append([token])
                row.cell_types.append(kind)
            else:
                self.draft.warn(line.no, f"could not place {token!r} in the row of line {row.line}")

    def _close_row(self) -> None:
        row = self.current
        assert row is not None
        self.current = None
        self._split_cells(row)
        self.rows.append(row)

    def finish(self) -> list[RawRow]:
        if self.current is not None:
            self._close_row()
        if self.pending:
            if self.rows:
                self.rows[-1].explanation.extend(self.pending)
            else:
                self._unplaced(self.pending)
        labels = self.labels.finish()
        level1, level2 = assign_levels(labels, len(self.rows))
        if self.rows and not labels:
            self.draft.warn(self.rows[0].line, "no 一级/二级指标 labels found beside the rows")
        return [
            RawRow(
                line=row.line,
                name=row.name,
                target=row.target,
                actual=row.actual,
                weight=row.weight,
                score=row.score,
                explanation=join_wrapped([p.text for p in row.explanation]) or None,
                level1=level1[row.index],
                level2=level2[row.index],
            )
            for row in self.rows
        ]

    def _unplaced(self, pieces: list[_Piece]) -> None:
        lines = sorted({p.line for p in pieces})
        self.draft.warn(
            lines[0],
            f"could not place lines {', '.join(map(str, lines))}: {join_wrapped([p.text for p in pieces])[:60]}",
        )

    def _split_cells(self, row: _Row) -> None:
        """Give the row its cells: 分值 and 得分 from the end, then 实际完成值 and 年度指标值,
        then whatever text cells it still lacks from the lines before it."""
        cells = ["".join(c) for c in row.cells]
        if row.ends_with_scores():
            row.weight, row.score = cells[-2], cells[-1]
            values = cells[:-2]
        else:
            self.draft.warn(row.line, "row without 分值 and 得分; kept what could be read")
            values = cells
        if len(values) > 2:
            self.draft.warn(row.line, f"more values than columns: {' '.join(values)}")
            values = values[-2:]
        texts = self._name_and_text_cells(row, 2 - len(values))
        row.target, row.actual = (texts + values)[:2] if texts or values else (None, None)

    def _name_and_text_cells(self, row: _Row, missing: int) -> list[str]:
        """Set the row's name; return the ``missing`` text cells (a qualitative target, and the
        actual too if neither was a value). Prose lines before them that are neither go to the
        previous row's explanation."""
        previous = self.rows[-1] if self.rows else None
        tokens = row.name_tokens
        if len(tokens) > missing:
            row.name = squash(" ".join(tokens[: len(tokens) - missing]))
            self._give_explanation(previous, row.pending)
            return tokens[len(tokens) - missing :]
        need = missing - len(tokens)
        end = self._explanation_end(previous, row, need)
        self._give_explanation(previous, row.pending[:end])
        name, cells = _split_name_cells(row.pending[end:], need)
        if name:
            row.name, row.line = join_wrapped([p.text for p in name]), name[0].line
        else:
            self.draft.warn(row.line, "row without a name")
        return [join_wrapped([p.text for p in cell]) for cell in cells] + tokens

    def _explanation_end(self, previous: _Row | None, row: _Row, need: int) -> int:
        """How many prose lines before this row still belong to the previous row's explanation."""
        pieces = row.pending
        limit = len(pieces) - 1 - need  # leave at least a name and the text cells
        if previous is None or limit <= 0:
            return 0
        if row.label_breaks:
            return min(min(row.label_breaks), limit)
        if not previous.explanation:
            # No explanation began beside the scores: the lines are this row's name if they can be.
            return next(
                (end for end in range(limit + 1) if _split_name_cells(pieces[end:], need, strict=True)[0]), limit
            )
        explanation = list(previous.explanation)
        end = 0
        while end < limit:
            widest = max(p.width for p in explanation)
            if explanation[-1].width < widest - 1 or pieces[end].width > widest + 1:
                break
            explanation.append(pieces[end])
            end += 1
        return end

    def _give_explanation(self, previous: _Row | None, pieces: list[_Piece]) -> None:
        if not pieces:
            return
        if previous is None:
            self._unplaced(pieces)
        else:
            previous.explanation.extend(pieces)


def _extends_grade(so_far: str, token: str) -> bool:
    joined = so_far + token
    return any(phrase.startswith(joined) for phrase in GRADE_PHRASES) and not any(
        phrase == so_far for phrase in GRADE_PHRASES
    )


def _full(pieces: list[_Piece]) -> bool:
    """A wrapped cell's lines are all full except the last."""
    if len(pieces) < 2:
        return True
    widest = max(p.width for p in pieces)
    return all(p.width >= widest - 1 for p in pieces[:-1])


def _split_name_cells(pieces: list[_Piece], need: int, strict: bool = False) -> tuple[list[_Piece], list[list[_Piece]]]:
    """Split prose lines into the name and ``need`` one-cell texts after it, shortest name first.
    Wrapped lines are full except the last, and a target's lines are narrower than a name's.
    ``strict`` returns no name when no split fits those rules."""
    if len(pieces) <= need:
        return [], [[p] for p in pieces]
    candidates = [len(pieces)] if need == 0 else range(1, len(pieces) - need + 1)
    for cut in candidates:
        name, rest = pieces[:cut], pieces[cut:]
        cells = [rest] if need == 1 else [[p] for p in rest]
        if len(name) <= 3 and _full(name) and all(_full(c) for c in cells) and _narrower(cells, name):
            return name, cells
    if strict:
        return [], []
    return pieces[: len(pieces) - need], [[p] for p in pieces[len(pieces) - need :]]


def _narrower(cells: list[list[_Piece]], name: list[_Piece]) -> bool:
    widest_name = max(p.width for p in name)
    return widest_name < 10 or all(p.width <= 0.6 * widest_name for cell in cells for p in cell)


# ---- the whole form ----

_HEADER_PIECES = {"一级", "二级", "三级", "指标", "偏差原因分析", "及改进措施", "原因分析", "改进措施"}


def _header_field(token: str) -> str | None:
    return field_for_header(token, INDICATOR_COLUMNS)


def _is_table_header(tokens: list[str]) -> bool:
    """A line of the indicator table's header, including the pieces of its wrapped cells."""
    return all(t in _HEADER_PIECES or _header_field(t) for t in tokens)


def _is_repeated_header(tokens: list[str]) -> bool:
    """A header printed again after a page break: several column names on one line."""
    return _is_table_header(tokens) and sum(1 for t in tokens if _header_field(t)) >= 2


class _FormReader:
    def __init__(self, lines: list[Line], path: str):
        self.lines = lines
        self.draft = FormDraft(path=path, reader="pdftext", line=lines[0].no)

    def read(self) -> FormDraft:
        stage = "header"
        funds: _Funds | None = None
        goal_lines: list[Line] = []
        body = _Body(self.draft)
        columns: list[str] = []
        for line in self.lines:
            tokens = line.text.split()
            starts_goals = squash(line.text) in GOAL_LABELS or "预期目标" in line.text
            if stage in ("header", "funds") and (starts_goals or _is_table_header(tokens)):
                if funds is not None:
                    funds.finish()
                stage = "goals"
            if stage == "header":
                funds_columns = [field_for_header(t, FUNDS_COLUMNS) for t in tokens]
                if len(tokens) >= 3 and all(funds_columns):
                    funds, stage = _Funds(funds_columns, self.draft), "funds"
                else:
                    self._read_header(line)
            elif stage == "funds":
                assert funds is not None
                funds.feed(line)
            elif stage in ("goals", "table-header") and _is_table_header(tokens):
                stage = "table-header"
                columns += [f for t in tokens if (f := _header_field(t))]
            elif stage == "goals":
                if squash(line.text) not in GOAL_LABELS and not (
                    "预期目标" in line.text and "实际完成情况" in line.text
                ):
                    goal_lines.append(line)
            elif stage in ("table-header", "body"):
                if stage == "table-header":
                    self._check_columns(columns, line)
                    stage = "body"
                if squash(line.text).startswith("总分"):
                    self._read_total(line)
                    stage = "tail"
                elif not _is_repeated_header(tokens) and not is_title(line.text):
                    body.feed(line)
            else:
                self._read_tail(line)
        if stage in ("header", "funds", "goals"):
            raise InputError(
                self.draft.path, "no indicator table found (no 三级指标/年度指标值 header)", self.draft.line
            )
        self.draft.rows = body.finish()
        _split_goals(goal_lines, self.draft)
        return self.draft

    def _read_header(self, line: Line) -> None:
        text = squash(line.text)
        if is_title(text) or year_in(text):
            self.draft.year = self.draft.year or year_in(text)
        elif starts_with_project(text):
            self.draft.set_once("project", text[len("项目名称") :].strip(" :：") or None, line.no)
        elif pairs := header_pairs(text):
            for key, value in pairs.items():
                self.draft.set_once(key, value, line.no)
        elif unit := money_unit_in(text):
            self.draft.unit = unit
        elif text not in ("项目资金",):
            self.draft.warn(line.no, f"could not place: {text}")

    def _check_columns(self, columns: list[str], line: Line) -> None:
        values = [c for c in columns if c in ("target", "actual", "weight", "score")]
        if values != ["target", "actual", "weight", "score"]:
            raise InputError(
                self.draft.path,
                f"indicator columns in an order this reader does not follow: {' '.join(values) or 'none found'}",
                line.no,
            )

    def _read_total(self, line: Line) -> None:
        self.draft.total = total_row([t for t in line.text.split() if parse_decimal(t) is not None], line.no)

    def _read_tail(self, line: Line) -> None:
        text = squash(line.text)
        if text.startswith("评分等级"):
            self.draft.grade = text[len("评分等级") :].strip(" :：") or None
        else:
            self.draft.notes.append(text)


class _Funds:
    """The 项目资金 table: a label, then one value per header column, over any number of lines."""

    def __init__(self, columns: list[str | None], draft: FormDraft):
        self.columns = [c for c in columns if c]
        self.draft = draft
        self.label: list[str] = []
        self.values: list[str] = []
        self.line: int | None = None

    def feed(self, line: Line) -> None:
        if money_unit_in(line.text):
            self.draft.unit = self.draft.unit or money_unit_in(line.text)
            return
        for token in line.text.split():
            if parse_decimal(token) is not None or token in _DASHES:
                self.values.append(token)
            else:
                if self.values:
                    self._flush()
                self.label.append(token)
                self.line = self.line or line.no
            if len(self.values) == len(self.columns):
                self._flush()

    def _flush(self) -> None:
        label = squash(" ".join(self.label))
        key = funds_row_key(label)
        line = self.line or 0
        if key is None or len(self.values) != len(self.columns):
            self.draft.warn(line, f"could not read funds row {label!r}: {' '.join(self.values)}")
        elif key in self.draft.funds:
            self.draft.warn(line, f"funds row {label!r} printed twice; kept the first")
        else:
            self.draft.funds[key] = funds_row(dict(zip(self.columns, self.values)), line)
        self.label, self.values, self.line = [], [], None

    def finish(self) -> None:
        if self.label or self.values:
            self._flush()


_LIST_MARK = re.compile(r"(?:^|[。；;\s])[（(]?(\d{1,2})[)）.、]")


def _split_goals(lines: list[Line], draft: FormDraft) -> None:
    """预期目标 and 实际完成情况 are two wrapped boxes printed one after the other: the first ends at
    its first short line, unless the next line goes on with the same numbered list."""
    if not lines:
        return
    widest = max(display_width(line.text) for line in lines)
    numbers: list[int] = []
    for i, line in enumerate(lines[:-1]):
        numbers += [int(n) for n in _LIST_MARK.findall(line.text)]
        if display_width(line.text) >= 0.8 * widest:
            continue
        following = _LIST_MARK.match(lines[i + 1].text.strip())
        if following and numbers and int(following.group(1)) == numbers[-1] + 1:
            continue
        draft.goals_expected = [line.text for line in lines[: i + 1]]
        draft.goals_actual = [line.text for line in lines[i + 1 :]]
        return
    draft.goals_expected = [line.text for line in lines]
    draft.warn(lines[0].no, "could not tell 预期目标 from 实际完成情况; all kept as 预期目标")
