"""Writing the reports that lay every form out: the HTML page, the Excel workbook and the Word file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.cli.common import OutputFormat, emit, note, write_error

if TYPE_CHECKING:  # the library is imported by the command that runs, not by every command
    from reviewer.llm.review import Reviewed
    from reviewer.rules.results import CheckResult


def write_layout(
    result: CheckResult,
    format: OutputFormat,
    output: str | None,
    lang: str,
    reviews: Sequence[Reviewed] | None = None,
    by: str | None = None,
) -> None:
    """The report in ``format``; ``by`` names who wrote the drafts (the Word file says so)."""
    if format is OutputFormat.html:
        from reviewer.reports.html import render_html

        emit(render_html(result, lang, reviews), output)
        return
    assert output is not None
    if format is OutputFormat.docx:
        from reviewer.reports.docx import write_documents

        written = write_documents(result, output, lang, reviews, by)
        if written != [output]:  # a folder: say which files it got
            for path in written:
                note(f"wrote {path}" if lang == "en" else f"已写入 {path}")
        return
    from reviewer.reports.xlsx import write_workbook

    try:
        write_workbook(result, output, lang, reviews)
    except OSError as failure:
        raise write_error(output, failure) from None
