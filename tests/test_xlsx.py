"""Excel: the workbook report (layout, highlighted cells, comments, 审核意见) and the Excel reader
(cells read as they are shown, merged cells, bad workbooks), and the round trip between them."""

import datetime
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from reviewer.api import check_paths
from reviewer.config import Config
from reviewer.errors import InputError
from reviewer.form.serialize import dumps
from reviewer.readers import read_forms
from reviewer.readers.cellformat import as_number, display
from reviewer.readers.files import expand_paths
from reviewer.reports.xlsx import FILLS, INDICATOR_FIELDS, REVIEW, write_workbook
from reviewer.rules import RULES, Marks
from tests.conftest import FORMS, SEED_001, SEED_003, run_cli


@pytest.fixture(scope="module")
def seeds_result():
    return check_paths([str(SEED_001), str(SEED_003)], Config(), keep_forms=True)


@pytest.fixture(scope="module")
def workbook(seeds_result, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_workbook(seeds_result, str(path))
    return path


@pytest.fixture(scope="module")
def book(workbook):
    """The workbook as openpyxl reads it, once for the tests that only look at it."""
    return openpyxl.load_workbook(workbook)


def _without_source(text: str) -> str:
    """The canonical JSON with each form's source (file, reader, first line) taken out."""
    return re.sub(r'\n      "source": \{[^}]*\},', "", text)


@pytest.mark.parametrize("seed", [SEED_001, SEED_003, FORMS / "pdf_mof2020.txt"])
def test_a_form_written_and_read_back_is_the_same_canonical_form(seed, tmp_path):
    written = tmp_path / "form.xlsx"
    assert run_cli("check", str(seed), "-o", str(written), "--exit-zero").returncode == 0
    original, back = run_cli("parse", str(seed)), run_cli("parse", str(written))
    assert back.returncode == 0, back.stderr
    assert _without_source(back.stdout) == _without_source(original.stdout)
    assert back.stdout != original.stdout  # the source names the workbook and its sheet
    assert f'"path": "{written}[' in back.stdout and '"reader": "xlsx"' in back.stdout


def test_the_sheet_keeps_the_source_lines_and_hides_the_rows_between(workbook, book, seeds_result):
    form = seeds_result.forms[3].form  # 信息化运维项目, PDF text: rows far apart
    sheet = book.worksheets[4]
    assert sheet.title == form.project
    first = form.indicators[0]
    assert sheet.cell(first.line, 3).value == first.name
    # Rows are hidden by default; a row is shown when it is written, and only the form's rows are.
    assert sheet.sheet_format.zeroHeight
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read("xl/worksheets/sheet5.xml").decode()
    written = [int(n) for n, attributes in re.findall(r'<row r="(\d+)"([^>]*)>', xml) if "hidden" not in attributes]
    assert first.line in written and first.line - 1 not in written and form.total.line in written
    assert set(written) == {cell.row for row in sheet.iter_rows() for cell in row if cell.has_style}
    assert len(written) < form.total.line - form.source.line  # the lines between are not written


def test_numbers_are_numbers_printed_as_the_form_printed_them(book):
    sheet = book["信息化运维项目"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "年度资金总额")
    budget = total[1]
    assert budget.value == pytest.approx(1430.8) and budget.number_format == "#,##0.00"
    assert display(budget.value, budget.number_format) == "1,430.80"
    target = next(row for row in sheet.iter_rows() if row[2].value == "项目实际成本与预算偏差率")[3]
    assert target.data_type == "s" and target.value == "≤0.00(%)"


def test_every_finding_on_a_cell_is_filled_and_commented(book, seeds_result):
    checked = 0
    for sheet, result in zip(book.worksheets[1:], seeds_result.forms):
        form = result.form
        for finding in result.findings:
            marks = RULES[finding.rule].marks.row
            if marks == Marks().row or finding.indicator is None:  # rules that mark more than the name
                continue
            row = next(r for r in form.indicators if r.line == finding.line and r.name == finding.indicator)
            column = 1 + INDICATOR_FIELDS.index(marks[0])
            cell = sheet.cell(row.line, column)
            assert cell.fill.fgColor.rgb[-6:] in FILLS.values(), (sheet.title, finding.rule)
            assert f"[{finding.rule} " in cell.comment.text and finding.message["zh"] in cell.comment.text
            assert finding.message["zh"] in sheet.cell(row.line, REVIEW).value
            checked += 1
    assert checked > 50


def test_every_error_of_the_seeds_is_red(book, seeds_result):
    red = {
        (sheet.title, cell.comment.text)
        for sheet in book.worksheets[1:]
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment and cell.fill.fgColor.rgb.endswith(FILLS["error"])
    }
    errors = [(r.project, f) for r in seeds_result.forms for f in r.findings if f.severity == "error"]
    assert len(errors) == 9
    for project, finding in errors:
        assert any(title == project and finding.message["zh"] in text for title, text in red), finding


def test_summary_sheet_counts_and_links(book):
    summary = book["汇总"]
    assert [c.value for c in summary[3]][:5] == [2, 12, 9, 44, 38]
    links = [c.hyperlink.location for row in summary.iter_rows() for c in row if c.hyperlink]
    assert len(links) == 12 and links[0] == "'公积金管理业务费用项目'!A3"


def test_review_workbook_holds_the_drafts_beside_the_findings(tmp_path):
    path = tmp_path / "review.xlsx"
    result = run_cli("report", str(SEED_001), "-o", str(path))
    assert result.returncode == 1, result.stderr  # the seed has errors, as review says
    sheet = openpyxl.load_workbook(path)["公积金管理业务费用项目"]
    review = [row[REVIEW - 1].value for row in sheet.iter_rows() if row[REVIEW - 1].value]
    assert any("【起草·模板】" in text and "【模板，需补充】" in text for text in review)
    assert any("审核意见（模板）：【模板，需补充】" in text for text in review)  # the form's comment, beside 项目名称
    assert _without_source(run_cli("parse", str(path)).stdout) == _without_source(
        run_cli("parse", str(SEED_001)).stdout
    )


@pytest.mark.parametrize(
    "text, shown",
    [
        ("1,430.80", "1,430.80"),
        ("100%", "100%"),
        ("99.71", "99.71"),
        ("8.50", "8.50"),
        ("-0.06", "-0.06"),
        ("12", "12"),
        ("0.00%", "0.00%"),
    ],
)
def test_printed_numbers_survive_excel(text, shown):
    value, number_format = as_number(text)
    assert display(float(value), number_format) == shown


@pytest.mark.parametrize("text", ["—", "-", "01", "≥95%", "12次", "1.2.3", "12345678901234567.5"])
def test_what_is_not_a_plain_number_stays_text(text):
    assert as_number(text) is None


@pytest.mark.parametrize(
    "value, number_format, shown",
    [
        (1430.8, "#,##0.00", "1,430.80"),
        (0.9971, "0.00%", "99.71%"),
        (1, "0%", "100%"),
        (98.97, "General", "98.97"),
        (10, "General", "10"),
        (10.0, "General", "10"),
        (0.1 + 0.2, "0.00", "0.30"),
        (2.675, "0.00", "2.68"),
        (Decimal("41.00"), "0.00", "41.00"),
        (True, "General", "TRUE"),
        (None, "General", ""),
        # Excel keeps 15 significant digits: what a sum adds in the 17th is not shown.
        (98.96000000000001, "General", "98.96"),
        (0.1 + 0.2, "General", "0.3"),
        (1 / 3, "General", "0.333333333333333"),
        # A format's literal text, and dates as their format shows them.
        (96.5, '0.0"%"', "96.5%"),
        (11.44, '0.00"万元"', "11.44万元"),
        (5, '0"座"', "5座"),
        (12, "0\\次", "12次"),
        (1430.8, "[$¥-804]#,##0.00", "1,430.80"),
        (1430.8, "#,##0.00_);[Red](#,##0.00)", "1,430.80"),
        (0.5, "0.0#%", "50.0%"),
        (datetime.datetime(2024, 11, 30), 'yyyy"年"m"月"d"日"', "2024年11月30日"),
        (datetime.datetime(2024, 11, 30), "yyyy/m/d", "2024/11/30"),
        (datetime.datetime(2024, 1, 5, 9, 7), "yyyy-mm-dd hh:mm", "2024-01-05 09:07"),
    ],
)
def test_cells_read_as_excel_shows_them(value, number_format, shown):
    assert display(value, number_format) == shown


def _workbook_from_table_text(path, seed, merge_categories: bool):
    """What an agency's workbook looks like: the table text in cells, numbers typed as numbers,
    category cells merged down over their rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), 1):
        for column, text in enumerate(line.split("\t"), 1):
            number = as_number(text.strip())
            cell = sheet.cell(row, column, number[0] if number else text or None)
            if number:
                cell.number_format = number[1]
            elif text:
                cell.data_type = "s"
    if merge_categories:
        for column in (2, 3):
            _merge_down(sheet, column)
    book.save(path)


def _merge_down(sheet, column):
    """Merge each category cell with the empty cells below it, over consecutive indicator rows."""
    rows = [row for row in range(1, sheet.max_row + 1) if str(sheet.cell(row, 4).value or "").startswith("指标")]
    runs: list[list[int]] = []
    for row in rows:
        if sheet.cell(row, column).value or not runs or runs[-1][1] != row - 1:
            runs.append([row, row])
        else:
            runs[-1][1] = row
    for first, last in runs:
        if last > first and sheet.cell(first, column).value:
            sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def test_an_agency_workbook_reads_like_its_table_text(tmp_path):
    path = tmp_path / "中卫.xlsx"
    _workbook_from_table_text(path, SEED_001, merge_categories=True)
    assert openpyxl.load_workbook(path).active.merged_cells.ranges  # the test merges something
    got = [dumps(f.model_copy(update={"source": None})) for f in read_forms(str(path))]
    expected = [dumps(f.model_copy(update={"source": None})) for f in read_forms(str(SEED_001))]
    assert got == expected


def test_a_workbook_is_found_in_a_folder_and_excel_lock_files_are_not(tmp_path):
    _workbook_from_table_text(tmp_path / "form.xlsx", SEED_001, merge_categories=False)
    (tmp_path / "~$form.xlsx").write_bytes(b"\x00owner")
    assert [p.replace(str(tmp_path), "") for p in expand_paths([str(tmp_path)])] == ["/form.xlsx"]
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.returncode == 1 and '"source": "' + str(tmp_path / "form.xlsx") + "[Sheet]" in result.stdout


def _empty_workbook(path):
    book = openpyxl.Workbook()
    book.active["A1"] = "说明：本工作簿没有表"
    book.save(path)


def _form_without_indicators(path):
    book = openpyxl.Workbook()
    book.active.title = "填报"
    book.active.append(["项目名称", "某项目"])
    book.active.append(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"])
    book.save(path)


def _truncated_workbook(path):
    _empty_workbook(path)
    path.write_bytes(path.read_bytes()[:2000])


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable .xlsx workbook"),
        (_truncated_workbook, "not a readable .xlsx workbook"),
        (_empty_workbook, "no form found: no sheet has a 项目名称 row"),
        (_form_without_indicators, "sheet '填报' row 1: no indicator table found"),
    ],
)
def test_bad_workbooks_are_one_line_naming_the_file_and_the_batch_goes_on(tmp_path, make, message):
    bad = tmp_path / "bad.xlsx"
    make(bad)
    with pytest.raises(InputError, match=re.escape(message)):
        read_forms(str(bad))
    result = run_cli("check", str(bad), str(SEED_001), "--format", "json", "--lang", "en")
    assert result.returncode == 1  # the seed was still checked: it has errors
    assert result.stderr.startswith(f"reviewer: error: {bad}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert run_cli("parse", str(bad)).returncode == 2


def test_xlsx_needs_a_file_and_report_needs_a_known_suffix(tmp_path):
    refused = run_cli("check", str(SEED_001), "--format", "xlsx")
    assert refused.returncode == 2 and "give -o FILE.xlsx" in refused.stderr and refused.stdout == ""
    wrong = run_cli("report", str(SEED_001), "-o", str(tmp_path / "report.txt"))
    assert wrong.returncode == 2 and "FILE.html, FILE.xlsx or" in wrong.stderr and "FILE.docx" in wrong.stderr
    unwritable = run_cli("check", str(SEED_001), "-o", str(tmp_path / "no" / "such" / "dir.xlsx"))
    assert unwritable.returncode == 2 and unwritable.stderr.endswith("dir.xlsx: 无法写入报告：所在文件夹不存在\n")
    english = run_cli("check", str(SEED_001), "-o", str(tmp_path / "no" / "such" / "dir.xlsx"), "--lang", "en")
    assert english.stderr.endswith("dir.xlsx: cannot write the report: No such file or directory\n")
    assert "Traceback" not in unwritable.stderr + english.stderr
