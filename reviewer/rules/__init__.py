"""The rule catalogue. Importing this package registers every rule in ``RULES``."""

from . import explanations, funds, scoring, structure, targets  # noqa: F401 - registration
from .base import RULES, SEVERITIES, Context, Finding, Hit, Rule, rule, template_for

__all__ = ["RULES", "SEVERITIES", "Context", "Finding", "Hit", "Rule", "rule", "template_for"]
