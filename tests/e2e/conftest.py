"""End-to-end fixtures: a real ``streamlit run`` server and a headless Debian Chromium.

One demo server and one writable-folder server per test session (each started on a
free loopback port and killed at the end), one browser per session, and the two
helpers every e2e test uses: ``wait_ready(page)`` (the page has finished drawing) and
``assert_no_errors(page)`` (no exception box, no ``st.error``).

``LEGDAY_E2E_STORE=sqlite`` serves every data folder a test starts a server on from a
SQLite database instead, loaded from that folder with ``python -m legday db init`` and
``db load`` (LEGDAY_DATABASE_URL; the demo servers stay the demo). Tests read what the
app wrote through ``Server.read``, ``Server.plans`` and ``Server.audit``, the same on
both stores.

Chromium missing: the tests skip on a developer machine but FAIL when ``CI`` is set,
so CI can never pass by skipping them (see docs/testing.md and .ci/run).
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from legday.store import FolderStore, SqlStore, Store

REPO = Path(__file__).resolve().parents[2]
#: "folder" (default) or "sqlite": the store the data-folder servers are served from.
STORE = os.environ.get("LEGDAY_E2E_STORE", "folder").strip() or "folder"
SCREENSHOTS = REPO / "tests" / "e2e" / "screenshots"
#: The first page load on a slow shared 2-core machine can take tens of seconds.
FIRST_LOAD_MS = 60_000
READY_MS = 60_000
HEALTH_TIMEOUT_S = 90.0
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/e2e is an e2e test (``-m "not e2e"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.legday_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """A failed test leaves a picture of every open page: FAILED-<test>-<n>.png."""
    yield
    if not getattr(request.node, "legday_failed", False):
        return
    if "browser" not in request.fixturenames:
        return
    instance = request.getfixturevalue("browser")
    shots = [pg for ctx in instance.contexts for pg in ctx.pages]
    for number, pg in enumerate(shots):
        with contextlib.suppress(Exception):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in request.node.name)
            pg.screenshot(path=str(SCREENSHOTS / f"FAILED-{name[:80]}-{number}.png"))


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


# ----------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run app.py``; ``log`` holds its stdout and stderr."""

    proc: subprocess.Popen
    port: int
    log: Path
    data_dir: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    database: str | None = None  # the SQLite URL the data folder was loaded into

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def save_label(self) -> str:
        """The Log page's save button on this server's store."""
        return "Save to the database" if self.database else "Save to the data folder"

    def store(self) -> Store:
        """The store this server writes (the caller disposes of a SqlStore's engine)."""
        if self.database:
            return SqlStore(self.database)
        assert self.data_dir is not None
        return FolderStore(self.data_dir)

    def read(self, name: str) -> bytes | None:
        """A file of the data folder as the app wrote it (its relative name)."""
        if not self.database:
            path = self.data_dir / name
            return path.read_bytes() if path.is_file() else None
        from legday.store import schema

        store = SqlStore(self.database)
        with store.engine.connect() as db:
            table = schema.files
            data = db.execute(select_data(table, name)).scalar()
        store.dispose()
        return bytes(data) if data is not None else None

    def plans(self, athlete_id: str) -> dict[str, bytes]:
        """The athlete's saved plans, by file name (``2026-12-07.csv``)."""
        if not self.database:
            folder = self.data_dir / "plans" / athlete_id
            return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}
        from legday.store import schema

        store = SqlStore(self.database)
        with store.engine.connect() as db:
            table = schema.plans
            rows = db.execute(
                table.select().where(table.c.athlete_id == athlete_id).order_by(table.c.week_of)
            ).all()
        store.dispose()
        return {f"{r.week_of.isoformat()}.csv": bytes(r.data) for r in rows}

    def audit(self) -> list[list[str]]:
        """Each write's (who, athlete, what, detail), oldest first."""
        if not self.database:
            path = self.data_dir / ".legday-audit.csv"
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            return [row[1:5] for row in csv.reader(text.splitlines())]
        from legday.store import schema

        store = SqlStore(self.database)
        with store.engine.connect() as db:
            table = schema.audit
            rows = db.execute(table.select().order_by(table.c.id)).all()
        store.dispose()
        return [[r.who, r.athlete_id or "", r.action, r.detail] for r in rows if r.action != "load"]

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def select_data(table, name: str):
    return table.select().with_only_columns(table.c.data).where(table.c.name == name)


def load_database(data_dir: Path) -> str:
    """A SQLite database beside ``data_dir``, loaded from it the way a coach does
    (``python -m legday db init``, then ``db load``); its URL."""
    url = f"sqlite:///{data_dir.parent / (data_dir.name + '.db')}"
    for args in (["init"], ["load", str(data_dir)]):
        done = subprocess.run(
            [sys.executable, "-m", "legday", "db", *args, "--db", url],
            cwd=REPO, capture_output=True, text=True, timeout=HEALTH_TIMEOUT_S,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"legday db {args[0]} failed:\n{done.stderr}")
    return url


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError, TimeoutError):
        return False


def start_server(
    log: Path,
    data_dir: Path | None = None,
    cwd: Path = REPO,
    today: str | None = None,
    secrets: Path | None = None,
    store: str | None = None,
    database: str | None = None,
) -> Server:
    """Start the app (``cwd``/app.py) on a free loopback port; wait, bounded, for health.

    ``data_dir`` is served as a data folder, or, with ``store`` "sqlite" (default:
    LEGDAY_E2E_STORE), from a SQLite database loaded from it. ``database``: a database
    URL already loaded, served as it is (several servers on one PostgreSQL).

    ``today`` (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``) sets the app's clock; by
    default it inherits the suite's LEGDAY_TODAY (tests/conftest.py). ``secrets`` is a
    secrets.toml read instead of the repository's (``[auth]`` turns sign-in on).
    """
    env = dict(os.environ)
    env.pop("LEGDAY_DATA_DIR", None)
    env.pop("LEGDAY_ACCESS", None)
    env.pop("LEGDAY_DATABASE_URL", None)
    if data_dir is not None and (store or STORE) == "sqlite":
        database = load_database(data_dir)
        env["LEGDAY_DATABASE_URL"] = database
    elif data_dir is not None:
        env["LEGDAY_DATA_DIR"] = str(data_dir)
    if database is not None:  # loaded above, or given
        env["LEGDAY_DATABASE_URL"] = database
    if today is not None:
        env["LEGDAY_TODAY"] = today
    env["PYTHONUNBUFFERED"] = "1"
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    if secrets is not None:
        cmd += ["--secrets.files", str(secrets)]
    handle = log.open("wb")
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    handle.close()
    server = Server(proc, port, log, data_dir, env, database)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{server.log_text()}")
        if _healthy(port):
            return server
        time.sleep(0.25)  # polling interval of the bounded health wait
    stop_server(server)
    raise RuntimeError(f"streamlit not healthy after {HEALTH_TIMEOUT_S}s:\n{server.log_text()}")


def stop_server(server: Server) -> None:
    """Kill the server's own process group (started with start_new_session)."""
    if server.proc.poll() is not None:
        return
    try:
        os.killpg(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=15)


def server_tracebacks(server: Server) -> list[str]:
    """Tracebacks the server logged (an uncaught exception in a page run)."""
    text = server.log_text()
    return [chunk[:2000] for chunk in text.split("Traceback (most recent call last)")[1:]]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The public-demo configuration: no LEGDAY_DATA_DIR, the bundled roster."""
    _need_browser_tools()
    server = start_server(tmp_path_factory.mktemp("demo-server") / "streamlit.log")
    yield server
    stop_server(server)


def copy_data_folder(target: Path) -> Path:
    """A writable copy of data/athletes (profiles and their logs)."""
    shutil.copytree(REPO / "data" / "athletes", target)
    return target


@pytest.fixture(scope="session")
def folder_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A coach's writable data folder (a temp copy of data/athletes) for the save tests."""
    _need_browser_tools()
    root = tmp_path_factory.mktemp("folder-server")
    data = copy_data_folder(root / "athletes")
    server = start_server(root / "streamlit.log", data)
    yield server
    stop_server(server)


# ---------------------------------------------------------------------------- browser


def _need_browser_tools() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright is not installed")
    if chromium_path() is None:
        _missing("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class DialogLog:
    """Every JavaScript dialog (alert, confirm, prompt) a page opened: must stay empty."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def attach(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.messages.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)


def new_page(
    browser, width: int = 1400, height: int = 1000, downloads: bool = True, scheme: str = "light"
):
    """A page in a fresh context (a separate browser session: own cookies, own websocket);
    ``scheme`` "dark" asks for the dark theme, as a browser set to dark mode does."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        accept_downloads=downloads,
        color_scheme=scheme,
    )
    context.set_default_timeout(READY_MS)
    page = context.new_page()
    return page


# ---------------------------------------------------------------------------- helpers

_READY_JS = """
(stableMs) => {
  const app = document.querySelector("[data-testid='stApp']");
  const ok = !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && document.querySelector("[data-test-script-state='notRunning']") !== null
    && document.querySelector("[data-test-script-state='running']") === null
    && document.querySelector("[data-testid='stSkeleton']") === null
    && Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']"))
         .every(c => c.querySelector('.main-svg') !== null);
  const now = performance.now();
  if (!ok) { window.__legdayReadySince = undefined; return false; }
  if (window.__legdayReadySince === undefined) { window.__legdayReadySince = now; }
  return now - window.__legdayReadySince >= stableMs;
}
"""


def wait_ready(page, timeout: float = READY_MS, stable_ms: int = 300) -> None:
    """Wait until the app is connected, the script has stopped, no skeleton is left and
    every plotly chart has drawn its SVG, and that has held for ``stable_ms`` (a rerun
    that starts right after an action would otherwise look finished)."""
    page.wait_for_function(_READY_JS, arg=stable_ms, timeout=timeout, polling=100)


_WATCH_RUNS_JS = """
() => {
  const app = document.querySelector("[data-test-script-state]");
  window.__legdayStateChanges = 0;
  if (window.__legdayObserver) { window.__legdayObserver.disconnect(); }
  window.__legdayObserver = new MutationObserver(records => {
    window.__legdayStateChanges += records.length;
  });
  window.__legdayObserver.observe(
    app, {attributes: true, attributeFilter: ['data-test-script-state']});
}
"""


def run_and_wait(page, action, timeout: float = READY_MS) -> None:
    """Do ``action`` (a click that reruns the script), then wait for that rerun to start
    and finish: the script state attribute changes at least twice, then wait_ready."""
    page.evaluate(_WATCH_RUNS_JS)
    action()
    page.wait_for_function("() => window.__legdayStateChanges >= 2", timeout=timeout)
    wait_ready(page, timeout=timeout)


def error_texts(page) -> list[str]:
    """Text of every exception box and st.error box on the page."""
    boxes = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [boxes.nth(i).inner_text() for i in range(boxes.count())]


def assert_no_errors(page) -> None:
    found = error_texts(page)
    assert not found, f"error elements on {page.url}: {found}"


def goto(page, url: str, timeout: float = FIRST_LOAD_MS) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    wait_ready(page, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside ``stMain``, not the document, so the
    viewport is stretched to the content's height for the shot, then put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll("
        "\"[data-testid='stMain'], [data-testid='stSidebar'][aria-expanded='true'] "
        "[data-testid='stSidebarContent']\"), e => e.scrollHeight), 0)"
    )
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
        wait_ready(page)
    page.screenshot(path=str(path), full_page=True)
    if size and height > size["height"]:
        page.set_viewport_size(size)
    return path


def edit_first_row(page, column: int, text: str) -> None:
    """Type ``text`` into the first data row's cell ``column`` (1 = the first column)
    of the Edit tab's table.

    The table is a canvas grid with an accessible twin (``glide-cell-<col>-<row>``
    cells with ``aria-selected``): click the first row, move right with the arrow keys
    until the wanted cell is selected, Enter opens its editor, fill it, Enter.
    """
    from playwright.sync_api import expect  # optional: the tests skip without it

    panel = page.get_by_role("tabpanel", name="Edit")
    grid = panel.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    grid.scroll_into_view_if_needed()
    wait_ready(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 70, box["y"] + 35 + 17)  # header 35 px, rows 35 px
    selected = grid.locator("td[aria-selected='true']")
    expect(selected).to_have_count(1)
    target = grid.locator(f"[data-testid='glide-cell-{column}-0']")
    for _ in range(20):
        if target.get_attribute("aria-selected") == "true":
            break
        before = selected.get_attribute("id")
        page.keyboard.press("ArrowRight")
        expect(selected).not_to_have_id(before)
    expect(target).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")  # opens the cell's text editor (an overlay textarea)
    editor = page.locator("textarea.gdg-input")
    editor.wait_for()
    editor.fill(text)
    editor.press("Enter")
    expect(target).to_contain_text(text)
    # the edit reached the server once the save button (shown only for a change) is drawn
    panel.get_by_role(
        "button", name=re.compile("^(Save to the data folder|Save to the database|Use these edits)")
    ).wait_for()
    wait_ready(page)


class UI:
    """The helpers, handed to tests as the ``ui`` fixture (test files never import
    conftest: tests/ has a conftest.py of its own)."""

    REPO = REPO
    DialogLog = DialogLog
    new_page = staticmethod(new_page)
    goto = staticmethod(goto)
    wait_ready = staticmethod(wait_ready)
    run_and_wait = staticmethod(run_and_wait)
    error_texts = staticmethod(error_texts)
    assert_no_errors = staticmethod(assert_no_errors)
    screenshot = staticmethod(screenshot)
    edit_first_row = staticmethod(edit_first_row)
    server_tracebacks = staticmethod(server_tracebacks)
    start_server = staticmethod(start_server)
    free_port = staticmethod(free_port)
    copy_data_folder = staticmethod(copy_data_folder)
    need_browser_tools = staticmethod(_need_browser_tools)
    stop_server = staticmethod(stop_server)
    STORE = STORE


@pytest.fixture(scope="session")
def ui() -> type[UI]:
    return UI
