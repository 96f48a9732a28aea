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

Builder = Callable[[], Form]

# An explanation with a cause and a measure, for examples whose deduction must not trip E301/E303.
GOOD_EXPLANATION = "受场地检修影响，2场培训顺延至次年1月；后续将提前一个月锁定场地，由办公室负责。"

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


def _with_funds(row: str, changes: dict[str, Any]) -> Form:
    data = form_data()
    data["funds"].setdefault(row, {}).update(changes)
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


def row(index: int, **changes: Any) -> Builder:
    """The base form with one indicator row changed (a changed score changes 总分 with it)."""
    return partial(_with_row, index, changes)


def funds(row: str = "total", **changes: Any) -> Builder:
    """The base form with one row of the funds table changed."""
    return partial(_with_funds, row, changes)


def form(**changes: Any) -> Builder:
    """The base form with top-level fields replaced."""
    return partial(_with_form, changes)


def extra_row(**row: Any) -> Builder:
    """The base form with one more row; weights stay at 100 by taking its weight from the first row."""
    return partial(_with_extra_row, row)
