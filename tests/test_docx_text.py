"""A Word cell's text as Word shows it: hidden runs, symbol-font characters, content controls
still showing their placeholder, text boxes, fields and phonetic guides; and a document saved as
Strict Open XML. Each test writes a small form with python-docx,
the cells in question as raw WordprocessingML, and reads it back."""

from __future__ import annotations

import zipfile
from decimal import Decimal as D
from html import escape

import docx
from docx.oxml import parse_xml

from reviewer.form.model import Form
from reviewer.readers import read_forms
from reviewer.readers.docx import document_grid

_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
TITLE = ("项目支出绩效自评表", "（2024年度）")
TABLE = [
    ["项目名称", "道路保洁项目", "", "", "", "", "", ""],
    ["主管部门", "某区城市管理局", "", "", "实施单位", "某区环卫所", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额：", "500.00", "500.00", "486.30", "10", "97.26%", "9.73"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "保洁道路面积", "120万平方米", "126万平方米", "50", "50", ""],
    ["效益指标", "社会效益指标", "群众投诉办结率", "100%", "97%", "30", "29", ""],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "90%", "92%", "10", "10", ""],
    ["总分", "", "", "", "", "100", "98.73", ""],
]
PROJECT, AREA, COMPLAINTS, SATISFACTION = 0, 5, 6, 7  # rows of TABLE
TARGET, ACTUAL, SCORE, EXPLANATION = 3, 4, 6, 7  # columns of an indicator row


def run(text: str, properties: str = "") -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def symbol(font: str, char: str) -> str:
    """A character put in with Insert > Symbol."""
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def control(content: str, placeholder: bool) -> str:
    """A content control around ``content`` (runs or paragraphs), showing its placeholder or not."""
    shows = "<w:showingPlcHdr/>" if placeholder else ""
    return f'<w:sdt><w:sdtPr><w:id w:val="7"/>{shows}<w:text/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def text_box(content: str) -> str:
    """A paragraph holding a text box as Word writes one: a DrawingML shape, and its VML copy for
    older readers."""
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
        '<wp:extent cx="9000000" cy="6000000"/><wp:docPr id="1" name="文本框 1"/><a:graphic>'
        f'<a:graphicData uri="{_NAMESPACES["wps"]}"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape id="文本框 1" type="#_x0000_t202"><v:textbox><w:txbxContent>{content}</w:txbxContent>'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def form_xml(cells: dict[tuple[int, int], str] | None = None, title: tuple[str, ...] = TITLE) -> str:
    """The form's title paragraphs and table; ``cells`` gives the paragraphs of some cells, by
    (row, column) of TABLE."""
    cells = cells or {}
    rows = "".join(
        "<w:tr>"
        + "".join(f"<w:tc>{cells.get((r, c)) or paragraph(run(text))}</w:tc>" for c, text in enumerate(row))
        + "</w:tr>"
        for r, row in enumerate(TABLE)
    )
    return "".join(paragraph(run(line)) for line in title) + f"<w:tbl>{rows}</w:tbl>"


def write(tmp_path, body: str, document=None) -> str:
    """A .docx whose body is ``body`` (paragraphs and tables), in ``document`` if given."""
    document = document or docx.Document()
    declared = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    end = document.element.body[-1]  # w:sectPr, which ends the body
    for block in list(parse_xml(f"<w:body {declared}>{body}</w:body>")):
        end.addprevious(block)
    path = str(tmp_path / "自评表.docx")
    document.save(path)
    return path


def read_form(tmp_path, body: str) -> Form:
    [form] = read_forms(write(tmp_path, body))
    return form


def test_hidden_text_is_not_read(tmp_path):
    hint = run("（填写说明：得分低于分值的，须写明偏差原因）", "<w:vanish/>")
    form = read_form(
        tmp_path,
        form_xml(
            {
                (AREA, SCORE): paragraph(run("8", '<w:vanish w:val="true"/>'), run("50")),
                (AREA, EXPLANATION): paragraph(hint),
                (COMPLAINTS, EXPLANATION): paragraph(hint) + paragraph(run("年底集中投诉跨年办理。")),
                (COMPLAINTS, ACTUAL): paragraph(run("97%", '<w:vanish w:val="0"/>')),  # vanish turned off
                (SATISFACTION, EXPLANATION): paragraph(run("说明", "<w:specVanish/>")),
            }
        ),
    )
    assert [(i.actual, i.score, i.explanation) for i in form.indicators] == [
        ("126万平方米", D(50), None),
        ("97%", D(29), "年底集中投诉跨年办理。"),
        ("92%", D(10), None),
    ]


def test_text_a_hidden_style_hides_is_not_read(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("HiddenHint", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    document.styles.add_style("HiddenNote", WD_STYLE_TYPE.PARAGRAPH).font.hidden = True
    shown = document.styles.add_style("ShownHint", WD_STYLE_TYPE.CHARACTER)
    shown.base_style, shown.font.hidden = document.styles["HiddenHint"], False
    hint = '<w:r><w:rPr><w:rStyle w:val="HiddenHint"/></w:rPr><w:t>（填写说明：须写明偏差原因）</w:t></w:r>'
    note = '<w:p><w:pPr><w:pStyle w:val="HiddenNote"/></w:pPr>' + run("（示例：因天气原因延期）") + "</w:p>"
    kept = '<w:r><w:rPr><w:rStyle w:val="ShownHint"/></w:rPr><w:t>下一年度提前安排人员。</w:t></w:r>'
    body = form_xml(
        {
            (AREA, EXPLANATION): paragraph(hint),
            (COMPLAINTS, EXPLANATION): note + paragraph(run("年底集中投诉跨年办理。"), kept),
        }
    )
    [form] = read_forms(write(tmp_path, body, document))
    assert [i.explanation for i in form.indicators] == [None, "年底集中投诉跨年办理。下一年度提前安排人员。", None]


def test_symbol_font_characters_read_as_their_unicode_characters(tmp_path):
    form = read_form(
        tmp_path,
        form_xml(
            {
                (AREA, TARGET): paragraph(symbol("Symbol", "F0B3"), run("120万平方米")),
                (COMPLAINTS, TARGET): paragraph(symbol("Symbol", "F0A3"), run("100%")),
                (SATISFACTION, TARGET): paragraph(symbol("SimSun", "2265"), run("90%")),  # a Unicode code
            }
        ),
    )
    assert [i.target for i in form.indicators] == ["≥120万平方米", "≤100%", "≥90%"]


def test_tick_boxes_in_wingdings_read_as_boxes(tmp_path):
    category = paragraph(
        run("项目类别："), symbol("Wingdings", "F0FE"), run("新增项目 "), symbol("Wingdings", "F0A8"), run("延续项目")
    )
    rows = document_grid(write(tmp_path, category + form_xml()))
    assert rows[0].cells == ["项目类别：☑新增项目 □延续项目"]


def test_a_content_control_showing_its_placeholder_reads_as_empty(tmp_path):
    placeholder = control(run("单击或点击此处输入文字。"), placeholder=True)
    form = read_form(
        tmp_path,
        form_xml(
            {
                (PROJECT, 1): paragraph(control(run("道路保洁项目"), placeholder=False)),
                (AREA, EXPLANATION): paragraph(placeholder),
                (COMPLAINTS, SCORE): paragraph(placeholder),
                (SATISFACTION, EXPLANATION): control(paragraph(run("单击或点击此处输入文字。")), placeholder=True),
            }
        ),
    )
    assert form.project == "道路保洁项目"
    assert [(i.score, i.explanation) for i in form.indicators] == [(D(50), None), (None, None), (D(10), None)]


def test_a_form_in_a_text_box_is_read_once(tmp_path):
    [form] = read_forms(write(tmp_path, text_box(form_xml())))
    assert (form.project, form.year) == ("道路保洁项目", 2024)
    assert [i.name for i in form.indicators] == ["保洁道路面积", "群众投诉办结率", "市民满意度"]


def test_a_title_in_a_text_box_gives_the_year(tmp_path):
    form = read_form(tmp_path, text_box(paragraph(run("2023年度项目支出绩效自评表"))) + form_xml(title=()))
    assert form.year == 2023


def test_a_title_printed_only_in_the_page_header_gives_the_year(tmp_path):
    path = write(tmp_path, form_xml(title=()))
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = "2024年度项目支出绩效自评表"
    document.save(path)
    [form] = read_forms(path)
    assert (form.project, form.year) == ("道路保洁项目", 2024)


def test_a_text_box_in_a_cell_is_that_cells_text(tmp_path):
    explanation = paragraph(run("原因：")) + text_box(paragraph(run("年底集中投诉跨年办理。")))
    form = read_form(tmp_path, form_xml({(COMPLAINTS, EXPLANATION): explanation}))
    assert form.indicators[1].explanation == "原因：年底集中投诉跨年办理。"


def table_xml(rows: list[list[str]]) -> str:
    cells = ("".join(f"<w:tc>{paragraph(run(text))}</w:tc>" for text in row) for row in rows)
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"


def test_the_indicator_table_nested_beside_a_label_cell_is_the_forms(tmp_path):
    # The indicator table laid in the right-hand cell of an outer table, "绩效指标" on its left; a
    # small table inside an explanation cell stays that cell's text.
    reason = table_xml([["原因", "年底集中投诉跨年办理"], ["措施", "次年一月办结"]]) + paragraph()
    rows = [row[:] for row in TABLE]
    indicators = "".join(
        "<w:tr>"
        + "".join(
            f"<w:tc>{reason if (r, c) == (COMPLAINTS, EXPLANATION) else paragraph(run(text))}</w:tc>"
            for c, text in enumerate(row)
        )
        + "</w:tr>"
        for r, row in enumerate(rows)
        if r > 3
    )
    label, frame = paragraph(run("绩效指标")), f"<w:tbl>{indicators}</w:tbl>{paragraph()}"
    outer = f"<w:tbl><w:tr><w:tc>{label}</w:tc><w:tc>{frame}</w:tc></w:tr></w:tbl>"
    form = read_form(tmp_path, "".join(paragraph(run(line)) for line in TITLE) + table_xml(rows[:4]) + outer)
    assert [(i.level1, i.name, i.score) for i in form.indicators] == [
        ("产出指标", "保洁道路面积", D(50)),
        ("效益指标", "群众投诉办结率", D(29)),
        ("满意度指标", "市民满意度", D(10)),
    ]
    assert form.indicators[1].explanation == "原因年底集中投诉跨年办理措施次年一月办结"
    assert form.total.score == D("98.73") and form.funds.total.executed == D("486.30") and form.warnings == []


def field(code: str, result: str) -> str:
    """A field as Word writes it: its code (instructions, and any field nested in them) between
    begin and separate, its result up to end."""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{code}'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def instructions(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{escape(text)}</w:instrText></w:r>'


def test_a_field_reads_as_its_result_and_a_field_in_its_code_does_not(tmp_path):
    # { IF { = 5*2 } > 9 "50" "0" } shows 50; the inner field's result, 10, is part of the code.
    nested = field(
        instructions(" IF ") + field(instructions(" = 5*2 "), run("10")) + instructions(' > 9 "50" "0" '), run("50")
    )
    form = read_form(
        tmp_path,
        form_xml(
            {
                (AREA, SCORE): paragraph(nested),
                (COMPLAINTS, SCORE): paragraph(field(instructions(" =SUM(ABOVE) "), run("29"))),
                (SATISFACTION, SCORE): f'<w:p><w:fldSimple w:instr=" = 10 ">{run("10")}</w:fldSimple></w:p>',
            }
        ),
    )
    assert [i.score for i in form.indicators] == [D(50), D(29), D(10)]


def test_the_pinyin_of_a_phonetic_guide_is_not_read(tmp_path):
    ruby = f"<w:r><w:ruby><w:rubyPr/><w:rt>{run('cè')}</w:rt><w:rubyBase>{run('厕')}</w:rubyBase></w:ruby></w:r>"
    form = read_form(tmp_path, form_xml({(PROJECT, 1): paragraph(run("公共"), ruby, run("所改造项目"))}))
    assert form.project == "公共厕所改造项目"


def test_the_year_of_a_title_set_wide_or_beside_the_date_it_was_filled_in(tmp_path):
    for year_line in ["（ 2 0 2 4 年 度 ）", "（2024年度）　　填报日期：2025年3月15日"]:
        assert read_form(tmp_path, form_xml(title=("项目支出绩效自评表", year_line))).year == 2024, year_line


def test_a_document_saved_as_strict_open_xml_is_read(tmp_path):
    path = write(tmp_path, form_xml())
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(strict, "w") as copy:
        for name in package.namelist():
            data = package.read(name)
            # Strict names the same elements in a namespace of its own.
            copy.writestr(
                name, data.replace(_NAMESPACES["w"].encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            )
    [form] = read_forms(str(strict))
    assert form.project == "道路保洁项目" and [i.score for i in form.indicators] == [D(50), D(29), D(10)]
