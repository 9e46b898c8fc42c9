"""What a saved game holds, and reading one back safely.

A save is plain JSON written by ``Runner.to_json()``. Nothing in it is trusted:
every field is type-checked here, scene ids are looked up (following the story's
declared renames), and any problem becomes a :class:`SaveError` whose message a
player can read. A save is never executed or unpickled. :func:`read_state` turns
one into a :class:`SavedState`, which :meth:`game.engine.runner.Runner.restored`
builds a runner from; a save whose scene is gone is refused, or (``relocate=True``)
moved to the start of its chapter (:func:`chapter_start`).

This module sits below the runner: it holds the shapes a runner is made of
(:class:`TranscriptEntry`, :class:`Snapshot`) and never imports the runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.checks import successors
from game.engine.model import Story
from game.engine.savemods import (
    DamagedMods,
    changed_note,
    compare_mods,
    missing_message,
    saved_mods,
)
from game.engine.view import LedgerEntry
from game.errors import LastTrainHomeError

#: The version of the save format ``Runner.to_json()`` writes.
SAVE_FORMAT = 1


class SaveError(LastTrainHomeError):
    """A save that cannot be restored, with a message a player can read."""


class ModsNotLoaded(SaveError):
    """A save made with mods that are not loaded now: it is kept, and loads with them.

    ``missing`` holds the (id, version) of each; the message names them and says how
    to start the game with them.
    """

    def __init__(self, missing: list[tuple[str, str]]) -> None:
        super().__init__(missing_message(missing))
        self.missing = tuple(missing)


def _check_mods(story: Story, data: dict[str, Any]) -> str | None:
    """ModsNotLoaded for a save whose mods are not all loaded; else a note for mods
    loaded in another version than the save was made with (None if none)."""
    try:
        saved = saved_mods(data)
    except DamagedMods:
        raise SaveError("the save is damaged: its list of mods") from None
    missing, changed = compare_mods(saved, story.mods)
    if missing:
        raise ModsNotLoaded(missing)
    return changed_note(changed) if changed else None


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One scene as it was read, and the choice made there (None if none yet).

    ``choice_id`` is the id of that choice in its scene ("next" for a scene that
    only continues), which lets a class report count the same choice across players
    whose texts differ (a sum of money in the text, say). Saves from before it was
    recorded restore it as None.
    """

    step: int
    scene_id: str
    speaker_name: str | None
    paragraphs: tuple[str, ...]
    choice_text: str | None
    choice_id: str | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What undo restores: where the player was and the values before a choice.

    ``ledger_size`` is set only for a writer's change by hand (``Runner.set_value``,
    the window's debug overlay): undoing it restores the values and cuts the ledger
    back to that many lines, without moving the step or the scene. Saved as a fourth
    item of the undo row, ``{"edit": true, "ledger": N}``, only for such entries.
    """

    scene: str
    date: str
    variables: dict[str, Any]
    ledger_size: int | None = None

    @property
    def is_edit(self) -> bool:
        return self.ledger_size is not None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise SaveError(message)


def resolve_scene(story: Story, scene_id: Any) -> str:
    """The scene a saved id means now, following renames; SaveError if it is gone."""
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
        raise SaveError("the save is damaged: its scene is not a scene id")
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


@dataclass(slots=True)
class SavedState:
    """Everything a save holds, checked against the story: what a Runner is restored from
    (:meth:`game.engine.runner.Runner.restored`)."""

    seed: int
    step: int
    scene_id: str
    date: str
    variables: dict[str, Any]
    visited: dict[str, int]
    ledger: list[LedgerEntry]
    transcript: list[TranscriptEntry]
    undo: list[Snapshot]
    #: For the player: the save's mods are loaded now in other versions (else None).
    mods_note: str | None = None


def read_state(
    story: Story, data: Any, *, relocate: bool = False
) -> tuple[SavedState, Relocation | None]:
    """Check a save (``Runner.to_json()`` output) against ``story``.

    Strict (``relocate=False``): a save whose scene is gone raises :class:`SaveError`.
    Forgiving: such a save is moved to the start of its chapter, and the
    :class:`Relocation` says where. A damaged, foreign or too new save always raises.
    """
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
    mods_note = _check_mods(story, data)
    relocation: Relocation | None = None
    try:
        scene_id = resolve_scene(story, data.get("scene"))
    except SaveError:
        if not relocate or not isinstance(data.get("scene"), str):
            raise
        relocation = _relocate(story, data)
        scene_id = relocation.new_scene
    variables = _variables(story, data.get("variables"))
    visited_raw = data.get("visited", {})
    _need(isinstance(visited_raw, dict), "the save is damaged: visited scenes")
    visited: dict[str, int] = {}
    for seen_id, when in visited_raw.items():
        _need(_is_int(when), "the save is damaged: visited scenes")
        if seen_id in story.scenes:
            visited[seen_id] = when
        elif seen_id in story.renames:
            visited[story.renames[seen_id]] = when
    ledger: list[LedgerEntry] = []
    for row in _rows(data.get("ledger", []), 8, "ledger"):
        _need(
            all(_is_int(row[i]) for i in (0, 2, 4, 7))
            and all(isinstance(row[i], str) for i in (1, 3, 5, 6)),
            "the save is damaged: a ledger entry",
        )
        ledger.append(LedgerEntry(*row))
    transcript: list[TranscriptEntry] = []
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
        transcript.append(TranscriptEntry(row[0], row[1], row[2], tuple(row[3]), row[4], choice_id))
    undo: list[Snapshot] = []
    for row in _rows(data.get("undo", []), (3, 4), "undo"):
        _need(isinstance(row[1], str), "the save is damaged: undo")
        ledger_size = _edit_mark(row, len(ledger))
        try:
            scene = resolve_scene(story, row[0])
        except Exception:
            undo = []  # the story changed under an old choice: undo starts afresh here
            continue
        undo.append(Snapshot(scene, row[1], _variables(story, row[2]), ledger_size))
    if relocation is not None:
        # Undo cannot lead back into a scene that is gone; the new place is entered
        # without running its effects again, so every value stays as it was saved.
        undo = []
        date = story.scenes[scene_id].date or date
        visited.setdefault(scene_id, step)
    state = SavedState(
        seed,
        step,
        scene_id,
        date,
        variables,
        visited,
        ledger,
        transcript,
        undo,
        mods_note=mods_note,
    )
    return state, relocation


def _edit_mark(row: list[Any], ledger_lines: int) -> int | None:
    """The ledger size of an undo row marking a change by hand, None for a choice."""
    if len(row) == 3:
        return None
    mark = row[3]
    _need(
        isinstance(mark, dict)
        and mark.get("edit") is True
        and _is_int(mark.get("ledger"))
        and 0 <= mark["ledger"] <= ledger_lines,
        "the save is damaged: undo",
    )
    size: int = mark["ledger"]
    return size


def _rows(raw: Any, width: int | tuple[int, ...], what: str) -> list[list[Any]]:
    widths = (width,) if isinstance(width, int) else width
    _need(isinstance(raw, list), f"the save is damaged: its {what}")
    for row in raw:
        _need(isinstance(row, list) and len(row) in widths, f"the save is damaged: its {what}")
    rows: list[list[Any]] = raw
    return rows
