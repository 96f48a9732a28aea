"""A cell as Excel shows it: a number through its number format ("1,430.80" for 1430.8 under
``#,##0.00``, "11.44万元" under ``0.00"万元"``), a General number to 15 significant digits, a
date through a simple date format; and the other way, the number and format that show a text as
printed. The workbook readers (.xlsx and .xls) read cells through it and the Excel report writes
them through it."""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# A number format's first section, once its literal text is set apart: 0, 0.00, #,##0.00, 0%,
# 0.00%, 0.0# (decimals up to the #s).
_FORMAT = re.compile(r"^(#,##)?0(?:\.(0*)(#*))?(%)?$")
# A format's literal text: "quoted", \escaped, and the characters no placeholder uses (元, a
# space). Brackets ([Red], [$¥-804], [>=100]) and the padding of _x and *x show no text; nor do
# currency signs, which the amounts of a form's 万元 table never print.
_FORMAT_PART = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\]|[_*].|[¥￥$])|([#0,.%]+)|(.)', re.S)
_PRINTED_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%)?$")
# Excel keeps 15 significant digits of a number: 98.96000000000001 is 98.96 to it.
_DIGITS = 15


def display(value: object, number_format: str = "General") -> str:
    """The text Excel shows for a cell's value under its number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.date, datetime.time)):
        return _date_text(value, number_format)
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value, number_format)
    return str(value)


def _number_text(value: int | float | Decimal, number_format: str) -> str:
    # 15 significant digits give what was typed, not its binary expansion (98.97, not
    # 98.9699999999999989), and hide what a sum adds in the 17th (98.96000000000001).
    number = Decimal(f"{value:.{_DIGITS}g}") if isinstance(value, float) else Decimal(value)
    parts = _number_format(_first_section(number_format))
    if parts is None:  # General, or a format a form's numbers do not use
        return _general(number)
    prefix, core, suffix = parts
    grouped, decimals, optional, percent = core.groups()
    if percent:
        number *= 100
    places = len(decimals or "") + len(optional or "")
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if grouped else f"{rounded:.{places}f}"
    if optional:  # 0.0#: the decimals past the 0s only where they are not 0
        text = _trim_zeros(text, len(optional))
    return prefix + text + ("%" if percent else "") + suffix


def _first_section(number_format: str) -> str:
    """The section positive numbers use: up to the first ; outside quotes."""
    quoted = False
    for i, char in enumerate(number_format):
        quoted = quoted != (char == '"')
        if char == ";" and not quoted:
            return number_format[:i]
    return number_format


def _number_format(section: str) -> tuple[str, re.Match[str], str] | None:
    """A number format's literal text before and after its number, and the number's format."""
    prefix: list[str] = []
    suffix: list[str] = []
    core: str | None = None
    for quoted, escaped, silent, placeholders, other in _FORMAT_PART.findall(section):
        if placeholders:
            if core is not None:  # literal text inside the number: not a form's format
                return None
            core = placeholders
        elif not silent:
            (prefix if core is None else suffix).append(quoted or escaped or other)
    match = _FORMAT.match(core) if core else None
    return None if match is None else ("".join(prefix).strip(), match, "".join(suffix).rstrip())


def _trim_zeros(text: str, optional: int) -> str:
    kept = len(text) - optional
    return text[:kept] + text[kept:].rstrip("0")


def _general(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


# A date format's parts: literal text as in _FORMAT_PART, then its fields.
_DATE_PART = re.compile(
    r'"([^"]*)"|\\(.)|(\[[^\]]*\]|[_*].)|(yyyy|yy|m{1,5}|d{1,4}|h{1,2}|s{1,2}|[ae]+)|(.)', re.S | re.I
)
# Excel's built-in short date (format 14), which openpyxl names mm-dd-yy: Excel shows it in the
# reader's own locale (2024/11/30 in China), so it is read as an ISO date, which no one misreads.
_LOCALE_DATE = "mm-dd-yy"


def _date_text(value: datetime.date | datetime.time, number_format: str) -> str:
    shown = None if number_format in ("General", _LOCALE_DATE) else _formatted_date(value, number_format)
    if shown is not None:
        return shown
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    return value.isoformat()


def _formatted_date(value: datetime.date | datetime.time, number_format: str) -> str | None:
    """A date as a simple date format shows it (yyyy"年"m"月"d"日", yyyy/m/d, hh:mm); None for a
    format with names of months or days, AM/PM or eras, which a form's dates do not use."""
    parts = _DATE_PART.findall(_first_section(number_format))
    codes = [part[3].lower() for part in parts]
    text: list[str] = []
    for i, (quoted, escaped, silent, _, other) in enumerate(parts):
        if not codes[i]:
            text.append("" if silent else quoted or escaped or other)
            continue
        shown = _date_field(value, codes[i], _is_minutes(codes, i))
        if shown is None:
            return None
        text.append(shown)
    return "".join(text)


_DATE_FIELDS = {"yyyy": "year", "yy": "year", "m": "month", "mm": "month", "d": "day", "dd": "day"}
_DATE_FIELDS |= {"h": "hour", "hh": "hour", "s": "second", "ss": "second"}


def _date_field(value: datetime.date | datetime.time, code: str, minutes: bool) -> str | None:
    name = "minute" if minutes else _DATE_FIELDS.get(code)
    number = getattr(value, name, None) if name else None  # a date has no hour, a time no year
    if number is None:
        return None
    return f"{number % 100:02d}" if code == "yy" else f"{number:0{len(code)}d}"


def _is_minutes(codes: list[str], i: int) -> bool:
    """Whether the m or mm of ``codes[i]`` is minutes, as Excel takes it: right after an hour,
    or right before seconds."""
    if codes[i] not in ("m", "mm"):
        return False
    before = next((code for code in reversed(codes[:i]) if code), "")
    after = next((code for code in codes[i + 1 :] if code), "")
    return before.startswith("h") or after.startswith("s")


def as_number(text: str) -> tuple[Decimal, str] | None:
    """The value and number format that make Excel show ``text`` exactly, if it is a plain number
    ("1,430.80", "100%", "8.50"); None for anything else, or for what a binary float would change."""
    match = _PRINTED_NUMBER.match(text)
    if match is None:
        return None
    decimals, percent = match.groups()
    number_format = (
        ("#,##0" if "," in text else "0") + (f".{'0' * len(decimals)}" if decimals else "") + ("%" if percent else "")
    )
    try:
        value = Decimal(text.replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None
    if percent:
        value /= 100
    if display(float(value), number_format) != text:
        return None
    return value, number_format
