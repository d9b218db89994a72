"""Who may see which athlete: the access file, checked, and the one decision every page
asks for, "what may this signed-in person see".

The access file (``access.yaml`` in the data folder, or ``LEGDAY_ACCESS=PATH``)::

    coaches:
      - email: head@club.example
        athletes: all
      - email: assistant@club.example
        athletes: [ana-hills, maya-newcomer]
    athletes:
      - email: ana@runner.example
        athlete: ana-hills

A coach sees their athletes (``all``: every athlete in the folder) on every page; an
athlete sees their own Review, Planner and Log; an email in no list sees nothing. With
no sign-in configured, nobody is asked and everything is open (the demo, a runner's
own laptop): ``grant_for`` says so with the kind ``open``.

No streamlit and no disk here except ``read_access``: ``parse_access`` is a pure
function of the file's text (a database store keeps the same text), and ``grant_for``
a pure function of an identity and a parsed file. Emails are compared in lower case.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from legday.io.load import ACCESS_FILE, ATHLETE_ID
from legday.io.problems import ProblemSink, clip
from legday.io.text import decode_text
from legday.io.yaml_text import FAILED, Lines, check_keys, safe_load
from legday.model import Problem

ENV_ACCESS = "LEGDAY_ACCESS"
#: A coach's ``athletes:`` value for every athlete in the folder.
ALL = "all"
#: An access file is a few lines per person; a club of thousands stays far below this.
MAX_ACCESS_BYTES = 1024 * 1024
TOP_KEYS = ("coaches", "athletes")
COACH_KEYS = ("email", "athletes")
ATHLETE_KEYS = ("email", "athlete")
#: Something@something.something, no spaces: a typo check, not an address validator.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")

#: Every page, and the ones an athlete may open (their own data only).
ALL_PAGES = frozenset({"roster", "review", "planner", "log", "about"})
ATHLETE_PAGES = frozenset({"review", "planner", "log", "about"})

GrantKind = Literal[
    "open",  # no sign-in configured: everything, as without an access file
    "coach",
    "athlete",
    "signed-out",  # sign-in configured, nobody signed in yet
    "unlisted",  # signed in, but in no list of the access file
    "unverified",  # the provider says the email is not verified
    "no-access",  # the access file is missing or has errors: nobody sees anything
]


@dataclass(frozen=True)
class Coach:
    email: str
    athletes: frozenset[str] | None  # None: every athlete (``athletes: all``)
    line: int | None = None


@dataclass(frozen=True)
class AthleteLogin:
    email: str
    athlete: str
    line: int | None = None


@dataclass(frozen=True)
class AccessFile:
    """A read access file: who is a coach of whom, which email is which athlete, and
    every problem found (file, line, message). ``ok`` is False when one is an error:
    then nobody is granted anything (fail closed)."""

    path: str
    coaches: tuple[Coach, ...] = ()
    athletes: tuple[AthleteLogin, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class Identity:
    """Who signed in, as the provider said: the email in lower case, and False in
    ``verified`` only when the provider says the address is not verified."""

    email: str
    verified: bool = True


@dataclass(frozen=True)
class Grant:
    """What one person may see on this run: ``athletes`` None means every athlete."""

    kind: GrantKind
    email: str | None = None
    athletes: frozenset[str] | None = frozenset()
    pages: frozenset[str] = frozenset()

    @property
    def signed_in(self) -> bool:
        return self.kind in ("coach", "athlete", "unlisted", "unverified", "no-access")

    @property
    def sees_data(self) -> bool:
        """Whether any page draws anything from the roster for this person."""
        return self.kind in ("open", "coach", "athlete")

    @property
    def sees_everyone(self) -> bool:
        """Open, or a coach of every athlete: files that did not load, new athletes."""
        return self.sees_data and self.athletes is None

    def sees(self, athlete_id: str | None) -> bool:
        if not self.sees_data or athlete_id is None:
            return False
        return self.athletes is None or athlete_id in self.athletes

    def visible(self, ids: Iterable[str]) -> list[str]:
        """The ids of ``ids`` this person may see, in their order."""
        return [i for i in ids if self.sees(i)]

    def may_open(self, page: str) -> bool:
        return page in self.pages


OPEN = Grant("open", None, None, ALL_PAGES)


# ------------------------------------------------------------------------ the decision


def identity_from_claims(claims: Mapping[str, Any]) -> Identity | None:
    """The identity in ``st.user``'s claims, or None when nobody is signed in (or the
    provider sent no usable email: legday's lists are of emails)."""
    if claims.get("is_logged_in") is not True:
        return None
    email = claims.get("email")
    if not isinstance(email, str) or not EMAIL.match(email.strip()):
        return None
    verified = claims.get("email_verified")
    return Identity(email.strip().lower(), verified not in (False, "false"))


def grant_for(identity: Identity | None, access: AccessFile | None, sign_in: bool) -> Grant:
    """What this person may see. ``sign_in`` False (no ``[auth]`` configured): everything,
    as legday always was. Otherwise nothing until signed in; then the access file decides,
    and a missing or broken file grants nothing to anyone."""
    if not sign_in:
        return OPEN
    if identity is None:
        return Grant("signed-out")
    if not identity.verified:
        return Grant("unverified", identity.email)
    if access is None or not access.ok:
        return Grant("no-access", identity.email)
    for coach in access.coaches:
        if coach.email == identity.email:
            return Grant("coach", identity.email, coach.athletes, ALL_PAGES)
    for login in access.athletes:
        if login.email == identity.email:
            return Grant("athlete", identity.email, frozenset({login.athlete}), ATHLETE_PAGES)
    return Grant("unlisted", identity.email)


# ------------------------------------------------------------------------ the file


def access_path(env: Mapping[str, str], folder: Path | None) -> Path | None:
    """``LEGDAY_ACCESS`` when set, else ``access.yaml`` in the data folder; None for
    neither (the demo has no access file)."""
    raw = env.get(ENV_ACCESS, "").strip()
    if raw and "\x00" not in raw:
        return Path(raw).expanduser()
    return folder / ACCESS_FILE if folder is not None else None


def read_access(path: Path) -> AccessFile:
    """Read and check the access file at ``path``; a missing or unreadable file is an
    AccessFile with the error, never an exception."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ACCESS_BYTES:
            message = f"file is {size // 1024} KB; an access file is read up to 1 MB"
            return AccessFile(shown, problems=(Problem(shown, None, "error", message),))
        data = path.read_bytes()
    except FileNotFoundError:
        message = "no access file: with sign-in on, nobody sees an athlete until it exists"
        return AccessFile(shown, problems=(Problem(shown, None, "error", message),))
    except OSError as exc:
        message = f"cannot be read ({exc.strerror or type(exc).__name__})"
        return AccessFile(shown, problems=(Problem(shown, None, "error", message),))
    return parse_access_bytes(data, shown)


def parse_access_bytes(data: bytes, path: str = ACCESS_FILE) -> AccessFile:
    """``parse_access`` of a file's bytes (decoded as every legday file is)."""
    text, problems = decode_text(data, path, MAX_ACCESS_BYTES)
    if text is None:
        return AccessFile(path, problems=tuple(problems))
    parsed = parse_access(text, path)
    return AccessFile(path, parsed.coaches, parsed.athletes, (*problems, *parsed.problems))


def parse_access(text: str, path: str = ACCESS_FILE) -> AccessFile:
    """The access file's text, checked: every problem at once, each with its line."""
    sink = ProblemSink(path)
    content = safe_load(text, sink)
    if content is FAILED:
        return AccessFile(path, problems=tuple(sink.finish()))
    lines = Lines(text)
    if content is None:
        sink.add(1, "warning", "the access file lists nobody: no one signed in sees an athlete")
        return AccessFile(path, problems=tuple(sink.finish()))
    if not isinstance(content, dict):
        sink.add(1, "error", "the access file must be a mapping with coaches: and athletes:")
        return AccessFile(path, problems=tuple(sink.finish()))
    check_keys(content, TOP_KEYS, lines, (), sink, "access file")
    coaches = _read_list(content, "coaches", lines, sink, _read_coach)
    logins = _read_list(content, "athletes", lines, sink, _read_login)
    _check_duplicates(content, lines, sink)
    return AccessFile(path, tuple(coaches), tuple(logins), tuple(sink.finish()))


def _read_list(content: dict, key: str, lines: Lines, sink: ProblemSink, read_one) -> list:
    value = content.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        sink.add(lines.at(key), "error", f"{key}: must be a list of entries, each with email:")
        return []
    found = []
    for index, entry in enumerate(value):
        where = (key, index)
        if not isinstance(entry, dict):
            sink.add(lines.at(*where), "error", f"{key}: each entry must have email: and more")
            continue
        known = COACH_KEYS if key == "coaches" else ATHLETE_KEYS
        check_keys(entry, known, lines, where, sink, "coach" if key == "coaches" else "athlete")
        read = read_one(entry, where, lines, sink)
        if read is not None:
            found.append(read)
    return found


def _read_email(entry: dict, where: tuple, lines: Lines, sink: ProblemSink) -> str | None:
    email = entry.get("email")
    if not isinstance(email, str) or not email.strip():
        sink.add(lines.at(*where), "error", "email: is required (the address they sign in with)")
        return None
    if not EMAIL.match(email.strip()):
        sink.add(
            lines.at(*where, "email"),
            "error",
            f"email: '{clip(email.strip())}' is not an email address",
        )
        return None
    return email.strip().lower()


def _athlete_id(value: Any, line, sink: ProblemSink, key: str) -> str | None:
    if isinstance(value, str) and ATHLETE_ID.fullmatch(value.strip()):
        return value.strip()
    sink.add(
        line,
        "error",
        f"{key}: '{clip(str(value))}' is not an athlete id (lower-case letters, digits "
        "and '-', as in the file name or the link ?athlete=)",
    )
    return None


def _read_coach(entry: dict, where: tuple, lines: Lines, sink: ProblemSink) -> Coach | None:
    email = _read_email(entry, where, lines, sink)
    value = entry.get("athletes")
    line = lines.of(*where)
    if value == ALL:
        return Coach(email, None, line) if email else None
    if not isinstance(value, list):
        shown = "nothing" if value is None else f"'{clip(str(value))}'"
        sink.add(
            lines.at(*where, "athletes"),
            "error",
            f"athletes: must be 'all' or a list of athlete ids like [ana-hills], not {shown}",
        )
        return None
    ids = [
        _athlete_id(item, lines.at(*where, "athletes", i), sink, "athletes")
        for i, item in enumerate(value)
    ]
    if email is None or None in ids:
        return None
    return Coach(email, frozenset(ids), line)


def _read_login(entry: dict, where: tuple, lines: Lines, sink: ProblemSink) -> AthleteLogin | None:
    email = _read_email(entry, where, lines, sink)
    value = entry.get("athlete")
    if value is None:
        sink.add(lines.at(*where), "error", "athlete: is required (the athlete id they log as)")
        return None
    athlete = _athlete_id(value, lines.at(*where, "athlete"), sink, "athlete")
    if email is None or athlete is None:
        return None
    return AthleteLogin(email, athlete, lines.of(*where))


def _check_duplicates(content: dict, lines: Lines, sink: ProblemSink) -> None:
    """One entry per email, whatever else is wrong with them: a second entry (as coach
    or athlete) would make the grant depend on the file's order."""
    seen: dict[str, int | None] = {}
    for key in TOP_KEYS:
        entries = content.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            email = entry.get("email") if isinstance(entry, dict) else None
            if not isinstance(email, str) or not email.strip():
                continue
            email = email.strip().lower()
            if email in seen:
                sink.add(
                    lines.at(key, index),
                    "error",
                    f"{clip(email)} is listed twice (first on line {seen[email]}); one entry "
                    "per email (a coach who logs too lists their own id in their athletes:)",
                )
            else:
                seen[email] = lines.of(key, index)


def roster_problems(access: AccessFile, ids: Iterable[str]) -> list[Problem]:
    """Warnings for ids the access file names that the roster does not hold (a typo, or
    an athlete whose files are not there yet)."""
    known = set(ids)
    problems = []
    named = [(c.line, i) for c in access.coaches for i in sorted(c.athletes or ())]
    named += [(a.line, a.athlete) for a in access.athletes]
    for line, athlete_id in named:
        if athlete_id not in known:
            message = f"athlete '{athlete_id}' is not in the data folder"
            problems.append(Problem(access.path, line, "warning", message))
    return problems


def signature(path: Path | None) -> tuple[str, int, int] | None:
    """(path, mtime_ns, size) of the access file, for a cache key; None when absent."""
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (an address or a Host header, with or without a port) names this
    machine only: 127.0.0.0/8, ::1 or localhost. Empty or None: not known, so False."""
    name = (host or "").strip().lower()
    if name.startswith("["):  # [::1]:8501
        name = name[1 : name.find("]")]
    elif name.count(":") == 1:  # 127.0.0.1:8501, localhost:8501
        name = name.split(":")[0]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
