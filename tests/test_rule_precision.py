"""The rules hold printed numbers to their printed digits: the whole-number cases a 中卫-style form
prints are found, and what a careful reviewer passes (truncation, rounding) stays silent. Scores
are computed as the provincial systems compute them."""

from decimal import Decimal as D

import pytest

from reviewer.config import Config, Template
from reviewer.rules import kit
from reviewer.rules.engine import check_form


def findings(form, code, **config):
    return [f for f in check_form(form, Config(**config)) if f.rule == code]


def fires(builder, code, **config) -> bool:
    return bool(findings(builder(), code, **config))


# The three whole-number cases of issue 13: each passed under "one unit of the last printed digit".
def test_a_funds_score_of_10_at_94_33_percent_is_found():
    [hit] = findings(kit.money("377.89", "356.49", "94.33%", "10")(), "F102")
    # The rate quoted is the money's, not the 94.33% printed, and the message says so.
    assert hit.message["zh"] == "资金得分填报为10，按资金算得的执行率94.34%×分值10应为9.43"
    assert hit.message["en"] == "funds score printed 10; rate from the money 94.34% × weight 10 gives 9.43"
    [printed] = findings(kit.money("100", "95", "95%", "9.00")(), "F102")
    assert printed.message["zh"] == "资金得分填报为9.00，按执行率95.00%×分值10应为9.50"


@pytest.mark.parametrize("printed", ["98", "96"])
def test_a_whole_total_one_point_off_whole_scores_is_found(printed):
    form = kit.money("100", "70", "70%", "7", total={"weight": "100", "score": printed})()
    [hit] = findings(form, "S202")
    assert hit.facts == {"printed": printed, "computed": "97.00"}


@pytest.mark.parametrize("funds_score, scores", [("9.50", "99.50"), ("9.73", "99.73")])
def test_a_total_printed_at_full_marks_for_scores_that_lost_points_is_found(funds_score, scores):
    # 100 for 99.73 rounds, but says no point was lost: a reviewer sends it back.
    form = kit.money("100", "95", "95%", funds_score, total={"weight": "100", "score": "100"})()
    [hit] = findings(form, "S202")
    assert hit.facts == {"printed": "100", "computed": scores}


def test_a_rate_of_96_percent_for_117_of_123_is_found():
    [hit] = findings(kit.money("123", "117", "96%", "10")(), "F101")
    assert hit.facts["computed"] == "95.12"


# What must pass.
@pytest.mark.parametrize(
    "builder, code",
    [
        (kit.money("377.89", "356.49", "94.33%", "9.43"), "F101"),  # 94.337 truncated
        (kit.money("377.89", "356.49", "94.34%", "9.43"), "F101"),  # 94.337 rounded
        (kit.money("123", "117", "95%", "10"), "F101"),  # 95.12 truncated to a whole percent
        (kit.money("100", "86.2", "86.20%", "9"), "F102"),  # 8.62 rounded to a whole point
        (kit.money("100", "86.2", "86.20%", "8"), "F102"),  # 8.62 truncated to a whole point
        (kit.money("100", "94.5", "95%", "9.5"), "F102"),  # from the printed rate, itself 94.5 rounded
        (kit.money("100", "70", "70%", "7"), "S202"),  # whole scores making 97, 总分 97
        (kit.money("100", "86.2", "86.20%", "8.62", total={"weight": "100", "score": "99"}), "S202"),  # 98.62
    ],
)
def test_what_a_careful_reviewer_passes(builder, code):
    assert not fires(builder, code)


def test_sub_rows_rounded_to_the_fen_add_up():
    form = kit.form(
        funds={
            "total": {"adjusted_budget": "1430.80", "executed": "1430.80", "weight": "10", "score": "10.00"},
            "fiscal": {"adjusted_budget": "1332.95", "executed": "1332.95", "raw": {"adjusted_budget": "1,332.95"}},
            "other": {"adjusted_budget": "97.86", "executed": "97.86"},
        },
        total={"weight": "100", "score": "100.00"},
    )
    assert not fires(form, "F103")
    whole = kit.form(
        funds={
            "total": {"adjusted_budget": "123", "executed": "123", "weight": "10", "score": "10"},
            "fiscal": {"adjusted_budget": "100", "executed": "100"},
            "other": {"adjusted_budget": "22", "executed": "22"},
        }
    )
    # Whole amounts add up exactly: 100 + 22 is not 123, in either column.
    assert [hit.facts["column"] for hit in findings(whole(), "F103")] == ["adjusted_budget", "executed"]


def test_a_funds_score_rounded_from_the_rounded_rate_passes_and_one_rounded_up_does_not():
    # 94.5% is printed 95%, which gives 9.5, printed 10: the form's own numbers agree.
    assert not fires(kit.money("100", "94.5", "95%", "10"), "F102")
    # 94.4% is printed 94%, which gives 9.4: neither it nor 9.44 is 10 at any precision.
    assert fires(kit.money("100", "94.4", "94%", "10"), "F102")


def test_a_wrong_printed_rate_lends_the_score_nothing():
    # 99.43 is not 95/100, so a score of 9.94 from it is wrong too.
    assert fires(kit.money("100", "95", "99.43%", "9.94"), "F102")


def test_a_category_header_is_not_a_rounded_sum():
    assert fires(kit.row(2, weight="14.9", score="14.9"), "S203")
    assert not fires(kit.row(2, weight="14.99", score="14.99"), "S203")  # 49.99: the row's own rounding


# Scoring as the provincial systems compute it.
COMPLAINTS = {"name": "参训人员有效投诉量", "target": "≤2件", "actual": "3件", "explanation": kit.GOOD_EXPLANATION}


@pytest.mark.parametrize(
    "score, convention, flagged",
    [
        ("5", "linear", False),  # (1 − (3 − 2) ÷ 2) × 10
        ("8", "linear", True),
        ("6.67", "ratio", False),  # 2 ÷ 3 × 10
        ("5", "ratio", True),
    ],
)
def test_a_missed_reverse_target_follows_the_configured_convention(score, convention, flagged):
    builder = kit.row(4, **COMPLAINTS, score=score)
    assert fires(builder, "S209", reverse_scoring=convention) is flagged


def test_the_default_convention_is_the_vendor_systems_linear_one():
    assert Config().reverse_scoring == "linear"
    assert not fires(kit.row(4, **COMPLAINTS, score="5"), "S209")


def test_a_template_may_set_its_own_reverse_convention():
    template = Template(name="licheng", reverse_scoring="ratio")
    assert not fires(kit.row(4, **COMPLAINTS, score="6.67"), "S209", template=template)


def test_a_reverse_target_missed_twice_over_scores_nothing():
    builder = kit.row(4, name="参训人员有效投诉量", target="≤2件", actual="4件", score="0", explanation="x" * 20)
    assert not fires(builder, "S209")
    assert fires(kit.row(4, name="参训人员有效投诉量", target="≤2件", actual="4件", score="3"), "S209")


def test_an_equality_target_of_zero_is_met_only_by_zero():
    zero = {"name": "安全事件", "target": "=0起", "explanation": kit.GOOD_EXPLANATION}
    assert fires(kit.row(0, **zero, actual="1起"), "S207")  # missed, yet full points
    assert not fires(kit.row(0, **zero, actual="0起"), "S207")
    assert not fires(kit.row(0, **zero, actual="1起", score="0"), "S209")  # nothing is what it earns


def test_a_whole_point_deducted_for_a_small_miss_is_found():
    # 家长满意度 94.60% of ≥95% "扣1分" (shared/forms/10): the systems give 9.96.
    [hit] = findings(kit.row(4, target="≥95%", actual="94.60%", score="9", explanation=kit.GOOD_EXPLANATION)(), "S209")
    assert hit.facts == {"expected": "9.96"}


@pytest.mark.parametrize("threshold, flagged", [(D(120), True), (D(130), False), (None, False)])
def test_the_far_exceeded_threshold_is_the_templates(threshold, flagged):
    template = Template(name="guangxi", far_exceeded=threshold, required=[])
    assert fires(kit.row(0, actual="12.5次"), "T406", template=template) is flagged


def test_grade_bands_by_name():
    builder = kit.form(total={"weight": "100", "score": "85"}, grade="优")
    assert fires(builder, "S204")  # 85 is 良 under 90/80/60
    assert not fires(builder, "S204", grades="pmkpi")  # and 优 under the vendor system's 80/70/60


# Every rule that compares a printed number says how exactly it reads it.
NUMERIC_RULES = [
    *("F101", "F102", "F103", "F104", "F105", "F106"),
    *("S201", "S202", "S203", "S204", "S205", "S206", "S207", "S208", "S209"),
    *("T404", "T406", "N506"),
]


@pytest.mark.parametrize("code", NUMERIC_RULES)
def test_each_numeric_rule_states_its_precision(code):
    from reviewer.rules import RULES

    assert "Precision:" in RULES[code].sections()["What it checks"]
