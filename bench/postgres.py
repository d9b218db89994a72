"""A throwaway PostgreSQL server: the suite's (tests/conftest.py) and the scale
benchmark's (bench/scale.py), made the same way.

Debian's server binaries, a new cluster in a temporary folder, reachable on a Unix
socket only; run as the ``postgres`` user when this process is root (PostgreSQL
refuses to run as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The newest installed server's binaries, or None.
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)


def as_postgres(args: list[str]) -> list[str]:
    """``args`` run as the postgres user when this process is root."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def throwaway_postgres(
    databases: list[str], settings: str = "", stop: str = "fast", prefix: str = "legday-pg-"
) -> Iterator[dict[str, str]]:
    """A server started for the caller, with ``settings`` (``-c name=value ...``) and
    empty ``databases``; yields {name: URL}, then stops (``stop``: pg_ctl's mode) and
    removes it. Needs PG_BIN."""
    assert PG_BIN is not None, "PostgreSQL is not installed (/usr/lib/postgresql/*/bin)"
    root = Path(tempfile.mkdtemp(prefix=prefix))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")

    def run(*args: str) -> None:
        subprocess.run(as_postgres([*args]), check=True, capture_output=True)

    run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    options = f"-k {socket} -c listen_addresses='' {settings}".strip()
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w",
        "start")  # fmt: skip
    try:
        for name in databases:
            run(str(PG_BIN / "createdb"), "-h", str(socket), "-U", "postgres", name)
        yield {name: f"postgresql+psycopg://postgres@/{name}?host={socket}" for name in databases}
    finally:
        subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", stop,
                                    "stop"]), capture_output=True)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)
