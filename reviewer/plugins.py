"""Extension points: what installed packages add to `reviewer` through entry points.

A province can ship its own rules, readers or backends as a package (``pip install
reviewer-hubei``) that declares them in its ``pyproject.toml``::

    [project.entry-points."reviewer.rules"]
    hubei = "reviewer_hubei.rules"          # a module whose @rule functions register on import

    [project.entry-points."reviewer.readers"]
    hubei-export = "reviewer_hubei.reader:READER"      # a reviewer.readers.Reader

    [project.entry-points."reviewer.backends"]
    gateway = "reviewer_hubei.gateway:GatewayBackend"  # a class built from BackendOptions

A plugin that fails to load is an error naming it, never a half-loaded catalogue.
"""

from __future__ import annotations

from functools import cache
from typing import Any

GROUPS = ("reviewer.rules", "reviewer.readers", "reviewer.backends")


class PluginError(Exception):
    """An installed plugin that cannot be loaded."""


def load(group: str) -> list[tuple[str, Any]]:
    """(name, loaded object) of every entry point of ``group``, in name order."""
    loaded = []
    for point in sorted(_entry_points().select(group=group), key=lambda p: p.name):
        try:
            loaded.append((point.name, point.load()))
        except Exception as error:
            raise PluginError(
                f"plugin {point.name!r} ({group} = {point.value}) failed to load: {type(error).__name__}: {error}"
            ) from None
    return loaded


@cache
def _entry_points() -> Any:
    # One scan of the installed packages' metadata for all three groups: each scan reads every
    # package's entry_points.txt, a few milliseconds of every command's start-up.
    from importlib.metadata import entry_points

    return entry_points()
