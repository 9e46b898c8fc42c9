"""Reading typed fields out of located YAML mappings, reporting every problem.

The loader describes each kind of mapping (a scene, a choice, a variable) as a
table of allowed fields; :class:`FieldReader` checks unknown fields (with a
did-you-mean), missing required fields and wrong types, and hands back values
with their locations. :func:`warn_control_characters` walks a whole file for text
holding terminal control characters (W130), and :func:`escape_controls` makes such
text safe to print.
"""

from __future__ import annotations

import re
from typing import Any

from game.engine.diagnostics import (
    CONTROL_RE,
    Diagnostic,
    Severity,
    did_you_mean,
    escape_controls,
)
from game.engine.model import Loc
from game.engine.yamlread import MapNode, SeqNode

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"[A-Za-z]+")
#: At most this many W130 warnings for one file (a hostile file could hold thousands).
MAX_CONTROL_WARNINGS = 20

KIND_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
}


#: At most this many errors and this many warnings are listed; the rest are counted.
MAX_LISTED = 500


class Reporter:
    """Collects diagnostics for one load (at most MAX_LISTED of each severity)."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.listed: dict[str, int] = {"error": 0, "warning": 0}
        self.unlisted: dict[str, int] = {"error": 0, "warning": 0}
        #: The text of each file read, by display name: messages quote what was written.
        self.texts: dict[str, str] = {}
        self._lines: dict[str, list[str]] = {}

    def line_from(self, loc: Loc) -> str | None:
        """What is written in ``loc``'s file from ``loc`` to the end of its line, if known."""
        if loc.file not in self.texts:
            return None
        lines = self._lines.get(loc.file)
        if lines is None:
            lines = self._lines[loc.file] = self.texts[loc.file].split("\n")
        if not 1 <= loc.line <= len(lines):
            return None
        return lines[loc.line - 1][loc.column - 1 :].rstrip("\r")

    def written(self, loc: Loc) -> str | None:
        """The word written at ``loc`` in its file (letters only), if the file is known."""
        match = _WORD.match(self.line_from(loc) or "")
        return match.group(0) if match else None

    def not_text(self, loc: Loc, key: str | None, what: str, value: Any) -> bool:
        """E065 where YAML read a word such as ``No`` as true/false, E063 where a text
        starting with '#' was read as a comment; False if neither (the caller reports).

        ``key`` is the field, or None for an item of a list of texts.
        """
        if value is None:
            return self._comment_for_text(loc, key, what)
        if not isinstance(value, bool):
            return False
        word = self.written(loc) or ("yes" if value else "no")
        field = f"'{key}' in {what}" if key else f"an item of {what}"
        fixed = f'{key}: "{word}"' if key else f'- "{word}"'
        self.error(
            "E065",
            loc,
            f"{field} is the word '{word}', which YAML reads as {str(value).lower()}, not as"
            f" text (so are yes, no, on, off, true and false, in any case): put it in"
            f" quotes: {fixed}",
        )
        return True

    @property
    def full(self) -> bool:
        """Whether further problems will only be counted (so need no costly message)."""
        return min(self.listed.values()) >= MAX_LISTED

    def add(self, code: str, severity: Severity, loc: Loc, message: str) -> None:
        if self.listed[severity] >= MAX_LISTED:
            self.unlisted[severity] += 1
            return
        self.listed[severity] += 1
        self.diagnostics.append(Diagnostic(code, severity, loc.file, loc.line, loc.column, message))

    def _comment_for_text(self, loc: Loc, key: str | None, what: str) -> bool:
        """E063 where a text starting with '#' was read as a comment, leaving nothing."""
        after = self.line_from(loc) or ""
        rest = after.strip()
        if not rest.startswith("#") or len(rest) < 2 or rest[1] in " #":
            return False
        field = f"'{key}' in {what}" if key else f"an item of {what}"
        quoted = f"'{rest}'" if "'" not in rest else '"' + rest.replace('"', '\\"') + '"'
        fixed = f"{key}: {quoted}" if key else f"- {quoted}"
        column = loc.column + len(after) - len(after.lstrip())
        self.error(
            "E063",
            Loc(loc.file, loc.line, column),
            f"{field} starts with '#', which YAML reads as the start of a comment, so the"
            f" text is empty: put the whole text in quotes; write: {fixed}",
        )
        return True

    def summary(self, file: str) -> list[Diagnostic]:
        """W122 saying how many problems were not listed, if any were not."""
        errors, warnings = self.unlisted["error"], self.unlisted["warning"]
        if not errors and not warnings:
            return []
        return [
            Diagnostic(
                "W122",
                "warning",
                file,
                1,
                1,
                f"{errors:,} more error(s) and {warnings:,} more warning(s) are not listed"
                f" (at most {MAX_LISTED} of each are): fix the ones above and lint again",
            )
        ]

    def error(self, code: str, loc: Loc, message: str) -> None:
        self.add(code, "error", loc, message)

    def warning(self, code: str, loc: Loc, message: str) -> None:
        self.add(code, "warning", loc, message)


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class FieldReader:
    """Typed access to one YAML mapping, reporting problems as it goes."""

    def __init__(
        self,
        node: MapNode,
        file: str,
        what: str,
        allowed: tuple[str, ...],
        reporter: Reporter,
        required: tuple[str, ...] = (),
    ) -> None:
        self.node = node
        self.file = file
        self.what = what
        self.reporter = reporter
        self.allowed = allowed
        self.ok = True
        self._reported: set[str] = set()
        for key in node:
            if not isinstance(key, str) or key not in allowed:
                self.ok = False
                reporter.error(
                    "E012",
                    self.key_loc(key),
                    f"unknown field '{key}' in {what}"
                    + ("" if reporter.full else did_you_mean(str(key), allowed))
                    + f"; the fields are: {', '.join(allowed)}",
                )
        for key in required:
            if key not in node:
                self.ok = False
                reporter.error("E013", self.loc(), f"{what} is missing the required field '{key}'")

    def loc(self) -> Loc:
        return Loc(self.file, self.node.pos[0], self.node.pos[1])

    def key_loc(self, key: Any) -> Loc:
        line, col = self.node.key_pos.get(key, self.node.pos)
        return Loc(self.file, line, col)

    def value_loc(self, key: str) -> Loc:
        line, col = self.node.value_pos.get(key, self.node.pos)
        return Loc(self.file, line, col)

    def has(self, key: str) -> bool:
        return key in self.node

    def _wrong(self, key: str, expected: str, value: Any) -> None:
        self.ok = False
        if key in self._reported:
            return  # read twice (e.g. for its words): said once
        self._reported.add(key)
        if expected.startswith("text") and self.reporter.not_text(
            self.value_loc(key), key, self.what, value
        ):
            return
        self.reporter.error(
            "E014",
            self.value_loc(key),
            f"'{key}' in {self.what} should be {expected}, not {describe(value)}",
        )

    def text(self, key: str, default: str | None = None) -> str | None:
        if key not in self.node:
            return default
        value = self.node[key]
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self._wrong(key, "text", value)
        return default

    def integer(self, key: str, default: int | None = None) -> int | None:
        if key not in self.node:
            return default
        value = self.node[key]
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self._wrong(key, "a whole number", value)
        return default

    def boolean(self, key: str, default: bool = False) -> bool:
        if key not in self.node:
            return default
        value = self.node[key]
        if isinstance(value, bool):
            return value
        self._wrong(key, "true or false", value)
        return default

    def mapping(self, key: str) -> MapNode | None:
        if key not in self.node:
            return None
        value = self.node[key]
        if isinstance(value, MapNode):
            return value
        self._wrong(key, "a mapping (indented 'name: value' lines)", value)
        return None

    def sequence(self, key: str) -> SeqNode | None:
        if key not in self.node:
            return None
        value = self.node[key]
        if isinstance(value, SeqNode):
            return value
        self._wrong(key, "a list ('- item' lines)", value)
        return None

    def identifier(self, key: str, what: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if not ID_RE.match(value):
            self.ok = False
            meant = near_id(value)
            self.reporter.error(
                "E015",
                self.value_loc(key),
                f"'{value}' is not a valid {what} id: use lower case letters, digits and _,"
                " starting with a letter" + (f"; write: {key}: {meant}" if meant else ""),
            )
            return None
        return value

    def misspelled(self, *wanted: str) -> str | None:
        """An unknown key of this mapping that is close to one of ``wanted`` (E012 said so)."""
        for key in self.node:
            if isinstance(key, str) and key not in self.allowed and did_you_mean(key, wanted):
                return key
        return None

    def strings(self, key: str) -> tuple[str, ...]:
        """A field that may be one string or a list of strings."""
        if key not in self.node:
            return ()
        value = self.node[key]
        if isinstance(value, str):
            return (value,)
        if isinstance(value, SeqNode) and all(isinstance(item, str) for item in value):
            return tuple(value)
        if isinstance(value, SeqNode):
            for index, item in enumerate(value):
                if self.reporter.not_text(item_loc(value, index, self.file), None, key, item):
                    self.ok = False
                    return ()
        self._wrong(key, "text or a list of texts", value)
        return ()


#: Quotes a word processor curls (and straight ones) that writers put around ids.
_QUOTES = "\u201c\u201d\u2018\u2019\u00ab\u00bb\"'`"


def near_id(value: str) -> str | None:
    """The id a writer most likely meant by ``value`` (curly quotes, capitals, spaces)."""
    meant = "_".join(value.strip().strip(_QUOTES).strip().lower().split())
    return meant if meant != value and ID_RE.match(meant) else None


def item_loc(seq: SeqNode, index: int, file: str) -> Loc:
    line, col = seq.item_pos[index] if index < len(seq.item_pos) else seq.pos
    return Loc(file, line, col)


def offset_loc(loc: Loc, source_offset: int, raw: str | None = None) -> Loc:
    """Locate a character inside a scalar that starts at ``loc``.

    For a one-line plain scalar the column is exact; for quoted scalars it is one
    further. Multi-line values point at their line when it can be found.
    """
    if raw is None or "\n" not in raw:
        return Loc(loc.file, loc.line, loc.column + max(source_offset, 0))
    before = raw[: max(source_offset, 0)]
    line_offset = before.count("\n")
    return Loc(loc.file, loc.line + line_offset + 1, len(before) - before.rfind("\n"))


def warn_control_characters(tree: Any, file: str, reporter: Reporter) -> None:
    """W130 for each text in ``tree`` (a whole file) that holds a control character."""
    found = 0
    stack: list[tuple[Any, tuple[int, int]]] = [(tree, (1, 1))]
    while stack and found < MAX_CONTROL_WARNINGS:
        node, pos = stack.pop()
        if isinstance(node, MapNode):
            items = list(node.items())
            for key, value in reversed(items):
                key_pos = node.key_pos.get(key, node.pos)
                stack.append((value, node.value_pos.get(key, key_pos)))
                if isinstance(key, str):
                    stack.append((key, key_pos))
        elif isinstance(node, SeqNode):
            for index in range(len(node) - 1, -1, -1):
                at = node.item_pos[index] if index < len(node.item_pos) else node.pos
                stack.append((node[index], at))
        elif isinstance(node, str):
            match = CONTROL_RE.search(node)
            if match is None:
                continue
            found += 1
            reporter.warning(
                "W130",
                Loc(file, pos[0], pos[1]),
                f"this text holds the control character U+{ord(match.group(0)):04X}"
                f" ('{escape_controls(node[:60])}'): a terminal could act on it (clear the"
                " screen, move the cursor, change colours). The text mode shows it escaped;"
                " remove it, or write the character you meant",
            )
