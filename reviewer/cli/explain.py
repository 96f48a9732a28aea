"""`reviewer draft`, `critique`, `review` and `report`: the model's half, one set of options.

The four commands differ in what they ask for (``mode``) and in how they write it: `report`
is `review` whose ``-o FILE`` is required and gives the format by its suffix.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reviewer.cli.common import (
    EXIT_INPUT,
    LAYOUT_FORMATS,
    ColourOption,
    ConfigOption,
    FormatOption,
    IgnoreOption,
    LangOption,
    OutputFormat,
    OutputOption,
    Paths,
    ReaderName,
    ReaderOption,
    SelectOption,
    TemplateOption,
    colour,
    command_error,
    emit,
    exit_on_input_error,
    load_settings,
    note,
    note_written,
    output_format,
    reader_name,
    report_nothing_found,
    report_unread,
)
from reviewer.cli.layout import write_layout
from reviewer.cli.progress import ASKING, TerminalProgress

if TYPE_CHECKING:  # the library is imported by the command that runs, not by every command
    from reviewer.llm.review import Mode


class Structured(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"
    tools = "tools"
    text = "text"


AllOption = Annotated[
    bool,
    typer.Option(
        "--all", metavar="", help=("Draft every deducted row, also those already explained (draft and review).")
    ),
]
LimitOption = Annotated[
    int, typer.Option("--limit", min=20, metavar="N", help=("Longest explanation accepted, in characters."))
]
BackendOption = Annotated[
    str,
    typer.Option(
        "--backend",
        metavar="NAME",
        help=(
            "Who writes the text: openai (any OpenAI-compatible endpoint, OPENAI_BASE_URL / OPENAI_API_KEY), "
            "offline (a marked template filled from the numbers) or replay (answers from --recording). "
            "auto: openai when OPENAI_API_KEY is set. Installed plugins add others."
        ),
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", metavar="NAME", show_default=False, help=("Model name (default $REVIEWER_MODEL).")),
]
StructuredOption = Annotated[
    Structured,
    typer.Option(
        "--structured",
        metavar="MODE",
        help=(
            "How to ask for JSON: json_schema, json_object, tools or text; auto tries them in that order and remembers "
            "what the endpoint takes."
        ),
    ),
]
ConcurrencyOption = Annotated[
    int,
    typer.Option(
        "--concurrency",
        min=1,
        metavar="N",
        help=(
            "Most requests in flight at once; fewer when the server says it serves fewer, halved on time-outs, "
            "429 and 503."
        ),
    ),
]
RpmOption = Annotated[
    int | None,
    typer.Option("--rpm", min=1, metavar="N", show_default=False, help=("At most this many requests a minute.")),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=1,
        metavar="SECONDS",
        help=(
            "Seconds one answer may take at first before the request is given up (and retried); it grows with "
            "the answers seen, up to ten times this, and a request queued behind others gets it for each round "
            "ahead of it."
        ),
    ),
]
RetriesOption = Annotated[
    int,
    typer.Option(
        "--retries", min=0, metavar="N", help=("Retries of a request that failed in transport (429, 5xx, time-out).")
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", metavar="", help=("Ask again even when an answer is cached."))
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress bar or usage line.")]
RecordingOption = Annotated[
    str | None,
    typer.Option(
        "--recording",
        metavar="FILE",
        show_default=False,
        help=(
            "A JSON file of recorded replies: written by the openai backend, answered from by --backend replay (which "
            "refuses any request it has no reply for)."
        ),
    ),
]


class ExplainCommand:
    """One of draft, critique, review and report; its signature is the options they share."""

    def __init__(self, mode: Mode, report: bool = False):
        self.mode = mode
        self.report = report

    def __call__(
        self,
        paths: Paths,
        output: OutputOption = None,
        format: FormatOption = None,
        all_rows: AllOption = False,
        limit: LimitOption = 200,
        backend: BackendOption = "auto",
        model: ModelOption = None,
        structured: StructuredOption = Structured.auto,
        concurrency: ConcurrencyOption = 8,
        rpm: RpmOption = None,
        timeout: TimeoutOption = 120.0,
        retries: RetriesOption = 4,
        no_cache: NoCacheOption = False,
        quiet: QuietOption = False,
        recording: RecordingOption = None,
        select: SelectOption = None,
        ignore: IgnoreOption = None,
        template: TemplateOption = None,
        lang: LangOption = None,
        config: ConfigOption = None,
        reader: ReaderOption = ReaderName.auto,
        color: ColourOption = None,
    ) -> None:
        from reviewer.api import review
        from reviewer.llm.backends import BackendError, BackendOptions, make_backend
        from reviewer.rules.engine import SelectionError

        if all_rows and self.mode == "critique":
            raise typer.BadParameter("critique has nothing to draft; use review --all", param_hint="'--all'")
        if self.report and (output is None or output_format(format, output) not in LAYOUT_FORMATS):
            raise typer.BadParameter("the report is FILE.html, FILE.xlsx or FILE.docx", param_hint="'--output'")
        chosen = output_format(format, output)
        settings = load_settings(config, select, ignore, template, lang)
        progress = None if quiet else TerminalProgress(ASKING[settings.lang])
        options = BackendOptions(
            model=model,
            structured=structured.value,
            concurrency=concurrency,
            rpm=rpm,
            timeout=timeout,
            retries=retries,
            cache=not no_cache,
            recording=Path(recording) if recording else None,
            progress=progress,
        )
        try:
            with exit_on_input_error(settings.lang):
                writer = make_backend(backend, options)
            result = review(
                paths,
                backend=writer,
                mode=self.mode,
                config=settings,
                all_rows=all_rows,
                limit=limit,
                reader=reader_name(reader),
            )
        except (BackendError, SelectionError) as failure:
            command_error(str(failure), settings.lang)
            raise typer.Exit(EXIT_INPUT) from None
        finally:
            if progress:
                progress.stop()
        report_unread(result.errors, result.skipped, settings.lang)
        if not result.forms:
            if not result.errors:
                report_nothing_found(paths, settings.lang)
            raise typer.Exit(EXIT_INPUT)
        usage = getattr(writer, "usage", None)
        if usage is not None and not quiet:
            note(usage.describe(_prices(), settings.lang))
        unanswered = result.endpoint_error()
        if unanswered is not None:  # every item would say so, and the report read as the model's verdict
            command_error(f"no answer from the endpoint, nothing written: {unanswered}", settings.lang)
            raise typer.Exit(EXIT_INPUT)
        with exit_on_input_error(settings.lang):
            _write(result, chosen, output, settings.lang, colour(color, output), _author(writer))
        if output is not None:
            meaning = _MEANINGS[self.mode == "review", result.exit_code]
            note_written(output, result.check_result.summary(), result.exit_code, meaning, settings.lang)
        raise typer.Exit(result.exit_code)


_MEANINGS = {  # by (whether errors count, as they do for review and report; exit code)
    (True, 0): ("no error found", "未发现错误"),
    (True, 1): ("errors found or an item failed its checks", "发现错误，或有一项未通过检查"),
    (False, 0): ("every item passed its checks", "各项均通过检查"),
    (False, 1): ("an item failed its checks", "有一项未通过检查"),
}


def _author(writer) -> str:
    """Who wrote the drafts, as the Word report names them: the model asked, or the backend."""
    settings = getattr(writer, "settings", None)
    return getattr(settings, "model", None) or writer.name


def _write(result, format: OutputFormat, output: str | None, lang: str, painted: bool, by: str) -> None:
    if format in LAYOUT_FORMATS:
        write_layout(result.check_result, format, output, lang, result.forms, by)
    elif format is OutputFormat.json:
        import json

        emit(json.dumps(result.to_dict(lang), ensure_ascii=False), output)
    elif format is OutputFormat.markdown:
        from reviewer.reports.reviews import review_markdown

        emit(review_markdown(result, lang), output)
    else:
        from reviewer.reports.reviews import review_text

        emit(review_text(result, lang, painted), output)


def _prices() -> tuple[Decimal, Decimal] | None:
    """$REVIEWER_PRICE_PROMPT and $REVIEWER_PRICE_COMPLETION (per million tokens), if both are set."""
    try:
        return (
            Decimal(os.environ.get("REVIEWER_PRICE_PROMPT", "")),
            Decimal(os.environ.get("REVIEWER_PRICE_COMPLETION", "")),
        )
    except InvalidOperation:
        return None


DRAFT_DOC = """Draft 偏差原因分析及改进措施 for every row that lost points and explains nothing.

    Exit 0, or 1 when a draft failed its checks; 2 when no form could be read.
    """
CRITIQUE_DOC = """Critique the explanation of every row that lost points and has one.

    Exit 0, or 1 when a critique failed its checks; 2 when no form could be read.
    """
REVIEW_DOC = """Check, draft, critique and write each form's 审核意见, in one run.

    Exit 0 when no error-severity finding and no failed item, 1 otherwise, 2 when no form could be read.
    """
REPORT_DOC = """Write the report a reviewer forwards: each form laid out with its findings.

    -o FILE.html writes one self-contained page, -o FILE.xlsx a workbook (a summary sheet, one sheet per form),
    -o FILE.docx the Word file back with the findings as comments and the drafts in their cells (one file per
    input file: with several, --format docx -o FOLDER).

    Drafts come from the offline backend unless OPENAI_API_KEY is set. Exit codes as review's.
    """
