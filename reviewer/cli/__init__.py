"""The command line: parse arguments, call the library (``reviewer.api``), print the result.

``main`` assembles the commands of ``forms`` (parse, schema), ``check``, ``explain`` (draft,
critique, review, report), ``catalogue`` (rules, rule) and ``golden``; ``common`` holds what
they share: options, configuration, output, exit codes.
"""

from reviewer.cli.main import main

__all__ = ["main"]
