"""Reading the numbers a drafted text states, and grounding them against a form."""

from decimal import Decimal

import pytest

from reviewer.llm import grounding
from reviewer.llm.numerals import Quantity, numbers_in, quantities_in
from reviewer.rules import kit

CASES = [
    # Arabic and full-width digits
    ("扣1.50分，完成率95%", ["1.50", "95"]),
    ("共1,234,567.89元", ["1234567.89"]),
    ("执行率为９４．３３％", ["94.33"]),
    ("１２３．５", ["123.5"]),
    ("分别为95，100", ["95", "100"]),  # a full-width comma separates clauses, never thousands
    # Chinese numerals, 点 decimals, spoken shorthand
    ("完成一百二十次，百分之九十五，两千三百万元", ["120", "95", "23000000"]),
    ("完成率九十五点五%", ["95.5"]),
    ("四千五百六十四点七四", ["4564.74"]),
    ("零点五分", ["0.5"]),
    ("一千零五户，一亿二千万元", ["1005", "120000000"]),
    ("约三千五人，一万二人次", ["3500", "12000"]),
    ("满分五十分，扣两分", ["50", "2"]),
    ("十二个月内覆盖十万家单位", ["12", "100000"]),
    # shares
    ("达到百分之九十五点五", ["95.5"]),
    ("百分之百完成", ["100"]),
    ("资金到位九成，执行七成", ["90", "70"]),
    ("完成两成半，九成五的项目已验收", ["25", "95"]),
    ("提高9成；提高一成，一成不变", ["90", "10"]),
    # years digit by digit
    ("二〇二四年完成", ["2024"]),
    ("一九九九年以来", ["1999"]),
    ("二○二四至二○二五年度", ["2024", "2025"]),
    # magnitudes
    ("贷款3.2亿元，即32000万元", ["320000000", "320000000"]),
    ("增值收益四千五百六十四点七四万元", ["45647400"]),
    ("新增1.5万人，培训3千次，阅读量10万+", ["15000", "3000", "100000"]),
    ("共1,234.5万元", ["12345000"]),
    # not amounts: list numbering, ordinals, rule codes, dates
    ("1.由于降雨；2、后续将于2025年6月30日前完成", ["2025"]),
    ("（1）加强管理；（二）完善制度\n十一、严格考核", []),
    ("第三季度完成三项", ["3"]),
    ("第1名，第十二期", []),
    ("偏差率有误（F104），扣2分", ["2"]),
    ("六月三十日前，十二月底，2025.6.30", []),
    # words that hold numerals but state no number
    ("两个项目，两者均已完成", ["2"]),
    ("一些问题，口径一致，一般性支出，统一部署，一线人员", []),
    ("十分重要", []),  # always "very": a score of ten is written 10分
    ("万一出现延误", []),
    ("服务三农，推进一带一路，三公经费", []),
    ("落实中央八项规定精神，增强四个意识", []),
    ("十四五规划", []),
    ("二级指标、三级指标", []),
    ("三四个乡镇，七八成农户，一一落实", []),  # two bare digits are a range
    ("约三分之一", []),  # a third is no exact decimal
    ("三点开会", []),
    ("三十成员单位，成本下降", ["30"]),
]


@pytest.mark.parametrize("text, numbers", CASES)
def test_numbers_in(text, numbers):
    found = numbers_in(text)
    assert found == [Decimal(n) for n in numbers]
    assert all(isinstance(n, Decimal) for n in found)


@pytest.mark.parametrize(
    "text, value, written, percent, magnitude",
    [
        ("贷款3.2亿元", "3.2E+8", "3.2亿", False, 8),
        ("即32000万元", "3.2000E+8", "32000万", False, 4),
        ("四千五百六十四点七四万元", "4.56474E+7", "四千五百六十四点七四万", False, 4),
        ("两千三百万元", "2.300E+7", "两千三百万", False, 4),  # stated to the 万, as 2300万 is
        ("三千元", "3000", "三千", False, 0),  # a Chinese numeral's own units are exact
        ("执行率９５．５０％", "95.50", "９５．５０％", True, 0),
        ("百分之九十五点五", "95.5", "百分之九十五点五", True, 0),
        ("资金到位九成", "90", "九成", True, 0),
        ("二〇二四年", "2024", "二〇二四", False, 0),
    ],
)
def test_a_quantity_keeps_what_it_was_written_as(text, value, written, percent, magnitude):
    [quantity] = quantities_in(text)
    assert quantity == Quantity(Decimal(value), written, percent, magnitude)
    assert str(quantity.value) == value  # the precision stated, in the exponent


def _form_without_ninety():
    data = kit.form_data()
    for row in data["indicators"]:
        row["target"] = row["target"].replace("≥90%", "≥85%")
    return kit.build(data)


def test_an_invented_chinese_decimal_is_rejected():
    form = kit.base()  # the 95% it holds is no 95.5%
    assert grounding.ungrounded("培训合格率九十五点五%", form) == ["九十五点五%"]
    assert grounding.ungrounded("培训合格率百分之九十五点五", form) == ["百分之九十五点五"]
    assert grounding.ungrounded("培训合格率九十五%", form) == []


def test_a_share_in_cheng_must_be_on_the_form():
    assert grounding.ungrounded("资金到位九成", _form_without_ninety()) == ["九成"]
    assert grounding.ungrounded("资金到位九成", kit.base()) == []  # its targets say ≥90%


def test_years_written_digit_by_digit_are_checked():
    form = kit.base()  # 2024
    assert grounding.ungrounded("二〇二四年完成，二〇二五年巩固", form) == []
    assert grounding.ungrounded("一九九九年以来首次", form) == ["一九九九"]


def test_a_magnitude_is_grounded_to_the_precision_it_states():
    form = kit.funds(executed="32012.00")()  # 万元
    assert grounding.ungrounded("执行3.2亿元，即32012万元、3.2012亿元", form) == []
    assert grounding.ungrounded("执行3.3亿元", form) == ["3.3亿"]  # quoted as the model wrote it
    assert grounding.ungrounded("执行32000万元", form) == ["32000万"]  # 12万 off at a precision of 1万
