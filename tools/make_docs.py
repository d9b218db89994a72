"""Write the generated parts of docs/ from the code they describe.

docs/rules.md comes from legday's rule book (legday.rules.rules_markdown), so the page
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

from legday.rules import rules_markdown  # noqa: E402


def main() -> None:
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
