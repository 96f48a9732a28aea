"""Load the catalogue: every module of ``catalogue/``, then the rule modules of installed plugins."""

from __future__ import annotations

import importlib
import pkgutil

from reviewer import plugins


def load_catalogue() -> None:
    from reviewer.rules import catalogue

    for module in pkgutil.iter_modules(catalogue.__path__):
        importlib.import_module(f"{catalogue.__name__}.{module.name}")
    # A plugin's entry point names a module whose @rule decorators register its rules on import.
    plugins.load("reviewer.rules")
