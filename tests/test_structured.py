"""Canonical JSON and YAML: what other systems write and what `reviewer parse` writes back."""

from decimal import Decimal

import pytest

from reviewer.errors import InputError
from reviewer.form.serialize import dumps, to_yaml
from reviewer.readers import read_forms, read_forms_from_text
from tests.conftest import FORMS, SEED_001, SEED_003


@pytest.mark.parametrize("seed", [SEED_001, SEED_003])
def test_json_and_yaml_round_trip_give_the_same_forms(seed):
    forms = read_forms(str(seed))
    text = dumps({"forms": forms})
    assert read_forms_from_text(text, "f.json") == forms
    assert dumps({"forms": read_forms_from_text(text, "f.json")}) == text
    assert read_forms_from_text(to_yaml({"forms": forms}), "f.yaml") == forms


def test_numbers_are_written_as_printed_json_numbers():
    text = dumps({"forms": read_forms(str(SEED_003))})
    assert '"initial_budget": 1430.80,' in text
    assert '"score": 8.50,' in text
    assert '"1,430.80"' in text  # the printed cell, kept in raw


def test_export_from_another_system_with_string_numbers_and_extra_fields():
    [form] = read_forms(str(FORMS / "system_export.json"))
    assert form.funds.total.executed == Decimal("412.80") and isinstance(form.funds.total.executed, Decimal)
    assert form.indicators[0].score == Decimal("20.83")
    assert form.indicators[0].explanation == ""
    assert form.source.path.endswith("system_export.json") and form.source.reader == "json"
    assert form.indicators[2].target_value.number == Decimal(3000)


def test_bare_form_object_and_list_are_accepted():
    single = '{"project": "p", "indicators": [{"name": "a", "weight": 10, "score": 9}]}'
    assert read_forms_from_text(single, "one.json")[0].indicators[0].score == Decimal(9)
    assert len(read_forms_from_text(f"[{single}, {single}]", "two.json")) == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"forms": [{"project": "x", ', "invalid JSON"),
        ('{"forms": [{"indicators": [{"name": "a", "weight": "abc"}]}]}', "forms[0].indicators[0].weight"),
        ('{"forms": [{"indicators": [{"name": "a", "weight": true}]}]}', "boolean"),
        ('{"forms": [{"indicators": [{"name": "a", "weight": NaN}]}]}', "NaN"),
        ('{"forms": []}', "no forms"),
        ('{"forms": [{"project": "x"}]}', "neither indicators nor a funds table"),
        ('"just a string"', "expected a JSON object"),
    ],
)
def test_bad_json_is_one_clear_error(text, message):
    with pytest.raises(InputError) as caught:
        read_forms_from_text(text, "bad.json")
    assert message in str(caught.value) and str(caught.value).startswith("bad.json")
    assert "\n" not in str(caught.value)


def test_yaml_floats_become_exact_decimals():
    text = "forms:\n- project: p\n  indicators:\n  - name: a\n    weight: 10.10\n    score: 9.05\n"
    [form] = read_forms_from_text(text, "f.yaml")
    assert str(form.indicators[0].weight) == "10.10" and str(form.indicators[0].score) == "9.05"


def test_bad_yaml_names_the_line():
    with pytest.raises(InputError, match=r"^f.yaml:\d+: invalid YAML"):
        read_forms_from_text("forms:\n- project: p\n  indicators: [a, b\n", "f.yaml")
