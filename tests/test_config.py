"""Configuration: files found upward, the command line on top, selections, templates, tolerances."""

from decimal import Decimal

import pytest

from reviewer.config import Config, Template, find_config, load_config
from reviewer.errors import InputError
from reviewer.rules import kit
from reviewer.rules.engine import SelectionError, check_form, select_rules


def test_defaults_without_a_file(tmp_path):
    config = load_config(start=tmp_path)
    assert config.select == ["ALL"] and config.template == "auto" and config.tolerance.rate == Decimal("0.01")


def test_pyproject_table_found_from_a_subfolder(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reviewer]\nselect = ["F", "S2"]\nignore = ["S210"]\ntemplate = "sichuan"\n'
        "[tool.reviewer.tolerance]\nrate = 0.05\n[tool.reviewer.thresholds]\nlow_execution = 85\n",
        encoding="utf-8",
    )
    sub = tmp_path / "forms" / "2024"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    config = load_config(start=sub)
    assert config.template == "sichuan" and config.tolerance.rate == Decimal("0.05")
    assert config.thresholds.low_execution == Decimal(85)
    assert [r.code for r in select_rules(config.select, config.ignore)][-1] == "S209"


def test_pyproject_without_the_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(tmp_path) is None


def test_reviewer_toml_explicit_template_weights(tmp_path):
    path = tmp_path / "reviewer.toml"
    path.write_text(
        '[template]\nname = "county"\ntotal = 100\nfunds_weight = 20\n'
        'level1 = {"产出指标" = 40, "效益指标" = 30, "满意度指标" = 10}\nrequired = ["产出指标"]\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert isinstance(config.template, Template) and config.template.funds_weight == 20
    codes = {f.rule for f in check_form(kit.base(), config)}
    assert "S210" in codes  # funds carry 10, the county template 20; 产出 50 against 40


@pytest.mark.parametrize(
    "text, message",
    [
        ('select = ["F1"\n', "invalid TOML"),
        ('template = "atlantis"\n', "unknown template"),
        ("[tolerance]\nmoney = 1\n", "tolerance.money"),
    ],
)
def test_bad_configuration_is_reported_with_its_file(tmp_path, text, message):
    path = tmp_path / "reviewer.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path))


def test_selection_by_prefix_and_ignore():
    assert [r.code for r in select_rules(["F10"], ["F104"])] == ["F101", "F102", "F103", "F105", "F106"]
    assert len(select_rules(["ALL"], [])) == 36
    with pytest.raises(SelectionError, match="X9"):
        select_rules(["X9"], [])


def test_severity_and_tolerance_overrides_change_findings():
    form = kit.row(1, score="13", explanation="受场地检修影响，2场培训顺延；后续将提前锁定场地。")()
    [finding] = [f for f in check_form(form, Config(severity={"S206": "error"})) if f.rule == "S206"]
    assert finding.severity == "error"
    loose = kit.funds(rate="95.04")()
    assert "F101" in {f.rule for f in check_form(loose, Config())}
    assert "F101" not in {f.rule for f in check_form(loose, Config(tolerance={"rate": "0.05"}))}


def test_bands_are_configurable():
    form = kit.row(
        3, actual="部分达成年度指标并具有一定效果", score="16", explanation="受场地检修影响；后续将提前锁定场地。"
    )()
    assert "S208" in {f.rule for f in check_form(form, Config())}  # 53% under the 60% band
    assert "S208" not in {f.rule for f in check_form(form, Config(bands={"partial": ["50", "80"]}))}


def test_reverse_scoring_conventions():
    form = kit.extra_row(
        name="有效投诉量",
        target="≤2件",
        actual="3件",
        weight="6",
        score="4",
        explanation="受场地检修影响；后续将提前锁定场地。",
    )()
    assert "S209" not in {f.rule for f in check_form(form, Config(reverse_scoring="ratio"))}  # 6 × 2/3 = 4
    assert "S209" in {f.rule for f in check_form(form, Config(reverse_scoring="linear"))}  # 6 × 0.5 = 3


def test_english_messages():
    form = kit.form(grade="良")()
    [finding] = [f for f in check_form(form, Config(lang="en")) if f.rule == "S204"]
    assert finding.message["en"].startswith("总分 99.50 earns grade 优")


def test_readme_configuration_example_is_valid_and_the_defaults(tmp_path):
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", readme, re.S)
    path = tmp_path / "reviewer.toml"
    path.write_text(example, encoding="utf-8")
    loaded = load_config(path)
    assert loaded.model_dump(exclude={"source"}) == Config().model_dump(exclude={"source"})
