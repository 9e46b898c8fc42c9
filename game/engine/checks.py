"""Whole-story checks that need every scene: reachability, stuck scenes, unused state.

Targets, types and fields are checked while scenes are built; what can only be seen
once the whole story is known is checked here, mostly as warnings.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from game.engine.assets import KINDS, SUFFIXES, find_asset, portrait_variant
from game.engine.fields import Reporter
from game.engine.model import Loc, Scene, Story
from game.engine.unread import Unread


class UsageSource(Protocol):
    used_variables: set[str]


def successors(scene: Scene) -> list[str]:
    """Every scene this one can lead to, ignoring conditions."""
    targets: list[str] = []
    if scene.next:
        targets.append(scene.next)
    for choice in scene.choices:
        if choice.target:
            targets.append(choice.target)
        targets.extend(outcome.target for outcome in choice.outcomes)
    return targets


def reachable_from(story: Story, *starts: str) -> set[str]:
    """Every scene some sequence of choices leads to from any of ``starts`` (included)."""
    seen: set[str] = set()
    queue = deque(starts)
    while queue:
        scene_id = queue.popleft()
        if scene_id in seen or scene_id not in story.scenes:
            continue
        seen.add(scene_id)
        queue.extend(successors(story.scenes[scene_id]))
    return seen


def check_story(
    story: Story, reporter: Reporter, usage: UsageSource, unread: Unread | None = None
) -> None:
    """Run the whole-story checks.

    ``unread`` holds the files that failed to read: the checks that need every file
    (endings, reachability, unused variables) keep quiet about what those files may
    hold, so that a broken file gives its own error and no knock-on warnings.
    """
    unread = unread or Unread()
    _check_assets(story, reporter)
    _check_moods(story, reporter)
    _check_reachability(story, reporter, unread)
    if not unread.any:
        _check_endings(story, reporter)
    _check_stuck(story, reporter)
    _check_self_loops(story, reporter)
    _check_unused_variables(story, reporter, usage, unread)
    _check_duplicate_endings(story, reporter)


def _check_assets(story: Story, reporter: Reporter) -> None:
    """Warn once per missing image or music name, at its first use."""
    missing: set[tuple[str, str]] = set()
    wanted: list[tuple[str, str | None, Loc]] = []
    for character in story.characters.values():
        wanted.append(("portrait", character.portrait, character.loc))
    for scene in story.scenes.values():
        wanted.append(("background", scene.background, scene.loc))
        wanted.append(("portrait", scene.portrait, scene.loc))
        wanted.append(("music", scene.music, scene.loc))
    for kind, name, loc in wanted:
        if not name or (kind, name) in missing:
            continue
        if find_asset(story.root, kind, name, story.mod_roots) is None:
            missing.add((kind, name))
            reporter.warning("W105", loc, _missing_asset_message(kind, name))


def _check_moods(story: Story, reporter: Reporter) -> None:
    """Warn where a scene's mood cannot be shown: no portrait, or no face for that mood."""
    for scene in story.scenes.values():
        if scene.mood is None or scene.mood == "neutral":
            continue
        loc = scene.mood_loc or scene.loc
        speaker = story.characters.get(scene.speaker) if scene.speaker else None
        portrait = scene.portrait or (speaker.portrait if speaker else None)
        if not portrait:
            reporter.warning(
                "W113",
                loc,
                f"scene '{scene.id}' has mood '{scene.mood}' but shows no portrait: give it a"
                " 'speaker' with a portrait, or remove the mood",
            )
            continue
        if find_asset(story.root, "portrait", portrait, story.mod_roots) is None:
            continue  # W105 already says the portrait is missing
        look, found = portrait_variant(
            story.root, portrait, scene.mood, scene.chapter, story.mod_roots
        )
        if not found:
            reporter.warning(
                "W113",
                loc,
                f"portrait '{look}' has no '{scene.mood}' face ({look}_{scene.mood} in"
                f" assets/portraits/): the neutral '{look}' is shown instead. Add the image,"
                " or choose a mood it has",
            )


def _missing_asset_message(kind: str, name: str) -> str:
    looked = ", ".join(SUFFIXES[kind][:-1]) + " and " + SUFFIXES[kind][-1]
    where = f"in assets/{KINDS[kind]}/ (looked for {looked})"
    if kind == "music":
        return f"no music '{name}' {where}: the window keeps playing the music before it"
    return f"no {kind} image '{name}' {where}: the window draws a plain card instead"


def _check_reachability(story: Story, reporter: Reporter, unread: Unread) -> None:
    if story.start not in story.scenes:
        return
    # What an unread file may lead to, and all that leads on from there, may be reached.
    roots = [story.start, *(name for name in story.scenes if unread.may_mention(name))]
    reachable = reachable_from(story, *roots)
    for scene in story.scenes.values():
        if scene.id in reachable:
            continue
        if scene.ending is not None:
            reporter.warning(
                "W102",
                scene.loc,
                f"ending '{scene.ending.id}' can never be reached: no choice or 'next' leads"
                f" to scene '{scene.id}'",
            )
        else:
            reporter.warning(
                "W101",
                scene.loc,
                f"scene '{scene.id}' can never be reached from the start scene '{story.start}'",
            )


def _check_stuck(story: Story, reporter: Reporter) -> None:
    for scene in story.scenes.values():
        if scene.choices and all(
            choice.condition is not None or choice.requirement is not None
            for choice in scene.choices
        ):
            reporter.warning(
                "W103",
                scene.loc,
                f"every choice in scene '{scene.id}' has an 'if' or 'requires': if none holds,"
                " the player is stuck. Give one choice no condition",
            )


def _check_self_loops(story: Story, reporter: Reporter) -> None:
    """E066 for a scene whose every way out leads back to itself.

    An error, not a warning: whatever the player picks, the same page comes back,
    forever (conditions cannot help, since every choice returns here). It is found
    in any scene, reachable or not and whether or not every file read, since it
    needs nothing but the scene; E061 then leaves the scene to this message.
    """
    for scene in story.scenes.values():
        if _only_itself(scene):
            ways = "its 'next'" if not scene.choices else "every choice"
            reporter.error(
                "E066",
                scene.loc,
                f"scene '{scene.id}' only leads to itself: {ways} goes back to"
                f" '{scene.id}', so the player can never leave it. Send one choice"
                " (or 'next') on to another scene",
            )


def _only_itself(scene: Scene) -> bool:
    targets = successors(scene)
    return bool(targets) and scene.ending is None and all(t == scene.id for t in targets)


def _check_unused_variables(
    story: Story, reporter: Reporter, usage: UsageSource, unread: Unread
) -> None:
    for var in story.variables.values():
        if var.id in usage.used_variables or var.hud or unread.may_mention(var.id):
            continue
        reporter.warning(
            "W106", var.loc, f"variable '{var.id}' is never used in a condition, effect or text"
        )


def _check_duplicate_endings(story: Story, reporter: Reporter) -> None:
    seen: dict[str, Loc] = {}
    for scene in story.scenes.values():
        if scene.ending is None:
            continue
        if scene.ending.id in seen:
            first = seen[scene.ending.id]
            reporter.error(
                "E029",
                scene.loc,
                f"ending id '{scene.ending.id}' is already used at {first.file}:{first.line}",
            )
        else:
            seen[scene.ending.id] = scene.loc


def _check_endings(story: Story, reporter: Reporter) -> None:
    """E060 for a story without an ending; E061 where every path only loops.

    Conditions are ignored (any choice may be taken), so E061 means that no
    sequence of choices at all leads from the scene to an ending. A choice to an
    unknown scene (already E022) counts as a way out, to report one problem once.
    """
    if story.start not in story.scenes:
        return
    start = story.scenes[story.start]
    endings = [scene.id for scene in story.scenes.values() if scene.ending is not None]
    if not endings:
        reporter.error(
            "E060",
            start.loc,
            "the story has no ending: no scene has an 'ending:', so a playthrough can never"
            " finish. Give at least one last scene an 'ending:' with a title",
        )
        return
    before: dict[str, list[str]] = {scene_id: [] for scene_id in story.scenes}
    can_end: set[str] = set(endings)
    for scene in story.scenes.values():
        for target in successors(scene):
            if target in before:
                before[target].append(scene.id)
            else:
                can_end.add(scene.id)
    queue = deque(can_end)
    while queue:
        for earlier in before[queue.popleft()]:
            if earlier not in can_end:
                can_end.add(earlier)
                queue.append(earlier)
    trapped = reachable_from(story, story.start) - can_end
    for scene_id in sorted(trapped, key=lambda name: _loc_key(story.scenes[name].loc)):
        entered_from_outside = scene_id == story.start or any(
            earlier not in trapped for earlier in before[scene_id]
        )
        if not entered_from_outside or _only_itself(story.scenes[scene_id]):
            continue
        loop = _first_reached(story, scene_id, 7)
        shown = ", ".join(loop[:6]) + (" and more" if len(loop) > 6 else "")
        reporter.error(
            "E061",
            story.scenes[scene_id].loc,
            f"no path from scene '{scene_id}' leads to an ending: its choices only go round"
            f" among {shown}. Give one of these scenes a way on to an ending",
        )


def _first_reached(story: Story, start: str, limit: int) -> list[str]:
    """Up to ``limit`` scenes reachable from ``start``, nearest first (bounded work)."""
    seen = [start]
    queue = deque([start])
    while queue and len(seen) < limit:
        for target in successors(story.scenes[queue.popleft()]):
            if target in story.scenes and target not in seen:
                seen.append(target)
                queue.append(target)
                if len(seen) >= limit:
                    break
    return seen


def _loc_key(loc: Loc) -> tuple[str, int, int]:
    return (loc.file, loc.line, loc.column)
