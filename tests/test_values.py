from decimal import Decimal

import pytest

from reviewer.form.values import parse_decimal, parse_value, unit_kind


@pytest.mark.parametrize(
    "text, comparator, number, unit",
    [
        ("=90(%)", "=", "90", "%"),
        ("100.00(%)", None, "100.00", "%"),
        ("≥95%", ">=", "95", "%"),
        ("＞=95％", ">=", "95", "%"),
        (">= 95 %", ">=", "95", "%"),
        ("不低于90%", ">=", "90", "%"),
        ("不超过30万元", "<=", "30", "万元"),
        ("95%以上", ">=", "95", "%"),
        ("5天以内", "<=", "5", "天"),
        ("约95万元", "~", "95", "万元"),
        ("≤0.00(%)", "<=", "0.00", "%"),
        ("-0.29(%)", None, "-0.29", "%"),
        ("<5(件)", "<", "5", "件"),
        ("=1.00(次/月)", "=", "1.00", "次/月"),
        ("≥2800000.00(笔)", ">=", "2800000.00", "笔"),
        ("1,430.80", None, "1430.80", None),
        ("12次", None, "12", "次"),
        ("625笔", None, "625", "笔"),
        ("4564万元", None, "4564", "万元"),
        ("3.20亿元", None, "3.20", "亿元"),
        ("10万+", ">=", "100000", None),
        ("2.5万人", None, "25000", "人"),
        ("≥266米", ">=", "266", "米"),
        ("100百分比", None, "100", "%"),
        ("１７个", None, "17", "个"),
        ("99.5", None, "99.5", None),
        ("1年", None, "1", "年"),
    ],
)
def test_numbers_with_comparators_and_units(text, comparator, number, unit):
    value = parse_value(text)
    assert value is not None and value.kind == "number"
    assert value.comparator == comparator
    assert value.number == Decimal(number) and str(value.number) == number
    assert value.unit == unit


@pytest.mark.parametrize(
    "text, grade",
    [
        ("达成年度指标", "achieved"),
        ("达成指标", "achieved"),
        ("达成预期指标", "achieved"),
        ("部分达成年度指标并具有一定效果", "partial"),
        ("部分达成指标并具有一定效果", "partial"),
        ("未达成年度指标且效果较差", "failed"),
        ("未达成", "failed"),
    ],
)
def test_official_grades_and_unambiguous_variants(text, grade):
    value = parse_value(text)
    assert value is not None and value.kind == "grade" and value.grade == grade


@pytest.mark.parametrize(
    "text, kind",
    [
        ("每月25日", "date"),
        ("2024年12月31日前", "date"),
        ("2024年1月-12月", "period"),
        ("2024年1月-2024年12月", "period"),
        ("2024年1月1日-2024年12月31日", "period"),
        ("无", "placeholder"),
        ("—", "placeholder"),
        ("/", "placeholder"),
        ("长期", "text"),
        ("及时", "text"),
        ("效果明显", "text"),
        ("完成", "text"),
        ("基本达成", "text"),
        ("98%。", "text"),
    ],
)
def test_dates_periods_placeholders_and_text(text, kind):
    value = parse_value(text)
    assert value is not None and value.kind == kind


def test_blank_cell_is_none_not_zero():
    assert parse_value(None) is None
    assert parse_value("  ") is None
    assert parse_decimal("") is None
    assert parse_decimal("—") is None
    assert parse_decimal("0") == Decimal("0")


def test_parse_decimal_reads_printed_numbers_exactly():
    assert str(parse_decimal("1,332.95")) == "1332.95"
    assert parse_decimal("100%") == Decimal("100")
    assert parse_decimal("10分") == Decimal("10")
    assert parse_decimal("abc") is None


@pytest.mark.parametrize(
    "unit, kind",
    [
        ("%", "percent"),
        ("万元", "money"),
        ("元", "money"),
        ("个", "count"),
        ("笔", "count"),
        ("次/月", "frequency"),
        ("小时", "time"),
        ("米", "length"),
        ("平方米", "area"),
        ("元/平方米", "money"),
        (None, None),
    ],
)
def test_unit_kinds(unit, kind):
    assert unit_kind(unit) == kind
