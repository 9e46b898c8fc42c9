"""Reading YAML story files into plain data that remembers where each value stood.

A story file becomes a tree of :class:`MapNode` (a ``dict``) and :class:`SeqNode`
(a ``list``) whose leaves are plain Python scalars. Each container keeps the
1-based (line, column) of itself, of its keys and of its values, so that the
validator can point at the exact place of a problem.

Reading is safe by construction: PyYAML's C parser with the safe resolver, no
tags, no anchors or aliases (refused with a diagnostic, which also defuses
"billion laughs" files), a size limit, a nesting limit and UTF-8 only. Any input
whatsoever gives a tree or diagnostics, never a traceback.

:func:`read_yaml` first tries the fast reader in :mod:`game.engine.yamlfast`,
which handles the plain block style writers use, and falls back to PyYAML for
everything else. Both give the same tree; tests compare them.
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from game.engine import yamlfast, yamltraps
from game.engine.diagnostics import Diagnostic
from game.engine.yamltree import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_LINES,
    MAX_NODES,
    MAX_STORY_NODES,
    MapNode,
    Pos,
    SeqNode,
)
from game.errors import LastTrainHomeError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_LINES",
    "MAX_NODES",
    "MAX_STORY_NODES",
    "MapNode",
    "Pos",
    "SeqNode",
    "YamlProblem",
    "count_nodes",
    "decode_source",
    "read_yaml",
    "read_yaml_reference",
]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlProblem(LastTrainHomeError):
    """Raised inside the readers; turned into one diagnostic by :func:`read_yaml`."""

    def __init__(self, code: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column
        self.message = message


def decode_source(data: bytes, filename: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file's bytes as UTF-8 text, or explain why it is not a text file."""
    if len(data) > MAX_FILE_BYTES:
        mib = len(data) / (1024 * 1024)
        return None, [
            Diagnostic(
                "E002",
                "error",
                filename,
                1,
                1,
                f"file is {mib:.1f} MiB; story files may be at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB: split it into several chapter files",
            )
        ]
    if b"\0" in data:
        return None, [
            Diagnostic(
                "E003",
                "error",
                filename,
                1,
                1,
                "this is not a text file (it contains NUL bytes): story files are UTF-8 YAML text",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                "E003",
                "error",
                filename,
                line,
                col,
                "this file is not valid UTF-8 text: save it as UTF-8 in your editor",
            )
        ]
    return text, []


def read_yaml(text: str, filename: str) -> tuple[Any, list[Diagnostic]]:
    """Parse one YAML document into a located tree, or return diagnostics.

    An empty file gives ``None`` and no diagnostics; the caller decides
    whether that is allowed.
    """

    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return None, [
            Diagnostic(
                "E009",
                "error",
                filename,
                MAX_LINES + 1,
                1,
                f"the file has {lines:,} lines; a story file may have at most {MAX_LINES:,}:"
                " split it into several chapter files",
            )
        ]
    tree, problems = _read_tree(text, filename)
    if problems or tree is None:
        return tree, problems
    crowded = _past_node_limit(tree)
    if crowded is not None:
        return None, [_too_many_nodes(filename, *crowded)]
    return tree, []


def _too_many_nodes(filename: str, line: int, column: int) -> Diagnostic:
    return Diagnostic(
        "E009",
        "error",
        filename,
        line,
        column,
        f"the file holds more than {MAX_NODES:,} values (keys, items and texts); a story"
        " file holds a few thousand: split it into several chapter files, or remove"
        " what is not story",
    )


def count_nodes(tree: Any) -> int:
    """How many values a located tree holds (as MAX_NODES counts them)."""
    count = 1
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, MapNode):
            count += 2 * len(node)
            stack.extend(node.values())
        elif isinstance(node, SeqNode):
            count += len(node)
            stack.extend(node)
    return count


def _past_node_limit(tree: Any) -> Pos | None:
    """Where a tree grows past MAX_NODES values (in document order), or None."""
    count = 0
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, MapNode):
            count += 1 + 2 * len(node)
            if count > MAX_NODES:
                return node.pos
            stack.extend(reversed(node.values()))
        elif isinstance(node, SeqNode):
            count += 1 + len(node)
            if count > MAX_NODES:
                return node.pos
            stack.extend(reversed(node))
    return None


def _read_tree(text: str, filename: str) -> tuple[Any, list[Diagnostic]]:
    try:
        fast = yamlfast.compose(text)
    except yamlfast.NotSimple:
        fast = yamlfast.NOT_SIMPLE
    except YamlProblem as problem:
        return None, [
            Diagnostic(
                problem.code, "error", filename, problem.line, problem.column, problem.message
            )
        ]
    if fast is not yamlfast.NOT_SIMPLE:
        return fast, []
    return read_yaml_reference(text, filename)


def read_yaml_reference(text: str, filename: str) -> tuple[Any, list[Diagnostic]]:
    """Parse with PyYAML's C parser (the reference reader)."""
    shape = _prescan(text)
    if shape is not None:
        code, line, column = shape
        if code == "E004":
            return None, [
                Diagnostic(
                    "E004",
                    "error",
                    filename,
                    line,
                    column,
                    f"the file nests deeper than {MAX_DEPTH} levels; story files are never"
                    " that deep",
                )
            ]
        return None, [_too_many_nodes(filename, line, column)]
    try:
        loader = yaml.CSafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        tab_problem = _leading_tab(text, line) if "\t" in text else None
        if tab_problem:
            return None, [
                Diagnostic(
                    "E001", "error", filename, tab_problem[0], tab_problem[1], tab_problem[2]
                )
            ]
        context = exc.context_mark.line + 1 if exc.context_mark else None
        trap = yamltraps.explain(text, line, col, problem, context)
        if trap is not None:
            return None, [
                Diagnostic(trap.code, "error", filename, trap.line, trap.column, trap.message)
            ]
        return None, [
            Diagnostic(
                "E001",
                "error",
                filename,
                line,
                col,
                f"YAML syntax: {problem}{_syntax_hint(problem)}",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Diagnostic("E001", "error", filename, 1, 1, f"YAML syntax: {exc}")]
    except RecursionError:
        return None, [
            Diagnostic(
                "E004", "error", filename, 1, 1, "the file nests too deeply to be a story file"
            )
        ]
    if root is None:
        return None, []
    try:
        return _convert(root, set(), 0), []
    except YamlProblem as problem:
        trap = yamltraps.explain_tag(text, problem.line, problem.column)
        if problem.code == "E006" and trap is not None:
            return None, [
                Diagnostic(trap.code, "error", filename, trap.line, trap.column, trap.message)
            ]
        return None, [
            Diagnostic(
                problem.code, "error", filename, problem.line, problem.column, problem.message
            )
        ]


_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, *_OPEN_EVENTS)


def _prescan(text: str) -> tuple[str, int, int] | None:
    """Walk the parser's events once: E004 past MAX_DEPTH, E009 past MAX_NODES.

    PyYAML's C composer recurses without a limit and crashes the interpreter on
    nesting tens of thousands deep, and builds every node of a huge file before we
    could count them; libyaml's parser itself keeps explicit stacks. So the events
    are read first and reading stops at the first node too deep or too many. Only
    real structure counts: brackets and dashes inside quoted or block text, or in
    comments, are not events. Returns (code, line, column) or None; a syntax error
    also gives None (the full parse then reports it).
    """
    loader = yaml.CSafeLoader(text)
    depth = 0
    count = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _CLOSE_EVENTS):
                depth -= 1
                continue
            if not isinstance(event, _NODE_EVENTS):
                continue
            count += 1
            # A node inside `depth` open collections: the same count as _convert's.
            problem = "E004" if depth > MAX_DEPTH else "E009" if count > MAX_NODES else None
            if problem is not None:
                mark = event.start_mark
                if mark is None:  # pragma: no cover - libyaml marks every event
                    return (problem, 1, 1)
                return (problem, mark.line + 1, mark.column + 1)
            if isinstance(event, _OPEN_EVENTS):
                depth += 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if "nesting depth" in str(exc.problem) and mark is not None:
            return ("E004", mark.line + 1, mark.column + 1)  # libyaml's own limit
        return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _leading_tab(text: str, before: int) -> tuple[int, int, str] | None:
    """The first line up to line ``before`` indented with a tab, after a syntax error."""
    for number, line in enumerate(text.split("\n")[:before], start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return (
                number,
                len(line) - len(stripped) + 1,
                "a tab is used for indentation; YAML indents with spaces only: "
                "replace the tab with spaces",
            )
    return None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return (
            " (a ': ' inside a value starts a new key: put the whole value in quotes,"
            " or use a block with '|')"
        )
    if "could not find expected ':'" in problem:
        return " (is a key missing its ':' or a line indented wrongly?)"
    if "found character '\\t'" in problem:
        return " (use spaces, not tabs)"
    return ""


_constructor = yaml.constructor.SafeConstructor()


def _pos(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_resolver = yaml.resolver.Resolver()


def _implicit_tag(node: yaml.Node) -> str:
    """The tag the node would have without an explicit one: a differing tag was written.

    Only tags that change nothing (``!!int 1``, ``!!str "a"``) pass; anything else,
    such as ``!!int "1"``, ``!!bool maybe`` or ``!!str {a: 1}``, is E006.
    """
    if isinstance(node, yaml.MappingNode):
        return "tag:yaml.org,2002:map"
    if isinstance(node, yaml.SequenceNode):
        return "tag:yaml.org,2002:seq"
    if isinstance(node, yaml.ScalarNode) and node.style in ("", None):
        resolve: Any = _resolver.resolve
        return str(resolve(yaml.ScalarNode, node.value, (True, False)))
    return "tag:yaml.org,2002:str"


def _convert(node: yaml.Node, seen: set[int], depth: int) -> Any:
    if depth > MAX_DEPTH:
        line, col = _pos(node)
        raise YamlProblem("E004", line, col, f"nesting deeper than {MAX_DEPTH} levels")
    if id(node) in seen:
        line, col = _pos(node)
        raise YamlProblem(
            "E005",
            line,
            col,
            "anchors and aliases (& and *) are not allowed in story files: write the value out",
        )
    if node.tag == "tag:yaml.org,2002:merge":
        line, col = _pos(node)
        raise YamlProblem("E005", line, col, "merge keys (<<) are not allowed in story files")
    if node.tag not in _SAFE_TAGS or node.tag != _implicit_tag(node):
        line, col = _pos(node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        text_hint = ""
        if tag.startswith("!") and not tag.startswith("!!") and tag[1:2].isalpha():
            text_hint = f" (if '{tag}' is meant as text, put it in quotes: '{tag}')"
        raise YamlProblem(
            "E006",
            line,
            col,
            f"YAML tag '{tag}' is not allowed in story files: remove it{text_hint}",
        )
    if isinstance(node, yaml.ScalarNode):
        seen.add(id(node))
        try:
            value = _constructor.construct_object(node, deep=True)
        except Exception as exc:  # any scalar PyYAML cannot build is the writer's problem
            line, col = _pos(node)
            raise YamlProblem("E006", line, col, f"value cannot be read: {exc}") from None
        finally:
            # construct_object memoises every node it sees; without this the shared
            # constructor kept every scalar node of every file read alive.
            _constructor.constructed_objects.pop(node, None)
            _constructor.recursive_objects.pop(node, None)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        seq = SeqNode(_pos(node))
        for item in node.value:
            seq.append(_convert(item, seen, depth + 1))
            seq.item_pos.append(_pos(item))
        return seq
    if isinstance(node, yaml.MappingNode):
        mapping = MapNode(_pos(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _pos(key_node)
                raise YamlProblem(
                    "E007", line, col, "a key must be a plain word, not a list or a mapping"
                )
            key = _convert(key_node, seen, depth + 1)
            if key in mapping:
                line, col = _pos(key_node)
                first = mapping.key_pos[key]
                raise YamlProblem(
                    "E008",
                    line,
                    col,
                    f"key '{key}' appears twice in this mapping (first at line {first[0]}): "
                    "remove or rename one",
                )
            mapping[key] = _convert(value_node, seen, depth + 1)
            mapping.key_pos[key] = _pos(key_node)
            mapping.value_pos[key] = _pos(value_node)
        return mapping
    line, col = _pos(node)  # pragma: no cover - PyYAML has only three node kinds
    raise YamlProblem("E006", line, col, "unknown YAML node")
