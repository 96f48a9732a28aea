"""The app's state, in one SQLite file in the user's data folder: every review session with its
uploaded files, its findings, the drafts and critiques the backend wrote, the reviewer's
current text of each, and every edit with its time. A session survives a restart; several
worker processes share the file (WAL journal, waits on a lock rather than failing).

The data folder: ``$REVIEWER_DATA_DIR``, else ``$XDG_DATA_HOME/reviewer`` (``~/.local/share``)
on Linux, ``%LOCALAPPDATA%\\reviewer`` on Windows, ``~/Library/Application Support/reviewer``
on macOS. The uploads are kept in the database itself: the app writes no other file.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

COMMENT = -1  # the item number of a form's 审核意见; a row's draft or critique counts from 0
STALLED_AFTER = timedelta(minutes=10)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, created TEXT NOT NULL, csrf TEXT NOT NULL, lang TEXT NOT NULL,
    status TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL,
    findings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    name TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (session, n));
CREATE TABLE IF NOT EXISTS forms (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    consistency TEXT, PRIMARY KEY (session, n));
CREATE TABLE IF NOT EXISTS texts (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, form INTEGER NOT NULL,
    item INTEGER NOT NULL, draft TEXT NOT NULL, text TEXT NOT NULL, state TEXT NOT NULL,
    updated TEXT, PRIMARY KEY (session, form, item));
CREATE TABLE IF NOT EXISTS edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, form INTEGER NOT NULL,
    item INTEGER NOT NULL, action TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL);
"""


def data_dir() -> Path:
    explicit = os.environ.get("REVIEWER_DATA_DIR")
    if explicit:
        return Path(explicit)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "reviewer"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "reviewer"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "reviewer"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Session:
    id: str
    created: str
    csrf: str
    lang: str
    status: str  # drafting, done or failed
    detail: str  # why drafting failed, or how far it has got
    updated: str
    findings: str  # the JSON of `reviewer check --format json` at upload

    @property
    def stalled(self) -> bool:
        """Drafting that has not moved for ten minutes: its process was stopped (a restart)."""
        since = datetime.now(UTC) - datetime.fromisoformat(self.updated)
        return self.status == "drafting" and since > STALLED_AFTER


@dataclass(frozen=True)
class Text:
    """One draft, critique or 审核意见: what the backend wrote (``draft``, the JSON of an
    explanation, or of the comment and its problems), the reviewer's text and what they decided."""

    form: int
    item: int
    draft: dict[str, Any]
    text: str
    state: str  # pending, edited, accepted or rejected
    updated: str | None


@dataclass(frozen=True)
class Edit:
    form: int
    item: int
    action: str
    text: str
    at: str


class Store:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        # A connection per use: the app answers on many threads (and processes), and opening
        # a SQLite file costs microseconds.
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA foreign_keys=ON")
            with db:  # one transaction
                yield db
        finally:
            db.close()

    def create(self, files: Sequence[tuple[str, bytes]], findings: str, lang: str) -> Session:
        session = Session(
            secrets.token_urlsafe(16), now(), secrets.token_urlsafe(24), lang, "drafting", "", now(), findings
        )
        with self._db() as db:
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session.id,
                    session.created,
                    session.csrf,
                    session.lang,
                    session.status,
                    session.detail,
                    session.updated,
                    session.findings,
                ),
            )
            db.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?)",
                [(session.id, n, name, data) for n, (name, data) in enumerate(files)],
            )
        return session

    def session(self, id: str) -> Session | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM sessions WHERE id = ?", (id,)).fetchone()
        return Session(*row) if row else None

    def files(self, id: str) -> list[tuple[str, bytes]]:
        with self._db() as db:
            return [
                (name, bytes(data))
                for name, data in db.execute("SELECT name, data FROM files WHERE session = ? ORDER BY n", (id,))
            ]

    def set_status(self, id: str, status: str, detail: str = "") -> None:
        with self._db() as db:
            db.execute(
                "UPDATE sessions SET status = ?, detail = ?, updated = ? WHERE id = ?", (status, detail, now(), id)
            )

    def save_drafts(
        self,
        id: str,
        form: int,
        explanations: Sequence[dict[str, Any]],
        comment: dict[str, Any] | None,
        consistency: dict[str, Any] | None,
    ) -> None:
        """What the backend wrote for one form: each row's draft or critique (an explanation's
        JSON), the 审核意见 and the consistency check (their status, text or contradictions, and
        problems); the reviewer's texts start as these."""
        items = [*enumerate(explanations), *([(COMMENT, comment)] if comment is not None else [])]
        with self._db() as db:
            db.execute("DELETE FROM texts WHERE session = ? AND form = ?", (id, form))
            db.execute(
                "INSERT OR REPLACE INTO forms VALUES (?, ?, ?)",
                (id, form, json.dumps(consistency, ensure_ascii=False) if consistency is not None else None),
            )
            db.executemany(
                "INSERT INTO texts VALUES (?, ?, ?, ?, ?, 'pending', NULL)",
                [(id, form, item, _json(draft), draft["text"]) for item, draft in items],
            )

    def texts(self, id: str) -> dict[tuple[int, int], Text]:
        with self._db() as db:
            rows = db.execute(
                "SELECT form, item, draft, text, state, updated FROM texts WHERE session = ? ORDER BY form, item",
                (id,),
            ).fetchall()
        return {(form, item): Text(form, item, json.loads(draft), text, d, u) for form, item, draft, text, d, u in rows}

    def consistency(self, id: str) -> dict[int, dict[str, Any] | None]:
        """Each form's consistency check as the backend answered it (None: none was asked)."""
        with self._db() as db:
            rows = db.execute("SELECT n, consistency FROM forms WHERE session = ?", (id,)).fetchall()
        return {n: json.loads(check) if check is not None else None for n, check in rows}

    def update(
        self, id: str, form: int, item: int, action: str, text: str, state: str, draft: dict | None = None
    ) -> Text | None:
        """Set an item's text and state (and, drafted again, what the backend wrote), and
        log the edit; None when the session has no such item."""
        at = now()
        with self._db() as db:
            changed = db.execute(
                "UPDATE texts SET text = ?, state = ?, updated = ?, draft = COALESCE(?, draft) "
                "WHERE session = ? AND form = ? AND item = ?",
                (text, state, at, _json(draft) if draft is not None else None, id, form, item),
            ).rowcount
            if not changed:
                return None
            db.execute(
                "INSERT INTO edits (session, form, item, action, text, at) VALUES (?, ?, ?, ?, ?, ?)",
                (id, form, item, action, text, at),
            )
            row = db.execute(
                "SELECT draft FROM texts WHERE session = ? AND form = ? AND item = ?", (id, form, item)
            ).fetchone()
        return Text(form, item, json.loads(row[0]), text, state, at)

    def edits(self, id: str, form: int | None = None) -> list[Edit]:
        query = "SELECT form, item, action, text, at FROM edits WHERE session = ?"
        arguments: tuple = (id,)
        if form is not None:
            query, arguments = query + " AND form = ?", (id, form)
        with self._db() as db:
            return [Edit(*row) for row in db.execute(query + " ORDER BY id", arguments)]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
