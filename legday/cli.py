"""`python -m legday validate | report | plan | import | db`.

Exit codes: 0 fine, 1 a file has errors, 2 usage error. Bad data never produces a
traceback: loaders turn it into Problems, and commands print them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from legday import clock

#: subcommand -> module under legday.commands (``import`` is a keyword, hence the underscore).
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "report": "report",
    "plan": "plan",
    "import": "import_",
    "db": "db",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: usage error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="legday", description="Plan leg strength work around a running log.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"legday.commands.{module_name}")
        command = sub.add_parser(name, help=module.__doc__.strip().splitlines()[0])
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if clock.PROBLEM:
        print(f"legday: warning: {clock.PROBLEM}", file=sys.stderr)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `legday report ... | head`
        return 0
