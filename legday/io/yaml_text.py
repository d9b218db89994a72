"""YAML read safely: plain data only, bounded aliases and nesting, lines on demand.

Values come from libyaml's safe loader (``yaml.CSafeLoader``: libyaml parses, PyYAML's
safe constructors build plain values) when PyYAML was built with it, else from the
pure-Python ``yaml.SafeLoader``; both refuse every tag that builds Python objects.

libyaml composes nested collections by recursing on the C stack, so hostile nesting
(``[[[[...``, 50,000 deep) would crash the process instead of raising. Before a node
is composed, the nesting is bounded: a cheap upper bound from the text, and when that
is not enough, the exact depth from the pure-Python parser's events (it neither
recurses nor has a limit of its own: libyaml's scanner refuses past its own depth, in
newer PyYAML releases before it yields a single event). A file nested deeper than
MAX_NESTING is refused with legday's message whichever loader and PyYAML 6.x release
reads it, and a library's own nesting limit, met first anyway, gets the same message.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import yaml

from legday.io.problems import LineRef, ProblemSink, clip

#: Aliases a plain profile never needs; more than this is refused before expansion.
MAX_ALIASES = 20
#: Nesting libyaml may compose (a profile nests 4 deep; each level costs libyaml a few
#: hundred bytes of C stack, so this stays far inside the smallest thread stacks).
MAX_NESTING = 200
#: libyaml's safe loader when PyYAML has it, else the pure-Python one.
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: How deep a legday profile nests (the week's runs under ``week:``, say).
PROFILE_NESTING = 4
TOO_DEEP = f"the YAML nests more than {MAX_NESTING} levels deep; a profile needs {PROFILE_NESTING}"
#: A parser's own refusal of deep nesting (libyaml's "exceeded maximum nesting depth").
_LIBRARY_DEPTH_LIMIT = re.compile(r"nesting depth|too deep|recursion", re.IGNORECASE)

_ALIAS = re.compile(r"(?<![\w'\"])\*[^\s,\[\]{}]+")
#: What stands before a line's first node: indentation and block indicators.
_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
#: ``safe_load``'s answer for a file that cannot be read (its problem is in the sink).
FAILED = object()


def safe_load(text: str, sink: ProblemSink) -> Any:
    """The document's plain values, or FAILED with the reason in ``sink``."""
    aliases = len(_ALIAS.findall(text)) if "&" in text else 0
    if aliases > MAX_ALIASES:
        sink.add(
            None,
            "error",
            f"the YAML uses {aliases} aliases (*name); profiles need none, and more than "
            f"{MAX_ALIASES} is refused so that alias bombs cannot expand",
        )
        return FAILED
    loader_class = _loader_for(text)
    if loader_class is None:
        sink.add(None, "error", TOO_DEEP)
        return FAILED
    try:
        loader = loader_class(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        tag = f" {exc.problem.split('tag ')[-1]}" if exc.problem and "tag" in exc.problem else ""
        sink.add(line, "error", f"unsupported YAML tag{tag}: legday reads plain YAML only")
    except yaml.MarkedYAMLError as exc:
        what = exc.problem or exc.context or "cannot be parsed"
        if _LIBRARY_DEPTH_LIMIT.search(what):
            sink.add(None, "error", TOO_DEEP)
            return FAILED
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        sink.add(line, "error", f"YAML syntax error: {what}")
    except RecursionError:
        sink.add(None, "error", TOO_DEEP)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        sink.add(None, "error", f"YAML cannot be read: {type(exc).__name__}")
    return FAILED


def compose(text: str) -> yaml.Node | None:
    """The node tree (lines and columns of every key and value), built by no constructor."""
    loader_class = _loader_for(text)
    if loader_class is None:
        return None
    try:
        loader = loader_class(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _loader_for(text: str) -> type | None:
    """SAFE_LOADER when the nesting is within MAX_NESTING, else None."""
    # Block nesting needs indentation or a compact "- " / "? " / ": " before the node
    # on its line (an indentless sequence under a key adds a level at the same column:
    # two levels per column at most); flow nesting needs a [ or { each.
    prefix = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    bound = text.count("[") + text.count("{") + 2 * prefix + 2
    if bound <= MAX_NESTING or _nesting(text) <= MAX_NESTING:
        return SAFE_LOADER
    return None


def _nesting(text: str) -> int:
    """How deep collections nest, from the parser's events (it stops once past the limit).

    The pure-Python parser, whichever loader reads the values: it has no depth limit of
    its own to speak before this one.
    """
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, _COLLECTION_START):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_NESTING:
                    break
            elif isinstance(event, _COLLECTION_END):
                depth -= 1
    except (yaml.YAMLError, ValueError):
        pass  # the load reports it, at a depth this scan already saw
    return deepest


class Lines:
    """Line numbers (1-based) of keys and list items, from the composed node tree.

    The tree is composed only when a message needs a line: a clean profile is
    parsed once, by ``safe_load``. Pass ``at(...)`` (not ``of(...)``) to
    ``ProblemSink.add`` wherever the message may not be written.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    @property
    def root(self) -> yaml.Node | None:
        if not self._composed:
            self._root, self._composed = compose(self._text), True
        return self._root

    def at(self, *path: str | int) -> Callable[[], int | None]:
        """``of(*path)``, deferred until a message is written."""
        return partial(self.of, *path)

    def key(self, *path: str | int) -> int | None:
        """The line of the last key itself (where a typo in it is)."""
        parent = self.root
        for step in path[:-1]:
            parent = self._child(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(path[-1]):
                    return key.start_mark.line + 1
        return self.of(*path)

    def of(self, *path: str | int) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for step in path:
            node = self._child(node, step)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    @staticmethod
    def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == step:
                    return value if isinstance(value, yaml.Node) else key
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step >= 0:
            return node.value[step] if step < len(node.value) else None
        return None


class RowLines:
    """Each row's line, looked up only for the rows a message is about."""

    def __init__(self, lines: Lines, paths: list[tuple[str | int, ...]]) -> None:
        self.lines = lines
        self.paths = paths

    def __getitem__(self, position: int) -> int:
        return self.lines.of(*self.paths[position]) or 0


def check_keys(
    mapping: dict,
    known: tuple[str, ...],
    lines: Lines,
    where: tuple[str | int, ...],
    sink: ProblemSink,
    what: str,
) -> None:
    """Unknown keys: an error when one is close to a known key (a typo), else a warning."""
    for key in mapping:
        if key in known:
            continue
        text = str(key)
        close = difflib.get_close_matches(text.lower(), known, n=1, cutoff=0.7)
        line: LineRef = lines.key(*where, text) if isinstance(key, str) else lines.of(*where)
        if close:
            sink.add(
                line, "error", f"unknown {what} key '{clip(text)}': did you mean '{close[0]}'?"
            )
        else:
            sink.add(
                line,
                "warning",
                f"unknown {what} key '{clip(text)}' is ignored (known: {', '.join(known)})",
                f"unknown {what} key",
            )
