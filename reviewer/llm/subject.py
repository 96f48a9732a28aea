"""What one LLM task is about: a form, perhaps one of its rows, and the findings on them, and
the data a prompt shows of them. Everything here comes from the form (findings quote its
cells), so all of it goes inside the prompt's <form_data> fence, as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.form.model import Form, Indicator, is_named, quoted_label
from reviewer.rules import Finding


@dataclass
class Subject:
    form: Form
    row: Indicator | None = None
    findings: list[Finding] = field(default_factory=list)

    def row_data(self) -> dict:
        """The row as the prompts show it: the form's own words and numbers, and the findings on it."""
        row = self.row
        assert row is not None
        lost = row.weight - row.score if row.weight is not None and row.score is not None else None
        return {
            "项目名称": self.form.project,
            "一级指标": row.level1,
            "二级指标": row.level2,
            "三级指标": row.name,
            "年度指标值": row.target,
            "实际完成值": row.actual,
            "分值": row.printed("weight"),
            "得分": row.printed("score"),
            "扣分": None if lost is None else str(lost),
            "偏差原因分析及改进措施": row.explanation,
            "年度总体目标": goals_data(self.form),
            "审核发现": [_finding(f) for f in self.findings],
        }

    def form_data(self) -> dict:
        total = self.form.funds.total
        return {
            "项目名称": self.form.project,
            "项目资金": None
            if total is None
            else {
                "全年预算数": total.printed("adjusted_budget"),
                "全年执行数": total.printed("executed"),
                "执行率": total.printed("rate"),
            },
            "年度总体目标": goals_data(self.form),
            "指标": [
                {
                    "三级指标": r.name,
                    "年度指标值": r.target,
                    "实际完成值": r.actual,
                    "分值": r.printed("weight"),
                    "得分": r.printed("score"),
                }
                for r in self.form.indicators
            ],
            "审核发现": [_finding(f, indicator=True) for f in self.findings if f.severity != "info"],
        }


def _finding(finding: Finding, indicator: bool = False) -> str:
    """A finding as a prompt lists it, in the words the texts are to use: the rule's Chinese
    name (never its code), for the whole form its row, then its message."""
    row = f"{quoted_label(finding.subject, is_named(finding.indicator))}：" if indicator and finding.subject else ""
    return f"【{finding.name_zh}】{row}{finding.message['zh']}"


def goals_data(form: Form) -> dict:
    """年度总体目标 as the prompts show it; the 实施内容及过程概述 where the form prints one."""
    goals = form.goals
    data = {"预期目标": goals.expected, "实际完成情况": goals.actual}
    return data if goals.process is None else {**data, "项目实施内容及过程概述": goals.process}
