"""Every rule of the catalogue fires on a small form built to show its defect, and stays silent
on one that does not have it; the clean base form raises nothing at all."""

from __future__ import annotations

import pytest

from reviewer.checker import check_form
from reviewer.config import Config
from reviewer.rules import RULES

from . import formkit as kit

GOOD_EXPLANATION = "受场地检修影响，2场培训顺延至次年1月；后续将提前一个月锁定场地，由办公室负责。"

# (rule code, fires?, description, form factory)
CASES = [
    ("F101", True, "rate printed 99.43 for 95/100", lambda: kit.with_funds(rate="99.43")),
    ("F101", False, "94.33 printed for 356.49 ÷ 377.89 (truncation)",
     lambda: kit.with_funds(initial_budget="377.89", adjusted_budget="377.89", executed="356.49", rate="94.33",
                            score="9.43")),
    ("F101", False, "100% printed without decimals", lambda: kit.with_funds(executed="99.60", rate="100", raw={"rate": "100%"}, score="10")),
    ("F102", True, "full funds score at 95%", lambda: kit.with_funds(score="10.00")),
    ("F102", False, "score 9.50 at 95%", kit.base_form),
    ("F102", False, "score capped at the weight", lambda: kit.with_funds(executed="120.00", rate="120.00", score="10")),
    ("F103", True, "total above its only sub-row", lambda: kit.with_funds(executed="105.00", rate="105.00", score="10")),
    ("F103", False, "1,332.95 + 97.86 against 1,430.80 (rounding)", lambda: kit.build({**kit.form_data(), "funds": {
        "total": {"initial_budget": "1430.80", "adjusted_budget": "1430.80", "executed": "1430.80", "weight": "10",
                  "rate": "100.00", "score": "10.00"},
        "fiscal": {"initial_budget": "1332.95", "adjusted_budget": "1332.95", "executed": "1332.95"},
        "other": {"initial_budget": "97.86", "adjusted_budget": "97.86", "executed": "97.86"}},
        "total": {"weight": "100", "score": "100.00"}})),
    ("F104", True, "-0.06(%) where the money says -5.00%",
     lambda: kit.extra_row(name="项目实际成本与预算偏差率", target="≤0.00(%)", actual="-0.06(%)")),
    ("F104", False, "-5.00(%) as the money says",
     lambda: kit.extra_row(name="项目实际成本与预算偏差率", target="≤0.00(%)", actual="-5.00(%)")),
    ("F105", True, "80% executed", lambda: kit.with_funds(executed="80.00", rate="80.00", score="8.00")),
    ("F105", False, "95% executed", kit.base_form),
    ("F106", True, "budget cut from 150 to 100", lambda: kit.with_funds(initial_budget="150.00")),
    ("F106", False, "budget cut from 105 to 100", lambda: kit.with_funds(initial_budget="105.00")),
    ("S201", True, "weights make 105", lambda: kit.with_row(0, weight="25", score="25")),
    ("S201", False, "weights make 100", kit.base_form),
    ("S202", True, "总分 98.00 for scores making 99.50", lambda: kit.with_form(total={"weight": "100", "score": "98.00"})),
    ("S202", False, "总分 printed as an integer, rounded", lambda: kit.with_form(total={"weight": "100", "score": "100"})),
    ("S203", True, "产出指标(55分) over rows of 50", lambda: kit.with_form(sections=[
        {"level1": "产出指标", "weight": "55"}, {"level1": "效益指标", "weight": "30"}])),
    ("S203", False, "headers match their rows", kit.base_form),
    ("S204", True, "99.50 graded 良", lambda: kit.with_form(grade="良")),
    ("S204", False, "89.99 graded 良", lambda: kit.with_form(total={"weight": "100", "score": "89.99"}, grade="良")),
    ("S205", True, "22 of 20", lambda: kit.with_row(0, score="22")),
    ("S205", False, "20 of 20", kit.base_form),
    ("S206", True, "≥90% met with 95%, 13 of 15", lambda: kit.with_row(1, score="13", explanation=GOOD_EXPLANATION)),
    ("S206", True, "=90% exceeded with 100%, 8.5 of 10 (seed 003)",
     lambda: kit.with_row(4, target="=90%", actual="100%", score="8.5", explanation=GOOD_EXPLANATION)),
    ("S206", False, "≥90% missed with 85%, deducted", lambda: kit.with_row(1, actual="85%", score="14.17",
                                                                         explanation=GOOD_EXPLANATION)),
    ("S206", False, "placeholder 无 → 无 with 0 points is not 'met'",
     lambda: kit.extra_row(name="无", target="无", actual="无", weight="3", score="0")),
    ("S207", True, "≥10次 missed with 8次, full points", lambda: kit.with_row(0, actual="8次")),
    ("S207", False, "≥10次 missed with 8次, 16 points", lambda: kit.with_row(0, actual="8次", score="16",
                                                                           explanation=GOOD_EXPLANATION)),
    ("S208", True, "达成年度指标 scored 20 of 30", lambda: kit.with_row(3, score="20", explanation=GOOD_EXPLANATION)),
    ("S208", False, "部分达成 scored 20 of 30 (66.7%)",
     lambda: kit.with_row(3, actual="部分达成年度指标并具有一定效果", score="20", explanation=GOOD_EXPLANATION)),
    ("S208", False, "达成指标 scored exactly 80%", lambda: kit.with_row(3, actual="达成指标", score="24",
                                                                      explanation=GOOD_EXPLANATION)),
    ("S209", True, "5 of 10 done scored 18 of 20", lambda: kit.with_row(0, actual="5次", score="18",
                                                                        explanation=GOOD_EXPLANATION)),
    ("S209", False, "5 of 10 done scored 10 of 20", lambda: kit.with_row(0, actual="5次", score="10",
                                                                         explanation=GOOD_EXPLANATION)),
    ("S210", True, "效益 row moved under 产出 (80 vs 50)", lambda: kit.with_row(3, level1="产出指标")),
    ("S210", False, "50/30/10/10", kit.base_form),
    ("E300", True, "lost 0.83 points", lambda: kit.with_row(1, actual="85%", score="14.17",
                                                            explanation=GOOD_EXPLANATION)),
    ("E300", False, "full points", kit.base_form),
    ("E301", True, "lost points, explanation blank", lambda: kit.with_row(1, actual="85%", score="14.17")),
    ("E301", True, "lost points, explanation 无偏差", lambda: kit.with_row(1, actual="85%", score="14.17",
                                                                      explanation="无偏差")),
    ("E301", False, "lost points, explained", lambda: kit.with_row(1, actual="85%", score="14.17",
                                                                  explanation=GOOD_EXPLANATION)),
    ("E303", True, "加强管理。", lambda: kit.with_row(1, actual="85%", score="14.17", explanation="加强管理。")),
    ("E303", True, "about indicator setting", lambda: kit.with_row(
        1, actual="85%", score="14.17", explanation="年度指标值设置不够合理，将在后续年度进一步完善指标值。")),
    ("E303", False, "cause and measure", lambda: kit.with_row(1, actual="85%", score="14.17",
                                                             explanation=GOOD_EXPLANATION)),
    ("T401", True, "网点数 in %", lambda: kit.extra_row(name="覆盖网点数", target="=17(%)", actual="17(%)")),
    ("T401", True, "a rate in 个", lambda: kit.extra_row(name="网点覆盖率", target="=17个", actual="17个")),
    ("T401", False, "网点数 in 个", lambda: kit.extra_row(name="覆盖网点数", target="=17个", actual="17个")),
    ("T401", False, "满意指数 in % is not a count", lambda: kit.extra_row(name="满意指数", target="≥90%",
                                                                          actual="95%")),
    ("T402", True, "次 against 人", lambda: kit.with_row(0, actual="12人")),
    ("T402", False, "万元 against 元", lambda: kit.extra_row(name="培训费用", target="≤5万元", actual="48000元")),
    ("T403", True, "bare numbers", lambda: kit.with_row(0, target="≥10", actual="12")),
    ("T403", False, "the name gives the unit", lambda: kit.with_row(0, name="培训费用为5万元", target="5", actual="5")),
    ("T404", True, "600笔 in the name, 625笔 target", lambda: kit.with_row(0, name="为600笔贷款支付抵押手续费",
                                                                         target="625笔", actual="625笔")),
    ("T404", False, "5万元 in the name, 50000元 target", lambda: kit.with_row(0, name="支付抵押手续费5万元",
                                                                            target="50000元", actual="50000元")),
    ("T405", True, "=90%", lambda: kit.with_row(1, target="=90%")),
    ("T405", False, "=0% on a complaint rate", lambda: kit.with_row(1, name="有效投诉率", target="=0%",
                                                                   actual="0%")),
    ("T406", True, "20 done of ≥10", lambda: kit.with_row(0, actual="20次")),
    ("T406", False, "12 done of ≥10", kit.base_form),
    ("T407", True, "长期", lambda: kit.with_row(3, target="长期")),
    ("T407", True, "约95万元", lambda: kit.extra_row(name="培训费用", target="约95万元", actual="93万元")),
    ("T407", False, "有效提升", kit.base_form),
    ("T408", True, "actual ≥90%", lambda: kit.with_row(4, actual="≥90%")),
    ("T408", False, "actual 96%", kit.base_form),
    ("T409", True, "≥10次 answered 完成", lambda: kit.with_row(0, actual="完成")),
    ("T409", False, "≥10次 answered 12次", kit.base_form),
    ("N501", True, "参训人员满意度 twice", lambda: kit.extra_row(level1="满意度指标", level2="服务对象满意度指标",
                                                             name="参训人员满意度", target="≥90%", actual="96%")),
    ("N501", False, "all names differ", kit.base_form),
    ("N502", True, "no 满意度指标", lambda: kit.with_row(4, level1="效益指标", level2="社会效益指标",
                                                         name="参训人员就业率")),
    ("N502", False, "all three categories", kit.base_form),
    ("N503", True, "无 with 3 points", lambda: kit.extra_row(name="无", target="无", actual="无", weight="3",
                                                              score="0")),
    ("N503", False, "named rows", kit.base_form),
    ("N504", True, "a 满意度 row about premises", lambda: kit.with_row(4, name="培训场地保障")),
    ("N504", False, "a 满意度 row about complaints", lambda: kit.with_row(4, name="参训人员有效投诉量",
                                                                       target="≤2件", actual="0件")),
    ("N505", True, "a period as the name", lambda: kit.with_row(2, name="2024年1月-2024年12月")),
    ("N505", False, "a named timeliness indicator", kit.base_form),
    ("N506", True, "预算执行率 as an indicator", lambda: kit.extra_row(name="预算执行率", target="≥90%", actual="95%")),
    ("N506", False, "no execution indicator", kit.base_form),
]


def codes(form, **config) -> set[str]:
    return {finding.rule for finding in check_form(form, Config(**config))}


@pytest.mark.parametrize("code, fires, description, make", CASES, ids=[f"{c[0]}-{'fires' if c[1] else 'silent'}-{i}"
                                                                         for i, c in enumerate(CASES)])
def test_rule(code, fires, description, make):
    assert (code in codes(make())) is fires, description


def test_every_rule_has_a_firing_and_a_silent_case():
    for code in RULES:
        assert any(c == code and fires for c, fires, _, _ in CASES), f"{code} has no case where it fires"
        assert any(c == code and not fires for c, fires, _, _ in CASES), f"{code} has no case where it is silent"


def test_clean_form_raises_nothing():
    assert check_form(kit.base_form(), Config()) == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented(code):
    rule = RULES[code]
    assert rule.summary and rule.name and rule.severity in ("error", "warning", "info")
    sections = rule.sections()
    for heading in ("What it checks", "Why it matters", "Example", "How to fix"):
        assert sections.get(heading), f"{code} doc lacks '## {heading}'"


def test_codes_are_stable_and_names_kebab_case():
    import re

    assert sorted(RULES) == ["E300", "E301", "E303", "F101", "F102", "F103", "F104", "F105", "F106",
                             "N501", "N502", "N503", "N504", "N505", "N506",
                             "S201", "S202", "S203", "S204", "S205", "S206", "S207", "S208", "S209", "S210",
                             "T401", "T402", "T403", "T404", "T405", "T406", "T407", "T408", "T409"]
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name) for rule in RULES.values())


def test_readme_lists_every_rule():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.name} | {rule.severity} |" in readme, f"README's rule table lacks {code}"
