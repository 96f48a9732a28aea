"""What the commands share: option types, reading the configuration, writing output, exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from reviewer.cli.zh import COMMAND_ERRORS_ZH
from reviewer.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError
from reviewer.reports.readermessages import error_text, skipped_text, translated

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK"]

FILE_TYPES = ".txt .tsv .csv .json .yaml .yml .xlsx .xlsm .xls .docx .pdf .html .htm .mht"


class ReaderName(str, Enum):
    auto = "auto"
    tabular = "tabular"
    csv = "csv"
    pdflayout = "pdflayout"
    pdftext = "pdftext"
    json = "json"
    yaml = "yaml"
    html = "html"
    xml2003 = "xml2003"
    xlsx = "xlsx"
    xls = "xls"
    docx = "docx"
    pdf = "pdf"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


# What -o FILE's suffix means when no --format is given.
SUFFIX_FORMATS = {
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".xlsx": OutputFormat.xlsx,
    ".docx": OutputFormat.docx,
    ".json": OutputFormat.json,
    ".md": OutputFormat.markdown,
}
LAYOUT_FORMATS = (OutputFormat.html, OutputFormat.xlsx, OutputFormat.docx)
BINARY_FORMATS = (OutputFormat.xlsx, OutputFormat.docx)
# Files of a kind no report is written as: text under such a name would not open as one.
UNWRITTEN_SUFFIXES = frozenset({".pdf", ".doc", ".xls", ".xlsm", ".docm", ".rtf", ".odt", ".ods", ".csv", ".tsv"})

Paths = Annotated[
    list[str],
    typer.Argument(
        help=f"Form files or folders (folders are searched for {FILE_TYPES}).", metavar="PATH", show_default=False
    ),
]
ReaderOption = Annotated[
    ReaderName,
    typer.Option(
        "--reader",
        metavar="READER",
        help=(
            "Force a reader instead of detecting it: "
            "tabular, csv, pdflayout, pdftext, json, yaml, html, xml2003, xlsx, xls, docx or pdf."
        ),
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        help=(
            "text, json, markdown, html, xlsx or docx (default: by the suffix of -o FILE, else text). html and xlsx "
            "lay every form out with its flagged cells; docx gives a Word file back with the findings as comments "
            "(one per input file: -o a folder for several). xlsx and docx need -o. report writes html, xlsx or "
            "docx only."
        ),
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        show_default=False,
        help="Write the report to FILE instead of standard output (report needs it: FILE.html, .xlsx or .docx).",
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        show_default=False,
        help=(
            "Rule codes or prefixes to run (F1, T401, ALL); repeat or separate with commas. Replaces the configured "
            "selection."
        ),
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODES",
        show_default=False,
        help="Rule codes or prefixes to leave out. Replaces the configured list.",
    ),
]
TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        metavar="NAME",
        show_default=False,
        help="Weighting template: auto, mof2020, shanghai-101-style, sichuan, hubei, older-city.",
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", metavar="zh|en", show_default=False, help="Language of the messages (default zh)."),
]
ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        show_default=False,
        help="A reviewer.toml or pyproject.toml; default: the nearest one found upward.",
    ),
]
ColourOption = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        metavar="",
        show_default=False,
        help="Colour the text output (default: when printing to a terminal).",
    ),
]


def error(message: str, lang: str = "en") -> None:
    """``message`` on stderr; ``lang`` is the language it is written in."""
    typer.echo(f"reviewer: {'error: ' if lang == 'en' else '错误：'}{message}", err=True)


def command_error(message: str, lang: str) -> None:
    """On stderr, in ``lang``, why the command cannot go on (a selector or backend that names
    nothing, an endpoint that never answered): written in English, the Chinese from a table."""
    error(message if lang == "en" else translated(message, COMMAND_ERRORS_ZH), lang)


def note(message: str) -> None:
    typer.echo(f"reviewer: {message}", err=True)


def note_written(output: str, s: dict[str, int], code: int, meaning: tuple[str, str], lang: str) -> None:
    """On stderr, what a report written to ``output`` holds (``s``, its summary) and what its exit
    code says (``meaning`` in English and in Chinese): a file written says nothing on the terminal."""
    from reviewer.form.text import plural

    if lang == "en":
        counts = f"{plural(s['forms'], 'form')}, {plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}"
        note(f"wrote {output}: {counts}, {s['info']} info (exit {code}: {meaning[0]})")
    else:
        counts = f"{s['forms']}张表，错误{s['error']}个，警告{s['warning']}个，提示{s['info']}个"
        note(f"已写入 {output}：{counts}（退出码{code}：{meaning[1]}）")


def report_unread(errors, skipped, lang: str = "en") -> None:
    """On stderr, in ``lang``, one line for each file that could not be read and each file in a
    folder that was not read because it is not a form (which is no error)."""
    for unread in errors:
        error(error_text(unread, lang), lang)
    for passed in skipped:
        note(f"{'skipped: ' if lang == 'en' else '跳过：'}{skipped_text(passed, lang)}")


def report_nothing_found(paths: list[str], lang: str = "en") -> None:
    where = ", ".join(paths)
    error(f"no form files found in {where}" if lang == "en" else f"没有找到自评表文件：{where}", lang)


def write_stdout(text: str) -> None:
    # Straight to stdout: click's echo scans all of its input for colour codes to strip when
    # stdout is not a terminal, which costs seconds on a 10,000-form report.
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit(text: str, output: str | None) -> None:
    """The report on standard output, or in the file ``output``."""
    if output is None:
        write_stdout(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as file:
            file.write(text if text.endswith("\n") else text + "\n")
    except OSError as failure:
        raise write_error(output, failure) from None


@contextmanager
def exit_on_input_error(lang: str) -> Iterator[None]:
    """Around a step that reads or writes a file the user named (the report, a recording): a file
    that cannot be is said in ``lang``, and the command exits 2."""
    try:
        yield
    except InputError as failure:
        error(error_text(failure, lang), lang)
        raise typer.Exit(EXIT_INPUT) from None


def write_error(output: str, failure: OSError) -> InputError:
    if isinstance(failure, IsADirectoryError) or output.endswith(("/", os.sep)):
        return InputError(
            output, "is a folder: only Word reports go in a folder (--format docx), one per input file; give -o a FILE"
        )
    return InputError(output, f"cannot write the report: {failure.strerror}")


def output_format(format: OutputFormat | None, output: str | None) -> OutputFormat:
    if format is None:
        suffix = Path(output).suffix.lower() if output else ""
        if suffix in UNWRITTEN_SUFFIXES:
            raise typer.BadParameter(
                f"no report is written as {suffix}: give -o FILE.html (a browser prints it to PDF), "
                "FILE.xlsx or FILE.docx",
                param_hint="'--output'",
            )
        format = SUFFIX_FORMATS.get(suffix, OutputFormat.text)
    if format in BINARY_FORMATS and not output:
        # A workbook or a Word file is binary: on a terminal it is noise, and in a pipe nobody asked for it.
        raise typer.BadParameter(
            f"{'an' if format is OutputFormat.xlsx else 'a'} {format.value} report is a file: "
            f"give -o FILE.{format.value}",
            param_hint="'--format'",
        )
    return format


def colour(asked: bool | None, output: str | None) -> bool:
    if asked is not None:
        return asked
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def reader_name(reader: ReaderName) -> str | None:
    return None if reader is ReaderName.auto else reader.value


def codes(values: list[str] | None) -> list[str] | None:
    """Selectors given as repeated options and/or comma-separated lists."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def load_settings(
    config_path: str | None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    template: str | None = None,
    lang: Lang | None = None,
):
    """The configuration file's settings, with the command line's on top."""
    from reviewer.config import SettingsError, load_config, with_overrides

    config = load_config(Path(config_path) if config_path else None)
    overrides = {
        key: value
        for key, value in (
            ("select", codes(select)),
            ("ignore", codes(ignore)),
            ("template", template),
            ("lang", lang.value if lang else None),
        )
        if value is not None
    }
    try:
        return with_overrides(config, overrides)
    except SettingsError as failure:
        raise typer.BadParameter(str(failure)) from None
