"""The `reviewer` command: every subcommand registered, and ``main``, which runs one."""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperOption

from reviewer import __version__
from reviewer.cli import catalogue, check, explain, forms, golden, serve
from reviewer.cli.common import EXIT_INPUT, command_error, error
from reviewer.cli.i18n import help_language, message_language, show_usage_error, translate
from reviewer.errors import InputError
from reviewer.plugins import PluginError
from reviewer.reports.readermessages import error_text

# typer prints Python types beside the name a metavar gives (<list[str]>, <bool> for --help,
# [x>=1] for a range), which say nothing more to a person: an argument with a metavar and a
# flag show no type, and a number's range is said by the error a wrong one gets.
_argument_type = TyperArgument.display_type_rich
TyperArgument.display_type_rich = lambda self, ctx: None if self.metavar else _argument_type(self, ctx)  # type: ignore[method-assign]
_option_type = TyperOption.display_type_rich
TyperOption.display_type_rich = lambda self, ctx: None if self.is_flag else _option_type(self, ctx)  # type: ignore[method-assign]
TyperOption._get_number_range_help_str = lambda self: None  # type: ignore[method-assign]

app = typer.Typer(
    name="reviewer",
    help="Check 项目支出绩效自评表 (project performance self-evaluation forms) and draft their 偏差原因分析及改进措施.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Markdown joins the lines of a docstring's paragraph, where "rich" would keep each break.
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reviewer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, metavar="", help="Print the version and exit."),
    ] = False,
) -> None:
    """Check 项目支出绩效自评表 and draft their 偏差原因分析及改进措施."""


app.command()(forms.parse)
app.command()(check.check)
app.command("draft", help=explain.DRAFT_DOC)(explain.ExplainCommand("draft").__call__)
app.command("critique", help=explain.CRITIQUE_DOC)(explain.ExplainCommand("critique").__call__)
app.command("review", help=explain.REVIEW_DOC)(explain.ExplainCommand("review").__call__)
app.command("report", help=explain.REPORT_DOC)(explain.ExplainCommand("review", report=True).__call__)
app.command()(catalogue.rules)
app.command("rule")(catalogue.rule)
app.command()(forms.schema)
app.command()(serve.serve)

golden_app = typer.Typer(
    help="Golden cases for QA: run them, update them after a deliberate change, "
    "list them, score a live model against them.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
golden_app.command("run")(golden.run)
golden_app.command("update")(golden.update)
golden_app.command("list")(golden.list_)
golden_app.command("eval")(golden.eval_)
app.add_typer(golden_app, name="golden")


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code is returned to a caller (tests) and is the process's own
    when run as `reviewer`."""
    args = sys.argv[1:] if argv is None else argv
    lang = help_language(args, os.environ)
    translate(app, lang, args)
    try:
        # Not standalone: typer would print a usage error itself, in English.
        code = app(args, prog_name="reviewer", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except typer.TyperException as failure:  # click's errors: usage (2), a file click opened (1)
        show_usage_error(failure, lang)
        return failure.exit_code
    except typer.Abort:
        error("aborted")
        return 1
    except SystemExit as done:  # typer ends the process itself on a broken pipe, standalone or not
        return done.code if isinstance(done.code, int) else 0
    except InputError as failure:  # a configuration file that cannot be read
        said_in = message_language(args)
        error(error_text(failure, said_in), said_in)
        return EXIT_INPUT
    except PluginError as failure:
        command_error(str(failure), message_language(args))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as failure:
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        error(f"internal error: {type(failure).__name__}: {failure} (set REVIEWER_DEBUG=1 for details)")
        return EXIT_INPUT
    return 0


def entry_point() -> None:
    # A short-lived command frees memory at exit; the cyclic collector would only rescan the
    # forms of a big batch over and over (it doubled the time of a 10,000-form check).
    gc.disable()
    sys.exit(main())
