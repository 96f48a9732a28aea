"""Output of `reviewer draft`, `critique` and `review` for people: the check report with, for
each form, its drafted or critiqued explanations and its 审核意见 (the JSON is
``ReviewResult.to_dict``)."""

from __future__ import annotations

from reviewer.llm.review import ReviewResult
from reviewer.reports.annotate import explanation_head
from reviewer.reports.findings import form_title, render_markdown, render_text


def review_text(result: ReviewResult, lang: str, colour: bool) -> str:
    out: list[str] = []
    if result.mode == "review":
        out.append(render_text(result.check_result, lang, colour).rstrip("\n"))
        out.append("")
    for review in result.forms:
        if not review.explanations and not review.comment:
            continue
        out.append(f"== {form_title(review.result.project, lang)}  {review.result.source}:{review.result.line or ''}")
        for e in review.explanations:
            out.append(f"  [{explanation_head(e, lang)}] {e.subject} (line {e.line})")
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


def review_markdown(result: ReviewResult, lang: str) -> str:
    out = [render_markdown(result.check_result, lang)]
    for review in result.forms:
        if not review.explanations and not review.comment:
            continue
        out += [
            f"## {form_title(review.result.project, lang)}: " + ("偏差原因分析" if lang == "zh" else "explanations"),
            "",
        ]
        for e in review.explanations:
            out += [f"### {e.subject} ({e.mode}, {e.status})", "", e.text, ""]
            out += [f"- {p}" for p in e.problems] + ([""] if e.problems else [])
        if review.comment:
            out += ["### " + ("审核意见" if lang == "zh" else "Review comment"), "", review.comment, ""]
    return "\n".join(out)
