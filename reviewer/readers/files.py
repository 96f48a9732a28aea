"""Find form files and decode them: UTF-8 with or without BOM, UTF-16, GB18030/GBK.

Chinese government offices still save text in GBK; a file copied off a Windows desktop
may carry a BOM. Anything that is not text (an image, a zip, random bytes) is refused
here with a message that names the file.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from reviewer.errors import InputError

# .doc and .xls are not read, but a folder of them is told why (see decode), not passed over.
FORM_SUFFIXES = (".txt", ".tsv", ".json", ".yaml", ".yml", ".text", ".csv", ".xlsx", ".docx", ".pdf", ".doc", ".xls")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode(data: bytes, path: str) -> str:
    if not data or data.isspace():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "a zip or Office file (.xlsx/.docx), not a text form")
    if data.startswith(OLE2_MAGIC):
        raise InputError(path, _ole2_reason(data))
    if data.startswith(b"%PDF-"):
        raise InputError(path, "a PDF file, not a text form (leave --reader out, or give --reader pdf)")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(path, "binary file, not a text form (contains NUL bytes)")
        return text
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return _guess(data, path)


def _ole2_reason(data: bytes) -> str:
    """What an OLE2 compound file holds, from the names in its directory (UTF-16 strings)."""

    def holds(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if holds("EncryptedPackage"):
        return "a password-protected Office document: save an unprotected copy as .docx or .xlsx and read that"
    word = holds("WordDocument")
    kind = "a Word .doc" if word else "an Excel .xls" if holds("Workbook") or holds("Book") else "a legacy Office"
    target = "docx" if word else "xlsx"
    return (
        f"{kind} file (the binary format before 2007), which is not read: save it as .{target} "
        f"(or soffice --headless --convert-to {target} FILE) and read that"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: the NUL high bytes of its ASCII characters (tabs, digits,
    line ends) fall on one side. Chinese characters have NULs of their own (一 is U+4E00), rarely."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-le" if odd > 10 * even else "utf-16-be" if even > 10 * odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _looks_like_text(text) else None


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
    """An Office document (.xlsx, .docx) is a zip file; its parts say which."""
    return _starts_with(path, b"PK\x03\x04")


def is_pdf(path: str) -> bool:
    return _starts_with(path, b"%PDF-")


def _starts_with(path: str, magic: bytes) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(magic)) == magic
    except OSError:
        return False


def zip_holds(path: str, part: str, unreadable: bool) -> bool:
    """Whether a zip file has this part; ``unreadable`` when the zip cannot be opened (a truncated
    file), so that the caller's guess from the name still picks the reader that reports it."""
    try:
        with zipfile.ZipFile(path) as archive:
            return part in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return unreadable


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
