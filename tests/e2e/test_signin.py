"""Sign-in for real: a real OpenID Connect provider on the loopback (oidc-provider-mock,
started here), the app served with a generated secrets.toml pointing at it and a data
folder with an access file, and headless Chromium signing in through the provider's
own form as the head coach, an assistant, an athlete and an unknown email.

Every hostile try ends with the same check: no other athlete's name, id or note
anywhere in the page's HTML (``_leaks``). One provider and one app server for the
module.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

ACCESS = """\
coaches:
  - email: head@club.example
    athletes: all
  - email: assistant@club.example
    athletes: [ana-hills, maya-newcomer]
athletes:
  - email: maya@runner.example
    athlete: maya-newcomer
"""
#: The provider's predefined users: the subject the form's button names, and the claims.
USERS = {
    "head": {"email": "head@club.example", "email_verified": True},
    "assistant": {"email": "assistant@club.example"},
    "maya": {"email": "maya@runner.example", "email_verified": True},
    "stranger": {"email": "stranger@else.example"},
}
COOKIE_SECRET = "legday-e2e-cookie-secret-0123456789abcdef"
#: Streamlit's identity cookie: the signed JSON claims (itsdangerous, salted by its name).
USER_COOKIE = "_streamlit_user"
#: Every demo athlete: the name on their profile and a note only their log has.
ATHLETES = {
    "ana-hills": ["Ana Ferreira"],
    "dan-marathon": ["Dan Reyes", "@ marathon pace"],
    "kenji-weekly": ["Kenji Watanabe"],
    "lena-overeager": ["Lena Brandt"],
    "maya-newcomer": ["Maya Okafor"],
    "omar-raceseason": ["Omar Haddad"],
    "sam-csv-only": ["Sam Csv Only"],
}
PROVIDER_WAIT_S = 30.0


def _leaks(page, allowed: set[str]) -> set[str]:
    """The athletes other than ``allowed`` whose id, name or note is in the page."""
    html = page.content()
    return {
        athlete
        for athlete, words in ATHLETES.items()
        if athlete not in allowed and any(w in html for w in [athlete, *words])
    }


def _provider_ready(port: int) -> bool:
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return "authorization_endpoint" in json.loads(answer.read())
    except (urllib.error.URLError, OSError, ValueError):
        return False


@pytest.fixture(scope="module")
def provider(tmp_path_factory, ui):
    """oidc-provider-mock on a free loopback port with the USERS above."""
    ui.need_browser_tools()
    port = ui.free_port()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for sub, claims in USERS.items():
        cmd += ["--user-claims", json.dumps({"sub": sub, **claims})]
    with log.open("wb") as handle:
        proc = subprocess.Popen(
            cmd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + PROVIDER_WAIT_S
    while not _provider_ready(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            pytest.fail(f"the OIDC provider did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)  # polling interval of the bounded wait
    yield f"http://127.0.0.1:{port}"
    _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def club(tmp_path_factory, ui, provider):
    """The app on a copy of the demo's files with ACCESS, sign-in through ``provider``."""
    root = tmp_path_factory.mktemp("club")
    data = ui.copy_data_folder(root / "athletes")
    (data / "access.yaml").write_text(ACCESS, encoding="utf-8")
    secrets = root / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "legday-club"\n'
        'client_secret = "not-checked-by-the-mock"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    server = ui.start_server(root / "streamlit.log", data, secrets=secrets)
    yield server
    ui.stop_server(server)
    assert ui.server_tracebacks(server) == []


@pytest.fixture
def page(browser, ui):
    """A fresh browser context (no cookies) that never reaches past the loopback (the
    provider's form links a stylesheet on the internet)."""
    made = ui.new_page(browser)
    made.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    yield made
    made.context.close()


def _sign_in(ui, page, club, sub: str, path: str = "/") -> None:
    """Through the provider's own form: Sign in, the user's button, back to the app."""
    ui.goto(page, club.url + path)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(club.url) + r"/(roster|review|home)?"))
    ui.wait_ready(page)


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def _cookie(page) -> dict:
    return next(c for c in page.context.cookies() if c["name"] == USER_COOKIE)


def test_signed_out_a_copied_link_shows_the_sign_in_page_only(ui, club, page) -> None:
    ui.goto(page, f"{club.url}/review?athlete=maya-newcomer")
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert _leaks(page, set()) == set()
    assert page.locator("[data-testid='stSidebarNav']").count() == 0


def test_the_head_coach_sees_every_athlete_then_signs_out(ui, club, page) -> None:
    _sign_in(ui, page, club, "head")
    assert page.locator("h1").first.inner_text() == "Roster"
    ui.assert_no_errors(page)
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()
    assert (
        "Signed in as head@club.example (coach)."
        in page.locator("[data-testid='stSidebar']").inner_text()
    )
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/oauth2/end_session"))  # the provider's sign-out too
    assert all(c["name"] != USER_COOKIE for c in page.context.cookies())
    ui.goto(page, f"{club.url}/roster")
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert _leaks(page, set()) == set()


def test_an_assistant_sees_their_list_and_not_an_athlete_outside_it(ui, club, page) -> None:
    _sign_in(ui, page, club, "assistant")
    ui.assert_no_errors(page)
    assert _leaks(page, {"ana-hills", "maya-newcomer"}) == set()
    for path in ("review", "planner", "log"):
        ui.goto(page, f"{club.url}/{path}?athlete=dan-marathon")
        assert "Not yours" in _main_text(page)
        assert _leaks(page, {"ana-hills", "maya-newcomer"}) == set(), path


def test_an_athlete_sees_their_own_pages_only(ui, club, page) -> None:
    _sign_in(ui, page, club, "maya")
    ui.assert_no_errors(page)
    assert page.locator("h1").first.inner_text() == "Review: Maya Okafor"
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Roster" not in nav and "Planner" in nav
    assert _leaks(page, {"maya-newcomer"}) == set()
    ui.goto(page, f"{club.url}/roster")
    assert "Not yours" in _main_text(page)
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    assert _leaks(page, {"maya-newcomer"}) == set()
    for path in ("review", "planner", "log"):
        ui.goto(page, f"{club.url}/{path}?athlete=dan-marathon&as_of=2026-10-01")
        assert "Not yours" in _main_text(page)
        assert _leaks(page, {"maya-newcomer"}) == set(), path
    # the downloads on the planner are her own plan
    ui.goto(page, f"{club.url}/planner?athlete=ana-hills")
    with page.expect_download() as download:
        page.get_by_role("button", name="Spreadsheet (.csv)").click()
    assert download.value.suggested_filename.startswith("legday-maya-newcomer-")


def test_an_athlete_changing_the_link_after_load_stays_on_their_own(ui, club, page) -> None:
    _sign_in(ui, page, club, "maya")
    page.evaluate("() => history.replaceState(null, '', '?athlete=dan-marathon')")
    ui.run_and_wait(page, lambda: page.get_by_text("Show the load trends").click())
    assert page.locator("h1").first.inner_text() == "Review: Maya Okafor"
    assert _leaks(page, {"maya-newcomer"}) == set()


def test_a_check_in_goes_to_their_own_log_and_names_them(ui, club, page) -> None:
    dan = club.read("logs/dan-marathon.csv")
    _sign_in(ui, page, club, "maya")
    ui.goto(page, f"{club.url}/log?athlete=dan-marathon")
    assert "Daily check-in: Maya Okafor" in _main_text(page)
    ui.run_and_wait(page, lambda: page.get_by_role("button", name="Add check-in").click())
    # the save reruns the page once more to show its message
    page.get_by_text("Check-in saved", exact=False).first.wait_for()
    ui.wait_ready(page)
    ui.assert_no_errors(page)
    assert club.read("logs/dan-marathon.csv") == dan
    audit = club.audit()
    assert audit[-1][:3] == ["maya@runner.example", "maya-newcomer", "checkin"]
    assert "maya-newcomer.csv" in audit[-1][3]
    assert _leaks(page, {"maya-newcomer"}) == set()


def test_an_email_in_no_list_is_asked_to_see_their_coach(ui, club, page) -> None:
    _sign_in(ui, page, club, "stranger")
    assert "Ask your coach to add you." in _main_text(page)
    assert _leaks(page, set()) == set()
    ui.goto(page, f"{club.url}/review?athlete=maya-newcomer")
    assert "Ask your coach to add you." in _main_text(page)
    assert _leaks(page, set()) == set()


def _with_cookie(browser, ui, club, value: str):
    """A new context holding only ``value`` as the identity cookie."""
    context_page = ui.new_page(browser)
    context_page.context.add_cookies(
        [{"name": USER_COOKIE, "value": value, "url": club.url, "httpOnly": True}]
    )
    return context_page


def test_a_tampered_or_expired_identity_cookie_is_signed_out(ui, club, page, browser) -> None:
    _sign_in(ui, page, club, "maya")
    real = _cookie(page)["value"]
    signed = URLSafeTimedSerializer(COOKIE_SECRET, salt=USER_COOKIE)
    claims, stamp = signed.loads(real, return_timestamp=True)
    as_head = claims.replace("maya@runner.example", "head@club.example")

    class Aged(TimestampSigner):
        """Signs with the real cookie's time less 40 days (the cookie lives 30)."""

        def get_timestamp(self) -> int:
            return int(stamp.timestamp()) - 40 * 86400

    _, stamp_text, signature = real.rsplit(".", 2)
    head_payload = signed.dumps(as_head).rsplit(".", 2)[0]
    forged = {
        # the payload changed, the time and signature kept: the signature no longer matches
        "tampered": ".".join([head_payload, stamp_text, signature]),
        # signed by someone without the server's secret
        "wrong secret": URLSafeTimedSerializer("guessed", salt=USER_COOKIE).dumps(as_head),
        # the right secret, 40 days old
        "expired": URLSafeTimedSerializer(COOKIE_SECRET, salt=USER_COOKIE, signer=Aged).dumps(
            claims
        ),
    }
    for what, value in forged.items():
        other = _with_cookie(browser, ui, club, value)
        try:
            ui.goto(other, f"{club.url}/review?athlete=maya-newcomer")
            assert other.get_by_role("button", name="Sign in").is_visible(), what
            assert _leaks(other, set()) == set(), what
        finally:
            other.context.close()
    # the control: the real cookie in a new context is Maya, signed in
    control = _with_cookie(browser, ui, club, real)
    try:
        ui.goto(control, f"{club.url}/review")
        assert control.locator("h1").first.inner_text() == "Review: Maya Okafor"
    finally:
        control.context.close()
