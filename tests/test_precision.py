"""Printed precision: a printed number agrees with an exact one when it is that number rounded or
truncated to the printed digits; a printed total agrees with its printed parts within their rounding."""

from decimal import Decimal as D

import pytest

from reviewer.form.values import parse_value
from reviewer.rules.precision import agrees, rounding_of, sum_agrees, sum_bound, unit_of

ZERO = D(0)
RATE = D("0.01")  # the default tolerance.rate, .score and .cost_deviation

# (printed text, exact value, tolerance, why). The printed value is the text's number.
AGREE = [
    ("94.33", D("94.337"), ZERO, "truncated 执行率"),
    ("94.34", D("94.337"), ZERO, "rounded 执行率"),
    ("94.33", D("94.3371"), RATE, "seed 003: 356.49 ÷ 377.89 truncated"),
    ("9.43", D("9.4337"), RATE, "funds score from the exact rate, rounded"),
    ("9", D("8.62"), RATE, "funds score rounded to a whole point"),
    ("8", D("8.62"), RATE, "funds score truncated to a whole point"),
    ("10", D("9.5"), ZERO, "ROUND_HALF_UP at exactly one half"),
    ("100%", D("100"), ZERO, "an exact whole rate"),
    ("100%", D("99.6"), RATE, "99.6% rounded to 100%"),
    ("99%", D("99.6"), RATE, "99.6% truncated to 99%"),
    ("95%", D("95.12"), RATE, "117 ÷ 123 = 95.12% printed as a whole percent"),
    ("99.71", D("99.7144"), RATE, "seed 003: 1,424.72 ÷ 1,428.80"),
    ("98.09", D("98.0993"), RATE, "seed 003: 96.00 ÷ 97.86 truncated"),
    ("10.00", D("9.99685"), RATE, "seed 003: 9.997 rounded to 10.00"),
    ("98.60", D("98.6079"), RATE, "seed 003: 374.71 ÷ 380.00 truncated"),
    ("-0.29(%)", D("-0.285554"), RATE, "a negative deviation rounded away from zero"),
    ("-0.28(%)", D("-0.285554"), RATE, "a negative deviation truncated toward zero"),
    ("-1.40(%)", D("-1.392105"), RATE, "seed 003: from the truncated rate 98.60, inside the tolerance"),
    ("0.00(%)", D("-0.003"), ZERO, "zero printed for a tiny negative deviation (rounded)"),
    ("0.00(%)", D("0.009"), ZERO, "zero printed for a small positive value (truncated)"),
    ("0", D("0"), ZERO, "zero for zero"),
    ("0", D("-0.7"), ZERO, "a whole zero truncated from a negative value"),
    ("1,430.80", D("1430.8049"), ZERO, "thousands separator, rounded"),
    ("1,430.80", D("1430.8099"), ZERO, "thousands separator, truncated"),
    ("９４．３３％", D("94.337"), ZERO, "full-width digits"),
    ("≥95.00(%)", D("95.004"), ZERO, "a comparator before the number"),
    ("9.4", D("9.43"), ZERO, "one decimal, rounded"),
    ("9.5", D("9.51"), RATE, "one decimal: a hair off, within the tolerance"),
    ("9", D("9.93"), RATE, "9.93 truncated to a whole point (rounding gives 10)"),
]

DISAGREE = [
    ("10", D("9.43"), RATE, "full funds score at 94.33%"),
    ("96%", D("95.12"), RATE, "117 ÷ 123 printed 96%: neither rounded nor truncated"),
    ("98", D("97"), RATE, "one point too many"),
    ("96", D("97"), RATE, "one point too few: 97 truncates to 97, not 96"),
    ("99.43", D("94.337"), RATE, "a wrong digit"),
    ("94.32", D("94.337"), RATE, "one unit below the truncation"),
    ("94.35", D("94.337"), ZERO, "one unit above the rounding"),
    ("94.33", D("94.3451"), ZERO, "rounds to 94.35, truncates to 94.34"),
    ("8", D("9.43"), RATE, "a whole point below the truncation"),
    ("-0.06(%)", D("-5.663"), RATE, "seed 003: the deviation the money does not give"),
    ("0.00(%)", D("-0.0315"), RATE, "seed 003: zero printed where the money gives -0.03%"),
    ("-0.30(%)", D("-0.285554"), ZERO, "a negative deviation one unit too far from zero"),
    ("-0.31(%)", D("-0.285554"), RATE, "a negative deviation two units too far from zero"),
    ("-0.27(%)", D("-0.285554"), RATE, "a negative deviation one unit too close to zero"),
    ("0.28(%)", D("-0.285554"), RATE, "the right digits with the wrong sign"),
    ("-1", D("0.4"), ZERO, "a negative whole number for a small positive value"),
    ("1", D("0"), ZERO, "one for zero"),
    ("0", D("1"), ZERO, "zero for one"),
    ("100%", D("98.6079"), RATE, "100% for 98.61%"),
    ("97%", D("98.6079"), RATE, "97% for 98.61%: rounding gives 99, truncation 98"),
    ("1,430.80", D("1430.82"), ZERO, "thousands separator, two cents off"),
    ("1,530.80", D("1430.81"), RATE, "a hundred off"),
    ("9.4", D("9.51"), ZERO, "one decimal, a tenth off"),
    ("12", D("10"), RATE, "a score above its weight"),
]


def printed_value(text: str) -> D:
    value = parse_value(text)
    assert value is not None and value.number is not None, text
    return value.number


@pytest.mark.parametrize("text, exact, tolerance, why", AGREE, ids=[c[3] for c in AGREE])
def test_agrees(text, exact, tolerance, why):
    assert agrees(printed_value(text), text, exact, tolerance), why


@pytest.mark.parametrize("text, exact, tolerance, why", DISAGREE, ids=[c[3] for c in DISAGREE])
def test_disagrees(text, exact, tolerance, why):
    assert not agrees(printed_value(text), text, exact, tolerance), why


def test_tables_are_large_enough():
    assert len(AGREE) >= 20 and len(DISAGREE) >= 20


@pytest.mark.parametrize(
    "text, unit",
    [
        ("94.33", D("0.01")),
        ("100%", D(1)),
        ("1,430.80", D("0.01")),
        ("10", D(1)),
        ("-0.29(%)", D("0.01")),
        ("≥95.00(%)", D("0.01")),
        ("9.5分", D("0.1")),
        ("１２．５", D("0.1")),
        ("1,000", D(1)),
        ("0.005", D("0.001")),
    ],
)
def test_unit_of_printed_text(text, unit):
    assert unit_of(text) == unit


@pytest.mark.parametrize(
    "value, unit",
    [
        (D("98.97"), D("0.01")),
        (D("97"), D(1)),
        (D("9.40"), D("0.01")),
        (D("1E+2"), D(1)),
        (D("0.0"), D("0.1")),
    ],
)
def test_unit_from_the_decimal_when_the_text_is_missing(value, unit):
    assert unit_of(None, value) == unit


def test_unit_falls_back_from_a_text_without_digits_to_the_decimal_then_to_one():
    assert unit_of("—", D("9.43")) == D("0.01")
    assert unit_of(None) == unit_of("") == unit_of("—") == D(1)


def test_missing_text_takes_the_unit_from_the_decimal():
    # 总分 is kept as a number only: Decimal("97") is whole, Decimal("98.97") has cents.
    assert not agrees(D("98"), None, D("97"), RATE)
    assert agrees(D("97"), None, D("96.6"), RATE)
    assert not agrees(D("97.00"), None, D("96.6"), RATE)


def test_the_tolerance_widens_rounding_but_not_truncation():
    assert not agrees(D("94.32"), "94.32", D("94.337"), D("0.01"))  # 0.017 off: past 0.005 + 0.01
    assert agrees(D("94.32"), "94.32", D("94.337"), D("0.02"))
    assert agrees(D("96"), "96", D("96.999"), D(0))  # 96.999 truncates to 96
    assert not agrees(D("96"), "96", D("97"), D("0.4"))  # 1 off: past 0.5 + 0.4, and 97 truncates to 97


@pytest.mark.parametrize(
    "total, addends, tolerance, expected, why",
    [
        (
            ("1,430.80", D("1430.80")),
            [("1,332.95", D("1332.95")), ("97.86", D("97.86"))],
            ZERO,
            True,
            "seed 003: a sum of rounded parts, 0.01 off",
        ),
        (("1,530.80", D("1530.80")), [("1,332.95", D("1332.95")), ("97.86", D("97.86"))], RATE, False, "a hundred off"),
        (
            ("1,430.83", D("1430.83")),
            [("1,332.95", D("1332.95")), ("97.86", D("97.86"))],
            ZERO,
            False,
            "0.02 off two parts and a total printed to the 分: past 3 × 0.005",
        ),
        (
            ("97", D("97")),
            [(None, D(n)) for n in (4, 4, 4, 5, 5, 4, 4, 4, 4, 4, 4, 4, 9, 9, 0, 9, 4, 3, 3, 10)],
            RATE,
            True,
            "seed 001: whole scores adding up to 97",
        ),
        (
            ("98", D("98")),
            [(None, D(n)) for n in (4, 4, 4, 5, 5, 4, 4, 4, 4, 4, 4, 4, 9, 9, 0, 9, 4, 3, 3, 10)],
            RATE,
            False,
            "98 where whole scores make 97",
        ),
        (
            ("96", D("96")),
            [(None, D(n)) for n in (4, 4, 4, 5, 5, 4, 4, 4, 4, 4, 4, 4, 9, 9, 0, 9, 4, 3, 3, 10)],
            RATE,
            False,
            "96 where whole scores make 97",
        ),
        (
            ("100", D("100")),
            [("20", D(20)), ("14.50", D("14.50")), ("35", D(35)), ("20", D(20)), ("10", D(10))],
            RATE,
            True,
            "a total rounded to a whole point: 99.50 printed 100",
        ),
        (
            ("98.00", D("98.00")),
            [("20", D(20)), ("14.50", D("14.50")), ("35", D(35)), ("20", D(20)), ("10", D(10))],
            RATE,
            False,
            "98.00 where the scores make 99.50",
        ),
        (("96", D("96")), [("87", D(87)), ("9.43", D("9.43"))], RATE, True, "96.43 rounded"),
        (("97", D("97")), [("87", D(87)), ("9.43", D("9.43"))], RATE, False, "96.43 does not round to 97"),
        (("100", D("100")), [("33.33", D("33.33"))] * 3, ZERO, True, "three weights of 100 ÷ 3, rounded"),
        (
            ("50", D("50")),
            [("12", D(12)), ("14", D(14)), ("12", D(12)), ("14", D(14))],
            RATE,
            False,
            "a header of 50 over rows of 52",
        ),
    ],
)
def test_sum_agrees(total, addends, tolerance, expected, why):
    (total_text, total_value) = total
    assert sum_agrees(total_value, total_text, [(value, text) for text, value in addends], tolerance) is expected, why


def test_sum_bound_is_built_from_each_printed_unit():
    # Total to the 分 (0.005), one part to the 分 (0.005), one whole part (nothing), tolerance 0.01.
    assert sum_bound(D("96.43"), "96.43", [(D("87"), "87"), (D("9.43"), "9.43")], RATE) == D("0.02")
    assert rounding_of(D("9.4"), None) == D("0.05") and rounding_of(D("14.5"), "14.5") == D("0.05")


def test_whole_addends_are_exact_however_they_are_printed():
    # Seed 003 prints full marks as 8.00: 33 of them must not widen 总分's allowance by 0.165.
    assert rounding_of(D("4"), "4") == rounding_of(D("8.00"), "8.00") == rounding_of(D("0.00"), "0.00") == 0
    scores = [(D("2.00"), "2.00")] * 30 + [(D("1.50"), "1.50"), (D("9.43"), "9.43")]
    assert sum_bound(D("70.93"), None, scores, RATE) == D("0.025")  # total, 1.50, 9.43, tolerance
    assert not sum_agrees(D("70.96"), None, scores, RATE)
