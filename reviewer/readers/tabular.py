"""Read a form laid out as a grid of cells: tab-separated text (a Word or Excel table copied
as text, seed 001) and, through ``read_grid``, any other source of rows of cells.

Columns are found by their header names. Merged cells and page breaks shift a row's cells
left or right of the header (a continued table loses its first column, a merged category
leaves no cell), so each row is aligned to the header by trying small shifts and keeping
the one whose cells fit their columns best: numbers under 分值/得分, category names under
一级/二级指标, nothing left over.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from reviewer.errors import InputError
from reviewer.form.model import Form, FundsRow, ParseWarning, Total
from reviewer.form.text import join_wrapped, squash
from reviewer.form.values import is_number_cell, parse_decimal
from reviewer.readers.build import (
    AMOUNT_COLUMNS,
    FormDraft,
    RawRow,
    add_funds_rows,
    amount,
    build_form,
    funds_row,
    score_and_remark,
    unit_after_amount,
    weight_and_score,
    with_unit,
)
from reviewer.readers.segment import HEADER_KEYS, form_spans
from reviewer.readers.vocabulary import (
    FUNDS_COLUMNS,
    GOAL_COLUMNS,
    GRADE_WORDS,
    INDICATOR_COLUMNS,
    REVIEW_COLUMN,
    fits_level_cell,
    funds_row_key,
    header_match,
    is_continued_label,
    is_note_label,
    is_page_number,
    is_stamp_line,
    is_title_row,
    is_total_label,
    is_unit_line,
    is_year_row,
    looks_like_level,
    money_unit_in,
    split_level,
    title_year,
    year_in,
)

Grid = list[tuple[int, list[str]]]  # (line number, cells)
SHIFTS = (0, -1, 1, -2, 2, -3, 3)
Place = tuple[int, int]  # (line, index of the cell in its row)


@dataclasses.dataclass
class FormPlaces:
    """Where the grid reader found each cell of one form, for a writer that marks the cells of the
    source document itself (the Word report): ``rows`` by the line of each indicator, funds and 总分
    row read, the place of each field's cell (an empty cell where the field is blank); ``header``
    the cells of 项目名称, 主管部门, 实施单位 and 评分等级 (the value, else the label)."""

    line: int  # the form's first line, as its ``source.line``
    header: dict[str, Place] = dataclasses.field(default_factory=dict)
    rows: dict[int, dict[str, Place]] = dataclasses.field(default_factory=dict)


class Columns:
    """Where each field's column starts in the header; a field's cells run to the next start."""

    def __init__(self, starts: dict[str, int]):
        self.starts = starts
        order = sorted(starts.items(), key=lambda item: item[1])
        # (field, first column, first column of the next field or None for the last)
        self.spans = [
            (field, start, order[i + 1][1] if i + 1 < len(order) else None) for i, (field, start) in enumerate(order)
        ]

    def assign(self, cells: list[str], shift: int) -> tuple[dict[str, str], list[str]]:
        """Cells under each field for this shift, and the non-empty cells no field covers."""
        texts = [cell.strip() for cell in cells]
        assigned: dict[str, str] = {}
        for field, start, stop in self.spans:
            # A negative end would count from the end of the row: a field shifted off the row has no cells.
            window = texts[max(start + shift, 0) : None if stop is None else max(stop + shift, 0)]
            assigned[field] = " ".join(text for text in window if text)
        # The fields' cells run on from the first field's start to the row's end: only the cells
        # before it are no field's.
        first = max(self.spans[0][1] + shift, 0) if self.spans else len(texts)
        return assigned, [text for text in texts[:first] if text]

    def places(self, line: int, cells: list[str], shift: int) -> dict[str, Place]:
        """For this shift, the cell of each field: its first non-empty cell, else its first cell."""
        found: dict[str, Place] = {}
        for field_name, start, stop in self.spans:
            cells_of = range(max(start + shift, 0), len(cells) if stop is None else min(stop + shift, len(cells)))
            index = next((j for j in cells_of if cells[j].strip()), cells_of.start if cells_of else None)
            if index is not None:
                found[field_name] = (line, index)
        return found


def read(text: str, path: str) -> list[Form]:
    return read_grid(_rows(text), path, "tabular")


def _rows(text: str) -> Grid:
    """The text's rows of cells. Excel saves a table as text ("Unicode 文本", "文本文件(制表符分
    隔)") with a cell that holds a line break in quotes; a quote that opens no such cell ('"十四
    五"规划', as typed) leaves the text to be split line by line."""
    if _QUOTED_CELL.search(text):
        try:
            return _quoted_rows(text)
        except csv.Error:
            pass
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)]


def _quoted_rows(text: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    rows: Grid = []
    start = 1
    for cells in reader:
        rows.append((start, cells))
        start = reader.line_num + 1  # a row starts on the line after the one the row before ended on
    return rows


_QUOTED_CELL = re.compile(r'(?:^|\t)"', re.MULTILINE)


def read_grid(grid: Grid, path: str, reader: str, places: list[FormPlaces] | None = None) -> list[Form]:
    """The forms of a grid; with ``places``, also where each form's cells were found (appended)."""
    spans = form_spans(["\t".join(cells) for _, cells in grid])
    if not spans:
        raise InputError(path, "no form found: no 项目名称 line")
    forms: list[Form] = []
    unread: list[InputError] = []
    for start, end in spans:
        reader_ = _FormReader(grid[start:end], path, reader)
        if places is not None:
            reader_.places = FormPlaces(reader_.draft.line)
        if start == spans[0][0]:
            _warn_rows_before(grid[:start], reader_.draft)
        try:
            draft = reader_.read()
        except InputError as error:
            # A 项目名称 with no table after it: a cover page, a contents table, a sentence of the
            # report ("项目名称为…"). The file's other forms are still read, and say so.
            unread.append(error)
            continue
        if places is not None and reader_.places is not None:
            places.append(reader_.places)
        forms.append(build_form(draft))
    if not forms:
        raise unread[0]
    for passed in unread:
        forms[0].warnings.append(
            ParseWarning.model_construct(line=passed.line, message=f"a 项目名称 starts no form here: {passed.message}")
        )
    return forms


def _warn_rows_before(grid: Grid, draft: FormDraft) -> None:
    """Table rows above the first 项目名称 belong to no form read: the end of a form begun on an
    earlier page (a page of a compilation). They are named, never dropped silently; a paragraph
    there ("附表2", "报表编号：…") is not a row."""
    rows = [(line, [squash(c) for c in cells if squash(c)]) for line, cells in grid]
    rows = [(line, texts) for line, texts in rows if len(texts) >= 2]
    if rows:
        first = " | ".join(rows[0][1])[:60]
        draft.warn(
            rows[0][0], f"{len(rows)} table rows before the first 项目名称 belong to no form, not read: {first} …"
        )


class _FormReader:
    def __init__(self, grid: Grid, path: str, reader: str):
        self.grid = grid
        self.draft = FormDraft(path=path, reader=reader, line=grid[0][0])
        self.funds: Columns | None = None
        self.goals: Columns | None = None
        self.indicators: Columns | None = None
        self.indicators_line: int | None = None  # where the indicator table's header was read first
        self.remarks: list[int] = []  # the indicator rows with text in a 备注 column
        self.block: str | None = None  # the table whose header was read last: its rows follow
        self.funds_weight: Decimal | None = None  # printed in the funds' label when no column has it
        self.other_labels: list[str] = []  # the sources kept as 其他资金
        self.shift = 0
        self.after_total = False
        self.paused: list[tuple[int, str]] | None = None  # the lines read as notes since a paragraph ended the table
        self.category: tuple[str | None, str | None] = (None, None)  # a category row's, for the next row
        self.places: FormPlaces | None = None  # recorded only when asked for
        self.category_places: dict[str, Place] = {}

    def read(self) -> FormDraft:
        for line, cells in self.grid:
            texts = [squash(c) for c in cells]
            if not any(texts):
                continue
            self._read_line(line, cells, texts)
        if self.indicators is None:
            raise InputError(self.draft.path, "no indicator table found (no 一级指标/三级指标 header)", self.draft.line)
        if not self.draft.rows:
            self.draft.warn(self.indicators_line, "no indicator read: no row under the indicator table's header")
        if self.remarks:
            lines = ", ".join(map(str, self.remarks))
            self.draft.warn(self.remarks[0], f"the 备注 column is not read; rows with a remark: lines {lines}")
        if len(self.other_labels) > 1:
            rows = " + ".join(self.other_labels)
            self.draft.warn(self.draft.funds["other"].line, f"funds rows {rows} read as one row of 其他资金, their sum")
        return self.draft

    def _read_line(self, line: int, cells: list[str], texts: list[str]) -> None:
        first = next(t for t in texts if t)
        alone = sum(1 for t in texts if t) == 1  # one cell with text: a title, a unit, a page's number
        if is_title_row(texts) or is_year_row(texts):
            self.draft.year = self.draft.year or title_year(first)
            return
        if self.indicators is None and (indicators_label := _indicators_label(texts)) is not None:
            # The indicator table's label as a row of its own above its header: "三、绩效指标（90分）",
            # or "绩效指标" in a cell beside the table (Word).
            self.draft.indicators_weight = self.draft.indicators_weight or indicators_label[1]
            return
        if self.block is None and alone and is_unit_line(first):
            self.draft.unit = self.draft.unit or money_unit_in(first)
            return
        if len(cells) == 1 and self.block is None and is_stamp_line(first):
            # A stamp or date line above the table ("项目单位（盖章）：…", "填报日期：…") is kept
            # with the notes and signatures below it, never read as the form's header.
            self.draft.notes.append(first)
            self.draft.unit = self.draft.unit or money_unit_in(first)
            self.draft.year = self.draft.year or year_in(first)  # "（2023年度）  填报日期：…"
            self._total_above(line, first)
            return
        # 项目名称, 主管部门 and 实施单位 head the form: inside the indicator table "主管部门满意度"
        # names an indicator and "项目单位已于…" begins an explanation.
        if self.indicators is None and self._read_header_fields(line, texts):
            return
        if self._read_column_header(line, texts):
            return
        if is_total_label(first) and self.indicators is not None:
            self._read_total(line, cells, texts)
            return
        if first.startswith("评分等级") or first == "等级":
            label = texts.index(first)
            value = next((j for j in range(label + 1, len(texts)) if texts[j]), None)
            self.draft.grade = None if value is None else texts[value]
            self._place_header("grade", line, label if value is None else value)
            return
        if is_continued_label(first) or (is_page_number(first) and alone):
            return
        if self.indicators is not None and (len(cells) == 1 or is_note_label(first)):
            # Text outside the table (one cell: a paragraph, a line without tabs) or a note or
            # signature row ends the table, whether or not a 总分 row closed it. Before a 总分,
            # the line may instead stand inside the table: indicator rows below it say so.
            if not self.after_total and self.draft.total is None:
                self.paused = []
            self.after_total = True
        elif self.paused is not None and self._is_indicator_row(cells):
            # Every note since the pause is one of its lines: they were the table's, not notes.
            del self.draft.notes[len(self.draft.notes) - len(self.paused) :]
            for paused_line, note in self.paused:
                self.draft.warn(paused_line, f"could not place: {note}")
            self.paused = None
            self.after_total = False
        if self.after_total:
            note = " ".join(t for t in texts if t)
            self.draft.notes.append(note)
            if self.paused is not None:
                self.paused.append((line, note))
        elif self.block == "indicators":
            self._read_indicator(line, cells)
        elif self.block == "goals":
            self._read_goals(line, cells)
        elif self.block == "funds":
            self._read_funds(line, cells, texts)
        else:
            self.draft.warn(line, f"could not place: {' | '.join(t for t in texts if t)}")

    def _total_above(self, line: int, text: str) -> None:
        """Hubei prints the total above the table, beside the date: "填报日期：… 总分：95分"."""
        match = _TOTAL_ABOVE.search(text)
        if match and self.draft.total is None:
            self.draft.total = Total.model_construct(weight=None, score=parse_decimal(match.group(1)), line=line)

    def _read_header_fields(self, line: int, texts: list[str]) -> bool:
        found = False
        for i, text in enumerate(texts):
            for field in _fields_in(text):
                found = self._read_header_field(line, texts, i, field) or found
        return found

    def _read_header_field(self, line: int, texts: list[str], i: int, text: str) -> bool:
        """One label and its value, in the cell ``texts[i]`` or the next: whether it was one."""
        key = next((k for k in HEADER_KEYS if text.startswith(k)), None)
        if key is None or len(text) > len(key) + 40:
            if is_unit_line(text):  # printed beside the fields: "实施单位：X　　金额单位：万元"
                self.draft.unit = self.draft.unit or money_unit_in(text)
            return False
        value = _STAMP.sub("", text[len(key) :]).strip(" :：")
        at = i
        if not value:
            # The next cell holds the value, unless it is the next label: 主管部门 left blank.
            at = next((j for j in range(i + 1, len(texts)) if texts[j]), i)
            if at != i and any(texts[at].startswith(k) for k in HEADER_KEYS):
                at = i
            value = texts[at] if at != i else ""
        self.draft.set_once(HEADER_KEYS[key], value or None, line)
        self._place_header(HEADER_KEYS[key], line, at)
        return True

    def _place_header(self, name: str, line: int, index: int) -> None:
        if self.places is not None:
            self.places.header.setdefault(name, (line, index))

    def _read_column_header(self, line: int, texts: list[str]) -> bool:
        """A funds, goals or indicator header row: remember where its columns are."""
        indicator = _columns(texts, INDICATOR_COLUMNS + (REVIEW_COLUMN,))
        if {"name", "target", "weight"} <= indicator.starts.keys() or {
            "level1",
            "level2",
            "name",
        } <= indicator.starts.keys():
            self.indicators, self.shift, self.block = indicator, 0, "indicators"
            self.indicators_line = self.indicators_line or line
            self.draft.indicators_weight = self.draft.indicators_weight or _label_weight(texts, INDICATOR_COLUMNS)
            return True
        funds = _columns(texts, FUNDS_COLUMNS + (REVIEW_COLUMN,))
        if len(funds.starts.keys() - {"review", "ignored", "explanation"}) >= 3 and self.indicators is None:
            self.funds, self.block = funds, "funds"
            self.funds_weight = None if "weight" in funds.starts else _label_weight(texts, FUNDS_COLUMNS)
            self.draft.unit = self.draft.unit or next((u for t in texts if (u := money_unit_in(t))), None)
            return True
        goals = _columns(texts, GOAL_COLUMNS + (REVIEW_COLUMN,))
        # Once the goals' header is read, a short goal ("完成年度目标。") names a column too: only
        # both names make a header again.
        wanted = 2 if self.goals is not None else 1
        if len(goals.starts.keys() & {"expected", "actual"}) >= wanted and self.indicators is None:
            self.goals, self.block = goals, "goals"
            return True
        return False

    def _read_funds(self, line: int, cells: list[str], texts: list[str]) -> None:
        assert self.funds is not None
        label = next((t for t in texts if t and not is_number_cell(t) and t not in "—-–" and not is_unit_line(t)), "")
        key = funds_row_key(label)
        if key is None and _FUNDS_REASON_LABEL.fullmatch(squash(label)):
            # The 原因 box as a row below the budget rows (as the reports write it back), not a column.
            self.draft.funds_explanation.append(join_wrapped([t for t in texts if t and t != label]))
            return
        if key is None:
            self.draft.warn(line, f"could not place in the funds table: {' | '.join(t for t in texts if t)}")
            return
        # The unit can be printed below 项目资金, in the label cell of the first row: "（万元）", or
        # only after the amounts.
        units = (money_unit_in(t) or unit_after_amount(t) for t in texts)
        self.draft.unit = self.draft.unit or next((u for u in units if u), None)
        assigned, shift = _best_alignment(self.funds, cells, 0, _funds_fit(label, self.draft.unit))
        if key == "total" and self.funds_weight is not None:
            assigned["weight"] = str(self.funds_weight)
        if key in self.draft.funds and (key != "other" or label in self.other_labels):
            self.draft.warn(line, f"funds row {label!r} printed twice; kept the first")
            return
        if key == "other":
            self.other_labels.append(label)
        if explanation := assigned.pop("explanation", None):
            self.draft.funds_explanation.append(explanation)
        row = funds_row(assigned, line, self.draft.unit)
        self._warn_unread_amounts(row)
        if key in self.draft.funds:
            self.draft.funds[key] = add_funds_rows(self.draft.funds[key], row)
            return
        self.draft.funds[key] = row
        if self.places is not None:
            self.places.rows[line] = {**self.funds.places(line, cells, shift), "label": (line, texts.index(label))}

    def _warn_unread_amounts(self, row: FundsRow) -> None:
        """An amount printed in another unit than the table's ("3,200,000.00元" under 万元) is not
        read: said, so that a missing amount is not taken for a blank cell."""
        texts = [
            row.raw[c] for c in AMOUNT_COLUMNS if getattr(row, c) is None and row.raw.get(c, "-") not in _PLACEHOLDERS
        ]
        if texts:
            unit = f" in the table's unit ({self.draft.unit})" if self.draft.unit else ""
            self.draft.warn(row.line, f"amounts not read, not numbers{unit}: {', '.join(texts)}")

    def _read_goals(self, line: int, cells: list[str]) -> None:
        assert self.goals is not None
        assigned, stray = self.goals.assign(cells, 0)
        # A row label such as "年度总体目标" sits left of the columns; it is not goal text. Another
        # label heads a row of its own: Sichuan's "2.项目实施内容及过程概述", read as such.
        labels = [squash(s) for s in stray if "目标" not in squash(s)]
        if len(labels) == 1 and _PROCESS_LABEL.search(labels[0]):
            text = join_wrapped([assigned[field] for field in ("expected", "actual") if assigned.get(field)])
            if text:
                self.draft.goals_process.append(text)
            return
        if labels:
            texts = (squash(c) for c in cells)
            self.draft.warn(line, f"could not place beside the goals: {' | '.join(t for t in texts if t)}")
            return
        if assigned.get("expected"):
            self.draft.goals_expected.append(assigned["expected"])
        if assigned.get("actual"):
            self.draft.goals_actual.append(assigned["actual"])

    def _read_indicator(self, line: int, cells: list[str]) -> None:
        assert self.indicators is not None
        assigned, shift = _best_alignment(self.indicators, cells, self.shift, _indicator_fit)
        values = [assigned.get(f) for f in ("target", "actual", "weight", "score")]
        if not assigned.get("name") and not any(values):
            if self._rest_of_explanation(assigned, cells, shift):
                return
            texts = [squash(c) for c in cells if squash(c)]
            if all(looks_like_level(t) for t in texts) and (assigned.get("level1") or assigned.get("level2")):
                # A category printed on a row of its own: its rows follow with their level cells
                # blank (merged into this one).
                self.category = (assigned.get("level1") or None, assigned.get("level2") or None)
                if self.places is not None:
                    self.category_places = self.indicators.places(line, cells, shift)
            else:
                self.draft.warn(line, f"could not place in the indicator table: {' | '.join(texts)}")
            return
        self.shift = shift
        if squash(assigned.get("remark", "")) not in ("", *_PLACEHOLDERS, "无"):
            self.remarks.append(line)
        level1 = assigned.get("level1") or self.category[0]
        level2 = assigned.get("level2") or self.category[1]
        self.category = (None, None)
        if self.places is not None:
            places = self.indicators.places(line, cells, shift)
            for level in ("level1", "level2"):
                if not assigned.get(level) and level in self.category_places:
                    places[level] = self.category_places[level]
            self.places.rows[line] = places
            self.category_places = {}
        self._label_below_break(level1, level2)
        self.draft.rows.append(
            RawRow(
                line=line,
                name=assigned.get("name", ""),
                target=with_unit(assigned.get("target"), assigned.get("unit"), assigned.get("relation")),
                actual=with_unit(assigned.get("actual"), assigned.get("unit")),
                weight=assigned.get("weight"),
                score=assigned.get("score"),
                explanation=assigned.get("explanation"),
                level1=level1,
                level2=level2,
            )
        )

    def _is_indicator_row(self, cells: list[str]) -> bool:
        """A row that reads as an indicator's, its name, 分值 and 得分 in their columns."""
        assert self.indicators is not None
        assigned, _ = _best_alignment(self.indicators, cells, self.shift, _indicator_fit)
        numbers = [score_and_remark(assigned.get(field, ""))[0] for field in ("weight", "score")]
        return bool(assigned.get("name")) and all(is_number_cell(text) for text in numbers)

    def _rest_of_explanation(self, assigned: dict[str, str], cells: list[str], shift: int) -> bool:
        """A row that a page break cut (PDF, Word's default) prints the rest of its explanation
        on the next page, in its column, the only cell filled on its row: it is the row above's."""
        assert self.indicators is not None
        text = assigned.get("explanation")
        if not text or not self.draft.rows or any(v for f, v in assigned.items() if f != "explanation"):
            return False
        if self.indicators.places(0, cells, shift)["explanation"][1] != self.indicators.starts["explanation"] + shift:
            return False  # a cell right of the table
        previous = self.draft.rows[-1]
        previous.explanation = join_wrapped([previous.explanation or "", text])
        return True

    def _total_cells(self, line: int, cells: list[str], texts: list[str]) -> tuple[int | None, int | None]:
        """Which cells of the 总分 row are its 分值 and 得分: those under the two columns where its
        numbers stand there (a Sichuan 合计 prints 100 under 权重 and leaves 得分 blank until it
        is scored), else the last two numbers, or the last alone as 得分."""
        assert self.indicators is not None
        numbers = [j for j, t in enumerate(texts) if is_number_cell(t)]
        if {"weight", "score"} <= self.indicators.starts.keys() and len(cells) == len(texts):
            places = self.indicators.places(line, cells, self.shift)
            found = [places[f][1] if f in places and texts[places[f][1]] else None for f in ("weight", "score")]
            if any(found) and sorted(j for j in found if j is not None) == numbers:
                return found[0], found[1]
        return weight_and_score(numbers)

    def _label_below_break(self, level1: str | None, level2: str | None) -> None:
        """A 二级 cell merged over two rows and cut by a page break can print its name below the
        break (PDF): the row above, which opened a 一级 category with no 二级, shares it."""
        previous = self.draft.rows[-1] if self.draft.rows else None
        if previous is not None and squash(previous.level1) and not squash(previous.level2) and not level1 and level2:
            previous.level2 = level2

    def _read_total(self, line: int, cells: list[str], texts: list[str]) -> None:
        weight, score = self._total_cells(line, cells, texts)
        self.draft.total = Total.model_construct(
            weight=None if weight is None else parse_decimal(texts[weight]),
            score=None if score is None else parse_decimal(texts[score]),
            line=line,
        )
        grade = next((j for j, t in enumerate(texts) if t in GRADE_WORDS), None)
        if grade is not None:
            self.draft.grade = texts[grade]
            self._place_header("grade", line, grade)
        if self.places is not None:
            self.places.rows[line] = {f: (line, j) for f, j in (("weight", weight), ("score", score)) if j is not None}
        self.after_total = True
        self.paused = None


def _label_weight(texts: list[str], vocabulary) -> Decimal | None:
    """The weight a header row prints in its table's label, not in a column's name: the funds'
    "预算执行情况（万元）（20分）" (Hubei), the indicators' "绩效指标（90分）" (Sichuan)."""
    for text in texts:
        name, weight = split_level(text)
        if weight is not None and name and not header_match(text, vocabulary):
            return weight
    return None


def _indicators_label(texts: list[str]) -> tuple[str, Decimal | None] | None:
    """A row that holds only the indicator table's label, and the weight it prints: "绩效指标（90分）",
    Hubei's "年度绩效指标（80分）"."""
    filled = [text for text in texts if text]
    if len(filled) != 1:
        return None
    name, weight = split_level(filled[0])
    return (name, weight) if name is not None and _ENUMERATOR.sub("", name) in ("绩效指标", "年度绩效指标") else None


# The row of the goals that says what was done and how: Sichuan's "2.项目实施内容及过程概述".
_PROCESS_LABEL = re.compile(r"实施内容|实施过程|过程概述")
# A funds-table row that holds why the money was not spent or the budget moved: 原因, 偏差原因,
# 执行率偏低原因, 原因说明.
_FUNDS_REASON_LABEL = re.compile(r"\S{0,6}原因(?:说明|分析)?")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")

_TOTAL_ABOVE = re.compile(r"总分\s*[:：]\s*(\d+(?:\.\d+)?)\s*分?")

# A label with its colon inside a cell starts a field: a Word paragraph prints several on one line,
# "项目名称：X　　主管部门：Y", which reads "项目名称：X主管部门：Y" once squashed.
_FIELD_LABEL = re.compile(rf"(?:{'|'.join(HEADER_KEYS)}|金额单位|填报日期)\s*[:：]")


def _fields_in(text: str) -> list[str]:
    starts = [match.start() for match in _FIELD_LABEL.finditer(text) if match.start() > 0]
    return [text[begin:end] for begin, end in zip([0, *starts], [*starts, len(text)])]


# "实施单位（盖章）": where the stamp goes, beside the label; not the unit's name.
_STAMP = re.compile(r"^\s*[(（]\s*盖章\s*[)）]")


# Header cells are names, never prose: a goal text that says "完成年度目标" heads no column.
HEADER_CELL_MAX = 20


# A numbered item ("1.项目年度目标完成情况") labels a block of rows; it heads no column.
_NUMBERED_LABEL = re.compile(r"^\d+\s*[.、．]")


def _columns(texts: list[str], vocabulary) -> Columns:
    """Where each field's column starts: the cell that names it most plainly, the first of those."""
    best: dict[str, tuple[int, int]] = {}  # field → (rank, index)
    for i, text in enumerate(texts):
        if not text or len(text) > HEADER_CELL_MAX or _NUMBERED_LABEL.match(text):
            continue
        found = header_match(text, vocabulary)
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], i)
    return Columns({field: index for field, (_, index) in best.items()})


Fit = Callable[[dict[str, str], list[str]], float]


def _best_alignment(columns: Columns, cells: list[str], previous: int, fit: Fit) -> tuple[dict[str, str], int]:
    best: tuple[float, int, dict[str, str]] | None = None
    for shift in SHIFTS:
        assigned, stray = columns.assign(cells, shift)
        score = fit(assigned, stray) + (0.5 if shift == previous else 0.0)
        if best is None or score > best[0]:
            best = (score, shift, assigned)
    assert best is not None
    return best[2], best[1]


def _indicator_fit(assigned: dict[str, str], stray: list[str]) -> float:
    # The table's own label ("绩效指标", merged down its first column) left of a part of the table
    # that prints it where the header did not is no stray cell.
    score = -4.0 * sum(1 for text in stray if _indicators_label([text]) is None)
    return score + sum(_indicator_cell_fit(field, assigned.get(field, "")) for field in _FITTED_FIELDS)


_FITTED_FIELDS = ("weight", "score", "level1", "level2", "name", "target", "actual", "relation", "unit")


# Each row is tried at seven shifts, and most cells of a table repeat (blank, "%", "≥", "10"):
# a cell's fit is worked out once.
@lru_cache(maxsize=65536)
def _indicator_cell_fit(field: str, text: str) -> float:
    """How well the text fits the field's column: above zero fits, below zero does not."""
    if field in ("weight", "score"):
        text = score_and_remark(text)[0] or ""
        return 0 if not text else 2 if is_number_cell(text) else -4
    if field in ("level1", "level2"):
        # "-" under a category: a template's spare row (济南 prints "- -" for a spare 二级).
        return 0 if not text or text in _PLACEHOLDERS else 1 if fits_level_cell(text) else -3
    if field == "name":
        return -1 if not text else -2 if looks_like_level(text) or is_number_cell(text) else 1
    if field in ("target", "actual"):
        return -2 if text and looks_like_level(text) else 0.5 if text else 0
    # Sichuan's 指标性质 ("≤", "定量") and 度量单位 ("%") columns hold short words, never a number
    # or a name: a row shifted by a text score ("待评") would put both there.
    return 0 if not text else -3 if is_number_cell(text) or len(text) > 6 else 0.5


_PLACEHOLDERS = ("-", "—", "–", "/", "……")


def _funds_fit(label: str, unit: str | None) -> Fit:
    def fit(assigned: dict[str, str], stray: list[str]) -> float:
        score = -4.0 * sum(1 for s in stray if s != label)
        for field, text in assigned.items():
            if not text or text in "—-–/" or field in ("review", "ignored", "explanation"):
                continue
            score += 2 if amount(text, unit) is not None else -4
        return score

    return fit
