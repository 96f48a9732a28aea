"""Run the rule catalogue over one form: selection, severities, ordering."""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.config import Config
from reviewer.form.model import Form, FundsRow, Indicator, Total
from reviewer.rules import RULES
from reviewer.rules.base import Context, Finding, Rule


class SelectionError(ValueError):
    """A rule selector that names no rule."""


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """Rules whose code starts with a selected prefix ("ALL", "F", "S20", "T401") and with no
    ignored one, in code order."""
    chosen = _matching(select)
    dropped = _matching(ignore)
    return [RULES[code] for code in sorted(chosen - dropped)]


def _matching(selectors: Iterable[str]) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        selector = selector.strip().upper()
        if not selector:
            continue
        found = set(RULES) if selector == "ALL" else {code for code in RULES if code.startswith(selector)}
        if not found:
            raise SelectionError(f"no rule matches {selector!r}; `reviewer rules` lists them")
        codes |= found
    return codes


def check_form(form: Form, config: Config, rules: list[Rule] | None = None) -> list[Finding]:
    rules = select_rules(config.select, config.ignore) if rules is None else rules
    context = Context(form, config)
    places = _Places(form)
    findings: list[Finding] = []
    for rule in rules:
        severity = config.severity.get(rule.code, rule.severity)
        for hit in rule.check(form, context):
            row = hit.row
            line = row.line if row else hit.line
            findings.append(
                Finding(
                    rule=rule.code,
                    name=rule.name,
                    severity=severity,
                    message={"zh": hit.zh, "en": hit.en},
                    level1=row.level1 if row else None,
                    level2=row.level2 if row else None,
                    indicator=row.name if row else None,
                    line=line,
                    facts=hit.facts,
                    location=row.location if row else places.of(line),
                    name_zh=rule.name_zh,
                    subject=row.label if row else None,
                )
            )
    findings.sort(key=lambda f: (f.line if f.line is not None else -1, f.rule))
    return findings


class _Places:
    """The location of the row on a line (a funds row, the 总分, a category's first row), looked
    up only for a finding that names a line and no row, and only in a form read from a document."""

    def __init__(self, form: Form):
        self.form = form
        self.by_line: dict[int, str] | None = None

    def of(self, line: int | None) -> str | None:
        if line is None:
            return None
        if self.by_line is None:
            form = self.form
            rows: list[FundsRow | Indicator | Total] = [
                *(row for _, row in form.funds.rows()),
                *form.indicators,
                *([form.total] if form.total else []),
            ]
            self.by_line = {row.line: row.location for row in rows if row.line is not None and row.location}
        return self.by_line.get(line)
