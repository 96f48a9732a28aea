"""Write the document fixtures of tests/test_documents.py: forms as Word files built with
python-docx, each converted to PDF by LibreOffice (the "real producer": its table layout, line
wrapping and page breaks are what the readers must follow), and the bad inputs.

The forms are the canonical parse of the seeds (golden/parse/*.json) and two of tests/forms/,
written in three layouts:

- ``mof``: the MoF order seed 001 prints, one table per form;
- ``weights-first``: 分值 before 年度指标值, no 年初预算数, funds headers marked (A)/(B), provincial
  goal headers, a category row above each first-level group, and the indicator table on a page
  of its own (one form, two tables) whose header row repeats on every page;
- ``shanghai``: the seed-003 order, 分数 / 执行率(%) in the funds, a page-number footer;
- ``continued``: ``mof`` with each table cut into two in the middle of the indicators, the
  second on the next page under a 续表 line (seed 001 only);
- ``plain``: ``shanghai`` with no cell borders, so that its PDF has no ruled table and is read
  as text.

Beside them: seed 001 as the workbook reviewer writes, saved by LibreOffice as .xls and as CSV
(comma, semicolon, GBK), and its first form as an .xls with hidden workings (xls-hidden.xls); poppler's pdftotext of two PDFs in its three modes (pdftotext/).

Every cell prints the form's raw text where it has one ("1,430.80", "指标1:…", "产出指标(50分)"),
so reading a file back gives the canonical form it was written from. Run from the repository
root after changing this script (it needs python-docx; the PDFs need LibreOffice, qpdf and
poppler-utils):

    python tests/documents/make_documents.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from reviewer.readers import read_forms  # noqa: E402
from reviewer.form.serialize import dumps  # noqa: E402

FONT = "WenQuanYi Micro Hei"
FUNDS_LABELS = {"total": "年度资金总额：", "fiscal": "其中：当年财政拨款", "carryover": "上年结转资金",
                "other": "其他资金"}


def golden_forms(stem: str) -> list[dict]:
    text = (ROOT / "golden" / "parse" / f"{stem}.json").read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal)["forms"]


def text_forms(name: str) -> list[dict]:
    """A form of tests/forms as its text reader reads it, in the canonical JSON."""
    return json.loads(dumps({"forms": read_forms(str(ROOT / "tests" / "forms" / name))}),
                      parse_float=Decimal)["forms"]


def printed(row: dict | None, key: str) -> str:
    """A cell as the form printed it: its raw text, else its value, else blank."""
    if row is None:
        return ""
    raw = row.get("raw") or {}
    if key in raw:
        return raw[key]
    value = row.get(key)
    return "" if value is None else str(value)


# ---- a table built from boxes: (first row, first column, last row, last column, text) ----

@dataclass
class Box:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


@dataclass
class Grid:
    widths: list[float]                       # column widths, cm
    boxes: list[Box] = field(default_factory=list)
    rows: int = 0
    header_rows: int = 0                      # rows repeated at the top of every page
    ruled: bool = True                        # cell borders drawn
    label: str | None = None                  # a line printed above the table ("续表")

    def row(self, *cells: tuple[str, int]) -> int:
        """Append a row of (text, columns spanned) cells; returns its index."""
        col = 0
        for text, span in cells:
            if text is not None:
                self.boxes.append(Box(self.rows, col, text, cols=span))
            col += span
        assert col == len(self.widths), (col, cells)
        self.rows += 1
        return self.rows - 1

    def merge_down(self, first: int, col: int, last: int, cols: int = 1) -> None:
        """Make the box at (first, col) cover the rows down to ``last`` (a vertical merge)."""
        box = next(b for b in self.boxes if b.row == first and b.col == col)
        box.rows, box.cols = last - first + 1, cols
        self.boxes = [b for b in self.boxes
                      if b is box or not (first < b.row <= last and col <= b.col < col + cols)]


def write_table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=grid.rows, cols=len(grid.widths))
    if grid.ruled:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, grid.widths):
        column.width = Cm(width)  # the table's grid: what LibreOffice lays the columns out by
    for row in table.rows:
        # A row is never cut by a page break: a cut row would print as two rows.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, grid.widths):
            cell.width = Cm(width)
    for row in table.rows[:grid.header_rows]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for box in grid.boxes:
        cell = table.cell(box.row, box.col)
        if box.rows > 1 or box.cols > 1:
            cell = cell.merge(table.cell(box.row + box.rows - 1, box.col + box.cols - 1))
        paragraphs = box.text.split("\n")
        cell.paragraphs[0].text = paragraphs[0]
        for text in paragraphs[1:]:
            cell.add_paragraph(text)


# ---- the indicator rows, grouped as printed: one merged cell per category ----

def groups(indicators: list[dict], key: str) -> list[list[dict]]:
    """Runs of rows under one category cell: a new run where the category changes or a row
    prints its category itself (with a weight, say)."""
    runs: list[list[dict]] = []
    for row in indicators:
        if not runs or row[key] != runs[-1][0][key] or key in (row.get("raw") or {}):
            runs.append([row])
        else:
            runs[-1].append(row)
    return runs


def indicator_rows(grid: Grid, form: dict, cells, level_cols: tuple[int, int],
                   category_rows: bool = False) -> None:
    """Rows of the indicator table; ``cells(row)`` gives a row's cells right of the two level
    columns. The 一级 and 二级 cells are merged down over their rows."""
    lead = [("", 1)] * level_cols[0]  # the block label's column, merged down from the header
    width = len(grid.widths) - level_cols[1] - 1
    for level1_rows in groups(form["indicators"], "level1"):
        top1 = grid.rows
        if category_rows:
            grid.row(*lead, (printed(level1_rows[0], "level1"), 1), ("", 1), *[("", 1)] * width)
        for level2_rows in groups(level1_rows, "level2"):
            top2 = grid.rows
            for i, row in enumerate(level2_rows):
                level1 = printed(row, "level1") if grid.rows == top1 else ""
                level2 = printed(row, "level2") if i == 0 else ""
                grid.row(*lead, (level1, 1), (level2, 1), *cells(row))
            grid.merge_down(top2, level_cols[1], grid.rows - 1)
        grid.merge_down(top1, level_cols[0], grid.rows - 1)


# ---- layouts ----

def mof(form: dict) -> list[Grid]:
    """Seed 001: one table of 11 columns, block labels in the first column."""
    grid = Grid([1.0, 1.4, 1.5, 2.0, 1.0, 1.6, 1.6, 1.0, 1.0, 2.2, 1.7])
    grid.row(("项目名称", 3), (form["project"] or "", 8))
    grid.row(("主管部门", 3), (form["department"] or "", 3), ("实施单位", 2), (form["implementer"] or "", 3))
    top = grid.row((f"项目资金\n（{form['unit'] or '万元'}）", 2), ("", 2), ("年初预算数", 1), ("全年预算数", 1),
                   ("全年执行数", 1), ("分值", 1), ("执行率", 1), ("得分", 2))
    for key, row in form["funds"].items():
        if row is not None:
            grid.row(("", 2), (FUNDS_LABELS[key], 2),
                     *[(printed(row, c), 1) for c in ("initial_budget", "adjusted_budget", "executed",
                                                      "weight", "rate")], (printed(row, "score"), 2))
    grid.merge_down(top, 0, grid.rows - 1, cols=2)
    top = grid.row(("年度\n总体\n目标", 1), ("预期目标", 5), ("实际完成情况", 5))
    grid.row(("", 1), (form["goals"]["expected"] or "", 5), (form["goals"]["actual"] or "", 5))
    grid.merge_down(top, 0, grid.rows - 1)
    top = grid.row(("绩效\n指标", 1), ("一级指标", 1), ("二级指标", 1), ("三级指标", 2), ("年度指标值", 1),
                   ("实际完成值", 1), ("分值", 1), ("得分", 1), ("偏差原因分析及改进措施", 2))
    indicator_rows(grid, form, lambda r: [(printed(r, "name"), 2), (printed(r, "target"), 1),
                                          (printed(r, "actual"), 1), (printed(r, "weight"), 1),
                                          (printed(r, "score"), 1), (printed(r, "explanation"), 2)],
                   (1, 2))
    grid.merge_down(top, 0, grid.rows - 1)
    total_rows(grid, form, label_span=7, tail=[("", 2)])
    return [grid]


def shanghai(form: dict) -> list[Grid]:
    """Seed 003: 一级指标 in the first column, 分数 and 执行率(%) in the funds."""
    grid = Grid([1.9, 1.8, 3.0, 2.0, 2.0, 1.3, 1.4, 3.2])
    grid.row(("项目名称", 1), (form["project"] or "", 7))
    grid.row(("主管部门", 1), (form["department"] or "", 3), ("实施单位", 1), (form["implementer"] or "", 3))
    top = grid.row((f"项目资金\n（{form['unit'] or '万元'}）", 1), ("", 1), ("年初预算数", 1), ("全年预算数", 1),
                   ("全年执行数", 1), ("分数", 1), ("执行率(%)", 1), ("得分", 1))
    for key, row in form["funds"].items():
        if row is not None:
            grid.row(("", 1), (FUNDS_LABELS[key], 1),
                     *[(printed(row, c), 1) for c in ("initial_budget", "adjusted_budget", "executed",
                                                      "weight", "rate", "score")])
    grid.merge_down(top, 0, grid.rows - 1)
    top = grid.row(("年度\n总体\n目标", 1), ("预期目标", 3), ("实际完成情况", 4))
    grid.row(("", 1), (form["goals"]["expected"] or "", 3), (form["goals"]["actual"] or "", 4))
    grid.merge_down(top, 0, grid.rows - 1)
    grid.row(("一级\n指标", 1), ("二级\n指标", 1), ("三级指标", 1), ("年度指标值", 1), ("实际完成值", 1),
             ("分值", 1), ("得分", 1), ("偏差原因分析\n及改进措施", 1))
    indicator_rows(grid, form, lambda r: [(printed(r, f), 1) for f in ("name", "target", "actual", "weight",
                                                                       "score", "explanation")], (0, 1))
    total_rows(grid, form, label_span=5, tail=[("", 1)])
    return [grid]


GOAL_HEADERS = (("年度目标", "全年实际完成情况"), ("年初设定目标", "全年目标实际完成情况综述"))


def weights_first(form: dict, number: int = 0) -> list[Grid]:
    """A provincial order: 分值 before 年度指标值, no 年初预算数; the indicators in a table of their own."""
    head = Grid([2.0, 3.0, 2.4, 2.4, 2.4, 2.4, 2.4])
    head.row(("项目名称", 1), (form["project"] or "", 6))
    head.row(("主管部门", 1), (form["department"] or "", 2), ("实施单位", 1), (form["implementer"] or "", 3))
    top = head.row((f"项目资金（{form['unit'] or '万元'}）", 1), ("", 1), ("全年预算数(A)", 1), ("全年执行数(B)", 1),
                   ("分数", 1), ("执行率(B/A)", 1), ("得分", 1))
    for key, row in form["funds"].items():
        if row is not None:
            head.row(("", 1), (FUNDS_LABELS[key], 1),
                     *[(printed(row, c), 1) for c in ("adjusted_budget", "executed", "weight", "rate", "score")])
    head.merge_down(top, 0, head.rows - 1)
    expected, actual = GOAL_HEADERS[number % 2]
    top = head.row(("年度总体目标", 1), (expected, 3), (actual, 3))
    head.row(("", 1), (form["goals"]["expected"] or "", 3), (form["goals"]["actual"] or "", 3))
    head.merge_down(top, 0, head.rows - 1)

    body = Grid([1.6, 2.0, 3.0, 1.1, 2.0, 2.0, 1.1, 4.2], header_rows=1)
    body.row(("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("分值", 1), ("年度指标值", 1), ("全年实际值", 1),
             ("得分", 1), ("偏差原因分析及改进措施", 1))
    indicator_rows(body, form, lambda r: [(printed(r, f), 1) for f in ("name", "weight", "target", "actual",
                                                                       "score", "explanation")],
                   (0, 1), category_rows=True)
    if form["total"] is not None:
        body.row(("总分", 3), (printed(form["total"], "weight"), 1), ("", 2), (printed(form["total"], "score"), 1),
                 ("", 1))
    if form["grade"]:
        body.row(("评分等级", 3), (form["grade"], 5))
    return [head, body]


def total_rows(grid: Grid, form: dict, label_span: int, tail: list[tuple[str, int]]) -> None:
    if form["total"] is not None:
        grid.row(("总分", label_span), (printed(form["total"], "weight"), 1),
                 (printed(form["total"], "score"), 1), *tail)
    if form["grade"]:
        rest = len(grid.widths) - label_span
        grid.row(("评分等级", label_span), (form["grade"], rest))


def continued(form: dict) -> list[Grid]:
    """Seed 001's layout cut in the middle of the indicators into two tables, the second on the
    next page under a 续表 line, as Word's "split table" leaves a form."""
    [grid] = mof(form)
    return split(grid, grid.rows - len(form["indicators"]) // 2 - 1)


def split(grid: Grid, at: int) -> list[Grid]:
    """The rows above ``at`` and the rows from it on; a cell merged across the cut keeps its text
    above it and goes on, empty, below."""
    top, bottom = Grid(grid.widths), Grid(grid.widths, label="续表")
    top.rows, bottom.rows = at, grid.rows - at
    for box in grid.boxes:
        if box.row < at:
            top.boxes.append(Box(box.row, box.col, box.text, min(box.rows, at - box.row), box.cols))
        if box.row + box.rows > at:
            first = max(box.row, at)
            text = box.text if box.row >= at else ""
            bottom.boxes.append(Box(first - at, box.col, text, box.row + box.rows - first, box.cols))
    return [top, bottom]


def plain(form: dict) -> list[Grid]:
    """Seed 003's layout with no cell borders, on a landscape page with columns wide enough
    for their headers: a PDF whose table has no ruling lines to find."""
    [grid] = shanghai(form)
    grid.ruled = False
    grid.widths = [2.2, 2.2, 4.4, 2.6, 2.6, 1.8, 2.0, 5.2]
    return [grid]


LAYOUTS = {"mof": mof, "weights-first": weights_first, "shanghai": shanghai, "continued": continued,
           "plain": plain}


# ---- documents ----

def new_document(footer: bool, landscape: bool = False):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(9)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    if footer:
        add_page_number(section.footer.paragraphs[0])
    return doc


def add_page_number(paragraph) -> None:
    """"- N -" in the footer, N Word's PAGE field: page furniture the PDF reader must pass over."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_.append(run)
    paragraph._p.append(field_)
    paragraph.add_run(" -")


def write_form(doc, form: dict, layout: str, number: int, title: str) -> None:
    if number:
        doc.add_page_break()
    heading = doc.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].font.size = Pt(16)
    year = doc.add_paragraph(f"（{form['year']}年度）")
    year.alignment = WD_ALIGN_PARAGRAPH.CENTER
    grids = weights_first(form, number) if layout == "weights-first" else LAYOUTS[layout](form)
    for i, grid in enumerate(grids):
        if i:
            doc.add_page_break()
        if grid.label:
            doc.add_paragraph(grid.label)
        write_table(doc, grid)
    for note in form["notes"]:
        doc.add_paragraph(note)


def write_document(path: Path, forms: list[dict], layout: str, title: str = "项目支出绩效自评表",
                   after: list[str] = ()) -> None:
    doc = new_document(footer=layout in ("shanghai", "plain"), landscape=layout == "plain")
    for number, form in enumerate(forms):
        write_form(doc, form, layout, number, title)
    for text in after:
        doc.add_paragraph(text)
    doc.core_properties.author = "reviewer tests"
    doc.save(str(path))
    print("wrote", shown(path))


SEEDS = {"001": "001_1fb274d828a9de78", "003": "003_caa427bb58be876f"}
TITLES = {"001": "市本级项目支出绩效自评表", "003": "财政项目支出绩效自评表"}
# A signature block and a date after a table that has no 总分 row: notes, never indicators.
SIGN_OFF = ["注：本表金额单位为元。", "单位负责人：李四    填表人：张三    联系电话：0000-1234567",
            "填报日期：2025年1月20日"]


def write_documents() -> list[Path]:
    written = []
    for seed, stem in SEEDS.items():
        for layout in LAYOUTS:
            forms = golden_forms(stem)
            if layout == "plain":
                # The PDF-text reader was made for seed 003's text: three of its forms are enough.
                if seed != "003":
                    continue
                forms = forms[:3]
            if layout == "continued" and seed != "001":
                continue
            path = OUT / f"{layout}_{seed}.docx"
            write_document(path, forms, layout, TITLES[seed])
            written.append(path)
    extra = [("weights-first_sichuan.docx", text_forms("tab_sichuan.txt"), "weights-first", SIGN_OFF),
             ("mof_pdf_mof2020.docx", text_forms("pdf_mof2020.txt"), "mof", [])]
    for name, forms, layout, after in extra:
        write_document(OUT / name, forms, layout, after=after)
        written.append(OUT / name)
    return written


def write_bad_inputs(source_docx: Path) -> None:
    bad = OUT / "bad"
    bad.mkdir(exist_ok=True)
    data = source_docx.read_bytes()
    (bad / "corrupt.docx").write_bytes(data[: len(data) // 3])
    doc = new_document(footer=False)
    doc.add_paragraph("关于报送2024年度项目支出绩效自评结果的说明")
    doc.add_paragraph("项目名称：公积金管理业务费用项目。自评表见附件，本文件只有说明文字，没有表格。")
    doc.save(str(bad / "no_table.docx"))
    sichuan = (ROOT / "tests" / "forms" / "tab_sichuan.txt").read_text(encoding="utf-8")
    (bad / "utf16le_nobom.txt").write_bytes(sichuan.encode("utf-16-le"))
    print("wrote", shown(bad), "corrupt.docx no_table.docx utf16le_nobom.txt")


def convert(paths: list[Path], target: str, outdir: Path) -> bool:
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"soffice not found: {target} files not written (apt-get install libreoffice-writer-nogui)")
        return False
    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own: a desktop LibreOffice left open would otherwise take the job.
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        target, "--outdir", str(outdir), *map(str, paths)], check=True,
                       stdout=subprocess.DEVNULL)
    return True


def write_legacy_and_pdf_bad_inputs(pdf: Path, docx: Path) -> None:
    bad = OUT / "bad"
    with tempfile.TemporaryDirectory() as tmp:
        legacy = Path(tmp) / "legacy.docx"
        shutil.copy(docx, legacy)
        if convert([legacy], "doc", bad):
            print("wrote", shown(bad / "legacy.doc"))
        workbook = Path(tmp) / "legacy.xlsx"
        write_workbook(workbook)
        if convert([workbook], "xls", bad):
            print("wrote", shown(bad / "legacy.xls"))
    run_tool(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", str(pdf),
              str(bad / "encrypted.pdf")], bad / "encrypted.pdf")
    scanned(pdf, bad / "scanned.pdf")


def write_workbook(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in (ROOT / "tests" / "forms" / "tab_sichuan.txt").read_text(encoding="utf-8").splitlines():
        sheet.append(line.split("\t"))
    book.save(path)


def scanned(pdf: Path, target: Path) -> None:
    """The first page as a picture and nothing else: what a scanner gives."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: scanned.pdf not written (apt-get install poppler-utils)")
        return
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", "-png", str(pdf),
                        f"{tmp}/page"], check=True)
        [png] = Path(tmp).glob("page*.png")
        Image.open(png).save(target, "PDF", resolution=50)
    print("wrote", shown(target))


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def run_tool(command: list[str], target: Path) -> None:
    if shutil.which(command[0]) is None:
        print(f"{command[0]} not found: {shown(target)} not written")
        return
    subprocess.run(command, check=True)
    print("wrote", shown(target))


# LibreOffice's CSV export options: separator, quote, UTF-8, from line 1, no column formats,
# language, quote text cells: no, detect special numbers, cells as shown (as Excel saves them),
# formulas: no, no BOM, every sheet to a file of its own (NAME-SHEET.csv).
CSV_OPTIONS = "{separator},34,76,1,,0,false,true,true,false,false,-1"


def write_spreadsheets() -> None:
    """Seed 001 as the workbook `reviewer check --format xlsx` writes, saved by LibreOffice as .xls
    (xls_001.xls) and as CSV (the first form's sheet: csv_001.csv with commas, csv-semicolon_001.csv
    with semicolons, csv-gbk_001.csv the comma file in GBK, as Excel saves CSV on a Chinese
    Windows)."""
    import reviewer
    from reviewer.reports.xlsx import write_workbook as write_report

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "report_001.xlsx"
        write_report(reviewer.check(reviewer.read(ROOT / "golden" / "seeds" / f"{SEEDS['001']}.txt")), str(book))
        if not convert([book], "xls", Path(tmp)):
            return
        shutil.copy(Path(tmp) / "report_001.xls", OUT / "xls_001.xls")
        print("wrote", shown(OUT / "xls_001.xls"))
        for name, separator in (("csv_001.csv", 44), ("csv-semicolon_001.csv", 59)):
            sheets = Path(tmp) / str(separator)
            convert([book], "csv:Text - txt - csv (StarCalc):" + CSV_OPTIONS.format(separator=separator), sheets)
            first_form = sorted(p for p in sheets.glob("*.csv") if not p.name.endswith("-汇总.csv"))[0]
            shutil.copy(first_form, OUT / name)
            print("wrote", shown(OUT / name))
    text = (OUT / "csv_001.csv").read_text(encoding="utf-8")
    (OUT / "csv-gbk_001.csv").write_bytes(text.encode("gbk"))
    print("wrote", shown(OUT / "csv-gbk_001.csv"))


def first_form_sheet():
    """A workbook holding seed 001's first form, a cell a field, and its sheet."""
    import openpyxl

    lines = [line.split("\t") for line in (ROOT / "golden" / "seeds" / f"{SEEDS['001']}.txt").read_text("utf-8").splitlines()]
    first_form = lines[: next(i for i, cells in enumerate(lines) if cells[0].startswith("附件")) + 1]
    book = openpyxl.Workbook()
    sheet = book.active
    for row, cells in enumerate(first_form, 1):
        for column, text in enumerate(cells, 1):
            sheet.cell(row, column, text or None)
    return book, sheet


def save_as_xls(book, name: str) -> None:
    """The workbook saved by LibreOffice as tests/documents/NAME."""
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / Path(name).with_suffix(".xlsx").name
        book.save(workbook)
        if convert([workbook], "xls", Path(tmp)):
            shutil.copy(Path(tmp) / name, OUT / name)
            print("wrote", shown(OUT / name))


def write_hidden_xls() -> None:
    """Seed 001's first form as an agency's .xls with its working hidden (xls-hidden.xls): a row
    with content hidden inside the indicator table, and a hidden column beside it."""
    book, sheet = first_form_sheet()
    sheet.insert_rows(20)
    for column, text in enumerate(["", "", "测算行（隐藏）", "1", "1", "1", "1"], 1):
        sheet.cell(20, column, text or None)
    sheet.row_dimensions[20].hidden = True
    for row in range(18, 30):
        sheet.cell(row, 12, "测算：4/4")
    sheet.column_dimensions["L"].hidden = True
    save_as_xls(book, "xls-hidden.xls")


def write_print_area_xls() -> None:
    """Seed 001's first form as an .xls whose print area (A1:K40) leaves out the agency's working:
    a column beside the table and a draft line below it (xls-print-area.xls)."""
    book, sheet = first_form_sheet()
    for row in range(17, 36):
        sheet.cell(row, 13, "测算：4/4")
    sheet.cell(45, 1, "草稿：上年得分 96")
    sheet.print_area = "A1:K40"
    save_as_xls(book, "xls-print-area.xls")


PDFTOTEXT = {"default": [], "layout": ["-layout"], "raw": ["-raw"]}


def write_pdftotext() -> None:
    """What poppler's pdftotext gives of two PDFs, in its three modes (pdftotext/NAME.MODE.txt)."""
    folder = OUT / "pdftotext"
    folder.mkdir(exist_ok=True)
    for name in ("mof_pdf_mof2020", "shanghai_001"):
        for mode, options in PDFTOTEXT.items():
            target = folder / f"{name}.{mode}.txt"
            run_tool(["pdftotext", *options, str(OUT / f"{name}.pdf"), str(target)], target)


def main() -> None:
    documents = write_documents()
    write_bad_inputs(documents[0])
    if convert(documents, "pdf", OUT):
        for path in documents:
            print("wrote", shown(path.with_suffix(".pdf")))
        write_legacy_and_pdf_bad_inputs(OUT / "mof_pdf_mof2020.pdf", OUT / "mof_pdf_mof2020.docx")
    write_spreadsheets()
    write_hidden_xls()
    write_print_area_xls()
    write_pdftotext()


if __name__ == "__main__":
    main()
