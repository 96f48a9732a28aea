"""Read the canonical JSON (and the same document in YAML) that `reviewer parse` writes
and other systems export.

Numbers are read as exact decimals, never floats. A document may be the full
``{"forms": [...]}``, a bare list of forms, or a single form object.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..model import Document, Form, Source


def read_json(text: str, path: str) -> list[Form]:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno) from None
    except ValueError as error:
        raise InputError(path, f"invalid JSON: {error}") from None
    return _forms(data, path, "json")


def read_yaml(text: str, path: str) -> list[Form]:
    import yaml  # a cold import: only YAML input pays for it

    class _Loader(yaml.SafeLoader):
        pass

    # YAML floats become exact decimals from their printed text.
    _Loader.add_constructor("tag:yaml.org,2002:float",
                            lambda loader, node: Decimal(loader.construct_scalar(node)))
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    return _forms(data, path, "yaml")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a form can hold")


def _forms(data: Any, path: str, reader: str) -> list[Form]:
    if isinstance(data, list):
        data = {"forms": data}
    elif isinstance(data, dict) and "forms" not in data:
        data = {"forms": [data]}
    if not isinstance(data, dict):
        raise InputError(path, f"expected a JSON object with \"forms\", got {type(data).__name__}")
    try:
        document = Document.model_validate(data)
    except ValidationError as error:
        raise InputError(path, _first_error(error)) from None
    if not document.forms:
        raise InputError(path, "no forms in the document")
    for index, form in enumerate(document.forms):
        if form.source is None:
            form.source = Source.model_construct(path=path, reader=reader, line=None)
        if not form.indicators and form.funds.total is None:
            raise InputError(path, f"forms[{index}] has neither indicators nor a funds table")
    return document.forms


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    location = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{location}: {first['msg']}{more}"
