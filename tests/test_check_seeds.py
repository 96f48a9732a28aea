"""What a careful reviewer finds in the seed forms, and what they would not call an error."""

import json
from collections import Counter

import pytest

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.reports.findings import fragment_for, render
from reviewer.rules.results import Rendered
from tests.conftest import SEED_001, SEED_003


@pytest.fixture(scope="module")
def results():
    result = check_paths([str(SEED_001), str(SEED_003)], Config())
    return {r.project: r.findings for r in result.forms}


def found(results, project, code, indicator=None):
    return [f for f in results[project] if f.rule == code and (indicator is None or f.indicator == indicator)]


def test_empty_ecology_rows_of_seed_001(results):
    for project in ("公积金管理业务费用项目", "公积金贷款房屋抵押手续费项目", "公积金信息化服务外包项目"):
        ecology = [f for f in results[project] if f.level2 == "生态效益指标"]
        assert {f.rule for f in ecology} >= {"E300", "E301", "N503"}, project


def test_named_defects_of_the_seeds(results):
    assert found(results, "公积金贷款房屋抵押手续费项目", "T404", "为600笔贷款支付抵押手续费")
    assert found(results, "各区管理部服务大厅委托业务费与其他设施费专项", "T401", "保洁委托服务覆盖网点数")
    assert found(results, "专项业务费", "S206", "律师顾问工作验收合格率")
    [deviation] = found(results, "服务工作专项经费", "F104", "项目实际成本与预算偏差率")
    assert "-0.06(%)" in deviation.message["zh"] and "-5.66%" in deviation.message["zh"]
    for project in ("补充公积金", "信息化运维项目", "信息化建设项目"):
        assert [f.facts["category"] for f in found(results, project, "N502")] == ["满意度指标"]
    assert found(results, "住房公积金互联网业务运行专项", "N501", "在线帮办客服回复满意度")
    # The cost indicator 5万元 → 5万元 is the whole budget and what was spent of it (funds 5 / 5 / 5).
    assert found(results, "公积金贷款房屋抵押手续费项目", "N506", "年度预估支付贷款抵押手续费5万元")


def test_every_deduction_is_listed(results):
    deductions = Counter(project for project, findings in results.items() for f in findings if f.rule == "E300")
    assert deductions == {
        "公积金管理业务费用项目": 1,
        "公积金贷款房屋抵押手续费项目": 1,
        "公积金信息化服务外包项目": 1,
        "信息化运维项目": 1,
        "各区管理部服务大厅委托业务费与其他设施费专项": 1,
        "专项业务费": 1,
        "服务工作专项经费": 1,
        "住房公积金网点设备运维服务专项": 1,
        "信息化建设项目": 1,
        "各区服务网点租赁费物业费": 2,
        "住房公积金互联网业务运行专项": 1,
    }


def test_no_error_that_a_reviewer_would_not_raise(results):
    """Truncated rates (94.33 for 94.337), rounded sub-rows (1,332.95 + 97.86 against 1,430.80) and
    qualitative scores inside their bands are not errors. The errors left are all real."""
    errors = sorted(
        (project, f.rule, f.indicator)
        for project, findings in results.items()
        for f in findings
        if f.severity == "error"
    )
    assert errors == [
        ("住房公积金互联网业务运行专项", "F104", "项目实际成本与预算偏差率"),  # 0.00(%) where the money gives -0.03%
        ("公积金信息化服务外包项目", "E301", ""),
        ("公积金信息化服务外包项目", "N503", ""),
        ("公积金管理业务费用项目", "E301", "无"),
        ("公积金管理业务费用项目", "N503", "无"),
        ("公积金贷款房屋抵押手续费项目", "E301", "无"),
        ("公积金贷款房屋抵押手续费项目", "N503", "无"),
        ("各区管理部服务大厅委托业务费与其他设施费专项", "T401", "保洁委托服务覆盖网点数"),
        ("服务工作专项经费", "F104", "项目实际成本与预算偏差率"),
    ]
    assert not any(f.rule in ("F101", "F102", "F103", "S208", "S201", "S202") for fs in results.values() for f in fs)


@pytest.mark.parametrize("format", ["text", "json", "markdown"])
def test_reports_rendered_by_the_workers_read_as_reports_rendered_at_the_end(format):
    # A batch renders each form where it was checked; the report must not change for it.
    paths = [str(SEED_001), str(SEED_003)]
    whole = check_paths(paths, Config())
    pieces = check_paths(paths, Config(), fragment=fragment_for(format, "zh", colour=True))
    assert all(isinstance(r, Rendered) for r in pieces.forms)
    assert render(pieces, format, "zh", colour=True) == render(whole, format, "zh", colour=True)
    assert pieces.summary() == whole.summary() and pieces.has_errors


def test_json_report_put_together_from_fragments_is_the_json_of_the_whole():
    whole = check_paths([str(SEED_001), str(SEED_003)], Config())
    assert render(whole, "json") == json.dumps(whole.to_dict(), ensure_ascii=False)
    assert json.loads(render(whole, "json"))["summary"]["forms"] == 12
