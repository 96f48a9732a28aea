"""The forms the rules' examples are built from: one clean base form, and builders that change
one thing in it. A builder is called only when the example is run (tests, golden cases), so
loading the catalogue builds no form."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from reviewer.form.model import Form
from reviewer.form.values import parse_decimal

Builder = Callable[[], Form]

# An explanation with a cause and a measure, for examples whose deduction must not trip E301/E303.
GOOD_EXPLANATION = "受场地检修影响，2场培训顺延至次年1月；后续将提前一个月锁定场地，由办公室负责。"
# The funds table's 原因 box (Sichuan's): a reason, and the template's instructions left in it.
FUNDS_EXPLAINED = "设备采购合同约定验收后支付尾款20万元，验收排在次年1月，尾款将于1月支付。"
FUNDS_INSTRUCTIONS = "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）"

ROWS: list[dict[str, Any]] = [
    {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "培训场次",
        "target": "≥10次",
        "actual": "12次",
        "weight": "20",
        "score": "20",
    },
    {
        "level1": "产出指标",
        "level2": "质量指标",
        "name": "培训合格率",
        "target": "≥90%",
        "actual": "95%",
        "weight": "15",
        "score": "15",
    },
    {
        "level1": "产出指标",
        "level2": "时效指标",
        "name": "培训完成及时率",
        "target": "=100%",
        "actual": "100%",
        "weight": "15",
        "score": "15",
    },
    {
        "level1": "效益指标",
        "level2": "社会效益指标",
        "name": "参训人员技能提升情况",
        "target": "有效提升",
        "actual": "达成年度指标",
        "weight": "30",
        "score": "30",
    },
    {
        "level1": "满意度指标",
        "level2": "服务对象满意度指标",
        "name": "参训人员满意度",
        "target": "≥90%",
        "actual": "96%",
        "weight": "10",
        "score": "10",
    },
]

BASE: dict[str, Any] = {
    "project": "干部培训项目",
    "department": "某局",
    "implementer": "某中心",
    "year": 2024,
    "unit": "万元",
    "funds": {
        "total": {
            "initial_budget": "100.00",
            "adjusted_budget": "100.00",
            "executed": "95.00",
            "weight": "10",
            "rate": "95.00",
            "score": "9.50",
        },
        "fiscal": {"initial_budget": "100.00", "adjusted_budget": "100.00", "executed": "95.00", "rate": "95.00"},
    },
    "goals": {"expected": "完成10场培训。", "actual": "完成12场培训。"},
    "sections": [
        {"level1": "产出指标", "weight": "50"},
        {"level1": "效益指标", "weight": "30"},
        {"level1": "满意度指标", "weight": "10"},
    ],
    "indicators": ROWS,
    "total": {"weight": "100", "score": "99.50"},
    "grade": "优",
}


def form_data() -> dict[str, Any]:
    """The base form as canonical JSON data, its rows on lines 10, 11, …"""
    data = copy.deepcopy(BASE)
    for line, row in enumerate(data["indicators"], 10):
        row["line"] = line
    return data


def build(data: dict[str, Any]) -> Form:
    return Form.model_validate(data)


def base() -> Form:
    return build(form_data())


def _with_row(index: int, changes: dict[str, Any]) -> Form:
    data = form_data()
    row = data["indicators"][index]
    if "score" in changes:  # 总分 follows the row's score, so only the row changes
        delta = Decimal(str(changes["score"])) - Decimal(row["score"])
        data["total"]["score"] = str(Decimal(data["total"]["score"]) + delta)
    row.update(changes)
    return build(data)


def _with_funds(row: str, changes: dict[str, Any], explanation: str | None) -> Form:
    data = form_data()
    data["funds"].setdefault(row, {}).update(changes)
    if explanation is not None:
        data["funds"]["explanation"] = explanation
    return build(data)


def _with_form(changes: dict[str, Any]) -> Form:
    data = form_data()
    data.update(changes)
    return build(data)


def _with_extra_row(row: dict[str, Any]) -> Form:
    data = form_data()
    weight = Decimal(str(row.get("weight", "5")))
    score = Decimal(str(row.get("score", row.get("weight", "5"))))
    first = data["indicators"][0]
    first["weight"] = str(Decimal(first["weight"]) - weight)
    first["score"] = str(Decimal(first["score"]) - weight)
    data["total"]["score"] = str(Decimal(data["total"]["score"]) - weight + score)
    data["indicators"].append(
        {"level1": "产出指标", "level2": "数量指标", "weight": str(weight), "score": str(score), "line": 99, **row}
    )
    return build(data)


def _with_money(printed: dict[str, str], changes: dict[str, Any]) -> Form:
    data = form_data()
    total: dict[str, Any] = {"raw": {}}
    for column, text in printed.items():
        value = parse_decimal(text)
        total[column] = str(value)
        if text != str(value):
            total["raw"][column] = text
    fiscal = {column: total[column] for column in ("initial_budget", "adjusted_budget", "executed")}
    data["funds"] = {"total": total, "fiscal": fiscal}
    indicators = sum(Decimal(row["score"]) for row in data["indicators"])
    data["total"]["score"] = str(indicators + Decimal(total["score"]))
    data.update(changes)
    return build(data)


def money(budget: str, executed: str, rate: str, score: str, **changes: Any) -> Builder:
    """The base form with a funds table printed as given (one source of funds, 分值 10) and 总分
    following its score: ``money("123", "117", "96%", "9.51")``; ``changes`` replace top-level
    fields (总分, say) after that."""
    printed = {"initial_budget": budget, "adjusted_budget": budget, "executed": executed, "weight": "10"}
    return partial(_with_money, {**printed, "rate": rate, "score": score}, changes)


def hubei_data() -> dict[str, Any]:
    """The base form under Hubei's template (shared/forms/15): 预算执行情况 20 points with no 分值
    column (得分 = 20 × 执行率), 年度绩效指标 80 (产出 40, 效益 30, 满意度 10)."""
    data = form_data()
    for row, weight in zip(data["indicators"], ("20", "10", "10", "30", "10")):
        row["weight"] = row["score"] = weight
    data["sections"] = [
        {"level1": "产出指标", "weight": "40"},
        {"level1": "效益指标", "weight": "30"},
        {"level1": "满意度指标", "weight": "10"},
    ]
    data["funds"] = {
        "total": {"adjusted_budget": "5", "executed": "5", "rate": "100", "score": "20", "raw": {"rate": "100%"}}
    }
    data["total"] = {"weight": "100", "score": "100"}
    return data


def _hubei(funds: dict[str, Any], rows: dict[int, dict[str, Any]]) -> Form:
    data = hubei_data()
    data["funds"]["total"].update(funds)
    for index, changes in rows.items():
        data["indicators"][index].update(changes)
    return build(data)


def hubei(rows: dict[int, dict[str, Any]] | None = None, **funds: Any) -> Builder:
    """The Hubei form, its funds row and indicator rows (by index) changed."""
    return partial(_hubei, funds, rows or {})


def older_data() -> dict[str, Any]:
    """The base form under the older city template (DOMAIN.md): 项目决策 10, 项目管理 25 (budget
    execution scored inside it, so the funds table carries no 分值), 项目产出 30, 项目效益 35."""
    data = form_data()
    decision: dict[str, Any] = {"level1": "项目决策", "level2": "项目立项", "name": "绩效目标合理性", "target": "合理"}
    management: dict[str, Any] = {
        "level1": "项目管理",
        "level2": "资金管理",
        "name": "预算执行率",
        "target": "≥90%",
        "actual": "95%",
    }
    decision |= {"actual": "达成年度指标", "weight": "10", "score": "10", "line": 8}
    management |= {"weight": "25", "score": "25", "line": 9}
    output, effect, satisfaction = (data["indicators"][i] for i in (0, 3, 4))
    output |= {"level1": "项目产出", "weight": "30", "score": "30"}
    effect |= {"level1": "项目效益", "weight": "20", "score": "20"}
    satisfaction |= {"level1": "项目效益", "weight": "15", "score": "15"}
    data["indicators"] = [decision, management, output, effect, satisfaction]
    data["sections"] = []
    data["funds"] = {"total": {"adjusted_budget": "100.00", "executed": "95.00", "rate": "95.00"}}
    data["total"] = {"weight": "100", "score": "100"}
    return data


def _older(rows: dict[int, dict[str, Any]]) -> Form:
    data = older_data()
    for index, changes in rows.items():
        data["indicators"][index].update(changes)
    return build(data)


def older(rows: dict[int, dict[str, Any]] | None = None) -> Builder:
    """The older-template form, indicator rows (by index) changed."""
    return partial(_older, rows or {})


def row(index: int, **changes: Any) -> Builder:
    """The base form with one indicator row changed (a changed score changes 总分 with it)."""
    return partial(_with_row, index, changes)


def funds(row: str = "total", *, funds_explanation: str | None = None, **changes: Any) -> Builder:
    """The base form with one row of the funds table changed, and the table's 原因 box written."""
    return partial(_with_funds, row, changes, funds_explanation)


def form(**changes: Any) -> Builder:
    """The base form with top-level fields replaced."""
    return partial(_with_form, changes)


def extra_row(**row: Any) -> Builder:
    """The base form with one more row; weights stay at 100 by taking its weight from the first row."""
    return partial(_with_extra_row, row)
