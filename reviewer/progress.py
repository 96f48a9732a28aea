"""What a long run tells whoever shows its progress (the command line's bar): how many pieces of
work it has, then each one done. Reading a batch of files and asking a model both tell it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...
