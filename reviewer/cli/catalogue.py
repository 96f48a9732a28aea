"""`reviewer rules` and `reviewer rule CODE`: the catalogue and its documentation."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from reviewer.cli.common import EXIT_INPUT, Lang, error


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


CatalogueLang = Annotated[
    Lang,
    typer.Option(
        "--lang", metavar="en|zh", help="zh: the rules' Chinese names and severities (the documentation is English)."
    ),
]


def rules(
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = RulesFormat.text,
    lang: CatalogueLang = Lang.en,
) -> None:
    """List the rule catalogue: code, name, default severity, what each rule finds."""
    from reviewer.reports.findings import rules_table
    from reviewer.rules import RULES

    catalogue = [RULES[code] for code in sorted(RULES)]
    if format is RulesFormat.json:
        import json

        typer.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "name_zh": r.name_zh,
                        "severity": r.severity,
                        "summary": r.summary,
                        "doc": r.doc,
                    }
                    for r in catalogue
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        typer.echo(rules_table(catalogue, lang.value), nl=False)


def rule(
    code: Annotated[str, typer.Argument(metavar="CODE", help="A rule code, e.g. T401.")],
    lang: CatalogueLang = Lang.en,
) -> None:
    """Print one rule's documentation: what it checks, why it matters, an example, how to fix."""
    from reviewer.rules import RULES

    found = RULES.get(code.strip().upper())
    if found is None:
        error(f"unknown rule {code!r}; `reviewer rules` lists them")
        raise typer.Exit(EXIT_INPUT)
    typer.echo(found.markdown(lang.value), nl=False)
