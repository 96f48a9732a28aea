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
from typing import TYPE_CHECKING, Any

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
from reviewer.reports.readermessages import error_text, skipped_text, warning_message
from reviewer.rules import SEVERITIES, Finding

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment

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
    location: str | None = None  # "表2第14行" in a Word or PDF file

    @property
    def place(self) -> str:
        """What the row's first column shows: where the document has the row, else its line."""
        return self.location or (str(self.line) if self.line is not None else "")


@dataclass
class FormView:
    """What the template needs of one form: its rows as cells, in the paper form's order, and
    where the batch's table of forms links to it (its section of the page, or a page of its own)."""

    anchor: str
    annotated: AnnotatedForm
    funds: list[TableRow]
    indicators: list[TableRow]
    total: TableRow | None
    href: str

    @property
    def located(self) -> bool:
        """Whether the rows show a document's locations ("第3页表1第9行"), which need a wider column."""
        return any(row.location for row in [*self.funds, *self.indicators])


def render_html(result: CheckResult, lang: str = "zh", reviews: Sequence[Reviewed] | None = None) -> str:
    """The report of ``result`` (checked with ``keep_forms``), with the drafts and critiques of ``reviews``."""
    forms = annotate_all(result.form_results, reviews)
    script = inline_script("reviewer.reports", "page/report.js")
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            **page_context(result, forms, [form_view(a, f"form-{i}") for i, a in enumerate(forms, 1)], lang),
            reviewed=reviews is not None,
            script=script,
            script_hash=script.hash,
        )
    )


def page_context(
    result: CheckResult, forms: Sequence[AnnotatedForm], views: Sequence[FormView], lang: str
) -> dict[str, Any]:
    """What the pieces of ``form.html.j2`` read from the page that imports them."""
    rows, points = deductions(forms)
    return {
        "result": result,
        "summary": result.summary(),
        "forms": views,
        "rules": rule_counts(forms),
        "lang": lang,
        "deducted_rows": rows,
        "points_lost": points,
        "severities": SEVERITIES,
        "severity_name": lambda severity: severity_name(severity, lang),
        "warning_message": lambda message: warning_message(message, lang),
        "error_text": lambda error: error_text(error, lang),
        "skipped_text": lambda skipped: skipped_text(skipped, lang),
        "explanation_head": lambda e: explanation_head(e, lang),
        "comment_head": lambda c: comment_head(c, lang),
        "consistency_head": lambda c: consistency_head(c, lang),
        "contradiction_text": contradiction_text,
        "rejected": REJECTED[lang],
        "funds_headers": FUNDS_HEADERS,
        "style": style_sheet("reviewer.reports", "page/report.css"),
    }


def environment(*loaders: BaseLoader) -> Environment:
    """The report's template environment; ``loaders`` (a web app's pages) are searched before
    the report's own folder, whose pieces they import."""
    return _environment(loaders)


@lru_cache(maxsize=4)
def _environment(loaders: tuple[BaseLoader, ...]) -> Environment:
    from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("reviewer.reports", "page")]),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class InlineScript(str):
    """A script to insert into a page as it is, with the hash its Content-Security-Policy allows."""

    hash: str

    def __html__(self) -> str:  # inserted as it is, so the hash in the policy is the hash of what runs
        return str(self)


@lru_cache(maxsize=8)
def inline_script(package: str, path: str) -> InlineScript:
    """The script at ``path`` in ``package``'s data."""
    script = InlineScript(_package_file(package, path))
    script.hash = "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return script


def style_sheet(package: str, path: str):
    """The style sheet at ``path`` in ``package``'s data, to insert in a ``<style>`` element."""
    from markupsafe import Markup

    return Markup(_package_file(package, path))


@lru_cache(maxsize=8)
def _package_file(package: str, path: str) -> str:
    return files(package).joinpath(*path.split("/")).read_text(encoding="utf-8")


def form_view(annotated: AnnotatedForm, anchor: str, href: str | None = None) -> FormView:
    """One form's rows as the template lays them out; ``href`` links to it (its anchor by default)."""
    return FormView(
        anchor,
        annotated,
        _funds_rows(annotated, anchor),
        _indicator_rows(annotated, anchor),
        _total_row(annotated, anchor),
        href or f"#{anchor}",
    )


def _funds_rows(annotated: AnnotatedForm, anchor: str) -> list[TableRow]:
    rows = []
    for key, funds in annotated.form.funds.rows():
        where: Row = ("funds", key)
        cells = [Cell(FUNDS_ROW_LABELS[key])] + [
            Cell(funds.printed(column), annotated.cell(where, column), numeric=True) for column in FUNDS_COLUMNS
        ]
        rows.append(
            TableRow(f"{anchor}-{key}", funds.line, cells, annotated.rows.get(where, []), location=funds.location)
        )
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
                indicator.location,
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
    total = form.total
    return TableRow(
        f"{anchor}-total",
        total.line if total else None,
        cells,
        annotated.rows.get(where, []),
        location=total.location if total else None,
    )
