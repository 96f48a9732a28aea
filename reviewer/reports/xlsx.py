"""The Excel report: a summary sheet, then one sheet per form in the familiar layout, flagged
cells filled in their severity's colour with the findings as a cell comment, and a 审核意见
column holding each row's findings and its drafted or critiqued explanation.

A form sheet is also a form: the Excel reader reads it back to the same canonical form. Cells
hold what the form printed: a number as a number under the format that shows it as printed
("1,430.80" is 1430.8 under ``#,##0.00``), anything else as text (never a formula). When a
form's source lines are known, each row is written on the sheet row of its source line and the
rows between are hidden, so the lines findings cite are the sheet's row numbers and the form
read back carries the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from reviewer.form.model import FUNDS_COLUMNS, Form
from reviewer.readers.cellformat import as_number
from reviewer.reports.annotate import (
    REJECTED,
    AnnotatedForm,
    Row,
    annotate_all,
    deductions,
    explanation_head,
    finding_text,
    form_review,
    level_runs,
    rule_counts,
    worst,
)
from reviewer.reports.findings import severity_name
from reviewer.reports.formtext import FUNDS_HEADERS, FUNDS_ROW_LABELS
from reviewer.reports.readermessages import error_text, skipped_text, warning_message

if TYPE_CHECKING:
    from decimal import Decimal

    from openpyxl.worksheet.worksheet import Worksheet

    from reviewer.llm.review import Reviewed
    from reviewer.rules.results import CheckResult

TITLE = "项目支出绩效自评表"
INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "explanation")
NUMBER_FIELDS = {"target", "actual", "weight", "score", *FUNDS_COLUMNS}
REVIEW = len(INDICATOR_FIELDS) + 1  # the 审核意见 column, right of the widest table
WIDTHS = (12, 14, 30, 14, 14, 8, 8, 36, 56)
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
HEADER_FILL = "E7E6E6"
# The looks of a form sheet's cells, as the workbook's named styles (see _add_styles).
TEXT_STYLE, HEADER_STYLE, TITLE_STYLE = "reviewer text", "reviewer header", "reviewer title"
# A form that starts further down its file is laid out from the top instead: every hidden row is
# written out, and a big batch file would cost millions of them.
KEEP_LINES_UP_TO = 10_000
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def write_workbook(
    result: CheckResult, path: str | IO[bytes], lang: str = "zh", reviews: Sequence[Reviewed] | None = None
) -> None:
    """Write the report of ``result`` (checked with ``keep_forms``) to the .xlsx file ``path``
    (a file name, or a binary file open for writing)."""
    from openpyxl import Workbook  # a cold import of half a second: only this output pays for it

    forms = annotate_all(result.form_results, reviews)
    book = Workbook()
    _add_styles(book)
    summary = book.active
    summary.title = "汇总"
    names = _sheet_names(forms)
    first_rows = [_FormSheet(book.create_sheet(name), annotated, lang).write() for annotated, name in zip(forms, names)]
    _write_summary(summary, result, forms, names, first_rows, lang)
    book.save(path)


def _sheet_names(forms: Sequence[AnnotatedForm]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    names: list[str] = []
    taken = {"汇总"}
    for i, annotated in enumerate(forms, 1):
        base = _SHEET_NAME.sub("", annotated.form.project or "").strip("' ")[:28] or f"表{i}"
        name, n = base, 2
        while name.lower() in taken:
            name, n = f"{base}({n})", n + 1
        taken.add(name.lower())
        names.append(name)
    return names


class _FormSheet:
    def __init__(self, sheet: Worksheet, annotated: AnnotatedForm, lang: str):
        self.sheet = sheet
        self.annotated = annotated
        self.form: Form = annotated.form
        self.lang = lang
        self.next_row = 1
        self.used: list[int] = []
        self.form_review_shown = False
        lines = [line for line in _lines(self.form) if line is not None]
        self.keep_lines = lines == sorted(lines) and all(line <= KEEP_LINES_UP_TO for line in lines)

    def write(self) -> int:
        """Lay the form out; the sheet row of its title."""
        for column, width in enumerate(WIDTHS, 1):
            self.sheet.column_dimensions[_letter(column)].width = width
        self._header()
        self._funds()
        self._goals()
        self._indicators()
        self._total()
        self._hide_gaps()
        return self.used[0]

    def _row(self, line: int | None = None) -> int:
        """The sheet row of the next block: its source line when the layout keeps lines."""
        row = line if self.keep_lines and line is not None and line >= self.next_row else self.next_row
        self.next_row = row + 1
        self.used.append(row)
        return row

    def _header(self) -> None:
        form = self.form
        row = self._row(form.source.line if form.source else None)
        self._text(row, 1, (f"{form.year}年度" if form.year is not None else "") + TITLE, TITLE_STYLE)
        self._merge(row, 1, len(INDICATOR_FIELDS))
        # The 项目名称 row starts the form for the reader: it is there even when blank. Beside the
        # title the form-level findings would hide the title from the reader; beside a blank name
        # they would be read as the name.
        row = self._row()
        self._label_and_value(row, 1, "项目名称", form.project or "", len(INDICATOR_FIELDS))
        if form.project is not None:
            self._review(row, self._form_review())
            self.form_review_shown = True
        owners = [
            (label, value)
            for label, value in (("主管部门", form.department), ("实施单位", form.implementer))
            if value is not None
        ]
        if owners:
            row = self._row()
            for n, (label, value) in enumerate(owners):
                self._label_and_value(row, 1 + 4 * n, label, value, 4 + 4 * n if len(owners) > 1 else 8)

    def _label_and_value(self, row: int, column: int, label: str, value: str, last: int) -> None:
        self._text(row, column, label, HEADER_STYLE)
        self._text(row, column + 1, value)
        self._merge(row, column + 1, last)

    def _funds(self) -> None:
        rows = self.form.funds.rows()
        if not rows and self.form.unit is None:
            return
        row = self._row()
        self._text(row, 1, f"项目资金（{self.form.unit}）" if self.form.unit else "项目资金", HEADER_STYLE)
        for column, header in enumerate(FUNDS_HEADERS, 2):
            self._text(row, column, header, HEADER_STYLE)
        self._text(row, REVIEW, "审核意见", HEADER_STYLE)
        for key, funds in rows:
            row = self._row(funds.line)
            self._text(row, 1, FUNDS_ROW_LABELS[key])
            where: Row = ("funds", key)
            for column, field in enumerate(FUNDS_COLUMNS, 2):
                self._value(row, column, funds.printed(field), where, field)
            self._review(row, self._row_review(where))
        if self.form.funds.explanation is not None:
            row = self._row()
            self._text(row, 1, "原因", HEADER_STYLE)
            self._text(row, 2, self.form.funds.explanation)
            self._merge(row, 2, len(FUNDS_HEADERS) + 1)

    def _goals(self) -> None:
        goals = self.form.goals
        if goals.expected is None and goals.actual is None and goals.process is None:
            return
        row = self._row()
        self._text(row, 1, "年度总体目标", HEADER_STYLE)
        self._text(row, 2, "预期目标", HEADER_STYLE)
        self._merge(row, 2, 4)
        self._text(row, 5, "实际完成情况", HEADER_STYLE)
        self._merge(row, 5, len(INDICATOR_FIELDS))
        self._text(row, REVIEW, "审核意见", HEADER_STYLE)
        row = self._row()
        self._text(row, 2, goals.expected or "")
        self._merge(row, 2, 4)
        self._text(row, 5, goals.actual or "")
        self._merge(row, 5, len(INDICATOR_FIELDS))
        if goals.process is not None:
            row = self._row()
            self._text(row, 1, "项目实施内容及过程概述", HEADER_STYLE)
            self._text(row, 2, goals.process)
            self._merge(row, 2, len(INDICATOR_FIELDS))

    def _indicators(self) -> None:
        indicators = self.form.indicators
        if self.form.indicators_weight is not None:
            row = self._row()
            self._text(row, 1, indicators_label(self.form.indicators_weight), HEADER_STYLE)
            self._merge(row, 1, len(INDICATOR_FIELDS))
        row = self._row()
        for column, header in enumerate(INDICATOR_HEADERS, 1):
            self._text(row, column, header, HEADER_STYLE)
        form_review = "" if self.form_review_shown else self._form_review()
        self._text(row, REVIEW, "\n".join(filter(None, ("审核意见", form_review))), HEADER_STYLE)
        rows = [self._row(indicator.line) for indicator in indicators]
        for i, (indicator, sheet_row) in enumerate(zip(indicators, rows)):
            where: Row = ("indicator", i)
            for column, field in enumerate(INDICATOR_FIELDS[2:], 3):
                self._value(sheet_row, column, indicator.printed(field), where, field)
            self._review(sheet_row, self._row_review(where))
        for column, level in ((1, "level1"), (2, "level2")):
            for first, last in level_runs(indicators, level):
                row_of = indicators[first]
                self._value(rows[first], column, row_of.printed(level), ("indicator", first), level)
                if last > first:
                    self.sheet.merge_cells(
                        start_row=rows[first], start_column=column, end_row=rows[last], end_column=column
                    )

    def _total(self) -> None:
        total = self.form.total
        where: Row = ("total", "")
        if total is not None:
            row = self._row(total.line)
            self._text(row, 1, "总分", HEADER_STYLE)
            self._value(row, 6, "" if total.weight is None else str(total.weight), where, "weight")
            self._value(row, 7, "" if total.score is None else str(total.score), where, "score")
            self._review(row, self._row_review(where))
        if self.form.grade is not None:
            row = self._row()
            self._text(row, 1, "评分等级", HEADER_STYLE)
            self._value(row, 2, self.form.grade, where, "grade")
        if total is not None:  # the reader takes what follows the 总分 row as notes
            for note in self.form.notes:
                row = self._row()
                self._text(row, 1, note)
                self._merge(row, 1, len(INDICATOR_FIELDS))

    def _hide_gaps(self) -> None:
        # Rows hidden by default, and only the form's rows written, every one with a cell: what
        # Excel itself writes when most rows are hidden. A hidden row element for each line
        # between cost openpyxl 0.1 ms a row, a second a sheet for a form far down its file.
        used = set(self.used)
        if len(used) == max(used, default=0):
            return
        self.sheet.sheet_format.zeroHeight = True
        # The rows a merged cell spans are written, shown or not: those between lines are hidden.
        for merged in self.sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                if row not in used:
                    self.sheet.row_dimensions[row].hidden = True

    def _form_review(self) -> str:
        """Beside 项目名称: what the form as a whole is told (``form_review``)."""
        return "\n".join(form_review(self.annotated, self.lang))

    def _row_review(self, where: Row) -> str:
        a = self.annotated
        parts = [finding_text(f, self.lang) for f in a.rows.get(where, [])]
        parts += [
            f"【{explanation_head(e, self.lang)}】{REJECTED[self.lang] if e.rejected else e.text}"
            + "".join(f"\n  ! {p}" for p in e.problems_shown)
            for e in a.explanations.get(where, [])
        ]
        return "\n".join(parts)

    def _value(self, row: int, column: int, text: str, where: Row, field: str) -> None:
        """A form cell: a number where it prints as one, and coloured with a comment when flagged."""
        number = as_number(text) if field in NUMBER_FIELDS else None
        if number is not None:
            cell = self.sheet.cell(row, column, number[0])
            cell.style = TEXT_STYLE
            cell.number_format = number[1]
        else:
            cell = self._text(row, column, text)
        findings = self.annotated.cell(where, field)
        if findings:
            from openpyxl.comments import Comment
            from openpyxl.styles import PatternFill

            cell.fill = PatternFill("solid", fgColor=FILLS[worst(findings) or "info"])
            note = "\n".join(finding_text(f, self.lang) for f in findings)
            cell.comment = Comment(note, "reviewer", width=360, height=40 + 30 * len(findings))

    def _text(self, row: int, column: int, text: str, style: str = TEXT_STYLE):
        cell = self.sheet.cell(row, column)
        if text:
            cell.value = _clean(text)
            cell.data_type = "s"  # "=90(%)" is a target, not a formula
        cell.style = style
        return cell

    def _review(self, row: int, text: str) -> None:
        if text:
            self._text(row, REVIEW, text)

    def _merge(self, row: int, first: int, last: int) -> None:
        self.sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def indicators_label(weight: Decimal) -> str:
    """The row above the indicator table that gives its weight, as Sichuan prints it in the
    table's label; read back, it is the form's ``indicators_weight``."""
    return f"绩效指标（{weight}分）"


def _lines(form: Form) -> list[int | None]:
    """The source lines the layout would keep, in the order the sheet writes them."""
    return [
        form.source.line if form.source else None,
        *(row.line for _, row in form.funds.rows()),
        *(row.line for row in form.indicators),
        form.total.line if form.total else None,
    ]


def _add_styles(book) -> None:
    """Named styles for the cells of the form sheets: a cell takes one by name, where setting its
    font, fill and alignment one by one cost openpyxl 0.1 ms a cell, most of a sheet's time."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
    from openpyxl.styles.borders import DEFAULT_BORDER
    from openpyxl.styles.fonts import DEFAULT_FONT

    # The default border, not NamedStyle's border without sides: a merged range of cells without
    # sides has a border given to each cell at its edges.
    looks = {"border": DEFAULT_BORDER, "alignment": Alignment(wrap_text=True, vertical="top")}
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    book.add_named_style(NamedStyle(TEXT_STYLE, font=DEFAULT_FONT, **looks))
    book.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True, size=11), fill=header_fill, **looks))
    book.add_named_style(NamedStyle(TITLE_STYLE, font=Font(bold=True, size=14), **looks))


def _clean(text: str) -> str:
    # Control characters are not allowed in an .xlsx file; a form's text has no use for them.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _write_summary(
    sheet: Worksheet,
    result: CheckResult,
    forms: Sequence[AnnotatedForm],
    names: Sequence[str],
    first_rows: Sequence[int],
    lang: str,
) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    summary = result.summary()
    rows, points = deductions(forms)
    sheet.append(["审核汇总"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["文件", "表", "错误", "警告", "提示", "扣分指标", "共扣分", "无法读取的文件"])
    sheet.append(
        [
            summary["files"],
            summary["forms"],
            summary["error"],
            summary["warning"],
            summary["info"],
            rows,
            points,
            summary["unreadable"],
        ]
    )
    sheet.append([])
    sheet.append(["规则", "名称", "级别", "发现数"])
    for count in rule_counts(forms):
        sheet.append([count.code, count.rule_name(lang), severity_name(count.severity, lang), count.count])
    sheet.append([])
    sheet.append(["序号", "表（工作表）", "来源", "错误", "警告", "提示", "扣分", "读取提示"])
    for i, (annotated, name, first_row) in enumerate(zip(forms, names, first_rows), 1):
        r = annotated.result
        sheet.append(
            [
                i,
                name,
                f"{r.source}:{r.line}" if r.line else r.source,
                r.count("error"),
                r.count("warning"),
                r.count("info"),
                annotated.points_lost,
                len(r.warnings),
            ]
        )
        link = sheet.cell(sheet.max_row, 2)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A{first_row}")
        link.style = "Hyperlink"
    warned = [(name, w) for annotated, name in zip(forms, names) for w in annotated.result.warnings]
    if warned:
        sheet.append([])
        sheet.append(["读取提示（读取时未能放入表格或缺失的内容，请对照原件核实）"])
        sheet.append(["表（工作表）", "位置", "提示"])
        for name, w in warned:
            sheet.append([name, w.location or w.line, warning_message(w.message, lang)])
    if result.errors:
        sheet.append([])
        sheet.append(["无法读取的文件"])
        for error in result.errors:
            sheet.append([error_text(error, lang)])
    if result.skipped:
        sheet.append([])
        sheet.append(["跳过的文件（不是自评表）"])
        for skipped in result.skipped:
            sheet.append([skipped_text(skipped, lang)])
    for column, width in zip("ABCDEFGH", (10, 36, 48, 8, 8, 8, 8, 14)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
