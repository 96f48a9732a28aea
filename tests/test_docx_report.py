"""The Word report: the agency's document back with the findings as comments on their cells and
the drafts in the empty explanation cells, read back with python-docx, independently of the
reader that placed them (cells are found here by the table's own header row)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import reviewer
from reviewer.form.serialize import dumps
from reviewer.llm.backends.offline import OfflineBackend
from reviewer.reports.annotate import finding_text
from reviewer.reports.docx import write_documents
from tests.conftest import ROOT, SEED_001, SEED_003, run_cli

DOCUMENTS = ROOT / "tests" / "documents"
TARGET, ACTUAL, EXPLANATION = ("年度指标值",), ("实际完成值", "全年实际值"), ("偏差原因分析及改进措施",)


@dataclass
class Comment:
    text: str
    author: str
    start: object  # the w:tc the comment's range starts in
    end: object


def comments(document) -> list[Comment]:
    """Every comment of the document, in document order, with the cells its range starts and ends in."""
    body = document.element.body
    ranges = {}
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for mark in body.iter(qn(tag)):
            tc = next(mark.iterancestors(qn("w:tc")), None)
            ranges.setdefault(int(mark.get(qn("w:id"))), []).append(tc)
    by_id = {c.comment_id: c for c in document.comments}
    # Word shows a comment where its reference mark is: every comment has one, and one range.
    references = [int(m.get(qn("w:id"))) for m in body.iter(qn("w:commentReference"))]
    assert sorted(references) == sorted(by_id) == sorted(ranges)
    assert all(len(cells) == 2 for cells in ranges.values())
    order = [int(m.get(qn("w:id"))) for m in body.iter(qn("w:commentRangeStart"))]
    return [Comment(by_id[i].text, by_id[i].author, *ranges[i]) for i in order]


def squash(text: str) -> str:
    return "".join(text.split())


def cell_at(document, location: str, headers: tuple[str, ...]):
    """The w:tc of the row at ``location`` ("表2第14行") under the column headed by one of
    ``headers``, the header row looked for in that table or the nearest one above it (a table
    continued under 续表 repeats no header)."""
    table_number, row_number = (int(n) for n in location[1:-1].split("第"))
    row = document.tables[table_number - 1].rows[row_number - 1]
    for table in reversed(document.tables[:table_number]):
        for header in table.rows:
            texts = [squash(cell.text) for cell in header.cells]
            column = next((texts.index(h) for h in headers if h in texts), None)
            if column is not None:
                return row.cells[column]._tc
    raise AssertionError(f"no {headers} column above {location}")


def cell_texts(path: Path) -> dict[tuple[int, int, int], str]:
    """Every table cell's text by (table, row, cell)."""
    document = docx.Document(str(path))
    return {key: docx.table._Cell(tc, document).text for key, tc in table_cells(document)}


def address(document, tc) -> tuple[int, int, int]:
    """(table, row, cell) of a w:tc, as ``cell_texts`` counts them."""
    return next(key for key, other in table_cells(document) if other is tc)


def table_cells(document):
    """((table, row, cell), w:tc) of every cell of the document's tables, each w:tc once: read
    from the XML, as python-docx's row.cells would lay out the whole grid for every row."""
    for t, table in enumerate(document.tables):
        for r, tr in enumerate(table._tbl.tr_lst):
            for c, tc in enumerate(tr.tc_lst):
                yield (t, r, c), tc


def indicator(forms, name: str):
    return [(form, row) for form in forms for row in form.indicators if row.name == name]


def canonical(forms, drop_explanations_of: set[int], keep_places: bool = True) -> list[dict]:
    """The canonical JSON of forms without ``source`` (and without lines, places and warnings
    when ``keep_places`` is false); the explanation of the listed rows (by index over all forms) left out."""
    data = json.loads(dumps({"forms": forms}))["forms"]
    n = 0
    for form in data:
        form.pop("source")
        if not keep_places:
            form.pop("warnings", None)
        for row in form["indicators"]:
            if n in drop_explanations_of:
                row.pop("explanation", None)
            n += 1
        for block in [*form["indicators"], *form["funds"].values(), form["total"]]:
            if block is not None and not keep_places:
                block.pop("line", None)
                block.pop("location", None)
    return data


def unexplained_deductions(forms) -> list[int]:
    """Indices (over all forms) of the rows that lost points and explain nothing: the rows drafted."""
    rows = [row for form in forms for row in form.indicators]
    return [i for i, row in enumerate(rows) if row.score < (row.weight or 0) and row.explanation is None]


@pytest.mark.parametrize("layout", ["mof", "shanghai", "weights-first"])
def test_findings_are_comments_on_the_cells_they_concern(layout, tmp_path):
    original = DOCUMENTS / f"{layout}_003.docx"
    written = tmp_path / "审核.docx"
    assert run_cli("check", str(original), "-o", str(written)).returncode == 1
    document = docx.Document(str(written))
    marked = comments(document)
    assert marked and {c.author for c in marked} == {"reviewer"}
    forms = reviewer.read(original)

    [(_, cleaning)] = indicator(forms, "保洁委托服务覆盖网点数")
    [t401] = [c for c in marked if c.text.startswith("[T401 ")]
    assert t401.start is cell_at(document, cleaning.location, TARGET)
    assert t401.end is cell_at(document, cleaning.location, ACTUAL)  # it marks both cells: the range spans them
    assert "保洁委托服务覆盖网点数" in t401.text

    lines = {f.line for r in reviewer.check(original).form_results for f in r.findings if f.rule == "F104"}
    flagged = [row for _, row in indicator(forms, "项目实际成本与预算偏差率") if row.line in lines]
    f104 = [c for c in marked if c.text.startswith("[F104 ")]
    assert len(f104) == len(flagged) == 2
    for comment, row in zip(f104, flagged):
        assert comment.start is comment.end is cell_at(document, row.location, ACTUAL)
        assert row.actual in comment.text

    # A form-level finding, on the cell that holds the project's name beside 项目名称.
    n502 = next(c for c in marked if c.text.startswith("[N502 "))  # the first form's
    assert "满意度指标" in n502.text and n502.start is n502.end
    assert docx.table._Cell(n502.start, document).text == "信息化运维项目"
    row = n502.start.getparent()
    assert squash("".join(t.text or "" for t in row.iter(qn("w:t")))).startswith("项目名称信息化运维项目")

    # `check` writes no drafts: every cell and paragraph is as it was.
    assert cell_texts(written) == cell_texts(original)
    assert [p.text for p in document.paragraphs] == [p.text for p in docx.Document(str(original)).paragraphs]


@pytest.mark.parametrize("layout", ["mof", "shanghai", "weights-first", "continued"])
def test_every_finding_of_a_row_is_on_that_row(layout, tmp_path):
    original = DOCUMENTS / f"{layout}_001.docx"
    written = tmp_path / "审核.docx"
    run_cli("check", str(original), "-o", str(written))
    document = docx.Document(str(written))
    marked = comments(document)
    result = reviewer.check(original)
    placed = 0
    for form_result in result.form_results:
        form = form_result.form
        rows = {(row.line, row.name): row for row in form.indicators}
        for finding in form_result.findings:
            if finding.indicator is None:
                continue
            location = rows[(finding.line, finding.indicator)].location
            table_number, row_number = (int(n) for n in location[1:-1].split("第"))
            row_cells = [cell._tc for cell in document.tables[table_number - 1].rows[row_number - 1].cells]
            text = finding_text(finding, "zh")
            [comment] = [c for c in marked if c.text == text and any(c.start is tc for tc in row_cells)]
            assert any(comment.end is tc for tc in row_cells)
            placed += 1
    assert placed > 20


@pytest.mark.parametrize("layout", ["mof", "shanghai", "weights-first", "continued"])
def test_drafts_fill_the_empty_explanation_cells_and_nothing_else(layout, tmp_path):
    original = DOCUMENTS / f"{layout}_001.docx"
    written = tmp_path / "审核.docx"
    assert run_cli("review", str(original), "-o", str(written), "-q").returncode == 1
    forms = reviewer.read(original)
    drafted = unexplained_deductions(forms)
    assert len(drafted) == 3
    rows = [row for form in forms for row in form.indicators]
    document = docx.Document(str(written))
    expected = {address(document, cell_at(document, rows[i].location, EXPLANATION)): i for i in drafted}

    before, after = cell_texts(original), cell_texts(written)
    assert before.keys() == after.keys()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == expected.keys()
    reviewed = reviewer.review(original).to_dict()
    drafts = {(e["line"], e["indicator"]): e for form in reviewed["forms"] for e in form["explanations"]}
    for key, i in expected.items():
        assert before[key] == ""
        draft = drafts[(rows[i].line, rows[i].name)]
        assert draft["status"] == "template" and after[key] == "【起草·模板】" + draft["text"]

    # The copy reads back as the same form: every line, place and warning, and every cell but the drafts.
    back = reviewer.read(written)
    assert [f.source.path for f in back] == [str(written)] * len(forms)
    assert canonical(back, set(drafted)) == canonical(forms, set(drafted))
    back_rows = [row for form in back for row in form.indicators]
    assert all(back_rows[i].explanation.startswith("【起草·模板】【模板，需补充】") for i in drafted)

    # The form's 审核意见 names who wrote it; the E301 of each drafted row is on its explanation cell.
    marked = comments(document)
    assert sum("审核意见（模板）：" in c.text for c in marked) == len(forms)
    for key in expected:
        assert any(c.text.startswith("[E301 ") and address(document, c.start) == key for c in marked)


class _ModelLike(OfflineBackend):
    """Answers as a model would: the first draft accepted, the second failing its checks."""

    name = "test-model"

    def run(self, jobs):
        outcomes = super().run(jobs)
        drafts = [outcome for job, outcome in zip(jobs, outcomes) if job.task == "draft"]
        for outcome in drafts:
            outcome.template = False
        drafts[1].problems = ["数字“42”不是表中的数"]
        return outcomes


def test_a_model_draft_is_marked_and_a_failed_one_is_only_a_comment(tmp_path):
    original = DOCUMENTS / "mof_001.docx"
    result = reviewer.review(original, backend=_ModelLike())
    statuses = [e.status for form in result.forms for e in form.explanations if e.mode == "draft"]
    assert statuses == ["ok", "failed", "ok"]
    written = tmp_path / "审核.docx"
    write_documents(result.check_result, str(written), reviews=result.forms, by="test-model")
    forms = reviewer.read(original)
    rows = [row for form in forms for row in form.indicators]
    accepted, failed, _ = unexplained_deductions(forms)
    document = docx.Document(str(written))
    texts = cell_texts(written)
    assert texts[address(document, cell_at(document, rows[accepted].location, EXPLANATION))].startswith("【起草·模型】")
    failed_cell = cell_at(document, rows[failed].location, EXPLANATION)
    assert texts[address(document, failed_cell)] == ""
    [note] = [c for c in comments(document) if c.start is failed_cell and c.text.startswith("【起草·未通过】")]
    assert "（test-model）" in note.text and "未写入表格：数字“42”不是表中的数" in note.text


def test_a_draft_never_overwrites_what_the_agency_wrote(tmp_path):
    original = DOCUMENTS / "shanghai_003.docx"
    written = tmp_path / "审核.docx"
    run_cli("review", str(original), "--all", "-o", str(written), "-q")
    assert cell_texts(written) == cell_texts(original)
    forms = reviewer.read(original)
    deducted = [row for form in forms for row in form.indicators if row.score < row.weight]
    marked = comments(docx.Document(str(written)))
    kept = [c for c in marked if "原栏已有文字，草稿未写入：" in c.text]
    critiques = [c for c in marked if c.text.startswith("【点评·模板】（offline）") and "建议改写：" in c.text]
    assert len(kept) == len(critiques) == len(deducted) == 9


def test_a_text_form_is_written_in_the_standard_layout(tmp_path):
    written = tmp_path / "自评表-审核.docx"
    assert run_cli("review", str(SEED_001), "-o", str(written), "-q").returncode == 1
    forms = reviewer.read(SEED_001)
    drafted = unexplained_deductions(forms)
    back = reviewer.read(written)
    assert [f.source.reader for f in back] == ["docx"] * 3
    assert canonical(back, set(drafted), keep_places=False) == canonical(forms, set(drafted), keep_places=False)
    back_rows = [row for form in back for row in form.indicators]
    assert all(back_rows[i].explanation.startswith("【起草·模板】") for i in drafted)
    assert sum(1 for row in back_rows if (row.explanation or "").startswith("【起草")) == len(drafted)

    # Each form is two tables (header, funds and goals; indicators): the k-th indicator on row k+1.
    document = docx.Document(str(written))
    assert len(document.tables) == 2 * len(forms)
    marked = comments(document)
    for n, form_result in enumerate(reviewer.check(SEED_001).form_results):
        table = document.tables[2 * n + 1]
        index = {(row.line, row.name): k for k, row in enumerate(form_result.form.indicators)}
        for finding in form_result.findings:
            if finding.indicator is None:
                continue
            cells = [cell._tc for cell in table.rows[index[(finding.line, finding.indicator)] + 1].cells]
            text = finding_text(finding, "zh")
            assert any(c.text == text and any(c.start is tc for tc in cells) for c in marked), text
        name_cell = document.tables[2 * n].cell(0, 1)  # beside 项目名称
        assert name_cell.text == form_result.form.project
        assert sum(1 for c in marked if "审核意见（模板）" in c.text and c.start is name_cell._tc) == 1


def test_a_json_form_keeps_its_section_weights_in_the_standard_layout(tmp_path):
    source = ROOT / "tests" / "forms" / "system_export.json"
    written = tmp_path / "审核.docx"
    run_cli("check", str(source), "-o", str(written))
    [form], [back] = reviewer.read(source), reviewer.read(written)
    assert form.sections and all(section.weight is not None for section in form.sections)
    assert back.sections == form.sections  # printed "产出指标(50分)" in the category cell, as forms do
    assert [row.level1 for row in back.indicators] == [row.level1 for row in form.indicators]


def test_one_word_report_per_input_file(tmp_path):
    mof = DOCUMENTS / "mof_001.docx"
    refused = run_cli("check", str(mof), str(SEED_003), "-o", str(tmp_path / "x.docx"))
    assert refused.returncode == 2 and not (tmp_path / "x.docx").exists()
    assert "每个输入文件一份 .docx 报告，这些表来自2个文件" in refused.stderr
    assert refused.stderr.count("\n") == 1

    folder = tmp_path / "审核"
    done = run_cli("check", str(mof), str(SEED_003), "--format", "docx", "-o", f"{folder}/")
    assert done.returncode == 1
    assert sorted(p.name for p in folder.iterdir()) == ["003_caa427bb58be876f-审核.docx", "mof_001-审核.docx"]
    assert done.stderr.splitlines() == [
        f"reviewer: 已写入 {folder}/mof_001-审核.docx",
        f"reviewer: 已写入 {folder}/003_caa427bb58be876f-审核.docx",
        f"reviewer: 已写入 {folder}/：12张表，错误9个，警告44个，提示38个（退出码1：发现错误）",  # as the seeds
    ]
    copy = docx.Document(str(folder / "mof_001-审核.docx"))
    assert len(copy.tables) == len(docx.Document(str(mof)).tables)  # the agency's file, not a new layout
    assert len(reviewer.read(folder / "003_caa427bb58be876f-审核.docx")) == 9

    same = tmp_path / "自评表.docx"
    same.write_bytes(mof.read_bytes())
    overwrite = run_cli("check", str(same), "-o", str(same))
    assert overwrite.returncode == 2 and "报告会覆盖它所审核的表" in overwrite.stderr
    assert same.read_bytes() == mof.read_bytes()

    refused = run_cli("check", str(mof), "--format", "docx")
    assert refused.returncode == 2 and "give -o FILE.docx" in refused.stderr and refused.stdout == ""


@pytest.mark.parametrize("path", sorted(DOCUMENTS.glob("*.docx")), ids=lambda p: p.stem)
def test_the_reader_says_which_cell_each_field_came_from(path):
    from reviewer.readers.docx import source_cells

    source = source_cells(str(path))
    forms = reviewer.read(path)
    assert [places.line for places in source.forms] == [form.source.line for form in forms]

    def text(place) -> str:
        return squash(docx.table._Cell(source.cell(place), source.document).text)

    for form, places in zip(forms, source.forms):
        assert text(places.header["project"]) == squash(form.project)
        for row in form.indicators:
            for field in ("level1", "level2", "name", "target", "actual", "weight", "score", "explanation"):
                printed, found = squash(row.printed(field)), text(places.rows[row.line][field])
                if field.startswith("level") and field not in row.raw:
                    # A category cell, merged over its rows, prints its name (and weight) once; a
                    # table continued on the next page leaves it blank there.
                    assert found.startswith(printed) or found == "", (row.location, field)
                else:
                    assert found == printed, (row.location, field)
        for _, funds in form.funds.rows():
            for field in ("adjusted_budget", "executed", "rate"):
                assert text(places.rows[funds.line][field]) == squash(funds.printed(field))
        if form.total is not None:
            assert text(places.rows[form.total.line]["score"]) == squash(str(form.total.score))


def test_funds_and_total_findings_are_on_their_cells(tmp_path):
    original = DOCUMENTS / "mof_001.docx"
    [form, *_] = reviewer.read(original)
    edited = tmp_path / "自评表.docx"
    document = docx.Document(str(original))
    rate = cell_at(document, form.funds.total.location, ("执行率",))
    docx.table._Cell(rate, document).paragraphs[0].runs[0].text = "90%"  # 123 of 123 is 100%: F101
    total_row = int(form.total.location[1:-1].split("第")[1]) - 1
    [score] = {c._tc for c in document.tables[0].rows[total_row].cells if c.text == str(form.total.score)}
    docx.table._Cell(score, document).paragraphs[0].runs[0].text = "1"  # not the sum of the scores: S202
    document.save(str(edited))

    written = tmp_path / "审核.docx"
    run_cli("check", str(edited), "-o", str(written))
    document = docx.Document(str(written))
    marked = comments(document)
    [f101] = [c for c in marked if c.text.startswith("[F101 ")]
    assert f101.start is f101.end is cell_at(document, form.funds.total.location, ("执行率",))
    [s202] = [c for c in marked if c.text.startswith("[S202 ")]
    assert s202.start is s202.end
    assert docx.table._Cell(s202.start, document).text == "1"
    assert s202.start.getparent() is document.tables[0].rows[total_row]._tr


def test_a_workbook_of_several_forms_is_one_input_file(tmp_path):
    # Each sheet's form is named "report.xlsx[sheet]": one Word report for the workbook, and a
    # second run into the same folder replaces it.
    book = tmp_path / "report.xlsx"
    assert run_cli("check", str(SEED_001), "-o", str(book)).returncode == 1
    one = run_cli("check", str(book), "-o", str(tmp_path / "x.docx"))
    assert one.returncode == 1 and len(reviewer.read(tmp_path / "x.docx")) == 3
    folder = tmp_path / "审核"
    for _ in range(2):
        again = run_cli("check", str(book), "--format", "docx", "-o", f"{folder}/")
        assert again.returncode == 1, again.stderr
    assert [p.name for p in folder.iterdir()] == ["report-审核.docx"]
