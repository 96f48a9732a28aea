"""The tab-separated reader on seed 001 (中卫市, copied from Word) and on layouts it has not seen."""

from decimal import Decimal

import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms, read_forms_from_text
from tests.conftest import FORMS, SEED_001


@pytest.fixture(scope="module")
def seed():
    return read_forms(str(SEED_001))


def test_three_forms_with_headers(seed):
    assert [f.project for f in seed] == [
        "公积金管理业务费用项目",
        "公积金贷款房屋抵押手续费项目",
        "公积金信息化服务外包项目",
    ]
    assert {f.department for f in seed} == {"中卫市住房公积金管理中心"}
    assert {f.implementer for f in seed} == {"中卫市住房公积金管理中心"}
    assert {f.year for f in seed} == {2024} and {f.unit for f in seed} == {"万元"}
    assert all(f.source.reader == "tabular" for f in seed)


def test_funds_cells_and_blanks(seed):
    total = seed[2].funds.total
    assert (total.initial_budget, total.adjusted_budget, total.executed) == (Decimal("207.50"),) * 3
    assert (total.weight, total.rate, total.score) == (Decimal(10), Decimal(100), Decimal(10))
    assert total.printed("rate") == "100%"
    carryover = seed[0].funds.carryover
    assert carryover.initial_budget is None and carryover.executed is None  # blank, not zero
    assert carryover.printed("weight") == "—"
    assert seed[0].funds.fiscal.weight is None


def test_rows_levels_and_weights(seed):
    first = seed[0]
    assert len(first.indicators) == 19
    assert [s.model_dump() for s in first.sections] == [
        {"level1": "产出指标", "weight": Decimal(50)},
        {"level1": "效益指标", "weight": Decimal(30)},
        {"level1": "满意度指标", "weight": Decimal(10)},
    ]
    row = first.indicators[0]
    assert (row.level1, row.level2, row.name, row.target, row.actual) == (
        "产出指标",
        "数量指标",
        "发放内部聘用人员工资",
        "12次",
        "12次",
    )
    assert row.raw["name"] == "指标1:发放内部聘用人员工资" and row.line == 17
    eco = next(i for i in first.indicators if i.level2 == "生态效益指标")
    assert (eco.name, eco.target, eco.actual, eco.weight, eco.score) == ("无", "无", "无", Decimal(3), Decimal(0))
    assert first.total.weight == 100 and first.total.score == 97


def test_blank_target_stays_blank(seed):
    eco = next(i for i in seed[1].indicators if i.level2 == "生态效益指标")
    assert eco.target is None and eco.actual is None and eco.weight == 3 and eco.score == 0


def test_name_quotes_its_own_number(seed):
    row = seed[1].indicators[0]
    assert row.name == "为600笔贷款支付抵押手续费" and row.target == "625笔"


def test_table_continued_after_page_break_is_realigned(seed):
    """Form 3 restarts on a new page without its first column, and one row has a merged cell less."""
    form = seed[2]
    assert len(form.indicators) == 27
    economic = next(i for i in form.indicators if i.level2 == "经济效益指标")
    assert (economic.level1, economic.target, economic.actual, economic.weight) == (
        "效益指标",
        "4000",
        "4564",
        Decimal(4),
    )
    last = form.indicators[-1]
    assert (last.level1, last.level2, last.name, last.weight, last.score) == (
        "满意度指标",
        "服务对象满意度指标",
        "确保缴存人住房公积金账户资金安全。",
        Decimal(4),
        Decimal(4),
    )
    empty = next(i for i in form.indicators if i.level2 == "生态效益指标")
    assert empty.name == "" and empty.raw["name"] == "指标："
    assert sum(i.weight for i in form.indicators) + form.funds.total.weight == 100
    assert form.total.score == 98


def test_notes_after_the_table_are_kept(seed):
    assert seed[1].notes == ["注意事项：总分100=绩效指标90分+资金执行情况10，请大家务必按照勾稽关系准确计分。"]
    assert all(not f.warnings for f in seed)


def test_other_layout_columns_found_by_header():
    """分值 before 年度指标值, 全年实际值, no 年初预算数, money in 元, no 总分 row, a template row left in."""
    [form] = read_forms(str(FORMS / "tab_sichuan.txt"))
    assert form.unit == "元" and form.project == "乡村道路养护项目"
    assert form.department == "某县交通运输局" and form.implementer == "某县公路养护中心"
    total = form.funds.total
    assert total.initial_budget is None and total.adjusted_budget == Decimal("1150000.00")
    assert total.rate == Decimal("90.00") and total.score == Decimal("9.00")
    first = form.indicators[0]
    assert (first.name, first.weight, first.target, first.actual, first.score) == (
        "养护里程",
        Decimal(20),
        "≥30公里",
        "28公里",
        Decimal("18.67"),
    )
    assert first.explanation.startswith("7月至8月连续降雨")
    assert form.total is None
    assert [w.message for w in form.warnings] == [
        "template row '指标2' with no values: skipped",
        "no 总分 row: the total score is missing",
    ]
    assert [s.weight for s in form.sections] == [Decimal(60), Decimal(20), Decimal(10)]
    assert form.goals.actual == "完成28公里乡村道路日常养护，路面完好率92%。"


def test_excel_copy_with_quoted_separators_and_crlf():
    text = (
        "项目名称\t测试项目\r\n绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\r\n"
        "\t产出指标\t数量指标\t培训场次\t≥10次\t8次\t10\t8\t场地检修，2场顺延至次年\r\n"
        "\t\t\t培训人数\t≥500人\t520人\t10\t10\t\r\n总分\t\t\t\t\t\t20\t18\t\r\n"
    )
    [form] = read_forms_from_text(text, "copy.txt")
    assert [i.name for i in form.indicators] == ["培训场次", "培训人数"]
    assert form.indicators[1].level1 == "产出指标" and form.indicators[1].level2 == "数量指标"
    assert form.total.score == 18


def test_unplaceable_line_is_reported_not_dropped():
    text = (
        "项目名称\t测试项目\n绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n"
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t10\t10\t\n"
        "\t\t\t\t\t\t\t\t\t\t\t\t多出来的一格\n"
    )
    [form] = read_forms_from_text(text, "odd.txt")
    assert len(form.indicators) == 1
    assert any(w.line == 4 and "多出来的一格" in w.message for w in form.warnings)


@pytest.mark.parametrize("label", ["绩效指标（90分）", "三、绩效指标(90分)"])
def test_the_indicator_tables_weight_in_a_row_of_its_own(label):
    # Sichuan prints it in the header row's label cell; a form (or our own workbook) may print
    # the label as a row above the header. Either way it is the indicators' weight, not a goal.
    text = (FORMS / "tab_sichuan.txt").read_text("utf-8")
    header = next(line for line in text.splitlines() if line.startswith("绩效指标\t一级指标"))
    [plain] = read_forms_from_text(text, "sichuan.txt")
    [form] = read_forms_from_text(text.replace(header, f"{label}\n{header}"), "sichuan.txt")
    assert plain.indicators_weight is None and form.indicators_weight == 90
    assert form.goals == plain.goals  # the rows below it are one line further down: compare messages
    assert [w.message for w in form.warnings] == [w.message for w in plain.warnings]


HEADER = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析"


def _form(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_a_paragraph_with_several_fields_gives_each_its_value():
    # Word prints the header as paragraphs: "项目名称：X　　　主管部门：Y", "实施单位：Z　　金额单位：万元".
    text = _form(
        "项目名称：城区环卫保洁服务项目　　　主管部门：某区城市管理局",
        "实施单位：某区环境卫生管理所　　　金额单位：万元",
        HEADER,
        "\t产出指标\t数量指标\t保洁面积\t≥120万平方米\t125万平方米\t20\t20\t",
        "总分\t\t\t\t\t\t20\t20\t",
    )
    [form] = read_forms_from_text(text, "paragraphs.txt")
    assert (form.project, form.department, form.implementer) == (
        "城区环卫保洁服务项目",
        "某区城市管理局",
        "某区环境卫生管理所",
    )
    assert form.unit == "万元" and form.warnings == []


def test_indicators_named_like_header_fields_are_indicators():
    text = _form(
        "项目名称\t预算绩效管理项目",
        "主管部门\t某县财政局\t实施单位\t某县财政局",
        HEADER,
        "\t产出指标\t质量指标\t绩效自评表按时报送率\t100%\t100%\t30\t30\t",
        "\t满意度指标\t服务对象满意度指标\t主管部门满意度\t≥90%\t92%\t30\t30\t",
        "\t\t\t预算单位满意度\t≥90%\t85%\t40\t37.78\t项目单位已于12月整改，次年一季度复评。",
        "总分\t\t\t\t\t\t100\t97.78\t",
    )
    [form] = read_forms_from_text(text, "names.txt")
    assert [i.name for i in form.indicators] == ["绩效自评表按时报送率", "主管部门满意度", "预算单位满意度"]
    assert form.indicators[2].level2 == "服务对象满意度指标"
    assert form.indicators[2].explanation == "项目单位已于12月整改，次年一季度复评。"
    assert (form.department, form.implementer) == ("某县财政局", "某县财政局") and form.warnings == []


@pytest.mark.parametrize("label", ["（续）", "续表", "续表2", "接上页", "(续上页)"])
def test_a_table_continued_under_a_label_keeps_its_rows(label):
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t50\t50\t",
        label,
        HEADER,
        "\t效益指标\t社会效益指标\t培训覆盖率\t≥90%\t95%\t50\t50\t",
        "总分\t\t\t\t\t\t100\t100\t",
    )
    [form] = read_forms_from_text(text, "continued.txt")
    assert [i.name for i in form.indicators] == ["培训场次", "培训覆盖率"] and form.notes == []


@pytest.mark.parametrize("mark", ["第1页", "第 1 页 共 2 页", "共2页第1页", "- 1 -", "1/2", "Page 1 of 2"])
def test_a_page_number_where_a_page_break_cut_the_table_is_passed_over(mark):
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t50\t50\t",
        mark,
        "\t效益指标\t社会效益指标\t培训覆盖率\t≥90%\t95%\t50\t50\t",
        "总分\t\t\t\t\t\t100\t100\t",
    )
    [form] = read_forms_from_text(text, "paged.txt")
    assert [i.name for i in form.indicators] == ["培训场次", "培训覆盖率"]
    assert form.notes == [] and form.warnings == []


def test_a_line_inside_the_table_before_its_total_is_said_and_the_rows_below_it_are_read():
    # A paragraph between the two parts of a table (a Word or web page's heading, a footnote at
    # the foot of the first page) ended the table: the rows below it were notes, and nothing said.
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t50\t50\t",
        "注：下页接上表",
        "\t效益指标\t社会效益指标\t培训覆盖率\t≥90%\t95%\t50\t48\t部分学员未参训，下年度分批安排。",
        "总分\t\t\t\t\t\t100\t98\t",
        "填表人：张明",
    )
    [form] = read_forms_from_text(text, "interrupted.txt")
    assert [(i.name, i.score) for i in form.indicators] == [("培训场次", 50), ("培训覆盖率", 48)]
    assert form.total.score == 98 and form.notes == ["填表人：张明"]
    assert [(w.line, w.message) for w in form.warnings] == [(4, "could not place: 注：下页接上表")]


@pytest.mark.parametrize(
    "lines",
    [["项目支出绩效自评表", "（２０２４年度）"], ["（2024年度）"], ["２０２４年度项目支出绩效自评表"]],
    ids=["full-width", "no-title", "in-title"],
)
def test_the_year_is_read_in_full_width_digits_and_without_a_title_line(lines):
    text = _form(*lines, "项目名称\t测试项目", HEADER, "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t100\t100\t")
    [form] = read_forms_from_text(text, "year.txt")
    assert form.year == 2024


def test_a_remark_column_after_the_explanation_is_not_read_into_it():
    # A blank explanation beside a remark read as explained: E303 ("too short") instead of E301.
    text = _form(
        "项目名称\t测试项目",
        HEADER + "\t备注",
        "\t产出指标\t数量指标\t培训场次\t≥10次\t8次\t50\t40\t\t已报主管部门备案",
        "\t效益指标\t社会效益指标\t培训覆盖率\t≥90%\t95%\t50\t50\t\t无",
        "总分\t\t\t\t\t\t100\t90\t",
    )
    [form] = read_forms_from_text(text, "remark.txt")
    assert [i.explanation for i in form.indicators] == [None, None]
    assert [(w.line, w.message) for w in form.warnings] == [
        (3, "the 备注 column is not read; rows with a remark: lines 3")
    ]


FUNDS_HEADER = "项目资金\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分"
FUNDS_TOTAL = "\t年度资金总额：\t1,430.80\t1,500.00\t1,430.10\t10\t95.34%\t9.53"
FUNDS_FISCAL = "\t其中：当年财政拨款\t1,200.00\t1,269.20\t1,199.30\t—\t94.49%\t—"


@pytest.mark.parametrize(
    "funds",
    [
        # A web page's caption above the funds table, on a line of its own.
        ["项目资金（万元）", FUNDS_HEADER, FUNDS_TOTAL, FUNDS_FISCAL],
        # A spreadsheet that split the label "项目资金（万元）" over two rows: "（万元）" in a cell of
        # its own beside 当年财政拨款 made the row unreadable.
        [FUNDS_HEADER, FUNDS_TOTAL, "（万元）" + FUNDS_FISCAL],
    ],
    ids=["caption", "split-label"],
)
def test_the_funds_unit_printed_apart_from_the_label_is_read_and_no_row_is_lost(funds):
    indicator = "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t90\t90\t"
    text = _form("项目名称\t测试项目", *funds, HEADER, indicator, "总分\t\t\t\t\t\t100\t99.53\t")
    [form] = read_forms_from_text(text, "unit.txt")
    assert form.unit == "万元" and form.warnings == []
    assert (form.funds.fiscal.initial_budget, form.funds.fiscal.executed) == (Decimal("1200.00"), Decimal("1199.30"))


def test_a_part_of_the_table_that_prints_the_tables_label_in_a_column_of_its_own_is_aligned():
    # The header has no 绩效指标 column; the part after a page break prints it, merged down.
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
    text = _form(
        "项目名称\t测试项目",
        header,
        "产出指标\t数量指标\t培训场次\t≥10次\t10次\t50\t50\t",
        "绩效指标\t效益指标\t社会效益指标\t培训覆盖率\t≥90%\t85%\t50\t45\t部分学员未参训，下年度分批安排。",
        "总分\t\t\t\t\t100\t95\t",
    )
    [form] = read_forms_from_text(text, "label-column.txt")
    assert [(i.level1, i.name, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "培训场次", 50, 50),
        ("效益指标", "培训覆盖率", 50, 45),
    ]
    assert form.indicators[1].explanation == "部分学员未参训，下年度分批安排。" and form.warnings == []


def test_an_older_templates_second_level_names_stay_in_their_column():
    # 项目决策/项目管理/项目产出/项目效益: 二级 names without 指标 ("产出质量", "资金管理", "满意度")
    # under a blank 一级 cell shifted the row one cell: the name read as the target, 100% as 分值.
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
    text = _form(
        "项目名称\t老旧小区改造项目",
        header,
        "项目管理(20分)\t资金管理\t预算执行率\t≥90%\t96.00%\t10\t10\t",
        "\t组织实施\t管理制度健全性\t健全\t健全\t10\t10\t",
        "项目产出(40分)\t产出数量\t改造老旧小区户数\t≥1200户\t1260户\t20\t20\t",
        "\t产出质量\t工程验收合格率\t=100%\t100%\t20\t20\t",
        "项目效益(40分)\t社会效益\t居住环境改善户数\t≥1200户\t1260户\t30\t30\t",
        "\t满意度\t居民满意度\t≥90%\t94%\t10\t10\t",
        "总分\t\t\t\t\t100\t100\t",
    )
    [form] = read_forms_from_text(text, "older.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in form.indicators] == [
        ("项目管理", "资金管理", "预算执行率", "≥90%", 10),
        ("项目管理", "组织实施", "管理制度健全性", "健全", 10),
        ("项目产出", "产出数量", "改造老旧小区户数", "≥1200户", 20),
        ("项目产出", "产出质量", "工程验收合格率", "=100%", 20),
        ("项目效益", "社会效益", "居住环境改善户数", "≥1200户", 30),
        ("项目效益", "满意度", "居民满意度", "≥90%", 10),
    ]


def test_an_indicator_table_with_no_row_under_its_header_says_so():
    text = _form("项目名称\t测试项目", HEADER, "总分\t\t\t\t\t\t100\t100\t")
    [form] = read_forms_from_text(text, "empty-table.txt")
    assert form.indicators == []
    assert [(w.line, w.message) for w in form.warnings] == [
        (2, "no indicator read: no row under the indicator table's header")
    ]


def test_after_the_total_a_row_of_numbers_stays_a_note():
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t100\t100\t",
        "总分\t\t\t\t\t\t100\t100\t",
        "评分标准如下",
        "\t\t\t完成率\t100%\t100%\t10\t10\t",
    )
    [form] = read_forms_from_text(text, "after.txt")
    assert [i.name for i in form.indicators] == ["培训场次"] and len(form.notes) == 2


@pytest.mark.parametrize("unit_line", ["金额单位：万元", "（单位：万元）", "单位：万元"])
def test_a_unit_line_between_the_title_and_the_table_keeps_the_title_with_its_form(unit_line):
    form_text = _form(
        "2023年度项目支出绩效自评表",
        unit_line,
        "项目名称\t测试项目{n}",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t100\t100\t",
        "总分\t\t\t\t\t\t100\t100\t",
    )
    forms = read_forms_from_text(form_text.format(n=1) + form_text.format(n=2), "two.txt")
    assert [(f.project, f.year, f.unit) for f in forms] == [("测试项目1", 2023, "万元"), ("测试项目2", 2023, "万元")]
    assert [f.warnings for f in forms] == [[], []]


def test_amounts_that_print_their_unit_give_the_tables_unit():
    text = _form(
        "项目名称\t测试项目",
        "项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t1,000.00万元\t1,000.00万元\t986.50万元\t10\t98.65%\t9.87",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t90\t90\t",
        "总分\t\t\t\t\t\t100\t99.87\t",
    )
    [form] = read_forms_from_text(text, "units.txt")
    total = form.funds.total
    assert form.unit == "万元" and (total.adjusted_budget, total.executed) == (Decimal("1000.00"), Decimal("986.50"))


def test_the_rest_of_an_explanation_cut_by_a_page_break_joins_its_row():
    # A PDF page break cuts a row: the next page's table begins with the explanation's remainder.
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        "\t产出指标\t数量指标\t改造公厕数量\t≥40座\t38座\t50\t47.5\t2座公厕用地手续于2023年12月才取得，",
        "\t\t\t\t\t\t\t\t属单位不可控因素；将于2024年3月底前完成改造。",
        "\t\t\t培训场次\t≥10次\t10次\t50\t50\t",
        "总分\t\t\t\t\t\t100\t97.5\t",
    )
    [form] = read_forms_from_text(text, "cut.txt")
    assert [i.name for i in form.indicators] == ["改造公厕数量", "培训场次"] and form.warnings == []
    assert form.indicators[0].explanation == (
        "2座公厕用地手续于2023年12月才取得，属单位不可控因素；将于2024年3月底前完成改造。"
    )


def test_a_text_score_under_sichuans_three_value_columns_does_not_shift_the_row():
    # 指标性质/指标值/度量单位: a row shifted left would put the name under 指标性质 and the
    # value under 度量单位 to bring its numbers under 权重 and 得分.
    text = _form(
        "项目名称\t工资性支出",
        "绩效指标（90分）\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析",
        "\t产出指标\t数量指标\t足额保障率\t=\t100\t%\t100\t45\t45\t",
        "\t效益指标\t经济效益指标\t结余率（结余数/预算数）\t≤\t5\t%\t1.2\t45\t待评\t",
        "合计\t\t\t\t\t\t\t\t90\t45\t",
    )
    [form] = read_forms_from_text(text, "sichuan.txt")
    row = form.indicators[1]
    assert (row.level1, row.level2, row.name) == ("效益指标", "经济效益指标", "结余率（结余数/预算数）")
    assert (row.target, row.actual, row.weight, row.score) == ("≤5%", "1.2%", Decimal(45), None)
    assert [w.message for w in form.warnings] == ["score '待评' is not a number"]


def test_hubeis_indicator_label_on_a_row_of_its_own_gives_the_indicators_weight():
    # Word to PDF prints Hubei's label merged down beside the table as a row above its header.
    text = _form(
        "项目名称\t档案专项经费",
        "预算执行情况（20分）\t预算数（A）\t执行数（B）\t执行率（B/A）\t得分",
        "年度资金总额\t12\t11.4\t95%\t19",
        "年度绩效指标（80分）",
        "一级指标\t二级指标\t三级指标\t年初目标值（A）\t实际完成值（B）\t分值\t得分",
        "产出指标\t数量指标\t档案数字化扫描\t≥20万页\t20万页\t80\t80",
        "总分\t\t\t\t\t100\t99",
    )
    [form] = read_forms_from_text(text, "hubei.txt")
    assert form.indicators_weight == 80 and form.funds.total.executed == Decimal("11.4")
    assert form.warnings == []


def test_amounts_in_another_unit_than_the_tables_are_said_not_read():
    text = _form(
        "项目名称\t测试项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t3,200,000.00元\t3,500,000.00元\t3,157,000.00元\t10\t90.20%\t9.02",
        HEADER,
        "\t产出指标\t数量指标\t培训场次\t≥10次\t10次\t90\t90\t",
        "总分\t\t\t\t\t\t100\t99.02\t",
    )
    [form] = read_forms_from_text(text, "units.txt")
    assert form.funds.total.executed is None and form.funds.total.rate == Decimal("90.20")
    assert [(w.line, w.message) for w in form.warnings] == [
        (3, "amounts not read, not numbers in the table's unit (万元): 3,200,000.00元, 3,500,000.00元, 3,157,000.00元")
    ]


def test_excel_tab_text_with_quoted_cells_holding_line_breaks():
    # Excel's "Unicode 文本" and "文本文件(制表符分隔)" quote a cell with a line break, and double
    # a quote inside it.
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        '\t"产出指标\n（50分）"\t数量指标\t保洁公厕座数\t≥120座\t118座\t50\t49.17\t"2座公厕拆除，属""不可控""因素；',
        '改进措施：年初核对拆迁计划。"',
        "\t\t\t培训场次\t≥10次\t10次\t50\t50\t",
        "总分\t\t\t\t\t\t100\t99.17\t",
    )
    [form] = read_forms_from_text(text, "excel.txt")
    first, second = form.indicators
    assert (first.level1, first.name, first.score) == ("产出指标", "保洁公厕座数", Decimal("49.17"))
    assert first.explanation == '2座公厕拆除，属"不可控"因素；改进措施：年初核对拆迁计划。'
    assert (first.line, second.line, second.level1, form.total.line) == (3, 6, "产出指标", 7) and form.warnings == []


def test_a_quote_typed_at_the_start_of_a_cell_is_text():
    text = _form(
        "项目名称\t测试项目",
        HEADER,
        '\t产出指标\t数量指标\t"十四五"规划项目数\t≥10个\t10个\t100\t100\t',
        "总分\t\t\t\t\t\t100\t100\t",
    )
    [form] = read_forms_from_text(text, "typed.txt")
    assert [i.name for i in form.indicators] == ['"十四五"规划项目数'] and form.total.score == 100


def test_a_project_name_before_the_forms_that_starts_no_form_is_said_and_the_forms_are_read():
    # A cover page's table, or a sentence of the report that begins with 项目名称.
    cover = (
        "项目支出绩效自评报告\n项目名称\t社区公共服务能力提升项目\n报送单位\t某县民政局\n"
        "项目名称为社区公共服务能力提升项目。\n"
    )
    text = cover + SEED_001.read_text(encoding="utf-8")
    forms = read_forms_from_text(text, "report.txt", "tabular")
    assert [f.project for f in forms] == [f.project for f in read_forms(str(SEED_001))]
    assert [(w.line, w.message) for w in forms[0].warnings[-2:]] == [
        (2, "a 项目名称 starts no form here: no indicator table found (no 一级指标/三级指标 header)"),
        (4, "a 项目名称 starts no form here: no indicator table found (no 一级指标/三级指标 header)"),
    ]
    with pytest.raises(InputError, match="no indicator table found"):
        read_forms_from_text(cover, "cover.txt", "tabular")  # nothing else: the file is not read
