"""Render the prompt files in prompts/ into chat messages.

Templates are sandboxed and strict: a missing variable is an error, not an empty string.
Form text goes in only as JSON inside <form_data> tags, through ``tojson``, which escapes
``<`` and ``>``: a cell cannot close the tag and speak as the instructions.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

# reviewer/prompts is a link to the repository's prompts/ folder and is installed with the package.
PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=4)
def environment(folder: Path = PROMPTS) -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                               autoescape=False, keep_trailing_newline=True, trim_blocks=False)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env


def jsonable(value: Any) -> Any:
    """Decimals as the text the form printed; everything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def render(task: str, prompts: Path | None = None, **context: Any) -> list[dict[str, str]]:
    """The system message and the task's user message, from ``prompts`` (a folder holding
    another version of the templates, for comparing them) or the installed ones."""
    env = environment(prompts or PROMPTS)
    context = {key: jsonable(value) if key == "data" else value for key, value in context.items()}
    return [{"role": "system", "content": env.get_template("system.j2").render()},
            {"role": "user", "content": env.get_template(f"{task}.j2").render(**context)}]
