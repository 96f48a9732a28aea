"""The provincial platform's export: a marker line, then canonical JSON."""

from __future__ import annotations

from reviewer.readers import Reader, read_forms_from_text

MARK = b"HUBEI-PMKPI-EXPORT\n"


def _read(data: bytes, path: str):
    return read_forms_from_text(data[len(MARK) :].decode("utf-8"), path, "json")


READER = Reader("hubei-export", _read, lambda data, path: data.startswith(MARK))
