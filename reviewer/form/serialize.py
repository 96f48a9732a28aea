"""Write the canonical JSON (and YAML) with exact decimals.

The standard ``json`` module cannot print a Decimal as a JSON number, and a float would
lose the printed decimals ("41.00" → 41.0) or worse. This small emitter writes
Decimals verbatim, keeps Chinese readable (no \\u escapes) and keeps key order stable.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import BaseModel


def plain(obj: Any) -> Any:
    """Pydantic models to dicts (Decimals kept), recursively, fields in declaration order then
    computed fields. Walking the fields ourselves spares building pydantic's serialiser, which
    costs more than reading both seed files."""
    if isinstance(obj, BaseModel):
        cls = type(obj)
        names = [*cls.model_fields, *cls.model_computed_fields]
        fields = {name: plain(getattr(obj, name)) for name in names}
        if getattr(cls, "compact", False):
            fields = {name: value for name, value in fields.items() if value is not None}
        for name in getattr(cls, "omit_when_none", ()):
            # Fields added after the contract: absent, not null, where a reader does not know them.
            if fields.get(name) is None:
                fields.pop(name, None)
        return fields
    if isinstance(obj, dict):
        return {key: plain(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(item) for item in obj]
    return obj


def dumps(obj: Any, indent: int | None = 2) -> str:
    parts: list[str] = []
    _emit(plain(obj), parts, indent, 0)
    return "".join(parts)


def _emit(value: Any, out: list[str], indent: int | None, depth: int) -> None:
    if value is None or isinstance(value, bool):
        out.append(json.dumps(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as a JSON number")
        out.append(str(value))
    elif isinstance(value, (int, str)):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, float):
        raise TypeError("binary floats are not written; use Decimal")
    elif isinstance(value, dict):
        _emit_container(list(value.items()), "{", "}", out, indent, depth)
    elif isinstance(value, (list, tuple)):
        _emit_container(list(value), "[", "]", out, indent, depth)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _emit_container(items: list[Any], open_: str, close: str, out: list[str], indent: int | None, depth: int) -> None:
    if not items:
        out.append(open_ + close)
        return
    is_dict = open_ == "{"
    pad = "" if indent is None else "\n" + " " * (indent * (depth + 1))
    sep = "," if indent is None else ","
    out.append(open_)
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.append(pad)
        if is_dict:
            key, item = item
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(": " if indent is not None else ":")
        _emit(item, out, indent, depth + 1)
    out.append("" if indent is None else "\n" + " " * (indent * depth))
    out.append(close)


def to_yaml(obj: Any) -> str:
    import yaml  # a cold import: only the YAML output pays for it

    class _Dumper(yaml.SafeDumper):
        pass

    def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
        # A plain YAML number whose text keeps every printed digit ("41.00", not 41.0).
        text = str(value)
        tag = "int" if text.lstrip("-").isdigit() else "float"
        return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", text)

    _Dumper.add_representer(Decimal, _decimal)
    return yaml.dump(plain(obj), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
