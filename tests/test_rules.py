"""Every rule of the catalogue fires on the forms its module says it fires on, and stays silent
on the ones it says it stays silent on; the clean base form raises nothing at all."""

from __future__ import annotations

import re

import pytest

from reviewer.config import Config
from reviewer.rules import RULES, kit
from reviewer.rules.engine import check_form

EXAMPLES = [(code, example) for code in sorted(RULES) for example in RULES[code].examples]


def codes(form, **config) -> set[str]:
    return {finding.rule for finding in check_form(form, Config(**config))}


@pytest.mark.parametrize(
    "code, example",
    EXAMPLES,
    ids=[f"{code}-{'fires' if example.fires else 'silent'}-{i}" for i, (code, example) in enumerate(EXAMPLES)],
)
def test_rule_example(code, example):
    assert (code in codes(example.make())) is example.fires, example.description


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_firing_and_a_silent_example(code):
    examples = RULES[code].examples
    assert any(e.fires for e in examples), f"{code} has no example where it fires"
    assert any(not e.fires for e in examples), f"{code} has no example where it is silent"


def test_clean_form_raises_nothing():
    assert check_form(kit.base(), Config()) == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_and_named_in_both_languages(code):
    rule = RULES[code]
    assert rule.summary and rule.severity in ("error", "warning", "info")
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), "English names are kebab-case"
    assert re.fullmatch(r"[\u4e00-\u9fff“”（）]+", rule.name_zh), "Chinese names are Chinese"
    sections = rule.sections()
    for heading in ("What it checks", "Why it matters", "Example", "How to fix"):
        assert sections.get(heading), f"{code} doc lacks '## {heading}'"


def test_codes_are_stable():
    assert sorted(RULES) == [
        "E300",
        "E301",
        "E303",
        "F101",
        "F102",
        "F103",
        "F104",
        "F105",
        "F106",
        "N501",
        "N502",
        "N503",
        "N504",
        "N505",
        "N506",
        "N508",
        "N509",
        "S201",
        "S202",
        "S203",
        "S204",
        "S205",
        "S206",
        "S207",
        "S208",
        "S209",
        "S210",
        "T401",
        "T402",
        "T403",
        "T404",
        "T405",
        "T406",
        "T407",
        "T408",
        "T409",
    ]
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names)), "one meaning per name"


def test_each_rule_is_one_module_named_after_it():
    for code, rule in RULES.items():
        module = rule.check.__module__
        assert module == f"reviewer.rules.catalogue.{code.lower()}_{rule.name.replace('-', '_')}", module
