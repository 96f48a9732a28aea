"""Read many files: every form that can be read, and one error per file that cannot."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import InputError
from .model import Form
from .readers import read_forms
from .sources import expand_paths


@dataclass
class Batch:
    forms: list[Form] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0


def read_batch(paths: Iterable[str], reader: str | None = None) -> Batch:
    batch = Batch()
    for path in expand_paths(paths):
        batch.files += 1
        try:
            batch.forms.extend(read_forms(path, reader))
        except InputError as error:
            batch.errors.append(error)
        except Exception as error:  # noqa: BLE001 - one unreadable file must not stop the batch
            batch.errors.append(InputError(path, f"reader failed ({type(error).__name__}: {error})"))
    return batch
