"""Where on the form each finding belongs: the cells a reviewer marks, the row whose 审核意见
it joins, or the form as a whole. The HTML and Excel reports lay the form out the same way
and mark the same cells, from this one placement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from reviewer.form.model import FUNDS_COLUMNS, Form, Indicator, ParseWarning
from reviewer.rules import RULES, Finding

if TYPE_CHECKING:
    from reviewer.llm.review import ConsistencyCheck, Explanation, FormComment, Reviewed
    from reviewer.rules.results import FormResult

STATUS_ZH = {"ok": "通过", "template": "模板", "failed": "未通过"}
MODE_ZH = {"draft": "起草", "critique": "点评"}
_DECISION_ZH = {"accepted": "已采纳", "edited": "已修改"}
# What every output says in place of a text that failed its checks: it is never shown as one.
REJECTED = {"zh": "未通过检查，未采用", "en": "failed its checks, not used"}

# Where a row or cell lies: ("indicator", index), ("funds", "total"), ("total", "")
Row = tuple[str, int | str]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class AnnotatedForm:
    """One form with its findings placed, and the drafts or critiques of its rows."""

    form: Form
    result: FormResult
    cells: dict[tuple[Row, str], list[Finding]] = field(default_factory=dict)
    rows: dict[Row, list[Finding]] = field(default_factory=dict)
    form_findings: list[Finding] = field(default_factory=list)
    explanations: dict[Row, list[Explanation]] = field(default_factory=dict)
    comment: FormComment | None = None
    consistency: ConsistencyCheck | None = None

    def cell(self, row: Row, column: str) -> list[Finding]:
        return self.cells.get((row, column), [])

    def severity(self, row: Row, column: str) -> str | None:
        """The most severe finding on a cell, which decides its colour."""
        return worst(self.cell(row, column))

    @property
    def points_lost(self) -> Decimal:
        return sum((lost(row) for row in self.form.indicators), Decimal(0))


def explanation_head(e: Explanation, lang: str) -> str:
    """ "起草·模板" / "draft, template": what the text is and whether it passed its checks, or
    what the reviewer made of it ("起草·已修改")."""
    if lang == "zh":
        return f"{MODE_ZH[e.mode]}·{_DECISION_ZH[e.decision] if e.decision else STATUS_ZH[e.status]}"
    return f"{e.mode}, {e.decision or e.status}"


_COMMENT_HEAD = {
    "zh": {"ok": "审核意见", "template": "审核意见（模板）", "failed": f"模型拟写的审核意见{REJECTED['zh']}"},
    "en": {
        "ok": "Review comment",
        "template": "Review comment (template)",
        "failed": f"Drafted review comment {REJECTED['en']}",
    },
}
_CONSISTENCY_HEAD = {
    "zh": {
        "failed": f"实际完成情况与指标是否矛盾：模型的回答{REJECTED['zh']}，没有结论",
        "template": "实际完成情况与指标是否矛盾：未检查（离线模板）",
        "none": "实际完成情况与指标：未发现矛盾",
        "found": "实际完成情况与指标矛盾：",
    },
    "en": {
        "failed": f"Narrative against the indicators: the answer {REJECTED['en']}; no conclusion",
        "template": "Narrative against the indicators: not checked (offline template)",
        "none": "Narrative against the indicators: no contradiction found",
        "found": "Narrative contradicts the indicators:",
    },
}


def comment_head(comment: FormComment, lang: str) -> str:
    """What the form's 审核意见 is headed by: a rejected one is not called the 审核意见; one a
    reviewer took says so ("审核意见（已修改）")."""
    if comment.decision:
        decision = _DECISION_ZH[comment.decision] if lang == "zh" else comment.decision
        return f"{_COMMENT_HEAD[lang]['ok']}{f'（{decision}）' if lang == 'zh' else f' ({decision})'}"
    return _COMMENT_HEAD[lang][comment.status]


def consistency_head(check: ConsistencyCheck, lang: str) -> str:
    """Whether the 实际完成情况 narrative contradicts an indicator, as far as the check could tell."""
    if check.status == "ok":
        return _CONSISTENCY_HEAD[lang]["found" if check.contradictions else "none"]
    return _CONSISTENCY_HEAD[lang][check.status]


def contradiction_text(contradiction: dict[str, str]) -> str:
    return f"{contradiction['indicator']}：“{contradiction['narrative']}” — {contradiction['explanation']}"


def finding_text(finding: Finding, lang: str) -> str:
    """A finding as the 审核意见 beside its row: "[F104 成本偏差率与资金表不符（错误）] message", with
    where the document shows the row when it is a Word or PDF file: "[… 表2第14行] message"."""
    from reviewer.reports.findings import rule_tag

    place = f" {finding.location}" if finding.location else ""
    return f"[{rule_tag(finding, lang)}{place}] {finding.message[lang]}"


def warning_text(warning: ParseWarning, lang: str) -> str:
    """A reader warning as a report line: "读取提示：表2第14行：could not place: …"."""
    from reviewer.reports.findings import warning_head
    from reviewer.reports.readermessages import warning_message

    where = warning.location or (str(warning.line) if warning.line is not None else None)
    return f"{warning_head(lang)}：{where + '：' if where else ''}{warning_message(warning.message, lang)}"


def form_review(annotated: AnnotatedForm, lang: str, by: str | None = None) -> list[str]:
    """What the form as a whole is told: what its reading left out, its form-level findings, the
    consistency check of its narrative, then its 审核意见 (naming ``by``, who wrote it, where
    given). A check or comment that failed gives its reasons, never its text."""
    parts = [warning_text(w, lang) for w in annotated.result.warnings]
    parts += [finding_text(f, lang) for f in annotated.form_findings]
    check = annotated.consistency
    if check:
        parts.append(consistency_head(check, lang))
        if check.status != "failed":
            parts += [contradiction_text(c) for c in check.contradictions]
        parts += [f"  ! {p}" for p in check.problems]
    comment = annotated.comment
    if comment:
        label = comment_head(comment, lang)
        if by and comment.status != "template" and not comment.decision:  # else the head says whose it is
            label += f"（{by}）" if lang == "zh" else f" ({by})"
        text = "" if comment.rejected else (comment.text or "")
        parts.append(f"{label}{'：' if lang == 'zh' else ': '}{text}")
        parts += [f"  ! {p}" for p in comment.problems_shown]
    return parts


def worst(findings: Iterable[Finding]) -> str | None:
    return min((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default=None)


def lost(row: Indicator) -> Decimal:
    if row.weight is None or row.score is None or row.score >= row.weight:
        return Decimal(0)
    return row.weight - row.score


def annotate(result: FormResult, review: Reviewed | None = None) -> AnnotatedForm:
    form = result.form
    if form is None:
        raise ValueError("the form was not kept with its findings (check_paths(..., keep_forms=True))")
    annotated = AnnotatedForm(form, result)
    index = _RowIndex(form)
    for finding in result.findings:
        row, columns = _place(finding, form, index)
        if row is None:
            annotated.form_findings.append(finding)
            continue
        annotated.rows.setdefault(row, []).append(finding)
        for column in columns:
            annotated.cells.setdefault((row, column), []).append(finding)
    if review is not None:
        for explanation in review.explanations:
            found = index.find(explanation.line, explanation.indicator)
            if found is not None:
                annotated.explanations.setdefault(("indicator", found), []).append(explanation)
        annotated.comment = review.comment
        annotated.consistency = review.consistency
    return annotated


def annotate_all(results: Sequence[FormResult], reviews: Sequence[Reviewed] | None = None) -> list[AnnotatedForm]:
    return [annotate(result, reviews[i] if reviews else None) for i, result in enumerate(results)]


class _RowIndex:
    """Indicator rows by (line, name), the key a finding carries; by name alone for forms without lines."""

    def __init__(self, form: Form):
        self.by_line_name: dict[tuple[int | None, str], int] = {}
        self.by_line: dict[int, int] = {}
        for i, row in enumerate(form.indicators):
            self.by_line_name.setdefault((row.line, row.name), i)
            self.by_line_name.setdefault((None, row.name), i)
            if row.line is not None:
                self.by_line.setdefault(row.line, i)

    def find(self, line: int | None, name: str) -> int | None:
        return self.by_line_name.get((line, name))


def _place(finding: Finding, form: Form, index: _RowIndex) -> tuple[Row | None, tuple[str, ...]]:
    marks = RULES[finding.rule].marks
    if finding.indicator is not None:
        found = index.find(finding.line, finding.indicator)
        if found is not None:
            return ("indicator", found), marks.row
    if marks.total and form.total is not None:
        return ("total", ""), marks.total
    funds = _funds_row(finding, form)
    if funds is not None:
        column = finding.facts.get("column")  # F103 names the money column that does not add up
        return ("funds", funds), (column,) if column in FUNDS_COLUMNS else marks.funds
    if finding.line is not None and finding.line in index.by_line:
        # A category's finding (S203, S210) is printed on the first row of its category.
        return ("indicator", index.by_line[finding.line]), ("level1",)
    return None, ()


def _funds_row(finding: Finding, form: Form) -> str | None:
    named = finding.facts.get("row")
    if named is not None and getattr(form.funds, named, None) is not None:
        return named
    if finding.line is None:
        return None
    return next((key for key, row in form.funds.rows() if row.line == finding.line), None)


def level_runs(indicators: Sequence[Indicator], level: str) -> list[tuple[int, int]]:
    """(first, last) rows of each run of one category, as the paper form merges its cells. A
    second-level run ends with its first-level one, and a run also starts where the category is
    printed differently (``raw``: "产出指标(50分)"), so that text is shown where it was printed."""
    levels = ("level1",) if level == "level1" else ("level1", "level2")
    starts = [i for i in range(len(indicators)) if any(_starts_run(indicators, i, name) for name in levels)]
    return [(start, (starts[n + 1] if n + 1 < len(starts) else len(indicators)) - 1) for n, start in enumerate(starts)]


def _starts_run(indicators: Sequence[Indicator], i: int, level: str) -> bool:
    row = indicators[i]
    return i == 0 or getattr(indicators[i - 1], level) != getattr(row, level) or level in row.raw


@dataclass
class RuleCount:
    code: str
    name: str
    name_zh: str
    severity: str
    count: int

    def rule_name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name


def rule_counts(forms: Sequence[AnnotatedForm]) -> list[RuleCount]:
    """How often each rule fired in the batch, in code order."""
    counts: dict[str, RuleCount] = {}
    for annotated in forms:
        for finding in annotated.result.findings:
            entry = counts.setdefault(
                finding.rule, RuleCount(finding.rule, finding.name, finding.name_zh, finding.severity, 0)
            )
            entry.count += 1
    return [counts[code] for code in sorted(counts)]


def deductions(forms: Sequence[AnnotatedForm]) -> tuple[int, Decimal]:
    """Rows that lost points in the batch, and the points they lost."""
    rows = sum(1 for a in forms for row in a.form.indicators if lost(row))
    return rows, sum((a.points_lost for a in forms), Decimal(0))
