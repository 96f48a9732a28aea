"""Run the rule catalogue over forms: selection, severities, ordering, the batch summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from .batch import map_forms
from .config import Config
from .errors import InputError
from .model import Form
from .rules import RULES, SEVERITIES, Context, Finding, Rule


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
    findings: list[Finding] = []
    for rule in rules:
        severity = config.severity.get(rule.code, rule.severity)
        for hit in rule.check(form, context):
            row = hit.row
            findings.append(Finding(
                rule=rule.code, name=rule.name, severity=severity, message={"zh": hit.zh, "en": hit.en},
                level1=row.level1 if row else None, level2=row.level2 if row else None,
                indicator=row.name if row else None,
                line=row.line if row else hit.line, facts=hit.facts))
    findings.sort(key=lambda f: (f.line if f.line is not None else -1, f.rule))
    return findings


@dataclass
class FormResult:
    """One form's findings, with what a report needs to name the form."""

    project: str | None
    source: str
    line: int | None
    findings: list[Finding]
    # Kept only for the reports that lay the form out (HTML, Excel): a big batch's text or JSON
    # report would otherwise hold every form in memory, and ship it back from every worker.
    form: Form | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, form: Form, findings: list[Finding], keep_form: bool = False) -> FormResult:
        source = form.source
        return cls(form.project, source.path if source else "?", source.line if source else None, findings,
                   form if keep_form else None)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def tally(self) -> tuple[tuple[str, str], ...]:
        """(rule, severity) of every finding: what the batch summary counts."""
        return tuple((f.rule, f.severity) for f in self.findings)


@dataclass(slots=True)
class Rendered:
    """A form's findings already written out, in a worker, as its fragment of the report.
    A 10,000-form batch then sends short strings back to the main process, not objects,
    and the main process has nothing left to format."""

    text: str
    tally: tuple[tuple[str, str], ...]


@dataclass
class CheckResult:
    forms: list[FormResult | Rendered] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0

    @property
    def has_errors(self) -> bool:
        return any(severity == "error" for result in self.forms for _, severity in result.tally)

    def summary(self) -> dict:
        severities: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        with_errors = 0
        for result in self.forms:
            tally = result.tally
            rules.update(rule for rule, _ in tally)
            found = Counter(severity for _, severity in tally)
            severities.update(found)
            with_errors += bool(found["error"])
        return {
            "files": self.files, "forms": len(self.forms), "unreadable": len(self.errors),
            **{severity: severities.get(severity, 0) for severity in SEVERITIES},
            "forms_with_errors": with_errors,
            "by_rule": dict(sorted(rules.items())),
        }


def check_paths(paths: Iterable[str], config: Config, reader: str | None = None, jobs: int | None = None,
                fragment: Callable[[FormResult], str] | None = None, keep_forms: bool = False) -> CheckResult:
    """Check every form in ``paths`` (files or folders), on up to ``jobs`` processes.

    With ``fragment``, each form's result is rendered where it was checked and the result
    holds ``Rendered`` fragments instead of ``FormResult``s; ``keep_forms`` keeps each form
    with its result, for the reports that lay the form out."""
    rules = select_rules(config.select, config.ignore)
    job = partial(_check_one, config=config, rules=rules, fragment=fragment, keep_form=keep_forms)
    results, errors, files = map_forms(paths, job, reader, jobs)
    return CheckResult(forms=results, errors=errors, files=files)


def _check_one(form: Form, config: Config, rules: list[Rule], fragment: Callable[[FormResult], str] | None,
               keep_form: bool) -> FormResult | Rendered:
    result = FormResult.of(form, check_form(form, config, rules), keep_form)
    return Rendered(fragment(result), result.tally) if fragment else result
