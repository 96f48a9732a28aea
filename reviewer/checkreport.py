"""`reviewer check` output: text for a terminal, JSON for machines, Markdown for documents."""

from __future__ import annotations

from typing import Any

from .checker import CheckResult, FormResult
from .formtext import table

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _where(result: FormResult, line: int | None) -> str:
    return f"{result.source}:{line}" if line else result.source


def _title(result: FormResult) -> str:
    return result.project or "(no project name)"


def severity_name(severity: str, lang: str) -> str:
    return severity if lang == "en" else _SEVERITY_ZH[severity]


def render_text(result: CheckResult, lang: str = "zh", colour: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out: list[str] = []
    for form_result in result.forms:
        if not form_result.findings:
            continue
        out.append(paint(f"{_title(form_result)}  ", _BOLD) + paint(_where(form_result, form_result.line), _DIM))
        for finding in form_result.findings:
            where = _where(form_result, finding.line)
            subject = f"{finding.indicator}: " if finding.indicator else ""
            severity = severity_name(finding.severity, lang)
            out.append(f"  {paint(where, _DIM)}: {paint(finding.rule, _BOLD)} "
                       f"{paint(severity, _COLOURS[finding.severity])} {subject}{finding.message[lang]}")
        out.append("")
    out.append(summary_line(result, lang))
    return "\n".join(out) + "\n"


def summary_line(result: CheckResult, lang: str = "zh") -> str:
    s = result.summary()
    if lang == "en":
        line = (f"{s['forms']} forms in {s['files']} files: {s['error']} errors, {s['warning']} warnings, "
                f"{s['info']} info; {s['forms_with_errors']} forms with errors")
        return line + (f"; {s['unreadable']} files could not be read" if s["unreadable"] else "")
    line = (f"共{s['files']}个文件{s['forms']}张表：错误{s['error']}个，警告{s['warning']}个，提示{s['info']}个；"
            f"{s['forms_with_errors']}张表有错误")
    return line + (f"；{s['unreadable']}个文件无法读取" if s["unreadable"] else "")


def as_json(result: CheckResult, lang: str = "zh") -> dict[str, Any]:
    return {
        "forms": [{
            "source": r.source, "line": r.line, "project": r.project,
            "findings": [finding.as_json(lang) for finding in r.findings],
        } for r in result.forms],
        "errors": [{"source": e.path, "line": e.line, "message": e.message} for e in result.errors],
        "summary": result.summary(),
    }


def render_markdown(result: CheckResult, lang: str = "zh") -> str:
    heading = "Review findings" if lang == "en" else "审核发现"
    out = [f"# {heading}", "", summary_line(result, lang), ""]
    columns = ("Line", "Rule", "Severity", "Indicator", "Finding") if lang == "en" else \
        ("行", "规则", "级别", "指标", "问题")
    for form_result in result.forms:
        out += [f"## {_title(form_result)}", "", f"`{_where(form_result, form_result.line)}`", ""]
        if not form_result.findings:
            out += ["No findings." if lang == "en" else "未发现问题。", ""]
            continue
        out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for finding in form_result.findings:
            severity = severity_name(finding.severity, lang)
            cells = [str(finding.line or ""), f"{finding.rule} {finding.name}", severity,
                     finding.indicator or "", finding.message[lang]]
            out.append("| " + " | ".join(_md(c) for c in cells) + " |")
        out.append("")
    if result.errors:
        out += ["## " + ("Files that could not be read" if lang == "en" else "无法读取的文件"), ""]
        out += [f"- `{error}`" for error in result.errors] + [""]
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table(rules) -> str:
    rows = [[r.code, r.name, r.severity, r.summary] for r in rules]
    return "\n".join(table(["code", "name", "severity", "what it finds"], rows, [6, 40, 8, 90])) + "\n"

