"""Category labels in PDF text, and which rows each one covers.

In a PDF the 一级/二级指标 cells are narrow merged cells: their names wrap every two
characters ("可持 / 续影 / 响指 / 标"), the pieces interleave with the rows beside them,
two columns' pieces share a line ("效益 社会 …"), and a page break can cut a label in two.
``LabelAssembler`` rebuilds the names from the pieces. ``assign_levels`` then decides
which rows each label covers:

- a label whose pieces all sit together, or that a page break cuts, starts its group
  (the extractor printed it at the top of its merged cell);
- a label whose pieces are spread over several rows of one page is centred in its group,
  which may therefore start before the label's first piece;
- a second-level category belongs to the first-level one the templates put it under
  (数量指标 → 产出指标), so a first-level group reaches back to cover its children.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from reviewer.readers.vocabulary import LEVEL1_NAMES, LEVEL2_NAMES, LEVEL2_PARENTS

NAMES = {1: LEVEL1_NAMES, 2: LEVEL2_NAMES}


@dataclass
class Label:
    """A category label and where its pieces sat, measured in rows: ``k`` is between rows
    k-1 and k, ``k + 0.5`` beside row k."""

    column: int  # 1 or 2
    name: str
    first_pos: float
    last_pos: float
    first_page: int
    last_page: int
    line: int

    @property
    def centred(self) -> bool:
        return self.last_pos > self.first_pos and self.first_page == self.last_page

    @property
    def first_row(self) -> int:
        return math.floor(self.first_pos)

    @property
    def last_row(self) -> int:
        """The last row the label reaches: a piece between two rows sits at the top of the second."""
        return math.floor(self.last_pos)

    @property
    def centre(self) -> float:
        # The last piece is a line tall, hence the + 1.
        return (self.first_pos + self.last_pos + 1) / 2


@dataclass
class _Pending:
    text: str
    first_pos: float
    first_page: int
    line: int
    last_pos: float = 0.0
    last_page: int = 0


@lru_cache(maxsize=1024)
def _prefix_of(text: str, column: int) -> bool:
    return any(name.startswith(text) for name in NAMES[column])


def _complete(text: str, column: int) -> bool:
    return text in NAMES[column] and not any(name != text and name.startswith(text) for name in NAMES[column])


class LabelAssembler:
    """Feeds on the pieces at the start of each line; says which pieces are label text."""

    def __init__(self) -> None:
        self.pending: dict[int, _Pending | None] = {1: None, 2: None}
        self.labels: list[Label] = []

    def feed_line(self, tokens: list[str], pos: float, page: int, line: int) -> tuple[int, bool]:
        """Consume the label pieces that start ``tokens``: how many were label text, and
        whether one of them began a new label (a row boundary) rather than continued one."""
        taken, began = 0, False
        for index, token in enumerate(tokens):
            column = self._column_for(token, first_on_line=index == 0)
            if column is None:
                break
            began |= self._add(column, token, pos, page, line)
            taken += 1
        return taken, began

    def finish(self) -> list[Label]:
        for column in (1, 2):
            if self.pending[column] is not None:
                self._close(column)
        return _settle_ambiguous(self.labels)

    def _column_for(self, token: str, first_on_line: bool) -> int | None:
        extends = [c for c in (1, 2) if (p := self.pending[c]) is not None and _prefix_of(p.text + token, c)]
        if len(extends) == 1:
            return extends[0]
        if len(extends) == 2:
            # Two columns waiting for the same piece: the left column's text comes first on a line.
            return 1 if first_on_line else 2
        if len(token) < 2 and token not in NAMES[1] + NAMES[2]:
            return None  # a lone "标" that completes nothing is ordinary text
        starts = [c for c in (1, 2) if _prefix_of(token, c)]
        if not starts:
            return None
        if len(starts) == 2:
            return 1 if self.pending[1] is None else 2
        return starts[0]

    def _add(self, column: int, token: str, pos: float, page: int, line: int) -> bool:
        pending = self.pending[column]
        began = pending is None or not _prefix_of(pending.text + token, column)
        if began:
            if pending is not None:
                self._close(column)
            pending = self.pending[column] = _Pending(text="", first_pos=pos, first_page=page, line=line)
        assert pending is not None
        pending.text += token
        pending.last_pos, pending.last_page = pos, page
        if _complete(pending.text, column):
            self._close(column)
        return began

    def _close(self, column: int) -> None:
        pending = self.pending[column]
        assert pending is not None
        self.labels.append(
            Label(
                column,
                pending.text,
                pending.first_pos,
                pending.last_pos,
                pending.first_page,
                pending.last_page,
                pending.line,
            )
        )
        self.pending[column] = None


def _settle_ambiguous(labels: list[Label]) -> list[Label]:
    """成本指标 and 满意度指标 name both a first-level category (101号-style) and a second-level one
    (MoF 2020). Read as first-level only when a second-level label follows at the same row."""
    settled: list[Label] = []
    for index, label in enumerate(labels):
        if label.column == 1 and label.name in LEVEL2_PARENTS:
            follower = next(
                (other for other in labels[index + 1 :] if other.first_pos == label.first_pos and other.column == 2),
                None,
            )
            if follower is None:
                label.column = 2
        settled.append(label)
    return settled


def assign_levels(labels: list[Label], row_count: int) -> tuple[list[str | None], list[str | None]]:
    """The first- and second-level category of every row."""
    level1 = [label for label in labels if label.column == 1]
    level2 = [label for label in labels if label.column == 2]
    row_level1 = _spread(level1, _group_starts(level1, 0, row_count, level2), row_count)
    row_level2: list[str | None] = [None] * row_count
    for begin, end in _groups(row_level1):
        inside = [label for label in level2 if begin <= label.first_row < end]
        if inside:
            starts = _group_starts(inside, begin, end, [])
            for name, (first, stop) in zip((label.name for label in inside), _bounds(starts, end)):
                row_level2[first:stop] = [name] * (stop - first)
    return row_level1, row_level2


def _group_starts(labels: list[Label], begin: int, end: int, children: list[Label]) -> list[int]:
    """Where each label's group starts, worked out from the last label back. ``children`` are
    second-level labels: a first-level group reaches back to cover its own."""
    starts = [begin] * len(labels)
    group_end = end
    for i in range(len(labels) - 1, 0, -1):
        label, before = labels[i], labels[i - 1]
        mine = [c for c in children if LEVEL2_PARENTS.get(c.name) == label.name and c.first_row > before.last_row]
        theirs = [c for c in children if LEVEL2_PARENTS.get(c.name) == before.name and c.first_row < label.first_row]
        upper = min([label.first_row] + [c.first_row for c in mine])
        lower = max([before.last_row + 1] + [c.last_row + 1 for c in theirs])
        start = round(2 * label.centre - group_end) if label.centred else upper
        # Where the evidence conflicts, the label's own first piece wins.
        starts[i] = min(max(start, lower), upper)
        group_end = starts[i]
    return starts


def _bounds(starts: list[int], end: int) -> list[tuple[int, int]]:
    return [(start, starts[i + 1] if i + 1 < len(starts) else end) for i, start in enumerate(starts)]


def _spread(labels: list[Label], starts: list[int], row_count: int) -> list[str | None]:
    names: list[str | None] = [None] * row_count
    for label, (first, stop) in zip(labels, _bounds(starts, row_count)):
        names[first:stop] = [label.name] * (stop - first)
    return names


def _groups(names: list[str | None]) -> list[tuple[int, int]]:
    """Runs of rows under the same first-level label (the whole table when there is none)."""
    runs: list[tuple[int, int]] = []
    for i, name in enumerate(names):
        if runs and names[runs[-1][0]] == name:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
