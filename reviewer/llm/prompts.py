"""Render the prompt files (``reviewer/prompts/*.j2``, package data) into chat messages.

Templates are sandboxed and strict: a missing variable is an error, not an empty string.
A template is given only ``data`` (everything from the form: project, cells, goals, the
findings that quote them) and ``limit``; the data goes in only as JSON inside <form_data>
tags, through ``tojson``, which escapes ``<`` and ``>``: no cell can close the tag and speak
as the instructions, and nothing from the form can be rendered outside it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


@lru_cache(maxsize=4)
def environment(folder: Path | None = None) -> SandboxedEnvironment:
    """The installed prompt files (read through importlib, wherever the package lives), or the
    files of ``folder``: another version of them, for comparing the two."""
    loader: BaseLoader = FileSystemLoader(folder) if folder else PackageLoader("reviewer", "prompts")
    env = SandboxedEnvironment(
        loader=loader, undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=False
    )
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


def render(task: str, prompts: Path | None = None, *, data: dict[str, Any], limit: int) -> list[dict[str, str]]:
    """The system message and the task's user message, from ``prompts`` (a folder holding
    another version of the templates, for comparing them) or the installed ones."""
    env = environment(prompts)
    return [
        {"role": "system", "content": env.get_template("system.j2").render()},
        {"role": "user", "content": env.get_template(f"{task}.j2").render(data=jsonable(data), limit=limit)},
    ]


def installed_prompts() -> Traversable:
    """The folder of prompt files installed with the package."""
    return files("reviewer") / "prompts"
