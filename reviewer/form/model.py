"""The typed form: one 项目支出绩效自评表 as every reader produces it and every rule reads it.

Field names are the public canonical JSON contract (see README). Money, rates, weights and
scores are exact decimals; a blank cell is ``None``, never zero. Cells whose printed text
differs from their canonical value keep that text in ``raw`` so messages can quote the form.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, computed_field

from reviewer.form.values import PLACEHOLDERS, CellValue, name_and_unit, parse_value, with_unit


def _no_float_or_bool(value: Any) -> Any:
    # A bool is an int to Python and a float has already lost the printed decimals:
    # both are refused rather than silently turned into money.
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, float):
        raise ValueError("expected an exact decimal, got a binary float")
    if isinstance(value, str):
        value = value.strip().replace(",", "")
        if value == "":
            return None
    return value


Number = Annotated[Decimal, BeforeValidator(_no_float_or_bool)]


class cached(cached_property):
    """``functools.cached_property`` without its lock: Python 3.11 takes one lock shared by every
    instance on each first access, a third of the cost of reading a row's values in a batch
    (3.12 dropped the lock). Forms are never shared between threads. A subclass, so pydantic
    still takes it for a computed field (and, as an ignored type, for no field at all without one)."""

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


class _Model(BaseModel):
    # Other systems write this JSON and may add fields of their own: ignore, don't fail.
    # Readers build forms from values they have already typed (``model_construct``); only
    # outside JSON is validated, so the validator is built when first needed, not at import.
    model_config = ConfigDict(extra="ignore", defer_build=True, ignored_types=(cached,))


class _PrintedCells:
    """For rows with a ``raw`` field: the printed text of cells whose value reads differently.
    (No annotation here: pydantic would take it for a field and put it first.)"""

    def printed(self, field: str) -> str:
        """The cell as printed on the form, for quoting in messages."""
        raw: dict[str, str] = self.raw  # type: ignore[attr-defined]
        if field in raw:
            return raw[field]
        value = getattr(self, field)
        return "" if value is None else str(value)


class FundsRow(_Model, _PrintedCells):
    """One row of the 项目资金 table. Rates are percentages as printed (99.71, not 0.9971)."""

    initial_budget: Number | None = None  # 年初预算数
    adjusted_budget: Number | None = None  # 全年预算数
    executed: Number | None = None  # 全年执行数
    weight: Number | None = None  # 分值
    rate: Number | None = None  # 执行率 (%)
    score: Number | None = None  # 得分
    raw: dict[str, str] = {}
    line: int | None = None
    # Where a document shows the row ("表2第14行", "第3页表1第9行"); written only where known.
    location: str | None = None
    omit_when_none: ClassVar[tuple[str, ...]] = ("location",)


class Funds(_Model):
    total: FundsRow | None = None  # 年度资金总额
    fiscal: FundsRow | None = None  # 其中：当年财政拨款
    carryover: FundsRow | None = None  # 上年结转资金
    other: FundsRow | None = None  # 其他资金
    # The 原因 box some templates (Sichuan's) print beside the budget rows, for a low execution
    # rate or an adjustment: as printed, the template's own instructions too. Written only where printed.
    explanation: str | None = None
    omit_when_none: ClassVar[tuple[str, ...]] = ("explanation",)

    def rows(self) -> list[tuple[str, FundsRow]]:
        return [(name, row) for name in FUNDS_ROWS if (row := getattr(self, name)) is not None]


FUNDS_ROWS = ("total", "fiscal", "carryover", "other")
FUNDS_COLUMNS = ("initial_budget", "adjusted_budget", "executed", "weight", "rate", "score")


class Goals(_Model):
    expected: str | None = None  # 预期目标
    actual: str | None = None  # 实际完成情况
    # 项目实施内容及过程概述, a row some templates (Sichuan's) print below the goals. Written only where printed.
    process: str | None = None
    omit_when_none: ClassVar[tuple[str, ...]] = ("process",)


class Section(_Model):
    """A first-level category in the order it appears; ``weight`` only where the header prints one."""

    level1: str
    weight: Number | None = None


class Indicator(_Model, _PrintedCells):
    level1: str | None = None
    level2: str | None = None
    name: str = ""
    target: str | None = None  # 年度指标值, as printed
    actual: str | None = None  # 实际完成值, as printed
    weight: Number | None = None  # 分值
    score: Number | None = None  # 得分
    explanation: str | None = None  # 偏差原因分析及改进措施
    line: int | None = None
    location: str | None = None  # as FundsRow.location
    raw: dict[str, str] = {}
    omit_when_none: ClassVar[tuple[str, ...]] = ("location",)

    @computed_field
    @cached
    def target_value(self) -> CellValue | None:
        return parse_value(self.target)

    @cached
    def measured(self) -> tuple[CellValue | None, CellValue | None]:
        """The target and actual values, a bare number taking the unit the name declares for it
        ("培训人数（人次）": 120 → 120人次), as a 度量单位 column would give it."""
        unit = name_and_unit(self.name)[1]
        if unit is None:
            return self.target_value, self.actual_value
        return with_unit(self.target_value, unit), with_unit(self.actual_value, unit)

    @property
    def named(self) -> bool:
        """Whether the row names an indicator (not blank, not 无, not a bare 指标：)."""
        return is_named(self.name)

    @property
    def label(self) -> str:
        """How every report and 审核意见 names the row (see ``row_label``)."""
        return row_label(self.name, self.level2, self.raw.get("name"))

    @computed_field
    @cached
    def actual_value(self) -> CellValue | None:
        return parse_value(self.actual)


def is_named(name: str | None) -> bool:
    return bool(name) and name not in PLACEHOLDERS


def row_label(name: str, level2: str | None, printed: str | None = None) -> str:
    """A row's 三级指标, or for a row that names none its 二级指标 and what the cell held:
    "生态效益指标（三级指标填为“无”）", "生态效益指标（三级指标为空）". Never blank: a reader must
    find the row on the form from it."""
    if is_named(name):
        return name
    shown = printed if printed is not None else name
    category = level2 or "未命名指标"
    return f"{category}（三级指标填为“{shown}”）" if shown else f"{category}（三级指标为空）"


def quoted_label(label: str, named: bool) -> str:
    """A label as a sentence quotes it: an indicator's name in quotes, a row known by its
    category as its label says it (生态效益指标（三级指标填为“无”）)."""
    return f"“{label}”" if named else label


class Total(_Model):
    weight: Number | None = None
    score: Number | None = None
    line: int | None = None
    location: str | None = None  # as FundsRow.location
    omit_when_none: ClassVar[tuple[str, ...]] = ("location",)


class ParseWarning(_Model):
    line: int | None = None
    location: str | None = None  # as FundsRow.location
    message: str
    omit_when_none: ClassVar[tuple[str, ...]] = ("location",)


class Source(_Model):
    path: str
    reader: str
    line: int | None = None

    @property
    def file(self) -> str:
        """The file the form was read from: a workbook's form is named by its sheet too,
        "自评表.xlsx[项目A]" (Excel allows no brackets in a sheet's name)."""
        if self.reader in ("xlsx", "xls") and self.path.endswith("]") and "[" in self.path:
            return self.path[: self.path.rindex("[")]
        return self.path


class Form(_Model):
    project: str | None = None
    department: str | None = None
    implementer: str | None = None
    year: int | None = None
    unit: str | None = None  # money unit of the funds table: 万元 or 元
    funds: Funds = Funds.model_construct()
    goals: Goals = Goals.model_construct()
    sections: list[Section] = []
    # What the indicator table's label gives all its indicators, where it prints one: 四川's
    # "绩效指标（90分）", a template that leaves their split to the project. Written only where printed.
    indicators_weight: Number | None = None
    indicators: list[Indicator] = []
    total: Total | None = None
    grade: str | None = None
    source: Source | None = None
    notes: list[str] = []
    warnings: list[ParseWarning] = []
    omit_when_none: ClassVar[tuple[str, ...]] = ("indicators_weight",)

    @property
    def label(self) -> str:
        return self.project or (f"{self.source.path}:{self.source.line}" if self.source else "?")


class Document(_Model):
    forms: list[Form]
