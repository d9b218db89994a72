"""The access rules under AppTest: ``[auth]`` in the secrets and ``st.user`` set as a
signed-in person, a copy of the demo's files as the data folder with an access file.
Each person sees what the access file grants and no other athlete's name anywhere;
every write names who made it. Without ``[auth]`` nothing changes (the other AppTest
files run that way), except one line when a data folder is served to the network."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from app_pages._links import NOT_YOURS_LINK
from app_pages._sidebar import OPEN_FOLDER
from app_pages._widgets import NOT_YOURS
from legday.demo import DEMO_DIR
from legday.store.folder import AUDIT_FILE
from tests.app.apptest import AUTH, DEMO, PAGES, REPO, no_errors, open_page

pytestmark = pytest.mark.apptest

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
#: Text element types whose protos are searched for names (charts and tables included).
ELEMENTS = (
    "title",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "metric",
    "selectbox",
    "radio",
    "dataframe",
    "table",
    "plotly_chart",
    "button",
    "download_button",
    "text",
)


@pytest.fixture(autouse=True)
def plain_argv(monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_ACCESS", raising=False)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A coach's data folder (the demo's files) with the access file above."""
    target = shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")
    (target / "access.yaml").write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(target))
    return target


def _as(email: str | None, **query: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    return at


def _text(at: AppTest) -> str:
    """Everything the page sent, sidebar included: texts, options, tables, figures."""
    return "\n".join(str(el.proto) for kind in ELEMENTS for el in at.get(kind))


def _names_shown(at: AppTest) -> set[str]:
    text = _text(at)
    return {i for i, a in DEMO.items() if a.name in text or i in text}


def test_signed_out_gets_the_sign_in_page_on_every_url(folder) -> None:
    for page in PAGES:
        at = _as(None, athlete="dan-marathon")
        at.switch_page(PAGES[page])
        at.run()
        no_errors(at)
        assert [b.label for b in at.button] == ["Sign in"]
        assert _names_shown(at) == set()
        assert at.get("dataframe") == [] and at.get("plotly_chart") == []


def test_a_named_provider_gets_its_own_button(folder) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    shared = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    google = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    at.secrets["auth"] = {**shared, "google": google}
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Sign in with Google"]


def test_the_head_coach_sees_every_athlete(folder) -> None:
    at = _as("head@club.example")
    at.run()
    no_errors(at)
    assert at.title[0].value == "Roster"
    assert set(at.get("dataframe")[0].value["id"]) == set(DEMO)
    assert "Signed in as head@club.example (coach)." in _text(at)


def test_an_assistant_sees_their_list_only_and_a_link_outside_it_is_not_theirs(folder) -> None:
    at = _as("Assistant@Club.example", athlete="dan-marathon")
    at.run()
    no_errors(at)
    roster = at.get("dataframe")[0].value
    assert sorted(roster["id"]) == ["ana-hills", "maya-newcomer"]
    assert NOT_YOURS_LINK in [w.value for w in at.warning]
    assert _names_shown(at) == {"ana-hills", "maya-newcomer"}
    for page in ("review", "planner", "log"):
        open_page(at, page)
        assert _names_shown(at) <= {"ana-hills", "maya-newcomer"}, page
    assert at.selectbox(key="athlete").options == ["Ana Ferreira", "Maya Okafor"]


def test_an_athlete_sees_their_own_pages_and_nothing_else(folder) -> None:
    at = _as("maya@runner.example", athlete="dan-marathon")
    at.run()
    no_errors(at)
    assert at.title[0].value == "Review: Maya Okafor"  # one athlete: the root opens the review
    assert NOT_YOURS_LINK in [w.value for w in at.warning]
    assert "dan-marathon" not in _text(at)  # the note does not repeat the link's id
    for page in ("review", "planner", "log"):
        open_page(at, page)
        assert _names_shown(at) == {"maya-newcomer"}, page
    open_page(at, "roster")
    assert NOT_YOURS in [i.value for i in at.info]
    assert at.get("dataframe") == []
    assert _names_shown(at) == {"maya-newcomer"}  # her own, in the sidebar's picker
    log = open_page(at, "log")
    problems = [d.value for d in log.get("dataframe") if "message" in d.value.columns]
    assert all(set(p["file"]) <= {str(folder / "logs" / "maya-newcomer.csv")} for p in problems)


def test_a_url_or_session_value_for_another_athlete_changes_nothing(folder) -> None:
    """The athlete the session holds is checked against the grant on every run: a value
    set for the next run (as a roster click does) and a link changed after load."""
    at = _as("maya@runner.example")
    at.run()
    at.session_state["_pending_athlete"] = "dan-marathon"
    at.query_params["athlete"] = "dan-marathon"
    open_page(at, "review")
    assert at.title[0].value == "Review: Maya Okafor"
    assert _names_shown(at) == {"maya-newcomer"}


@pytest.mark.parametrize(
    ("email", "words"),
    [
        ("stranger@else.example", "Ask your coach to add you."),
        ("maya@runner.example", "cannot read its access file"),  # with a broken file
    ],
)
def test_no_data_for_an_unlisted_email_or_a_broken_access_file(folder, email, words) -> None:
    if "access file" in words:
        (folder / "access.yaml").write_text("coaches: [oops\n", encoding="utf-8")
    at = _as(email, athlete="maya-newcomer")
    at.switch_page(PAGES["review"])
    at.run()
    no_errors(at)
    assert words in " ".join(i.value for i in at.info)
    assert [b.label for b in at.button] == ["Sign out"]
    assert _names_shown(at) == set()


def test_an_unverified_email_is_not_let_in(folder) -> None:
    at = _as("head@club.example")
    at.user["email_verified"] = False
    at.run()
    assert "not a verified address" in at.info[0].value
    assert _names_shown(at) == set()


def test_a_check_in_is_saved_to_their_own_log_with_an_audit_line(folder) -> None:
    maya = folder / "logs" / "maya-newcomer.csv"
    dan = folder / "logs" / "dan-marathon.csv"
    dan_before = dan.read_bytes()
    at = _as("maya@runner.example", athlete="dan-marathon")
    at.run()
    open_page(at, "log")
    at.slider(key="checkin_soreness").set_value(6)
    next(b for b in at.button if b.label == "Add check-in").click()
    at.run()
    no_errors(at)
    assert dan.read_bytes() == dan_before
    assert ",6," in maya.read_text().splitlines()[-1]  # today's row, soreness 6
    rows = list(csv.reader((folder / AUDIT_FILE).read_text().splitlines()))
    assert len(rows) == 1
    _when, email, athlete, what, detail = rows[0]
    assert (email, athlete, what) == ("maya@runner.example", "maya-newcomer", "checkin")
    assert detail.startswith("logs/maya-newcomer.csv backup logs/.legday-backups/maya-newcomer.")


def test_without_sign_in_a_folder_served_to_the_network_says_so(folder) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert OPEN_FOLDER not in [w.value for w in at.warning]  # served on loopback
    config.set_option("server.address", "0.0.0.0")
    try:
        at.run()
        assert [w.value for w in at.warning].count(OPEN_FOLDER) == 1
        open_page(at, "about")
        assert OPEN_FOLDER in [w.value for w in at.warning]
    finally:
        config.set_option("server.address", None)
