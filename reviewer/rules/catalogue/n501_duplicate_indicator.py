from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reviewer.form.model import Form, Indicator
from reviewer.form.values import PLACEHOLDERS
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent

_PUNCTUATION = re.compile(r"[\s，。、；：,.;:“”\"'（）()]")


@rule(
    "N501",
    "duplicate-indicator",
    "指标重复",
    "warning",
    examples=(
        fires(
            "参训人员满意度 twice",
            kit.extra_row(
                level1="满意度指标", level2="服务对象满意度指标", name="参训人员满意度", target="≥90%", actual="96%"
            ),
        ),
        silent("all names differ", kit.base),
    ),
)
def duplicate_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """The same indicator twice in one form.

    ## What it checks
    Rows with the same name (ignoring spaces and punctuation), anywhere in the table; each
    repeat after the first is reported.

    ## Why it matters
    A repeated indicator counts the same performance twice and usually means a row was copied
    into a second category without being rewritten.

    ## Example
    在线帮办客服回复满意度 under 可持续影响指标 (1 point) and again under 服务对象满意度指标 (2 points).

    ## How to fix
    Keep one row in the category it belongs to and give the other its own indicator.
    """
    first_seen: dict[str, Indicator] = {}
    for row in form.indicators:
        key = _key(row.name)
        if not key or key in PLACEHOLDERS:
            continue
        if key in first_seen:
            earlier = first_seen[key]
            # A Word or PDF row is found by its table and row ("表1第11行"); a line counts the file.
            yield Hit(
                f"与{earlier.location or f'第{earlier.line}行'}（{earlier.level2}）重复",
                f"repeats the row at {earlier.location or f'line {earlier.line}'} ({earlier.level2})",
                row=row,
            )
        else:
            first_seen[key] = row


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return _PUNCTUATION.sub("", name)
