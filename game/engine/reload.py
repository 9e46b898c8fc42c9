"""Live reload: load the story files again and carry the game in progress onto them.

A writer edits a scene, presses a key in the window, and reads the new text at
once. :func:`reload_game` loads the story (and mods) afresh; when the files have
errors it returns them and no runner, so the caller keeps playing the old story.
Otherwise the current state moves onto the new story:

- the same scene if it still exists, or the scene it was renamed to when the story
  declares the rename (``renames:`` in story.yaml);
- else the nearest earlier scene on the same route: the runner's history is walked
  back, choice by choice, to the most recent scene that still exists, and the game
  stands there exactly as it did then (the later choices are taken back, as undo
  would, so no effect is applied twice);
- else (no earlier scene of this playthrough exists any more) the first scene of the
  same chapter, with every value kept.

Values, the ledger, the history and the random seed carry over, so the playthrough
goes on as it would have. The undo stack survives: only the entries that can no
longer be restored are dropped (an entry whose scene is gone, and the older ones
behind it, since undo walks back one choice at a time), and :class:`ReloadResult`
says how many. :func:`reload_story` is the older two-value form.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from game.engine.diagnostics import Diagnostic, has_errors
from game.engine.loader import load_story
from game.engine.model import Story, Variable
from game.engine.runner import Runner
from game.engine.savecheck import load_save
from game.engine.savedata import SaveError, resolve_scene

#: Codes of the notices that say what happened to the game in progress on reload.
STATE_CODES = ("W109", "W111")

MoveReason = Literal["renamed", "earlier", "chapter_start"]


@dataclass(frozen=True, slots=True)
class SceneMove:
    """Where a reload moved the game because its scene's id changed, and why.

    ``reason`` is ``"renamed"`` (the story declares the rename), ``"earlier"`` (the
    scene is gone: back to the most recent scene of this route that still exists,
    ``taken_back`` choices earlier) or ``"chapter_start"`` (nothing earlier exists).
    """

    old_scene: str
    new_scene: str
    reason: MoveReason
    taken_back: int = 0


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What :func:`reload_game` did: the new runner (None when the files have errors),
    the diagnostics, where the game moved, and what undo lost."""

    runner: Runner | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    move: SceneMove | None = None
    #: Undo entries that could not be kept (their scene, or a later one, is gone).
    undo_dropped: int = 0
    #: The gone scene that stopped undo (None when nothing was dropped).
    undo_gone: str | None = None


def reload_story(
    runner: Runner,
    story_dir: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
) -> tuple[Runner | None, list[Diagnostic]]:
    """Reload the story and move ``runner``'s state onto it: ``(new_runner, diagnostics)``
    as :func:`reload_game` gives them."""
    result = reload_game(runner, story_dir, mods, lang)
    return result.runner, result.diagnostics


def reload_game(
    runner: Runner,
    story_dir: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
) -> ReloadResult:
    """Reload the story (in ``lang``, its catalogues read again) and move ``runner``'s
    state onto it.

    When the files have errors, the result has no runner and the diagnostics say what
    to fix; ``runner`` is untouched either way. On success the diagnostics are the
    story's warnings followed by notices (codes in :data:`STATE_CODES`) about the
    state: W109 when the current scene is gone (saying where the game went), W111 when
    a variable changed kind and was reset to its new initial value.
    """
    story, diagnostics = load_story(story_dir, mods, lang)
    if story is None or has_errors(diagnostics):
        return ReloadResult(None, diagnostics)
    return _carry_over(runner, story, diagnostics)


def _carry_over(runner: Runner, story: Story, diagnostics: list[Diagnostic]) -> ReloadResult:
    old_scene = runner.scene_id
    old_loc = runner.scene.loc
    move: SceneMove | None = None
    current = _resolved(story, old_scene)
    if current is not None:
        state = runner.to_json()
        if current != old_scene:
            move = SceneMove(old_scene, current, "renamed")
    else:
        state, move = _walk_back(runner, story)
    state["story_id"] = story.id  # the writer may have renamed the story itself
    notices = _fit_variables(story, state)
    undo_dropped, undo_gone = _prune_undo(story, state)
    # The state comes from to_json and now fits the new declarations, so load_save
    # cannot refuse it; it relocates only when no scene of the route is left.
    loaded = load_save(story, state)
    if loaded.relocation is not None:
        move = SceneMove(old_scene, loaded.relocation.new_scene, "chapter_start")
    if move is not None and move.reason != "renamed":
        notices.insert(
            0,
            Diagnostic(
                "W109",
                "warning",
                old_loc.file,
                old_loc.line,
                old_loc.column,
                _gone_message(move),
            ),
        )
    return ReloadResult(loaded.runner, [*diagnostics, *notices], move, undo_dropped, undo_gone)


def _gone_message(move: SceneMove) -> str:
    gone = f"scene '{move.old_scene}' is gone from the story: "
    if move.reason == "earlier":
        if move.taken_back:
            return (
                f"{gone}back at '{move.new_scene}', the nearest earlier scene on this route,"
                f" as it was then ({move.taken_back} choice(s) taken back)"
            )
        return f"{gone}back at '{move.new_scene}', the nearest earlier scene on this route"
    return f"{gone}playing on from '{move.new_scene}', the start of its chapter"


def _resolved(story: Story, scene_id: Any) -> str | None:
    """The scene ``scene_id`` is now (following declared renames), or None if gone."""
    try:
        return resolve_scene(story, scene_id)
    except SaveError:
        return None


def _walk_back(runner: Runner, story: Story) -> tuple[dict[str, Any], SceneMove | None]:
    """The current scene is gone: the state at the most recent earlier scene that exists.

    First through the undo stack (the state as it was at that scene, later choices
    taken back); failing that, through the history (the scene only, values kept).
    Returns the state and the move, or the unchanged state and None when no scene of
    the route is left (the caller then falls back to the chapter's start).
    """
    old_scene = runner.scene_id
    snapshots = runner.to_json()["undo"]
    for depth, row in enumerate(reversed(snapshots), start=1):
        target = _resolved(story, row[0])
        if target is None:
            continue
        rewound = Runner.from_json(runner.story, runner.to_json())
        for _ in range(depth):
            rewound.undo()
        state = rewound.to_json()
        state["scene"] = target
        return state, SceneMove(old_scene, target, "earlier", depth)
    state = runner.to_json()
    for entry in reversed(runner.transcript):
        target = _resolved(story, entry.scene_id)
        if target is None:
            continue
        state["scene"] = target
        state["date"] = story.scenes[target].date or state["date"]
        state["undo"] = []  # nothing in the stack leads back from there
        return state, SceneMove(old_scene, target, "earlier")
    return state, None


def _prune_undo(story: Story, state: dict[str, Any]) -> tuple[int, str | None]:
    """Drop the undo entries that can no longer be restored; (how many, the gone scene).

    Undo walks back one choice at a time, so an entry whose scene is gone ends the
    stack: it and every older entry go; the newer ones all stay.
    """
    undo: list[Any] = state["undo"]
    for index in range(len(undo) - 1, -1, -1):
        scene = undo[index][0]
        if _resolved(story, scene) is None:
            state["undo"] = undo[index + 1 :]
            return index + 1, str(scene)
    return 0, None


def _fits(variable: Variable, value: Any) -> bool:
    if variable.type == "bool":
        return isinstance(value, bool)
    return isinstance(value, int) and not isinstance(value, bool)


def _clamp(variable: Variable, value: Any) -> Any:
    if variable.type == "bool":
        return value
    if variable.minimum is not None and value < variable.minimum:
        return variable.minimum
    if variable.maximum is not None and value > variable.maximum:
        return variable.maximum
    return value


def _fit_variables(new: Story, state: dict[str, Any]) -> list[Diagnostic]:
    """Make the saved values fit the new declarations, noting each one reset."""
    notices: list[Diagnostic] = []
    values: dict[str, Any] = state["variables"]
    for name, variable in new.variables.items():
        if name not in values:
            continue
        if not _fits(variable, values[name]):
            del values[name]
            kind = "true/false" if variable.type == "bool" else "a number"
            notices.append(
                Diagnostic(
                    "W111",
                    "warning",
                    variable.loc.file,
                    variable.loc.line,
                    variable.loc.column,
                    f"variable '{name}' is now {kind}: it starts again from its initial value"
                    f" ({variable.initial})",
                )
            )
            continue
        values[name] = _clamp(variable, values[name])
    for snapshot in state["undo"]:
        saved: dict[str, Any] = snapshot[2]
        for name, variable in new.variables.items():
            if name in saved and not _fits(variable, saved[name]):
                del saved[name]
            elif name in saved:
                saved[name] = _clamp(variable, saved[name])
    return notices
