"""A SQLite cache of accepted answers, and what each endpoint and model accepts.

Keyed on a versioned hash of everything that decides an answer: endpoint, model, the rendered
messages, the schema, the structured-output mode and every sampling parameter (None for one
left unset, never confused with 0). Only accepted answers are stored, so a second identical
run sends no request and an interrupted batch resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

KEY_VERSION = "v1:"


def cache_dir() -> Path:
    explicit = os.environ.get("REVIEWER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reviewer"


def cache_key(parts: dict[str, Any]) -> str:
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return KEY_VERSION + hashlib.blake2b(canonical.encode("utf-8"), digest_size=20).hexdigest()


class Cache:
    def __init__(self, path: Path | None = None, enabled: bool = True):
        self.enabled = enabled
        self.path = path or cache_dir() / "cache.sqlite3"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            # Write-ahead, synced at checkpoints: an answer stored costs microseconds, not a disk
            # flush (2 ms) each. A crash of the process loses nothing committed; one of the
            # machine may lose the last answers, which are asked again, and never corrupts the file.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, task TEXT, model TEXT, "
                "answer TEXT, created TEXT DEFAULT CURRENT_TIMESTAMP)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS modes (endpoint TEXT, model TEXT, mode TEXT, PRIMARY KEY (endpoint, model))"
            )
        return self._db

    def get(self, key: str) -> str | None:
        if not self.enabled:
            return None
        with self._lock:
            row = self._connect().execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, task: str, model: str, answer: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            db = self._connect()
            db.execute(
                "INSERT OR REPLACE INTO answers (key, task, model, answer) VALUES (?, ?, ?, ?)",
                (key, task, model, answer),
            )
            db.commit()

    def mode(self, endpoint: str, model: str) -> str | None:
        with self._lock:
            row = (
                self._connect()
                .execute("SELECT mode FROM modes WHERE endpoint = ? AND model = ?", (endpoint, model))
                .fetchone()
            )
        return row[0] if row else None

    def remember_mode(self, endpoint: str, model: str, mode: str) -> None:
        with self._lock:
            db = self._connect()
            db.execute("INSERT OR REPLACE INTO modes (endpoint, model, mode) VALUES (?, ?, ?)", (endpoint, model, mode))
            db.commit()
