"""Output of `reviewer draft`, `critique` and `review`: the check report with, for each form,
its drafted or critiqued explanations and its 审核意见."""

from __future__ import annotations

from typing import Any

from .checker import CheckResult
from .checkreport import as_json, render_markdown, render_text
from .explain import Reviewed

_STATUS_ZH = {"ok": "通过", "template": "模板", "failed": "未通过"}
_MODE_ZH = {"draft": "起草", "critique": "点评"}


def _check_result(reviewed: list[Reviewed], errors, files: int) -> CheckResult:
    return CheckResult(forms=[r.result for r in reviewed], errors=errors, files=files)


def review_json(reviewed: list[Reviewed], errors, files: int, lang: str) -> dict[str, Any]:
    document = as_json(_check_result(reviewed, errors, files), lang)
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
        out.append(render_text(_check_result(reviewed, errors, files), lang, colour).rstrip("\n"))
        out.append("")
    for review in reviewed:
        if not review.explanations and not review.comment:
            continue
        out.append(f"== {review.result.project or '(no project name)'}  {review.result.source}:{review.result.line or ''}")
        for e in review.explanations:
            head = f"  [{_MODE_ZH[e.mode]}·{_STATUS_ZH[e.status]}] {e.indicator}" if lang == "zh" else \
                f"  [{e.mode}, {e.status}] {e.indicator}"
            out.append(f"{head} (line {e.line})")
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
    out = [render_markdown(_check_result(reviewed, errors, files), lang)]
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
