"""Read the canonical JSON (and the same document in YAML) that `reviewer parse` writes
and other systems export.

Numbers are read as exact decimals, never floats. A document may be the full
``{"forms": [...]}``, a bare list of forms, or a single form object.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from reviewer.errors import InputError
from reviewer.form.model import Form, Source

_FORMS: TypeAdapter[list[Form]] = TypeAdapter(list[Form])


def read_json(text: str, path: str) -> list[Form]:
    return forms_from_data(decode_document(text, path, "json"), path, "json")


def read_yaml(text: str, path: str) -> list[Form]:
    return forms_from_data(decode_document(text, path, "yaml"), path, "yaml")


def decode_document(text: str, path: str, kind: str) -> list[Any]:
    """The list of form objects in a JSON or YAML document, not yet validated."""
    data = _load_json(text, path) if kind == "json" else _load_yaml(text, path)
    if isinstance(data, dict) and "forms" in data:
        data = data["forms"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InputError(path, f'expected a JSON object with "forms", got {type(data).__name__}')
    if not data:
        raise InputError(path, "no forms in the document")
    return data


_PRETTY_HEAD = re.compile(rb'(?:\xef\xbb\xbf)?\{\n( +)"forms": \[\n( +)\{\n')


def split_document(data: bytes) -> list[tuple[int, int]] | None:
    """Where each form of a pretty-printed ``{"forms": [...]}`` document lies (what `reviewer
    parse` writes, or any JSON indented the same way), as (start, end) byte offsets a worker
    can decode alone; None when the layout is anything else and the document must be decoded
    whole. Bytes, not text: the main process of a big batch then never decodes the file.

    Safe because a JSON string cannot hold a raw newline: every newline is layout, so a line
    that opens at the array's item indentation starts an item, and nothing else does."""
    head = _PRETTY_HEAD.match(data)
    if head is None:
        return None
    outer, inner = head.group(1), head.group(2)
    starts = [m.start() + 1 for m in re.finditer(b"\n" + inner + b"\\{\n", data)]
    if not starts or starts[0] != head.end() - len(inner) - 2:
        return None
    close = data.find(b"\n" + inner + b"}\n" + outer + b"]", starts[-1])
    if close < 0:
        return None
    # An item ends where the next begins, less the comma and newline; the last at the array's end.
    ends = [start - 2 for start in starts[1:]] + [close + len(inner) + 2]
    return list(zip(starts, ends))


def decode_piece(data: bytes, start: int, end: int, path: str) -> Any:
    """One form of a document cut by ``split_document``; errors name the line in the whole file."""
    try:
        return json.loads(data[start:end].decode("utf-8"), parse_float=Decimal, parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, start + error.start) + 1
        raise InputError(path, "not valid UTF-8 (a JSON batch must be UTF-8 throughout)", line) from None
    except json.JSONDecodeError as error:
        line = data.count(b"\n", 0, start) + error.lineno
        raise InputError(path, f"invalid JSON: {error.msg} (column {error.colno})", line) from None
    except ValueError as error:
        raise InputError(path, f"invalid JSON: {error}", data.count(b"\n", 0, start) + 1) from None


def forms_from_data(data: list[Any], path: str, reader: str, offset: int = 0) -> list[Form]:
    """Validate decoded form objects; ``offset`` is the index of the first in its document."""
    try:
        forms = _FORMS.validate_python(data)
    except ValidationError as error:
        raise InputError(path, _first_error(error, offset)) from None
    for index, form in enumerate(forms, offset):
        if form.source is None:
            form.source = Source.model_construct(path=path, reader=reader, line=None)
        if not form.indicators and form.funds.total is None:
            raise InputError(path, f"forms[{index}] has neither indicators nor a funds table")
    return forms


def _load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno) from None
    except ValueError as error:
        raise InputError(path, f"invalid JSON: {error}") from None


def _load_yaml(text: str, path: str) -> Any:
    import yaml  # a cold import: only YAML input pays for it

    class _Loader(yaml.SafeLoader):
        pass

    # YAML floats become exact decimals from their printed text.
    _Loader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a form can hold")


def _first_error(error: ValidationError, offset: int) -> str:
    first = error.errors()[0]
    location = list(first["loc"])
    if location and isinstance(location[0], int):
        location[0] = f"forms[{location[0] + offset}]"
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{text}: {first['msg']}{more}"
