"""What checking a batch gives: each form's findings, the files that could not be read, the
summary counts, and the JSON of `reviewer check --format json`, which is a public contract."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import InputError
from reviewer.form.model import Form, ParseWarning
from reviewer.readers.files import Skipped
from reviewer.rules.base import SEVERITIES, Finding

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass
class FormResult:
    """One form's findings, with what a report needs to name the form."""

    project: str | None
    source: str
    line: int | None
    findings: list[Finding]
    # What the reader could not place or found missing (ParseWarning: line, location, message).
    warnings: list[ParseWarning] = field(default_factory=list)
    # Kept only for the reports that lay the form out (HTML, Excel): a big batch's text or JSON
    # report would otherwise hold every form in memory, and ship it back from every worker.
    form: Form | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, form: Form, findings: list[Finding], keep_form: bool = False) -> FormResult:
        source = form.source
        return cls(
            form.project,
            source.path if source else "?",
            source.line if source else None,
            findings,
            list(form.warnings),
            form if keep_form else None,
        )

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def tally(self) -> tuple[tuple[str, str], ...]:
        """(rule, severity) of every finding: what the batch summary counts."""
        return tuple((f.rule, f.severity) for f in self.findings)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "project": self.project,
            "findings": [finding.as_json(lang) for finding in self.findings],
            "warnings": [
                {"line": warning.line, "location": warning.location, "message": warning.message}
                for warning in self.warnings
            ],
        }


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
    # Files in the folders given that are not forms (a README, a picture): named, not errors.
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(severity == "error" for result in self.forms for _, severity in result.tally)

    @property
    def exit_code(self) -> int:
        """As `reviewer check` exits: 2 when no form could be read, 1 when a finding is an error, else 0."""
        if not self.forms:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.has_errors else EXIT_OK

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
            "files": self.files,
            "forms": len(self.forms),
            "unreadable": len(self.errors),
            "skipped": len(self.skipped),
            **{severity: severities.get(severity, 0) for severity in SEVERITIES},
            "forms_with_errors": with_errors,
            "by_rule": dict(sorted(rules.items())),
        }

    @property
    def form_results(self) -> list[FormResult]:
        """Each form's findings; a result whose forms were rendered in the workers has none."""
        found = [r for r in self.forms if isinstance(r, FormResult)]
        if len(found) != len(self.forms):
            raise TypeError("the forms were rendered where they were checked; check without a fragment")
        return found

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The document `reviewer check --format json` prints."""
        return {
            "forms": [r.to_dict(lang) for r in self.form_results],
            "errors": self.errors_json(),
            "skipped": self.skipped_json(),
            "summary": self.summary(),
        }

    def errors_json(self) -> list[dict[str, Any]]:
        return [{"source": e.path, "line": e.line, "message": e.message} for e in self.errors]

    def skipped_json(self) -> list[dict[str, str]]:
        return [{"source": s.path, "reason": s.reason} for s in self.skipped]


def json_fragment(result: FormResult, lang: str = "zh") -> str:
    """One form's part of the JSON report, as a worker writes it."""
    return json.dumps(result.to_dict(lang), ensure_ascii=False)


def render_json(result: CheckResult, lang: str = "zh") -> str:
    """``json.dumps(result.to_dict())`` on one line, put together from the forms' fragments."""
    forms = ", ".join(r.text if isinstance(r, Rendered) else json_fragment(r, lang) for r in result.forms)
    tail = json.dumps(
        {"errors": result.errors_json(), "skipped": result.skipped_json(), "summary": result.summary()},
        ensure_ascii=False,
    )
    return f'{{"forms": [{forms}], {tail[1:]}'
