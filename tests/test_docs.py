"""The documentation speaks for the code: generated pages are current, rule ids in the
docs exist in the rule book, and no page points outside the repository."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from legday import rules

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RULE_ID = re.compile(r"\b([SRPLVWMD]\d{1,2})\b")


def _make_docs():
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "tools" / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rule_book_page_is_generated_from_the_rule_book() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == _make_docs().rules_markdown(), "rerun: python tools/make_docs.py"


def test_the_rule_book_page_names_every_rule() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"| {rule_id} |" in page for rule_id in rules.RULES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_rule_id_in_the_docs_is_in_the_rule_book(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    named = {m for m in RULE_ID.findall(text) if not m.startswith("M") or int(m[1:]) < 10}
    unknown = sorted(named - set(rules.RULES) - {"D2", "P2"})
    assert unknown == [], f"{page.name} names rules the rule book does not have"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_docs_never_point_outside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "shared/" not in text and "/work/" not in text
    for target in re.findall(r"\]\(([^)#]+)[^)]*\)", text):
        if "://" in target:
            continue
        assert (page.parent / target).resolve().is_relative_to(ROOT), target
        assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_file_the_docs_name_exists(page: Path) -> None:
    """A doc that names a test, bench or source file by path names one that is there."""
    text = page.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:tests|bench|legday|app_pages|tools)/[\w/.-]+\.py)", text))
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert missing == [], f"{page.name} names files that are not there"


def test_no_source_file_points_at_the_maintainers_shared_notes() -> None:
    """Users get the repository only: comments and docstrings name files in it."""
    outside = re.compile(r"\.\./shared/|/work/shared|\bshared/[\w-]+\.md")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("legday", "app_pages", "bench", "tests", "tools")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "test_docs.py" and outside.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
