"""A form as plain text a person reads in a terminal: header, funds table, indicator table."""

from __future__ import annotations

from decimal import Decimal

from reviewer.form.model import FUNDS_COLUMNS, Form
from reviewer.form.text import terminal_width

FUNDS_ROW_LABELS = {
    "total": "年度资金总额",
    "fiscal": "其中：当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
FUNDS_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分")


def pad(text: str, width: float) -> str:
    return text + " " * max(0, int(width) - terminal_width(text))


def clip(text: str, width: float) -> str:
    if terminal_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if terminal_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def number(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def table(headers: list[str], rows: list[list[str]], limits: list[float] | None = None) -> list[str]:
    limits = limits or [80.0] * len(headers)
    cells = [[clip(c, limit) for c, limit in zip(row, limits)] for row in [headers] + rows]
    widths = [max(terminal_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(pad(c, w) for c, w in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render_form(form: Form) -> str:
    where = (
        f"{form.source.path}:{form.source.line}"
        if form.source and form.source.line
        else (form.source.path if form.source else "")
    )
    out = [
        f"# {form.project or '(no project name)'}  ({where})",
        f"主管部门: {form.department or ''}    实施单位: {form.implementer or ''}    "
        f"年度: {form.year or ''}    单位: {form.unit or ''}",
        "",
    ]
    funds_rows = [[FUNDS_ROW_LABELS[key]] + [row.printed(c) for c in FUNDS_COLUMNS] for key, row in form.funds.rows()]
    if funds_rows:
        out += table(["项目资金"] + list(FUNDS_HEADERS), funds_rows) + [""]
    if form.funds.explanation is not None:
        out += [f"原因: {form.funds.explanation}", ""]
    if form.goals.expected or form.goals.actual:
        out += [f"预期目标: {form.goals.expected or ''}", f"实际完成情况: {form.goals.actual or ''}", ""]
    if form.goals.process is not None:
        out += [f"项目实施内容及过程概述: {form.goals.process}", ""]
    rows = [
        [
            i.level1 or "",
            i.level2 or "",
            i.name,
            i.target or "",
            i.actual or "",
            number(i.weight),
            number(i.score),
            i.explanation or "",
        ]
        for i in form.indicators
    ]
    out += table(
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        rows,
        [10, 18, 40, 16, 16, 8, 8, 40],
    )
    total = form.total
    out += [
        "",
        f"总分: {number(total.weight) if total else ''} / {number(total.score) if total else ''}"
        f"    评分等级: {form.grade or ''}",
    ]
    for warning in form.warnings:
        place = warning.location or (f"line {warning.line}" if warning.line else "")
        out.append(f"warning: {place}: {warning.message}" if place else f"warning: {warning.message}")
    return "\n".join(out) + "\n"
