"""The access file (legday.access): read, checked line by line, and turned into what one
signed-in person may see."""

from __future__ import annotations

import pytest

from legday import access
from legday.access import Identity, grant_for, identity_from_claims, parse_access
from legday.io import load_folder

CLUB = """\
coaches:
  - email: head@club.example
    athletes: all
  - email: Assistant@Club.example
    athletes: [ana-hills, maya-newcomer]
athletes:
  - email: ana@runner.example
    athlete: ana-hills
"""


def _grant(email: str | None, text: str = CLUB, sign_in: bool = True) -> access.Grant:
    who = Identity(email) if email else None
    return grant_for(who, parse_access(text), sign_in)


def _messages(found: access.AccessFile) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.severity, p.message) for p in found.problems]


# ------------------------------------------------------------------------ the decision


def test_the_example_from_the_issue_reads_cleanly() -> None:
    found = parse_access(CLUB)
    assert found.ok and found.problems == ()
    assert [(c.email, c.athletes, c.line) for c in found.coaches] == [
        ("head@club.example", None, 2),
        ("assistant@club.example", frozenset({"ana-hills", "maya-newcomer"}), 4),
    ]
    assert [(a.email, a.athlete, a.line) for a in found.athletes] == [
        ("ana@runner.example", "ana-hills", 7)
    ]


def test_a_head_coach_sees_every_athlete_and_every_page() -> None:
    grant = _grant("head@club.example")
    assert grant.kind == "coach" and grant.athletes is None and grant.sees_everyone
    assert grant.visible(["ana-hills", "dan-marathon"]) == ["ana-hills", "dan-marathon"]
    assert all(grant.may_open(p) for p in ("roster", "review", "planner", "log", "about"))


def test_an_assistant_sees_their_list_only_and_emails_ignore_case() -> None:
    grant = _grant("assistant@club.example")  # the file writes Assistant@Club.example
    assert grant.kind == "coach" and not grant.sees_everyone
    assert grant.visible(["dan-marathon", "maya-newcomer", "ana-hills"]) == [
        "maya-newcomer",
        "ana-hills",
    ]
    assert not grant.sees("dan-marathon")
    assert grant.may_open("roster")


def test_an_athlete_sees_their_own_review_planner_and_log_only() -> None:
    grant = _grant("ana@runner.example")
    assert grant.kind == "athlete"
    assert grant.visible(["dan-marathon", "ana-hills", "maya-newcomer"]) == ["ana-hills"]
    assert [p for p in ("roster", "review", "planner", "log") if grant.may_open(p)] == [
        "review",
        "planner",
        "log",
    ]


@pytest.mark.parametrize(
    ("email", "text", "kind"),
    [
        ("someone@else.example", CLUB, "unlisted"),
        ("head@club.example", "coaches: nonsense\n", "no-access"),  # a broken file: nobody
        (None, CLUB, "signed-out"),
    ],
)
def test_nobody_else_sees_anything(email, text, kind) -> None:
    grant = _grant(email, text)
    assert grant.kind == kind
    assert not grant.sees_data and grant.visible(["ana-hills", "dan-marathon"]) == []
    assert not any(grant.may_open(p) for p in access.ALL_PAGES)


def test_no_access_file_with_sign_in_grants_nothing() -> None:
    assert grant_for(Identity("head@club.example"), None, True).kind == "no-access"


def test_without_sign_in_everything_is_open_as_before() -> None:
    for who in (None, Identity("someone@else.example")):
        grant = grant_for(who, None, False)
        assert grant.kind == "open" and grant.sees_everyone and not grant.signed_in
        assert grant.visible(["a", "b"]) == ["a", "b"]


def test_an_unverified_email_is_refused_even_when_listed() -> None:
    claims = {"is_logged_in": True, "email": "head@club.example", "email_verified": False}
    who = identity_from_claims(claims)
    assert who == Identity("head@club.example", verified=False)
    assert grant_for(who, parse_access(CLUB), True).kind == "unverified"


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"is_logged_in": True, "email": " Ana@Runner.Example "}, Identity("ana@runner.example")),
        ({"is_logged_in": True, "email": "x@y.z", "email_verified": True}, Identity("x@y.z")),
        ({"email": "test@example.com"}, None),  # AppTest's default: not signed in
        ({"is_logged_in": False, "email": "x@y.z"}, None),
        ({"is_logged_in": True}, None),  # no email claim: no entry can match it
        ({"is_logged_in": True, "email": ["x@y.z"]}, None),
        ({"is_logged_in": "true", "email": "x@y.z"}, None),
    ],
)
def test_identity_from_claims(claims, expected) -> None:
    assert identity_from_claims(claims) == expected


# ------------------------------------------------------------------------ the checks


def test_every_problem_at_once_with_its_line() -> None:
    text = """\
coaches:
  - email: not-an-email
    athletes: all
  - email: two@club.example
    athletes: [ana-hills, ../etc]
  - email: three@club.example
    athletes: ana-hills
  - emial: four@club.example
    athletes: all
athletes:
  - email: ana@runner.example
  - email: two@club.example
    athlete: maya-newcomer
  - just text
"""
    found = parse_access(text, "access.yaml")
    assert not found.ok
    messages = _messages(found)
    assert (2, "error", "email: 'not-an-email' is not an email address") in messages
    assert any(line == 5 and "'../etc' is not an athlete id" in m for line, _, m in messages)
    assert any(line == 7 and "must be 'all' or a list" in m for line, _, m in messages)
    assert any(line == 8 and "did you mean 'email'?" in m for line, _, m in messages)
    assert any(line == 11 and "athlete: is required" in m for line, _, m in messages)
    assert any(line == 12 and "listed twice (first on line 4)" in m for line, _, m in messages)
    assert any(line == 14 and "each entry must have email:" in m for line, _, m in messages)
    assert all(str(p).startswith("access.yaml:") for p in found.problems)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- head@club.example\n", "must be a mapping"),
        ("coaches: {email: head@club.example}\n", "coaches: must be a list"),
        ("coaches: [\n", "YAML syntax error"),
        ("coaches:\n  - !!python/object/apply:os.system [echo hi]\n", "unsupported YAML tag"),
        ("a: &a [1]\n" + "".join(f"b{i}: *a\n" for i in range(30)), "aliases"),
        ("x: " + "[" * 300 + "]" * 300 + "\n", "nests more than"),
    ],
)
def test_broken_files_are_errors_never_exceptions(text: str, words: str) -> None:
    found = parse_access(text)
    assert not found.ok
    assert any(words in p.message for p in found.problems), _messages(found)


def test_an_unknown_top_key_is_a_warning_and_a_close_one_an_error() -> None:
    assert parse_access(CLUB + "notes: for the club\n").ok  # a warning only
    assert not parse_access(CLUB.replace("coaches:", "coachs:")).ok  # did you mean


def test_an_empty_file_lists_nobody() -> None:
    found = parse_access("# nobody yet\n")
    assert found.ok and found.coaches == () and found.athletes == ()
    assert _grant("head@club.example", "# nobody yet\n").kind == "unlisted"


def test_bytes_are_decoded_like_every_legday_file() -> None:
    found = access.parse_access_bytes(b"\xef\xbb\xbf" + CLUB.encode(), "club/access.yaml")
    assert found.ok and len(found.coaches) == 2
    binary = access.parse_access_bytes(b"coaches:\x00\n", "club/access.yaml")
    assert not binary.ok and "binary data" in binary.problems[0].message


def test_read_access_from_disk(tmp_path) -> None:
    path = tmp_path / "access.yaml"
    missing = access.read_access(path)
    assert not missing.ok and "no access file" in missing.problems[0].message
    path.write_text(CLUB, encoding="utf-8")
    assert access.read_access(path).ok
    path.write_bytes(b"#" * (access.MAX_ACCESS_BYTES + 1))
    assert "read up to 1 MB" in access.read_access(path).problems[0].message


def test_ids_the_roster_lacks_are_warnings_on_their_entry() -> None:
    found = parse_access(CLUB)
    problems = access.roster_problems(found, ["ana-hills", "dan-marathon"])
    # maya-newcomer (the assistant's, line 4) is not among the two ids given
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (4, "warning", "athlete 'maya-newcomer' is not in the data folder")
    ]


def test_where_the_access_file_is(tmp_path) -> None:
    assert access.access_path({}, tmp_path) == tmp_path / "access.yaml"
    assert access.access_path({"LEGDAY_ACCESS": "/etc/club.yaml"}, tmp_path).name == "club.yaml"
    assert access.access_path({}, None) is None  # the demo: no folder, no file


def test_the_access_file_is_never_read_as_an_athlete(tmp_path) -> None:
    (tmp_path / "access.yaml").write_text(CLUB, encoding="utf-8")
    (tmp_path / "ana-hills.csv").write_text("date,run,distance\n2026-11-02,easy,5\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "access.yaml").write_text("name: Sub Access\nunits: km\n")
    paths = sorted(r.path.rsplit("/", 1)[-1] for r in load_folder(tmp_path))
    # the top access.yaml is skipped; one in a subfolder is a profile like any other
    assert paths == ["access.yaml", "ana-hills.csv"]
    assert all("sub" in r.path for r in load_folder(tmp_path) if r.path.endswith(".yaml"))


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.0.0.1:8501", True),
        ("127.8.9.10", True),  # all of 127.0.0.0/8
        ("localhost:8501", True),
        ("[::1]:8501", True),
        ("::1", True),
        ("0.0.0.0", False),  # every interface
        ("192.168.1.20:8501", False),
        ("legday.club.example", False),
        ("", False),
        (None, False),
    ],
)
def test_is_loopback(host, expected) -> None:
    assert access.is_loopback(host) is expected
