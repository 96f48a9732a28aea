"""Chinese `--help` for the people the tool is for: `--lang zh` on the command line, or
``REVIEWER_LANG=zh``. Help texts are written in English in the commands; ``ZH`` gives each its
Chinese, and ``translate`` puts one language or the other in place before a command runs."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import typer

from reviewer.cli.zh import ZH


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang=zh" or (arg == "--lang" and i + 1 < len(args) and args[i + 1] == "zh"):
            return "zh"
    return "zh" if environ.get("REVIEWER_LANG", "").lower().startswith("zh") else "en"


def translate(app: typer.Typer, lang: str) -> None:
    """Every help text of ``app`` (commands, options, arguments, groups) in ``lang``."""
    _set(app.info, "help", lang)
    for command in app.registered_commands:
        _set(command, "help", lang, fallback=inspect.getdoc(command.callback) or "")
        for info in _parameter_infos(command.callback):
            _set(info, "help", lang)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            translate(group.typer_instance, lang)


def _parameter_infos(callback: Any) -> list[Any]:
    hints = typing.get_type_hints(callback, include_extras=True)
    found = []
    for hint in hints.values():
        for meta in getattr(hint, "__metadata__", ()):
            if isinstance(meta, (typer.models.OptionInfo, typer.models.ArgumentInfo)):
                found.append(meta)
    return found


def _set(target: Any, attribute: str, lang: str, fallback: str = "") -> None:
    # The English text is kept the first time, so the language can be switched back (tests run
    # commands in both in one process).
    english = getattr(target, "_help_en", None)
    if english is None:
        english = getattr(target, attribute, None) or fallback
        target._help_en = english
    if not english:
        return
    setattr(target, attribute, ZH.get(_key(english), english) if lang == "zh" else english)


def _key(text: str) -> str:
    """Help texts are looked up by their first line, so a docstring's layout does not matter."""
    return inspect.cleandoc(text).split("\n", 1)[0].strip()
