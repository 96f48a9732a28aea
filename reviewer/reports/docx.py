"""The Word report: the agency's own document back, as a reviewer marks it up by hand.

A form read from a .docx file is written back as a copy of that file, its formatting kept:
every finding becomes a Word comment (批注) on the cell it concerns, placed as the HTML and Excel
reports place it (``annotate.py``), and each draft is written into the empty 偏差原因分析及改进措施
cell of its row, marked as a draft ("【起草·模板】" from the offline templates, "【起草·模型】"
from a model). A draft that failed its checks, a critique, and a draft for a cell that already
holds text go in a comment instead: the agency's own words are never overwritten. Form-level
findings and the form's 审核意见 go in a comment on its 项目名称 cell.

Where each cell is comes from the reader (``readers.docx.source_cells``): the grid reader that
read the form records the grid position of each field, so columns are found by their headers
here exactly as when the form was read. A form read from anything else (text, PDF, a workbook,
JSON) is written in the standard layout instead, with the same comments and drafts.

One .docx report holds the forms of one input file; the forms of several files need ``-o`` a
folder, which gets one ``<name>-审核.docx`` per file.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lxml import etree

from reviewer.errors import InputError
from reviewer.form.model import FUNDS_COLUMNS, Form
from reviewer.readers.tabular import FormPlaces, Place
from reviewer.reports.annotate import (
    AnnotatedForm,
    Row,
    annotate_all,
    explanation_head,
    finding_text,
    form_review,
    level_runs,
)
from reviewer.reports.formtext import FUNDS_HEADERS, FUNDS_ROW_LABELS
from reviewer.reports.xlsx import INDICATOR_FIELDS, INDICATOR_HEADERS, TITLE, indicators_label

if TYPE_CHECKING:
    from reviewer.llm.review import Explanation, Reviewed
    from reviewer.readers.docx import SourceCells
    from reviewer.rules.results import CheckResult

AUTHOR, INITIALS = "reviewer", "R"
# How a draft written into the form is marked: what wrote it.
DRAFT_MARKS = {"template": "【起草·模板】", "ok": "【起草·模型】"}
REPORT_SUFFIX = "-审核.docx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PHRASES = {
    "zh": {
        "not_written": "未写入表格：",
        "cell_filled": "原栏已有文字，草稿未写入：",
        "no_cell": "表中没有偏差原因分析栏，草稿未写入：",
        "rewrite": "建议改写：",
    },
    "en": {
        "not_written": "not written into the form: ",
        "cell_filled": "the cell already holds text; the draft was not written: ",
        "no_cell": "the form has no explanation column; the draft was not written: ",
        "rewrite": "Suggested rewrite: ",
    },
}


def write_documents(
    result: CheckResult,
    output: str,
    lang: str = "zh",
    reviews: Sequence[Reviewed] | None = None,
    by: str | None = None,
) -> list[str]:
    """Write the Word report of ``result`` (checked with ``keep_forms``): one document per input
    file, at ``output`` or, when ``output`` is a folder, in it. ``by`` names who wrote the drafts
    and comments (a model, "offline"). Returns the paths written."""
    sources: dict[str | None, list[AnnotatedForm]] = {}
    for annotated in annotate_all(result.form_results, reviews):
        read_from = annotated.form.source
        sources.setdefault(read_from.file if read_from else None, []).append(annotated)
    targets = report_paths(list(sources), output)
    for (source, forms), target in zip(sources.items(), targets):
        if source is not None and _is_word(source, forms):
            document = _marked_copy(source, forms, lang, by)
        else:
            document = _standard(forms, lang, by)
        try:
            document.save(target)
        except OSError as failure:
            raise InputError(target, f"cannot write the report: {failure.strerror}") from None
    return targets


def write_docx(
    data: bytes,
    name: str,
    result: CheckResult,
    reviews: Sequence[Reviewed] | None = None,
    lang: str = "zh",
    by: str | None = None,
) -> bytes:
    """The Word report of the uploaded document ``data`` (named ``name``, as its forms' source):
    the web app's export, which keeps uploads in memory."""
    import io

    forms = [a for a in annotate_all(result.form_results, reviews) if a.form.source and a.form.source.path == name]
    written = io.BytesIO()
    _marked_copy(name, forms, lang, by, data).save(written)
    return written.getvalue()


def report_paths(sources: Sequence[str | None], output: str) -> list[str]:
    """Where the report of each input file goes: ``output`` for one file; for a folder (one that
    exists, or a path ending in a slash), ``<folder>/<name>-审核.docx`` per file."""
    if not (os.path.isdir(output) or output.endswith(("/", os.sep))):
        if len(sources) > 1:
            raise InputError(
                output,
                f"one .docx report per input file, and the forms come from {len(sources)} files; "
                "give -o a folder (--format docx -o 审核/) to write one report per file",
            )
        targets = [output]
    else:
        os.makedirs(output, exist_ok=True)
        targets, taken = [], set()
        for source in sources:
            stem = Path(source).stem if source else "自评表"
            name, n = stem + REPORT_SUFFIX, 2
            while name in taken:
                name, n = f"{stem}({n}){REPORT_SUFFIX}", n + 1
            taken.add(name)
            targets.append(os.path.join(output, name))
    for source, target in zip(sources, targets):
        if source and os.path.exists(source) and os.path.exists(target) and os.path.samefile(source, target):
            raise InputError(target, "the report would overwrite the form it is about: write it to another file")
    return targets


def _is_word(source: str, forms: Sequence[AnnotatedForm]) -> bool:
    return os.path.isfile(source) and all(a.form.source is not None and a.form.source.reader == "docx" for a in forms)


# ---- where a form's cells are ----


class _Cells(Protocol):
    def cell(self, row: Row, field: str) -> tuple[Place, Any] | None:
        """The place of a field's cell (to order cells by) and its Word cell (w:tc)."""

    def form_cell(self) -> Any | None:
        """The cell that takes the form's own comment: its 项目名称."""


class _SourceCells:
    """The cells of a form in the document it was read from, where the reader found them."""

    def __init__(self, source: SourceCells, places: FormPlaces, form: Form):
        self.source, self.places, self.form = source, places, form

    def cell(self, row: Row, field: str) -> tuple[Place, Any] | None:
        if field == "grade":
            place = self.places.header.get("grade")
        else:
            line = _line_of(self.form, row)
            place = self.places.rows.get(line, {}).get(field) if line is not None else None
        tc = self.source.cell(place) if place is not None else None
        return None if place is None or tc is None else (place, tc)

    def form_cell(self) -> Any | None:
        place = self.places.header.get("project") or min(
            (p for fields in self.places.rows.values() for p in fields.values()), default=None
        )
        return self.source.cell(place) if place is not None else None


def _line_of(form: Form, row: Row) -> int | None:
    kind, key = row
    if kind == "indicator":
        assert isinstance(key, int)
        return form.indicators[key].line
    if kind == "funds":
        funds = getattr(form.funds, str(key))
        return funds.line if funds is not None else None
    return form.total.line if form.total is not None else None


def _marked_copy(path: str, forms: Sequence[AnnotatedForm], lang: str, by: str | None, data: bytes | None = None):
    from reviewer.readers.docx import source_cells

    source = source_cells(path, data)
    places = {p.line: p for p in source.forms}
    for annotated in forms:
        assert annotated.form.source is not None
        found = places.get(annotated.form.source.line or 0)
        if found is None:
            raise InputError(path, "the document changed after it was read: check it again")
        _Marker(source.document, annotated, lang, by, _SourceCells(source, found, annotated.form)).mark()
    return source.document


# ---- comments and drafts ----


class _Marker:
    """Writes one form's findings, drafts and critiques into the document."""

    def __init__(self, document, annotated: AnnotatedForm, lang: str, by: str | None, cells: _Cells):
        self.document, self.annotated, self.lang, self.by, self.cells = document, annotated, lang, by, cells
        self.phrases = _PHRASES["zh" if lang == "zh" else "en"]
        self.unplaced: list[str] = []  # what has no cell of its own goes in the form's comment

    def mark(self) -> None:
        # Drafts first: a comment on an explanation cell then spans the draft written into it.
        self._explanations()
        self._findings()
        lines = form_review(self.annotated, self.lang, self.by) + self.unplaced
        tc = self.cells.form_cell()
        if lines and tc is not None:
            self._comment([tc], "\n".join(lines))

    def _findings(self) -> None:
        fields: dict[int, list[str]] = {}
        for (_, field), findings in self.annotated.cells.items():
            for finding in findings:
                fields.setdefault(id(finding), []).append(field)
        for row, findings in self.annotated.rows.items():
            for finding in findings:
                found = sorted(
                    (c for field in fields.get(id(finding), []) if (c := self.cells.cell(row, field))),
                    key=lambda c: c[0],
                )
                cells = [tc for _, tc in found] or self._row_cell(row)
                self._comment_or_keep(cells, finding_text(finding, self.lang))

    def _row_cell(self, row: Row) -> list[Any]:
        """Where a finding goes that marks no cell of its row: the row's name or label."""
        found = self.cells.cell(row, "name") or self.cells.cell(row, "label")
        return [found[1]] if found else []

    def _explanations(self) -> None:
        for row, explanations in self.annotated.explanations.items():
            found = self.cells.cell(row, "explanation")
            cell = found[1] if found else None
            # The form read no explanation: the cells of the column on this row are all blank.
            blank = self.annotated.form.indicators[int(row[1])].explanation is None
            for explanation in explanations:
                # A draft a reviewer took is written as theirs: "【起草·已修改】…".
                mark = f"【{explanation_head(explanation, 'zh')}】" if explanation.decision else None
                mark = mark or DRAFT_MARKS.get(explanation.status)
                if explanation.mode == "draft" and mark and explanation.text:
                    if cell is not None and blank:
                        blank = False
                        _write_text(self.document, cell, mark + explanation.text)
                        continue
                    why = self.phrases["cell_filled" if cell is not None else "no_cell"]
                else:
                    why = self.phrases["not_written"] if explanation.mode == "draft" else ""
                self._comment_or_keep([cell] if cell is not None else self._row_cell(row), self._note(explanation, why))

    def _note(self, explanation: Explanation, why: str) -> str:
        """A draft or critique as a comment: what it is, who wrote it, its text and its problems."""
        by = f"（{self.by}）" if self.by and self.lang == "zh" else f" ({self.by})" if self.by else ""
        lines = [f"【{explanation_head(explanation, self.lang)}】{by}"]
        if explanation.rejected:
            lines += [why + "；".join(explanation.problems), explanation.text]
        else:
            lines.append(why + explanation.text)
        rewrite = explanation.detail.get("rewrite") if explanation.mode == "critique" else None
        if rewrite:
            lines.append(self.phrases["rewrite"] + rewrite)
        return "\n".join(line for line in lines if line)

    def _comment_or_keep(self, cells: list[Any], text: str) -> None:
        if cells:
            self._comment(cells, text)
        else:
            self.unplaced.append(text)

    def _comment(self, cells: list[Any], text: str) -> None:
        """A comment on the text of ``cells``, from the first to the last (one row, left to right)."""
        first, last = _runs(self.document, cells[0]), _runs(self.document, cells[-1])
        self.document.add_comment([first[0], last[-1]], text=_clean(text), author=AUTHOR, initials=INITIALS)


def _runs(document, tc) -> list[Any]:
    """The runs of a cell's paragraphs; an empty run where it has none, to anchor a comment on."""
    from docx.text.paragraph import Paragraph

    paragraphs = [Paragraph(p, document._body) for p in tc.findall(f"{_W}p")]
    runs = [run for paragraph in paragraphs for run in paragraph.runs]
    if runs:
        return runs
    if not paragraphs:
        paragraphs = [Paragraph(tc.add_p(), document._body)]
    return [paragraphs[0].add_run()]


def _write_text(document, tc, text: str) -> None:
    """Text in an empty cell, in the font of the cell's empty run or paragraph mark, else of the row."""
    from docx.text.paragraph import Paragraph

    template = next((found[0] for found in (xpath(tc) for xpath in _FONT_SOURCES) if found), None)
    paragraph = tc.find(f"{_W}p")
    run = Paragraph(paragraph if paragraph is not None else tc.add_p(), document._body).add_run(_clean(text))
    if template is not None:
        properties = copy.deepcopy(template)
        properties.tag = f"{_W}rPr"
        # A paragraph mark's own revision marks are not the run's.
        for mark in properties.findall("*"):
            if mark.tag in {f"{_W}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}:
                properties.remove(mark)
        run._r.insert(0, properties)


_RUN_PROPERTIES = "w:r[not(w:commentReference)]/w:rPr"  # a comment's mark has a style of its own
_FONT_SOURCES = [
    etree.XPath(path, namespaces={"w": _W[1:-1]})
    for path in (f"w:p/{_RUN_PROPERTIES}", "w:p/w:pPr/w:rPr", f"../w:tc//{_RUN_PROPERTIES}")
]


def _clean(text: str) -> str:
    """What XML can hold: control characters (other than tab and newline) are dropped."""
    return "".join(c for c in text if c >= " " or c in "\t\n")


# ---- the standard layout, for a form read from anything but a Word file ----

# Two tables, as many templates print them, so that each has columns its numbers fit: the header,
# funds and goals (a label column, then the six funds columns), and the indicator table. The
# widths fill an A4 page less 2 cm margins.
HEAD_WIDTHS_CM = (2.6, 2.4, 2.4, 2.4, 2.4, 2.4, 2.4)
INDICATOR_WIDTHS_CM = (1.8, 1.8, 3.2, 2.0, 2.0, 1.1, 1.1, 4.0)
FONT = "宋体"


def _standard(forms: Sequence[AnnotatedForm], lang: str, by: str | None):
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    for n, annotated in enumerate(forms):
        if n:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        cells = _StandardLayout(document, annotated.form).write()
        _Marker(document, annotated, lang, by, cells).mark()
    return document


class _StandardLayout:
    """A form laid out as the templates print it: title, header rows, funds table and goals, then
    the indicator table (the Excel report's columns) with merged category cells, 总分 and 评分等级;
    the notes below. Records the cell of every field, for the comments."""

    def __init__(self, document, form: Form):
        self.document, self.form = document, form
        self.table: Any = None
        self.widths: tuple[float, ...] = ()
        self.rows = 0  # in the current table
        self.placed: dict[tuple[Row, str], tuple[Place, Any]] = {}
        self.project: Any = None

    def write(self) -> _StandardLayout:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        form = self.form
        for text, size in ((TITLE, 16), (f"（{form.year}年度）" if form.year is not None else "", 12)):
            if text:
                paragraph = self.document.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(text)
                run.bold, run.font.size = True, Pt(size)
        self._new_table(HEAD_WIDTHS_CM)
        self._header()
        self._funds()
        self._goals()
        self._new_table(INDICATOR_WIDTHS_CM)
        self._indicators()
        self._total()
        for note in form.notes:
            self.document.add_paragraph(note)
        return self

    def _new_table(self, widths: tuple[float, ...]) -> None:
        from docx.shared import Cm

        self.table = self.document.add_table(rows=0, cols=len(widths))
        self.table.style = "Table Grid"
        self.table.autofit = False
        self.widths, self.rows = widths, 0
        for column, width in zip(self.table.columns, widths):
            column.width = Cm(width)

    def cell(self, row: Row, field: str) -> tuple[Place, Any] | None:
        return self.placed.get((row, field))

    def form_cell(self) -> Any | None:
        return self.project

    def _row(self, *cells: tuple[str, int] | tuple[str, int, str]) -> tuple[int, list[Any]]:
        """A table row of (text, columns spanned[, "restart" or "continue" a vertical merge]) cells:
        its index in the table, and each cell (w:tc). Written as XML: python-docx's table calls
        walk the whole table each time, minutes for a batch of forms."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm
        from docx.text.paragraph import Paragraph

        tr = OxmlElement("w:tr")
        self.table._tbl.append(tr)
        placed, column = [], 0
        for text, span, *merge in cells:
            tc = OxmlElement("w:tc")
            properties = OxmlElement("w:tcPr")
            width = OxmlElement("w:tcW", {qn("w:w"): str(Cm(sum(self.widths[column : column + span])).twips)})
            width.set(qn("w:type"), "dxa")
            properties.append(width)
            if span > 1:
                properties.append(OxmlElement("w:gridSpan", {qn("w:val"): str(span)}))
            if merge:
                properties.append(OxmlElement("w:vMerge", {qn("w:val"): merge[0]}))
            paragraph = OxmlElement("w:p")
            tc.extend((properties, paragraph))
            if text:
                Paragraph(paragraph, self.document._body).add_run(_clean(text))
            tr.append(tc)
            placed.append(tc)
            column += span
        self.rows += 1
        return self.rows - 1, placed

    def _put(self, where: Row, field: str, index: int, column: int, tc) -> None:
        # Rows are ordered within a table: a field's findings stay on one row.
        self.placed[(where, field)] = ((index, column), tc)

    def _header(self) -> None:
        form = self.form
        _, (label, value) = self._row(("项目名称", 1), (form.project or "", 6))
        self.project = value if form.project else label
        owners = [(t, v) for t, v in (("主管部门", form.department), ("实施单位", form.implementer)) if v is not None]
        if len(owners) == 2:
            self._row((owners[0][0], 1), (owners[0][1], 3), (owners[1][0], 1), (owners[1][1], 2))
        elif owners:
            self._row((owners[0][0], 1), (owners[0][1], 6))

    def _funds(self) -> None:
        rows = self.form.funds.rows()
        if not rows and self.form.unit is None:
            return
        label = f"项目资金（{self.form.unit}）" if self.form.unit else "项目资金"
        self._row((label, 1), *((header, 1) for header in FUNDS_HEADERS))
        for key, funds in rows:
            index, cells = self._row((FUNDS_ROW_LABELS[key], 1), *((funds.printed(f), 1) for f in FUNDS_COLUMNS))
            where: Row = ("funds", key)
            for column, (field, tc) in enumerate(zip(("label", *FUNDS_COLUMNS), cells)):
                self._put(where, field, index, column, tc)
        if self.form.funds.explanation is not None:
            self._row(("原因", 1), (self.form.funds.explanation, len(FUNDS_HEADERS)))

    def _goals(self) -> None:
        goals = self.form.goals
        if goals.expected is None and goals.actual is None and goals.process is None:
            return
        self._row(("年度总体目标", 1, "restart"), ("预期目标", 3), ("实际完成情况", 3))
        self._row(("", 1, "continue"), (goals.expected or "", 3), (goals.actual or "", 3))
        if goals.process is not None:
            self._row(("项目实施内容及过程概述", 1), (goals.process, 6))

    def _indicators(self) -> None:
        indicators = self.form.indicators
        if self.form.indicators_weight is not None:
            self._row((indicators_label(self.form.indicators_weight), len(INDICATOR_HEADERS)))
        self._row(*((header, 1) for header in INDICATOR_HEADERS))
        # The category cells, merged down over their runs: by row, its text and how it merges.
        levels: dict[str, dict[int, tuple[str, int] | tuple[str, int, str]]] = {}
        weights = self._unprinted_weights()
        for level in ("level1", "level2"):
            merges = levels[level] = {}
            for first, last in level_runs(indicators, level):
                text = indicators[first].printed(level)
                if level == "level1" and text in weights:
                    text = f"{text}({weights.pop(text)}分)"
                merges[first] = (text, 1, "restart") if last > first else (text, 1)
                merges.update((i, ("", 1, "continue")) for i in range(first + 1, last + 1))
        owners: dict[str, tuple[Place, Any]] = {}
        for i, indicator in enumerate(indicators):
            index, cells = self._row(
                *(levels[f][i] if f in levels else (indicator.printed(f), 1) for f in INDICATOR_FIELDS)
            )
            for column, (field, tc) in enumerate(zip(INDICATOR_FIELDS, cells)):
                if field in levels and levels[field][i][2:] == ("continue",):
                    place, tc = owners[field]  # a merged cell is the cell where it starts
                else:
                    place = (index, column)
                    owners[field] = (place, tc)
                self.placed[(("indicator", i), field)] = (place, tc)

    def _unprinted_weights(self) -> dict[str, object]:
        """The section weights no category cell prints (a form from JSON has them only in
        ``sections``): they go in the category's first cell, "产出指标(50分)", as forms print them."""
        printed = {row.level1 for row in self.form.indicators if "level1" in row.raw}
        return {s.level1: s.weight for s in self.form.sections if s.weight is not None and s.level1 not in printed}

    def _total(self) -> None:
        total = self.form.total
        where: Row = ("total", "")
        if total is not None:
            printed = ["" if value is None else str(value) for value in (total.weight, total.score)]
            index, (_, weight, score, _) = self._row(("总分", 5), (printed[0], 1), (printed[1], 1), ("", 1))
            self._put(where, "weight", index, 5, weight)
            self._put(where, "score", index, 6, score)
        if self.form.grade is not None:
            index, (_, grade) = self._row(("评分等级", 1), (self.form.grade, 7))
            self._put(where, "grade", index, 1, grade)
