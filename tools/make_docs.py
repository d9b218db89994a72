"""Write the generated parts of docs/ from the code they describe.

docs/rules.md comes from legday's rule book (legday.rules.RULES), so the page
can never say something the planner and the flags do not do. tests/test_docs.py checks
the committed file is what this script writes.

Usage: ``python tools/make_docs.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # ``python tools/make_docs.py`` from a checkout
    sys.path.insert(0, str(ROOT))

from legday import rules  # noqa: E402

#: How the rule book groups its rules for people reading it.
GROUPS: tuple[tuple[str, str], ...] = (
    ("S", "From the source article (S1-S13) and the coach's additions (S14)"),
    ("H", "Pain and soreness patterns (H1-H2)"),
    ("R", "Races (R1-R3) and the week after one (P1)"),
    ("P", ""),
    ("L", "The log itself (L1)"),
    ("V", "Distances (V1-V6)"),
    ("W", "The usual week (W1-W6)"),
    ("M", "Metrics and data notes (M1-M5, D1)"),
    ("D", ""),
)


def rules_markdown() -> str:
    """docs/rules.md: every rule, its summary and its evidence, from the rule book."""
    lines = [
        "# The rule book",
        "",
        "Every plan, flag and reason in legday names one of these rules. This page is",
        "generated from legday's rule book (`python tools/make_docs.py` rewrites it), so",
        "it always says what the planner and the flags apply. Evidence words: *strong*,",
        "*moderate*, *weak*, *contested*; *n/a* marks notes about the data itself.",
    ]
    for prefix, title in GROUPS:
        rows = [r for r in rules.RULES.values() if r.id.startswith(prefix)]
        if not rows:
            continue
        if title:
            lines += ["", f"## {title}", "", "| rule | what it says | evidence |", "|---|---|---|"]
        lines += [f"| {r.id} | {r.summary} | {r.strength}: {r.source} |" for r in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
