"""Restoring saved games, and keeping old saves working as a story changes.

``Runner.from_json`` is strict: a save whose scene is gone is refused. :func:`load_save`
is the forgiving way in: such a save loads at the nearest safe point, the first scene
of the chapter the save was in, and says so in a message the caller shows the player.
:func:`stranded_saves` compares two versions of a story and warns about every edit
that would move or refuse existing saves (``lint --against OLD_DIR``). Reading and
checking the save itself is :mod:`game.engine.savedata`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.diagnostics import Diagnostic
from game.engine.model import Loc, Story
from game.engine.runner import Runner
from game.engine.savedata import Relocation, chapter_start, read_state, resolve_scene
from game.engine.storyfiles import STORY_FILE, display_path

__all__ = [
    "LoadedSave",
    "Relocation",
    "chapter_start",
    "load_save",
    "resolve_scene",
    "stranded_saves",
]


@dataclass(frozen=True, slots=True)
class LoadedSave:
    """A restored game, and where it was moved to if its scene is gone (else None)."""

    runner: Runner
    relocation: Relocation | None = None
    #: The save's mods are loaded in other versions than it was made with (else None).
    mods_note: str | None = None

    @property
    def message(self) -> str | None:
        """What to tell the player, or None when the save loaded as it was made."""
        parts = [self.relocation.message if self.relocation else None, self.mods_note]
        said = [part for part in parts if part]
        return " ".join(said) if said else None


def load_save(story: Story, data: Any) -> LoadedSave:
    """Restore a save; one whose scene is gone loads at the start of its chapter.

    A good save gives exactly what ``Runner.from_json`` gives, with no relocation.
    A damaged, foreign or too new save still raises :class:`SaveError`, and a save made
    with mods that are not loaded raises :class:`ModsNotLoaded` (a SaveError).
    """
    state, relocation = read_state(story, data, relocate=True)
    return LoadedSave(Runner.restored(story, state), relocation, state.mods_note)


def _variable_kind(story: Story, name: str) -> str:
    return "true/false" if story.variables[name].type == "bool" else "number"


def stranded_saves(old: Story, new: Story) -> list[Diagnostic]:
    """Warnings for every edit from ``old`` to ``new`` that existing saves would feel.

    W109: a scene of the old story (or of an old version of a mod laid over it) is gone
    from the new one without a rename (saves there move to the start of their chapter).
    W111: a variable changed between true/false and number (saves holding it are
    refused). W112: the story's id changed (every save is refused).
    """
    found: list[Diagnostic] = []
    if old.id != new.id:
        found.append(
            Diagnostic(
                "W112",
                "warning",
                str(_story_file(new)),
                1,
                1,
                f"the story's id changed from '{old.id}' to '{new.id}': every existing save"
                " belongs to the old id and will be refused. Keep the id once saves exist",
            )
        )
    mod_roots = [Path(root).resolve() for root in old.mod_roots]
    for scene in old.scenes.values():
        if scene.id in new.scenes:
            continue
        target, hops = _follow(new, scene.id)
        if target in new.scenes:
            continue
        start = chapter_start(new, scene.chapter)
        moved = (
            f"the start of chapter {scene.chapter} ('{start}')"
            if start
            else "the beginning of the story"
        )
        renamed = f" (renamed to '{target}', which does not exist either)" if hops else ""
        manifest = "mod.yaml" if _in_folders(scene.file, mod_roots) else "story.yaml"
        found.append(
            _at(
                "W109",
                scene.loc,
                f"scene '{scene.id}' is gone from the new story{renamed}: saves made there will"
                f" move to {moved}. If it was renamed, add '{scene.id}: new_id' under"
                f" 'renames:' in {manifest}",
            )
        )
    for name, var in old.variables.items():
        now = new.variables.get(name)
        if now is None or (now.type == "bool") == (var.type == "bool"):
            continue
        found.append(
            _at(
                "W111",
                now.loc,
                f"variable '{name}' was {_variable_kind(old, name)} and is now"
                f" {_variable_kind(new, name)}: saves that hold it will not load. Give the"
                " new meaning a new name",
            )
        )
    return found


def _in_folders(file: str, folders: list[Path]) -> bool:
    """Whether the story file ``file`` is inside one of ``folders`` (a mod's)."""
    path = Path(file).resolve()
    return any(path.is_relative_to(folder) for folder in folders)


def _follow(story: Story, scene_id: str) -> tuple[str, int]:
    hops = 0
    seen: set[str] = set()
    while scene_id not in story.scenes and scene_id in story.renames and scene_id not in seen:
        seen.add(scene_id)
        scene_id = story.renames[scene_id]
        hops += 1
    return scene_id, hops


def _story_file(story: Story) -> str:
    return display_path(Path(story.root) / STORY_FILE)


def _at(code: str, loc: Loc, message: str) -> Diagnostic:
    return Diagnostic(code, "warning", loc.file, loc.line, loc.column, message)
