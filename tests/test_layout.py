"""The reader of text laid out by spaces (pdftotext -layout): the rules it reads a table by, on a
small table written out by hand."""

from __future__ import annotations

from reviewer.readers.layout import layout_grid, looks_laid_out
from reviewer.readers.layout import read as read_layout

COLUMNS = (0, 9, 19, 37, 49, 61, 67, 74)  # 一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因


def line(*cells: str, at: tuple[int, ...] = COLUMNS) -> str:
    """A line with each cell at its column's place, as pdftotext -layout prints one."""
    out = ""
    for column, text in zip(at, cells):
        if text:
            out = out.ljust(column) + text
    return out


TABLE = "\n".join(
    [
        line("项目支出绩效自评表", at=(20,)),
        line("（2024 年度）", at=(22,)),
        line("项目名称", "示例项目", at=(0, 12)),
        line("一级指", "二级指", "三级指标", "年度指", "实际完", "分", "得", "偏差原因分析及改进措施"),
        line("标", "标", "", "标值", "成值", "值", "分"),
        line("产出指", "数量指", "培训场次", "12 次", "10 次", "20.0", "16.0", "两场因疫情取消，已于次年"),
        line("标(50", "标", "", "", "", "0", "0", "补办。"),
        line("分)", "", "培训人数", "≥300 人", "320 人", "30", "30"),
        line("效益指", "社会效", "群众满意度", "≥90%", "95%", "50", "50"),
        line("标(50", "益指标"),
        line("分)"),
        line("总分", "", "", "", "", "100", "96"),
        line("注：本表金额单位为万元。"),
    ]
)


def test_laid_out_text_is_told_from_text_in_reading_order():
    assert looks_laid_out(TABLE)
    assert not looks_laid_out("项目名称 示例项目\n一级指标 二级指标 三级指标\n" * 6)


def test_a_laid_out_table_becomes_rows_of_cells_under_its_header():
    grid = dict(layout_grid(TABLE))
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert grid[4] == header
    # A row is its first line and the lines below it; a number cut over two lines is one ("20.0" "0").
    assert grid[6] == [
        "产出指标(50分)",
        "数量指标",
        "培训场次",
        "12次",
        "10次",
        "20.00",
        "16.00",
        "两场因疫情取消，已于次年补办。",
    ]
    assert grid[8][2:] == ["培训人数", "≥300人", "320人", "30", "30", ""]  # "分)" went back to its category
    assert grid[9][:2] == ["效益指标(50分)", "社会效益指标"]
    assert grid[12][0] == "总分" and grid[12][-3:-1] == ["100", "96"]
    assert grid[13] == ["注：本表金额单位为万元。"]


def test_an_amount_cut_inside_a_group_of_thousands_is_one_amount():
    # A funds table ruled only across: "1,430.80" wrapped as "1,43" over "0.80" read 143.
    at = (0, 14, 26, 38, 50, 56, 64)
    funds = "\n".join(
        [
            line("项目名称", "示例项目", at=(0, 12)),
            line("项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", at=at),
            line("年度资金总额", "1,43", "1,500.00", "1,430.10", "10", "95.3", "9.53", at=at),
            line("", "0.80", "", "", "", "4%", at=at),
        ]
    )
    grid = dict(layout_grid(funds))
    assert grid[3] == ["年度资金总额", "1,430.80", "1,500.00", "1,430.10", "10", "95.34%", "9.53"]


def test_a_laid_out_form_reads_with_a_warning_to_check_it():
    [form] = read_layout(TABLE, "form.txt")
    assert [(row.name, row.weight, row.score) for row in form.indicators] == [
        ("培训场次", 20, 16),
        ("培训人数", 30, 30),
        ("群众满意度", 50, 50),
    ]
    assert [s.weight for s in form.sections] == [50, 50] and form.total.score == 96
    assert form.notes == ["注：本表金额单位为万元。"]
    assert form.warnings[0].message.startswith("read from text laid out by spaces")


# The same kind of table drawn with each cell's text centred vertically (what Excel and WPS print,
# and what OCR of a scanned form gives back): a row's numbers are on its middle line, a taller
# cell's lines spread above and below them, lines of two columns interleave, and a category's
# name is centred on the rows of its merged cell.
CENTRED = [
    line("一级指", "二级指", "三级指标", "年度指", "实际完", "分", "得", "偏差原因分析及改进措施"),
    line("标", "标", "", "标值", "成值", "值", "分"),
    line("", "", "", "", "", "", "", "两场因疫情取消，已于"),
    line("", "数量指标", "培训场次", "12次", "10次", "20", "16"),
    line("", "", "", "", "", "", "", "次年补办。"),
    line("", "", "", "", "", "", "", "延期一个月，"),
    line("", "", "", "2024年6月"),
    line("产出指标", "时效指标", "完成时间", "", "2024年7月", "10", "8", "已督促施工"),
    line("", "", "", "底前"),
    line("", "", "", "", "", "", "", "单位。"),
    line("", "质量指标", "验收合格率", "100%", "100%", "20", "20"),
    line("", "社会效"),
    line("效益指标", "", "群众满意度", "≥90%", "95%", "50", "50"),
    line("", "益指标"),
    line("总分", "", "", "", "", "100", "94"),
]


def test_a_centred_cell_is_the_row_its_lines_are_centred_on():
    assert layout_grid("\n".join(CENTRED))[1:] == [
        (3, ["产出指标", "数量指标", "培训场次", "12次", "10次", "20", "16", "两场因疫情取消，已于次年补办。"]),
        (6, ["", "时效指标", "完成时间", "2024年6月底前", "2024年7月", "10", "8", "延期一个月，已督促施工单位。"]),
        (11, ["", "质量指标", "验收合格率", "100%", "100%", "20", "20", ""]),
        (12, ["效益指标", "社会效益指标", "群众满意度", "≥90%", "95%", "50", "50", ""]),
        (15, ["总分", "", "", "", "", "100", "94", ""]),
    ]


FUNDS_AT = (5, 24, 34, 44, 54, 60, 68)  # row label, 年初预算数 … 得分


def test_a_centred_form_reads_its_funds_rows_beside_a_corner_cell_printed_lower():
    # 项目资金（万元）, merged down beside the funds rows, is centred on them, not on the header's line.
    text = "\n".join(
        [
            line("项目支出绩效自评表", at=(20,)),
            line("（2024 年度）", at=(22,)),
            line("项目名称", "示例项目", at=(0, 12)),
            line("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", at=FUNDS_AT),
            line("年度资金总额", "100.00", "120.00", "108.00", "10", "90.00%", "9.00", at=FUNDS_AT),
            line("项目资金"),
            line("其中：当年财政拨款", "100.00", "100.00", "90.00", "-", "90.00%", "-", at=FUNDS_AT),
            line("（万元）"),
            line("上年结转资金", "0.00", "20.00", "18.00", "-", "90.00%", "-", at=FUNDS_AT),
            *CENTRED,
        ]
    )
    [form] = read_layout(text, "form.txt")
    funds = form.funds
    assert [
        (r.initial_budget, r.adjusted_budget, r.executed, r.weight, r.rate, r.score)
        for r in (funds.total, funds.fiscal)
    ] == [
        (100, 120, 108, 10, 90, 9),
        (100, 100, 90, None, 90, None),
    ]
    assert (funds.carryover.adjusted_budget, funds.carryover.executed) == (20, 18)
    assert [(row.level1, row.level2, row.name, row.target, row.explanation) for row in form.indicators] == [
        ("产出指标", "数量指标", "培训场次", "12次", "两场因疫情取消，已于次年补办。"),
        ("产出指标", "时效指标", "完成时间", "2024年6月底前", "延期一个月，已督促施工单位。"),
        ("产出指标", "质量指标", "验收合格率", "100%", None),
        ("效益指标", "社会效益指标", "群众满意度", "≥90%", None),
    ]
    assert [w.message for w in form.warnings[1:]] == []
