"""The HTML report: one self-contained page a reviewer reads and forwards.

A summary of the batch, then every form laid out like the paper form (funds table, goals,
indicator table with its categories merged), flagged cells coloured by their worst finding,
the findings beside them in a 审核意见 column, and a row's original explanation beside its
draft or critique. A draft, critique, consistency check or 审核意见 that failed its checks is
marked rejected, its text struck through. All form text goes through the template's autoescaping. The page loads
nothing: styles and the filter script are inline, and its Content-Security-Policy allows that
one script by its hash, so markup that got into the page by any route could still not run.
Without JavaScript every finding is shown; the script only adds the severity and rule filters.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from reviewer.form.model import FUNDS_COLUMNS
from reviewer.reports.annotate import (
    REJECTED,
    AnnotatedForm,
    Row,
    annotate_all,
    comment_head,
    consistency_head,
    contradiction_text,
    deductions,
    explanation_head,
    level_runs,
    rule_counts,
    worst,
)
from reviewer.reports.findings import severity_name
from reviewer.reports.formtext import FUNDS_HEADERS, FUNDS_ROW_LABELS
from reviewer.rules import SEVERITIES, Finding

if TYPE_CHECKING:
    from jinja2 import Environment

    from reviewer.llm.review import Explanation, Reviewed
    from reviewer.rules.results import CheckResult

INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "explanation")
NUMERIC = {"weight", "score"}


@dataclass
class Cell:
    text: str
    findings: list[Finding] = field(default_factory=list)
    rowspan: int = 1
    numeric: bool = False

    @property
    def severity(self) -> str | None:
        return worst(self.findings)


@dataclass
class TableRow:
    anchor: str
    line: int | None
    cells: list[Cell]
    findings: list[Finding]
    explanations: list[Explanation] = field(default_factory=list)


@dataclass
class FormView:
    """What the template needs of one form: its rows as cells, in the paper form's order."""

    anchor: str
    annotated: AnnotatedForm
    funds: list[TableRow]
    indicators: list[TableRow]
    total: TableRow | None


def render_html(result: CheckResult, lang: str = "zh", reviews: Sequence[Reviewed] | None = None) -> str:
    """The report of ``result`` (checked with ``keep_forms``), with the drafts and critiques of ``reviews``."""
    forms = annotate_all(result.form_results, reviews)
    views = [_view(annotated, f"form-{i}") for i, annotated in enumerate(forms, 1)]
    rows, points = deductions(forms)
    script = _script()
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            result=result,
            summary=result.summary(),
            forms=views,
            rules=rule_counts(forms),
            lang=lang,
            deducted_rows=rows,
            points_lost=points,
            severities=SEVERITIES,
            reviewed=reviews is not None,
            severity_name=lambda severity: severity_name(severity, lang),
            explanation_head=lambda e: explanation_head(e, lang),
            comment_head=lambda c: comment_head(c, lang),
            consistency_head=lambda c: consistency_head(c, lang),
            contradiction_text=contradiction_text,
            rejected=REJECTED[lang],
            funds_headers=FUNDS_HEADERS,
            script=script,
            script_hash="sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
        )
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("reviewer.reports", "page"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _script():
    from markupsafe import Markup

    # Markup: inserted as it is, so the hash in the page's policy is the hash of what runs.
    return Markup((files("reviewer.reports") / "page" / "report.js").read_text(encoding="utf-8"))


def _view(annotated: AnnotatedForm, anchor: str) -> FormView:
    return FormView(
        anchor,
        annotated,
        _funds_rows(annotated, anchor),
        _indicator_rows(annotated, anchor),
        _total_row(annotated, anchor),
    )


def _funds_rows(annotated: AnnotatedForm, anchor: str) -> list[TableRow]:
    rows = []
    for key, funds in annotated.form.funds.rows():
        where: Row = ("funds", key)
        cells = [Cell(FUNDS_ROW_LABELS[key])] + [
            Cell(funds.printed(column), annotated.cell(where, column), numeric=True) for column in FUNDS_COLUMNS
        ]
        rows.append(TableRow(f"{anchor}-{key}", funds.line, cells, annotated.rows.get(where, [])))
    return rows


def _indicator_rows(annotated: AnnotatedForm, anchor: str) -> list[TableRow]:
    indicators = annotated.form.indicators
    # A merged category cell belongs to the first row of its run; the rows below it have none.
    spans = {level: dict(level_runs(indicators, level)) for level in ("level1", "level2")}
    rows = []
    for i, indicator in enumerate(indicators):
        where: Row = ("indicator", i)
        cells = []
        for name in INDICATOR_FIELDS:
            if name in spans and i not in spans[name]:
                continue
            rowspan = spans[name][i] - i + 1 if name in spans else 1
            cells.append(Cell(indicator.printed(name), annotated.cell(where, name), rowspan, name in NUMERIC))
        rows.append(
            TableRow(
                f"{anchor}-r{i + 1}",
                indicator.line,
                cells,
                annotated.rows.get(where, []),
                annotated.explanations.get(where, []),
            )
        )
    return rows


def _total_row(annotated: AnnotatedForm, anchor: str) -> TableRow | None:
    form = annotated.form
    if form.total is None and form.grade is None:
        return None
    where: Row = ("total", "")

    def number(value: Decimal | None) -> str:
        return "" if value is None else str(value)

    cells = [
        Cell(number(form.total.weight if form.total else None), annotated.cell(where, "weight"), numeric=True),
        Cell(number(form.total.score if form.total else None), annotated.cell(where, "score"), numeric=True),
        Cell(form.grade or "", annotated.cell(where, "grade")),
    ]
    return TableRow(f"{anchor}-total", form.total.line if form.total else None, cells, annotated.rows.get(where, []))
