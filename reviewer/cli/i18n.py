"""Chinese `--help` and usage errors for the people the tool is for: `--lang zh` on the command
line, or ``REVIEWER_LANG=zh``. Help texts are written in English in the commands; ``ZH`` gives
each its Chinese, and ``translate`` puts one language or the other in place before a command
runs; ``show_usage_error`` prints a usage error as typer does, in the language asked for."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import typer

from reviewer.cli.zh import USAGE_ZH, ZH
from reviewer.form.text import terminal_width
from reviewer.reports.readermessages import translated


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    if _lang_option(args) == "zh":
        return "zh"
    return "zh" if environ.get("REVIEWER_LANG", "").lower().startswith("zh") else "en"


def message_language(args: Sequence[str]) -> str:
    """The messages' language where the settings that say it could not be read (a broken
    configuration file, a plugin that fails to load): ``--lang``, else their default, zh."""
    return "en" if _lang_option(args) == "en" else "zh"


def _lang_option(args: Sequence[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return None


def translate(app: typer.Typer, lang: str, args: Sequence[str]) -> None:
    """Every help text of ``app`` (commands, options, arguments, groups) in ``lang``, and the
    words around them when ``args`` ask for help."""
    _translate_texts(app, lang)
    groups = [[group.name] for group in app.registered_groups]
    if not args or "--help" in args or list(args) in groups:
        _translate_panels(lang)


def _translate_texts(app: typer.Typer, lang: str) -> None:
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
            _translate_texts(group.typer_instance, lang)


# What typer prints around the help texts and a usage error: its panels' titles, the notes after an
# option's help, where to find help.
_PANEL_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ERRORS_PANEL_TITLE": "错误",
    "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}
_PANEL_WORDS_EN: dict[str, str] = {}


def _translate_panels(lang: str) -> None:
    from typer import rich_utils  # 0.2 s of imports, which typer makes only to print help

    if not _PANEL_WORDS_EN:
        _PANEL_WORDS_EN.update({name: getattr(rich_utils, name) for name in _PANEL_WORDS})
    for name, chinese in _PANEL_WORDS.items():
        setattr(rich_utils, name, chinese if lang == "zh" else _PANEL_WORDS_EN[name])
    _click_words.clear()
    if lang == "zh":
        _click_words.update(_CLICK_WORDS_ZH)


# click's own words, which typer prints as click gives them: the usage line's prefix and the help
# of --help. Its commands write them with these in the language asked for; English is click's default.
_CLICK_WORDS_ZH = {"usage": "用法：", "help": "显示此帮助后退出。"}
_click_words: dict[str, str] = {}
_HELP_OPTION_EN = "Show this message and exit."


def _format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), _click_words.get("usage"))


def _help_option_in_language(get_help_option: Any) -> Any:
    def help_option(command: Any, ctx: Any) -> Any:
        option = get_help_option(command, ctx)
        if option is not None:  # one object per command, made once: its help is set on each use
            option.help = _click_words.get("help", _HELP_OPTION_EN)
        return option

    return help_option


for _command_class in (typer.core.TyperCommand, typer.core.TyperGroup):
    _command_class.format_usage = _format_usage  # type: ignore[method-assign,assignment]
    _command_class.get_help_option = _help_option_in_language(_command_class.get_help_option)  # type: ignore[method-assign]


def show_usage_error(failure: typer.TyperException, lang: str) -> None:
    """A usage error as typer prints it: the usage line, where to find help, and the reason in
    a panel."""
    from typer import rich_utils

    _translate_panels(lang)
    if lang == "zh":
        english = failure.format_message
        failure.format_message = lambda: usage_error_text(english())  # type: ignore[method-assign]
    rich_utils.rich_format_error(failure)  # type: ignore[arg-type]


def usage_error_text(message: str) -> str:
    return translated(message, USAGE_ZH, {"reason": usage_error_text, "problem": usage_error_text})


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
    chinese = ZH.get(_key(english), english)
    setattr(target, attribute, _lines(chinese, OPTION_HELP_WIDTH) if narrow else chinese)


def _key(text: str) -> str:
    """Help texts are looked up by their first line, so a docstring's layout does not matter."""
    return inspect.cleandoc(text).split("\n", 1)[0].strip()


# A paragraph is wrapped by rich, which breaks Chinese between any two characters. An option's help
# sits in a panel's column, where rich cuts a line wider than the column off with "…" instead:
# it is given its lines here, to the narrowest such column on an 80-column terminal, in cells.
OPTION_HELP_WIDTH = 24
# A Latin word ("FILE.html", "T401") is kept whole; Chinese breaks after any character, but a
# closing mark never starts a line (it may hang in the last two cells) and an opening one never
# ends one.
_UNIT = re.compile(r"(\s*)([^\s\u2e80-\u9fff\uff00-\uffef]+|\S)")
_CLOSING = frozenset("，。；：、）》」”’！？")
_OPENING = frozenset("（《「“‘")


def _lines(text: str, width: int) -> str:
    lines: list[list[str]] = [[]]  # each line's pieces: a unit, or a space and a unit
    for space, unit in _UNIT.findall(text):
        piece = f" {unit}" if space and lines[-1] else unit
        if not lines[-1] or terminal_width("".join(lines[-1]) + piece) <= (width if unit in _CLOSING else width - 2):
            lines[-1].append(piece)
            continue
        lines.append([*_carried(lines[-1], unit), unit])
    # "\b" first: typer keeps the line breaks of a paragraph that starts with it (click's rule).
    return "\b\n" + "\n".join("".join(line) for line in lines)


def _carried(line: list[str], unit: str) -> list[str]:
    """The pieces at the end of a full ``line`` that go to the next with ``unit``: a closing mark
    takes the word before it (and the marks between), and an opening mark goes with what follows."""
    count = 0
    if unit in _CLOSING:
        count = 1
        while count < len(line) and line[-count].lstrip() in _CLOSING:
            count += 1
    if count < len(line) and line[-count - 1].lstrip() in _OPENING:
        count += 1
    if not count or count >= len(line):
        return []  # nothing to carry, or the whole line: it stays, a mark over
    carried = [line.pop() for _ in range(count)][::-1]
    return [carried[0].lstrip(), *carried[1:]]
