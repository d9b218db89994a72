"""One module per `python -m legday` subcommand.

Each defines ``add_arguments(parser)`` and ``run(args) -> int``.
"""
