"""Forms in provincial layouts the readers were not made from (Hubei 20+80, Sichuan 10+90, Anhui's
MoF template with rows holding only scores, a 济南 district template with a 得分计算方法 column),
each built after a real published form of ../shared/forms/ by tests/unseen/make_unseen.py as a
Word file and as the PDF LibreOffice prints of it. Every value read is compared with the value
written."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer.api import check
from reviewer.config import Config
from reviewer.readers import read_forms
from reviewer.rules import template_for
from reviewer.rules.engine import check_form
from tests.conftest import untranslated

if not os.environ.get("CI"):
    pytest.importorskip("docx")
    pytest.importorskip("pdfplumber")

UNSEEN = Path(__file__).resolve().parent / "unseen"
D = Decimal

# Per file: (项目名称, 主管部门, 实施单位, year, unit), the funds rows read as
# (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), the goals, the indicator rows as
# (一级, 二级, 三级, 指标值, 完成值, 分值, 得分), the 总分 (分值, 得分), and the notes.
EXPECTED = {
    "hubei_huangshi": {
        "header": ("共享工程", "黄石市文化和旅游局", "黄石市图书馆", 2022, "万元"),
        # 20 is printed in the funds' label, "预算执行情况（万元）（20分）".
        "funds": {"total": (None, D(5), D(5), D(20), D(100), D(20))},
        "goals": (None, None),
        "sections": [("产出指标", D(40)), ("效益指标", D(30)), ("满意度指标", D(10))],
        "indicators_weight": D(80),
        # No 分值 column; a score merged over two 三级 rows is read on the first.
        "indicators": [
            ("产出指标", "数量指标", "一个存储备份器", "25TB", "25TB", None, D(10)),
            ("产出指标", "数量指标", "WIFI布点全覆盖", "100%覆盖", "100%覆盖", None, None),
            ("产出指标", "质量指标", "以最新资源面市", "资源采购期以当年为主", "资源采购期以当年为主", None, D(10)),
            ("产出指标", "时效指标", "可保证读者使用时长", "全天候可用", "全天候", None, D(10)),
            ("产出指标", "时效指标", "2022年全年", "≥360天", "≥360天", None, None),
            ("产出指标", "成本指标", "以低价位高质量为采购原则", "5万", "5万", None, D(10)),
            ("效益指标", "经济效益", "社会公益服务无经济效益", "公益性事业", "公益性事业", None, D(10)),
            (
                "效益指标",
                "社会效益",
                "使读者更方便快捷查找检阅",
                "独有数据资源查询，查询范围可扩展到省图",
                "独有数据资源查询，查询范围可扩展到省图",
                None,
                None,
            ),
            ("效益指标", "社会效益", "促进黄石文化经济发展，丰富市民文化活动", None, None, None, None),
            ("效益指标", "环境效益", "数字图书馆环境优良无污染", "良好", "良好", None, D(10)),
            ("效益指标", "环境效益", "WIFI全覆盖，绿色环保", "良好", "良好", None, None),
            ("效益指标", "可持续影响指标", "≥360天服务读者", "≥360天", "≥360天", None, D(10)),
            ("满意度指标", "读者", "在网络上设置读者满意度调查", "≥90%", "95%", None, D(10)),
        ],
        "total": (None, D(100)),
        "notes": "项目单位（盖章）：黄石市图书馆主要领导签字：填报日期：2023.6.28填表人：联系电话：",
    },
    "hubei_xiangyang": {
        "header": ("东津院区建设补助", "襄阳市卫生健康委", "襄阳市中心医院", 2021, "万元"),
        "funds": {"total": (None, D(1000), D(1000), D(20), D(100), D(20))},
        "goals": (None, None),
        "sections": [("产出指标", None), ("效益指标", None), ("满意度指标", None)],
        "indicators_weight": D(80),
        # 二级 named short, as 襄阳 prints them.
        "indicators": [
            ("产出指标", "数量指标", "成本控制", "不超过预算", "不超过预算", None, D(10)),
            ("产出指标", "质量指标", "保证财政建设补助专款专用", "专款专用", "专款专用", None, D(10)),
            ("产出指标", "成本", "每年财政补助1000万元", "1000万元", "1000万元", None, D(10)),
            ("产出指标", "时效", "1年", "1年", "1年", None, D(10)),
            ("效益指标", "经济效益", "完成东津院区建设，医院东津医疗收入达到5亿元", "5亿元", "6.47亿元", None, D(10)),
            (
                "效益指标",
                "可持续性",
                "院区建成后，可持续为周边群众提供医疗服务",
                "服务范围扩大",
                "服务范围扩大",
                None,
                D(10),
            ),
            ("效益指标", "社会效益", "改善东津新区群众就医条件", "改善", "改善", None, D(10)),
            ("满意度指标", "服务对象满意度", "就诊群众满意度", "≥90%", "95%", None, D(10)),
        ],
        "total": (None, D(100)),
        "notes": "单位名称：襄阳市中心医院填报日期：2022年3月18日",
    },
    "sichuan_qingshen": {
        "header": ("51000021R000000019951-工资性支出", "青神县发展和改革局本级", "青神县发展和改革局", 2023, "万元"),
        "funds": {
            "total": (D("238.93"), D("251.89"), D("251.89"), D(10), D("100.00"), None),
            "fiscal": (D("238.93"), D("251.89"), D("251.89"), None, D("100.00"), None),
            # 财政专户管理资金 + 单位资金 + 其他资金, which the form model keeps as one.
            "other": (D("0.00"), D("0.00"), D("0.00"), None, None, None),
        },
        "goals": (
            "严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳，预算编制科学合理，减少结余资金。",
            "对照年度目标，说明相关任务目标的完成情况（100字以内）",
        ),
        "sections": [("产出指标", None), ("效益指标", None)],
        "indicators_weight": D(90),
        # 指标性质, 指标值 and 度量单位 read as one target; 完成值 and 得分 blank as published.
        "indicators": [
            ("产出指标", "数量指标", "发放（缴纳）覆盖率", "=100%", None, D(60), None),
            ("效益指标", "社会效益指标", "足额保障率（参保率）", "=100%", None, D(30), None),
        ],
        "total": (D(100), None),
        "notes": "评价结论 结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）"
        "存在问题 结合自评情况，分析存在的问题及原因。（200字以内）"
        "改进措施 针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以内）"
        "项目负责人： 财务负责人：",
    },
    "sichuan_daying": {
        "header": (
            "51092324T000010263357-2023年全县安可替代补助资金项目",
            "大英县司法局部门",
            "大英县司法局",
            2023,
            "万元",
        ),
        "funds": {
            "total": (D("0.00"), D("3.36"), D("3.36"), D(10), D("100.00"), D(10)),
            "fiscal": (D("0.00"), D("3.36"), D("3.36"), None, D("100.00"), None),
            "other": (D("0.00"), D("0.00"), D("0.00"), None, None, None),
        },
        "goals": ("根据要求购买安可设备，并完成项目资金支付。", "完成"),
        "sections": [("产出指标", None)],
        "indicators_weight": D(90),
        "indicators": [
            ("产出指标", "质量指标", "完成安可产品购买并按要求支付资金", "=100%", "100%", D(90), D(90)),
        ],
        "total": (D(100), D(100)),
        "notes": "评价结论 按要求购买安可设备，并完成项目资金支付。存在问题 无改进措施 无"
        "项目负责人：查小兵 财务负责人：唐勇",
    },
    "anhui_tianchang": {
        "header": ("水旱灾害防御经费", None, "天长市水利局", 2022, "万元"),
        "funds": {
            "total": (D(880), D(880), D(880), D(10), None, D(10)),
            "fiscal": (D(880), D(880), D(880), None, None, None),
            "carryover": (None, None, None, None, None, None),
            "other": (None, None, None, None, None, None),
        },
        "goals": ("完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。", "完成年度目标。"),
        "sections": [("产出指标", D(50)), ("效益指标", D(30)), ("满意度指标", D(10))],
        "indicators_weight": None,
        "indicators": [
            ("产出指标", "数量指标", "完成中型灌区节水改造项目数量", "1", "1", D(10), D(10)),
            ("产出指标", "数量指标", "完成农业综合水价改革项目", "1", "1", D(10), D(10)),
            ("产出指标", "质量指标", "工程质量合格", None, None, D(10), D(10)),
            ("产出指标", "时效指标", "年度资金支付完成率100%", None, None, D(10), D(10)),
            ("产出指标", "成本指标", "资金执行在预算范围内", None, None, D(10), D(10)),
            ("效益指标", "经济效益指标", "全市安全度汛", None, None, D(10), D(10)),
            ("效益指标", "社会效益指标", "保护全市人口财产不受损失", None, None, D(10), D(10)),
            ("效益指标", "生态效益指标", "/", "/", "/", None, None),
            ("效益指标", "可持续影响指标", "已建工程良性运行", None, None, D(10), D(10)),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%", "100%", D(10), D(10)),
        ],
        "total": (D(100), D(100)),
        "notes": "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、"
        "预算资金执行率10分。"
        "如有特殊情况，一级指标权重可做适当调整，但加总后应等于100。",
    },
    "shandong_licheng": {
        "header": ("商品和服务支出", "济南市历城区文化和旅游局", "济南市历城区文化馆", 2019, "万元"),
        "funds": {
            "total": (D(45), None, D(45), D(10), D(100), D(10)),
            "fiscal": (D(45), None, D(45), None, None, None),
            "other": (None, None, None, None, None, None),
        },
        "goals": (
            "历城区文化馆免费开放",
            "用于历城区文化馆全年免费开放，主要支付招聘合同人员工资，确保我馆全年正常免费开放和群众文化工作开展。",
        ),
        "sections": [("产出指标", D(50)), ("效益指标", D(30)), ("满意度指标", D(10))],
        "indicators_weight": None,
        # The 得分计算方法 column beside 未完成原因 is no explanation; the "-" rows are spare.
        "indicators": [
            ("产出指标", "数量指标", "全年免费开放", "100%", "100%", D("12.5"), D("12.5")),
            ("产出指标", "质量指标", "免费开放管理制度健全、执行有效性", "100%", "100%", D("12.5"), D("12.5")),
            ("产出指标", "时效指标", "免费开放率", "100%", "100%", D("12.5"), D("12.5")),
            ("产出指标", "成本指标", "实际成本与工作内容的匹配程度", "45万", "45万", D("12.5"), D("12.5")),
            ("效益指标", "经济效益指标", "承担重要公益服务项目、助推民生事业发展", "100%", "100%", D(10), D(10)),
            (
                "效益指标",
                "社会效益指标",
                "促进基本公共文化服务标准化均等化，保障群众基本文化权益。满足广大人民群众接受素质教育、文化娱乐的需求。",
                "100%",
                "100%",
                D(10),
                D(10),
            ),
            ("效益指标", "可持续影响指标", "群众文化活动长效开展", "长期", "长期", D(10), D(10)),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", D(10), D(10)),
        ],
        "total": (D(100), D(100)),
        "notes": "主管部门（盖章）：单位：万元填表人：联系电话：填报日期：2020年4月",
    },
}
FILES = [f"{stem}.{suffix}" for stem in EXPECTED for suffix in ("docx", "pdf")]
FUNDS_FIELDS = ("initial_budget", "adjusted_budget", "executed", "weight", "rate", "score")


def _read(name: str) -> dict:
    [form] = read_forms(str(UNSEEN / name))
    assert untranslated([form]) == []
    return {
        "header": (form.project, form.department, form.implementer, form.year, form.unit),
        "funds": {key: tuple(getattr(row, f) for f in FUNDS_FIELDS) for key, row in form.funds.rows()},
        "goals": (form.goals.expected, form.goals.actual),
        "sections": [(s.level1, s.weight) for s in form.sections],
        "indicators_weight": form.indicators_weight,
        "indicators": [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators],
        "total": (form.total.weight, form.total.score) if form.total else None,
        # A PDF wraps a long note onto lines of its own.
        "notes": "".join(form.notes),
    }


@pytest.mark.parametrize("name", FILES)
def test_an_unseen_layout_reads_as_it_was_written(name):
    assert _read(name) == EXPECTED[Path(name).stem]


SICHUAN_FUNDS_NOTE = (
    "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
    "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。"
)


@pytest.mark.parametrize("name", FILES)
def test_the_funds_tables_reason_box_is_read_where_there_is_one(name):
    # Sichuan's 原因 box, merged down the budget rows, holds the template's instructions on both forms.
    [form] = read_forms(str(UNSEEN / name))
    assert form.funds.explanation == (SICHUAN_FUNDS_NOTE if name.startswith("sichuan") else None)


def test_the_scoring_rules_column_is_not_read_as_an_explanation():
    [form] = read_forms(str(UNSEEN / "shandong_licheng.docx"))
    assert [i.explanation for i in form.indicators] == [None] * 8
    assert not [w for w in form.warnings if "template row" not in w.message]


def test_what_the_form_model_has_no_place_for_is_named_in_a_warning():
    [form] = read_forms(str(UNSEEN / "sichuan_daying.pdf"))
    assert [w.message for w in form.warnings] == [
        "funds rows 财政专户管理资金 + 单位资金 + 其他资金 read as one row of 其他资金, their sum",
    ]


@pytest.mark.parametrize("name", FILES)
def test_sichuans_row_of_what_was_done_is_read_below_the_goals(name):
    # "2.项目实施内容及过程概述", a row of its own under 年度目标 / 年度目标完成情况 (blank on 青神's form).
    [form] = read_forms(str(UNSEEN / name))
    process = "2023年购买13台安可电脑，并于12月前完成资金支付。" if name.startswith("sichuan_daying") else None
    assert form.goals.process == process
    assert not [w for w in form.warnings if "goals" in w.message]


def test_sichuan_sources_beyond_the_fiscal_funds_add_up_to_the_total(tmp_path):
    """A Sichuan budget with 单位资金: its total is the sum of the rows read, so F103 is silent."""
    rows = [
        ["部门预算项目支出绩效自评表（2023年度）"],
        ["项目名称", "工资性支出"],
        [
            "预算执行情况（10分）",
            "年度预算数（万元）",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
        ],
        ["", "总额", "110.00", "110.00", "105.00", "95.45%", "10", "9.55"],
        ["", "其中：财政资金", "100.00", "100.00", "95.00", "95.00%", "/", "/"],
        ["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"],
        ["", "单位资金", "10.00", "10.00", "10.00", "100.00%", "/", "/"],
        ["", "其他资金", "", "", "", "", "/", "/"],
        SICHUAN_ROWS[2],
        ["", "产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "100", "90", "90", ""],
        ["合计", "", "", "", "", "", "", "", "100", "99.55", ""],
    ]
    path = tmp_path / "sichuan.txt"
    path.write_text("\n".join("\t".join(row) for row in rows), encoding="utf-8")
    [form] = read_forms(str(path))
    other = form.funds.other
    assert (other.initial_budget, other.adjusted_budget, other.executed, other.rate) == (
        D("10.00"),
        D("10.00"),
        D("10.00"),
        None,
    )
    [result] = check([form]).forms
    assert not [f for f in result.findings if f.rule == "F103"]


def sichuan_funds(reason: list[str]) -> list[list[str]]:
    """A Sichuan form 60% executed, its 原因 box holding ``reason`` down the budget rows."""
    rows = [
        ["部门预算项目支出绩效自评表（2023年度）"],
        ["项目名称", "设备购置"],
        ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重"]
        + ["得分", "原因"],
        ["", "总额", "100.00", "100.00", "60.00", "60.00%", "10", "6.00", reason[0]],
        ["", "其中：财政资金", "100.00", "100.00", "60.00", "60.00%", "/", "/", *reason[1:2]],
        ["", "其他资金", "", "", "", "", "/", "/", *reason[2:]],
        *SICHUAN_ROWS[2:],
    ]
    return rows


@pytest.mark.parametrize(
    ("reason", "read", "said"),
    [
        (
            ["设备验收排在次年1月，", "尾款40万元将于1月支付。"],
            "设备验收排在次年1月，尾款40万元将于1月支付。",
            None,
        ),
        (["无"], "无", "执行率60.00%低于90%，需说明未执行原因及资金处理；原因栏未说明"),
        (
            [SICHUAN_FUNDS_NOTE],
            SICHUAN_FUNDS_NOTE,
            "执行率60.00%低于90%，需说明未执行原因及资金处理；原因栏仍是模板的填报说明",
        ),
    ],
)
def test_a_low_execution_rate_explained_in_the_reason_box_needs_no_finding(tmp_path, reason, read, said):
    path = tmp_path / "sichuan.txt"
    path.write_text("\n".join("\t".join(row) for row in sichuan_funds(reason)), encoding="utf-8")
    [form] = read_forms(str(path))
    assert form.funds.explanation == read and form.funds.total.rate == D("60.00")
    [result] = check([form]).forms
    assert [f.message["zh"] for f in result.findings if f.rule == "F105"] == ([said] if said else [])


# Rows of 大英县文旅局's 2022 form as published (../shared/forms/17_…), copied as table text: a
# qualitative 指标性质 (定性) with no 度量单位, and ≥ 95 %.
SICHUAN_ROWS = [
    ["部门预算项目支出绩效自评表（2022年度）"],
    ["项目名称", "图书馆免费开放"],
    [
        "绩效指标（90分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ],
    ["", "效益指标", "可持续影响指标", "图书馆管理机制健全性", "定性", "好坏", "", "好坏", "5", "5", ""],
    ["", "满意度指标", "服务对象满意度指标", "活动参与人员满意度", "≥", "95", "%", "95", "5", "5", ""],
    ["", "", "", "聘用人员满意度", "≥", "95", "%", "95", "5", "5", ""],
    ["合计", "", "", "", "", "", "", "", "100", "100", ""],
]


def test_a_sichuan_target_is_read_from_its_three_columns(tmp_path):
    path = tmp_path / "sichuan.txt"
    path.write_text("\n".join("\t".join(row) for row in SICHUAN_ROWS), encoding="utf-8")
    [form] = read_forms(str(path))
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("图书馆管理机制健全性", "好坏", "好坏", D(5), D(5)),
        ("活动参与人员满意度", "≥95%", "95%", D(5), D(5)),
        ("聘用人员满意度", "≥95%", "95%", D(5), D(5)),
    ]
    assert (form.year, form.total.weight, form.total.score) == (2022, D(100), D(100))


def test_rows_of_a_form_begun_on_an_earlier_page_are_named(tmp_path):
    """A page of a county's compilation (05, 17) starts with the end of the form before it."""
    tail = [SICHUAN_ROWS[2], SICHUAN_ROWS[4], SICHUAN_ROWS[6]]
    path = tmp_path / "page.txt"
    path.write_text("\n".join("\t".join(row) for row in [*tail, *SICHUAN_ROWS]), encoding="utf-8")
    [form] = read_forms(str(path))
    assert len(form.indicators) == 3
    assert form.warnings[0].line == 1
    assert form.warnings[0].message.startswith("3 table rows before the first 项目名称 belong to no form, not read")


# The structure of 湖北工程学院's 学生资助 form (../shared/forms/11_…, whose mirror stripped every
# digit; the numbers here are illustrative): the 总分 above the table beside the date, no 偏差原因
# column, so the one reason is written in brackets after a score merged over four rows.
HUBEI_ROWS = [
    ["2021年学生资助项目绩效目标自评表"],
    ["填报日期：2022年3月1日    总分：99分"],
    ["项目名称", "湖北工程学院2021年学生资助项目"],
    ["主管部门", "湖北省教育厅", "项目实施单位", "湖北工程学院"],
    ["预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"],
    ["年度财政资金总额", "1200", "1200", "100%", "20分"],
    ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],
    [
        "产出指标（40分）",
        "数量",
        "国家奖学金人数",
        "10人",
        "9人",
        "39分（因全校总人数减少，总指标数减少，但奖励、资助比例没减少）",
    ],
    ["", "", "国家励志奖学金人数", "300人", "290人", ""],
]


def test_a_total_above_the_table_and_a_reason_after_the_score(tmp_path):
    path = tmp_path / "hubei.txt"
    path.write_text("\n".join("\t".join(row) for row in HUBEI_ROWS), encoding="utf-8")
    [form] = read_forms(str(path))
    assert (form.year, form.implementer, form.total.weight, form.total.score) == (2021, "湖北工程学院", None, D(99))
    first, second = form.indicators
    assert (first.level2, first.score, first.explanation) == (
        "数量",
        D(39),
        "因全校总人数减少，总指标数减少，但奖励、资助比例没减少",
    )
    assert (second.level2, second.score, second.explanation) == ("数量", None, None)
    assert form.funds.total.score == D(20) and form.funds.total.weight == D(20)
    assert not [w for w in form.warnings if "not a number" in w.message or "总分" in w.message]


# 黄冈市档案馆's 2020 form (../shared/forms/16_…, back in simplified characters), which stops at the
# indicator table's header: the amounts repeat the table's unit ("10万" in a table of 万元).
HUANGGANG_ROWS = [
    ["附件2：黄冈市档案馆2020年度项目绩效自评表"],
    ["单位名称：黄冈市档案馆    填报日期：2021年4月"],
    ["项目名称", "档案抢救与保护、档案工作考评、查询利用、档案资料征集、数字化、编研、陈列等专项经费"],
    ["主管部门", "", "项目实施单位", "黄冈市档案馆"],
    ["项目类别", "1、上级专项 2、本级专项"],
    ["预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"],
    ["年度财政资金总额", "10万", "10万", "100%", "20"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],
]


def test_an_amount_may_repeat_the_tables_unit(tmp_path):
    path = tmp_path / "huanggang.txt"
    path.write_text("\n".join("\t".join(row) for row in HUANGGANG_ROWS), encoding="utf-8")
    [form] = read_forms(str(path))
    total = form.funds.total
    assert (form.year, form.unit, form.department, form.implementer) == (2020, "万元", None, "黄冈市档案馆")
    assert (total.adjusted_budget, total.executed, total.weight, total.rate, total.score) == (
        D(10),
        D(10),
        D(20),
        D(100),
        D(20),
    )
    assert total.raw["adjusted_budget"] == "10万"


@pytest.mark.parametrize("stem", ["sichuan_daying", "sichuan_qingshen"])
def test_a_sichuan_form_is_weighed_by_its_own_template(stem):
    # "绩效指标（90分）" leaves the split to the project: 产出 90 or 60 is no departure from a template.
    [form] = read_forms(str(UNSEEN / f"{stem}.docx"))
    assert template_for(form, Config()).name == "sichuan"
    assert not [f for f in check_form(form, Config()) if f.rule == "S210"]
