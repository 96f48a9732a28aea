"""Text helpers shared by the readers: whitespace, widths and full-width forms.

Forms reach us through Word copies and PDF extractors that insert spaces between
Chinese characters ("产出 指标", "2024 年") and wrap cells over lines. Canonical
text drops whitespace next to CJK characters and keeps single spaces between
Latin words, so the same form read from any source compares equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK ideographs, CJK punctuation and full-width forms: no space is meaningful next to them.
_WIDE = (
    r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\u2014\u2026\u201c\u201d\u2018\u2019\u2265\u2264"
)
_SPACE_NEAR_WIDE = re.compile(rf"\s+(?=[{_WIDE}])|(?<=[{_WIDE}])\s+")
_SPACES = re.compile(r"\s+")

# Full-width ASCII forms that appear inside numbers and comparators.
_FULLWIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "，": ",",
        "＋": "+",
        "－": "-",
        "／": "/",
        "（": "(",
        "）": ")",
        "＝": "=",
        "＞": ">",
        "＜": "<",
        "：": ":",
        "≧": "≥",
        "≦": "≤",
        "～": "~",
    }
)


def squash(text: str | None) -> str:
    """Canonical form of cell text: no spaces next to CJK, single spaces elsewhere."""
    if not text:
        return ""
    return _squash(text)


@lru_cache(maxsize=65536)
def _squash(text: str) -> str:
    # Forms repeat the same cells ("=100.00(%)", "达成指标") thousands of times in a batch.
    return _SPACES.sub(" ", _SPACE_NEAR_WIDE.sub("", text)).strip()


def join_wrapped(lines: list[str]) -> str:
    """Join a cell's wrapped lines into one canonical string."""
    return squash(" ".join(line.strip() for line in lines if line.strip()))


def plural(count: int, noun: str) -> str:
    """ "1 form", "2 forms": English counts."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def listed(names: list[str], most: int = 5) -> str:
    """ "14, 15, 16, 17, 18, …": the first few of a list that may be long."""
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


def halfwidth(text: str) -> str:
    """Full-width digits and symbols to ASCII, for parsing numbers and comparators only."""
    return text.translate(_FULLWIDTH)


def display_width(text: str) -> float:
    """Width in CJK character cells: a wide character counts 1, a narrow one 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text if not ch.isspace())


def terminal_width(text: str) -> int:
    """Columns the text takes in a terminal: two for a wide character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
