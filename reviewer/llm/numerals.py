"""The numbers a text states, read exactly, whether in Arabic, full-width or Chinese numerals.

Grounding checks every number a model writes against the form, so a number read wrongly lets
an invented one through: 九十五点五 read as 95 passed where the form holds 95. Read here, each as
an exact Decimal, in text order:

- Arabic digits with thousands separators and decimals, full-width digits (１２３．５);
- Chinese numerals with 十百千万亿 and 点 decimals (四千五百六十四点七四 → 4564.74), spoken
  shorthand (三千五 → 3500), 零 〇 ○ as zero;
- three or more bare digits, digit by digit: 二〇二四年 → 2024, 一九九九年 → 1999;
- shares, as percentages: 95%, 百分之九十五点五 → 95.5, 九成 → 90, 两成半 → 25, 九成五 → 95;
- a magnitude after a number: 1.5万 → 15000, 3.2亿 and 32000万 → 320000000, 3千 → 3000.

A value keeps in its exponent the precision it was stated with: 3.2亿 is Decimal("3.2E+8"),
good to half of 0.1亿 as "3.2" is good to 0.05, so a form holding 32012 (万元) grounds it. A
magnitude is what the number is stated in: 8 for 亿, 4 for 万, 3 for a 千 after Arabic digits;
a Chinese numeral's own units are exact (三千 is 3000, 两千三百万 is 2300 in 万). Forms print
money in 万元 and ``form_numbers`` adds each printed number ×10000, so 32000 on the form and
3.2亿 in a text meet at 320000000; 95万元 in a text is the cell "95万元" ×10000. A share in 成
is exact (九成 claims 90%, not 85%-95%): five points either way would let almost any rate pass.

Not amounts, left out: list numbering (1、 2. （3） 十一、), ordinals (第三季度, 第1名), rule
codes (F104), month, day and hour parts (6月30日, 十二月), two bare digits (三四个 "three or
four", 一一), fractions (三分之一 is no exact decimal), a lone numeral that counts nothing (一些,
统一, 三农, 万一, 两者: a lone 二-十 is read only before a measure word, 一 never), 十分 (always
"very"; a score of ten is written 10分) and slogans that look like counts (八项规定, 四个意识).

cn2an 0.5.24 was tried for this and not used: its cn2an() returns binary floats (九十五点五 →
95.5 as a float, 1.23456万 → 12345, truncated), raises on 九成, 两成半, 百分之九十五点五 and
四千五百六十四点七四万, and its transform() turns 一些, 统一, 十分, 一带一路 and 第三 into
1些, 统1, 10分, 1带1路 and 第3; importing it takes 0.3 s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reviewer.form.text import halfwidth


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number a text states."""

    value: Decimal  # magnitude applied, stated precision in the exponent: 3.2亿 → Decimal("3.2E+8")
    text: str  # as written: "3.2亿", "百分之九十五点五", "九成"
    percent: bool  # 95%, 百分之九十五, 九成
    magnitude: int  # the power of ten the number is stated in: 4 for 1.5万, 8 for 3.2亿, else 0


_ZEROS = "零〇○"
_DIGITS = {
    **dict.fromkeys(_ZEROS, 0),
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_D = "".join(_DIGITS)
_NUMERAL = _D + "十百千万亿"
_COUNTABLE = "二两三四五六七八九十"  # a lone one of these counts something before a measure word
_LIST_NUMERALS = "一二三四五六七八九十"  # 一、 … 十九、 and （一）
_MAGNITUDES = {"千": 3, "万": 4, "亿": 8, "千万": 7, "千亿": 11, "万亿": 12}

# Spans that hold numerals but state no amount, blanked before reading.
_EXCLUDED = re.compile(
    "|".join(
        (
            # "1." "2、" "（3）" "十一、": list numbering, not a claim about the form.
            rf"(?:^|(?<=[\s。；;，,：:]))\(?(?:\d|[{_LIST_NUMERALS}]{{1,2}})\)?[、.](?!\d)",
            rf"\((?:\d|[{_LIST_NUMERALS}]{{1,2}})\)",
            rf"第[\d{_NUMERAL}]+",  # ordinals: 第三季度, 第1名
            # Identifiers: a finding's code (F104), a template's name (shanghai-101-style).
            r"(?<![A-Za-z])[EFSTN]\d{3}(?!\d)|[A-Za-z]+(?:-?\d+)+(?:-[A-Za-z]+)+|[a-z]+\d{4}\b",
            rf"(?!百分之)[{_NUMERAL}]+分之[{_NUMERAL}点]+",  # 三分之一: no exact decimal
            rf"(?<![{_NUMERAL}点])十分",  # "very" (十分重要)
            # Slogans that read as counts.
            "八项规定|四个意识|四个自信|两个维护|两个确立|四个全面|三个代表|五位一体|两个一百年|三番五次|一成不变",
        )
    )
)

# 成 before these is a word (成员, 成本, 成果, 成效, 成绩), not a share.
_SHARE = "成(?![员本果效绩])"
# A number followed by 月, 日, 号 or 时 is part of a date or time, not an amount.
_NOT_DATE = r"(?!\s*[月日号时])"
_READ = re.compile(
    rf"(?<![\d.])(?P<arabic>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?![\d.]){_NOT_DATE}"
    rf"(?P<magnitude>{'|'.join(sorted(_MAGNITUDES, key=len, reverse=True))})?(?P<a_share>%|{_SHARE})?"
    rf"|(?<![{_NUMERAL}点])(?:(?P<whole>百分之?百)|(?P<per>百分之)?"
    rf"(?P<chinese>[{_D}十][{_NUMERAL}]*(?:点[{_D}]+[万亿]*)?))"
    # Never a numeral next: a shorter reading of a longer numeral (五十 of 五十一日) is no reading.
    rf"(?![{_NUMERAL}]|点[{_D}]){_NOT_DATE}"
    rf"(?:(?P<share>{_SHARE})(?P<tenth>半|[一二三四五六七八九](?![{_NUMERAL}点]))?|(?P<c_pct>%))?"
)
_MEASURE = re.compile("个|次|项|条|家|人|户|年|天|场|批|期|名|分|位|所|件|份|篇|类|种|轮|套|台|座|倍|元|小时")


def numbers_in(text: str) -> list[Decimal]:
    """The numbers a text states, in order, each exact: see the module's docstring."""
    return [q.value for q in quantities_in(text)]


def quantities_in(text: str) -> list[Quantity]:
    """The quantities a text states, in order, with what each was written as."""
    # A full-width comma separates clauses ("分别为95，100"), never thousands: kept from halfwidth().
    readable = _EXCLUDED.sub(lambda m: " " * len(m.group()), halfwidth(text.replace("，", "；")))
    found = []
    for match in _READ.finditer(readable):
        # Blanking and half-width forms keep every offset, so the slice is the text as written.
        written = text[match.start() : match.end()]
        quantity = _arabic(match, written) if match["arabic"] else _chinese(match, written)
        if quantity is not None:
            found.append(quantity)
    return found


def _arabic(match: re.Match[str], written: str) -> Quantity:
    magnitude = _MAGNITUDES.get(match["magnitude"], 0)
    value = Decimal(match["arabic"].replace(",", "")).scaleb(magnitude)
    share = match["a_share"]
    return Quantity(value * 10 if share == "成" else value, written, share is not None, magnitude)


def _chinese(match: re.Match[str], written: str) -> Quantity | None:
    if match["whole"]:
        return Quantity(Decimal(100), written, True, 0)
    numeral = match["chinese"]
    if match["share"]:
        share = _share(numeral, match["tenth"])
        return None if share is None else Quantity(share, written, True, 0)
    percent = bool(match["per"] or match["c_pct"])
    if len(numeral) == 1 and not percent and not (numeral in _COUNTABLE and _MEASURE.match(match.string, match.end())):
        return None
    number = _chinese_number(numeral)
    return None if number is None else Quantity(number[0], written, percent, number[1])


def _share(numeral: str, tenth: str | None) -> Decimal | None:
    """九成 → 90, 两成半 → 25, 九成五 → 95: tenths, as a percentage."""
    tens = None if "点" in numeral else _chinese_integer(numeral)
    if tens is None or not 0 < tens <= 10:
        return None
    return Decimal(tens * 10 + (5 if tenth == "半" else _DIGITS.get(tenth or "", 0)))


def _chinese_number(numeral: str) -> tuple[Decimal, int] | None:
    """The value and magnitude of a Chinese numeral: 四千五百六十四点七四万 → 4564.74E+4, 4."""
    integer, point, fraction = numeral.partition("点")
    if point:  # the magnitude follows the decimals: 四千五百六十四点七四万
        decimals = fraction.rstrip("万亿")
        suffix = fraction[len(decimals) :]
        whole, places = _chinese_integer(integer), _digit_string(decimals)
        if whole is None or not places or (suffix and suffix not in _MAGNITUDES):
            return None
        magnitude = _MAGNITUDES[suffix] if suffix else 0
        return Decimal(f"{whole}.{places}").scaleb(magnitude), magnitude
    whole = _chinese_integer(numeral)
    if whole is None:
        return None
    # 两千三百万 is 2300 in 万: stated to the 万, as "2300万" is.
    magnitude = _MAGNITUDES[numeral[-1]] if numeral[-1] in "万亿" else 0
    return Decimal(whole // 10**magnitude).scaleb(magnitude), magnitude


def _chinese_integer(numeral: str) -> int | None:
    """二〇二四 → 2024, 一百二十 → 120, 五 → 5; None for two bare digits (三四 "three or four")
    and for what is no number (一五一十, 十四五)."""
    if any(ch not in _DIGITS for ch in numeral):
        return _with_units(numeral)
    if len(numeral) == 1:
        return _DIGITS[numeral]
    digits = _digit_string(numeral)
    return int(digits) if digits is not None and len(numeral) > 2 else None


def _digit_string(numeral: str) -> str | None:
    """一九九九 → "1999"; None if a character is no digit or is 两, which never counts digit by digit."""
    if "两" in numeral or any(ch not in _DIGITS for ch in numeral):
        return None
    return "".join(str(_DIGITS[ch]) for ch in numeral)


def _with_units(numeral: str) -> int | None:
    """一百二十 → 120, 两千三百万 → 23000000, 一亿二千万 → 120000000, 一千零五 → 1005, and the
    spoken 三千五 → 3500 and 一万二 → 12000 (a last digit counts in the unit below the one before
    it); None when the units are out of order or a digit has none."""
    above_wan = wan = section = 0  # the 亿 part, the 万 part, the part below 万
    digit: int | None = None
    unit = 1  # the last unit read, for the spoken last digit
    smaller = 10000  # 十百千 must fall within a section: 三百四千 is no number
    for ch in numeral:
        if ch in _ZEROS:
            if digit is not None:
                return None
            unit = 10  # 一千零五: after a zero the last digit counts ones
        elif ch in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            value = _SMALL_UNITS[ch]
            if value >= smaller or (digit is None and ch != "十"):  # 十 alone is 一十; 百 alone is none
                return None
            section += (1 if digit is None else digit) * value
            digit, unit, smaller = None, value, value
        elif ch == "万":
            section += digit or 0
            if wan or not section:
                return None
            wan, section, digit, unit, smaller = section * 10**4, 0, None, 10**4, 10000
        else:  # 亿
            section += digit or 0
            if above_wan or not (wan or section):
                return None
            above_wan = (wan + section) * 10**8
            wan, section, digit, unit, smaller = 0, 0, None, 10**8, 10000
    return above_wan + wan + section + (digit or 0) * max(unit // 10, 1)
