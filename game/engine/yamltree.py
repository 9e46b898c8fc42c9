"""The located YAML tree both readers build, and the limits they share.

A story file becomes a tree of :class:`MapNode` (a ``dict``) and :class:`SeqNode`
(a ``list``) whose leaves are plain Python scalars; each container keeps the
1-based (line, column) of itself, its keys and its values. This module has one
job, holding those shapes and the size limits, so that the reference reader
(:mod:`game.engine.yamlread`) and the fast reader (:mod:`game.engine.yamlfast`)
both build on it without importing each other.
"""

from __future__ import annotations

from typing import Any

Pos = tuple[int, int]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
#: At most this many lines in one story file (the longest chapter has about 2,000; the
#: benchmark's 10,000-scene story, one file, has about 160,000).
MAX_LINES = 250_000
#: At most this many values (keys, list items, scalars, mappings, lists) in one file
#: (the 10,000-scene story has about 320,000, and loads in about a second).
MAX_NODES = 400_000
#: At most this many values in all the files of a story with its mods (the shipped
#: story has about 10,000): bounds lint and load to a few seconds for any input.
MAX_STORY_NODES = 500_000


class MapNode(dict[Any, Any]):
    """A YAML mapping: a dict that also knows where it, its keys and its values stand."""

    __slots__ = ("key_pos", "pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[Any, Pos] = {}
        self.value_pos: dict[Any, Pos] = {}


class SeqNode(list[Any]):
    """A YAML sequence: a list that also knows where it and each item stand."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []
