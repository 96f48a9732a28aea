"""Score a live model on the golden cases: each draft, critique rewrite and review comment it
writes is held against the golden reference by deterministic checks, each a plain pass or fail.

A check that cannot run (the model gave no valid answer, the case has no reference) fails:
QA must never read a blank as a pass. Several variants (two models, or two versions of the
prompt templates) run on the same questions and are shown side by side.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from reviewer.form.values import PLACEHOLDERS
from reviewer.golden.cases import LIMIT, Case, call_name
from reviewer.llm import grounding
from reviewer.llm.backends import Backend
from reviewer.llm.jobs import Job, Outcome, unreached
from reviewer.llm.review import plan_form
from reviewer.rules.cues import causes_in, gaps, measures_in

CHECKS = ("answered", "rubric", "grounded", "length", "phrasing", "similar")
CHECK_DOCS = {
    "answered": "a valid answer came back (after the re-asks)",
    "rubric": "an explanation names its indicator, a cause and a measure; a comment names every "
    "indicator with an error-level finding",
    "grounded": "every number is in the form or follows from it",
    "length": "within the limit (explanations 200 characters, comments 2,000)",
    "phrasing": "not a placeholder (无, 无偏差, /) and not 加强管理 with no concrete measure",
    "similar": "character-level similarity to the golden reference at least the minimum",
}
TEXT_FIELDS = {"draft": "explanation", "critique": "rewrite", "review-comment": "comment"}  # what is scored
_PUNCTUATION = re.compile(r"[\s，。、；：,.;:！!]")


@dataclass
class Variant:
    label: str
    backend: Backend
    prompts: Path | None = None


@dataclass
class Score:
    text: str
    checks: dict[str, bool]
    similarity: float | None = None


@dataclass
class Item:
    case: str
    call: str
    reference: str | None
    scores: dict[str, Score] = field(default_factory=dict)  # variant label → score


class EndpointError(Exception):
    """No answer at all came back from a variant's endpoint: a run that scored nothing."""


def evaluate(cases: list[Case], variants: list[Variant], min_similarity: float = 0.3) -> list[Item]:
    """Every drafted, critiqued and commented call of the review cases, scored for each variant.
    Raises ``EndpointError`` when a variant's endpoint answered nothing (unreachable, wrong model)."""
    items: dict[tuple[str, str], Item] = {}
    outputs = {case.name: _outputs(case) for case in cases if case.mode == "review"}
    for variant in variants:
        planned = [
            (case, job)
            for case in cases
            if case.mode == "review"
            for job in _plan(case, variant.prompts)
            if job.task != "consistency"
        ]
        outcomes = variant.backend.run([job for _, job in planned])
        _check_reached(variant, outcomes)
        for (case, job), outcome in zip(planned, outcomes):
            key = (case.name, call_name(job))
            if key not in items:
                items[key] = Item(*key, _reference(outputs[case.name], job))
            items[key].scores[variant.label] = score(job, outcome, items[key].reference, min_similarity)
    return list(items.values())


def _check_reached(variant: Variant, outcomes: list[Outcome]) -> None:
    # Every item failing in transport means no model was asked: scoring it would only say "all
    # checks failed", which reads as a verdict on the model.
    error = unreached([o.problems for o in outcomes])
    if error is not None:
        raise EndpointError(f"{variant.label}: no answer from the endpoint ({error})")


def _plan(case: Case, prompts: Path | None) -> list[Job]:
    return plan_form(case.form(), case.config(), "review", False, LIMIT, prompts)[1]


def _outputs(case: Case) -> dict[str, Any]:
    """The case's golden outputs; empty when it has none yet."""
    path = case.folder / "outputs.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _reference(outputs: dict[str, Any], job: Job) -> str | None:
    """The golden text of the same field: the draft, the critique's rewrite, the comment."""
    if job.task == "review-comment":
        return (outputs.get("comment") or {}).get("text")
    row = job.subject.row
    assert row is not None
    mode = "draft" if job.task == "draft" else "critique"
    found = next(
        (
            e
            for e in outputs.get("explanations", [])
            if e["mode"] == mode and e["line"] == row.line and e["indicator"] == row.name
        ),
        None,
    )
    return found["detail"].get(TEXT_FIELDS[job.task]) if found else None


def answer_text(job: Job, outcome: Outcome) -> str:
    answer = outcome.answer
    if answer is None:
        return ""
    return getattr(answer, TEXT_FIELDS[job.task], "") or ""


def score(job: Job, outcome: Outcome, reference: str | None, min_similarity: float) -> Score:
    text = answer_text(job, outcome)
    if not text.strip():
        return Score(text, dict.fromkeys(CHECKS, False))
    form = job.subject.form
    limit = 10 * LIMIT if job.task == "review-comment" else LIMIT
    similarity = SequenceMatcher(None, reference, text, autojunk=False).ratio() if reference else None
    checks = {
        "answered": outcome.answer is not None,
        "rubric": _rubric(job, text),
        "grounded": not grounding.ungrounded(text, form),
        "length": len(text) <= limit,
        "phrasing": _phrasing(text),
        "similar": similarity is not None and similarity >= min_similarity,
    }
    return Score(text, checks, similarity)


def _rubric(job: Job, text: str) -> bool:
    row = job.subject.row
    if row is None:  # a comment: every indicator with an error must be raised
        flagged = {
            grounding.indicator_label(f.indicator, f.level2)
            for f in job.subject.findings
            if f.severity == "error" and f.indicator is not None
        }
        return all(grounding.names(text, name) for name in flagged if name)
    label = grounding.indicator_label(row.name, row.level2)
    named = not label or grounding.names(text, label)
    return named and bool(causes_in(text)) and bool(measures_in(text))


def _phrasing(text: str) -> bool:
    bare = _PUNCTUATION.sub("", text)
    if bare in PLACEHOLDERS or bare in ("无偏差", "加强管理", "进一步加强管理"):
        return False
    return "slogan" not in gaps(text)


def summary(items: list[Item], labels: list[str]) -> dict[str, dict[str, Any]]:
    """Per variant: how many items passed each check, and passed all of them."""
    result = {}
    for label in labels:
        scores = [item.scores[label] for item in items if label in item.scores]
        result[label] = {
            "items": len(scores),
            "all_passed": sum(all(s.checks.values()) for s in scores),
            **{check: sum(s.checks[check] for s in scores) for check in CHECKS},
        }
    return result


def as_json(items: list[Item], labels: list[str], min_similarity: float) -> dict[str, Any]:
    return {
        "variants": labels,
        "min_similarity": min_similarity,
        "checks": CHECK_DOCS,
        "items": [
            {
                "case": item.case,
                "call": item.call,
                "reference": item.reference,
                "results": {
                    label: {
                        "text": s.text,
                        "checks": s.checks,
                        "similarity": None if s.similarity is None else round(s.similarity, 3),
                    }
                    for label, s in item.scores.items()
                },
            }
            for item in items
        ],
        "summary": summary(items, labels),
    }


def render_table(items: list[Item], labels: list[str]) -> str:
    """One table per case: a row per call, a column per check, one mark per variant (✓ pass, ✗ fail)."""
    from reviewer.reports.formtext import table

    out: list[str] = []
    legend = " / ".join(labels)
    for case in dict.fromkeys(item.case for item in items):
        rows = []
        for item in (i for i in items if i.case == case):
            cells = [" ".join("✓" if item.scores[label].checks[check] else "✗" for label in labels) for check in CHECKS]
            similarity = " ".join(
                "—" if item.scores[label].similarity is None else f"{item.scores[label].similarity:.2f}"
                for label in labels
            )
            rows.append([item.call, *cells, similarity])
        out += [f"{case}  ({legend})", *table(["call", *CHECKS, "similarity"], rows), ""]
    for label, counts in summary(items, labels).items():
        checks = ", ".join(f"{check} {counts[check]}" for check in CHECKS)
        out.append(f"{label}: {counts['all_passed']} of {counts['items']} passed every check; {checks}")
    return "\n".join(out) + "\n"
