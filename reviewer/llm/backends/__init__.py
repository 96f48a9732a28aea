"""Who writes the text: a backend answers a batch of questions (``Job``s) with ``Outcome``s.

Built in: ``offline`` (a marked template from the row's numbers, no endpoint), ``openai`` (any
OpenAI-compatible endpoint) and ``replay`` (answers from a recording, through the same path as
``openai``). Installed plugins add more (entry-point group ``reviewer.backends``): a class
built from ``BackendOptions``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer import plugins
from reviewer.llm.jobs import Job, Outcome, Usage
from reviewer.progress import Progress


class Backend(Protocol):
    name: str

    def run(self, jobs: list[Job]) -> list[Outcome]: ...


class BackendError(ValueError):
    """A backend that cannot be built from the options given."""


@dataclass
class BackendOptions:
    """What the command line (or a caller) says about the backend; None means the default."""

    model: str | None = None
    structured: str = "auto"
    concurrency: int = 8
    rpm: int | None = None
    timeout: float = 120.0
    retries: int = 4
    cache: bool = True
    recording: Path | None = None
    progress: Progress | None = None


BUILT_IN = ("offline", "openai", "replay")


def backend_names() -> list[str]:
    return [*BUILT_IN, *(name for name, _ in plugins.load("reviewer.backends"))]


def make_backend(name: str, options: BackendOptions | None = None) -> Backend:
    """The backend called ``name``; ``auto`` is openai when ``OPENAI_API_KEY`` is set, offline otherwise."""
    options = options or BackendOptions()
    if name == "auto":
        name = "openai" if os.environ.get("OPENAI_API_KEY") else "offline"
    if name == "offline":
        from reviewer.llm.backends.offline import OfflineBackend

        return OfflineBackend()
    if name in ("openai", "replay"):
        from reviewer.llm.backends.openai_compatible import OpenAIBackend, ReplayBackend, Settings

        settings = Settings.from_environment(
            model=options.model,
            structured=options.structured,
            concurrency=options.concurrency,
            rpm=options.rpm,
            timeout=options.timeout,
            retries=options.retries,
        )
        if name == "replay":
            if options.recording is None:
                raise BackendError("--backend replay needs --recording FILE")
            return ReplayBackend(options.recording, settings, progress=options.progress)
        return OpenAIBackend(
            settings, cache_enabled=options.cache, recording=options.recording, progress=options.progress
        )
    for plugin, factory in plugins.load("reviewer.backends"):
        if plugin == name:
            return factory(options)
    raise BackendError(f"unknown backend {name!r}; choose from auto, {', '.join(backend_names())}")


__all__ = ["Backend", "BackendError", "BackendOptions", "Usage", "backend_names", "make_backend"]
