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
