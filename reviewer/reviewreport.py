"""Output of `reviewer draft`, `critique` and `review`: the check report with, for each form,
its drafted or critiqued explanations and its 审核意见."""

from __future__ import annotations

from typing import Any

from .annotate import explanation_head
from .checker import CheckResult
from .checkreport import as_json, render_markdown, render_text
from .explain import Reviewed


def check_result_of(reviewed: list[Reviewed], errors, files: int) -> CheckResult:
    return CheckResult(forms=[r.result for r in reviewed], errors=errors, files=files)


def review_json(reviewed: list[Reviewed], errors, files: int, lang: str) -> dict[str, Any]:
    document = as_json(check_result_of(reviewed, errors, files), lang)
    for form, review in zip(document["forms"], reviewed):
        form["explanations"] = [e.as_json() for e in review.explanations]
        form["comment"] = review.comment
        form["contradictions"] = review.contradictions
    document["summary"]["explanations"] = {
        status: sum(1 for r in reviewed for e in r.explanations if e.status == status)
        for status in ("ok", "template", "failed")}
    return document


def review_text(reviewed: list[Reviewed], errors, files: int, lang: str, colour: bool, findings: bool) -> str:
    out: list[str] = []
    if findings:
        out.append(render_text(check_result_of(reviewed, errors, files), lang, colour).rstrip("\n"))
        out.append("")
    for review in reviewed:
        if not review.explanations and not review.comment:
            continue
        out.append(f"== {review.result.project or '(no project name)'}  {review.result.source}:{review.result.line or ''}")
        for e in review.explanations:
            out.append(f"  [{explanation_head(e, lang)}] {e.indicator} (line {e.line})")
            out.append(f"    {e.text}")
            for problem in e.problems:
                out.append(f"    ! {problem}")
        for c in review.contradictions:
            out.append(f"  ! {c['indicator']}: “{c['narrative']}” — {c['explanation']}")
        if review.comment:
            out.append("  " + ("审核意见：" if lang == "zh" else "Review comment:"))
            out += [f"    {line}" for line in review.comment.splitlines()]
        out.append("")
    return "\n".join(out) + "\n"


def review_markdown(reviewed: list[Reviewed], errors, files: int, lang: str) -> str:
    out = [render_markdown(check_result_of(reviewed, errors, files), lang)]
    for review in reviewed:
        if not review.explanations and not review.comment:
            continue
        out += [f"## {review.result.project or '(no project name)'}: " +
                ("偏差原因分析" if lang == "zh" else "explanations"), ""]
        for e in review.explanations:
            out += [f"### {e.indicator} ({e.mode}, {e.status})", "", e.text, ""]
            out += [f"- {p}" for p in e.problems] + ([""] if e.problems else [])
        if review.comment:
            out += ["### " + ("审核意见" if lang == "zh" else "Review comment"), "", review.comment, ""]
    return "\n".join(out)
