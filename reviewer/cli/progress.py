"""A progress bar on standard error while a model answers, when standard error is a terminal."""

from __future__ import annotations

import sys
from typing import Any


class TerminalProgress:
    def __init__(self, label: str = "asking the model"):
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def start(self, total: int) -> None:
        if not sys.stderr.isatty():
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
