"""The public API: read forms, check them, review them. The command line and the web app are
clients of these functions and nothing more; other systems call them the same way.

    import reviewer
    forms = reviewer.read("自评表.xlsx")
    result = reviewer.check(forms)
    result.to_dict()        # the JSON of `reviewer check --format json`
    reviewed = reviewer.review(forms)    # offline templates unless a backend is given

A batch of uploads (name and bytes each) is read with ``read_many``; ``check`` and ``review``
take the ``Batch`` it gives, keeping the files that could not be read among the errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeAlias

from reviewer.config import Config
from reviewer.errors import InputError
from reviewer.form.model import Form, Indicator
from reviewer.progress import Progress
from reviewer.readers import read_forms, read_forms_from_bytes
from reviewer.readers.batch import Batch, map_forms, read_batch, read_each
from reviewer.rules.engine import check_form, select_rules
from reviewer.rules.results import CheckResult, FormResult, Rendered

if TYPE_CHECKING:  # the model's half is imported by `review`, not by `check` (0.2 s of start-up)
    from reviewer.llm.backends import Backend
    from reviewer.llm.review import Mode, ReviewResult

PathLike: TypeAlias = str | os.PathLike[str]
Forms: TypeAlias = Sequence[Form] | Batch | PathLike | Iterable[PathLike]


def read(source: PathLike | bytes, *, reader: str | None = None, name: str = "<bytes>") -> list[Form]:
    """Every form in a file (a path) or in a file's bytes (named ``name`` in messages).

    The reader is chosen by the content unless ``reader`` names one. Raises ``InputError``
    with the one-line reason the command line prints when the file cannot be read."""
    if isinstance(source, bytes):
        return read_forms_from_bytes(source, name, reader)
    return read_forms(os.fspath(source), reader)


def read_many(files: Iterable[tuple[str, bytes]], *, reader: str | None = None) -> Batch:
    """Every form in many files' bytes, each given with its name: the forms read, one error per
    file that could not be read (the others are still read), and how many files there were."""
    return read_each(((name, partial(read, data, reader=reader, name=name)) for name, data in files))


def check(
    forms: Forms,
    config: Config | None = None,
    *,
    reader: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Run the rule catalogue over forms (as ``read`` or ``read_many`` give them) or over files and folders.

    Files that cannot be read become ``result.errors`` and the others are checked, as the
    command line does; forms keep their ``Form`` on each result, for the HTML and Excel reports.
    ``config`` defaults to the built-in settings (``reviewer.load_config()`` reads a reviewer.toml).
    Files are read and checked on up to ``jobs`` forked processes (one per CPU by default) when
    that pays: a big batch, two documents or more, the pages of one PDF. A caller whose other
    threads a fork would copy mid-work (a threaded server) passes ``jobs=1``. ``progress``
    (anything with ``start(total)`` and ``advance()``) is told of each file as it is checked."""
    config = config or Config()
    given, paths = _forms_or_paths(forms)
    if given is None:
        return check_paths(paths or [], config, reader, jobs, keep_forms=True, progress=progress)
    rules = select_rules(config.select, config.ignore)
    results: list[FormResult | Rendered] = [
        FormResult.of(form, check_form(form, config, rules), keep_form=True) for form in given.forms
    ]
    return CheckResult(forms=results, errors=given.errors, files=given.files)


def check_paths(
    paths: Iterable[str],
    config: Config,
    reader: str | None = None,
    jobs: int | None = None,
    fragment: Callable[[FormResult], str] | None = None,
    keep_forms: bool = False,
    progress: Progress | None = None,
) -> CheckResult:
    """Check every form in ``paths`` (files or folders), on up to ``jobs`` processes.

    With ``fragment``, each form's result is rendered where it was checked and the result holds
    ``Rendered`` fragments (a 10,000-form batch sends strings back, not objects); ``keep_forms``
    keeps each form with its result, for the reports that lay the form out. ``progress`` is told
    how many files (or slices of a big JSON batch) there are, then of each one checked."""
    rules = select_rules(config.select, config.ignore)
    job = partial(_check_one, config=config, rules=rules, fragment=fragment, keep_form=keep_forms)
    mapped = map_forms(paths, job, reader, jobs, progress)
    return CheckResult(forms=mapped.results, errors=mapped.errors, files=mapped.files, skipped=mapped.skipped)


def _check_one(form: Form, config: Config, rules, fragment, keep_form: bool) -> FormResult | Rendered:
    result = FormResult.of(form, check_form(form, config, rules), keep_form)
    return Rendered(fragment(result), result.tally) if fragment else result


def review(
    forms: Forms,
    *,
    backend: Backend | None = None,
    mode: Mode = "review",
    config: Config | None = None,
    all_rows: bool = False,
    limit: int = 200,
    reader: str | None = None,
    rows: Callable[[Indicator], bool] | None = None,
) -> ReviewResult:
    """Check the forms and ask ``backend`` (the offline one when none is given) for the drafts
    (``mode="draft"``), the critiques (``"critique"``) or both and each form's 审核意见 (``"review"``).

    ``all_rows`` drafts every deducted row, explained or not; ``limit`` is the longest text
    accepted, in characters; ``rows`` picks the deducted rows to ask about (a row to draft
    again), all of them by default."""
    from reviewer.llm.review import ReviewResult, plan_form, run_plans

    config = config or Config()
    given, paths = _forms_or_paths(forms)
    batch = read_batch(paths or [], reader) if given is None else given
    if backend is None:
        from reviewer.llm.backends.offline import OfflineBackend

        backend = OfflineBackend()
    plans = [plan_form(form, config, mode, all_rows, limit, rows=rows) for form in batch.forms]
    reviewed = run_plans(batch.forms, plans, backend) if batch.forms else []
    return ReviewResult(mode, reviewed, batch.errors, batch.files, batch.skipped)


def _forms_or_paths(forms: Forms) -> tuple[Batch, None] | tuple[None, list[str]]:
    """The forms given (as a batch), or the paths given (a single path counts as a list of one)."""
    if isinstance(forms, Batch):
        return forms, None
    if isinstance(forms, (str, os.PathLike)):
        return None, [os.fspath(forms)]
    items = list(forms)
    if all(isinstance(item, Form) for item in items):
        given = [item for item in items if isinstance(item, Form)]
        return Batch(forms=given, files=_files_of(given)), None
    if any(isinstance(item, Form) for item in items):
        raise TypeError("give forms or paths, not both")
    return None, [os.fspath(item) for item in items if isinstance(item, (str, os.PathLike))]


def _files_of(forms: Sequence[Form]) -> int:
    """How many files the forms were read from: a workbook's sheets (``book.xlsx[sheet]``) are one."""
    return len({form.source.file for form in forms if form.source is not None})


__all__ = ["Batch", "InputError", "check", "check_paths", "read", "read_many", "review"]
