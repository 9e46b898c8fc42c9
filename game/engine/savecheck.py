"""Checking and restoring saved games.

A save is plain JSON written by ``Runner.to_json()``. Nothing in it is trusted:
every field is type-checked here, scene ids are looked up (following the story's
declared renames), and any problem becomes a :class:`SaveError` whose message a
player can read. A save is never executed or unpickled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.model import Story
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
        values[name] = value
    return values


def restore(cls: type[Runner], story: Story, data: Any) -> Runner:
    from game.engine.runner import SAVE_FORMAT, Snapshot, TranscriptEntry

    _need(isinstance(data, dict), "the save is damaged: it is not a saved game")
    _need(_is_int(data.get("format")), "the save is damaged: it has no format version")
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
    runner.step = step
    runner.scene_id = resolve_scene(story, data.get("scene"))
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
    for row in _rows(data.get("transcript", []), 5, "history"):
        _need(
            _is_int(row[0])
            and isinstance(row[1], str)
            and (row[2] is None or isinstance(row[2], str))
            and isinstance(row[3], list)
            and all(isinstance(p, str) for p in row[3])
            and (row[4] is None or isinstance(row[4], str)),
            "the save is damaged: the history",
        )
        runner._transcript.append(TranscriptEntry(row[0], row[1], row[2], tuple(row[3]), row[4]))
    runner._undo = []
    for row in _rows(data.get("undo", []), 3, "undo"):
        _need(isinstance(row[1], str), "the save is damaged: undo")
        try:
            scene = resolve_scene(story, row[0])
        except Exception:
            runner._undo = []  # the story changed under an old choice: undo starts afresh here
            continue
        runner._undo.append(Snapshot(scene, row[1], _variables(story, row[2])))
    return runner


def _rows(raw: Any, width: int, what: str) -> list[list[Any]]:
    _need(isinstance(raw, list), f"the save is damaged: its {what}")
    for row in raw:
        _need(isinstance(row, list) and len(row) == width, f"the save is damaged: its {what}")
    rows: list[list[Any]] = raw
    return rows
