"""The rule catalogue's machinery: a rule, what it finds, and the registry.

A rule is one module of ``reviewer/rules/catalogue/``: a small pure function of (form, context)
that yields ``Hit``s, registered with ``@rule`` under its code, its names (English and Chinese)
and its default severity, with the cells a report marks for it and the forms it must fire on
and stay silent on. Its docstring is its documentation, with the sections every rule must have
(a test enforces them): What it checks, Why it matters, Example, How to fix.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from reviewer.config import TEMPLATES, Config, Template
from reviewer.form.model import Form, Indicator, cached
from reviewer.rules.common import category_key

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")


@dataclass(slots=True)
class Hit:
    """What a rule found, before the catalogue gives it its code and severity."""

    zh: str
    en: str
    row: Indicator | None = None
    line: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: dict[str, str]
    level1: str | None = None
    level2: str | None = None
    indicator: str | None = None
    line: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    name_zh: str = ""
    # How reports name the finding's row: its indicator, or for a row that names none its
    # 二级指标 ("生态效益指标（三级指标填为“无”）"); None for a finding about the whole form.
    subject: str | None = None
    # Where a Word or PDF file shows the row ("表2第14行", "第3页表1第9行"); None for text forms.
    location: str | None = None

    def rule_name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" and self.name_zh else self.name

    @property
    def place(self) -> str | None:
        """Where a person finds the finding: its location in the document, else its line."""
        return self.location or (str(self.line) if self.line is not None else None)

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "level1": self.level1,
            "level2": self.level2,
            "indicator": self.indicator,
            "line": self.line,
            "location": self.location,
            "message": self.message[lang],
            "facts": self.facts,
        }


class Context:
    """What a rule may read besides the form: the configuration, the form's template, and the
    rows grouped the way several rules need them (worked out once per form)."""

    def __init__(self, form: Form, config: Config):
        self.form = form
        self.config = config
        self.template = template_for(form, config)

    @cached
    def deducted(self) -> list[Indicator]:
        """Rows that lost points."""
        return [
            row
            for row in self.form.indicators
            if row.weight is not None and row.score is not None and row.score < row.weight
        ]

    @cached
    def numeric(self) -> list[Indicator]:
        """Rows whose target or actual is a number."""
        return [
            row
            for row in self.form.indicators
            if (row.target_value is not None and row.target_value.kind == "number")
            or (row.actual_value is not None and row.actual_value.kind == "number")
        ]


Check = Callable[[Form, Context], Iterator[Hit]]


@dataclass(frozen=True)
class Marks:
    """The cells a report marks for a finding of the rule: on its indicator row (the name when
    nothing else is said), on its funds row, on the 总分 row."""

    row: tuple[str, ...] = ("name",)
    funds: tuple[str, ...] = ()
    total: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    """A form on which the rule must fire, or must stay silent; built only when asked for."""

    description: str
    fires: bool
    make: Callable[[], Form]


def fires(description: str, make: Callable[[], Form]) -> Example:
    return Example(description, True, make)


def silent(description: str, make: Callable[[], Form]) -> Example:
    return Example(description, False, make)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    name_zh: str
    severity: Severity
    doc: str
    check: Check
    marks: Marks = Marks()
    examples: tuple[Example, ...] = ()

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def sections(self) -> dict[str, str]:
        """The doc's ``## Heading`` sections, heading → text."""
        found: dict[str, str] = {}
        heading = None
        for line in self.doc.splitlines():
            if line.startswith("## "):
                heading = line[3:].strip()
                found[heading] = ""
            elif heading is not None:
                found[heading] += line + "\n"
        return {key: value.strip() for key, value in found.items()}

    def markdown(self, lang: str = "en") -> str:
        if lang == "zh":
            severity = SEVERITY_ZH[self.severity]
            return f"# {self.name_zh}（{self.code} {self.name}）\n\n默认级别：{severity}。\n\n{self.doc}\n"
        return f"# {self.name} ({self.code})\n\nDefault severity: {self.severity}.\n\n{self.doc}\n"


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    name_zh: str,
    severity: Severity,
    *,
    marks: Marks = Marks(),
    examples: tuple[Example, ...] = (),
) -> Callable[[Check], Check]:
    """Register a check under a stable code; codes are never reused."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, name_zh, severity, inspect.cleandoc(check.__doc__ or ""), check, marks, examples)
        return check

    return register


def template_for(form: Form, config: Config) -> Template:
    """The configured template, or for ``template = "auto"`` the one the form's categories show:
    the older template when it has 项目决策 or 项目管理; Hubei when its funds carry 20 points, or
    print none while its indicators (their 分值, category headers or table label) carry 80;
    101号-style when 成本 is a first-level category; Sichuan's, which leaves the split of the
    indicators' points to the project, when the indicator table's label prints their weight
    ("绩效指标（90分）"); the MoF 2020 template otherwise."""
    if isinstance(config.template, Template):
        return config.template
    if config.template != "auto":
        return TEMPLATES[config.template]
    categories = {category_key(row.level1) for row in form.indicators if row.level1}
    if categories & {"决策", "管理"}:
        return TEMPLATES["older-city"]
    funds_weight = form.funds.total.weight if form.funds.total else None
    if funds_weight == 20 or (funds_weight is None and _HUBEI_INDICATORS in _indicator_weights(form)):
        return TEMPLATES["hubei"]
    if "成本" in categories:
        return TEMPLATES["shanghai-101-style"]
    if form.indicators_weight is not None:
        return TEMPLATES["sichuan"]
    return TEMPLATES["mof2020"]


_HUBEI_INDICATORS = Decimal(80)


def _indicator_weights(form: Form) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """What the form's indicators weigh: the sum of their 分值, of their category headers, and
    what the indicator table's label prints ("年度绩效指标（80分）")."""
    rows = [row.weight for row in form.indicators if row.weight is not None]
    headers = [section.weight for section in form.sections if section.weight is not None]
    return (
        sum(rows, Decimal(0)) if rows else None,
        sum(headers, Decimal(0)) if headers else None,
        form.indicators_weight,
    )
