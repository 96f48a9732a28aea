"""Output of `reviewer draft`, `critique` and `review` for people: the check report with, for
each form, its drafted or critiqued explanations, its consistency check and its 审核意见 (the
JSON is ``ReviewResult.to_dict``). An item that failed its checks shows why and not its text
(Markdown shows the text struck through): it is never printed as if it were the answer."""

from __future__ import annotations

from reviewer.llm.review import Reviewed, ReviewResult
from reviewer.reports.annotate import (
    REJECTED,
    comment_head,
    consistency_head,
    contradiction_text,
    explanation_head,
)
from reviewer.reports.findings import form_title, render_markdown, render_text


def review_text(result: ReviewResult, lang: str, colour: bool) -> str:
    out: list[str] = []
    if result.mode == "review":
        out.append(render_text(result.check_result, lang, colour).rstrip("\n"))
        out.append("")
    for review in result.forms:
        if not _has_items(review):
            continue
        out.append(f"== {form_title(review.result.project, lang)}  {review.result.source}:{review.result.line or ''}")
        for e in review.explanations:
            out.append(f"  [{explanation_head(e, lang)}] {e.subject} (line {e.line})")
            out.append(f"    {REJECTED[lang] if e.rejected else e.text}")
            out += [f"    ! {problem}" for problem in e.problems]
        if review.consistency:
            out.append(f"  {consistency_head(review.consistency, lang)}")
            if review.consistency.status != "failed":
                out += [f"    - {contradiction_text(c)}" for c in review.consistency.contradictions]
            out += [f"    ! {problem}" for problem in review.consistency.problems]
        if review.comment:
            out.append(f"  {comment_head(review.comment, lang)}{'：' if lang == 'zh' else ':'}")
            if not review.comment.rejected:
                out += [f"    {line}" for line in (review.comment.text or "").splitlines()]
            out += [f"    ! {problem}" for problem in review.comment.problems]
        out.append("")
    return "\n".join(out) + "\n"


def review_markdown(result: ReviewResult, lang: str) -> str:
    out = [render_markdown(result.check_result, lang)]
    for review in result.forms:
        if not _has_items(review):
            continue
        out += [
            f"## {form_title(review.result.project, lang)}: " + ("偏差原因分析" if lang == "zh" else "explanations"),
            "",
        ]
        for e in review.explanations:
            out += [
                f"### {e.subject} ({e.mode}, {e.status})",
                "",
                _markdown_text(e.text, e.rejected, lang),
                "",
            ]
            out += _markdown_problems(e.problems)
        if review.consistency:
            check = review.consistency
            out += ["### " + consistency_head(check, lang).rstrip("：:"), ""]
            out += [
                f"- {'~~' + contradiction_text(c) + '~~' if check.status == 'failed' else contradiction_text(c)}"
                for c in check.contradictions
            ]
            out += ([""] if check.contradictions else []) + _markdown_problems(check.problems)
        if review.comment:
            out += ["### " + comment_head(review.comment, lang), ""]
            out += [_markdown_text(review.comment.text or "", review.comment.rejected, lang), ""]
            out += _markdown_problems(review.comment.problems)
    return "\n".join(out)


def _has_items(review: Reviewed) -> bool:
    return bool(review.explanations or review.comment or review.consistency)


def _markdown_text(text: str, rejected: bool, lang: str) -> str:
    """The text, or, when it failed its checks, the text struck through and marked rejected."""
    if not rejected:
        return text
    struck = "\n".join(f"~~{line}~~" for line in text.splitlines() if line.strip())
    return f"**{REJECTED[lang]}**" + (f"\n\n{struck}" if struck else "")


def _markdown_problems(problems: list[str]) -> list[str]:
    return [f"- {p}" for p in problems] + ([""] if problems else [])
