"""Read many files: every form that can be read, and one error per file that cannot.

Also runs a per-form job (``check`` uses it) over big batches on every core: a province's
forms arrive by the thousand, and reading (JSON decoding, validation) costs as much as
checking. Work is split into units: a text file, a binary document (Word, PDF, workbook) read
whole, or a slice of the forms of a JSON/YAML document decoded once here. Units go to forked
worker processes, which inherit the decoded data without copying it; results come back in input
order. Two documents are worth the workers already: a PDF page takes a tenth of a second; a
PDF read alone has its pages read on the workers.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from reviewer.errors import InputError
from reviewer.form.model import Form
from reviewer.progress import Progress
from reviewer.readers import detect, document_reader, plugin_for, read_forms, read_forms_from_text
from reviewer.readers.files import Skipped, decode, read_bytes, starts_as_utf8, walk
from reviewer.readers.workers import forked_map

T = TypeVar("T")
SLICE = 250  # forms per unit of work
PARALLEL_FROM = 500  # fewer forms than this are not worth starting workers for


@dataclass
class Batch:
    forms: list[Form] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # files in folders that are not forms


def read_batch(paths: Iterable[str], reader: str | None = None) -> Batch:
    batch = Batch()
    files = []
    for path in walk(paths):
        if isinstance(path, Skipped):
            batch.skipped.append(path)
        else:
            files.append((path, partial(read_forms, path, reader)))
    return read_each(files, batch)


def read_each(files: Iterable[tuple[str, Callable[[], list[Form]]]], batch: Batch | None = None) -> Batch:
    """Read each file (its name, and how to read it) into ``batch``; a file that fails is one
    error, and the others are still read."""
    batch = batch if batch is not None else Batch()
    for path, read in files:
        batch.files += 1
        try:
            batch.forms.extend(read())
        except InputError as error:
            batch.errors.append(error)
        except Exception as error:
            batch.errors.append(InputError(path, f"reader failed ({type(error).__name__}: {error})"))
    return batch


@contextmanager
def collector_paused() -> Iterator[None]:
    # A batch builds hundreds of thousands of objects and frees none until the end; the cyclic
    # garbage collector would rescan the growing heap again and again, for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Unit:
    path: str
    reader: str | None
    forms: list[Any] | None = None  # decoded forms of a JSON/YAML document,
    pieces: list[tuple[int, int]] | None = None  # or where in ``data`` each form lies,
    data: bytes = b""
    text: str | None = None  # or the decoded text of a table or PDF-text file
    offset: int = 0  # index in the document of the first form

    @property
    def document(self) -> bool:
        """A binary document (.docx, .pdf, .xlsx, .xls, a plugin's), read whole in one worker."""
        return self.forms is None and self.pieces is None and self.text is None

    @property
    def size(self) -> int:
        return len(self.forms if self.forms is not None else self.pieces or [None])


def _units(paths: Iterable[str], reader: str | None) -> tuple[list[_Unit | InputError], int, list[Skipped]]:
    """Work units in input order; structured documents are decoded here and sliced."""
    units: list[_Unit | InputError] = []
    files = 0
    skipped: list[Skipped] = []
    for path in walk(paths):
        if isinstance(path, Skipped):
            skipped.append(path)
            continue
        files += 1
        try:
            plugin = plugin_for(path, reader)
            document = plugin.name if plugin else document_reader(path, reader)
            if document is not None:  # read whole, by its reader
                units.append(_Unit(path, document))
                continue
            data = read_bytes(path)
            pieces = _pieces(data) if reader in (None, "json") else None
            if pieces is not None:  # workers decode their own slices
                units += [
                    _Unit(path, "json", pieces=pieces[i : i + SLICE], data=data, offset=i)
                    for i in range(0, len(pieces), SLICE)
                ]
                continue
            text = decode(data, path)
            kind = reader or detect(text, path)
            if kind not in ("json", "yaml"):
                units.append(_Unit(path, kind, text=text))
                continue
            from reviewer.readers.canonical import decode_document

            forms = decode_document(text, path, kind)
            units += [_Unit(path, kind, forms[i : i + SLICE], offset=i) for i in range(0, len(forms), SLICE)]
        except InputError as error:
            units.append(error)
    return units, files, skipped


def _pieces(data: bytes) -> list[tuple[int, int]] | None:
    """Where each form of a pretty-printed UTF-8 JSON batch lies, if it is one."""
    if not data.startswith((b"{", b"\xef\xbb\xbf{")) or not starts_as_utf8(data):
        return None
    from reviewer.readers.canonical import split_document

    return split_document(data)


def _worth_workers(units: list[_Unit | InputError]) -> bool:
    """Whether the batch is big enough to pay for starting workers: many forms of text, or two
    documents (a Word or PDF file costs a tenth of a second or more, a workbook more)."""
    read = [u for u in units if isinstance(u, _Unit)]
    documents = sum(1 for u in read if u.document)
    return documents >= 2 or sum(u.size for u in read) >= PARALLEL_FROM


def _apply(unit: _Unit | InputError, job: Callable[[Form], T], page_jobs: int = 1) -> list[T] | InputError:
    """``job`` over the unit's forms; a PDF's pages read on ``page_jobs`` processes."""
    if isinstance(unit, InputError):
        return unit
    try:
        if unit.text is not None:
            forms = read_forms_from_text(unit.text, unit.path, unit.reader)
        elif unit.document and unit.reader == "pdf" and page_jobs > 1:
            from reviewer.readers import pdf

            forms = pdf.read(unit.path, jobs=page_jobs)
        elif unit.document:
            forms = read_forms(unit.path, unit.reader)
        else:
            from reviewer.readers.canonical import decode_piece, forms_from_data

            data = (
                unit.forms
                if unit.forms is not None
                else [decode_piece(unit.data, start, end, unit.path) for start, end in unit.pieces or []]
            )
            forms = forms_from_data(data, unit.path, unit.reader or "json", unit.offset)
        return [job(form) for form in forms]
    except InputError as error:
        return error
    except Exception as error:
        return InputError(unit.path, f"reader failed ({type(error).__name__}: {error})")


@dataclass
class Mapped(Generic[T]):
    """What ``map_forms`` gives: the job's results in input order, one error per file that could
    not be read, how many files were read, and the files in folders that were not forms."""

    results: list[T]
    errors: list[InputError]
    files: int
    skipped: list[Skipped]


def map_forms(
    paths: Iterable[str],
    job: Callable[[Form], T],
    reader: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Mapped[T]:
    """``job(form)`` for every form in ``paths``, in order, on up to ``jobs`` processes; with the
    errors of the files that could not be read (a file with one bad slice is wholly unread).
    ``progress`` is told of each unit of work: a file, or a slice of a big JSON batch."""
    with collector_paused():
        units, files, skipped = _units(paths, reader)
        results = _map_units(units, job, jobs or os.cpu_count() or 1, progress)
    done: list[T] = []
    errors: dict[str, InputError] = {}
    per_file: dict[str, list[T]] = {}
    for unit, result in zip(units, results):
        if isinstance(result, InputError):
            errors.setdefault(result.path, result)
        else:
            assert isinstance(unit, _Unit)
            per_file.setdefault(unit.path, []).extend(result)
    for path, items in per_file.items():
        if path not in errors:
            done.extend(items)
    return Mapped(done, list(errors.values()), files, skipped)


def _map_units(
    units: list[_Unit | InputError], job: Callable[[Form], T], jobs: int, progress: Progress | None
) -> list[list[T] | InputError]:
    if len(units) == 1:  # a PDF read alone has its pages read on the workers
        return forked_map(lambda _: _apply(units[0], job, page_jobs=jobs), 1, 1, progress)
    workers = jobs if _worth_workers(units) else 1
    return forked_map(lambda index: _apply(units[index], job), len(units), workers, progress)
