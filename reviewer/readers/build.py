"""Turn the cells a reader found into the typed Form.

Readers differ in how they find cells (tab columns, wrapped PDF lines); what a cell
means is decided once, here: category names and the weights printed in them, levels
carried down merged cells, name prefixes, decimal parsing, and the raw text kept
beside every value that was printed differently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from reviewer.form.model import (
    FUNDS_COLUMNS,
    Form,
    Funds,
    FundsRow,
    Goals,
    Indicator,
    ParseWarning,
    Section,
    Source,
    Total,
)
from reviewer.form.text import join_wrapped, squash
from reviewer.form.values import is_number_cell, parse_decimal
from reviewer.readers.vocabulary import split_level, strip_name_prefix

T = TypeVar("T")


@dataclass
class RawRow:
    """One indicator row as found: texts only; ``None`` level means "merged with the row above"."""

    line: int
    name: str
    target: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    explanation: str | None = None
    level1: str | None = None
    level2: str | None = None


@dataclass
class FormDraft:
    """Everything a reader collects for one form, before it becomes a Form."""

    path: str
    reader: str
    line: int
    project: str | None = None
    department: str | None = None
    implementer: str | None = None
    year: int | None = None
    unit: str | None = None
    funds: dict[str, FundsRow] = field(default_factory=dict)
    funds_explanation: list[str] = field(default_factory=list)
    goals_expected: list[str] = field(default_factory=list)
    goals_actual: list[str] = field(default_factory=list)
    goals_process: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    indicators_weight: Decimal | None = None
    total: Total | None = None
    grade: str | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(ParseWarning.model_construct(line=line, message=message))

    def set_once(self, attribute: str, value: object, line: int) -> None:
        """Header fields are printed once; a second, different value is worth a warning."""
        current = getattr(self, attribute)
        if current is None:
            setattr(self, attribute, value)
        elif value is not None and current != value:
            self.warn(line, f"{attribute} printed twice: kept {current!r}, ignored {value!r}")


def total_row(numbers: list[str], line: int) -> Total:
    """The 总分 row from the numbers printed on it."""
    weight, score = weight_and_score(numbers)
    return Total.model_construct(weight=parse_decimal(weight), score=parse_decimal(score), line=line)


def weight_and_score(numbers: Sequence[T]) -> tuple[T | None, T | None]:
    """Which numbers of a 总分 row are its 分值 and 得分: the last two, or the last alone as 得分."""
    return (numbers[-2], numbers[-1]) if len(numbers) >= 2 else (None, numbers[0] if numbers else None)


# 指标性质 that compare; 定性 (qualitative) says no more than its 指标值 does.
_RELATIONS = {"=": "=", "＝": "=", "≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<"}


def with_unit(value: str | None, unit: str | None, relation: str | None = None) -> str | None:
    """A value printed across Sichuan's three columns as one cell reads: 指标性质 "≥", 指标值 "95",
    度量单位 "%" → "≥95%". The unit joins a number only ("完成" stays as it is)."""
    text = squash(value)
    if not text:
        return value
    unit, relation = squash(unit), _RELATIONS.get(squash(relation), "")
    if unit and is_number_cell(text) and not text.endswith(unit):
        text += unit
    return relation + text if relation and not text.startswith(relation) else text


def add_funds_rows(kept: FundsRow, row: FundsRow) -> FundsRow:
    """Two rows of sources as one (Sichuan's 单位资金 kept with 其他资金): the amounts added, no
    rate, weight or score, which were each row's own."""
    amounts = {
        column: row_value if kept_value is None else kept_value if row_value is None else kept_value + row_value
        for column in AMOUNT_COLUMNS
        for kept_value, row_value in [(getattr(kept, column), getattr(row, column))]
    }
    return FundsRow.model_construct(**amounts, raw={}, line=kept.line)


# The table's unit as a cell may repeat it after an amount: "10万" in a table of 万元 (Hubei).
_UNIT_SUFFIXES = {"万元": ("万元", "万"), "亿元": ("亿元", "亿"), "千元": ("千元",), "元": ("元",)}
AMOUNT_COLUMNS = ("initial_budget", "adjusted_budget", "executed")


def amount(text: str | None, unit: str | None) -> Decimal | None:
    """An amount cell's number, the table's own unit after it allowed; never another unit's."""
    value = parse_decimal(text)
    if value is not None or not text or unit is None:
        return value
    suffix = next((s for s in _UNIT_SUFFIXES.get(unit, ()) if squash(text).endswith(s)), None)
    return None if suffix is None else parse_decimal(squash(text)[: -len(suffix)])


def unit_after_amount(text: str) -> str | None:
    """The unit an amount cell prints after its number, "1,000.00万元": the table's unit where
    its header names none."""
    cleaned = squash(text)
    units = (unit for unit in _UNIT_SUFFIXES if cleaned.endswith(unit))
    return next((unit for unit in units if parse_decimal(cleaned[: -len(unit)]) is not None), None)


def funds_row(cells: Mapping[str, str | None], line: int, unit: str | None = None) -> FundsRow:
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    for column in FUNDS_COLUMNS:
        text = squash(cells.get(column))
        value = (amount(text, unit) if column in AMOUNT_COLUMNS else parse_decimal(text)) if text else None
        values[column] = value
        if text and (value is None or text != str(value)):
            raw[column] = text
    return FundsRow.model_construct(**values, raw=raw, line=line)


def build_form(draft: FormDraft) -> Form:
    indicators, sections = build_indicators(draft.rows, draft)
    if indicators and draft.total is None:
        # Said, never filled in: what follows the table (notes, 附件, signatures) is kept as notes.
        draft.warn(None, "no 总分 row: the total score is missing")
    return Form.model_construct(
        project=draft.project,
        department=draft.department,
        implementer=draft.implementer,
        year=draft.year,
        unit=draft.unit,
        funds=Funds.model_construct(
            total=draft.funds.get("total"),
            fiscal=draft.funds.get("fiscal"),
            carryover=draft.funds.get("carryover"),
            other=draft.funds.get("other"),
            explanation=join_wrapped(draft.funds_explanation) or None,
        ),
        goals=Goals.model_construct(
            expected=join_wrapped(draft.goals_expected) or None,
            actual=join_wrapped(draft.goals_actual) or None,
            process=join_wrapped(draft.goals_process) or None,
        ),
        sections=sections,
        indicators_weight=draft.indicators_weight,
        indicators=indicators,
        total=draft.total,
        grade=draft.grade,
        source=Source.model_construct(path=draft.path, reader=draft.reader, line=draft.line),
        notes=draft.notes,
        warnings=draft.warnings,
    )


def build_indicators(rows: list[RawRow], draft: FormDraft) -> tuple[list[Indicator], list[Section]]:
    indicators: list[Indicator] = []
    sections: list[Section] = []
    level1: str | None = None
    level2: str | None = None
    for row in rows:
        if not any(squash(v) for v in (row.target, row.actual, row.weight, row.score, row.explanation)):
            if _TEMPLATE_ROW.match(squash(row.name)):
                draft.warn(row.line, f"template row {squash(row.name)!r} with no values: skipped")
                continue
            draft.warn(row.line, f"row {squash(row.name)!r} has no target, actual, weight or score")
        raw: dict[str, str] = {}
        if row.level1 is not None and squash(row.level1):
            name1, weight1 = split_level(row.level1)
            if name1 != level1 or weight1 is not None:
                level2 = None
            level1 = name1
            _keep_raw(raw, "level1", row.level1, level1)
            _add_section(sections, level1, weight1, draft, row.line)
        if row.level2 is not None and squash(row.level2):
            level2, _ = split_level(row.level2)
            _keep_raw(raw, "level2", row.level2, level2)
        name = strip_name_prefix(row.name)
        _keep_raw(raw, "name", row.name, name)
        weight = parse_decimal(row.weight)
        score_text, remark = score_and_remark(row.score)
        score = parse_decimal(score_text)
        explanation = squash(row.explanation) or remark
        for label, text, value in (("weight", row.weight, weight), ("score", row.score, score)):
            text = squash(text)
            if text and value is None:
                draft.warn(row.line, f"{label} {text!r} is not a number")
            _keep_raw(raw, label, text, None if value is None else str(value))
        indicators.append(
            Indicator.model_construct(
                level1=level1,
                level2=level2,
                name=name,
                target=squash(row.target) or None,
                actual=squash(row.actual) or None,
                weight=weight,
                score=score,
                explanation=explanation or None,
                line=row.line,
                raw=raw,
            )
        )
    return indicators, sections


# "9分（因全校总人数减少，总指标数减少）": a form with no 偏差原因 column (Hubei) gives its reason
# in brackets after the score.
_SCORE_REMARK = re.compile(r"^(\d+(?:\.\d+)?\s*分?)\s*[(（](.+)[)）]$")


def score_and_remark(text: str | None) -> tuple[str | None, str | None]:
    """A score cell's number and the remark in brackets after it, if any."""
    match = _SCORE_REMARK.match(squash(text))
    return (match.group(1), squash(match.group(2))) if match else (text, None)


# Rows a template ships for filling in: "指标2", "……".
_TEMPLATE_ROW = re.compile(r"^(?:(?:三级)?指标\s*\d*[:：]?|[.…。、\-—]*)$")


def _keep_raw(raw: dict[str, str], field_name: str, printed: str | None, canonical: str | None) -> None:
    printed = squash(printed)
    if printed and printed != (canonical or ""):
        raw[field_name] = printed


def _add_section(sections: list[Section], level1: str | None, weight, draft: FormDraft, line: int) -> None:
    if level1 is None:
        return
    for section in sections:
        if section.level1 == level1:
            if weight is not None and section.weight is None:
                section.weight = weight
            elif weight is not None and section.weight != weight:
                draft.warn(line, f"{level1} printed with two weights: {section.weight} and {weight}")
            return
    sections.append(Section.model_construct(level1=level1, weight=weight))
