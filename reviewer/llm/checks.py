"""How each field of a model's answer is checked before a person reads it.

Every field of every answer schema (``schemas.py``) carries exactly one declaration, as an
``Annotated`` marker, and ``problems`` walks the answer and applies them:

- ``Prose``: free text shown to a reviewer. Every number in it is one the form holds or one
  that follows from it (``grounding.ungrounded``), or one the tool's own findings state; it is
  within its length limit; it is not an echo of the schema's descriptions or the prompt's
  instructions; and where it is declared so, it names its row's indicator (``names="row"``)
  or something of this form: an indicator, a finding, a number, the project (``names="form"``),
  and says more than one phrase (``phrases=2``).
- ``Quote``: a passage the model says it found in the form; it must be a quotation of that
  cell (whitespace aside).
- ``RowName``: an indicator the model points at; it must be one of the form's rows.
- ``Closed``: a yes/no or a choice among fixed values; its type is the whole check.
- ``Parts``: a nested answer (or a list of them), checked field by field as it declares.

A problem is said in Chinese, prefixed with the field it is about (``comment：…``), so the
re-ask tells the model what to mend, and the report tells the reviewer why an item failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reviewer.form.model import Form, Indicator
from reviewer.llm import grounding
from reviewer.llm.numerals import numbers_in, quantities_in
from reviewer.rules import RULES, Finding

_FENCED = re.compile(r"<form_data>.*?</form_data>", re.S)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Where one instruction or phrase ends and the next begins.
_BREAK = re.compile(r"[。；;！!？?\n：:，,]|\d+[、.．]\s*")
_NOT_TEXT = re.compile(r"[\s\W_]+")
_SHORTEST_UNIT = 6  # characters of an instruction worth recognising in an answer
_ECHO_SHARE = 0.5  # an answer this much made of instructions says nothing of its own
_SHORTEST_QUOTE = 4  # characters: "完成" is in any narrative


@dataclass(frozen=True)
class Ground:
    """What an answer is checked against: the form, the row it is about (if any), the findings
    the prompt gave, the length limit, and the instructions it must not merely repeat."""

    form: Form
    row: Indicator | None
    findings: list[Finding]
    limit: int
    instructions: tuple[str, ...] = ()
    # The numbers of the answer being checked that nothing in the form or its findings implies,
    # worked out by ``problems`` once for all its texts: what a form implies takes a while.
    invented: frozenset[str] | None = None


class Check:
    """A field's declaration: why a value of it cannot be shown; empty when it can."""

    def problems(self, value: Any, ground: Ground) -> list[str]:
        raise NotImplementedError


@dataclass(frozen=True)
class Prose(Check):
    """Free text a person reads; ``names`` what it must name, in at least ``phrases`` phrases,
    within ``length`` times the limit."""

    names: Literal["row", "form"] | None = None
    phrases: int = 1
    length: int = 1  # times the limit

    def problems(self, value: str, ground: Ground) -> list[str]:
        if not value.strip():
            return ["文字为空"]
        found = []
        invented = _invented(value, ground)
        if invented:
            found.append(f"出现表中没有的数字：{'、'.join(invented)}")
        limit = self.length * ground.limit
        if len(value) > limit:
            found.append(f"超过{limit}字（{len(value)}字）")
        echoed = echo(value, ground.instructions)
        if echoed:
            found.append(f"照抄了题目的说明或要求（“{_shown(echoed)}”），没有写本表的内容")
        if self.names == "row" and ground.row is not None:
            label = grounding.indicator_label(ground.row.name, ground.row.level2)
            if label and not grounding.names(value, label):
                found.append(f"未点明指标“{_shown(label)}”")
        if self.names == "form" and not names_something(value, ground):
            found.append("没有提到本表的任何指标、审核发现或数字")
        said = len(phrases(value))
        if not said:
            found.append("没有实际内容")
        elif said < self.phrases:
            found.append("只有一句话，没有写出具体问题和如何修改")
        return found


@dataclass(frozen=True)
class Quote(Check):
    """A quotation of the form's 实际完成情况 (the only narrative a model is asked to quote)."""

    def problems(self, value: str, ground: Ground) -> list[str]:
        quoted = squash(value).strip("“”\"'「」『』")
        if not quoted:
            return ["文字为空"]
        if len(quoted) < _SHORTEST_QUOTE:
            return ["摘录太短，看不出是原文的哪一句"]
        if quoted not in squash(ground.form.goals.actual or ""):
            return ["不是“实际完成情况”的原文摘录"]
        return []


@dataclass(frozen=True)
class RowName(Check):
    """An indicator the model points at: one of the form's rows (a nameless row by its category)."""

    def problems(self, value: str, ground: Ground) -> list[str]:
        labels = (grounding.indicator_label(row.name, row.level2) for row in ground.form.indicators)
        known = {squash(label) for label in labels if label}
        return [] if squash(value) in known else [f"表中没有指标“{_shown(value)}”"]


@dataclass(frozen=True)
class Closed(Check):
    """A yes/no or a choice among fixed values: the schema's type is the whole check."""

    def problems(self, value: Any, ground: Ground) -> list[str]:
        return []


@dataclass(frozen=True)
class Parts(Check):
    """A nested answer, or a list of them: checked field by field as it declares."""

    def problems(self, value: Any, ground: Ground) -> list[str]:
        return []  # its fields are checked one by one, by ``problems``


def declaration(info: FieldInfo) -> Check:
    """The one check a schema field declares."""
    [declared] = [m for m in info.metadata if isinstance(m, Check)]
    return declared


def problems(answer: BaseModel, ground: Ground) -> list[str]:
    """Why ``answer`` cannot be shown, field by field; empty when it can."""
    every_text = "\n\n".join(_prose(answer))
    return _problems(answer, replace(ground, invented=frozenset(_ungrounded(every_text, ground))), "")


def _problems(answer: BaseModel, ground: Ground, path: str) -> list[str]:
    found = []
    for name, info in type(answer).model_fields.items():
        value = getattr(answer, name)
        where = f"{path}{name}"
        if isinstance(declaration(info), Parts):
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                found += _problems(item, ground, f"{where}[{i}]." if isinstance(value, list) else f"{where}.")
        else:
            found += [f"{where}：{problem}" for problem in declaration(info).problems(value, ground)]
    return found


def _prose(answer: BaseModel) -> Iterator[str]:
    """Every free text of an answer, nested ones too."""
    for name, info in type(answer).model_fields.items():
        value, declared = getattr(answer, name), declaration(info)
        if isinstance(declared, Parts):
            for item in value if isinstance(value, list) else [value]:
                yield from _prose(item)
        elif isinstance(declared, Prose):
            yield value


def instructions(messages: list[dict[str, str]], schema: type[BaseModel]) -> tuple[str, ...]:
    """What an answer must not merely repeat: each phrase of the prompt (the form's data and
    the passages it quotes as examples or names left out) and each description of the schema."""
    prompt = "\n".join(_QUOTED.sub("\n", _FENCED.sub("\n", m["content"])) for m in messages)
    units = [squash_text(part) for part in _BREAK.split(prompt)]
    for text in _descriptions(schema):
        units.append(squash_text(text))
        units += [squash_text(part) for part in _BREAK.split(text)]
    return tuple(sorted({u for u in units if len(u) >= _SHORTEST_UNIT}, key=len, reverse=True))


def _descriptions(schema: type[BaseModel]) -> list[str]:
    found = [schema.__doc__] if schema.__doc__ else []
    for info in schema.model_fields.values():
        if info.description:
            found.append(info.description)
        for nested in _models(info.annotation):
            found += _descriptions(nested)
    return found


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models(arg)]


def echo(text: str, units: tuple[str, ...]) -> str | None:
    """The instruction ``text`` repeats, when it is one, or is mostly made of them."""
    bare = squash_text(_QUOTED.sub("", text))
    if not bare:
        return None
    if len(bare) >= 4 and any(bare in unit for unit in units):
        return bare
    covered = [False] * len(bare)
    first = None
    for unit in units:
        start = bare.find(unit)
        while start >= 0:
            covered[start : start + len(unit)] = [True] * len(unit)
            first = first or unit
            start = bare.find(unit, start + 1)
    return first if sum(covered) >= _ECHO_SHARE * len(bare) else None


def names_something(text: str, ground: Ground) -> bool:
    """Whether ``text`` names an indicator, a finding, a number or the project of this form.
    A finding is named by its code, its rule's name or a passage it quotes."""
    form = ground.form
    labels = [grounding.indicator_label(row.name, row.level2) for row in form.indicators]
    if any(label and grounding.names(text, label) for label in labels):
        return True
    if any(_names_finding(text, f) for f in ground.findings):
        return True
    if form.project and grounding.names(text, form.project):
        return True
    return bool(numbers_in(text))


def _names_finding(text: str, finding: Finding) -> bool:
    """Its code, its rule's name, or a passage its message quotes (the cell or category it is about)."""
    rule = RULES.get(finding.rule)
    if finding.rule in text or (rule is not None and rule.name_zh in text):
        return True
    return any(len(quoted) >= 4 and quoted in text for quoted in re.findall(r"“([^”]*)”", finding.message["zh"]))


def phrases(text: str) -> list[str]:
    """The phrases of a text: what lies between its punctuation, two characters or more."""
    return [p for p in (squash_text(part) for part in _BREAK.split(text)) if len(p) >= 2]


def squash(text: str) -> str:
    """``text`` with its whitespace removed: a quotation may be wrapped differently."""
    return re.sub(r"\s+", "", text)


def squash_text(text: str) -> str:
    """``text`` with whitespace and punctuation removed, as instructions are compared."""
    return _NOT_TEXT.sub("", text).lower()


def _invented(text: str, ground: Ground) -> list[str]:
    if ground.invented is None:
        return _ungrounded(text, ground)
    return [q.text for q in quantities_in(text) if q.text in ground.invented]


def _ungrounded(text: str, ground: Ground) -> list[str]:
    """Numbers the form does not imply and no finding states (a finding's computed value may be
    cited), as the text writes them."""
    stated = {q.value for f in ground.findings for q in quantities_in(f.message["zh"])}
    return [q.text for q in grounding.ungrounded_quantities(text, ground.form) if q.value not in stated]


def _shown(text: str) -> str:
    """A piece of an answer quoted back in a problem: short, and unable to open or close a tag."""
    short = text if len(text) <= 24 else text[:23] + "…"
    return short.replace("<", "＜").replace(">", "＞")
