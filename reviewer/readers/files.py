"""Find form files and decode them: UTF-8 with or without BOM, UTF-16, GB18030/GBK.

Chinese government offices still save text in GBK; a file copied off a Windows desktop
may carry a BOM. Anything that is not text (an image, a zip, random bytes) is refused
here with a message that names the file.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reviewer.errors import InputError

# .doc, .wps, .et, .ods and .odt are not read, but a folder of them is told why (see decode and
# opendocument_reason), not passed over.
FORM_SUFFIXES = (
    ".txt",
    ".tsv",
    ".json",
    ".yaml",
    ".yml",
    ".text",
    ".csv",
    ".xlsx",
    ".xlsm",
    ".docx",
    ".pdf",
    ".html",
    ".htm",
    ".mht",
    ".mhtml",
    ".xls",
    ".doc",
    ".wps",
    ".et",
    ".ods",
    ".odt",
)
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
        raise InputError(path, _ole2_reason(data, path))
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


def ole2_kind(data: bytes, path: str) -> str:
    """What an OLE2 compound file holds, from the stream names in its directory (UTF-16 strings)
    and, for Kingsoft's formats, its name: "encrypted" (a .docx or .xlsx under a password), "wps"
    or "et" (WPS 文字 and WPS 表格 files: Word and Excel binaries by their streams, with a
    WpsCustomData stream or a KSOProductBuildVer property where WPS Office wrote them, but
    named .wps and .et), "doc", "xls" (also a file named so whose streams cannot be found: a damaged
    one), or "ole2" for anything else."""

    def holds(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if holds("EncryptedPackage"):
        return "encrypted"
    word = holds("WordDocument")
    workbook = holds("Workbook") or holds("Book")
    suffix = os.path.splitext(path)[1].lower()
    kingsoft = holds("WpsCustomData") or b"KSOProductBuildVer" in data or holds("KSOProductBuildVer")
    if suffix == ".wps" or (kingsoft and word and suffix != ".doc"):
        return "wps"
    if suffix == ".et" or (kingsoft and workbook and not word and suffix != ".xls"):
        return "et"
    if word or (not workbook and suffix == ".doc"):
        return "doc"
    # A damaged workbook (its directory cut off) goes to the .xls reader, which says so.
    return "xls" if workbook or suffix == ".xls" else "ole2"


_OLE2_REASONS = {
    "encrypted": "a password-protected Office document: save an unprotected copy as .docx or .xlsx and read that",
    "wps": "a WPS 文字 .wps document (Kingsoft's binary format), which is not read: in WPS Office save it as "
    ".docx (文件 → 另存为 → Word 文件), or soffice --headless --convert-to docx FILE, and read that",
    "et": "a WPS 表格 .et workbook (Kingsoft's binary format), which is not read: in WPS Office save it as "
    ".xlsx (文件 → 另存为 → Excel 文件), or soffice --headless --convert-to xlsx FILE, and read that",
    "doc": "a Word .doc file (the binary format before 2007), which is not read: save it as .docx "
    "(or soffice --headless --convert-to docx FILE) and read that",
    "xls": "an Excel .xls workbook, not a text form (leave --reader out, or give --reader xls)",
    "ole2": "a legacy Office file (an OLE2 compound file) that is neither Word nor Excel, or is damaged: "
    "open it in the program that wrote it, save it as .docx or .xlsx and read that",
}


def _ole2_reason(data: bytes, path: str) -> str:
    return _OLE2_REASONS[ole2_kind(data, path)]


# An OpenDocument file is a zip whose first part, "mimetype", names its kind (LibreOffice's and
# WPS's own formats); its sheets and tables are not read.
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.spreadsheet": ("an OpenDocument spreadsheet (.ods)", "Excel", "xlsx"),
    "application/vnd.oasis.opendocument.text": ("an OpenDocument text document (.odt)", "Word", "docx"),
}


def opendocument_reason(archive: zipfile.ZipFile) -> str | None:
    """Why a zip that is an OpenDocument file (.ods, .odt, by its mimetype part) is not read, and
    how to save it so that it is; None for any other zip."""
    try:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except KeyError:
        return None
    what, program, suffix = _OPENDOCUMENT.get(
        mimetype, (f"an OpenDocument file ({mimetype or 'no type'})", "Excel or Word", "xlsx or .docx")
    )
    return (
        f"{what}, which is not read: in LibreOffice or WPS Office save it as {program} .{suffix} "
        f"(文件 → 另存为), or soffice --headless --convert-to {suffix.split()[0]} FILE, and read that"
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


def is_mime_message(text: str) -> bool:
    """A MIME message: what a single file web page (.mht) is."""
    head = text[:4096].lower()
    return head.startswith("mime-version:") or "multipart/related" in head


def file_head(path: str, size: int = 8) -> bytes:
    """The first bytes of a file, which say what it is (a zip, a PDF, an OLE2 compound file);
    empty when it cannot be read (the reader that opens it then says why)."""
    try:
        with open(path, "rb") as file:
            return file.read(size)
    except OSError:
        return b""


def zip_holds(source: str | bytes, part: str, unreadable: bool) -> bool:
    """Whether a zip file (a path, or its bytes) has this part; ``unreadable`` when the zip cannot
    be opened (a truncated file), so that the caller's guess from the name still picks the reader
    that reports it."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            return part in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return unreadable


def open_file(path: str, data: bytes | None = None) -> io.BufferedReader | io.BytesIO:
    """The file ``path`` opened for reading, or its bytes ``data`` (an upload) as a file."""
    if data is not None:
        return io.BytesIO(data)
    with _reading(path):
        return open(path, "rb")


def read_bytes(path: str) -> bytes:
    with _reading(path):
        return Path(path).read_bytes()


@contextmanager
def _reading(path: str) -> Iterator[None]:
    """The operating system's reasons a file cannot be read, as the one line a user is shown."""
    try:
        yield
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


@dataclass(frozen=True)
class Skipped:
    """A file in a folder that was not read, and why: named, never passed over in silence."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


_ARCHIVES = (".zip", ".rar", ".7z", ".tar", ".gz")


def walk(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Files as given (read by their content, whatever their name); folders searched, sorted and
    recursively, for form files, every other entry named with the reason it is not read."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in [d for d in dirs if d.startswith(".")]:
                yield Skipped(os.path.join(root, name), "a hidden folder")
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                reason = _skip_reason(name)
                yield os.path.join(root, name) if reason is None else Skipped(os.path.join(root, name), reason)


def _skip_reason(name: str) -> str | None:
    suffix = os.path.splitext(name)[1].lower()
    if name.startswith("~$"):
        return "an Office lock file (~$), left beside a document that is open"
    if name.startswith("."):
        return "a hidden file"
    if suffix in FORM_SUFFIXES:
        return None
    if suffix in _ARCHIVES:
        return f"an archive ({suffix}): unpack it and check the folder"
    return f"not a form file type ({suffix or 'no suffix'})"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """The files ``walk`` reads."""
    return (path for path in walk(paths) if isinstance(path, str))
