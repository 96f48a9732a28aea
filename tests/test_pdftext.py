"""The PDF-text reader on seed 003 (上海市公积金管理中心) and on a layout it has not seen."""

from decimal import Decimal

import pytest

from reviewer.readers import read_forms, read_forms_from_text
from reviewer.readers.pdflabels import Label, LabelAssembler, assign_levels
from tests.conftest import FORMS, SEED_003


@pytest.fixture(scope="module")
def seed():
    return read_forms(str(SEED_003))


def by_name(form, name):
    return [i for i in form.indicators if i.name == name]


def test_nine_forms_with_headers(seed):
    assert [f.project for f in seed] == [
        "信息化运维项目",
        "各区管理部服务大厅委托业务费与其他设施费专项",
        "专项业务费",
        "服务工作专项经费",
        "补充公积金",
        "住房公积金网点设备运维服务专项",
        "信息化建设项目",
        "各区服务网点租赁费物业费",
        "住房公积金互联网业务运行专项",
    ]
    assert {f.department for f in seed} == {"上海市住房和城乡建设管理委员会"}
    assert {f.implementer for f in seed} == {"上海市公积金管理中心"}
    assert {f.year for f in seed} == {2024} and {f.grade for f in seed} == {"优"}
    assert all(not f.warnings for f in seed)


def test_every_form_adds_up(seed):
    """Weights total 100 and scores total the printed 总分: nothing lost or doubled."""
    for form in seed:
        assert sum(i.weight for i in form.indicators) + form.funds.total.weight == form.total.weight == 100
        assert sum(i.score for i in form.indicators) + form.funds.total.score == form.total.score


def test_funds_with_wrapped_label_and_dashes(seed):
    funds = seed[0].funds
    assert [
        str(v)
        for v in (
            funds.total.initial_budget,
            funds.total.adjusted_budget,
            funds.total.executed,
            funds.total.weight,
            funds.total.rate,
            funds.total.score,
        )
    ] == ["1430.80", "1428.80", "1424.72", "10.00", "99.71", "9.97"]
    assert (funds.fiscal.initial_budget, funds.fiscal.executed, funds.fiscal.weight) == (
        Decimal("1332.95"),
        Decimal("1328.72"),
        None,
    )
    assert funds.fiscal.printed("weight") == "-"
    assert funds.other.executed == Decimal("96.00") and funds.carryover.executed == Decimal("0.00")
    assert seed[3].funds.total.rate == Decimal("94.33")


def test_goals_are_split_into_expected_and_actual(seed):
    assert seed[1].goals.expected.startswith("1.完成2024年各区网点服务大厅保洁服务")
    assert seed[1].goals.expected.endswith("4.完成部分网点家具配置、空调配置等设备设施添置工作，保障网点正常运转。")
    assert seed[1].goals.actual.startswith("已按照计划完成2024年")
    assert seed[8].goals.expected.endswith("进一步提升“一网通办”公积金服务事项的便捷度。")
    assert "上海公积金APP于今年9月底全面下架，妥善安排" in seed[8].goals.actual


def test_wrapped_names_targets_and_grades(seed):
    [row] = by_name(seed[1], "网点绿化养护工作计划完成网点数")
    assert (row.target, row.actual, row.weight) == ("=17.00(个)", "17.00(个)", Decimal("5.00"))
    [row] = by_name(seed[1], "长效管理机制健全且执行有效")
    assert (row.target, row.actual) == ("健全且执行有效", "达成指标")
    [row] = by_name(seed[3], "维护和保障窗口对外服务形象的统一性")
    assert row.target == "有效维护和保障"
    [row] = by_name(seed[8], "网上汇补缴业务总量")
    assert (row.target, row.actual) == ("≥2800000.00(笔)", "5315611.00(笔)")
    [row] = by_name(seed[8], "手机客户端APP日常运行维护工作计划完成率")
    assert row.level2 == "数量指标"


def test_explanations_joined_across_lines_and_page_breaks(seed):
    [row] = by_name(seed[0], "长效管理机制健全性")
    assert (row.weight, row.score) == (Decimal("5.00"), Decimal("4.00"))
    assert row.explanation == (
        "绩效指标方面，部分指标细化程度还不够。后续将根据项目工作内容，进一步细化相关指标，"
        "持续提升项目绩效目标编报质量。"
    )
    [row] = by_name(seed[5], "中心本部与管理部协作机制")
    assert row.actual == "部分达成指标并具有一定效果" and row.score == Decimal("6.00")
    assert row.explanation.startswith("项目实施中，本部与管理部协作较好。但受服务商项目经理突然临时变更因素影响")
    assert row.explanation.endswith("确保服务稳定、各方沟通协作平稳顺畅。")
    [row] = by_name(seed[2], "律师顾问工作验收合格率")
    assert (row.target, row.actual, row.score) == ("=90(%)", "100.00(%)", Decimal("8.50"))
    assert row.explanation == "年度指标值设置不够合理，将在后续年度进一步完善指标值。"
    assert [i.explanation for i in seed[5].indicators[1:4]] == ["无偏差"] * 3


def test_levels_follow_labels_printed_beside_the_rows(seed):
    def groups(form):
        seen = []
        for row in form.indicators:
            key = (row.level1, row.level2)
            if not seen or seen[-1][0] != key:
                seen.append([key, 0])
            seen[-1][1] += 1
        return [(l1, l2, n) for (l1, l2), n in seen]

    assert groups(seed[0]) == [
        ("成本指标", "经济成本指标", 1),
        ("产出指标", "数量指标", 5),
        ("产出指标", "质量指标", 2),
        ("产出指标", "时效指标", 1),
        ("效益指标", "社会效益指标", 4),
        ("效益指标", "可持续影响指标", 2),
    ]
    # The labels of the last form sit in the middle of their rows, not above them.
    assert groups(seed[8]) == [
        ("成本指标", "经济成本指标", 1),
        ("产出指标", "数量指标", 7),
        ("产出指标", "质量指标", 3),
        ("产出指标", "时效指标", 3),
        ("效益指标", "社会效益指标", 11),
        ("效益指标", "可持续影响指标", 3),
        ("满意度指标", "服务对象满意度指标", 3),
    ]
    repeated = by_name(seed[8], "在线帮办客服回复满意度")
    assert [(r.level2, r.weight) for r in repeated] == [
        ("可持续影响指标", Decimal("1.00")),
        ("服务对象满意度指标", Decimal("2.00")),
    ]
    # A label cut by a page break still starts its group.
    assert groups(seed[5])[-2:] == [("效益指标", "可持续影响指标", 1), ("满意度指标", "服务对象满意度指标", 1)]


def test_mof_template_in_pdf_text():
    """Another province's PDF: 成本指标 under 产出, a wrapped qualitative target, an explanation over a page."""
    [form] = read_forms(str(FORMS / "pdf_mof2020.txt"))
    assert form.year == 2023 and form.project == "图书馆古籍数字化项目"
    assert form.funds.carryover.executed is None and form.funds.total.rate == Decimal("95.00")
    names = [(i.level1, i.level2, i.name) for i in form.indicators]
    assert names[4] == ("产出指标", "成本指标", "单页扫描成本")
    assert names[1] == ("产出指标", "数量指标", "扫描古籍善本与普通古籍的册数占比")
    assert form.indicators[0].explanation == "供应商扫描设备故障停工两周，已更换设备，2024年一季度补齐剩余400页。"
    assert form.indicators[3].explanation == "平台接口联调延后一个月，已于11月上线，无后续影响。"
    assert (form.indicators[3].target, form.indicators[3].actual) == ("2023年10月", "2023年11月")
    row = form.indicators[6]
    assert (row.name, row.target, row.actual) == ("数字资源长期保存机制", "健全且有效", "达成指标")
    assert form.goals.actual == "完成古籍扫描4600页，数字阅览平台于2023年11月上线运行。"
    assert not form.warnings


def test_lines_the_reader_cannot_place_are_named():
    text = (
        "项目名称 测试\n三级指标 年度指标值 实际完成值 分值 得分\n"
        "这一行不属于任何一行指标\n培训场次 ≥10(次) 10(次) 10.00 10.00\n总分 10.00 10.00\n"
    )
    [form] = read_forms_from_text(text, "x.txt", "pdftext")
    assert len(form.indicators) == 1
    assert any("could not place lines 3" in w.message for w in form.warnings)


def test_unsupported_column_order_is_an_error_not_garbage():
    from reviewer.errors import InputError

    text = "项目名称 测试\n三级指标 分值 年度指标值 实际完成值 得分\n培训场次 10 ≥10(次) 10(次) 10\n"
    with pytest.raises(InputError, match="order"):
        read_forms_from_text(text, "x.txt", "pdftext")


def test_label_pieces_assemble_per_column():
    assembler = LabelAssembler()
    for position, tokens in enumerate(
        [["效益", "社会"], ["指标", "效益"], ["指标"], ["可持"], ["续影"], ["响指"], ["标"]]
    ):
        assembler.feed_line(tokens, float(position), 0, position)
    assert [(label.column, label.name) for label in assembler.finish()] == [
        (1, "效益指标"),
        (2, "社会效益指标"),
        (2, "可持续影响指标"),
    ]


def test_lone_piece_that_completes_nothing_is_text():
    assembler = LabelAssembler()
    assert assembler.feed_line(["标"], 0.0, 0, 1) == (0, False)
    assert assembler.feed_line(["指标"], 0.0, 0, 1) == (0, False)


def test_ambiguous_cost_label_is_second_level_without_a_child():
    assembler = LabelAssembler()
    for tokens in (["产出"], ["指标"], ["数量"], ["指标"]):
        assembler.feed_line(tokens, 0.0, 0, 1)
    for tokens in (["成本"], ["指标"]):
        assembler.feed_line(tokens, 3.0, 0, 2)
    labels = assembler.finish()
    assert [(label.column, label.name) for label in labels][-1] == (2, "成本指标")
    level1, level2 = assign_levels(labels, 4)
    assert level1 == ["产出指标"] * 4 and level2 == ["数量指标"] * 3 + ["成本指标"]


def test_centred_first_level_label_reaches_back_over_its_children():
    """As in seed 003's last form: 数量指标 printed after three of its rows, 产出指标 after five."""
    labels = [
        Label(1, "成本指标", 0, 0, 0, 0, 1),
        Label(2, "经济成本指标", 0, 0, 0, 0, 2),
        Label(2, "数量指标", 4, 4, 0, 0, 3),
        Label(1, "产出指标", 6, 7, 0, 0, 4),
        Label(2, "质量指标", 8, 10, 0, 0, 5),
        Label(2, "时效指标", 11, 13, 0, 0, 6),
        Label(1, "效益指标", 14, 15, 0, 0, 7),
        Label(2, "社会效益指标", 14, 16, 0, 0, 8),
    ]
    level1, level2 = assign_levels(labels, 18)
    assert level1 == ["成本指标"] + ["产出指标"] * 13 + ["效益指标"] * 4
    assert level2 == ["经济成本指标"] + ["数量指标"] * 7 + ["质量指标"] * 3 + ["时效指标"] * 3 + ["社会效益指标"] * 4


def test_label_cut_by_a_page_break_starts_its_group():
    labels = [
        Label(1, "效益指标", 0, 0, 0, 0, 1),
        Label(2, "社会效益指标", 0, 0, 0, 0, 2),
        Label(2, "可持续影响指标", 2, 3, 0, 1, 3),
        Label(1, "满意度指标", 3, 3, 1, 1, 4),
        Label(2, "服务对象满意度指标", 3, 3, 1, 1, 5),
    ]
    level1, level2 = assign_levels(labels, 4)
    assert level2 == ["社会效益指标"] * 2 + ["可持续影响指标", "服务对象满意度指标"]
    assert level1 == ["效益指标"] * 3 + ["满意度指标"]
