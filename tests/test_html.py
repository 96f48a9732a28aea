"""Web pages: a form saved as HTML, and what web systems export as a "Word" or "Excel" file that
is a web page inside (a .doc or .xls of HTML, in GBK; Word's single file web page, .mht; a .docx
holding the page as an altChunk); and Excel's XML Spreadsheet 2003."""

from __future__ import annotations

import email.message
import re
import zipfile
from decimal import Decimal as D
from html import escape

import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms, read_forms_from_bytes
from reviewer.reports.readermessages import warning_message
from tests.conftest import run_cli

PAGE = """<html><head><meta charset="{charset}"><title>绩效自评导出</title>
<style>td {{ border: 1px solid }}</style><script>var form = "项目名称";</script></head><body>
<p align=center><b>项目支出绩效自评表</b></p><p align=center>（2024年度）</p>
<table border=1>
<tr><td>项目名称</td><td colspan=7>道路保洁项目</td></tr>
<tr><td>主管部门</td><td colspan=3>某区城市管理局</td><td>实施单位</td><td colspan=3>某区环卫所</td></tr>
<tr><td rowspan=2>项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td>
  <td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td>年度资金总额：</td><td>500.00</td><td>500.00</td><td>486.30</td><td>10</td><td>97.26%</td><td>9.73</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th>
  <th>偏差原因分析及改进措施</th></tr>
<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>保洁道路面积</td><td>120万平方米</td><td>126万平方米</td><td>30</td>
  <td>30</td><td></td></tr>
<tr><td>质量指标</td><td>道路保洁达标率</td><td>&ge;95%</td><td>96%</td><td>20</td><td>20</td><td>&nbsp;</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>群众投诉办结率</td><td>100%</td><td>97%</td><td>30</td><td>29</td>
  <td><p>年底集中投诉跨年办理，</p><p>已于次年1月办结。<br>下一年度提前安排人员。</p></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>市民满意度</td><td>90%</td><td>92%</td><td>10</td><td>10</td>
  <td><table><tr><td>无</td></tr></table></td></tr>
<tr><td colspan=5>总分</td><td>100</td><td>98.73</td><td></td></tr>
</table>
<p>填表人：张明　　填报日期：2025年3月15日</p></body></html>"""


def _indicators(form):
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.explanation) for i in form.indicators]


EXPECTED = [
    ("产出指标", "数量指标", "保洁道路面积", "120万平方米", "126万平方米", D(30), D(30), None),
    ("产出指标", "质量指标", "道路保洁达标率", "≥95%", "96%", D(20), D(20), None),
    (
        "效益指标",
        "社会效益指标",
        "群众投诉办结率",
        "100%",
        "97%",
        D(30),
        D(29),
        "年底集中投诉跨年办理，已于次年1月办结。下一年度提前安排人员。",
    ),
    ("满意度指标", "服务对象满意度指标", "市民满意度", "90%", "92%", D(10), D(10), "无"),
]


def test_a_form_saved_as_a_web_page_is_read_on_its_grid(tmp_path):
    path = tmp_path / "自评表.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    [form] = read_forms(str(path))
    assert (form.project, form.department, form.implementer, form.year) == (
        "道路保洁项目",
        "某区城市管理局",
        "某区环卫所",
        2024,
    )
    assert (form.funds.total.adjusted_budget, form.funds.total.executed, form.funds.total.score) == (
        D("500.00"),
        D("486.30"),
        D("9.73"),
    )
    assert _indicators(form) == EXPECTED
    assert (form.total.weight, form.total.score) == (D(100), D("98.73"))
    assert form.source.reader == "html" and form.indicators[0].location == "表1第6行"
    assert form.notes == ["填表人：张明填报日期：2025年3月15日"]


def test_an_excel_or_word_file_a_web_system_exported_as_a_web_page_is_read(tmp_path):
    # An .xls or .doc that is HTML in GBK: what many systems give for 导出Excel / 导出Word.
    for name in ("导出.xls", "导出.doc"):
        (tmp_path / name).write_bytes(PAGE.format(charset="gbk").encode("gbk"))
        [form] = read_forms(str(tmp_path / name))
        assert _indicators(form) == EXPECTED, name
    assert run_cli("check", str(tmp_path), "--format", "json").returncode == 0  # the folder's .xls and .doc


def test_a_single_file_web_page_is_read():
    message = email.message.EmailMessage()
    message["MIME-Version"] = "1.0"
    message.set_content(PAGE.format(charset="gb2312"), subtype="html", charset="gb18030", cte="quoted-printable")
    message.make_related()
    data = message.as_bytes()
    assert data.startswith(b"MIME-Version") and b"multipart/related" in data[:200]
    [form] = read_forms_from_bytes(data, "自评表.mht")
    assert _indicators(form) == EXPECTED


def test_a_web_page_without_a_table_is_one_error():
    with pytest.raises(InputError, match="the web page has no table"):
        read_forms_from_bytes("<html><body><p>项目名称：道路保洁项目</p></body></html>".encode(), "x.html", "html")


HIDDEN_ROW = (
    "<tr style='display:none'><td></td><td>测算</td><td>（隐藏的测算行）</td><td>1</td><td>1</td><td>1</td>"
    "<td>1</td><td></td></tr>\n"
)


@pytest.mark.parametrize("hidden_by", ["col", "cells"])
def test_rows_and_columns_the_page_hides_are_not_read_and_the_form_says_so(hidden_by):
    # Excel saves a hidden row as <tr style='display:none'>, a hidden column as a <col> and cells
    # display:none; neither is on the page a person reads.
    def note(cells: str) -> str:
        style = " style='display:none'" if hidden_by == "cells" else ""
        return cells.replace("</tr>", f"<td{style}>内部测算：不公开</td></tr>", 1)

    lines = PAGE.format(charset="utf-8").split("\n")
    lines = [note(line) if line.startswith("<tr><td") and "指标" in line else line for line in lines]
    page = "\n".join(lines).replace("<tr><td>效益指标", HIDDEN_ROW + "<tr><td>效益指标")
    if hidden_by == "col":
        page = page.replace("<table border=1>", "<table border=1><colgroup><col span=8><col style='display:none'>")
    [form] = read_forms_from_bytes(page.encode(), "自评表.html")
    assert _indicators(form) == EXPECTED
    assert [w.message for w in form.warnings][:1] == ["hidden on the page, not read: 表1第9列, 表1第8行"]
    assert warning_message(form.warnings[0].message, "zh") == "网页中隐藏、未读取的内容：表1第9列, 表1第8行"
    assert "内部测算" not in form.model_dump_json()


def test_text_a_style_hides_inside_a_cell_is_not_read():
    hidden = "<span style='display:none;mso-hide:all'>旧的说明<span>（已删除）</span></span>"
    page = PAGE.format(charset="utf-8").replace("<p>年底集中投诉跨年办理，", f"<p>年底集中{hidden}投诉跨年办理，")
    [form] = read_forms_from_bytes(page.encode(), "自评表.html")
    assert _indicators(form) == EXPECTED and not form.warnings


@pytest.mark.parametrize("label", ["", "<td>绩效自评</td>"])
def test_a_form_laid_out_inside_an_outer_table_is_read_as_the_page(label):
    page = PAGE.format(charset="utf-8")
    body = page[page.index("<body>") + 6 : page.index("</body>")]
    framed = page.replace(body, f"<table width='100%'><tr>{label}<td>{body}</td></tr></table>")
    [form] = read_forms_from_bytes(framed.encode(), "自评表.html")
    assert _indicators(form) == EXPECTED
    assert (form.project, form.year, form.indicators[0].location) == ("道路保洁项目", 2024, "表2第6行")


def test_a_footer_written_before_the_body_is_read_below_it():
    # HTML 4 wrote <tfoot> before <tbody>; a browser draws it under the body. Read in source
    # order, the 总分 row ended the table and every indicator below it became a note.
    page = PAGE.format(charset="utf-8")
    total = "<tr><td colspan=5>总分</td><td>100</td><td>98.73</td><td></td></tr>"
    page = page.replace(total, "").replace("<tr><th>一级指标", f"<tfoot>{total}</tfoot><tbody><tr><th>一级指标")
    page = page.replace("</table>\n<p>填表人", "</tbody></table>\n<p>填表人")
    [form] = read_forms_from_bytes(page.encode(), "自评表.html")
    assert _indicators(form) == EXPECTED and (form.total.score, form.total.location) == (D("98.73"), "表1第10行")


def test_a_number_a_line_break_cuts_is_one_number_and_the_year_field_of_a_system_is_read():
    page = PAGE.format(charset="utf-8").replace("<td>486.30</td>", "<td>486.<br>30</td>")
    page = page.replace("<p align=center>（2024年度）</p>", "<div>评价年度：2024</div>")
    [form] = read_forms_from_bytes(page.encode(), "自评表.html")
    assert (form.year, form.funds.total.executed) == (2024, D("486.30")) and _indicators(form) == EXPECTED


def test_a_table_caption_is_read_as_the_title_above_it():
    page = PAGE.format(charset="utf-8").replace(
        "<p align=center><b>项目支出绩效自评表</b></p><p align=center>（2024年度）</p>", ""
    )
    page = page.replace("<table border=1>", "<table border=1><caption>项目支出绩效自评表<br>（2024年度）</caption>")
    [form] = read_forms_from_bytes(page.encode(), "自评表.html")
    assert form.year == 2024 and _indicators(form) == EXPECTED


def spreadsheet_2003(lines: list[list[str]], hidden_rows: set[int] = frozenset(), *, libreoffice: bool = False) -> str:
    """The table as Excel's XML Spreadsheet 2003 holds it: numbers typed as numbers in a style with
    two decimals, the 项目名称 value merged across seven cells, blanks left out with ss:Index.
    ``libreoffice``: as other producers write it: every element prefixed ss:, 产出指标 merged down
    over the row below and that row's cells without ss:Index (the merge's column is taken), a
    hidden working column 9, and 得分 9.73 as the 17-digit double it is, with no style."""
    tag = "ss:" if libreoffice else ""
    rows = []
    covered: set[tuple[int, int]] = set()
    for number, cells in enumerate(lines, 1):
        if libreoffice and number >= 8:
            cells = [*cells, *[""] * (8 - len(cells)), "测算：内部"]
        parts, expected = [], 1
        for column, text in enumerate(cells, 1):
            while (number, expected) in covered:
                expected += 1
            if not text:
                continue
            index = f' ss:Index="{column}"' if column != expected or not libreoffice else ""
            merge = ' ss:MergeAcross="6"' if text == "道路保洁项目" else ""
            if libreoffice and text == "产出指标":
                merge, covered = ' ss:MergeDown="1"', {(number + 1, column)}
            if libreoffice and text == "9.73":
                data = f'<{tag}Cell{index}><{tag}Data ss:Type="Number">9.7300000000000004</{tag}Data></{tag}Cell>'
            else:
                try:
                    float(text)
                    kind, style = "Number", ' ss:StyleID="s2"'
                except ValueError:
                    kind, style = "String", ""
                value = f'<{tag}Data ss:Type="{kind}">{escape(text)}</{tag}Data>'
                data = f"<{tag}Cell{index}{style}{merge}>{value}</{tag}Cell>"
            parts.append(data)
            expected = column + 1
        hidden = ' ss:Hidden="1"' if number in hidden_rows else ""
        rows.append(f'<{tag}Row ss:Index="{number}"{hidden}>{"".join(parts)}</{tag}Row>')
    columns = (
        f'<{tag}Column ss:Width="60" ss:Span="7"/><{tag}Column ss:Index="9" ss:Hidden="1"/>' if libreoffice else ""
    )
    default_namespace = "" if libreoffice else 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    return (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        f"<{tag}Workbook {default_namespace}"
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<{tag}Styles><{tag}Style ss:ID="s2"><{tag}NumberFormat ss:Format="Fixed"/></{tag}Style></{tag}Styles>'
        f'<{tag}Worksheet ss:Name="说明"><{tag}Table><{tag}Row><{tag}Cell><{tag}Data ss:Type="String">填表说明'
        f"</{tag}Data></{tag}Cell></{tag}Row></{tag}Table>"
        f"<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions></{tag}Worksheet>"
        f'<{tag}Worksheet ss:Name="自评表"><{tag}Table>{columns}{"".join(rows)}</{tag}Table></{tag}Worksheet>'
        f"</{tag}Workbook>"
    )


LINES = [
    ["项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "道路保洁项目"],
    ["主管部门", "某区城市管理局", "", "", "实施单位", "某区环卫所"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额：", "500", "500", "486.3", "10", "97.26%", "9.73"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "保洁道路面积", "120万平方米", "126万平方米", "30", "30"],
    ["", "质量指标", "道路保洁达标率", "≥95%", "96%", "20", "20"],
    ["", "测算", "（隐藏的测算行）", "1", "1", "1", "1"],
    [
        "效益指标",
        "社会效益指标",
        "群众投诉办结率",
        "100%",
        "97%",
        "30",
        "29",
        "年底集中投诉跨年办理，已于次年1月办结。",
    ],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "90%", "92%", "10", "10"],
    ["总分", "", "", "", "", "100", "98.73"],
]


def test_an_xml_spreadsheet_2003_export_is_read_as_excel_shows_it(tmp_path):
    path = tmp_path / "导出.xls"  # as web systems name it
    path.write_text(spreadsheet_2003(LINES, hidden_rows={10}), encoding="utf-8")
    [form] = read_forms(str(path))
    assert form.source.reader == "xml2003" and form.source.path == f"{path}[自评表]"
    assert (form.project, form.year, form.funds.total.adjusted_budget, form.funds.total.executed) == (
        "道路保洁项目",
        2024,
        D("500.00"),
        D("486.30"),
    )
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [
        ("保洁道路面积", D(30), D("30.00")),
        ("道路保洁达标率", D(20), D("20.00")),
        ("群众投诉办结率", D(30), D("29.00")),
        ("市民满意度", D(10), D("10.00")),
    ]
    assert [w.message for w in form.warnings] == [
        "sheet '说明' is hidden: not read",
        "hidden on the sheet, not read: 1 row with content (10)",
    ]


def test_an_xml_spreadsheet_2003_from_another_producer_is_read_on_its_grid(tmp_path):
    path = tmp_path / "导出.xml"
    path.write_text(spreadsheet_2003(LINES, hidden_rows={10}, libreoffice=True), encoding="utf-8")
    [form] = read_forms(str(path))
    assert form.source.reader == "xml2003" and form.funds.total.score == D("9.73")
    assert [(i.level1, i.level2, i.name, i.explanation) for i in form.indicators] == [
        ("产出指标", "数量指标", "保洁道路面积", None),
        ("产出指标", "质量指标", "道路保洁达标率", None),
        ("效益指标", "社会效益指标", "群众投诉办结率", "年底集中投诉跨年办理，已于次年1月办结。"),
        ("满意度指标", "服务对象满意度指标", "市民满意度", None),
    ]
    assert [w.message for w in form.warnings] == [
        "sheet '说明' is hidden: not read",
        "hidden on the sheet, not read: 1 row with content (10) and 1 column with content (I)",
    ]


def test_a_word_file_holding_the_form_as_a_web_page_is_read(tmp_path):
    # What some web systems export as Word: a .docx whose body is one w:altChunk, an HTML part
    # that Word converts when it opens the file.
    import docx

    path = tmp_path / "导出.docx"
    docx.Document().save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    chunk = '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdForm"/>'
    parts["word/document.xml"] = re.sub(
        rb"<w:body>.*?(<w:sectPr)", f"<w:body>{chunk}\\1".encode(), parts["word/document.xml"], flags=re.S
    )
    relationship = (
        '<Relationship Id="rIdForm" Target="form.htm" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"/></Relationships>'
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", relationship.encode()
    )
    parts["word/form.htm"] = PAGE.format(charset="utf-8").encode("utf-8")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    [form] = read_forms(str(path))
    assert _indicators(form) == EXPECTED and form.project == "道路保洁项目"
