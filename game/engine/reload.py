"""Live reload: load the story files again and carry the game in progress onto them.

A writer edits a scene, presses a key in the window, and reads the new text at
once. :func:`reload_story` loads the story (and mods) afresh; when the files have
errors it returns them and no runner, so the caller keeps playing the old story.
Otherwise the current state moves onto the new story: the same scene if it still
exists (following ``renames:``), else the first scene of the same chapter. Values,
the ledger, the history and the random seed carry over, so the playthrough goes on
as it would have.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from game.engine.diagnostics import Diagnostic, has_errors
from game.engine.loader import load_story
from game.engine.model import Story, Variable
from game.engine.runner import Runner
from game.engine.savecheck import load_save

#: Codes of the notices that say what happened to the game in progress on reload.
STATE_CODES = ("W109", "W111")


def reload_story(
    runner: Runner,
    story_dir: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
) -> tuple[Runner | None, list[Diagnostic]]:
    """Reload the story (in ``lang``, its catalogues read again) and move ``runner``'s
    state onto it.

    Returns ``(new_runner, diagnostics)``. When the files have errors, ``new_runner``
    is None and the diagnostics say what to fix; ``runner`` is untouched either way.
    On success the diagnostics are the story's warnings followed by notices (codes in
    :data:`STATE_CODES`) about the state: W109 when the current scene is gone and the
    game moved to the start of its chapter, W111 when a variable changed kind and was
    reset to its new initial value.
    """
    story, diagnostics = load_story(story_dir, mods, lang)
    if story is None or has_errors(diagnostics):
        return None, diagnostics
    state = runner.to_json()
    state["story_id"] = story.id  # the writer may have renamed the story itself
    notices = _fit_variables(story, state)
    # The state comes from to_json and now fits the new declarations, so load_save
    # cannot refuse it.
    loaded = load_save(story, state)
    if loaded.relocation is not None:
        old = runner.scene.loc
        notices.insert(
            0,
            Diagnostic(
                "W109",
                "warning",
                old.file,
                old.line,
                old.column,
                f"scene '{loaded.relocation.old_scene}' is gone from the story: playing on"
                f" from '{loaded.relocation.new_scene}', the start of its chapter",
            ),
        )
    return loaded.runner, [*diagnostics, *notices]


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
