"""`reviewer parse` and `reviewer schema`: the forms as they were read."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from reviewer.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    Paths,
    ReaderName,
    ReaderOption,
    reader_name,
    report_nothing_found,
    report_unread,
    write_stdout,
)


class ParseFormat(str, Enum):
    json = "json"
    yaml = "yaml"
    text = "text"


def parse(
    paths: Paths,
    format: Annotated[
        ParseFormat, typer.Option("--format", "-f", metavar="FORMAT", help="json, yaml or text.")
    ] = ParseFormat.json,
    reader: ReaderOption = ReaderName.auto,
) -> None:
    """Read forms and print them as canonical JSON (or YAML, or readable text).

    Exit 0 when every file was read; 2 when a file could not be read (the others are still printed).
    """
    from reviewer.form.serialize import dumps, to_yaml
    from reviewer.readers.batch import read_batch

    batch = read_batch(paths, reader_name(reader))
    report_unread(batch.errors, batch.skipped)
    if not batch.forms and not batch.errors:
        report_nothing_found(paths)
        raise typer.Exit(EXIT_INPUT)
    if batch.forms:
        if format is ParseFormat.json:
            write_stdout(dumps({"forms": batch.forms}))
        elif format is ParseFormat.yaml:
            write_stdout(to_yaml({"forms": batch.forms}))
        else:
            from reviewer.reports.formtext import render_form

            write_stdout("\n".join(render_form(form) for form in batch.forms))
    raise typer.Exit(EXIT_INPUT if batch.errors else EXIT_OK)


def schema() -> None:
    """Print the JSON Schema of the canonical form document."""
    import json

    from reviewer.form.model import Document

    typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
