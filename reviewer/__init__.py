"""reviewer: check 项目支出绩效自评表 and draft their 偏差原因分析及改进措施.

The public API (see README, "Use it from Python")::

    reviewer.read(path_or_bytes, *, reader=None) -> list[Form]       # raises reviewer.InputError
    reviewer.read_many([(name, bytes), ...]) -> Batch                # forms, errors, files
    reviewer.check(forms, config=None) -> CheckResult                # .to_dict(), .exit_code
    reviewer.review(forms, *, backend=None, mode="review", config=None) -> ReviewResult
    reviewer.OfflineBackend(), reviewer.OpenAIBackend(settings), reviewer.ReplayBackend(recording)

Names are imported when first used, so ``import reviewer`` (and ``reviewer --help``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.2.0"

_EXPORTS = {
    "read": "reviewer.api",
    "check": "reviewer.api",
    "review": "reviewer.api",
    "read_many": "reviewer.api",
    "Batch": "reviewer.api",
    "InputError": "reviewer.errors",
    "load_config": "reviewer.config",
    "Config": "reviewer.config",
    "Form": "reviewer.form.model",
    "CheckResult": "reviewer.rules.results",
    "ReviewResult": "reviewer.llm.review",
    "RULES": "reviewer.rules",
    "OfflineBackend": "reviewer.llm.backends.offline",
    "OpenAIBackend": "reviewer.llm.backends.openai_compatible",
    "ReplayBackend": "reviewer.llm.backends.openai_compatible",
    "Settings": "reviewer.llm.backends.openai_compatible",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'reviewer' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
