"""`reviewer check` output for people: text for a terminal, Markdown for documents (the JSON is
``CheckResult.to_dict``, a contract of the rules layer)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from reviewer.form.model import ParseWarning
from reviewer.form.text import plural
from reviewer.reports.formtext import table
from reviewer.reports.readermessages import error_text, skipped_text, warning_message
from reviewer.rules.base import SEVERITY_ZH, Finding
from reviewer.rules.results import CheckResult, FormResult, Rendered, json_fragment, render_json

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _where(result: FormResult, place: str | int | None) -> str:
    """``path:表2第14行`` where a document row's location is known, ``path:LINE`` otherwise."""
    return f"{result.source}:{place}" if place else result.source


def warning_place(warning: ParseWarning) -> str | int | None:
    return warning.location or warning.line


def warning_head(lang: str) -> str:
    """What a reader warning is called in a report."""
    return "reader" if lang == "en" else "读取提示"


def form_title(project: str | None, lang: str) -> str:
    return project or ("(no project name)" if lang == "en" else "（无项目名称）")


def severity_name(severity: str, lang: str) -> str:
    return severity if lang == "en" else SEVERITY_ZH[severity]


def _plain(text: str, code: str) -> str:
    return text


def rule_tag(finding: Finding, lang: str, paint: Callable[[str, str], str] = _plain) -> str:
    """The rule of a finding as a reader is shown it: "F104 成本偏差率与资金表不符（错误）", or in
    English "F104 error"; ``paint`` colours the code and the severity on a terminal."""
    code, severity = (
        paint(finding.rule, _BOLD),
        paint(severity_name(finding.severity, lang), _COLOURS[finding.severity]),
    )
    return f"{code} {severity}" if lang == "en" else f"{code} {finding.name_zh}（{severity}）"


def text_fragment(result: FormResult, lang: str = "zh", colour: bool = False) -> str:
    """One form's findings and reader warnings for a terminal; empty for a form with neither."""
    if not result.findings and not result.warnings:
        return ""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out = [paint(f"{form_title(result.project, lang)}  ", _BOLD) + paint(_where(result, result.line), _DIM)]
    for finding in result.findings:
        where = _where(result, finding.place)
        subject = f"{finding.subject}: " if finding.subject else ""
        out.append(f"  {paint(where, _DIM)}: {rule_tag(finding, lang, paint)} {subject}{finding.message[lang]}")
    for warning in result.warnings:
        where = _where(result, warning_place(warning))
        out.append(
            f"  {paint(where, _DIM)}: {paint(warning_head(lang), _DIM)} {warning_message(warning.message, lang)}"
        )
    return "\n".join(out) + "\n"


def render_text(result: CheckResult, lang: str = "zh", colour: bool = False) -> str:
    out = [text for text in _fragments(result, partial(text_fragment, lang=lang, colour=colour)) if text]
    return "\n".join([*out, summary_line(result, lang)]) + "\n"


def summary_line(result: CheckResult, lang: str = "zh") -> str:
    s = result.summary()
    if lang == "en":
        line = (
            f"{plural(s['forms'], 'form')} in {plural(s['files'], 'file')}: {plural(s['error'], 'error')}, "
            f"{plural(s['warning'], 'warning')}, {s['info']} info; {plural(s['forms_with_errors'], 'form')} with errors"
        )
        line += f"; {plural(s['unreadable'], 'file')} could not be read" if s["unreadable"] else ""
        return line + (f"; {plural(s['skipped'], 'file')} skipped (not forms)" if s["skipped"] else "")
    line = (
        f"共{s['files']}个文件{s['forms']}张表：错误{s['error']}个，警告{s['warning']}个，提示{s['info']}个；"
        f"{s['forms_with_errors']}张表有错误"
    )
    line += f"；{s['unreadable']}个文件无法读取" if s["unreadable"] else ""
    return line + (f"；跳过{s['skipped']}个不是自评表的文件" if s["skipped"] else "")


def markdown_fragment(result: FormResult, lang: str = "zh") -> str:
    out = [f"## {_md(form_title(result.project, lang))}", "", f"`{_where(result, result.line)}`", ""]
    if result.warnings:
        out += [f"**{warning_head(lang)}**", ""]
        out += [
            f"- {_md(_place_text(warning_place(w), lang))}{_md(warning_message(w.message, lang))}"
            for w in result.warnings
        ] + [""]
    if not result.findings:
        return "\n".join([*out, "No findings." if lang == "en" else "未发现问题。", ""])
    columns = (
        ("Line", "Rule", "Severity", "Indicator", "Finding") if lang == "en" else ("行", "规则", "级别", "指标", "问题")
    )
    out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for finding in result.findings:
        severity = severity_name(finding.severity, lang)
        cells = [
            finding.place or "",
            f"{finding.rule} {finding.rule_name(lang)}",
            severity,
            finding.subject or "",
            finding.message[lang],
        ]
        out.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join([*out, ""])


def render_markdown(result: CheckResult, lang: str = "zh") -> str:
    heading = "Review findings" if lang == "en" else "审核发现"
    out = [f"# {heading}", "", summary_line(result, lang), ""]
    out += _fragments(result, partial(markdown_fragment, lang=lang))
    if result.errors:
        out += ["## " + ("Files that could not be read" if lang == "en" else "无法读取的文件"), ""]
        out += [f"- {_md(error_text(error, lang))}" for error in result.errors] + [""]
    if result.skipped:
        out += ["## " + ("Files skipped (not forms)" if lang == "en" else "跳过的文件（不是自评表）"), ""]
        out += [f"- {_md(skipped_text(skipped, lang))}" for skipped in result.skipped] + [""]
    return "\n".join(out)


def render(result: CheckResult, format: str, lang: str = "zh", colour: bool = False) -> str:
    """The whole report in ``format`` (text, json or markdown)."""
    if format == "json":
        return render_json(result, lang)
    if format == "markdown":
        return render_markdown(result, lang)
    return render_text(result, lang, colour)


def fragment_for(format: str, lang: str = "zh", colour: bool = False) -> Callable[[FormResult], str]:
    """What renders one form's part of a ``format`` report, for ``check_paths`` to run in its workers."""
    if format == "text":
        return partial(text_fragment, lang=lang, colour=colour)
    return partial(json_fragment if format == "json" else markdown_fragment, lang=lang)


def _fragments(result: CheckResult, fragment: Callable[[FormResult], str]) -> list[str]:
    return [r.text if isinstance(r, Rendered) else fragment(r) for r in result.forms]


def _place_text(place: str | int | None, lang: str) -> str:
    if place is None:
        return ""
    if isinstance(place, int):
        return f"line {place}: " if lang == "en" else f"第{place}行："
    return f"{place}: " if lang == "en" else f"{place}："


def _md(text: str) -> str:
    """A form's text in Markdown as text, never as markup: no HTML, link, emphasis or cell break."""
    # html.escape's module costs every command 2 ms to import: the three characters it would change.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", escaped).replace("\n", " ")


_MARKDOWN = re.compile(r"([\\`*_\[\]#|])")


def rules_table(rules, lang: str = "en") -> str:
    if lang == "en":
        rows = [[r.code, r.name, r.severity, r.summary] for r in rules]
        return "\n".join(table(["code", "name", "severity", "what it finds"], rows, [6, 40, 8, 90])) + "\n"
    rows = [[r.code, r.name_zh, severity_name(r.severity, lang), r.name] for r in rules]
    return "\n".join(table(["规则", "名称", "级别", "英文名"], rows, [6, 24, 6, 40])) + "\n"
