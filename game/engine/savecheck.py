"""Checking and restoring saved games, and keeping old saves working as a story changes.

A save is plain JSON written by ``Runner.to_json()``. Nothing in it is trusted:
every field is type-checked here, scene ids are looked up (following the story's
declared renames), and any problem becomes a :class:`SaveError` whose message a
player can read. A save is never executed or unpickled.

``Runner.from_json`` is strict: a save whose scene is gone is refused. :func:`load_save`
is the forgiving way in: such a save loads at the nearest safe point, the first scene
of the chapter the save was in, and says so in a message the caller shows the player.
:func:`stranded_saves` compares two versions of a story and warns about every edit
that would move or refuse existing saves (``lint --against OLD_DIR``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine.checks import successors
from game.engine.diagnostics import Diagnostic
from game.engine.model import Loc, Story
from game.engine.view import LedgerEntry

if TYPE_CHECKING:
    from game.engine.runner import Runner


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _need(condition: bool, message: str) -> None:
    from game.engine.runner import SaveError

    if not condition:
        raise SaveError(message)


def resolve_scene(story: Story, scene_id: Any) -> str:
    """The scene a saved id means now, following renames; SaveError if it is gone."""
    from game.engine.runner import SaveError

    if not isinstance(scene_id, str):
        raise SaveError("the save is damaged: its scene is not a scene id")
    seen: set[str] = set()
    while scene_id not in story.scenes and scene_id in story.renames and scene_id not in seen:
        seen.add(scene_id)
        scene_id = story.renames[scene_id]
    if scene_id not in story.scenes:
        raise SaveError(
            f"the save is at scene '{scene_id}', which this version of the story no longer has"
        )
    return str(scene_id)


def _variables(story: Story, raw: Any) -> dict[str, Any]:
    _need(isinstance(raw, dict), "the save is damaged: its variables are missing")
    values: dict[str, Any] = {}
    for name, var in story.variables.items():
        value = raw.get(name, var.initial)
        if var.type == "bool":
            _need(isinstance(value, bool), f"the save is damaged: '{name}' should be true/false")
        else:
            _need(_is_int(value), f"the save is damaged: '{name}' should be a whole number")
            # A value outside the declared range (an edited save, or a range the story
            # has since narrowed) is clamped, as the runner clamps every change.
            if var.minimum is not None and value < var.minimum:
                value = var.minimum
            if var.maximum is not None and value > var.maximum:
                value = var.maximum
        values[name] = value
    return values


@dataclass(frozen=True, slots=True)
class Relocation:
    """A save whose scene is gone from the story, moved to a safe point."""

    old_scene: str
    new_scene: str
    chapter: int | None
    message: str


@dataclass(frozen=True, slots=True)
class LoadedSave:
    """A restored game, and where it was moved to if its scene is gone (else None)."""

    runner: Runner
    relocation: Relocation | None = None

    @property
    def message(self) -> str | None:
        """What to tell the player, or None when the save loaded where it was made."""
        return self.relocation.message if self.relocation else None


def chapter_start(story: Story, chapter: int) -> str | None:
    """The first scene of ``chapter``, the safe point a stranded save moves to.

    The story's start scene if it is in that chapter; else the first scene (in file
    order) that a scene of another chapter leads into; else the chapter's first scene
    in file order. None if the story has no such chapter.
    """
    members = [scene for scene in story.scenes.values() if scene.chapter == chapter]
    if not members:
        return None
    if story.scenes.get(story.start) in members:
        return story.start
    entries = {
        target
        for scene in story.scenes.values()
        if scene.chapter != chapter
        for target in successors(scene)
    }
    for scene in members:
        if scene.id in entries:
            return scene.id
    return members[0].id


def _saved_chapter(story: Story, data: dict[str, Any]) -> int | None:
    """The chapter a save was in: recorded since saves have 'chapter', else guessed."""
    chapter = data.get("chapter")
    if isinstance(chapter, int) and not isinstance(chapter, bool):
        return chapter
    visited = data.get("visited")
    if isinstance(visited, dict):
        known = [
            (when, scene_id)
            for scene_id, when in visited.items()
            if scene_id in story.scenes and _is_int(when)
        ]
        if known:
            return story.scenes[max(known)[1]].chapter
    return None


def _relocate(story: Story, data: dict[str, Any]) -> Relocation:
    old = data.get("scene")
    if not isinstance(old, str):
        raise _error("the save is damaged: its scene is not a scene id")
    chapter = _saved_chapter(story, data)
    target = chapter_start(story, chapter) if chapter is not None else None
    if target is None or chapter is None:
        return Relocation(
            old,
            story.start,
            None,
            f"This save was made at a scene this version of the story no longer has"
            f" ('{old}'). It continues from the beginning of the story; everything you had"
            " is kept.",
        )
    title = story.chapter_titles.get(chapter, "")
    named = f"chapter {chapter}" + (f", {title}" if title else "")
    return Relocation(
        old,
        target,
        chapter,
        f"This save was made at a scene this version of the story no longer has"
        f" ('{old}'). It continues from the start of {named}; everything you had is kept.",
    )


def load_save(story: Story, data: Any) -> LoadedSave:
    """Restore a save; one whose scene is gone loads at the start of its chapter.

    A good save gives exactly what ``Runner.from_json`` gives, with no relocation.
    A damaged, foreign or too new save still raises :class:`SaveError`.
    """
    from game.engine.runner import Runner

    runner, relocation = _restore(Runner, story, data, relocate=True)
    return LoadedSave(runner, relocation)


def _error(message: str) -> Exception:
    from game.engine.runner import SaveError

    return SaveError(message)


def restore(cls: type[Runner], story: Story, data: Any) -> Runner:
    """Restore strictly: a save whose scene is gone raises :class:`SaveError`."""
    runner, _ = _restore(cls, story, data, relocate=False)
    return runner


def _restore(
    cls: type[Runner], story: Story, data: Any, relocate: bool
) -> tuple[Runner, Relocation | None]:
    from game.engine.runner import SAVE_FORMAT, SaveError, Snapshot, TranscriptEntry

    _need(isinstance(data, dict), "the save is damaged: it is not a saved game")
    _need(
        _is_int(data.get("format")) and data["format"] >= 1,
        "the save is damaged: it has no format version",
    )
    _need(
        data["format"] <= SAVE_FORMAT,
        f"the save was made by a newer version of the game (save format {data['format']})",
    )
    _need(
        data.get("story_id") == story.id,
        f"the save belongs to another story ('{data.get('story_id')}', not '{story.id}')",
    )
    seed = data.get("seed")
    step = data.get("step")
    _need(_is_int(seed) and _is_int(step) and step >= 0, "the save is damaged: seed or step")
    date = data.get("date", "")
    _need(isinstance(date, str), "the save is damaged: its date")
    runner = cls.__new__(cls)
    runner.story = story
    runner.seed = seed
    runner.record_text = True
    runner._shown = [name for name, var in story.variables.items() if var.hud]
    runner.step = step
    relocation: Relocation | None = None
    try:
        runner.scene_id = resolve_scene(story, data.get("scene"))
    except SaveError:
        if not relocate or not isinstance(data.get("scene"), str):
            raise
        relocation = _relocate(story, data)
        runner.scene_id = relocation.new_scene
    runner.date = date
    runner.vars = _variables(story, data.get("variables"))
    visited = data.get("visited", {})
    _need(isinstance(visited, dict), "the save is damaged: visited scenes")
    runner.visited = {}
    for scene_id, when in visited.items():
        _need(_is_int(when), "the save is damaged: visited scenes")
        if scene_id in story.scenes:
            runner.visited[scene_id] = when
        elif scene_id in story.renames:
            runner.visited[story.renames[scene_id]] = when
    runner._ledger = []
    for row in _rows(data.get("ledger", []), 8, "ledger"):
        _need(
            all(_is_int(row[i]) for i in (0, 2, 4, 7))
            and all(isinstance(row[i], str) for i in (1, 3, 5, 6)),
            "the save is damaged: a ledger entry",
        )
        runner._ledger.append(LedgerEntry(*row))
    runner._transcript = []
    for row in _rows(data.get("transcript", []), (5, 6), "history"):
        choice_id = row[5] if len(row) == 6 else None
        _need(
            _is_int(row[0])
            and isinstance(row[1], str)
            and (row[2] is None or isinstance(row[2], str))
            and isinstance(row[3], list)
            and all(isinstance(p, str) for p in row[3])
            and (row[4] is None or isinstance(row[4], str))
            and (choice_id is None or isinstance(choice_id, str)),
            "the save is damaged: the history",
        )
        runner._transcript.append(
            TranscriptEntry(row[0], row[1], row[2], tuple(row[3]), row[4], choice_id)
        )
    runner._undo = []
    for row in _rows(data.get("undo", []), 3, "undo"):
        _need(isinstance(row[1], str), "the save is damaged: undo")
        try:
            scene = resolve_scene(story, row[0])
        except Exception:
            runner._undo = []  # the story changed under an old choice: undo starts afresh here
            continue
        runner._undo.append(Snapshot(scene, row[1], _variables(story, row[2])))
    if relocation is not None:
        # Undo cannot lead back into a scene that is gone; the new place is entered
        # without running its effects again, so every value stays as it was saved.
        runner._undo = []
        runner.date = story.scenes[runner.scene_id].date or runner.date
        runner.visited.setdefault(runner.scene_id, runner.step)
    return runner, relocation


def _rows(raw: Any, width: int | tuple[int, ...], what: str) -> list[list[Any]]:
    widths = (width,) if isinstance(width, int) else width
    _need(isinstance(raw, list), f"the save is damaged: its {what}")
    for row in raw:
        _need(isinstance(row, list) and len(row) in widths, f"the save is damaged: its {what}")
    rows: list[list[Any]] = raw
    return rows


def _variable_kind(story: Story, name: str) -> str:
    return "true/false" if story.variables[name].type == "bool" else "number"


def stranded_saves(old: Story, new: Story) -> list[Diagnostic]:
    """Warnings for every edit from ``old`` to ``new`` that existing saves would feel.

    W109: a scene of the old story is gone from the new one without a rename (saves
    there move to the start of their chapter). W111: a variable changed between
    true/false and number (saves holding it are refused). W112: the story's id
    changed (every save is refused).
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
        found.append(
            _at(
                "W109",
                scene.loc,
                f"scene '{scene.id}' is gone from the new story{renamed}: saves made there will"
                f" move to {moved}. If it was renamed, add '{scene.id}: new_id' under"
                " 'renames:' in story.yaml",
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


def _follow(story: Story, scene_id: str) -> tuple[str, int]:
    hops = 0
    seen: set[str] = set()
    while scene_id not in story.scenes and scene_id in story.renames and scene_id not in seen:
        seen.add(scene_id)
        scene_id = story.renames[scene_id]
        hops += 1
    return scene_id, hops


def _story_file(story: Story) -> str:
    from game.engine.loader import STORY_FILE, display_path

    return display_path(Path(story.root) / STORY_FILE)


def _at(code: str, loc: Loc, message: str) -> Diagnostic:
    return Diagnostic(code, "warning", loc.file, loc.line, loc.column, message)
