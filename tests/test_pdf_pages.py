"""PDF pages that are turned: a form drawn through a rotation onto a page with /Rotate, and a form
a viewer rotated and saved sideways; pages with more on them than the form: a running header and
footer, a watermark and a stamp, fonts that give no text; and laid-out text with two values one
space apart. The pages are made in the test from a fixture of tests/documents with pypdfium2
(pdfplumber's own renderer), as a PDF editor turns a page or draws on it."""

from __future__ import annotations

import ctypes
import io
import math
import os
from decimal import Decimal
from pathlib import Path

import pytest

if not os.environ.get("CI"):
    pytest.importorskip("pdfplumber")

from reviewer.errors import InputError
from reviewer.readers import pdf as pdf_reader
from reviewer.readers.layout import layout_grid

DOCUMENTS = Path(__file__).resolve().parent / "documents"
PORTRAIT = str(DOCUMENTS / "mof_pdf_mof2020.pdf")  # one A4 page, printed by LibreOffice


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def drawn_turned(path: str, rotate: int) -> bytes:
    """The PDF with each page's content turned onto a mediabox on its side and /Rotate turning it
    back: it shows as before. The turn is by floats, as PDF libraries write it (cos 90° is 6e-17)."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(path)
    for page in document:
        width, height = page.get_size()
        cos, sin = math.cos(math.radians(rotate)), math.sin(math.radians(rotate))
        shift = (height, 0) if rotate == 90 else (0, width)
        matrix = pdfium.FS_MATRIX(cos, sin, -sin, cos, *shift)
        assert pdfium.FPDFPage_TransFormWithClip(page, ctypes.byref(matrix), None)
        pdfium.FPDFPage_SetMediaBox(page, 0, 0, height, width)
        pdfium.FPDFPage_SetCropBox(page, 0, 0, height, width)
        page.set_rotation(rotate)
    return _saved(document)


def shown_sideways(path: str) -> bytes:
    """The PDF with each page rotated 90° as a viewer saves it: /Rotate only, the text sideways."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    for page in document:
        page.set_rotation(90)
    return _saved(document)


def readings(forms) -> list[dict]:
    return [form.model_dump(mode="json", exclude={"source"}) for form in forms]


@pytest.fixture(scope="module")
def upright():
    return pdf_reader.read(PORTRAIT)


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_form_drawn_turned_on_a_rotated_page_reads_as_the_upright_page(upright, rotate):
    [form] = forms = pdf_reader.read("turned.pdf", drawn_turned(PORTRAIT, rotate))
    assert form.project == "图书馆古籍数字化项目"
    total = form.funds.total
    assert (total.initial_budget, total.adjusted_budget, total.executed, total.score) == (200, 180, 171, Decimal("9.5"))
    first = form.indicators[0]
    assert (first.name, first.target, first.actual, first.weight, first.score) == (
        "古籍数字化扫描页数",
        "≥5000(页)",
        "4600(页)",
        20,
        Decimal("18.4"),
    )
    assert readings(forms) == readings(upright)


def test_a_page_saved_sideways_is_read_upright(upright):
    forms = pdf_reader.read("sideways.pdf", shown_sideways(PORTRAIT))
    assert [form.project for form in forms] == ["图书馆古籍数字化项目"]
    assert readings(forms) == readings(upright)


def test_a_sideways_pdf_with_no_ruled_table_is_read_upright():
    plain = str(DOCUMENTS / "plain_003.pdf")
    forms = pdf_reader.read("sideways.pdf", shown_sideways(plain))
    assert {form.source.reader for form in forms} == {"pdflayout"}
    assert readings(forms) == readings(pdf_reader.read(plain))


MULTI_PAGE = str(DOCUMENTS / "mof_001.pdf")  # three forms on five pages, tables cut by page breaks


def drawn_over(path: str, texts) -> bytes:
    """The PDF with text drawn on each page over what it holds: ``texts(number, width, height)``
    gives (text, size, matrix, RGB colour) of each."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(path)
    font = pdfium.FPDFText_LoadStandardFont(document, b"Helvetica")
    for number, page in enumerate(document, 1):
        for text, size, matrix, colour in texts(number, *page.get_size()):
            drawn = pdfium.FPDFPageObj_CreateTextObj(document, font, size)
            encoded = (text + "\0").encode("utf-16-le")
            pdfium.FPDFText_SetText(drawn, ctypes.cast(ctypes.c_char_p(encoded), ctypes.POINTER(pdfium.FPDF_WCHAR)))
            pdfium.FPDFPageObj_Transform(drawn, *matrix)
            pdfium.FPDFPageObj_SetFillColor(drawn, *colour, 255)
            pdfium.FPDFPage_InsertObject(page, drawn)
        assert pdfium.FPDFPage_GenerateContent(page)
    return _saved(document)


@pytest.fixture(scope="module")
def multi_page():
    return pdf_reader.read(MULTI_PAGE)


def test_a_running_header_and_a_footer_with_the_page_number_do_not_cut_a_table(multi_page):
    def furniture(number, width, height):
        return [
            (f"Printed 2024-03-15 10:32   {number}/5", 8, (1, 0, 0, 1, width * 0.6, 20), (0, 0, 0)),
            ("ABC County Finance Bureau 2024-03-15", 8, (1, 0, 0, 1, 40, height - 25), (0, 0, 0)),
        ]

    forms = pdf_reader.read("furnished.pdf", drawn_over(MULTI_PAGE, furniture))
    assert readings(forms) == readings(multi_page)  # every row after each page break is read


def test_a_watermark_and_a_stamp_over_the_table_are_not_read_and_each_form_says_so(multi_page):
    turn = math.cos(math.radians(45)), math.sin(math.radians(45))

    def overlays(number, width, height):
        return [
            ("DRAFT COPY", 60, (turn[0], turn[1], -turn[1], turn[0], width * 0.25, height * 0.3), (190, 190, 190)),
            ("SEAL", 9, (1, 0, 0, 1, width * 0.55, height * 0.5), (220, 30, 30)),  # a stamp's red
        ]

    forms = pdf_reader.read("stamped.pdf", drawn_over(MULTI_PAGE, overlays))
    notes = [[w.message for w in form.warnings if "drawn over" in w.message] for form in forms]
    assert all(
        len(said) == 1 and said[0].endswith("characters drawn over the page not read: a stamp or watermark")
        for said in notes
    )
    for form in forms:
        form.warnings = [w for w in form.warnings if "drawn over" not in w.message]
    assert readings(forms) == readings(multi_page)


def stamp(x: float, y: float, radius: float = 36) -> list:
    """A seal as e-signature systems draw it in red text: a name round the upper arc, each
    letter turned along the circle (the middle ones nearly upright), a star and a word inside."""
    red = (220, 30, 30)
    name = "ABC COUNTY FINANCE BUREAU"
    drawn = []
    for i, letter in enumerate(name):
        angle = math.radians(200 - i * 220 / (len(name) - 1))
        turn = angle - math.pi / 2
        matrix = (math.cos(turn), math.sin(turn), -math.sin(turn), math.cos(turn))
        drawn.append((letter, 10, (*matrix, x + radius * math.cos(angle), y + radius * math.sin(angle)), red))
    return [*drawn, ("*", 18, (1, 0, 0, 1, x - 6, y - 4), red), ("SEAL", 9, (1, 0, 0, 1, x - 12, y - 20), red)]


def test_a_seal_drawn_as_text_over_the_form_is_not_read(multi_page):
    forms = pdf_reader.read(
        "sealed.pdf", drawn_over(MULTI_PAGE, lambda number, width, height: stamp(width * 0.6, height * 0.45))
    )
    for form in forms:
        form.warnings = [w for w in form.warnings if "drawn over" not in w.message]
    assert readings(forms) == readings(multi_page)


def recoloured(path: str, texts: set[str], colour: tuple[int, int, int]) -> bytes:
    """The PDF with the text objects that print one of ``texts`` filled in ``colour``."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        for drawn in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT]):
            size = pdfium.FPDFTextObj_GetText(drawn.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.FPDFTextObj_GetText(
                drawn.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium.FPDF_WCHAR)), size
            )
            if buffer.raw[: size - 2].decode("utf-16-le").strip() in texts:
                pdfium.FPDFPageObj_SetFillColor(drawn.raw, *colour, 255)
        assert pdfium.FPDFPage_GenerateContent(page)
    return _saved(document)


@pytest.mark.parametrize("colour", [(220, 30, 30), (180, 180, 180)], ids=["red", "grey"])
def test_text_the_agency_typed_in_red_or_grey_is_read(colour):
    # Agencies mark a lost point's score in red; a template prints its hints in grey.
    [before] = pdf_reader.read(PORTRAIT)
    deducted = {str(row.score) for row in before.indicators if row.score != row.weight}
    [form] = pdf_reader.read("marked.pdf", recoloured(PORTRAIT, deducted, colour))
    assert deducted and readings([form]) == readings([before])
    assert not [w.message for w in form.warnings if "drawn over" in w.message]


def turned_chars(text: str, x: float, top: float, upwards: bool, size: float = 9) -> list[dict]:
    """Characters as pdfplumber gives those of a cell whose text direction is turned: up the cell
    (Word's btLr: each turned counter-clockwise, the first at the bottom) or down it (tbRl)."""
    matrix = (0, 1, -1, 0) if upwards else (0, -1, 1, 0)
    chars = []
    for i, letter in enumerate(text):
        y = top + (len(text) - 1 - i if upwards else i) * size
        chars.append(
            {"text": letter, "matrix": matrix, "size": size, "x0": x, "x1": x + size, "top": y, "bottom": y + size}
        )
    return chars


@pytest.mark.parametrize("upwards", [True, False], ids=["btLr", "tbRl"])
def test_a_cell_whose_text_runs_up_or_down_reads_in_its_order(upwards):
    # A 一级指标 cell set vertically (文字方向) read "）分05（标指出产": characters in page order.
    column = turned_chars("产出指标（50分）", 100, 400, upwards)
    page_order = sorted(column, key=lambda char: char["top"])
    assert pdf_reader._CharsByMiddle(page_order).text_in((95, 395, 115, 600)) == "产出指标（50分）"


def test_a_vertical_cell_of_two_columns_reads_its_columns_in_order():
    first, second = turned_chars("效益指标", 120, 400, False), turned_chars("（30分）", 108, 400, False)
    text = pdf_reader._CharsByMiddle(first + second).text_in((100, 395, 140, 600))
    assert text == "效益指标\n（30分）"  # down the right column first, as vertical Chinese reads


def test_a_pdf_whose_fonts_give_no_text_is_refused_with_the_reason():
    # Without its ToUnicode map, a subset CJK font's characters come out as pdfminer's "(cid:N)".
    data = Path(PORTRAIT).read_bytes().replace(b"/ToUnicode", b"/ToUnicodX")
    with pytest.raises(InputError, match=r"fonts give no text for \d+ of its \d+ characters.*OCR it"):
        pdf_reader.read("unmapped.pdf", data)


# pdfplumber's layout text of a table with rules across only, its cells' text at their tops: a
# long date pushes 分值 and 得分 right, one space apart.
TOP_ALIGNED = """\
      绩效指标 一级指标  二级指标    三级指标      年度指标值    实际完成值   分值  得分  偏差原因分析及改进措施
                 质量指标    竣工验收合格率   100%     100%    10  10.00
                 时效指标    项目完工时间    2023年11月底 2023年12月 10 8.00 施工许可延期取得，完工推迟1
                                   前                        个月；今后开工前提前办理审批
                                                            手续。
"""


def test_two_values_one_space_apart_are_two_cells():
    rows = [cells for _, cells in layout_grid(TOP_ALIGNED)]
    assert rows[2] == [
        "",
        "",
        "时效指标",
        "项目完工时间",
        "2023年11月底前",
        "2023年12月",
        "10",
        "8.00",
        "施工许可延期取得，完工推迟1个月；今后开工前提前办理审批手续。",
    ]
