"""The documents written from the catalogue: README's rule table and ``docs/rules.md``.

    python -m reviewer.rules.docs      # rewrite both after adding or changing a rule

A test fails when either is stale, so the catalogue is the one place a rule is described.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reviewer.rules import RULES
from reviewer.rules.base import Rule

TABLE_START = "<!-- rules table: written by `python -m reviewer.rules.docs` -->"
TABLE_END = "<!-- end of rules table -->"


def catalogue() -> list[Rule]:
    return [RULES[code] for code in sorted(RULES)]


def readme_table() -> str:
    lines = ["| code | name | 名称 | severity | what it finds |", "|---|---|---|---|---|"]
    lines += [f"| {r.code} | {r.name} | {r.name_zh} | {r.severity} | {r.summary} |" for r in catalogue()]
    return "\n".join(lines)


def rules_markdown() -> str:
    """Every rule's documentation, as `reviewer rule CODE` prints it, with what it marks on the form."""
    parts = [
        "# The rules\n",
        "Written from the catalogue (`reviewer/rules/catalogue/`) by "
        "`python -m reviewer.rules.docs`; `reviewer rule CODE` prints one.\n",
    ]
    for rule in catalogue():
        marks = rule.marks
        cells = ", ".join(
            f"{where}: {', '.join(columns)}"
            for where, columns in (("indicator row", marks.row), ("funds row", marks.funds), ("总分 row", marks.total))
            if columns
        )
        examples = "\n".join(f"- {'fires' if e.fires else 'silent'}: {e.description}" for e in rule.examples)
        parts.append(
            f"## {rule.code} {rule.name} ({rule.name_zh})\n\nDefault severity: {rule.severity}. "
            f"Marks {cells}.\n\n{_demote(rule.doc)}\n\n### Examples (tested)\n\n{examples}\n"
        )
    return "\n".join(parts)


def _demote(doc: str) -> str:
    """The doc's ``## Section`` headings one level down, under the rule's own heading."""
    return "\n".join("#" + line if line.startswith("## ") else line for line in doc.splitlines())


def readme_with_table(readme: str) -> str:
    start, end = readme.index(TABLE_START) + len(TABLE_START), readme.index(TABLE_END)
    return readme[:start] + "\n" + readme_table() + "\n" + readme[end:]


def main(root: Path) -> None:
    readme = root / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
