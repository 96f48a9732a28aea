"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import gc
import inspect
import os
import sys
import typing
from dataclasses import dataclass
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
    # Markdown joins the lines of a docstring's paragraph, where "rich" would keep each break.
    rich_markup_mode="markdown",
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
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"


Paths = Annotated[list[str], typer.Argument(help="Form files or folders (searched for "
                                                 ".txt/.tsv/.json/.yaml/.xlsx/.docx/.pdf).",
                                            show_default=False)]
Reader = Annotated[ReaderName, typer.Option("--reader", help="Force a reader instead of detecting it.")]


def _error(message: str) -> None:
    typer.echo(f"reviewer: error: {message}", err=True)


def _print(text: str) -> None:
    # Straight to stdout: click's echo scans all of its input for colour codes to strip when
    # stdout is not a terminal, which costs seconds on a 10,000-form report.
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


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
            _print(dumps({"forms": batch.forms}))
        elif format is ParseFormat.yaml:
            _print(to_yaml({"forms": batch.forms}))
        else:
            from .formtext import render_form

            _print("\n".join(render_form(form) for form in batch.forms))
    raise typer.Exit(EXIT_INPUT if batch.errors else EXIT_OK)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


# What -o FILE's suffix means when no --format is given.
SUFFIX_FORMATS = {".html": CheckFormat.html, ".htm": CheckFormat.html, ".xlsx": CheckFormat.xlsx,
                  ".json": CheckFormat.json, ".md": CheckFormat.markdown}
LAYOUT_FORMATS = (CheckFormat.html, CheckFormat.xlsx)

FormatOption = Annotated[CheckFormat | None, typer.Option(
    "--format", "-f", help="Output format (default: by the suffix of -o FILE, else text). html and xlsx lay "
                           "every form out with its flagged cells; xlsx needs -o.", show_default=False)]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", help="Write the report to FILE instead of standard output.", show_default=False)]


def _output_format(format: CheckFormat | None, output: str | None) -> CheckFormat:
    from pathlib import Path

    if format is None:
        format = SUFFIX_FORMATS.get(Path(output).suffix.lower(), CheckFormat.text) if output else CheckFormat.text
    if format is CheckFormat.xlsx and not output:
        # A workbook is binary: on a terminal it is noise, and in a pipe nobody asked for it.
        raise typer.BadParameter("an xlsx report is a file: give -o FILE.xlsx", param_hint="'--format'")
    return format


def _emit(text: str, output: str | None) -> None:
    if output is None:
        _print(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as file:
            file.write(text if text.endswith("\n") else text + "\n")
    except OSError as error:
        raise InputError(output, f"cannot write the report: {error.strerror}") from None


def _layout_report(result, format: CheckFormat, output: str | None, lang: str, reviews=None) -> None:
    """The HTML page or the workbook: every form laid out, its flagged cells marked."""
    if format is CheckFormat.html:
        from .htmlreport import render_html

        _emit(render_html(result, lang, reviews), output)
        return
    from .xlsxreport import write_workbook

    assert output is not None
    try:
        write_workbook(result, output, lang, reviews)
    except OSError as error:
        raise InputError(output, f"cannot write the report: {error.strerror}") from None


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _codes(values: list[str] | None) -> list[str] | None:
    """Selectors given as repeated options and/or comma-separated lists."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _load_config(config_path: str | None, select: list[str] | None, ignore: list[str] | None,
                 template: str | None, lang: Lang | None):
    """The configuration file's settings, with the command line's on top."""
    from pathlib import Path

    from .config import Config, load_config

    config = load_config(Path(config_path) if config_path else None)
    overrides = {key: value for key, value in (("select", _codes(select)), ("ignore", _codes(ignore)),
                                               ("template", template), ("lang", lang.value if lang else None))
                 if value is not None}
    if not overrides:
        return config
    try:
        return Config.model_validate({**config.model_dump(exclude={"source"}), **overrides})
    except ValueError as error:
        raise typer.BadParameter(str(error).splitlines()[-1]) from None


@app.command()
def check(paths: Paths,
          format: FormatOption = None,
          output: OutputOption = None,
          select: Annotated[list[str] | None, typer.Option(
              "--select", help="Rule codes or prefixes to run (F1, T401, ALL); repeat or separate with commas. "
                               "Replaces the configured selection.")] = None,
          ignore: Annotated[list[str] | None, typer.Option(
              "--ignore", help="Rule codes or prefixes to leave out. Replaces the configured list.")] = None,
          template: Annotated[str | None, typer.Option(
              help="Weighting template: auto, mof2020, shanghai-101-style, sichuan, hubei.")] = None,
          lang: Annotated[Lang | None, typer.Option(help="Language of the messages (default zh).")] = None,
          config: Annotated[str | None, typer.Option(
              "--config", help="A reviewer.toml or pyproject.toml; default: the nearest one found upward.")] = None,
          reader: Reader = ReaderName.auto,
          jobs: Annotated[int | None, typer.Option(
              "--jobs", "-j", min=1, help="Processes for big batches (default: one per CPU).")] = None,
          exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when errors are found.")] = False,
          colour: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text output "
                                                      "(default: when printing to a terminal).")] = None) -> None:
    """Check forms against the rule catalogue and report every defect found.

    Exit 0 when no error-severity finding, 1 when at least one, 2 on a usage error or when no
    form could be read. Files that cannot be read are reported and the rest are checked.
    """
    from .checker import SelectionError, check_paths
    from .checkreport import fragment_for, render

    format = _output_format(format, output)
    settings = _load_config(config, select, ignore, template, lang)
    colour = _colour(colour, output)
    layout = format in LAYOUT_FORMATS
    # A layout report needs every form; the others are written form by form in the workers.
    fragment = None if layout else fragment_for(format.value, settings.lang, colour)
    try:
        result = check_paths(paths, settings, None if reader is ReaderName.auto else reader.value, jobs, fragment,
                             keep_forms=layout)
    except SelectionError as error:
        _error(str(error))
        raise typer.Exit(EXIT_INPUT) from None
    for error in result.errors:
        _error(str(error))
    if not result.forms:
        if not result.errors:
            _error("no form files found in " + ", ".join(paths))
        raise typer.Exit(EXIT_INPUT)
    if layout:
        _layout_report(result, format, output, settings.lang)
    else:
        _emit(render(result, format.value, settings.lang, colour), output)
    raise typer.Exit(EXIT_FINDINGS if result.has_errors and not exit_zero else EXIT_OK)


def _colour(asked: bool | None, output: str | None) -> bool:
    if asked is not None:
        return asked
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class Backend(str, Enum):
    auto = "auto"
    offline = "offline"
    openai = "openai"
    replay = "replay"


class Structured(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"
    tools = "tools"
    text = "text"


@dataclass
class LLMOptions:
    backend: Backend
    model: str | None
    structured: Structured
    concurrency: int
    rpm: int | None
    timeout: float
    retries: int
    no_cache: bool
    quiet: bool
    recording: str | None = None


def _backend(options: LLMOptions, items: int | None):
    """The offline backend without an API key (or when asked for), else the endpoint's."""
    from .llm.offline import OfflineBackend

    use_openai = options.backend in (Backend.openai, Backend.replay) or (
        options.backend is Backend.auto and os.environ.get("OPENAI_API_KEY"))
    if not use_openai:
        return OfflineBackend(), None
    from pathlib import Path

    from .llm.cache import Cache
    from .llm.openai_backend import OpenAIBackend, Settings
    from .llm.replay import Recording, RecordingClient, ReplayClient

    if options.backend is Backend.replay and not options.recording:
        raise typer.BadParameter("--backend replay needs --recording FILE")

    settings = Settings.from_environment(model=options.model, structured=options.structured.value,
                                         concurrency=options.concurrency, rpm=options.rpm, timeout=options.timeout,
                                         retries=options.retries)
    progress = None
    if not options.quiet and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(transient=True, console=Console(stderr=True))
        task = bar.add_task("asking the model", total=items)
        bar.start()
        progress = (bar, lambda: bar.advance(task))
    backend = OpenAIBackend(settings, Cache(enabled=not options.no_cache and options.backend is not Backend.replay),
                            progress[1] if progress else None)
    if options.recording:
        recording = Recording(Path(options.recording))
        backend.client_factory = (lambda: ReplayClient(recording)) if options.backend is Backend.replay else \
            (lambda: RecordingClient(backend.sdk_client(), recording))
    return backend, progress


def _explain(mode: str, paths: list[str], format: CheckFormat | None, output: str | None, all_rows: bool,
             limit: int, options: LLMOptions, lang: Lang | None, config: str | None, reader: ReaderName,
             colour: bool | None) -> None:
    from .batch import read_batch
    from .explain import plan_form, run_plans
    from .reviewreport import check_result_of, review_json, review_markdown, review_text

    format = _output_format(format, output)
    settings = _load_config(config, None, None, None, lang)
    batch = read_batch(paths, None if reader is ReaderName.auto else reader.value)
    for error in batch.errors:
        _error(str(error))
    if not batch.forms:
        raise typer.Exit(EXIT_INPUT)
    plans = [plan_form(form, settings, mode, all_rows, limit) for form in batch.forms]
    backend, progress = _backend(options, sum(len(jobs) for _, jobs in plans))
    try:
        reviewed = run_plans(batch.forms, plans, backend)
    finally:
        if progress:
            progress[0].stop()
    usage = getattr(backend, "usage", None)
    if usage is not None and not options.quiet:
        typer.echo(f"reviewer: {usage.requests} requests ({usage.cached} answers from the cache), "
                   f"{usage.prompt_tokens} prompt and {usage.completion_tokens} completion tokens{_cost(usage)}",
                   err=True)
    if format in LAYOUT_FORMATS:
        _layout_report(check_result_of(reviewed, batch.errors, batch.files), format, output, settings.lang, reviewed)
    elif format is CheckFormat.json:
        import json

        _emit(json.dumps(review_json(reviewed, batch.errors, batch.files, settings.lang), ensure_ascii=False), output)
    elif format is CheckFormat.markdown:
        _emit(review_markdown(reviewed, batch.errors, batch.files, settings.lang), output)
    else:
        _emit(review_text(reviewed, batch.errors, batch.files, settings.lang, _colour(colour, output),
                          findings=mode == "review"), output)
    failed = any(e.status == "failed" for r in reviewed for e in r.explanations)
    errors = any(f.severity == "error" for r in reviewed for f in r.result.findings)
    raise typer.Exit(EXIT_FINDINGS if failed or (mode == "review" and errors) else EXIT_OK)


def _cost(usage) -> str:
    """The cost at $REVIEWER_PRICE_PROMPT and $REVIEWER_PRICE_COMPLETION per million tokens, if set."""
    from decimal import Decimal, InvalidOperation

    try:
        prompt = Decimal(os.environ.get("REVIEWER_PRICE_PROMPT", ""))
        completion = Decimal(os.environ.get("REVIEWER_PRICE_COMPLETION", ""))
    except InvalidOperation:
        return ""
    cost = (prompt * usage.prompt_tokens + completion * usage.completion_tokens) / 1_000_000
    return f", cost {cost.quantize(Decimal('0.0001'))}"


def _llm_options(backend: Backend, model: str | None, structured: Structured, concurrency: int, rpm: int | None,
                 timeout: float, retries: int, no_cache: bool, quiet: bool, recording: str | None) -> LLMOptions:
    return LLMOptions(backend, model, structured, concurrency, rpm, timeout, retries, no_cache, quiet, recording)


Limit = Annotated[int, typer.Option("--limit", min=20, help="Longest explanation accepted, in characters.")]
BackendOption = Annotated[Backend, typer.Option(
    "--backend", help="Who writes the text: openai (any OpenAI-compatible endpoint, OPENAI_BASE_URL / "
                      "OPENAI_API_KEY), or offline, a marked template filled from the numbers. auto: openai when "
                      "OPENAI_API_KEY is set.")]
ModelOption = Annotated[str | None, typer.Option("--model", help="Model name (default $REVIEWER_MODEL).")]
StructuredOption = Annotated[Structured, typer.Option(
    "--structured", help="How to ask for JSON; auto tries json_schema, json_object, tools, text and remembers "
                         "what the endpoint takes.")]
ConcurrencyOption = Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight at once.")]
RpmOption = Annotated[int | None, typer.Option("--rpm", min=1, help="At most this many requests a minute.")]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=1, help="Seconds before a request is given up "
                                                                        "(and retried).")]
RetriesOption = Annotated[int, typer.Option("--retries", min=0, help="Retries of a request that failed in "
                                                                    "transport (429, 5xx, time-out).")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Ask again even when an answer is cached.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or usage line.")]
RecordingOption = Annotated[str | None, typer.Option(
    "--recording", help="A JSON file of recorded replies: written by the openai backend, answered from by "
                        "--backend replay (which refuses any request it has no reply for).")]
LangOption = Annotated[Lang | None, typer.Option(help="Language of the findings (default zh).")]
ConfigOption = Annotated[str | None, typer.Option("--config", help="A reviewer.toml or pyproject.toml.")]
ColourOption = Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text output.")]
AllOption = Annotated[bool, typer.Option("--all", help="Draft every deducted row, also those already explained.")]


ReportOutput = Annotated[str, typer.Option(
    "--output", "-o", help="The report to write: FILE.html (one self-contained page) or FILE.xlsx (a workbook).",
    show_default=False)]


def _explain_command(mode: str, doc: str, with_all: bool = True, report: bool = False):
    """One of draft, critique, review, report: the same options, ``--all`` where it means something;
    report is review with a required -o whose suffix gives the format."""

    def command(paths: Paths, output: OutputOption = None, format: FormatOption = None, all_rows: AllOption = False,
                limit: Limit = 200, backend: BackendOption = Backend.auto, model: ModelOption = None,
                structured: StructuredOption = Structured.auto, concurrency: ConcurrencyOption = 8,
                rpm: RpmOption = None, timeout: TimeoutOption = 60.0, retries: RetriesOption = 4,
                no_cache: NoCacheOption = False, quiet: QuietOption = False, recording: RecordingOption = None,
                lang: LangOption = None, config: ConfigOption = None,
                reader: Reader = ReaderName.auto, colour: ColourOption = None) -> None:
        if report and _output_format(None, output) not in LAYOUT_FORMATS:
            raise typer.BadParameter("the report is FILE.html or FILE.xlsx", param_hint="'--output'")
        _explain(mode, paths, format, output, all_rows, limit,
                 _llm_options(backend, model, structured, concurrency, rpm, timeout, retries, no_cache, quiet,
                              recording), lang, config, reader, colour)

    # typer reads the signature: drop the options a command has no use for (their defaults stay),
    # and make report's -o required.
    hints = typing.get_type_hints(command, include_extras=True)
    hints["output"] = ReportOutput if report else hints["output"]
    dropped = ({"all_rows"} if not with_all else set()) | ({"format", "colour"} if report else set())
    signature = inspect.signature(command)
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p.replace(annotation=hints[p.name],
                              default=inspect.Parameter.empty if report and p.name == "output" else p.default)
                    for p in signature.parameters.values() if p.name not in dropped])
    command.__doc__ = doc
    return command


app.command("draft")(_explain_command("draft", """Draft 偏差原因分析及改进措施 for every row that lost points and explains nothing.

    Exit 0, or 1 when a draft failed its checks; 2 when no form could be read.
    """, with_all=True))
app.command("critique")(_explain_command("critique", """Critique the explanation of every row that lost points and has one.

    Exit 0, or 1 when a critique failed its checks; 2 when no form could be read.
    """, with_all=False))
app.command("review")(_explain_command("review", """Check, draft, critique and write each form's 审核意见, in one run.

    Exit 0 when no error-severity finding and no failed item, 1 otherwise, 2 when no form could be read.
    """, with_all=True))
app.command("report")(_explain_command("review", """Write the report a reviewer forwards: each form laid out with its findings.

    -o FILE.html writes one self-contained page, -o FILE.xlsx a workbook (a summary sheet, one sheet per form).

    Drafts come from the offline backend unless OPENAI_API_KEY is set. Exit codes as review's.
    """, report=True))


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def rules(format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.text) -> None:
    """List the rule catalogue: code, name, default severity, what each rule finds."""
    from .checkreport import rules_table
    from .rules import RULES

    catalogue = [RULES[code] for code in sorted(RULES)]
    if format is RulesFormat.json:
        import json

        typer.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary,
                                "doc": r.doc} for r in catalogue], ensure_ascii=False, indent=2))
    else:
        typer.echo(rules_table(catalogue), nl=False)


@app.command("rule")
def rule_doc(code: Annotated[str, typer.Argument(help="A rule code, e.g. T401.")]) -> None:
    """Print one rule's documentation: what it checks, why it matters, an example, how to fix."""
    from .rules import RULES

    found = RULES.get(code.strip().upper())
    if found is None:
        _error(f"unknown rule {code!r}; `reviewer rules` lists them")
        raise typer.Exit(EXIT_INPUT)
    typer.echo(found.markdown(), nl=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the canonical form document."""
    import json

    from .model import Document

    typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


golden_app = typer.Typer(help="Golden cases for QA: run them, update them after a deliberate change, "
                                "list them, score a live model against them.", no_args_is_help=True,
                         rich_markup_mode="markdown")
app.add_typer(golden_app, name="golden")
Cases = Annotated[list[str] | None, typer.Argument(help="Case names (default: all).", show_default=False)]
RootOption = Annotated[str, typer.Option("--root", help="The folder of golden cases.")]


def _golden_cases(root: str, names: list[str] | None):
    from pathlib import Path

    from .golden import GoldenError, list_cases

    try:
        return list_cases(Path(root), names)
    except GoldenError as error:
        _error(str(error))
        raise typer.Exit(EXIT_INPUT) from None


def _produce(case, fill_missing: bool):
    from .golden import GoldenError, produce

    try:
        return produce(case, fill_missing)
    except GoldenError as error:
        _error(str(error))
        return None


@golden_app.command("run")
def golden_run(cases: Cases = None, root: RootOption = "golden/cases") -> None:
    """Re-check, re-render and replay every case, and compare each artefact with its golden file.

    Exit 0 when everything matches; 1 with a diff per case when anything differs, is missing or
    is stale; 2 when a case cannot be run.
    """
    from .golden import compare

    failed = broken = 0
    chosen = _golden_cases(root, cases)
    for case in chosen:
        produced = _produce(case, fill_missing=False)
        if produced is None:
            broken += 1
            continue
        differences = compare(produced)
        failed += bool(differences)
        for difference in differences:
            _print(difference.describe())
    total = len(chosen)
    typer.echo(f"{total - failed - broken} of {total} golden cases match"
               + (f"; {failed} differ" if failed else "") + (f"; {broken} could not run" if broken else ""), err=True)
    raise typer.Exit(EXIT_INPUT if broken else EXIT_FINDINGS if failed else EXIT_OK)


@golden_app.command("update")
def golden_update(cases: Cases = None, root: RootOption = "golden/cases") -> None:
    """Rewrite the cases' outputs after a deliberate change, and list what changed.

    A call with no recorded response gets one from the offline backend: read it, and make it the
    answer a model would plausibly give. Exit 2 when a case cannot be run.
    """
    from .golden import update

    broken = 0
    for case in _golden_cases(root, cases):
        produced = _produce(case, fill_missing=True)
        if produced is None:
            broken += 1
            continue
        for line in update(produced):
            _print(line)
    raise typer.Exit(EXIT_INPUT if broken else EXIT_OK)


@golden_app.command("list")
def golden_list(root: RootOption = "golden/cases") -> None:
    """List the golden cases: name, mode, and what each is for."""
    from .formtext import table

    rows = [[case.name, "?", case.problem] if case.problem else [case.name, case.mode, case.description]
            for case in _golden_cases(root, None)]
    _print("\n".join(table(["case", "mode", "description"], rows, [24, 7, 80])))


@golden_app.command("eval")
def golden_eval(cases: Cases = None, model: Annotated[str, typer.Option(
                    "--model", help="The model to score (on $OPENAI_BASE_URL).")] = ...,
                vs_model: Annotated[str | None, typer.Option("--vs-model", help="A second model, side by side.")] = None,
                prompts: Annotated[str | None, typer.Option(
                    "--prompts", help="A folder of prompt templates to use instead of the installed ones.")] = None,
                vs_prompts: Annotated[str | None, typer.Option(
                    "--vs-prompts", help="A second version of the templates, side by side.")] = None,
                min_similarity: Annotated[float, typer.Option(
                    "--min-similarity", min=0, max=1, help="Least similarity to the golden text that passes.")] = 0.3,
                output: Annotated[str | None, typer.Option("--output", "-o", help="Write the scores as JSON here.")] = None,
                fail_under: Annotated[float | None, typer.Option(
                    "--fail-under", min=0, max=100, help="Exit 1 when a variant passes every check on fewer "
                                                         "than this percentage of the answers (a CI gate).")] = None,
                root: RootOption = "golden/cases", structured: StructuredOption = Structured.auto,
                concurrency: ConcurrencyOption = 8, timeout: TimeoutOption = 60.0, retries: RetriesOption = 4,
                no_cache: NoCacheOption = False, quiet: QuietOption = False) -> None:
    """Run a live model on the golden review cases and score every answer against the golden one.

    Each check (answered, rubric, grounded, length, phrasing, similar) passes or fails; one that
    could not run fails. Prints a table per case and a summary. Exit 0 when the run completed,
    1 when a variant is under --fail-under, 2 on a usage or input error.
    """
    from pathlib import Path

    from .goldeneval import Variant, as_json, evaluate, render_table, summary

    chosen = _golden_cases(root, cases)
    second = vs_model is not None or vs_prompts is not None
    specs = [(model, prompts)] + ([(vs_model or model, vs_prompts or prompts)] if second else [])
    variants, bars = [], []
    for name, folder in specs:
        label = name + (f" ({folder})" if folder and second and vs_prompts else "")
        options = LLMOptions(Backend.openai, name, structured, concurrency, None, timeout, retries, no_cache, quiet)
        backend, progress = _backend(options, None)  # how many questions is known only once planned
        variants.append(Variant(label, backend, Path(folder) if folder else None))
        bars.append(progress)
    try:
        items = evaluate(chosen, variants, min_similarity)
    finally:
        for bar in bars:
            if bar:
                bar[0].stop()
    labels = [v.label for v in variants]
    _print(render_table(items, labels))
    if output:
        import json

        Path(output).write_text(json.dumps(as_json(items, labels, min_similarity), ensure_ascii=False, indent=2)
                                + "\n", encoding="utf-8")
    if fail_under is not None and any(counts["all_passed"] * 100 < fail_under * counts["items"]
                                       for counts in summary(items, labels).values()):
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    # A short-lived command frees memory at exit; the cyclic collector would only rescan the
    # forms of a big batch over and over (it doubled the time of a 10,000-form check).
    gc.disable()
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
