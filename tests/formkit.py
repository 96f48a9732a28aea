"""Small forms built in tests: a clean base form, and helpers to change one thing in it."""

from __future__ import annotations

import copy
from typing import Any

from reviewer.model import Form

ROWS: list[dict[str, Any]] = [
    {"level1": "产出指标", "level2": "数量指标", "name": "培训场次", "target": "≥10次", "actual": "12次",
     "weight": "20", "score": "20"},
    {"level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "target": "≥90%", "actual": "95%",
     "weight": "15", "score": "15"},
    {"level1": "产出指标", "level2": "时效指标", "name": "培训完成及时率", "target": "=100%", "actual": "100%",
     "weight": "15", "score": "15"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "参训人员技能提升情况", "target": "有效提升",
     "actual": "达成年度指标", "weight": "30", "score": "30"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参训人员满意度", "target": "≥90%",
     "actual": "96%", "weight": "10", "score": "10"},
]

BASE: dict[str, Any] = {
    "project": "干部培训项目", "department": "某局", "implementer": "某中心", "year": 2024, "unit": "万元",
    "funds": {
        "total": {"initial_budget": "100.00", "adjusted_budget": "100.00", "executed": "95.00", "weight": "10",
                  "rate": "95.00", "score": "9.50"},
        "fiscal": {"initial_budget": "100.00", "adjusted_budget": "100.00", "executed": "95.00", "rate": "95.00"},
    },
    "goals": {"expected": "完成10场培训。", "actual": "完成12场培训。"},
    "sections": [{"level1": "产出指标", "weight": "50"}, {"level1": "效益指标", "weight": "30"},
                 {"level1": "满意度指标", "weight": "10"}],
    "indicators": ROWS,
    "total": {"weight": "100", "score": "99.50"},
    "grade": "优",
}


def form_data() -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for line, row in enumerate(data["indicators"], 10):
        row["line"] = line
    return data


def build(data: dict[str, Any]) -> Form:
    return Form.model_validate(data)


def base_form() -> Form:
    return build(form_data())


def with_row(index: int, **changes: Any) -> Form:
    """The base form with one indicator row changed (score changes also keep 总分 consistent)."""
    data = form_data()
    row = data["indicators"][index]
    if "score" in changes and "total_follows" not in changes:
        from decimal import Decimal
        delta = Decimal(str(changes["score"])) - Decimal(row["score"])
        data["total"]["score"] = str(Decimal(data["total"]["score"]) + delta)
    changes.pop("total_follows", None)
    row.update(changes)
    return build(data)


def with_funds(row: str = "total", **changes: Any) -> Form:
    data = form_data()
    data["funds"].setdefault(row, {}).update(changes)
    return build(data)


def with_form(**changes: Any) -> Form:
    data = form_data()
    data.update(changes)
    return build(data)


def extra_row(**row: Any) -> Form:
    """The base form with one more row, weights kept at 100 by taking them from the first row."""
    from decimal import Decimal
    data = form_data()
    weight = Decimal(str(row.get("weight", "5")))
    score = Decimal(str(row.get("score", row.get("weight", "5"))))
    first = data["indicators"][0]
    first["weight"] = str(Decimal(first["weight"]) - weight)
    first["score"] = str(Decimal(first["score"]) - weight)
    data["total"]["score"] = str(Decimal(data["total"]["score"]) - weight + score)
    new = {"level1": "产出指标", "level2": "数量指标", "weight": str(weight), "score": str(score), "line": 99, **row}
    data["indicators"].append(new)
    return build(data)
