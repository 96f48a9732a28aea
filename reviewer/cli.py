"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from . import __version__
from .errors import InputError

# Commands import the library inside their bodies: `reviewer --help` should not pay for
# pydantic, and `reviewer parse` should not pay for the LLM client.

app = typer.Typer(
    name="reviewer",
    help="Check 项目支出绩效自评表 (project performance self-evaluation forms) and draft their "
         "偏差原因分析及改进措施.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class ParseFormat(str, Enum):
    json = "json"
    yaml = "yaml"
    text = "text"


class ReaderName(str, Enum):
    auto = "auto"
    tabular = "tabular"
    pdftext = "pdftext"
    json = "json"
    yaml = "yaml"


Paths = Annotated[list[str], typer.Argument(help="Form files or folders (searched for .txt/.tsv/.json/.yaml).",
                                            show_default=False)]
Reader = Annotated[ReaderName, typer.Option("--reader", help="Force a reader instead of detecting it.")]


def _error(message: str) -> None:
    typer.echo(f"reviewer: error: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reviewer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Check 项目支出绩效自评表 and draft their 偏差原因分析及改进措施."""


@app.command()
def parse(paths: Paths,
          format: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.json,
          reader: Reader = ReaderName.auto) -> None:
    """Read forms and print them as canonical JSON (or YAML, or readable text).

    Exit 0 when every file was read; 2 when a file could not be read (the others are still printed).
    """
    from .batch import read_batch
    from .serialize import dumps, to_yaml

    batch = read_batch(paths, None if reader is ReaderName.auto else reader.value)
    for error in batch.errors:
        _error(str(error))
    if batch.forms:
        if format is ParseFormat.json:
            typer.echo(dumps({"forms": batch.forms}))
        elif format is ParseFormat.yaml:
            typer.echo(to_yaml({"forms": batch.forms}), nl=False)
        else:
            from .formtext import render_form

            typer.echo("\n".join(render_form(form) for form in batch.forms), nl=False)
    raise typer.Exit(EXIT_INPUT if batch.errors else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the canonical form document."""
    import json

    from .model import Document

    typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    try:
        app()
    except InputError as error:
        _error(str(error))
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - a bug is reported on one line, not as a traceback
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        _error(f"internal error: {type(error).__name__}: {error} (set REVIEWER_DEBUG=1 for details)")
        sys.exit(EXIT_INPUT)
