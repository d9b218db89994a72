"""What the AppTest modules share: the app, its pages, the demo roster, a sign-in
configuration, and the checks every page run ends with."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from legday.demo import load_demo

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
PAGES = {name: f"app_pages/{name}.py" for name in ("roster", "review", "planner", "log", "about")}
#: The demo's athletes by id, in roster order.
DEMO = {r.athlete.id: r.athlete for r in load_demo() if r.athlete is not None}
#: ``[auth]`` as Streamlit reads it; the provider is never reached (AppTest sets st.user).
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough",
    "client_id": "legday",
    "client_secret": "legday-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def new_app(email: str | None = None, timeout: float = 60, **query: str) -> AppTest:
    """The app, not run yet: signed in as ``email`` when given, with a link's query."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if email is not None:
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    return at


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def open_page(at: AppTest, page: str) -> AppTest:
    """Switch to ``page`` (a PAGES key), run, and check the run raised nothing."""
    at.switch_page(PAGES[page])
    at.run()
    no_errors(at)
    return at
