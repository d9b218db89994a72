"""One module per `python -m legday` subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""
