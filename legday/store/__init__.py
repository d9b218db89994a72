"""The one door to data (docs/data-format.md): where athletes are read and written,
and what is kept beside them. ``replays``: legday's replayed plans between runs."""
