"""Forms of other provinces' templates (tests/forms, built from published forms): each is weighed
by the template its categories show, and gets the findings a reviewer would give it, and no
others. Also the older 项目决策/项目管理/项目产出/项目效益 template, and units written in names."""

from collections import Counter

import pytest

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.form.values import name_and_unit
from reviewer.readers import read_forms
from reviewer.rules import kit, template_for
from reviewer.rules.engine import check_form
from tests.conftest import FORMS


def form_of(name):
    [form] = read_forms(str(FORMS / name))
    return form


def codes(form, **config):
    return Counter(f.rule for f in check_form(form, Config(**config)))


def _unweighed(form):
    for row in form.indicators:
        row.weight = None
    form.sections = []
    return form


@pytest.mark.parametrize(
    "builder, template",
    [
        (kit.base, "mof2020"),
        (kit.hubei(), "hubei"),  # no funds 分值; category headers of 40 + 30 + 10
        (kit.hubei({i: {"weight": None} for i in range(5)}), "hubei"),  # headers only
        (kit.hubei(weight="20"), "hubei"),
        (kit.older(), "older-city"),
        (kit.row(0, level1="成本指标"), "shanghai-101-style"),
        (lambda: kit.base().model_copy(update={"indicators_weight": 90}), "sichuan"),  # 绩效指标（90分）
        # 年度绩效指标（80分） and no funds 分值, rows and headers weighing nothing: Hubei, not free.
        (lambda: _unweighed(kit.hubei()()).model_copy(update={"indicators_weight": 80}), "hubei"),
    ],
)
def test_auto_template_from_the_categories(builder, template):
    assert template_for(builder(), Config()).name == template


def test_hubei_library_2022():
    form = form_of("hubei_huangshi_library_2022.json")
    assert template_for(form, Config()).name == "hubei"
    assert codes(form) == {
        "N505": 1,  # 三级指标 "2022年全年"
        "N506": 1,  # 成本 5万 → 5万, the whole budget of 5万元
        "T403": 1,  # 5万 of what
        "T407": 1,  # 良好
        "T408": 2,  # ≥360天 as the actual, twice
    }


def test_sichuan_form_whose_funds_were_not_read():
    form = form_of("sichuan_daying_sifaju_2023.json")
    found = check_form(form, Config(template="sichuan"))
    assert Counter(f.rule for f in found) == {"N502": 2, "N508": 1, "N509": 1, "T409": 1}
    assert not any("0.00" in f.message["zh"] for f in found)  # no "资金分值0.00" from a table never read
    assert "S210" in codes(form)  # 产出 90 is off the MoF template, which auto falls back to


def test_anhui_water_2022():
    assert codes(form_of("anhui_tianchang_shuiliju_2022.json")) == {
        "N506": 1,  # 年度资金支付完成率100%
        "T403": 2,  # 1 → 1 project, no unit
        "T407": 6,  # six rows print a score but no target
    }


def test_shandong_culture_centre_2019():
    form = form_of("shandong_licheng_wenhuaguan_2019.json")
    [repeat] = [f for f in check_form(form, Config()) if f.rule == "N506"]
    assert "年初预算数45万元" in repeat.message["zh"]  # its funds table has no 全年预算数
    assert codes(form) == {"N506": 1, "T403": 1}


def test_older_template_forms_are_not_asked_for_the_standard_categories():
    form = kit.older()()
    assert codes(form) == {}
    for template in ("mof2020", "sichuan", "hubei", "older-city"):
        missing = [f.facts["category"] for f in check_form(form, Config(template=template)) if f.rule == "N502"]
        assert "产出指标" not in missing and "效益指标" not in missing, template


def test_older_template_weights():
    found = check_form(kit.older({0: {"weight": "15", "score": "15"}})(), Config())
    assert {f.rule for f in found} == {"S201", "S202", "S210"}  # 总分 100 stays as it was
    assert any("项目决策分值合计15.00" in f.message["zh"] for f in found)


@pytest.mark.parametrize(
    "name, stem, unit",
    [
        ("服务外包在岸(万美元)", "服务外包在岸", "万美元"),
        ("培训人数（人次）", "培训人数", "人次"),
        ("验收合格率（%）", "验收合格率", "%"),
        ("培训时长(小时)", "培训时长", "小时"),
        ("数据存储量(TB)", "数据存储量", "TB"),
        ("管理办法（试行）", "管理办法（试行）", None),
        ("(因全校总人数减少,总指标数减少)", "(因全校总人数减少,总指标数减少)", None),
        ("培训场次", "培训场次", None),
    ],
)
def test_units_written_in_names(name, stem, unit):
    assert name_and_unit(name) == (stem, unit)


def test_a_unit_in_the_name_is_the_unit_of_the_values():
    rows = {"name": "培训人数（人次）", "target": "≥120", "actual": "126"}
    assert codes(kit.extra_row(**rows)()) == {}  # no T403, and a count in a count unit
    assert codes(kit.extra_row(**{**rows, "actual": "126%"})()) == {"T401": 1, "T402": 1}
    rate = {"name": "验收合格率（%）", "target": "=90", "actual": "95"}
    assert codes(kit.extra_row(**rate)()) == {"T405": 1}  # "=" on a rate below 100%


def test_the_other_layouts_check_in_one_batch():
    paths = sorted(str(p) for p in FORMS.glob("*.json"))
    result = check_paths(paths, Config())
    assert not result.errors and len(result.forms) == len(paths)


def test_a_funds_amount_that_prints_its_unit_is_quoted_with_it_once():
    # Hubei prints "12万" in a table of 万元 (shared/forms/15): quoted as printed, not "12万万元".
    printed = {"adjusted_budget": "12万", "executed": "12万", "rate": "100%"}
    form = kit.hubei(
        {0: {"name": "财政补助资金", "target": "12万元", "actual": "12万元"}},
        adjusted_budget="12",
        executed="12",
        raw=printed,
    )()
    [repeat] = [f for f in check_form(form, Config()) if f.rule == "N506"]
    assert "全年预算数12万、全年执行数12万，" in repeat.message["zh"]
