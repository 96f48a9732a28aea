"""Chinese `--help` for the people the tool is for: `--lang zh` on the command line, or
``REVIEWER_LANG=zh``. Help texts are written in English in the commands; ``ZH`` gives each its
Chinese, and ``translate`` puts one language or the other in place before a command runs."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import typer

from reviewer.cli.zh import ZH
from reviewer.form.text import terminal_width


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang=zh" or (arg == "--lang" and i + 1 < len(args) and args[i + 1] == "zh"):
            return "zh"
    return "zh" if environ.get("REVIEWER_LANG", "").lower().startswith("zh") else "en"


def translate(app: typer.Typer, lang: str) -> None:
    """Every help text of ``app`` (commands, options, arguments, groups) in ``lang``."""
    _set(app.info, "help", lang)
    # Markdown joins an English docstring's wrapped lines; Rich text keeps the Chinese ones.
    app.rich_markup_mode = "rich" if lang == "zh" else "markdown"
    if app.registered_callback is not None:  # its options; its docstring is not shown
        for info in _parameter_infos(app.registered_callback.callback):
            _set(info, "help", lang, narrow=True)
    for command in app.registered_commands:
        _set(command, "help", lang, fallback=inspect.getdoc(command.callback) or "")
        for info in _parameter_infos(command.callback):
            _set(info, "help", lang, narrow=True)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            translate(group.typer_instance, lang)


def _parameter_infos(callback: Any) -> list[Any]:
    hints = typing.get_type_hints(callback, include_extras=True)
    # The modules use postponed annotations, which typer evaluates again on each run, making new
    # option objects; putting the evaluated ones in place makes the ones translated here the ones
    # typer reads.
    callback.__annotations__.update(hints)
    found = []
    for hint in hints.values():
        for meta in getattr(hint, "__metadata__", ()):
            if isinstance(meta, (typer.models.OptionInfo, typer.models.ArgumentInfo)):
                found.append(meta)
    return found


def _set(target: Any, attribute: str, lang: str, fallback: str = "", narrow: bool = False) -> None:
    # The English text is kept the first time, so the language can be switched back (tests run
    # commands in both in one process).
    english = getattr(target, "_help_en", None)
    if english is None:
        english = getattr(target, attribute, None) or fallback
        target._help_en = english
    if not english:
        return
    if lang != "zh":
        setattr(target, attribute, english)
        return
    chinese = _breakable(ZH.get(_key(english), english))
    setattr(target, attribute, _lines(chinese, OPTION_HELP_WIDTH) if narrow else chinese)


def _key(text: str) -> str:
    """Help texts are looked up by their first line, so a docstring's layout does not matter."""
    return inspect.cleandoc(text).split("\n", 1)[0].strip()


# Rich wraps lines only at spaces: a space after each Chinese mark (and before an opening
# bracket) lets Chinese text wrap there.
_BREAKS = re.compile(r"([，；。、：）])(?=[^\s，；。、：）])|(?<=\S)(（)")
_WIDE_RUN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]{12}(?=[\u3000-\u9fff\uff00-\uffef])")
# The narrowest help column of the option panels on an 80-column terminal, in cells: rich cuts a
# line wider than its column off with "…", so an option's Chinese help is given its lines here.
OPTION_HELP_WIDTH = 24


def _breakable(text: str) -> str:
    return _BREAKS.sub(lambda mark: f"{mark[1]} " if mark[1] else f" {mark[2]}", text)


def _lines(text: str, width: int) -> str:
    words = _WIDE_RUN.sub(lambda run: run[0] + " ", text).split(" ")
    lines: list[str] = []
    for word in words:
        if lines and terminal_width(lines[-1]) + 1 + terminal_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    # "\b" first: typer keeps the line breaks of a paragraph that starts with it (click's rule).
    return "\b\n" + "\n".join(lines)
