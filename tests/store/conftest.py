"""The stores the store tests run on: the folder, SQLite and a real PostgreSQL.

PostgreSQL is Debian's (``.ci/run`` installs it where it is missing): ``initdb`` and
``pg_ctl`` into a temporary folder, one server for the whole run, listening on a Unix
socket in that folder only. The tests run as root here and PostgreSQL refuses to run as
root, so the server runs as the ``postgres`` system user (``runuser``); without the
binaries or that user the PostgreSQL cases are skipped, with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from legday.commands import db as db_command
from legday.store import FolderStore, SqlStore, Store

REPO = Path(__file__).resolve().parents[2]
PG_BIN = next(
    (p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)),
    Path("/nonexistent"),
)
DEMO = REPO / "data" / "athletes"


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for this run; its URL (an empty database ``legday``)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({PG_BIN}): .ci/run installs it")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: PostgreSQL cannot be started")
    root = Path(tempfile.mkdtemp(prefix="legday-pg-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
    run = lambda *args: subprocess.run(_as_postgres([*args]), check=True, capture_output=True)  # noqa: E731
    run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    options = f"-k {socket} -c listen_addresses='' -c fsync=off -c max_connections=60"
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
        "-w", "start")  # fmt: skip
    try:
        run(str(PG_BIN / "createdb"), "-h", str(socket), "-U", "postgres", "legday")
        yield f"postgresql+psycopg://postgres@/legday?host={socket}"
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                     "stop"]), capture_output=True)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def reset_postgres(url: str) -> None:
    store = SqlStore(url)
    with store.engine.begin() as db:
        db.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.dispose()


@pytest.fixture(params=["folder", "sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    """The demo roster in each store: a copy of the folder, or a database loaded from it."""
    folder = tmp_path / "athletes"
    shutil.copytree(DEMO, folder)
    if request.param == "folder":
        yield FolderStore(folder)
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'legday.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        reset_postgres(url)
    assert db_command.init(url) == 0
    assert db_command.load(url, folder, "test") == 0
    sql = SqlStore(url)
    yield sql
    sql.dispose()
