"""Find form files and decode them: UTF-8 with or without BOM, UTF-16, GB18030/GBK.

Chinese government offices still save text in GBK; a file copied off a Windows desktop
may carry a BOM. Anything that is not text (an image, a zip, random bytes) is refused
here with a message that names the file.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from reviewer.errors import InputError

FORM_SUFFIXES = (".txt", ".tsv", ".json", ".yaml", ".yml", ".text", ".csv", ".xlsx")


def decode(data: bytes, path: str) -> str:
    if not data or data.isspace():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "a zip or Office file (.xlsx/.docx), not a text form")
    if b"\x00" in data:
        raise InputError(path, "binary file, not a text form (contains NUL bytes)")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return _guess(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid {encoding} at byte {error.start}") from None


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_like_text(text: str) -> bool:
    # A sample is enough to tell text from binary, and a 100 MB batch is not scanned twice.
    sample = text[:65536]
    return len(_CONTROLS.findall(sample)) <= len(sample) // 100


def _guess(data: bytes, path: str) -> str:
    # Rare encodings (Big5, UTF-16 without BOM): let charset-normalizer try before giving up.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _looks_like_text(str(best)):
        return str(best)
    raise InputError(path, "cannot decode: not UTF-8, GB18030 or another text encoding")


def is_zip(path: str) -> bool:
    """An Office document (.xlsx, .docx) is a zip file; the reader of workbooks says which."""
    try:
        with open(path, "rb") as file:
            return file.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}") from None


def read_text(path: str) -> str:
    return decode(read_bytes(path), path)


def starts_as_utf8(data: bytes) -> bool:
    """Whether the first 64 KiB are UTF-8 (a character cut at the end is allowed): enough to
    tell a UTF-8 file from GB18030 without decoding a 100 MB batch in one process."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:65536], final=False)
    except UnicodeDecodeError:
        return False
    return True


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; folders searched (sorted, recursively) for form files."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # "~$book.xlsx" is the lock file Excel leaves beside a workbook it has open.
                    if name.lower().endswith(FORM_SUFFIXES) and not name.startswith((".", "~$")):
                        yield os.path.join(root, name)
        else:
            yield path
