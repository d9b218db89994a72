"""The one door to data: ``FolderStore`` (a data folder's files) and ``SqlStore`` (the
same athletes in SQLite or PostgreSQL) behind one interface (``base.Store``), so the
pages and the commands never know which they have.

``LEGDAY_DATABASE_URL`` (or a command's ``--db``) picks the database; without it, a
folder. ``replays`` keeps legday's replayed plans between runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from legday.store.base import Checkin, Listing, LogText, Store, stale_message
from legday.store.folder import FolderStore
from legday.store.sql import SqlStore

ENV_DATABASE_URL = "LEGDAY_DATABASE_URL"

__all__ = [
    "ENV_DATABASE_URL",
    "Checkin",
    "FolderStore",
    "Listing",
    "LogText",
    "SqlStore",
    "Store",
    "database_url",
    "open_store",
    "stale_message",
]


def database_url(given: str | None = None, env: Mapping[str, str] | None = None) -> str | None:
    """The database a command or the app reads: ``given`` (``--db``), else
    LEGDAY_DATABASE_URL; None for neither."""
    env = os.environ if env is None else env
    return (given or env.get(ENV_DATABASE_URL, "")).strip() or None


def open_store(where: str | os.PathLike) -> Store:
    """A database URL (``sqlite:///...``, ``postgresql+psycopg://...``) or a folder."""
    text = str(where)
    if "://" in text:
        return SqlStore(text)
    return FolderStore(Path(text))
