"""A progress bar on standard error while a model answers or a batch is checked, when standard
error is a terminal."""

from __future__ import annotations

import sys
from typing import Any

# What a bar counts, in each language of the messages.
ASKING = {"en": "asking the model", "zh": "模型作答"}
CHECKING = {"en": "reading and checking", "zh": "读取并审核"}


class TerminalProgress:
    """``label`` says what the bar counts; a run of fewer than ``least`` pieces shows none (it
    ends before a bar would tell anyone anything, and the bar's imports cost a tenth of a second)."""

    def __init__(self, label: str, least: int = 1):
        self.label = label
        self.least = least
        self.bar: Any = None
        self.task: Any = None

    def start(self, total: int) -> None:
        if total < self.least or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=Console(stderr=True))
        self.task = self.bar.add_task(self.label, total=total)
        self.bar.start()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
