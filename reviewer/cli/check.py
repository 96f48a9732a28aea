"""`reviewer check`: the rule catalogue over forms, as a linter runs."""

from __future__ import annotations

from typing import Annotated

import typer

from reviewer.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
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
    note_written,
    output_format,
    reader_name,
    report_nothing_found,
    report_unread,
)
from reviewer.cli.layout import write_layout
from reviewer.cli.progress import CHECKING, TerminalProgress


def check(
    paths: Paths,
    format: FormatOption = None,
    output: OutputOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    template: TemplateOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    reader: ReaderOption = ReaderName.auto,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            show_default=False,
            help=("Processes for big batches and for the pages of a PDF (default: one per CPU)."),
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", metavar="", help=("Exit 0 even when errors are found."))
    ] = False,
    color: ColourOption = None,
) -> None:
    """Check forms against the rule catalogue and report every defect found.

    Exit 0 when no error-severity finding, 1 when at least one, 2 on a usage error or when no
    form could be read. Files that cannot be read are reported and the rest are checked.
    """
    from reviewer.api import check_paths
    from reviewer.reports.findings import fragment_for, render
    from reviewer.rules.engine import SelectionError

    format = output_format(format, output)
    settings = load_settings(config, select, ignore, template, lang)
    painted = colour(color, output)
    layout = format in LAYOUT_FORMATS
    # A layout report needs every form; the others are written form by form in the workers.
    fragment = None if layout else fragment_for(format.value, settings.lang, painted)
    # A bar for a batch of files (a province's arrive by the thousand), not for a form or two.
    bar = TerminalProgress(CHECKING[settings.lang], least=20)
    try:
        result = check_paths(paths, settings, reader_name(reader), jobs, fragment, keep_forms=layout, progress=bar)
    except SelectionError as failure:
        command_error(str(failure), settings.lang)
        raise typer.Exit(EXIT_INPUT) from None
    finally:
        bar.stop()
    report_unread(result.errors, result.skipped, settings.lang)
    if not result.forms:
        if not result.errors:
            report_nothing_found(paths, settings.lang)
        raise typer.Exit(EXIT_INPUT)
    with exit_on_input_error(settings.lang):
        if layout:
            write_layout(result, format, output, settings.lang)
        else:
            emit(render(result, format.value, settings.lang, painted), output)
    code = EXIT_FINDINGS if result.has_errors and not exit_zero else EXIT_OK
    if output is not None:
        note_written(output, result.summary(), code, _meaning(result.has_errors, exit_zero), settings.lang)
    raise typer.Exit(code)


def _meaning(errors: bool, exit_zero: bool) -> tuple[str, str]:
    """What check's exit code says, in English and in Chinese."""
    if not errors:
        return ("no error found", "未发现错误")
    if exit_zero:
        return ("errors found, --exit-zero given", "发现错误，已用--exit-zero")
    return ("errors found", "发现错误")


__all__ = ["OutputFormat", "check"]
