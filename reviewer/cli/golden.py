"""`reviewer golden run|update|list|eval`: the golden cases QA keeps."""

from __future__ import annotations

from typing import Annotated

import typer

from reviewer.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, error, write_stdout
from reviewer.cli.explain import (
    ConcurrencyOption,
    NoCacheOption,
    QuietOption,
    RetriesOption,
    Structured,
    StructuredOption,
    TimeoutOption,
)
from reviewer.cli.progress import ASKING, TerminalProgress

Cases = Annotated[
    list[str] | None, typer.Argument(metavar="[CASE]...", help="Case names (default: all).", show_default=False)
]
RootOption = Annotated[str, typer.Option("--root", metavar="DIR", help="The folder of golden cases.")]


def _cases(root: str, names: list[str] | None):
    from pathlib import Path

    from reviewer.golden.cases import GoldenError, list_cases

    try:
        return list_cases(Path(root), names)
    except GoldenError as failure:
        error(str(failure))
        raise typer.Exit(EXIT_INPUT) from None


def _produce(case, fill_missing: bool):
    from reviewer.golden.cases import GoldenError, produce

    try:
        return produce(case, fill_missing)
    except GoldenError as failure:
        error(str(failure))
        return None


def run(cases: Cases = None, root: RootOption = "golden/cases") -> None:
    """Re-check, re-render and replay every case, and compare each artefact with its golden file.

    Exit 0 when everything matches; 1 with a diff per case when anything differs, is missing or
    is stale; 2 when a case cannot be run.
    """
    from pathlib import Path

    from reviewer.golden import rulecases
    from reviewer.golden.cases import compare

    failed = broken = 0
    chosen = _cases(root, cases)
    outdated = [] if cases else rulecases.stale(Path(root))
    for problem in outdated:
        write_stdout(f"{problem} (`reviewer golden update` writes the rule cases from the catalogue)")
    for case in chosen:
        produced = _produce(case, fill_missing=False)
        if produced is None:
            broken += 1
            continue
        differences = compare(produced)
        failed += bool(differences)
        for difference in differences:
            write_stdout(difference.describe())
    total = len(chosen)
    typer.echo(
        f"{total - failed - broken} of {total} golden cases match"
        + (f"; {failed} differ" if failed else "")
        + (f"; {broken} could not run" if broken else "")
        + (f"; {len(outdated)} rule case files out of date" if outdated else ""),
        err=True,
    )
    raise typer.Exit(EXIT_INPUT if broken else EXIT_FINDINGS if failed or outdated else EXIT_OK)


def update(cases: Cases = None, root: RootOption = "golden/cases") -> None:
    """Rewrite the cases' outputs after a deliberate change, and list what changed.

    A call with no recorded response gets one from the offline backend: read it, and make it the
    answer a model would plausibly give. Exit 2 when a case cannot be run.
    """
    from pathlib import Path

    from reviewer.golden import rulecases
    from reviewer.golden.cases import update as update_case

    broken = 0
    if not cases and rulecases.holds_rule_cases(Path(root)):
        for line in rulecases.write(Path(root)):
            write_stdout(line)
    for case in _cases(root, cases):
        produced = _produce(case, fill_missing=True)
        if produced is None:
            broken += 1
            continue
        for line in update_case(produced):
            write_stdout(line)
    raise typer.Exit(EXIT_INPUT if broken else EXIT_OK)


def list_(root: RootOption = "golden/cases") -> None:
    """List the golden cases: name, mode, and what each is for."""
    from reviewer.reports.formtext import table

    rows = [
        [case.name, "?", case.problem] if case.problem else [case.name, case.mode, case.description]
        for case in _cases(root, None)
    ]
    write_stdout("\n".join(table(["case", "mode", "description"], rows, [24, 7, 80])))


def eval_(
    cases: Cases = None,
    model: Annotated[
        str, typer.Option("--model", metavar="NAME", help=("The model to score (on $OPENAI_BASE_URL)."))
    ] = ...,  # type: ignore[assignment]
    vs_model: Annotated[
        str | None,
        typer.Option("--vs-model", metavar="NAME", show_default=False, help=("A second model, side by side.")),
    ] = None,
    prompts: Annotated[
        str | None,
        typer.Option(
            "--prompts",
            metavar="DIR",
            show_default=False,
            help=("A folder of prompt files to use instead of the installed ones."),
        ),
    ] = None,
    vs_prompts: Annotated[
        str | None,
        typer.Option(
            "--vs-prompts",
            metavar="DIR",
            show_default=False,
            help=("A second version of the prompt files, side by side."),
        ),
    ] = None,
    min_similarity: Annotated[
        float,
        typer.Option(
            "--min-similarity", min=0, max=1, metavar="RATIO", help=("Least similarity to the golden text that passes.")
        ),
    ] = 0.3,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", show_default=False, help=("Write the scores as JSON here.")),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            metavar="PERCENT",
            show_default=False,
            help=("Exit 1 when a variant passes every check on fewer than this percentage of the answers (a CI gate)."),
        ),
    ] = None,
    root: RootOption = "golden/cases",
    structured: StructuredOption = Structured.auto,
    concurrency: ConcurrencyOption = 8,
    timeout: TimeoutOption = 120.0,
    retries: RetriesOption = 4,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
) -> None:
    """Run a live model on the golden review cases and score every answer against the golden one.

    Each check (answered, rubric, grounded, length, phrasing, similar) passes or fails; one that
    could not run fails. Prints a table per case and a summary. Exit 0 when the run completed,
    1 when a variant is under --fail-under, 2 on a usage or input error or when an endpoint
    answered nothing at all.
    """
    import json
    from pathlib import Path

    from reviewer.golden.evaluate import EndpointError, Variant, as_json, evaluate, render_table, summary
    from reviewer.llm.backends import BackendOptions, make_backend

    chosen = _cases(root, cases)
    second = vs_model is not None or vs_prompts is not None
    specs = [(model, prompts)] + ([(vs_model or model, vs_prompts or prompts)] if second else [])
    variants, bars = [], []
    for name, folder in specs:
        label = name + (f" ({folder})" if folder and second and vs_prompts else "")
        bar = None if quiet else TerminalProgress(ASKING["en"])
        options = BackendOptions(
            model=name,
            structured=structured.value,
            concurrency=concurrency,
            timeout=timeout,
            retries=retries,
            cache=not no_cache,
            progress=bar,
        )
        variants.append(Variant(label, make_backend("openai", options), Path(folder) if folder else None))
        bars.append(bar)
    try:
        items = evaluate(chosen, variants, min_similarity)
    except EndpointError as failure:
        error(str(failure))
        raise typer.Exit(EXIT_INPUT) from None
    finally:
        for bar in bars:
            if bar:
                bar.stop()
    labels = [v.label for v in variants]
    write_stdout(render_table(items, labels))
    if output:
        Path(output).write_text(
            json.dumps(as_json(items, labels, min_similarity), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if fail_under is not None and any(
        counts["all_passed"] * 100 < fail_under * counts["items"] for counts in summary(items, labels).values()
    ):
        raise typer.Exit(EXIT_FINDINGS)
