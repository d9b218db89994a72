"""Profiles are read by libyaml when PyYAML has it, by Python's loader otherwise:
the same values, the same messages, and hostile nesting refused by both."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from legday.io import load_athlete, load_upload, yaml_text

TODAY = dt.date(2026, 11, 26)
REPO = Path(__file__).resolve().parents[2]
PROFILES = sorted((REPO / "data").rglob("*.yaml")) + sorted((REPO / "tests/corpus").glob("*.yaml"))
LOADERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "python": yaml.SafeLoader}


@pytest.fixture(params=list(LOADERS))
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each loader (libyaml's only where PyYAML was built with it)."""
    chosen = LOADERS[request.param]
    if chosen is None:
        pytest.skip("PyYAML without libyaml on this machine")
    monkeypatch.setattr(yaml_text, "SAFE_LOADER", chosen)
    return request.param


def nested(depth: int) -> bytes:
    return f"name: Ana\nweek: {'[' * depth}{']' * depth}\n".encode()


def outcome(path: Path) -> tuple:
    result = load_athlete(path, TODAY)
    problems = [(p.line, p.severity, p.message.split(":")[0]) for p in result.problems]
    athlete = result.athlete
    return problems, None if athlete is None else (athlete.profile, athlete.days)


def test_both_loaders_give_the_same_profiles_and_messages(monkeypatch) -> None:
    """The demo profiles and the corpus: same athletes, same lines and kinds of message
    (a syntax error's own wording is the parser's)."""
    if LOADERS["libyaml"] is None:
        pytest.skip("PyYAML without libyaml on this machine")
    with_libyaml = {path: outcome(path) for path in PROFILES}
    monkeypatch.setattr(yaml_text, "SAFE_LOADER", yaml.SafeLoader)
    for path in PROFILES:
        problems, athlete = outcome(path)
        assert problems == with_libyaml[path][0], path
        if athlete is None:
            assert with_libyaml[path][1] is None, path
        else:
            assert athlete[0] == with_libyaml[path][1][0], path
            pd.testing.assert_frame_equal(athlete[1], with_libyaml[path][1][1])


@pytest.mark.parametrize("depth", [yaml_text.MAX_NESTING - 2, yaml_text.MAX_NESTING - 1])
def test_nesting_up_to_the_limit_is_read(loader: str, depth: int) -> None:
    # name + week + the lists: the week's lists are read, then refused as a week
    result = load_upload("ana.yaml", nested(depth), TODAY)
    assert [p.message for p in result.problems] == ["week: must map mon .. sun to a run kind"]


@pytest.mark.parametrize("depth", [yaml_text.MAX_NESTING, 50_000])
def test_nesting_past_the_limit_is_refused(loader: str, depth: int) -> None:
    result = load_upload("ana.yaml", nested(depth), TODAY)
    assert [(p.line, p.message) for p in result.problems] == [
        (None, "the YAML nests more than 200 levels deep; a profile needs 4")
    ]


def test_deep_nesting_never_crashes_a_thread_with_a_small_stack(tmp_path: Path) -> None:
    """libyaml composes on the C stack: a 50,000-deep file would crash the process, and a
    Streamlit script thread may have a small stack. In a fresh process, on a 256 kB
    thread, the file at the limit is read and the deep one refused."""
    code = textwrap.dedent(
        """
        import datetime as dt, threading
        from legday.io import load_upload, yaml_text
        def depth(n):
            return f"name: Ana\\nweek: {'[' * n}{']' * n}\\n".encode()
        out = []
        def run():
            for n in (yaml_text.MAX_NESTING - 1, 50_000):
                result = load_upload("a.yaml", depth(n), dt.date(2026, 11, 26))
                out.append(result.problems[0].message)
        threading.stack_size(256 * 1024)
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        print(out)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "week: must map mon .. sun" in proc.stdout
    assert "nests more than 200 levels" in proc.stdout


def test_python_object_tags_are_refused_by_both(loader: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\n"
    result = load_upload("eve.yaml", text.encode(), TODAY)
    assert not marker.exists()
    assert result.athlete is None
    assert "unsupported YAML tag" in result.problems[0].message


def test_a_parsers_own_depth_limit_gets_legdays_message(loader: str, monkeypatch) -> None:
    """With legday's limit raised past libyaml's own (1,000 flow levels in PyYAML 6.0.4's
    libyaml), the library refuses first: the message is still legday's, never a bare
    syntax error, and Python's loader answers the same (RecursionError or not)."""
    monkeypatch.setattr(yaml_text, "MAX_NESTING", 100_000)
    result = load_upload("ana.yaml", nested(3_000), TODAY)
    messages = [p.message for p in result.problems]
    assert messages in (
        [yaml_text.TOO_DEEP],  # the library refused: legday's words
        ["week: must map mon .. sun to a run kind"],  # read all the way down
    ), messages
    assert not any("syntax error" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: Ana\n" + "".join(f"a{i}: &a{i} x\nb{i}: *a{i}\n" for i in range(21)),
            "the YAML uses 21 aliases (*name); profiles need none, and more than 20 is "
            "refused so that alias bombs cannot expand",
        ),
        ("name: !!python/name:os.system x\n", "unsupported YAML tag"),
        ("name: Ana\nweek: " + "[" * 50_000 + "]" * 50_000 + "\n", yaml_text.TOO_DEEP),
    ],
    ids=["aliases", "tag", "nesting"],
)
def test_hostile_yaml_messages_are_legdays_own(loader: str, text: str, expected: str) -> None:
    """The alias, tag and nesting refusals read the same with either loader, whichever
    PyYAML 6.x release is installed (the words are legday's, not the library's)."""
    result = load_upload("eve.yaml", text.encode(), TODAY)
    assert result.athlete is None
    assert len(result.problems) == 1
    assert result.problems[0].message.startswith(expected), result.problems[0].message
