"""Configuration of the checks: which rules, which template, which tolerances.

Read from ``reviewer.toml`` or the ``[tool.reviewer]`` table of a ``pyproject.toml`` (the
first found walking up from the current folder, or the file given with ``--config``);
command-line options override it. Every threshold a rule uses lives here, so a
province's own scoring convention is a setting, never a code change.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reviewer.errors import InputError

D = Decimal


class _Settings(BaseModel):
    # Built only when a configuration file or option is read, not at import: most runs have none.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Template(_Settings):
    """How a form of this kind is weighted."""

    name: str = "custom"
    # What messages shown to agencies call it (an agency knows its template by what it is, not
    # by the tool's name for it).
    title: str = "所配置的模板"
    total: Decimal = D(100)
    # The 分值 of the funds block; None where the template scores execution inside an indicator
    # category (the older template's 项目管理), so no separate funds weight is added to the rows'.
    funds_weight: Decimal | None = D(10)
    # First-level weights the template fixes; a category missing here has a free weight.
    level1: dict[str, Decimal] = {}
    # First-level categories every form of this template must have.
    required: list[str] = []
    # Actual at or above this % of a ≥ target needs an explanation; None leaves it to
    # thresholds.far_exceeded. Both 120 (the vendor system highlights the score at 1.2 × target)
    # and 130 (广西, and the MoF text's example) are in use.
    far_exceeded: Decimal | None = None
    # How a missed reverse (≤) target is scored under this template; None leaves it to
    # reverse_scoring. Printed instructions give both (历城区: "按B/A或A/B*该指标分值记分").
    reverse_scoring: Literal["ratio", "linear"] | None = None


_STANDARD = ["产出指标", "效益指标", "满意度指标"]
# Each named template and where its weights come from (README, "Templates", cites the same):
TEMPLATES: dict[str, Template] = {
    # 财预〔2020〕10号 (the MoF's 项目支出绩效自评表): 产出 50, 效益 30, 满意度 10, funds 10; its note
    # is printed on 天长市水利局's 2022 form and on the 中卫 seeds (golden/seeds/001).
    "mof2020": Template.model_construct(
        name="mof2020",
        title="财政部自评表模板",
        level1={"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)},
        required=_STANDARD,
    ),
    # 财预〔2021〕101号 core indicators, 成本 a first-level category, weights per project summing to
    # 90 beside the funds' 10: the 上海市公积金管理中心 seeds (golden/seeds/003).
    "shanghai-101-style": Template.model_construct(
        name="shanghai-101-style", title="成本指标单列的自评表模板", required=["成本指标", *_STANDARD]
    ),
    # 四川 部门预算项目支出绩效自评表: 预算执行情况 10 + 绩效指标 90, split freely (青神县发改局
    # 2023, 大英县司法局 2023, 大英县文旅局 2022).
    "sichuan": Template.model_construct(name="sichuan", title="四川省自评表模板", required=_STANDARD),
    # 湖北 财政项目绩效自评表: 预算执行情况 20 (得分 = 20 × 执行率) + 年度绩效指标 80 (襄阳市中心医院
    # 2021, 黄石市图书馆 2022, 黄冈市档案馆 2020).
    "hubei": Template.model_construct(name="hubei", title="湖北省自评表模板", funds_weight=D(20), required=_STANDARD),
    # 银川市's older city template: 项目决策 10, 项目管理 25 (budget
    # execution scored inside it), 项目产出 30, 项目效益 35.
    "older-city": Template.model_construct(
        name="older-city",
        title="项目决策、管理、产出、效益四类指标的自评表模板",
        funds_weight=None,
        level1={"项目决策": D(10), "项目管理": D(25), "项目产出": D(30), "项目效益": D(35)},
        required=["项目决策", "项目管理", "项目产出", "项目效益"],
    ),
}


class Tolerances(_Settings):
    # Each is slack for noise below the printed digit, on top of what the printing itself allows
    # (``rules.precision``): a printed value may be the exact one rounded (half a unit of its last
    # digit) or truncated (less than one unit, toward zero); a printed total may differ from its
    # printed parts by their rounding.
    # Percentage points between a printed 执行率 and 执行数 ÷ 全年预算数.
    rate: Decimal = D("0.01")
    # Points between a printed score (funds score, 总分) and the score the numbers give.
    score: Decimal = D("0.01")
    # Money between 年度资金总额 and the sum of its sub-rows (once, however many sub-rows).
    money_per_row: Decimal = D("0.01")
    # Percentage points between a printed cost-deviation rate and the funds table.
    cost_deviation: Decimal = D("0.01")
    # Points a missed target's score may differ from the score the provincial systems compute,
    # or half a unit of its last printed digit when that is more.
    proportional: Decimal = D("0.5")


class Thresholds(_Settings):
    low_execution: Decimal = D(90)  # 执行率 below this (%) needs an explanation
    budget_adjustment: Decimal = D(10)  # |全年预算 − 年初预算| ÷ 年初预算 above this (%) is flagged
    far_exceeded: Decimal = D(130)  # actual at or above this % of a ≥ target
    explanation_min_chars: int = 15  # an explanation shorter than this (汉字 and letters) is weak
    satisfaction_target: Decimal = D(80)  # a satisfaction rate targeted below this (%) is set too low


class Bands(_Settings):
    """Share of the weight (%) each qualitative grade may score; both ends included."""

    achieved: tuple[Decimal, Decimal] = (D(80), D(100))
    partial: tuple[Decimal, Decimal] = (D(60), D(80))
    failed: tuple[Decimal, Decimal] = (D(0), D(60))


class Grades(_Settings):
    """Lowest 总分 of each grade: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, below that 差."""

    优: Decimal = D(90)
    良: Decimal = D(80)
    中: Decimal = D(60)


# The grade bands in use, by the name a configuration may give instead of a [grades] table: the
# MoF text (财预〔2020〕10号) and the vendor's performance-management system (gov.mof.fasp2.pmkpi).
GRADE_SCALES: dict[str, Grades] = {
    "mof": Grades.model_construct(),
    "pmkpi": Grades.model_construct(优=D(80), 良=D(70), 中=D(60)),
}


class Config(_Settings):
    select: list[str] = ["ALL"]
    ignore: list[str] = []
    # "auto" picks per form by its categories (see ``rules.base.template_for``).
    template: str | Template = "auto"
    # How a missed reverse (≤) target is scored: "linear" = weight × (1 − (actual − target) ÷
    # target), zero from twice the target, as the vendor system most provinces run computes it;
    # "ratio" = weight × target ÷ actual, as some printed instructions give it.
    reverse_scoring: Literal["ratio", "linear"] = "linear"
    tolerance: Tolerances = Tolerances.model_construct()
    thresholds: Thresholds = Thresholds.model_construct()
    bands: Bands = Bands.model_construct()
    grades: Grades = Grades.model_construct()
    severity: dict[str, Literal["error", "warning", "info"]] = {}
    lang: Literal["zh", "en"] = "zh"
    source: str | None = Field(default=None, exclude=True)

    @field_validator("grades", mode="before")
    @classmethod
    def _named_grades(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value not in GRADE_SCALES:
            raise ValueError(f"unknown grade scale {value!r}; choose {', '.join(GRADE_SCALES)} or give a table")
        return GRADE_SCALES[value]

    @field_validator("template")
    @classmethod
    def _known_template(cls, value: str | Template) -> str | Template:
        if isinstance(value, str) and value != "auto" and value not in TEMPLATES:
            raise ValueError(
                f"unknown template {value!r}; choose auto, {', '.join(TEMPLATES)} or give explicit weights"
            )
        return value


CONFIG_FILES = ("reviewer.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The nearest reviewer.toml, or pyproject.toml with a [tool.reviewer] table, from ``start`` up."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name == "reviewer.toml" or _has_reviewer_table(candidate)):
                return candidate
    return None


def _has_reviewer_table(path: Path) -> bool:
    try:
        return "reviewer" in _read_toml(path).get("tool", {})
    except InputError:
        return False


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise InputError(str(path), "cannot read configuration: no such file") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read configuration: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "cannot read configuration: not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(path), f"invalid TOML: {error}") from None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration in ``path``, or found from ``start``; defaults when there is none."""
    path = path or find_config(start or Path.cwd())
    if path is None:
        return Config.model_construct()
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("reviewer", {})
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        raise InputError(str(path), f"invalid configuration: {reason(error)}") from None
    config.source = str(path)
    return config


class SettingsError(ValueError):
    """A setting given on the command line (or by a caller) that is not valid."""


def with_overrides(config: Config, overrides: dict) -> Config:
    """``config`` with some settings replaced, validated as a configuration file is."""
    if not overrides:
        return config
    try:
        return Config.model_validate({**config.model_dump(exclude={"source"}), **overrides})
    except ValidationError as error:
        raise SettingsError(reason(error)) from None


def reason(error: ValidationError) -> str:
    """The first problem, as "template: unknown template 'beijing'; choose …"."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"
