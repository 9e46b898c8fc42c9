"""Fast reader for the plain block-style YAML that story files use.

PyYAML builds a full event and node graph before :mod:`game.engine.yamlread` turns it
into located :class:`MapNode`/:class:`SeqNode` trees; for a large story that costs
seconds. This module reads the subset writers actually use line by line and builds
the same tree directly:

- block mappings and block sequences (also "- key: value" items and sequences that
  are not indented under their key), nested to any depth below the reference's limit;
- one-line plain scalars, one-line single- and double-quoted scalars;
- literal ``|`` and folded ``>`` block scalars with ``-``/``+`` chomping;
- one-line flow sequences and flow mappings whose items are scalars;
- comments, blank lines, a leading ``---`` and Windows line ends.

Plain scalars are typed with PyYAML's own implicit resolver table and constructed
with its SafeConstructor, so ``yes``, ``0o17``, ``1:20`` or ``2007-01-28`` mean the
same as in the reference reader.

Anything outside the subset (anchors, aliases, tags, ``?`` keys, directives, several
documents, tabs, multi-line plain or quoted scalars, nested or multi-line flow
collections, indentation indicators, ...) and anything the reference reader would
report as a problem (duplicate keys, bad indentation, unreadable values, the
nesting it refuses) raises :class:`NotSimple`; :func:`game.engine.yamlread.read_yaml`
then falls back to the reference reader, which gives the proper diagnostic. The
contract is strict: for every input :func:`compose` accepts, it returns exactly the
tree ``read_yaml_reference`` returns (values, types, key order and positions).
``tests/engine/test_yamlfast.py`` checks that differentially.

Speed comes from one regular expression per line for the common ``key: value`` and
``- key: value`` lines, handled without further calls; block scalar bodies taken
as slices of lines; a cache of typed plain scalars; and the cyclic garbage collector
paused while the tree is built.

Why keep a reader of our own (measured, issue 15): on the shipped story it saves
about 26 ms of a 150 ms load; at 10,000 scenes it is 3 times faster than PyYAML's C
loader with the collector paused; it matched PyYAML on every document of the
millions fuzzed. The Rust YAML libraries on the package index are faster still, but
they give no line and column for a value, and every diagnostic needs one. If PyYAML ever gives
positions as fast, or this subset grows hard to keep exact, delete this module:
:func:`game.engine.yamlread.read_yaml` works without it (``read_yaml_reference``).
"""

from __future__ import annotations

import datetime
import gc
import re
from typing import Any

import yaml

from game.engine.yamltree import MAX_DEPTH, MAX_NODES, MapNode, SeqNode

Pos = tuple[int, int]


class NotSimple(Exception):
    """The text uses YAML outside the fast reader's subset; use the reference reader."""


NOT_SIMPLE: Any = object()

# Container kinds on the stack of open block collections.
_MAP = 0
_SEQ = 1
_INDENTLESS_SEQ = 2  # a sequence at the same column as the key that owns it

# Deepest stack of open block collections we accept; the reference's own limit
# (MAX_DEPTH) is reported by the reference reader, so stay well below it.
_MAX_OPEN = MAX_DEPTH - 4

# libyaml refuses simple keys longer than 1024 characters; leave those to it.
_MAX_KEY_SPAN = 1000

# ---------------------------------------------------------------------------
# Whole-text checks

# UTF-8 byte sequences of characters YAML does not accept in a stream, or that we
# leave to the reference reader: C1 controls (U+0080-U+009F, which include the NEL
# line break), the LS/PS line breaks, the byte order mark and the non-characters
# U+FFFE/U+FFFF.
_ODD_UTF8 = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]")
# Bytes that are fine in the ASCII range: everything but C0 controls (newline
# excepted) and DEL. Tabs and carriage returns are handled before this check.
_FINE_BYTES = bytes([10, *range(0x20, 0x7F), *range(0x80, 0x100)])


_DOCUMENT_START = re.compile(r"---(?: *| +#.*)$")
_BLOCK_HEADER = re.compile(r"([|>])([-+]?)(?: *| +#.*)$")

# ---------------------------------------------------------------------------
# Scalars

# Unrolled loops ("normal* (special normal*)*"): linear, and without the per-character
# backtracking stack that made a 25 MB quoted line cost gigabytes.
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_SINGLE_QUOTED = re.compile(r"'([^']*(?:''[^']*)*)'")
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}

# Characters that cannot start a plain scalar here. ("-" may, when followed by a
# character that is not blank; "?" and ":" could too, but we leave them to PyYAML.)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# A plain scalar inside a one-line flow collection: no ":" or "#" at all (cheaper
# than deciding what libyaml makes of them), no flow indicators.
_FLOW_PLAIN = re.compile(r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-[^ ,\[\]{}#:])[^,\[\]{}#:]*")

_IMPLICIT: dict[Any, list[tuple[str, re.Pattern[str]]]] = (
    yaml.resolver.Resolver.yaml_implicit_resolvers
)
_WILDCARD = list(_IMPLICIT.get(None, []))


class _Everything:
    """A set that contains every character."""

    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()
_STR_TAG = "tag:yaml.org,2002:str"
_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_constructor = yaml.constructor.SafeConstructor()
# First characters for which the resolver may give a plain scalar another type
# than str (all of them when the table has catch-all entries).
_TYPED_FIRST: Any = (
    frozenset(first for first in _IMPLICIT if first) if not _WILDCARD else _EVERYTHING
)
# Values of short plain scalars that needed the resolver, by their text.
_plain_cache: dict[str, Any] = {}
_CACHED_LENGTH = 64
_CACHE_SIZE = 20_000


def _resolve_plain(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (same table, same order)."""
    resolvers = _IMPLICIT.get(text[0] if text else "", [])
    for tag, regexp in resolvers + _WILDCARD:
        if regexp.match(text):
            return tag
    return _STR_TAG


def _construct_plain(text: str) -> Any:
    """Build a plain scalar's value as SafeConstructor would, dates as ISO strings."""
    tag = _resolve_plain(text)
    if tag == _STR_TAG:
        return text
    if tag not in _SAFE_SCALAR_TAGS:
        raise NotSimple
    node = yaml.ScalarNode(tag, text)
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:
        raise NotSimple from None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _plain(text: str) -> Any:
    """Value of a one-line plain scalar (already stripped and checked)."""
    if text[0] not in _TYPED_FIRST:
        return text
    try:
        return _plain_cache[text]
    except KeyError:
        pass
    value = _construct_plain(text)
    if len(text) <= _CACHED_LENGTH:
        if len(_plain_cache) > _CACHE_SIZE:
            _plain_cache.clear()
        _plain_cache[text] = value
    return value


def _inline_value(text: str) -> Any:
    """The plain value after ``key: `` on a line, without a trailing comment."""
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise NotSimple
    return _plain(text) if text[0] in _TYPED_FIRST else text


def _plain_start_ok(text: str) -> bool:
    """Whether a plain scalar may start this way (conservatively)."""
    if not text:
        return False
    first = text[0]
    if first not in _INDICATORS:
        return True
    return first == "-" and len(text) > 1 and text[1] not in " :#,[]{}"


def _unescape(body: str) -> str:
    def replace(match: re.Match[str]) -> str:
        simple = match.group(4)
        if simple is not None:
            try:
                return _SIMPLE_ESCAPES[simple]
            except KeyError:
                raise NotSimple from None
        code = int(match.group(1) or match.group(2) or match.group(3), 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise NotSimple
        return chr(code)

    return _ESCAPE.sub(replace, body)


def _quoted(line: str, start: int) -> tuple[str, int]:
    """A one-line quoted scalar starting at ``line[start]``: its value and end index."""
    if line[start] == '"':
        match = _DOUBLE_QUOTED.match(line, start)
        if match is None:
            raise NotSimple
        body = match.group(1)
        return (_unescape(body) if "\\" in body else body), match.end()
    match = _SINGLE_QUOTED.match(line, start)
    if match is None:
        raise NotSimple
    return match.group(1).replace("''", "'"), match.end()


def _only_comment_after(line: str, index: int) -> None:
    """Raise unless ``line[index:]`` is blank or blanks and a comment."""
    rest = line[index:]
    if not rest:
        return
    stripped = rest.lstrip(" ")
    if stripped and (stripped[0] != "#" or len(stripped) == len(rest)):
        raise NotSimple


def _skip_spaces(line: str, index: int) -> int:
    length = len(line)
    while index < length and line[index] == " ":
        index += 1
    return index


def _flow_scalar(line: str, index: int) -> tuple[Any, int]:
    """A scalar item inside a one-line flow collection: its value and end index."""
    char = line[index : index + 1]
    if char == '"' or char == "'":
        return _quoted(line, index)
    match = _FLOW_PLAIN.match(line, index)
    if match is None:
        raise NotSimple
    text = match.group().rstrip(" ")
    return _plain(text), index + len(text)


def _flow(line: str, start: int, number: int) -> tuple[Any, int]:
    """A one-line flow sequence or mapping of scalars starting at ``line[start]``."""
    is_map = line[start] == "{"
    closer = "}" if is_map else "]"
    node: MapNode | SeqNode = (
        MapNode((number, start + 1)) if is_map else SeqNode((number, start + 1))
    )
    index = _skip_spaces(line, start + 1)
    if line[index : index + 1] == closer:
        return node, index + 1
    while True:
        item_pos = (number, index + 1)
        value, index = _flow_scalar(line, index)
        index = _skip_spaces(line, index)
        if isinstance(node, MapNode):
            if line[index : index + 2] != ": " or index - item_pos[1] > _MAX_KEY_SPAN:
                raise NotSimple
            key = value
            if key in node or (isinstance(key, str) and ": " in key):
                raise NotSimple
            index = _skip_spaces(line, index + 2)
            value_pos = (number, index + 1)
            value, index = _flow_scalar(line, index)
            node[key] = value
            node.key_pos[key] = item_pos
            node.value_pos[key] = value_pos
            index = _skip_spaces(line, index)
        else:
            node.append(value)
            node.item_pos.append(item_pos)
        char = line[index : index + 1]
        if char == closer:
            return node, index + 1
        if char != ",":
            raise NotSimple
        index = _skip_spaces(line, index + 1)
        if line[index : index + 1] == closer:
            raise NotSimple  # a trailing comma: valid, but left to PyYAML


def _block_scalar(
    lines: list[str], header_line: int, style: str, chomping: str, parent_indent: int
) -> tuple[str, int]:
    """A ``|`` or ``>`` block scalar whose header is on ``lines[header_line]``.

    Follows libyaml's rules: the content indentation is the largest indentation
    among the leading empty lines and the first content line (at least one more
    than the enclosing block's); a line with fewer spaces that is not empty ends
    the scalar. Returns the value and the index of the first line after it.
    """
    last = len(lines) - 1
    index = header_line + 1
    max_indent = 0
    leading_breaks = 0
    while index <= last:
        line = lines[index]
        content = line.lstrip(" ")
        column = len(line) - len(content)
        if column > max_indent:
            max_indent = column
        if content or index == last:
            break
        leading_breaks += 1
        index += 1
    indent = max(max_indent, parent_indent + 1, 1)
    prefix = " " * indent
    if style == "|":
        return _literal_body(lines, index, indent, prefix, leading_breaks, chomping)
    return _folded_body(lines, index, indent, prefix, leading_breaks, chomping)


def _literal_body(
    lines: list[str], index: int, indent: int, prefix: str, leading_breaks: int, chomping: str
) -> tuple[str, int]:
    last = len(lines) - 1
    first = index
    end_of_content = index  # one past the last content line
    while index <= last:
        line = lines[index]
        if line.startswith(prefix) and len(line) > indent:
            index += 1
            end_of_content = index
        elif index < last and not line.lstrip(" "):
            index += 1
        else:
            break
    trailing_breaks = index - end_of_content
    if end_of_content == first:  # no content at all
        body = ""
        trailing_breaks += leading_breaks
    else:
        body = "\n" * leading_breaks + "\n".join(
            [line[indent:] for line in lines[first:end_of_content]]
        )
        if chomping != "-" and end_of_content - 1 < last:
            body += "\n"
    if chomping == "+":
        body += "\n" * trailing_breaks
    return body, index


def _folded_body(
    lines: list[str], index: int, indent: int, prefix: str, leading_breaks: int, chomping: str
) -> tuple[str, int]:
    last = len(lines) - 1
    parts: list[str] = []
    leading_break = ""
    trailing_breaks = "\n" * leading_breaks
    leading_blank = False
    while index <= last:
        line = lines[index]
        if line.startswith(prefix) and len(line) > indent:
            content = line[indent:]
            trailing_blank = content[0] == " "
            if leading_break and not leading_blank and not trailing_blank:
                if not trailing_breaks:
                    parts.append(" ")
            else:
                parts.append(leading_break)
            parts.append(trailing_breaks)
            trailing_breaks = ""
            leading_blank = trailing_blank
            parts.append(content)
            leading_break = "\n" if index < last else ""
            index += 1
        elif index < last and not line.lstrip(" "):
            trailing_breaks += "\n"
            index += 1
        else:
            break
    if chomping != "-":
        parts.append(leading_break)
    if chomping == "+":
        parts.append(trailing_breaks)
    return "".join(parts), index


# ---------------------------------------------------------------------------
# Block structure


# The common key: plain, without ":" or "#" in it, then ":" and a blank or the end.
# Written as words separated by runs of spaces, so that no run of spaces can be read
# two ways: a line of many spaces costs linear time, not quadratic (a key written as
# a lazy "[^:#]*?" before " *:" took seconds on a line of 20,000 spaces).
_KEY = r"[^-?:,\[\]{}#&*!|>'\"%@` ][^:# ]*(?: +[^:# ]+)*"
_SIMPLE_KEY = re.compile(rf"({_KEY}) *(:)(?: +|$)")
# The common line: indentation, maybe "- ", and such a key. (Not "..." at the start,
# which at column 0 could be a document end marker.)
_COMMON_LINE = re.compile(rf"( *)(?:(-) +)?(?!\.\.\.)({_KEY}) *(:)(?: +|$)")
# Another common line: "- " and a plain scalar without ":" or "#" in it.
_PLAIN_ITEM_LINE = re.compile(r"( *)- +(?!\.\.\.)([^-?:,\[\]{}#&*!|>'\"%@` ][^:#]*)$")
# First characters after "key: " that need more than the plain-scalar fast path.
_SPECIAL_VALUE_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _plain_key(text: str) -> int:
    """Where the ``:`` of a plain ``key: value`` in ``text`` stands, or -1 if none."""
    colon = text.find(": ")
    if colon < 0:
        if text[-1] != ":":
            return -1
        colon = len(text) - 1
    comment = text.find(" #")
    if 0 <= comment < colon:
        return -1
    return colon


def _key_at(line: str, column: int) -> tuple[Any, int, int] | None:
    """The key of a ``key: value`` starting at ``line[column]``, if it is one.

    Returns the key's value, the index of its ``:`` and the index where the value
    (or a comment, or the end of the line) starts.
    """
    match = _SIMPLE_KEY.match(line, column)
    if match is not None:
        colon = match.start(2)
        if colon - column > _MAX_KEY_SPAN:
            raise NotSimple
        return _plain(match.group(1)), colon, match.end()
    first = line[column]
    if first == '"' or first == "'":
        key, end = _quoted(line, column)
        colon = _skip_spaces(line, end)
        if line[colon : colon + 1] != ":" or line[colon + 1 : colon + 2] not in ("", " "):
            return None
        if ": " in key or colon - column > _MAX_KEY_SPAN:
            raise NotSimple
        return key, colon, _skip_spaces(line, colon + 1)
    if first == "[" or first == "{":
        return None
    colon = _plain_key(line[column:])
    if colon < 0:
        return None
    colon += column
    key_text = line[column:colon].rstrip(" ")
    if not _plain_start_ok(key_text) or colon - column > _MAX_KEY_SPAN:
        raise NotSimple
    return _plain(key_text), colon, _skip_spaces(line, colon + 1)


# A one-line flow sequence of plain scalars that need no care: "[a, b c]".
_SIMPLE_FLOW_ITEM = r"[^-?:,\[\]{}#&*!|>'\"%@` ][^,\[\]{}#:]*"
_SIMPLE_FLOW_SEQ = re.compile(rf"\[( *{_SIMPLE_FLOW_ITEM}(?:, *{_SIMPLE_FLOW_ITEM})*)\](?: *$| +#)")


def _simple_flow_seq(match: re.Match[str], number: int, start: int) -> SeqNode:
    """The sequence a :data:`_SIMPLE_FLOW_SEQ` match stands for."""
    seq = SeqNode((number, start + 1))
    column = start + 2  # 1-based column of the first character after "["
    for part in match.group(1).split(","):
        item = part.lstrip(" ")
        item_column = column + len(part) - len(item)
        item = item.rstrip(" ")
        seq.append(_plain(item) if item[0] in _TYPED_FIRST else item)
        seq.item_pos.append((number, item_column))
        column += len(part) + 1
    return seq


# A place waiting for a value: (the MapNode or SeqNode, or None for the document's
# root; the key in a MapNode; where the value stands if it turns out empty).
_Slot = tuple[Any, Any, Pos]


class _Composer:
    """Builds the located tree from the lines of one document."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # Open block collections, innermost last: [indent, node, kind].
        self.stack: list[list[Any]] = []
        # The slot waiting for a value, if any.
        self.pending: _Slot | None = None
        self.next_index = 0  # where fill_pending left off
        self.root: Any = None

    # -- placing values -----------------------------------------------------

    def put(self, container: Any, key: Any, value: Any, pos: Pos) -> None:
        if container is None:
            self.root = value
        elif isinstance(container, MapNode):
            container[key] = value
            container.value_pos[key] = pos
        else:
            container.append(value)
            container.item_pos.append(pos)

    def push(self, indent: int, node: Any, kind: int) -> None:
        if len(self.stack) >= _MAX_OPEN:
            raise NotSimple
        self.stack.append([indent, node, kind])

    # -- the document -------------------------------------------------------

    def run(self) -> Any:
        lines = self.lines
        count = len(lines)
        index = self.skip_document_start()
        if index < 0:
            return None
        self.pending = (None, None, (index + 1, 1))
        stack = self.stack
        common_line = _COMMON_LINE.match
        typed_first = _TYPED_FIRST
        special_start = _SPECIAL_VALUE_START
        simple_flow_seq = _SIMPLE_FLOW_SEQ.match
        plain_item_line = _PLAIN_ITEM_LINE.match
        value: Any
        while index < count:
            line = lines[index]
            match = common_line(line)
            if match is None:
                item = plain_item_line(line)
                if item is None:
                    index = self.general_line(line, index)
                else:
                    index = self.plain_item(item, index)
                continue
            # The common line, "key: ..." or "- key: ...", read here without calls.
            spans = match.regs  # whole match, indentation, "-", key, ":"
            indent = spans[1][1]
            number = index + 1
            is_item = spans[2][0] >= 0
            if self.pending is not None:
                self.open_for_pending(self.pending, indent, number, is_item)
            if not stack:
                raise NotSimple  # something after the root node
            top = stack[-1]
            while top[0] > indent:
                stack.pop()
                if not stack:
                    raise NotSimple  # something after the root collection
                top = stack[-1]
            if top[0] != indent:
                raise NotSimple
            kind = top[2]
            key_column, key_end = spans[3]
            if is_item:  # "- key: ...": a new mapping in a sequence
                if kind == _MAP or len(stack) >= _MAX_OPEN:
                    raise NotSimple
                mapping = MapNode((number, key_column + 1))
                seq = top[1]
                seq.append(mapping)
                seq.item_pos.append(mapping.pos)
                stack.append([key_column, mapping, _MAP])
            elif kind == _MAP:
                mapping = top[1]
            elif kind == _INDENTLESS_SEQ:
                stack.pop()
                mapping = stack[-1][1]
            else:
                raise NotSimple
            if spans[4][0] - key_column > _MAX_KEY_SPAN:
                raise NotSimple
            key = line[key_column:key_end]
            if key[0] in typed_first:
                key = _plain(key)
            if key in mapping:
                raise NotSimple
            mapping.key_pos[key] = (number, key_column + 1)
            start = spans[0][1]
            if start == len(line) or line[start] == "#":
                empty_pos = (number, spans[4][0] + 2)
                mapping[key] = None
                mapping.value_pos[key] = empty_pos
                self.pending = (mapping, key, empty_pos)
                index = number
                continue
            first = line[start]
            if first == "[" and (flow := simple_flow_seq(line, start)) is not None:
                value = _simple_flow_seq(flow, number, start)
                index = number
            elif first in special_start:
                mapping[key] = None  # keeps the key's place while the value is read
                value, index = self.value(line, start, index)
            else:
                value = _inline_value(line[start:])
                index = number
            mapping[key] = value
            mapping.value_pos[key] = (number, start + 1)
        pending = self.pending
        if pending is not None:
            if pending[0] is None:
                return None
            self.put(pending[0], pending[1], None, pending[2])
        return self.root

    def plain_item(self, match: re.Match[str], index: int) -> int:
        """Read a ``- plain words`` line matched by :data:`_PLAIN_ITEM_LINE`."""
        indent = match.end(1)
        number = index + 1
        if self.pending is not None:
            self.open_for_pending(self.pending, indent, number, True)
        top = self.close_deeper(indent)
        if top[0] != indent or top[2] == _MAP:
            raise NotSimple
        text = match.group(2).rstrip(" ")
        seq = top[1]
        seq.append(_plain(text) if text[0] in _TYPED_FIRST else text)
        seq.item_pos.append((number, match.start(2) + 1))
        return number

    def close_deeper(self, indent: int) -> list[Any]:
        """Close the collections indented deeper than ``indent``; return the one left."""
        stack = self.stack
        if not stack:
            raise NotSimple  # something after the root node
        while stack[-1][0] > indent:
            stack.pop()
            if not stack:
                raise NotSimple  # something after the root collection
        return stack[-1]

    def open_for_pending(self, pending: _Slot, indent: int, number: int, is_item: bool) -> None:
        """Before a common line: give the waiting slot a new collection, or null.

        Like :meth:`fill_pending` for a line that holds ``key: ...`` or ``- ...``;
        the caller then reads the line into the open collection.
        """
        container, key, empty_pos = pending
        self.pending = None
        stack = self.stack
        top_indent = stack[-1][0] if stack else -1
        node: MapNode | SeqNode
        if indent > top_indent:
            node = SeqNode((number, indent + 1)) if is_item else MapNode((number, indent + 1))
            kind = _SEQ if is_item else _MAP
        elif indent == top_indent and is_item and stack[-1][2] == _MAP:
            node = SeqNode((number, indent + 1))
            kind = _INDENTLESS_SEQ
        else:
            self.put(container, key, None, empty_pos)
            return
        self.put(container, key, node, node.pos)
        self.push(indent, node, kind)

    def general_line(self, line: str, index: int) -> int:
        """Read any line the common-line pattern does not cover; returns the next index."""
        text = line.lstrip(" ")
        if not text or text[0] == "#":
            return index + 1
        indent = len(line) - len(text)
        if indent == 0 and (text.startswith("---") or text.startswith("...")):
            raise NotSimple
        if self.pending is not None and self.fill_pending(self.pending, line, text, indent, index):
            return self.next_index
        top = self.close_deeper(indent)
        if top[0] != indent:
            raise NotSimple
        is_entry = text[0] == "-" and (len(text) == 1 or text[1] == " ")
        kind = top[2]
        if kind == _MAP:
            if is_entry:
                raise NotSimple
            return self.map_entry(top[1], line, indent, index)
        if is_entry:
            return self.seq_item(top[1], line, indent, index)
        if kind == _INDENTLESS_SEQ:
            self.stack.pop()
            return self.map_entry(self.stack[-1][1], line, indent, index)
        raise NotSimple

    def fill_pending(self, pending: _Slot, line: str, text: str, indent: int, index: int) -> bool:
        """Give the waiting slot its value; True if this line was that value.

        A line indented deeper than the open collection starts the value; a
        ``-`` at the column of the mapping that waits starts a sequence that is
        not indented; anything else leaves the slot empty (null).
        """
        container, key, empty_pos = pending
        self.pending = None
        stack = self.stack
        top = stack[-1] if stack else None
        top_indent = top[0] if top is not None else -1
        if indent > top_indent:
            self.next_index = self.node(line, text, indent, index, container, key)
            return True
        if (
            top is not None
            and indent == top_indent
            and top[2] == _MAP
            and text[0] == "-"
            and (len(text) == 1 or text[1] == " ")
        ):
            seq = SeqNode((index + 1, indent + 1))
            self.put(container, key, seq, seq.pos)
            self.push(indent, seq, _INDENTLESS_SEQ)
            self.next_index = self.seq_item(seq, line, indent, index)
            return True
        self.put(container, key, None, empty_pos)
        if not stack:
            raise NotSimple
        return False

    def skip_document_start(self) -> int:
        """Index of the first line after comments and an optional ``---``; -1 if none."""
        lines = self.lines
        for index, line in enumerate(lines):
            text = line.lstrip(" ")
            if not text or text[0] == "#":
                continue
            if _DOCUMENT_START.match(line):
                return index + 1
            return index
        return -1

    def node(self, line: str, text: str, column: int, index: int, container: Any, key: Any) -> int:
        """Read the node that starts at ``line[column]`` (``text``) into a slot."""
        number = index + 1
        if text[0] == "-" and (len(text) == 1 or text[1] == " "):
            seq = SeqNode((number, column + 1))
            self.put(container, key, seq, seq.pos)
            self.push(column, seq, _SEQ)
            return self.seq_item(seq, line, column, index)
        found = _key_at(line, column)
        if found is not None:
            mapping = MapNode((number, column + 1))
            self.put(container, key, mapping, mapping.pos)
            self.push(column, mapping, _MAP)
            return self.map_entry(mapping, line, column, index, found)
        value, after = self.value(line, column, index)
        self.put(container, key, value, (number, column + 1))
        return after

    def seq_item(self, seq: SeqNode, line: str, column: int, index: int) -> int:
        """Read the item after the ``-`` at ``line[column]``."""
        start = _skip_spaces(line, column + 1)
        if start == len(line) or line[start] == "#":
            self.pending = (seq, None, (index + 1, column + 2))
            return index + 1
        return self.node(line, line[start:], start, index, seq, None)

    def map_entry(
        self,
        mapping: MapNode,
        line: str,
        column: int,
        index: int,
        found: tuple[Any, int, int] | None = None,
    ) -> int:
        """Read ``key: value`` starting at ``line[column]`` into ``mapping``."""
        if found is None:
            found = _key_at(line, column)
            if found is None:
                raise NotSimple
        key, colon, start = found
        if key in mapping:
            raise NotSimple
        number = index + 1
        mapping.key_pos[key] = (number, column + 1)
        if start == len(line) or line[start] == "#":
            mapping[key] = None
            mapping.value_pos[key] = (number, colon + 2)
            self.pending = (mapping, key, (number, colon + 2))
            return index + 1
        if line[start] in _SPECIAL_VALUE_START:
            mapping[key] = None  # keeps the key's place while the value is read
            value, after = self.value(line, start, index)
        else:
            value = _inline_value(line[start:])
            after = index + 1
        mapping[key] = value
        mapping.value_pos[key] = (number, start + 1)
        return after

    def value(self, line: str, start: int, index: int) -> tuple[Any, int]:
        """A scalar or flow value starting at ``line[start]``; returns it and the next line."""
        first = line[start]
        if first == '"' or first == "'":
            value, end = _quoted(line, start)
            _only_comment_after(line, end)
            return value, index + 1
        if first == "[" or first == "{":
            value, end = _flow(line, start, index + 1)
            _only_comment_after(line, end)
            return value, index + 1
        if first == "|" or first == ">":
            header = _BLOCK_HEADER.match(line, start)
            if header is None:
                raise NotSimple
            parent_indent = self.stack[-1][0] if self.stack else -1
            return _block_scalar(self.lines, index, header.group(1), header.group(2), parent_indent)
        text = line[start:]
        comment = text.find(" #")
        if comment >= 0:
            text = text[:comment]
        text = text.rstrip(" ")
        if not _plain_start_ok(text) or ": " in text or text[-1] == ":":
            raise NotSimple
        return _plain(text), index + 1


def _prepare(text: str) -> list[str]:
    """Check the characters of a document and split it into lines; raise if unusual."""
    if "\t" in text:
        raise NotSimple
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise NotSimple
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise NotSimple from None
    if data.translate(None, _FINE_BYTES):
        raise NotSimple
    if data.count(b",") > MAX_NODES:
        # Possibly a flow collection of more values than a file may hold: the
        # reference reader counts them without building them.
        raise NotSimple
    if not text.isascii() and _ODD_UTF8.search(data):
        raise NotSimple
    return text.split("\n")


def compose(text: str) -> Any:
    """Read one YAML document of the simple subset into a located tree.

    Returns what :func:`game.engine.yamlread.read_yaml_reference` would return
    (``None`` for an empty document), or raises :class:`NotSimple` when the text
    needs the reference reader. Never raises anything else: should the fast
    reader itself fail on some input, that input goes to the reference reader.
    """
    try:
        return _compose(text)
    except NotSimple:
        raise
    except Exception:  # a fault here must never cost the writer a load
        raise NotSimple from None


def _compose(text: str) -> Any:
    """:func:`compose` without the safety net (the tests call this one)."""
    lines = _prepare(text)
    # Building the tree allocates hundreds of thousands of containers; the cyclic
    # garbage collector would scan them again and again for nothing (they hold
    # no cycles), which costs a third of the time on a large story.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Composer(lines).run()
    finally:
        if collecting:
            gc.enable()
