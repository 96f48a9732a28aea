"""The rule catalogue. Importing this package registers every rule in ``RULES``: each module of
``catalogue/``, then the rules that installed plugins declare (entry-point group ``reviewer.rules``)."""

from reviewer.rules.base import (
    RULES,
    SEVERITIES,
    Context,
    Example,
    Finding,
    Hit,
    Marks,
    Rule,
    fires,
    rule,
    silent,
    template_for,
)
from reviewer.rules.loading import load_catalogue

load_catalogue()

__all__ = [
    "RULES",
    "SEVERITIES",
    "Context",
    "Example",
    "Finding",
    "Hit",
    "Marks",
    "Rule",
    "fires",
    "rule",
    "silent",
    "template_for",
]
