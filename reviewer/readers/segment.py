"""Split a document into forms and read the header lines every layout shares.

One file may hold many forms. A form starts at its 项目名称 line, or at the title just
above it; a title that is not followed by a 项目名称 is a page header repeated inside
the form and is skipped.
"""

from __future__ import annotations

import re

from reviewer.form.text import squash
from reviewer.readers.vocabulary import is_stamp_line, is_title_row, is_unit_line, is_year_row, year_in

HEADER_KEYS = {
    "项目名称": "project",
    "主管部门": "department",
    "项目实施单位": "implementer",
    "实施单位": "implementer",
    "项目单位": "implementer",
    "预算单位": "implementer",
}


def starts_with_project(text: str) -> bool:
    return squash(text).startswith("项目名称")


def form_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line indices of each form; empty when no 项目名称 line is found."""
    starts: list[int] = []
    pending_title: int | None = None
    for index, line in enumerate(lines):
        cleaned = squash(line)
        if not cleaned:
            continue
        cells = line.split("\t")
        if is_title_row(cells) or is_year_row(cells):
            pending_title = index if pending_title is None else pending_title
        elif starts_with_project(cleaned):
            starts.append(pending_title if pending_title is not None else index)
            pending_title = None
        elif (year_in(cleaned) is None or len(cleaned) > 20) and not _stamp_line(line):
            pending_title = None
    return [(start, starts[i + 1] if i + 1 < len(starts) else len(lines)) for i, start in enumerate(starts)]


def _stamp_line(line: str) -> bool:
    """A line between a title and its table that does not end the title's form: a paragraph (no
    cells) saying where to stamp, when it was filled in, or the unit ("金额单位：万元")."""
    return "\t" not in line and (is_stamp_line(line) or is_unit_line(line))


def header_pairs(text: str) -> dict[str, str]:
    """Header fields on one PDF-style line: "主管部门 X 实施单位 Y" → {department: X, implementer: Y}."""
    cleaned = squash(text)
    keys = "|".join(HEADER_KEYS)
    parts = re.split(rf"({keys})\s*[:：]?", cleaned)
    found: dict[str, str] = {}
    for key, value in zip(parts[1::2], parts[2::2]):
        value = value.strip(" :：")
        if value:
            found.setdefault(HEADER_KEYS[key], value)
    return found
