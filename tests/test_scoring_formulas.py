"""Indicator scores as the provincial systems compute them, and the grade scales and far-exceeded
thresholds a configuration can name."""

from decimal import Decimal as D

import pytest

from reviewer.config import GRADE_SCALES, Config, Grades, Template, load_config
from reviewer.errors import InputError
from reviewer.rules.scoring_formulas import expected_score

W10, W20 = D(10), D(20)

# (weight, target A, actual B, direction, comparator, convention, expected score, branch)
CASES = [
    # positive: B ≥ A whole, otherwise round(B ÷ A × weight, 2)
    (W20, D(30), D(30), "positive", ">=", "linear", W20, "positive met exactly"),
    (W20, D(30), D(45), "positive", ">=", "linear", W20, "positive exceeded: never above the weight"),
    (W20, D(30), D(20), "positive", ">=", "linear", D("13.33"), "positive missed, 13.333 rounded"),
    (W10, D(95), D("94.60"), "positive", ">=", "ratio", D("9.96"), "positive missed, 9.9579 rounded up"),
    (W10, D(3), D(2), "positive", ">=", "linear", D("6.67"), "positive missed, 6.666 rounded up"),
    (W10, D(8), D(1), "positive", ">=", "linear", D("1.25"), "positive missed, exact"),
    (W10, D(80), D("0.1"), "positive", ">=", "linear", D("0.01"), "ROUND_HALF_UP: 0.0125 → 0.01"),
    (W10, D(40), D("0.1"), "positive", ">=", "linear", D("0.03"), "ROUND_HALF_UP: 0.025 → 0.03"),
    (W10, D(30), D(-5), "positive", ">=", "linear", D("0.00"), "a negative actual counts as 0"),
    (W10, D(0), D(5), "positive", ">=", "linear", None, "positive target of 0: no ratio"),
    (W10, D(-3), D(5), "positive", ">=", "linear", None, "positive negative target: no ratio"),
    # "=": A = 0 whole only when B ≤ 0; otherwise in the indicator's direction
    (W10, D(0), D(0), "reverse", "=", "linear", W10, "=0 met"),
    (W10, D(0), D(-2), "reverse", "=", "linear", W10, "=0 with a negative actual (counts as 0)"),
    (W10, D(0), D(1), "reverse", "=", "linear", D(0), "=0 missed"),
    (W10, D(0), D(1), "positive", "=", "linear", D(0), "=0 missed, whatever the direction"),
    (W10, D(100), D(90), "positive", "=", "linear", D("9.00"), "=100% missed, scored as positive"),
    (W10, D(90), D(100), "positive", "=", "linear", W10, "=90% exceeded, scored as positive"),
    # reverse, linear: B ≤ A whole; A < B < 2A round((1 − (B − A) ÷ A) × weight, 2); B ≥ 2A nothing
    (W10, D(4), D(3), "reverse", "<=", "linear", W10, "reverse met"),
    (W10, D(4), D(4), "reverse", "<=", "linear", W10, "reverse met exactly"),
    (W10, D(4), D(5), "reverse", "<=", "linear", D("7.50"), "reverse linear, a quarter over"),
    (W10, D(3), D(4), "reverse", "<=", "linear", D("6.67"), "reverse linear, 6.666 rounded up"),
    (W10, D(4), D("7.99"), "reverse", "<=", "linear", D("0.03"), "reverse linear, just under twice"),
    (W10, D(4), D(8), "reverse", "<=", "linear", D(0), "reverse linear at twice the target"),
    (W10, D(4), D(12), "reverse", "<=", "linear", D(0), "reverse linear past twice the target"),
    (W10, D(0), D("0.5"), "reverse", "<=", "linear", D(0), "≤0 missed: at or past twice the target"),
    (W10, D(0), D("-0.29"), "reverse", "<=", "linear", W10, "≤0.00% cost deviation at −0.29% (counts as 0)"),
    (W10, D(5), D(-1), "reverse", "<", "linear", W10, "reverse, negative actual"),
    # reverse, ratio: round(A ÷ B × weight, 2)
    (W10, D(4), D(3), "reverse", "<=", "ratio", W10, "reverse ratio met"),
    (W10, D(4), D(5), "reverse", "<=", "ratio", D("8.00"), "reverse ratio, a quarter over"),
    (W10, D(3), D(4), "reverse", "<=", "ratio", D("7.50"), "reverse ratio"),
    (W10, D(3), D(7), "reverse", "<=", "ratio", D("4.29"), "reverse ratio, 4.2857 rounded up"),
    (W10, D(4), D(12), "reverse", "<=", "ratio", D("3.33"), "reverse ratio past twice: never zero"),
    (W10, D(0), D(2), "reverse", "<=", "ratio", D(0), "reverse ratio against a target of 0"),
    (W10, D(-1), D(2), "reverse", "<=", "ratio", None, "reverse negative target: no formula"),
]


@pytest.mark.parametrize(
    "weight, target, actual, direction, comparator, convention, expected, branch", CASES, ids=[c[-1] for c in CASES]
)
def test_expected_score(weight, target, actual, direction, comparator, convention, expected, branch):
    assert expected_score(weight, target, actual, direction, comparator, convention) == expected, branch


def test_scores_are_exact_decimals_in_cents():
    score = expected_score(W20, D(30), D(20), "positive", ">=", "linear")
    assert isinstance(score, D) and score.as_tuple().exponent == -2


def test_grade_scales_by_name_or_table(tmp_path):
    assert Config().grades == Grades() == GRADE_SCALES["mof"]
    vendor = Config(grades="pmkpi").grades
    assert (vendor.优, vendor.良, vendor.中) == (D(80), D(70), D(60))
    path = tmp_path / "reviewer.toml"
    path.write_text('grades = "pmkpi"\n', encoding="utf-8")
    assert load_config(path).grades.优 == D(80)
    path.write_text('[grades]\n"优" = 85\n', encoding="utf-8")
    assert load_config(path).grades == Grades(优=D(85))  # an existing table still loads


def test_an_unknown_grade_scale_is_refused(tmp_path):
    path = tmp_path / "reviewer.toml"
    path.write_text('grades = "gansu"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown grade scale 'gansu'; choose mof, pmkpi"):
        load_config(path)


def test_far_exceeded_per_template(tmp_path):
    assert Template().far_exceeded is None and Config().thresholds.far_exceeded == D(130)
    path = tmp_path / "reviewer.toml"
    path.write_text('[template]\nname = "guangxi"\nfar_exceeded = 130\n', encoding="utf-8")
    assert load_config(path).template.far_exceeded == D(130)
    path.write_text('[template]\nname = "pmkpi"\nfar_exceeded = 120\n', encoding="utf-8")
    assert load_config(path).template.far_exceeded == D(120)
