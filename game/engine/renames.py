"""Declared scene renames (``renames:`` in story.yaml and in mod.yaml): reading, checking.

A rename ``old_id: new_id`` says that a save made at ``old_id`` goes on at ``new_id``.
The story's renames and every mod's are merged into one table (``Story.renames``),
which saves, live reload and the class report follow. The checks, the same for the
story and for mods:

- E014: a rename that is not ``old_id: new_id``;
- E056: a mod renames an id the story (or an earlier mod) already renames otherwise;
- W144: the old id is still a scene, so the rename never applies (saves there stay);
- W145: the new id (after following further renames) is not a scene, so saves made at
  the old id move to the start of their chapter as if nothing were declared.
"""

from __future__ import annotations

from collections.abc import Collection, Container
from dataclasses import dataclass

from game.engine.diagnostics import did_you_mean
from game.engine.fields import Reporter
from game.engine.model import Loc
from game.engine.yamlread import MapNode


@dataclass(frozen=True, slots=True)
class Rename:
    """One declared rename and where it was written."""

    old: str
    new: str
    loc: Loc
    #: The file to edit, as a message names it: "story.yaml" or "mod.yaml".
    where: str
    #: The mod that declared it, or None for the story's own.
    mod: str | None = None


def read_renames(
    reporter: Reporter, node: MapNode | None, file: str, where: str, mod: str | None = None
) -> list[Rename]:
    """The renames of one ``renames:`` mapping; E014 for an entry that is not two ids."""
    found: list[Rename] = []
    if node is None:
        return found
    for old, new in node.items():
        line, col = node.key_pos[old]
        loc = Loc(file, line, col)
        if isinstance(old, str) and isinstance(new, str):
            found.append(Rename(old, new, loc, where, mod))
        else:
            reporter.error("E014", loc, "a rename is 'old_id: new_id'")
    return found


def merge_renames(reporter: Reporter, renames: list[Rename]) -> dict[str, str]:
    """One table from the story's renames and the mods' (in that order): E056 for a mod
    renaming an id that is renamed already."""
    table: dict[str, str] = {}
    first: dict[str, Rename] = {}
    for rename in renames:
        earlier = first.get(rename.old)
        if earlier is not None:
            if earlier.new != rename.new:
                by = "the story" if earlier.mod is None else f"mod '{earlier.mod}'"
                at = earlier.loc
                reporter.error(
                    "E056",
                    rename.loc,
                    f"'{rename.old}' is already renamed to '{earlier.new}' by {by} (at"
                    f" {at.file}:{at.line}:{at.column}): a save can follow one rename only;"
                    " remove this one, or give your scene an id of its own",
                )
            continue
        first[rename.old] = rename
        table[rename.old] = rename.new
    return table


def follow(renames: dict[str, str], scenes: Container[str], scene_id: str) -> str:
    """Where ``scene_id`` leads by ``renames`` (stopping at a scene or a loop)."""
    seen: set[str] = set()
    while scene_id not in scenes and scene_id in renames and scene_id not in seen:
        seen.add(scene_id)
        scene_id = renames[scene_id]
    return scene_id


def check_renames(
    reporter: Reporter, renames: list[Rename], table: dict[str, str], scenes: Collection[str]
) -> None:
    """W144 for a rename whose old id is still a scene; W145 for one whose new id is not."""
    for rename in renames:
        if table.get(rename.old) != rename.new:
            continue  # refused by merge_renames
        if rename.old in scenes:
            reporter.warning(
                "W144",
                rename.loc,
                f"scene '{rename.old}' still exists, so this rename never applies: saves made"
                f" there stay in '{rename.old}'. Remove the rename from {rename.where}, or"
                f" rename the scene to '{rename.new}'",
            )
            continue
        target = follow(table, scenes, rename.new)
        if target not in scenes:
            shown = (
                f"'{rename.new}'"
                if target == rename.new
                else f"'{rename.new}' (and on to '{target}')"
            )
            reporter.warning(
                "W145",
                rename.loc,
                f"'{rename.old}' is renamed to {shown}, which is not a scene"
                + did_you_mean(target, scenes)
                + f": saves made at '{rename.old}' will move to the start of their chapter."
                " Name the scene's new id",
            )
