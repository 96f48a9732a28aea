"""What a reviewer sees of a Word or PDF form in every output: each finding at the place the
document shows its row ("表2第7行", "第1页表1第20行"), and what the reader could not place or
found missing (reader warnings) under the form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reviewer
from tests.conftest import FORMS, SEED_001, run_cli

DOCUMENTS = Path(__file__).resolve().parent / "documents"
SICHUAN = DOCUMENTS / "weights-first_sichuan.docx"  # no 总分 row: a reader warning
NO_TOTAL = "no 总分 row: the total score is missing"
NO_TOTAL_ZH = "没有总分行：缺少总分"  # as the Chinese reports show it


@pytest.fixture(scope="module")
def checked() -> reviewer.CheckResult:
    return reviewer.check(str(SICHUAN))


def test_a_finding_carries_the_place_of_its_row(checked):
    [form] = checked.to_dict()["forms"]
    unexplained = next(f for f in form["findings"] if f["rule"] == "E301")
    assert unexplained["line"] is not None and unexplained["location"] == "表2第7行"
    # A finding on a category names the first row of the category.
    assert {f["location"] for f in form["findings"] if f["rule"] == "S210"} == {"表2第3行", "表2第7行"}
    assert form["warnings"] == [{"line": None, "location": None, "message": NO_TOTAL}]


def test_a_finding_names_the_other_row_by_its_place():
    forms = reviewer.check(str(DOCUMENTS / "mof_001.docx")).to_dict()["forms"]
    repeated = next(f for form in forms for f in form["findings"] if f["rule"] == "N501")
    assert repeated["location"] == "表1第20行" and repeated["message"] == "与表1第11行（数量指标）重复"


def test_a_text_form_has_lines_and_no_locations():
    [form, *_] = reviewer.check(str(SEED_001)).to_dict()["forms"]
    assert form["findings"] and all(f["location"] is None and f["line"] for f in form["findings"])


def test_a_pdf_finding_names_its_page():
    result = reviewer.check(str(DOCUMENTS / "mof_001.pdf"))
    places = {f["location"] for form in result.to_dict()["forms"] for f in form["findings"]}
    assert "第1页表1第25行" in places and None not in places


def test_the_text_report_gives_path_and_place_and_a_line_for_each_warning():
    result = run_cli("check", str(SICHUAN))
    assert f"  {SICHUAN}:表2第7行: E301 扣分未说明原因（错误） 群众出行时间缩短:" in result.stdout
    assert f"  {SICHUAN}: 读取提示 {NO_TOTAL_ZH}" in result.stdout
    english = run_cli("check", str(SICHUAN), "--lang", "en")
    assert f"  {SICHUAN}: reader {NO_TOTAL}" in english.stdout


def test_the_json_report_has_the_warnings_of_each_form():
    document = json.loads(run_cli("check", str(SICHUAN), "--format", "json").stdout)
    assert document["forms"][0]["warnings"][0]["message"] == NO_TOTAL
    on_rows = [f for f in document["forms"][0]["findings"] if f["line"] is not None]
    assert on_rows and all(f["location"].startswith("表2第") for f in on_rows)


def test_markdown_shows_places_and_warnings():
    text = run_cli("check", str(SICHUAN), "--format", "markdown").stdout
    assert "| 表2第7行 | E301 扣分未说明原因 |" in text
    assert f"**读取提示**\n\n- {NO_TOTAL_ZH}" in text


def test_html_shows_the_place_beside_the_row_and_the_warnings_at_the_top_of_the_form(tmp_path):
    out = tmp_path / "report.html"
    run_cli("check", str(SICHUAN), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert '<td class="line">表2第7行</td>' in page
    block = page.index('<div class="reader-warnings"><strong>读取提示</strong>')
    assert block < page.index('<table class="form-table indicators">') and NO_TOTAL_ZH in page[block:]


def test_xlsx_has_the_warnings_on_the_summary_and_on_the_forms_sheet(tmp_path):
    import openpyxl

    out = tmp_path / "report.xlsx"
    run_cli("check", str(SICHUAN), "-o", str(out))
    book = openpyxl.load_workbook(out)
    summary = [row for row in book["汇总"].iter_rows(values_only=True) if any(row)]
    header = next(row for row in summary if row[:2] == ("序号", "表（工作表）"))
    form_row = summary[summary.index(header) + 1]
    assert form_row[header.index("读取提示")] == 1
    assert ("乡村道路养护项目", None, NO_TOTAL_ZH) == summary[-1][:3]
    sheet = book["乡村道路养护项目"]
    reviews = [cell.value for cell in sheet["I"] if cell.value]
    assert f"读取提示：{NO_TOTAL_ZH}" in reviews[0]
    assert any("[E301 扣分未说明原因（错误） 表2第7行]" in text for text in reviews)  # the place beside the finding
    # The form sheet is still a form: read back, it is the form that was checked.
    [again] = reviewer.read(str(out))
    assert [row.name for row in again.indicators] == [row.name for row in reviewer.read(str(SICHUAN))[0].indicators]


def test_a_form_with_no_total_says_so_and_reads_the_notes_as_notes():
    [form] = reviewer.read(str(FORMS / "tab_sichuan.txt"))
    assert form.total is None and NO_TOTAL in [w.message for w in form.warnings]
    assert not any("注" in row.name or "附件" in row.name for row in form.indicators)


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_written_form_keeps_the_weight_its_indicator_table_prints(suffix, tmp_path):
    # Sichuan's template leaves the split of the indicators' 90 points to the project. Read back
    # without the weight its label prints, the form would be held to the MoF's 50/30/10 (S210).
    source = Path(__file__).resolve().parent / "unseen" / "sichuan_daying.pdf"
    written = tmp_path / f"审核.{suffix}"
    assert run_cli("check", str(source), "-o", str(written), "--exit-zero").returncode == 0
    [form], [back] = reviewer.read(source), reviewer.read(written)
    assert form.indicators_weight == back.indicators_weight == 90
    # The 原因 box beside the budget rows is written as a row of its own, and read back as the box.
    assert back.funds.explanation == form.funds.explanation and form.funds.explanation.startswith("1.预算执行率=")
    assert back.goals == form.goals and form.goals.process == "2023年购买13台安可电脑，并于12月前完成资金支付。"
    assert [w.message for w in back.warnings if "funds" in w.message] == []

    def rules(path: Path) -> list[str]:
        return [finding.rule for result in reviewer.check(str(path)).form_results for finding in result.findings]

    assert rules(written) == rules(source) and "S210" not in rules(written)


def test_the_funds_reason_box_and_what_was_done_are_shown_in_the_page_and_the_text(tmp_path):
    source = Path(__file__).resolve().parent / "unseen" / "sichuan_daying.docx"
    page = tmp_path / "审核.html"
    assert run_cli("report", str(source), "-o", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    reason = "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）"
    assert f'<tr class="funds-reason"><td class="line"></td><td>原因</td><td colspan="6">{reason}' in html
    text = run_cli("parse", str(source), "-f", "text").stdout
    assert f"\n原因: {reason}" in text and "\n项目实施内容及过程概述: 2023年购买13台安可电脑" in text
    done = "2023年购买13台安可电脑，并于12月前完成资金支付。"
    assert f"<tr><th>项目实施内容及过程概述</th></tr>\n<tr><td>{done}</td></tr>" in html
