"""Warnings for YAML that reads fine but not as the writer meant it.

Some mistakes are valid YAML, so neither reader complains, and the story quietly
says something else:

- W150: ``text: Ticket #4 is yours`` shows "Ticket": after a space, ``#`` starts
  a comment, and the rest of the line is dropped;
- W151: a ``- `` line indented deeper than the list item above it is not a new
  item but more words of that item (``- money -= 210`` then ``  - qin -= 1``).

:func:`warn_misread` walks one file's located tree beside its source lines and
reports each at the line and column where it happens, with the fix. Only plain
(unquoted) values are looked at: quoting is the fix for both.
"""

from __future__ import annotations

from typing import Any

from game.engine.fields import Reporter
from game.engine.model import Loc
from game.engine.yamltree import MapNode, SeqNode

__all__ = ["PROSE_KEYS", "warn_misread"]

#: Fields whose value is prose a player reads (where a '#' is more likely text than a comment).
PROSE_KEYS = frozenset(
    {
        "text",
        "title",
        "note",
        "epilogue",
        "locked",
        "name",
        "label",
        "term",
        "definition",
        "discuss",
        "summary",
        "fact",
        "why",
        "else",
        "about",
        "description",
    }
)

#: At most this many of these warnings for one file.
MAX_MISREAD_WARNINGS = 20

_QUOTED_OR_BLOCK = frozenset("\"'|>")


def warn_misread(tree: Any, lines: list[str], file: str, reporter: Reporter) -> None:
    """W150 and W151 for the plain values of one file's ``tree`` (``lines``: its source)."""
    found = 0
    # Each node with the prose key its list items belong to (``text:`` as a list of parts).
    stack: list[tuple[Any, str | None]] = [(tree, None)]
    while stack and found < MAX_MISREAD_WARNINGS:
        node, owner = stack.pop()
        if isinstance(node, MapNode):
            for key, value in node.items():
                prose = key if key in PROSE_KEYS else None
                if isinstance(value, str):
                    at = node.value_pos.get(key)
                    if at is not None:
                        found += _check_value(value, at, prose, lines, file, reporter)
                elif isinstance(value, MapNode | SeqNode):
                    stack.append((value, prose))
        elif isinstance(node, SeqNode):
            for index, item in enumerate(node):
                if isinstance(item, str) and index < len(node.item_pos):
                    at = node.item_pos[index]
                    found += _check_value(item, at, owner, lines, file, reporter, item=True)
                elif isinstance(item, MapNode | SeqNode):
                    stack.append((item, None))


def _check_value(
    value: str,
    at: tuple[int, int],
    prose: str | None,
    lines: list[str],
    file: str,
    reporter: Reporter,
    *,
    item: bool = False,
) -> int:
    """Report what is misread about one plain value starting at ``at``; how many reported.

    ``prose`` is the key of a prose field (where W150 applies), else None; ``item`` says
    the value is an item of that field's list.
    """
    if prose is None and " - " not in value:
        return 0  # the common case, decided without looking at the line
    line, column = at
    if not 1 <= line <= len(lines):
        return 0
    source = lines[line - 1].rstrip("\r")
    if " - " not in value and "#" not in source:
        return 0
    start = column - 1
    if start >= len(source) or source[start] in _QUOTED_OR_BLOCK:
        return 0
    first = source[start:]
    if prose and first.startswith(value):
        cut = _comment_cut(first[len(value) :])
        if cut is not None:
            hash_column = column + len(value) + cut
            whole = first.rstrip()
            reporter.warning(
                "W150",
                Loc(file, line, hash_column),
                f"the text stops before '#': after a space, '#' starts a comment, so"
                f" '{whole[len(value) + cut :]}' is not shown. If it is part of the text,"
                f" put the whole text in quotes: {'-' if item else f'{prose}:'} {_quoted(whole)}",
            )
            return 1
    return _continued_item(value, line, lines, file, reporter)


def _comment_cut(rest: str) -> int | None:
    """Where '#' stands in what follows a value, if it looks like text cut off, else None.

    A comment a writer means has a space after '#' or two spaces before it
    (``# note``, ``  #note``); ``Ticket #4`` has neither.
    """
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#") or not rest[:1].isspace():
        return None
    gap = len(rest) - len(stripped)
    if gap >= 2 or stripped[1:2] in (" ", "\t", ""):
        return None
    return gap


def _quoted(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _continued_item(value: str, line: int, lines: list[str], file: str, reporter: Reporter) -> int:
    """W151 for a '- ' line that YAML folded into the plain value above it."""
    if " - " not in value:
        return 0
    for number in range(line + 1, min(len(lines), line + value.count(" ") + 1) + 1):
        stripped = lines[number - 1].strip()
        if not stripped or stripped.startswith("#") or f" {stripped}" not in value:
            return 0
        if stripped.startswith("- "):
            source = lines[number - 1]
            reporter.warning(
                "W151",
                Loc(file, number, len(source) - len(source.lstrip(" ")) + 1),
                "this '- ' line is read as more words of the item above, not as an item of"
                " its own: it is indented deeper than that item's '- '. Indent every '- '"
                " of one list the same",
            )
            return 1
    return 0
