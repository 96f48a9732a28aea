"""What an upload holds: the files of a multipart request, with every .zip archive among them
opened, each file named and its bytes in memory.

Nothing is written to disk here (a multipart parser that spools big parts to the system's
temporary folder would write outside the data folder). A file is recognised by its content:
a zip archive is an Office document (.xlsx, .docx) when it holds ``[Content_Types].xml`` and is
then one file for ``reviewer.read``, and is otherwise an archive whose members are the files.
Refused with a status and a reason (``UploadError``): a request over the size limit, too many
files, a file name that is a path, an archive that would unpack beyond the limit or with a
member compressed far beyond what forms compress to (a zip bomb), an archive in an archive.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MB = 1024 * 1024
# Forms and workbooks compress ten to thirty times; a zip bomb thousands of times.
MAX_RATIO = 100
RATIO_FROM = MB  # a small member may compress far (a blank sheet), and costs nothing to unpack
# Names an archive tool leaves beside the files: macOS's resource forks, Excel's lock files.
_JUNK = ("__MACOSX/",)
_JUNK_NAMES = (".", "~$")


@dataclass(frozen=True)
class Limits:
    upload: int = 50 * MB  # bytes of one request
    files: int = 200  # files of one upload, archives opened
    unpacked: int = 200 * MB  # bytes of the files an upload's archives unpack to


class UploadError(Exception):
    """An upload refused: the HTTP status to answer and the reason, in Chinese, for the page."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class Part:
    name: str
    filename: str | None
    data: bytearray = field(default_factory=bytearray)


def parse_multipart(content_type: str, body: bytes, limits: Limits) -> list[Part]:
    """The parts of a multipart/form-data body, in order."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadError(400, "请以 multipart/form-data 上传文件（字段名 files）")
    parts: list[Part] = []
    header: dict[str, bytes] = {}
    name = bytearray()
    value = bytearray()

    def header_end() -> None:
        header[bytes(name).decode("latin-1").lower()] = bytes(value)
        name.clear()
        value.clear()

    def headers_finished() -> None:
        _, disposition = parse_options_header(header.get("content-disposition", b""))
        filename = disposition.get(b"filename")
        if filename is not None and sum(p.filename is not None for p in parts) >= limits.files:
            raise UploadError(413, f"一次最多上传 {limits.files} 个文件")
        parts.append(
            Part(
                disposition.get(b"name", b"").decode("utf-8", "replace"),
                None if filename is None else filename.decode("utf-8", "replace"),
            )
        )
        header.clear()

    callbacks = {
        "on_header_field": lambda data, start, end: name.extend(data[start:end]),
        "on_header_value": lambda data, start, end: value.extend(data[start:end]),
        "on_header_end": header_end,
        "on_headers_finished": headers_finished,
        "on_part_data": lambda data, start, end: parts[-1].data.extend(data[start:end]),
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        parser.write(body)
        parser.finalize()
    except UploadError:
        raise
    except Exception as failure:  # python-multipart's errors say what is malformed
        raise UploadError(400, f"上传内容不是有效的 multipart/form-data：{failure}") from None
    return parts


def upload_files(parts: list[Part], limits: Limits) -> list[tuple[str, bytes]]:
    """The files of the ``files`` fields, each archive replaced by its members."""
    given = [part for part in parts if part.name == "files" and part.filename is not None]
    # A form submitted with no file chosen sends one part with an empty name and no bytes.
    given = [part for part in given if part.filename or part.data]
    if not given:
        raise UploadError(400, "没有收到文件：请在字段 files 中上传一个或多个文件")
    files: list[tuple[str, bytes]] = []
    budget = _Budget(limits.unpacked)
    for part in given:
        name = _file_name(part.filename or "")
        data = bytes(part.data)
        if _is_archive(data, name):
            files.extend(_members(name, data, budget))
        else:
            _weigh_document(name, data, budget)
            files.append((name, data))
        if len(files) > limits.files:
            raise UploadError(413, f"一次最多上传 {limits.files} 个文件（压缩包内的文件也计入）")
    return files


def _file_name(filename: str) -> str:
    # A browser sends the file's name alone; a path here was put there on purpose.
    if "/" in filename or "\\" in filename or filename in (".", "..") or any(ord(c) < 32 for c in filename):
        raise UploadError(400, f"文件名不能含路径或控制字符：{filename!r}")
    return filename or "未命名文件"


def _is_archive(data: bytes, name: str) -> bool:
    """A zip file that is not an Office document (which is a zip holding [Content_Types].xml).
    A corrupt one is left to the readers, which say what is wrong with it among the other files."""
    book = _zip(data)
    return book is not None and "[Content_Types].xml" not in book.namelist()


def _zip(data: bytes) -> zipfile.ZipFile | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return None


class _Budget:
    """What the archives of one upload may unpack to, together."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def take(self, name: str, member: zipfile.ZipInfo) -> None:
        inner = _member_name(member)
        path = PurePosixPath(inner.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or (path.parts and path.parts[0].endswith(":")):
            raise UploadError(400, f"{name}：压缩包中的文件名含路径（{inner}），已拒绝")
        self.used += member.file_size
        if self.used > self.limit:
            raise UploadError(413, f"{name}：解压后超过 {self.limit // MB} MB 上限，疑似压缩炸弹，已拒绝")
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UploadError(
                422,
                f"{name}：{inner} 压缩比超过 {MAX_RATIO} 倍（{member.compress_size} 字节解压为 "
                f"{member.file_size} 字节），疑似压缩炸弹，已拒绝",
            )


def _members(name: str, data: bytes, budget: _Budget) -> Iterator[tuple[str, bytes]]:
    archive = _zip(data)
    assert archive is not None
    members = [m for m in archive.infolist() if not m.is_dir()]
    for member in members:  # every member weighed before any is unpacked
        budget.take(name, member)
    for member in members:
        inner = _member_name(member)
        if inner.startswith(_JUNK) or PurePosixPath(inner).name.startswith(_JUNK_NAMES):
            continue
        try:
            # zipfile stops at the declared size, which was checked above: a member that lies
            # about its size fails its CRC check instead of unpacking further.
            content = archive.read(member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as failure:
            raise UploadError(422, f"{name}：无法解压 {inner}（{failure}）") from None
        if _is_archive(content, inner):
            raise UploadError(422, f"{name}：压缩包中又有压缩包（{inner}），请解开后再上传")
        _weigh_document(f"{name}/{inner}", content, budget)
        yield f"{name}/{inner}", content


def _weigh_document(name: str, data: bytes, budget: _Budget) -> None:
    """An Office document is a zip too: its parts count against the same limits."""
    book = _zip(data)
    for part in book.infolist() if book is not None else []:
        budget.take(name, part)


def _member_name(member: zipfile.ZipInfo) -> str:
    """The member's name; an archive made on a Chinese Windows names its files in GBK without
    saying so, which zipfile decodes as code page 437."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename
