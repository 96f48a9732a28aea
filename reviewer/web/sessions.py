"""Review sessions: an upload read and checked, its drafts written, the reviewer's edits kept,
and the batch exported with the reviewer's texts. Everything is computed by the public API
(``reviewer.read_many``, ``check``, ``review``) and written by the report writers; this
module only keeps the state between requests.

Drafting runs once per upload: at once with the offline backend (a template costs nothing),
in a background thread with a model, whose progress the pages show. A form's rows and the
session's findings are computed again from the stored files when a process first needs them
(after a restart, or in another worker), and kept in memory for the next request.
"""

from __future__ import annotations

import io
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

import reviewer
from reviewer.config import Config
from reviewer.llm.backends import Backend, BackendOptions, make_backend
from reviewer.llm.review import ConsistencyCheck, Decision, Explanation, FormComment, Reviewed, ReviewResult
from reviewer.readers import document_reader
from reviewer.reports.readermessages import error_text
from reviewer.rules.results import CheckResult
from reviewer.web.store import COMMENT, Session, Store, Text
from reviewer.web.uploads import UploadError

ACTIONS = ("edit", "accept", "reject")
KEPT_IN_MEMORY = 16  # sessions whose forms a process keeps read and checked


@dataclass
class Loaded:
    session: Session
    batch: reviewer.Batch
    result: CheckResult


@dataclass
class Item(Explanation):
    """A row's draft or critique as the reviewer has it: ``text`` is the reviewer's current
    text, ``draft`` what the backend wrote, ``state`` pending, edited, accepted or rejected."""

    item: int = 0
    draft: str = ""
    state: str = "pending"
    updated: str | None = None

    @classmethod
    def of(cls, text: Text) -> Item:
        written = dict(text.draft)
        draft = written.pop("text")
        written.pop("decision", None)
        item = cls(**written, text=text.text, item=text.item, draft=draft, state=text.state, updated=text.updated)
        item.decision = _decision(text)
        return item


def _comment(text: Text) -> FormComment:
    """The form's 审核意见 as the reviewer has it: ``status`` stays the backend's, whose checks
    never saw the reviewer's text, and ``decision`` says what they made of it."""
    return FormComment(text.draft["status"], text.text, text.draft.get("problems", []), _decision(text))


def _decision(text: Text) -> Decision | None:
    """What the exports say of a text: the reviewer's own (edited), the backend's accepted as
    written, or nobody's decision yet."""
    if text.state in ("edited", "accepted") and text.text != text.draft["text"]:
        return "edited"
    return "accepted" if text.state == "accepted" else None


@dataclass
class Sessions:
    store: Store
    config: Config
    backend_name: str = "auto"
    _memory: OrderedDict[str, tuple[reviewer.Batch, CheckResult]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def lang(self) -> str:
        return self.config.lang

    @cached_property
    def model(self) -> bool:
        """Whether a model writes the drafts (otherwise the offline templates do)."""
        return self.backend().name != "offline"

    def backend(self, cache: bool = True, progress: Any = None) -> Backend:
        """The backend the command line would use: a model when one is configured in the environment."""
        return make_backend(self.backend_name, BackendOptions(cache=cache, progress=progress))

    # --- an upload -------------------------------------------------------------------------

    def create(self, files: Sequence[tuple[str, bytes]]) -> Session:
        """A session for an upload whose files hold at least one form; drafting is started."""
        batch, result = self.read(files)
        session = self.store.create(files, json.dumps(result.to_dict(self.lang), ensure_ascii=False), self.lang)
        self._remember(session.id, batch, result)
        self.draft(session.id)
        return session

    def read(self, files: Sequence[tuple[str, bytes]]) -> tuple[reviewer.Batch, CheckResult]:
        """The forms of the files, checked; an upload with no form in it is refused."""
        batch = reviewer.read_many(files)
        if not batch.forms:
            reasons = "；".join(error_text(error, self.lang) for error in batch.errors)
            raise UploadError(422, f"没有读到任何自评表：{reasons}")
        return batch, reviewer.check(batch, self.config)

    def load(self, id: str) -> Loaded | None:
        session = self.store.session(id)
        if session is None:
            return None
        with self._lock:
            kept = self._memory.get(id)
            if kept is not None:
                self._memory.move_to_end(id)
        if kept is None:
            kept = self.read(self.store.files(id))
            self._remember(id, *kept)
        return Loaded(session, *kept)

    def _remember(self, id: str, batch: reviewer.Batch, result: CheckResult) -> None:
        with self._lock:
            self._memory[id] = (batch, result)
            while len(self._memory) > KEPT_IN_MEMORY:
                self._memory.popitem(last=False)

    # --- drafting --------------------------------------------------------------------------

    def draft(self, id: str) -> None:
        """Write every draft, critique and 审核意见 of the session (again)."""
        self.store.set_status(id, "drafting")
        progress = _Progress(self.store, id)
        try:
            backend = self.backend(progress=progress)
        except ValueError as failure:  # a model configured wrongly: say so on the page
            self.store.set_status(id, "failed", str(failure))
            return
        if backend.name == "offline":
            self._draft(id, backend)
        else:
            # A daemon: stopping the server does not wait for the model. A session it leaves
            # drafting shows as stalled after a while, and is drafted again on request.
            threading.Thread(target=self._draft, args=(id, backend), name=f"drafting-{id}", daemon=True).start()

    def _draft(self, id: str, backend: Backend) -> None:
        try:
            loaded = self.load(id)
            assert loaded is not None
            result = reviewer.review(loaded.batch, backend=backend, config=self.config)
        except Exception as failure:  # the page shows why, and offers to draft again
            self.store.set_status(id, "failed", f"{type(failure).__name__}: {failure}")
            return
        for n, reviewed in enumerate(result.forms):
            # How the reports name each row is kept with the draft: the JSON of an explanation,
            # a public contract, does not carry it.
            drafts = [{**e.as_json(), "subject": e.subject} for e in reviewed.explanations]
            comment = reviewed.comment.as_json() if reviewed.comment is not None else None
            consistency = reviewed.consistency.as_json() if reviewed.consistency is not None else None
            self.store.save_drafts(id, n, drafts, comment, consistency)
        self.store.set_status(id, "done")

    def redraft(self, loaded: Loaded, form: int, item: int) -> Text | None:
        """Ask the model again (not its cache) for one row's draft or critique, or the form's 审核意见."""
        text = self.store.texts(loaded.session.id).get((form, item))
        if text is None or form >= len(loaded.batch.forms):
            return None
        subject = loaded.batch.forms[form]
        backend = self.backend(cache=False)
        if item == COMMENT:
            result = reviewer.review([subject], backend=backend, config=self.config, rows=lambda row: False)
            drafted = result.forms[0].comment
            assert drafted is not None  # mode "review" always asks for the 审核意见
            written = drafted.as_json()
        else:
            target = next(
                (r for r in subject.indicators if r.name == text.draft["indicator"] and r.line == text.draft["line"]),
                None,
            )
            if target is None:
                return None
            mode = text.draft["mode"]
            result = reviewer.review(
                [subject], backend=backend, mode=mode, config=self.config, all_rows=True, rows=lambda row: row is target
            )
            [explanation] = result.forms[0].explanations
            written = {**explanation.as_json(), "subject": explanation.subject}
        return self.store.update(loaded.session.id, form, item, "redraft", written["text"] or "", "pending", written)

    # --- the reviewer's edits --------------------------------------------------------------

    def edit(self, id: str, form: int, item: int, action: str, text: str | None) -> Text | None:
        """Edit, accept or reject a text; None when the session has no such item."""
        current = self.store.texts(id).get((form, item))
        if current is None:
            return None
        new = current.text if text is None else text
        if action == "accept":
            state = "accepted"
        elif action == "reject":
            state = "rejected"
        else:
            state = "pending" if new == current.draft["text"] else "edited"
        return self.store.update(id, form, item, action, new, state)

    def reviews(self, loaded: Loaded, rejected: bool = True) -> list[Reviewed]:
        """Each form's findings with the reviewer's texts; ``rejected``: with the rejected ones
        (the pages show them, the exports leave them out)."""
        texts = self.store.texts(loaded.session.id)
        checks = self.store.consistency(loaded.session.id)
        reviews = []
        for n, result in enumerate(loaded.result.form_results):
            kept = [t for (f, i), t in texts.items() if f == n and (rejected or t.state != "rejected")]
            comment = next((t for t in kept if t.item == COMMENT), None)
            check = checks.get(n)
            reviews.append(
                Reviewed(
                    result,
                    [Item.of(t) for t in kept if t.item != COMMENT],
                    _comment(comment) if comment is not None else None,
                    ConsistencyCheck(**check) if check is not None else None,
                )
            )
        return reviews

    # --- exports ---------------------------------------------------------------------------

    def export(self, loaded: Loaded, kind: str) -> bytes:
        """The batch with the reviewer's texts: ``html``, ``xlsx`` or ``json``."""
        reviews = self.reviews(loaded, rejected=False)
        if kind == "html":
            from reviewer.reports.html import render_html

            return render_html(loaded.result, self.lang, reviews).encode("utf-8")
        if kind == "xlsx":
            from reviewer.reports.xlsx import write_workbook

            book = io.BytesIO()
            write_workbook(loaded.result, book, self.lang, reviews)
            return book.getvalue()
        batch = ReviewResult("review", reviews, loaded.result.errors, loaded.result.files)
        return (json.dumps(batch.to_dict(self.lang), ensure_ascii=False) + "\n").encode("utf-8")

    # ----------------------------------------------------------------------------------------
    def docx_files(self, loaded: Loaded) -> list[tuple[int, str]]:
        """The uploaded Word files (by content) that can be given back with drafts and comments."""
        return [(n, name) for n, (name, _) in self._word_files(loaded)]

    def docx_export(self, loaded: Loaded, n: int) -> tuple[str, bytes] | None:
        """Uploaded file ``n`` with the drafts and comments in it, named as the commands name it
        in a folder (``-o 审核/`` gives ``自评表-审核.docx``); None unless it is a Word file."""
        found = dict(self._word_files(loaded)).get(n)
        if found is None:
            return None
        name, data = found
        from reviewer.reports.docx import REPORT_SUFFIX, write_docx

        document = write_docx(data, name, loaded.result, self.reviews(loaded, rejected=False), self.lang)
        return PurePosixPath(name).stem + REPORT_SUFFIX, document  # an archive's member: 表.zip/自评表/x.docx

    def _word_files(self, loaded: Loaded) -> list[tuple[int, tuple[str, bytes]]]:
        """(number, (name, bytes)) of each uploaded Word file whose forms were read."""
        read = {r.source for r in loaded.result.form_results}
        return [
            (n, (name, data))
            for n, (name, data) in enumerate(self.store.files(loaded.session.id))
            if name in read and document_reader(name, None, data) == "docx"
        ]


class _Progress:
    """How far a model has got, on the session's page."""

    def __init__(self, store: Store, id: str):
        self.store, self.id, self.done, self.total = store, id, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        self.store.set_status(self.id, "drafting", f"0/{total}")

    def advance(self) -> None:
        self.done += 1
        self.store.set_status(self.id, "drafting", f"{self.done}/{self.total}")
