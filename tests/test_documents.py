"""Word and PDF files: the grids their readers take from them (merged cells, wrapped text,
locations, tables cut by page breaks), the forms those grids read as, and the files that cannot
be read. The fixtures in tests/documents/ were written by python-docx and printed to PDF by
LibreOffice (tests/documents/make_documents.py); the tests need neither LibreOffice nor network."""

from __future__ import annotations

import functools
import io
import os
import re
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.form.serialize import dumps
from reviewer.readers import read_forms, read_forms_from_bytes
from reviewer.readers.grid import GridRow, as_grid, join_paragraphs, join_wrapped, read_rows
from tests.conftest import FORMS, untranslated
from tests.documents.expected import SIGN_OFF, TEXT_FORMS, blank, canonical, expected_json, golden_forms

# python-docx and pdfplumber come with the package; where they are missing the tests are
# skipped, unless CI is set (as the browser test does with Chromium).
if not os.environ.get("CI"):
    pytest.importorskip("docx")
    pytest.importorskip("pdfplumber")

from reviewer.readers import docx as docx_reader
from reviewer.readers import pdf as pdf_reader

DOCUMENTS = Path(__file__).resolve().parent / "documents"
BAD = DOCUMENTS / "bad"
FIXTURES = sorted(
    p.name
    for p in DOCUMENTS.iterdir()
    if p.suffix in (".docx", ".pdf") and not (p.name.startswith("plain_") and p.suffix == ".pdf")
)


@functools.cache
def _grid(name: str) -> list[GridRow]:
    """A fixture's grid, read once for all the tests (a PDF page takes a quarter of a second)."""
    reader = docx_reader if name.endswith(".docx") else pdf_reader
    return reader.document_grid(str(DOCUMENTS / name))


@pytest.mark.parametrize("name", FIXTURES)
def test_every_document_reads_as_the_form_it_was_written_from(name):
    layout, source = Path(name).stem.split("_", 1)
    forms = read_rows(_grid(name), str(DOCUMENTS / name), Path(name).suffix[1:])
    assert untranslated(forms) == []
    for form in forms if source in TEXT_FORMS else []:
        form.warnings = []
    assert canonical(forms, layout) == expected_json(name)


@pytest.mark.parametrize("name", ["mof_001.docx", "weights-first_001.docx", "continued_001.docx"])
def test_python_docx_gives_the_writer_the_rows_the_reader_reads(name):
    path = str(DOCUMENTS / name)
    assert docx_reader.body_grid(docx_reader.open_document(path), path) == _grid(name)


def test_a_document_is_read_through_its_grid():
    path = str(DOCUMENTS / "mof_pdf_mof2020.docx")
    assert dumps(docx_reader.read(path)) == dumps(read_rows(_grid("mof_pdf_mof2020.docx"), path, "docx"))
    [form] = read_forms(str(DOCUMENTS / "mof_pdf_mof2020.pdf"))  # found by its content
    assert form.source.reader == "pdf" and form.project == "图书馆古籍数字化项目"


@pytest.fixture(scope="module")
def mof_docx() -> list[GridRow]:
    return _grid("mof_001.docx")


@pytest.fixture(scope="module")
def mof_pdf() -> list[GridRow]:
    return _grid("mof_001.pdf")


def _row(rows: list[GridRow], first: str, nth: int = 0) -> GridRow:
    return [row for row in rows if any(first == cell for cell in row.cells)][nth]


def test_a_docx_grid_is_the_documents_paragraphs_and_table_rows_in_order(mof_docx):
    assert [row.cells for row in mof_docx[:2]] == [["市本级项目支出绩效自评表"], ["（2024年度）"]]
    assert [row.location for row in mof_docx[:3]] == [None, None, "表1第1行"]
    assert [row.line for row in mof_docx] == list(range(1, len(mof_docx) + 1))
    assert as_grid(mof_docx[:1]) == [(1, ["市本级项目支出绩效自评表"])]
    # Each form is one table; the three forms are tables 1 to 3.
    assert _row(mof_docx, "项目名称", 2).location == "表3第1行"
    notes = _row(mof_docx, "附件")
    assert notes.location is None and notes.cells == ["附件"]


def test_a_docx_merged_cell_is_in_its_first_position_and_empty_where_it_covers(mof_docx):
    header = _row(mof_docx, "项目名称")
    assert header.cells == ["项目名称", "", "", "公积金管理业务费用项目"] + [""] * 7  # across
    funds = _row(mof_docx, "项目资金（万元）")  # two columns across, five rows down
    below = mof_docx[mof_docx.index(funds) + 1]
    assert below.cells[:4] == ["", "", "年度资金总额：", ""]
    first = _row(mof_docx, "产出指标(50分)")
    second = mof_docx[mof_docx.index(first) + 1]
    assert first.cells[:3] == ["", "产出指标(50分)", "数量指标"] and first.location == "表1第11行"
    assert second.cells[:4] == ["", "", "", "指标2:组织职工培训、印刷业务"]  # 一级 and 二级 merged down


def test_a_docx_cells_paragraphs_are_joined(mof_docx):
    assert _row(mof_docx, "年度总体目标").cells[:2] == ["年度总体目标", "预期目标"]  # "年度" "总体" "目标"
    assert _row(mof_docx, "绩效指标").cells[:2] == ["绩效指标", "一级指标"]


def test_a_pdf_grid_lays_each_table_on_its_columns(mof_pdf):
    assert [row.cells for row in mof_pdf[:2]] == [["市本级项目支出绩效自评表"], ["（2024年度）"]]
    assert [row.location for row in mof_pdf[:3]] == ["第1页", "第1页", "第1页表1第1行"]
    header = _row(mof_pdf, "项目名称")
    assert header.cells[:4] == ["项目名称", "", "", "公积金管理业务费用项目"] and not any(header.cells[4:])
    first = _row(mof_pdf, "产出指标(50分)")
    second = mof_pdf[mof_pdf.index(first) + 1]
    assert second.cells[1:3] == ["", ""] and second.cells[3] == "指标2:组织职工培训、印刷业务"
    # The column headers sit on the same columns as the values under them.
    titles = _row(mof_pdf, "一级指标").cells
    assert first.cells[titles.index("分值")] == "4" and first.cells[titles.index("年度指标值")] == "12次"


def test_a_pdf_cells_wrapped_lines_are_joined_without_spaces(mof_pdf):
    goals = mof_pdf[mof_pdf.index(_row(mof_pdf, "预期目标")) + 1]
    expected = next(cell for cell in goals.cells if cell.startswith("目标1"))
    assert expected == (
        "目标1:解决编制少,工作人员不足,内部聘用人员拟补工作人员。目标2:通过培训,增强职工服务意识,"
        "规范服务行为,更好服务职工。目标3:缴纳市中心及中宁、海原分中心办公楼水、电、暖、物业费等费用,"
        "确保办公场所各项设备正常使用。"
    )


def test_a_table_cut_by_a_page_break_goes_on_as_one_table():
    rows = _grid("shanghai_003.pdf")
    cut = next(i for i, row in enumerate(rows) if row.location == "第3页表1第1行")
    before, after = rows[cut - 1], rows[cut]
    assert before.location.startswith("第2页表1第") and after.line == before.line + 1
    assert len(after.cells) == len(before.cells)
    # Page numbers ("- 2 -" in the footer) are not rows.
    assert not any(row.cells == ["- 2 -"] for row in rows)


def test_a_header_row_repeated_on_the_next_page_is_read_once():
    rows = _grid("weights-first_003.pdf")
    headers = [row for row in rows if row.cells[:1] == ["一级指标"]]
    assert len(headers) == 9  # one per form, though the longest run over three pages
    locations = {row.location for row in rows}
    assert "第9页表1第2行" in locations and "第9页表1第1行" not in locations  # row 1: the header again


def test_a_form_split_into_two_tables_by_a_page_break_is_one_form():
    rows = _grid("weights-first_001.docx")
    assert _row(rows, "项目名称").location == "表1第1行" and _row(rows, "一级指标").location == "表2第1行"
    assert len(read_rows(rows, "weights-first_001.docx", "docx")) == 3


def test_notes_and_signatures_after_a_table_with_no_total_are_notes():
    [form] = docx_reader.read(str(DOCUMENTS / "weights-first_sichuan.docx"))
    assert form.total is None and form.notes == SIGN_OFF
    assert [i.name for i in form.indicators][-1] == "沿线群众满意度"


def test_a_pdf_with_no_ruled_table_is_read_by_the_columns_of_its_text():
    forms = pdf_reader.read(str(DOCUMENTS / "plain_003.pdf"))
    assert {form.source.reader for form in forms} == {"pdflayout"}
    assert canonical(forms, "plain") == expected_json("plain_003.pdf")


PDFTOTEXT = DOCUMENTS / "pdftotext"  # poppler's pdftotext of two fixtures, in its three modes


def test_pdftotext_layout_text_is_read_by_its_columns_and_says_to_check_them():
    from reviewer.readers.layout import CHECK_VALUES

    forms = read_forms(str(PDFTOTEXT / "mof_pdf_mof2020.layout.txt"))
    assert [form.source.reader for form in forms] == ["pdflayout"]
    assert forms[0].warnings[0].message == CHECK_VALUES  # the reader's guess reaches every report
    for form in forms:
        form.warnings = []
    assert canonical(forms, "mof") == expected_json("mof_pdf_mof2020.pdf")
    # A form of seed 001 in the shanghai layout: most rows, not all (pdftotext places the words
    # after a long Chinese cell a few columns right).
    golden = golden_forms("001")
    forms = read_forms(str(PDFTOTEXT / "shanghai_001.layout.txt"))
    assert [form.project for form in forms] == [form["project"] for form in golden]
    names = [row.name for form in forms for row in form.indicators]
    assert sum(row["name"] in names for form in golden for row in form["indicators"]) >= 45


@pytest.mark.parametrize("mode", ["default", "raw"])
def test_pdftotext_text_in_reading_order_is_one_error_that_says_what_to_do(mode):
    with pytest.raises(InputError) as caught:
        read_forms(str(PDFTOTEXT / f"mof_pdf_mof2020.{mode}.txt"))
    assert caught.value.message.endswith("check the PDF itself, or extract it with pdftotext -layout")


def test_each_row_read_keeps_its_place_in_the_document():
    [first, *_] = read_rows(_grid("mof_001.docx"), "mof_001.docx", "docx")
    assert first.funds.total.location == "表1第4行" and first.indicators[0].location == "表1第11行"
    assert first.total.location == "表1第30行"
    forms = read_rows(_grid("shanghai_003.pdf"), "shanghai_003.pdf", "pdf")
    assert forms[0].indicators[0].location == "第1页表1第11行"
    assert '"location": "第1页表1第11行"' in dumps(forms[0])
    assert '"location"' not in dumps(read_forms(str(FORMS / "tab_sichuan.txt")))  # known only for documents


def test_a_grid_error_names_the_place_in_the_document():
    rows = [GridRow(1, ["项目名称", "某项目"], "第1页表1第1行")]
    with pytest.raises(InputError) as caught:
        read_rows(rows, "form.pdf", "pdf")
    assert str(caught.value) == "form.pdf: 第1页表1第1行: no indicator table found (no 一级指标/三级指标 header)"


@pytest.mark.parametrize(
    ("name", "reader", "reason"),
    [
        ("corrupt.docx", docx_reader, "not a readable .docx document (corrupt or not a zip file)"),
        ("no_table.docx", docx_reader, "no form table: the document has no table"),
        ("encrypted.pdf", pdf_reader, "encrypted PDF: it opens only with a password"),
        ("scanned.pdf", pdf_reader, "scanned PDF: no text layer; OCR it first"),
        ("corrupt.docx", pdf_reader, "not a PDF file"),
        ("legacy.doc", docx_reader, "not a readable .docx document"),
    ],
)
def test_a_document_that_cannot_be_read_is_one_error_naming_it(name, reader, reason):
    path = str(BAD / name)
    with pytest.raises(InputError) as caught:
        reader.read(path)
    assert caught.value.path == path and caught.value.message.startswith(reason)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("legacy.doc", "a Word .doc file (the binary format before 2007), which is not read: save it as .docx"),
        ("corrupt.docx", "not a readable .docx document (corrupt or not a zip file)"),
        ("encrypted.pdf", "encrypted PDF"),
    ],
)
def test_a_file_is_given_to_the_reader_its_content_calls_for(name, reason):
    with pytest.raises(InputError) as caught:
        read_forms(str(BAD / name))
    assert caught.value.message.startswith(reason)


@pytest.mark.parametrize(
    ("suffix", "reason"),
    [
        (".wps", "a WPS 文字 .wps document (Kingsoft's binary format), which is not read: in WPS Office save it"),
        (".et", "a WPS 表格 .et workbook (Kingsoft's binary format), which is not read: in WPS Office save it"),
    ],
)
def test_a_kingsoft_file_is_refused_with_the_way_to_save_it(tmp_path, suffix, reason):
    # WPS Office writes its .wps and .et files as the Word and Excel binaries: the name says which.
    source = BAD / ("legacy.doc" if suffix == ".wps" else "legacy.xls")
    path = tmp_path / f"自评表{suffix}"
    path.write_bytes(source.read_bytes())
    with pytest.raises(InputError) as caught:
        read_forms(str(path))
    assert caught.value.message.startswith(reason) and "soffice --headless --convert-to" in caught.value.message


def test_what_wps_office_wrote_is_told_by_its_streams():
    from reviewer.readers.files import OLE2_MAGIC, ole2_kind

    def ole2(*streams: str, extra: bytes = b"") -> bytes:
        return OLE2_MAGIC + b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams) + extra

    assert ole2_kind(ole2("WordDocument", "WpsCustomData"), "upload") == "wps"
    assert ole2_kind(ole2("Workbook", extra=b"KSOProductBuildVer"), "upload") == "et"
    assert ole2_kind(ole2("WordDocument", "WpsCustomData"), "saved-by-wps.doc") == "doc"  # a .doc all the same
    assert ole2_kind(ole2("Workbook"), "book.xls") == "xls"
    assert ole2_kind(ole2("EncryptedPackage"), "locked.docx") == "encrypted"


def test_a_legacy_xls_workbook_is_read_as_its_table(tmp_path):
    [form] = read_forms(str(BAD / "legacy.xls"))  # LibreOffice's .xls of tests/forms/tab_sichuan.txt
    assert form.source.reader == "xls" and form.source.path == f"{BAD / 'legacy.xls'}[Sheet]"
    assert canonical([form], "") == canonical(read_forms(str(FORMS / "tab_sichuan.txt")), "")
    (tmp_path / "cut.xls").write_bytes((BAD / "legacy.xls").read_bytes()[:3000])
    with pytest.raises(InputError, match="not a readable .xls workbook"):
        read_forms(str(tmp_path / "cut.xls"))


@pytest.mark.parametrize("name", ["csv_001.csv", "csv-semicolon_001.csv", "csv-gbk_001.csv", "xls_001.xls"])
def test_a_sheet_saved_as_csv_or_xls_reads_as_the_form_it_holds(name):
    # LibreOffice saved the workbook `reviewer check --format xlsx` wrote of seed 001: as .xls, and
    # its first form's sheet as CSV (cells as shown, a multi-line cell quoted).
    forms = read_forms(str(DOCUMENTS / name))
    assert {form.source.reader for form in forms} == {Path(name).suffix[1:]}
    golden = {form["project"]: form for form in golden_forms("001")}
    for form in forms:
        form.warnings = []  # they describe the file read: the seed's template rows are not in the sheet
        assert canonical([form], "") == dumps(blank({"forms": [golden[form.project] | {"warnings": []}]}, ""))


def test_a_csv_row_keeps_the_line_it_starts_on():
    [form] = read_forms(str(DOCUMENTS / "csv_001.csv"))
    lines = (DOCUMENTS / "csv_001.csv").read_text(encoding="utf-8").splitlines()
    for row in form.indicators:
        assert lines[row.line - 1].split(",")[2].strip('"').startswith(row.printed("name")[:8])


@pytest.mark.parametrize("name", ["mof_001.docx", "shanghai_001.pdf", "plain_003.pdf", "xls_001.xls", "csv_001.csv"])
def test_an_upload_is_read_as_its_file_is(name):
    import reviewer

    path = DOCUMENTS / name
    uploaded = reviewer.read(path.read_bytes(), name=f"上传/{name}")
    assert dumps(uploaded).replace(f"上传/{name}", str(path)) == dumps(read_forms(str(path)))


@pytest.mark.parametrize("name", ["encrypted.pdf", "scanned.pdf", "corrupt.docx", "legacy.doc"])
def test_an_upload_that_cannot_be_read_is_one_error_naming_it(name):
    import reviewer

    with pytest.raises(InputError) as caught:
        reviewer.read((BAD / name).read_bytes(), name=f"upload-{name}")
    with pytest.raises(InputError) as from_file:
        read_forms(str(BAD / name))
    assert caught.value.path == f"upload-{name}" and caught.value.message == from_file.value.message


def test_utf16_text_without_a_bom_is_read():
    original = read_forms(str(FORMS / "tab_sichuan.txt"))
    assert canonical(read_forms(str(BAD / "utf16le_nobom.txt")), "") == canonical(original, "")


def test_a_workbook_given_to_the_word_reader_is_one_error(tmp_path):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "book.xlsx")
    with pytest.raises(InputError) as caught:
        docx_reader.read(str(tmp_path / "book.xlsx"))
    assert caught.value.message == (
        "not a Word .docx document (an Office file of content type "
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml)"
    )


def test_a_truncated_pdf_is_one_error(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((DOCUMENTS / "mof_001.pdf").read_bytes()[:20000])
    with pytest.raises(InputError) as caught:
        pdf_reader.read(str(path))
    assert caught.value.message.startswith("not a readable PDF (damaged or truncated)")


def _flipped(data: bytes, start: int, count: int = 20) -> bytes:
    damaged = bytearray(data)
    for i in range(start, start + count):
        damaged[i] ^= 0xFF
    return bytes(damaged)


def _streams(data: bytes) -> tuple[list[int], list[int]]:
    """Where each stream's bytes begin, and where what follows each stream begins."""
    return [m.end() for m in re.finditer(rb"(?<!end)stream\r?\n", data)], [
        m.end() for m in re.finditer(rb"endstream\r?\n", data)
    ]


@pytest.mark.parametrize("damage", ["compressed bytes", "stream dictionary"])
def test_a_damaged_page_is_said_on_every_form_and_nothing_is_printed(damage, capsys):
    # pdfminer reads a content stream it cannot decompress, or whose dictionary it cannot read, as
    # empty, and says nothing: the first form's page, or the fourth, was lost without a word.
    data = (DOCUMENTS / "mof_001.pdf").read_bytes()
    starts, after = _streams(data)
    where = starts[0] + 40 if damage == "compressed bytes" else after[2] + 40  # page 1's text, page 4's
    forms = read_forms_from_bytes(_flipped(data, where), "mof_001.pdf", None)
    assert len(forms) == 2  # of 3
    said = "the PDF is damaged: 1 drawing instruction on its pages could not be followed"
    assert all(any(w.message.startswith(said) for w in form.warnings) for form in forms)
    assert untranslated(forms) == [] and capsys.readouterr().err == ""


def test_a_pdf_whose_page_tree_is_damaged_is_one_error():
    data = (DOCUMENTS / "mof_001.pdf").read_bytes()
    _, after = _streams(data)
    with pytest.raises(InputError) as caught:  # it raised again as pdfplumber closed the file: a traceback
        read_forms_from_bytes(_flipped(data, after[0] + 40), "mof_001.pdf", None)
    assert caught.value.message.startswith("cannot read the PDF's pages")


def test_a_docx_damaged_inside_its_zip_is_one_error(tmp_path):
    import zipfile

    data = (DOCUMENTS / "mof_001.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        member = package.getinfo("word/document.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra) + 200
    path = tmp_path / "damaged.docx"
    path.write_bytes(_flipped(data, start, 50))
    with pytest.raises(InputError) as caught:  # zlib.error, through reviewer.read
        read_forms(str(path))
    assert caught.value.message.startswith("not a readable .docx document (corrupt or not a zip file)")


def test_a_missing_document_is_one_error():
    for reader, name in ((docx_reader, "missing.docx"), (pdf_reader, "missing.pdf")):
        with pytest.raises(InputError, match="no such file"):
            reader.read(name)


def test_wrapped_lines_and_paragraphs_are_joined_as_text_reads():
    assert (
        join_wrapped(["保障本市住房公积金网站系统、住房公积", "金管理信息系统"])
        == "保障本市住房公积金网站系统、住房公积金管理信息系统"
    )
    assert join_wrapped(["4564.7", "4万元"]) == "4564.74万元"
    assert join_wrapped(["≥95.00", "(%)"]) == "≥95.00(%)"
    assert join_wrapped(["online", "service"]) == "online service"
    assert join_paragraphs(["年度", "总体", "目标"]) == "年度总体目标"
    assert join_paragraphs(["Phase 1", "Phase 2", ""]) == "Phase 1 Phase 2"


def _write_docx(path: Path, build) -> str:
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return str(path)


def test_a_nested_table_is_flattened_into_its_cell_and_a_frame_table_is_lifted(tmp_path):
    def build(document):
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "偏差原因"
        inner = outer.cell(0, 1).add_table(rows=2, cols=2)
        for (row, col), text in {(0, 0): "原因", (0, 1): "资金晚到", (1, 0): "措施", (1, 1): "提前申请"}.items():
            inner.cell(row, col).text = text
        frame = document.add_table(rows=1, cols=1)  # one cell holding the form's own table
        form = frame.cell(0, 0).add_table(rows=1, cols=3)
        for col, text in enumerate(("项目名称", "", "某项目")):
            form.cell(0, col).text = text

    rows = docx_reader.document_grid(_write_docx(tmp_path / "nested.docx", build))
    assert [(row.location, row.cells) for row in rows] == [
        ("表1第1行", ["偏差原因", "原因资金晚到措施提前申请"]),
        ("表3第1行", ["项目名称", "", "某项目"]),
    ]


def test_cells_before_a_rows_first_cell_are_empty_positions(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def build(document):
        table = document.add_table(rows=2, cols=3)
        for col, text in enumerate(("一级指标", "二级指标", "三级指标")):
            table.cell(0, col).text = text
        row = table.rows[1]._tr  # the row starts one grid column in: <w:gridBefore w:val="1"/>
        row.remove(row.tc_lst[0])
        before = OxmlElement("w:gridBefore")
        before.set(qn("w:val"), "1")
        row.get_or_add_trPr().append(before)
        table.rows[1].cells[0].text = "数量指标"

    rows = docx_reader.document_grid(_write_docx(tmp_path / "before.docx", build))
    assert rows[1].cells == ["", "数量指标", ""]
