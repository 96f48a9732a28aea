"""The Excel reader reads what a person sees in a workbook: sheets that hold no form, hidden
sheets, rows and columns, the print area, formulas never calculated, number formats with text,
and refuses an OpenDocument spreadsheet with the way to save it."""

import re
import zipfile

import openpyxl
import pytest

from reviewer.errors import InputError
from reviewer.readers import read_forms
from reviewer.readers.cellformat import as_number
from reviewer.readers.files import expand_paths
from tests.conftest import ROOT, SEED_001, run_cli

DOCUMENTS = ROOT / "tests" / "documents"

# The first of the seed's forms: its title to its notes.
SEED_LINES = [line.split("\t") for line in SEED_001.read_text(encoding="utf-8").splitlines()[:38]]
NOT_A_FORM = "no indicator table found (no 一级指标/三级指标 header); the sheet is not read as a form"


def _fill(sheet, lines):
    """Table text in cells, numbers typed as numbers, as an agency's workbook holds it."""
    for row, cells in enumerate(lines, 1):
        for column, text in enumerate(cells, 1):
            number = as_number(text.strip())
            cell = sheet.cell(row, column, number[0] if number else text or None)
            if number:
                cell.number_format = number[1]


def _instructions(sheet):
    sheet.title = "填表说明"
    for row, text in enumerate(
        ["填表说明", "项目名称：填写预算批复的项目全称。", "主管部门：填写一级预算单位名称。"], 1
    ):
        sheet.cell(row, 1, text)


def _indicators(form):
    return [(i.name, i.target, i.actual, i.weight, i.score, i.explanation) for i in form.indicators]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The seed's form as read from a plain workbook of it."""
    path = tmp_path_factory.mktemp("plain") / "plain.xlsx"
    book = openpyxl.Workbook()
    _fill(book.active, SEED_LINES)
    book.save(path)
    [form] = read_forms(str(path))
    return form


def test_a_sheet_whose_project_row_starts_no_form_is_skipped_and_the_forms_say_so(tmp_path, plain):
    book = openpyxl.Workbook()
    _instructions(book.active)
    _fill(book.create_sheet("自评表"), SEED_LINES)
    book.save(tmp_path / "book.xlsx")
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert form.source.path == f"{tmp_path / 'book.xlsx'}[自评表]"
    assert [w.message for w in form.warnings] == [f"sheet '填表说明' row 2: {NOT_A_FORM}"]
    assert _indicators(form) == _indicators(plain)
    assert run_cli("parse", str(tmp_path / "book.xlsx")).returncode == 0


def test_a_workbook_whose_sheets_hold_no_form_is_one_error_naming_each(tmp_path):
    book = openpyxl.Workbook()
    _instructions(book.active)
    summary = book.create_sheet("汇总表")
    summary.append(["项目名称", "全年预算数（万元）", "自评得分"])
    summary.append(["公积金管理业务费用项目", 123, 97])
    book.save(tmp_path / "book.xlsx")
    reason = "no indicator table found (no 一级指标/三级指标 header)"
    with pytest.raises(InputError) as caught:
        read_forms(str(tmp_path / "book.xlsx"))
    assert caught.value.message == f"sheet '填表说明' row 2: {reason}; sheet '汇总表' row 1: {reason}"
    result = run_cli("parse", str(tmp_path / "book.xlsx"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_not_read_and_the_forms_say_so(tmp_path, state):
    book = openpyxl.Workbook()
    _fill(book.active, SEED_LINES)
    book.active.title = "2024年"
    old = book.create_sheet("2023年（旧）")
    _fill(old, SEED_LINES)
    old.sheet_state = state
    book.save(tmp_path / "book.xlsx")
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert form.source.path.endswith("[2024年]")
    assert [w.message for w in form.warnings] == ["sheet '2023年（旧）' is hidden: not read"]


def test_hidden_rows_and_columns_are_not_read_and_the_form_says_how_many(tmp_path, plain):
    stale = ["", "", "", "指标0:上年的模板行", "", "1次", "1次", "6", "6", "", ""]
    lines = [*SEED_LINES[:17], stale, *SEED_LINES[17:]]
    book = openpyxl.Workbook()
    sheet = book.active
    _fill(sheet, lines)
    sheet.row_dimensions[18].hidden = True
    for row in range(17, 38):  # last year's value, right of the table, in a column the agency hid
        sheet.cell(row, 12, "上年12次")
    sheet.column_dimensions["L"].hidden = True
    book.save(tmp_path / "book.xlsx")
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert _indicators(form) == _indicators(plain)
    assert [w.message for w in form.warnings] == [
        "hidden on the sheet, not read: 1 row with content (18) and 1 column with content (L)"
    ]


def test_cells_outside_the_print_area_are_not_read(tmp_path, plain):
    book = openpyxl.Workbook()
    sheet = book.active
    _fill(sheet, SEED_LINES)
    for row in range(17, 36):  # the agency's working, beside the printed table
        sheet.cell(row, 13, "测算：4/4")
    sheet.print_area = "A1:K40"
    book.save(tmp_path / "book.xlsx")
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert _indicators(form) == _indicators(plain)
    assert [w.message for w in form.warnings] == ["outside the print area A1:K40, not read: 1 column with content (M)"]


@pytest.mark.parametrize(
    ("area", "warnings"),
    [
        ("'Sheet'!$A:$K", ["outside the print area A:K, not read: 1 column with content (M)"]),
        (
            "Sheet!$A$1:$K$20,Sheet!$A$21:$K$40",
            ["outside the print area A1:K20,A21:K40, not read: 1 column with content (M)"],
        ),
        ("'Sheet'!$1:$40", []),  # whole rows: column M is printed
    ],
)
def test_a_print_area_of_whole_columns_or_of_several_ranges(tmp_path, plain, capfd, area, warnings):
    book = openpyxl.Workbook()
    _fill(book.active, SEED_LINES)
    for row in range(17, 36):
        book.active.cell(row, 13, "测算：4/4")
    book.active.print_area = "A1:K40"
    book.save(tmp_path / "book.xlsx")
    # openpyxl cannot write these; Excel does, when whole columns are chosen as the print area.
    _rewritten(tmp_path / "book.xlsx", {"xl/workbook.xml": (rb"'Sheet'!\$A\$1:\$K\$40", area.encode())})
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert [w.message for w in form.warnings] == warnings
    if warnings:
        assert _indicators(form) == _indicators(plain)
    assert capfd.readouterr().err == ""  # openpyxl's warning that it cannot set such an area is not shown


NEVER_CALCULATED = (
    "1 formula cell (the first in row 36) was never calculated by the program that saved the workbook, "
    "read as blank: open the workbook in Excel or WPS and save it, or convert it with soffice "
    "--headless --convert-to xlsx FILE, and read that"
)


def _total_as_formula(path):
    """The seed's workbook with its 总分 得分 (97) a formula, as openpyxl writes it: no saved value."""
    book = openpyxl.Workbook()
    _fill(book.active, SEED_LINES)
    book.active["I36"] = "=SUM(I17:I35)+K10"
    book.save(path)


def _rewritten(path, edits):
    """The workbook with its sheet's and workbook's XML edited (what openpyxl cannot write)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, (pattern, replacement) in edits.items():
        parts[name], count = re.subn(pattern, replacement, parts[name])
        assert count == 1, name
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_with_no_saved_value_is_blank_and_the_form_says_to_calculate_it(tmp_path):
    _total_as_formula(tmp_path / "book.xlsx")
    [form] = read_forms(str(tmp_path / "book.xlsx"))
    assert form.total.score is None and form.total.weight == 100
    assert [w.message for w in form.warnings] == [NEVER_CALCULATED]


def test_a_saved_value_of_a_workbook_never_calculated_is_a_placeholder_not_a_number(tmp_path):
    # xlsxwriter saves 0 in every formula cell and asks Excel to calculate on load.
    _total_as_formula(tmp_path / "placeholder.xlsx")
    formula = rb"(<f>SUM\(I17:I35\)\+K10</f>)"
    _rewritten(tmp_path / "placeholder.xlsx", {"xl/worksheets/sheet1.xml": (formula, rb"\1<v>0</v>")})
    assert b'fullCalcOnLoad="1"' in zipfile.ZipFile(tmp_path / "placeholder.xlsx").read("xl/workbook.xml")
    [form] = read_forms(str(tmp_path / "placeholder.xlsx"))
    assert form.total.score is None and [w.message for w in form.warnings] == [NEVER_CALCULATED]
    # The same value saved by a program that calculated it (no fullCalcOnLoad) is a result.
    _total_as_formula(tmp_path / "calculated.xlsx")
    _rewritten(
        tmp_path / "calculated.xlsx",
        {
            "xl/worksheets/sheet1.xml": (formula, rb"\1<v>97</v>"),
            "xl/workbook.xml": (rb"<calcPr [^>]*/>", b'<calcPr calcId="191029"/>'),
        },
    )
    [form] = read_forms(str(tmp_path / "calculated.xlsx"))
    assert str(form.total.score) == "97" and form.warnings == []


def test_an_opendocument_spreadsheet_is_refused_with_the_way_to_save_it(tmp_path):
    path = tmp_path / "自评表.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    reason = (
        "an OpenDocument spreadsheet (.ods), which is not read: in LibreOffice or WPS Office save it as "
        "Excel .xlsx (文件 → 另存为), or soffice --headless --convert-to xlsx FILE, and read that"
    )
    with pytest.raises(InputError) as caught:
        read_forms(str(path))
    assert caught.value.message == reason
    assert list(expand_paths([str(tmp_path)])) == [str(path)]  # a folder's .ods is told why, too
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and result.stderr == f"reviewer: error: {path}: {reason}\n"


def test_an_xls_workbooks_hidden_rows_and_columns_are_not_read(plain):
    # tests/documents/xls-hidden.xls (make_documents.py): the seed's first form saved by
    # LibreOffice as .xls, with a working row hidden in the indicator table and a hidden column
    # of workings beside the explanations.
    [form] = read_forms(str(DOCUMENTS / "xls-hidden.xls"))
    assert _indicators(form) == _indicators(plain)
    assert [w.message for w in form.warnings] == [
        "hidden on the sheet, not read: 1 row with content (20) and 1 column with content (L)"
    ]


def test_an_xls_workbooks_print_area_is_read_and_what_lies_outside_it_is_not(plain):
    # tests/documents/xls-print-area.xls (make_documents.py): the seed's first form saved by
    # LibreOffice as .xls with the print area A1:K40, a column of workings and a draft line outside.
    [form] = read_forms(str(DOCUMENTS / "xls-print-area.xls"))
    assert _indicators(form) == _indicators(plain)
    assert [w.message for w in form.warnings] == [
        "outside the print area A1:K40, not read: 1 row with content (45) and 1 column with content (M)"
    ]
