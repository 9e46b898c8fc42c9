"""The fingerprint of a scene's meaning: what a mod records of the story scene it copies.

A mod that replaces a story scene writes, under ``replaces:`` in its ``mod.yaml``, the
hash of the story's scene as it was when the mod copied it. When the story's writers
change that scene, its hash changes, and lint tells the modder that their copy is out of
date (W141). The hash covers what the scene *says and does*, not where it stands:

- every field of the scene and everything inside it (text, conditions, effects,
  choices, notes, cards, prompts, the ending), as the YAML reader gives them;
- mapping keys in sorted order, so the order of fields does not count; lists (the
  choices, text parts, effects) in their order, which does;
- in every text, runs of spaces and line breaks within a paragraph count as one space,
  and blank lines between paragraphs as one paragraph break, so re-wrapping a paragraph
  or changing its indentation does not count; words, punctuation and paragraphs do.

Not covered: the scene's id (the key above it), its chapter, its file, its line and
column, comments, and the quoting style of a value. Moving a scene to another file, or
to another place in its file, keeps its hash.

The hash is the first 40 bits of SHA-256 over that normal form, written as 8 characters
of lower-case base32 (``a``-``z``, ``2``-``7``): never a YAML number with a leading
zero, never a word YAML reads as true/false, so it can be written unquoted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

#: A scene hash as ``scene_hash`` writes it.
HASH_RE = re.compile(r"^[a-z2-7]{8}$")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"\s+")


def _normal_text(text: str) -> str:
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    return "\n\n".join(_SPACES.sub(" ", paragraph).strip() for paragraph in paragraphs)


def normal_form(node: Any) -> Any:
    """The scene's YAML tree as plain JSON values, texts normalised (see the module)."""
    if isinstance(node, dict):
        return {str(key): normal_form(value) for key, value in node.items()}
    if isinstance(node, list):
        return [normal_form(item) for item in node]
    if isinstance(node, str):
        return _normal_text(node)
    if isinstance(node, float) and node != node:  # NaN: keep the hash defined
        return "nan"
    return node


def scene_hash(node: Any) -> str:
    """The 8-character hash of a scene's YAML tree (the value under its id)."""
    text = json.dumps(
        normal_form(node), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return base64.b32encode(digest[:5]).decode("ascii").lower()


def saved_hash(value: Any) -> str | None:
    """A hash as written in mod.yaml (a string; a number if YAML read it as one), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and HASH_RE.match(value.strip()):
        return value.strip()
    return None
