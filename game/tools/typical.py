"""The typical state at the start of each chapter, to write chapter starts from.

``starts:`` in story.yaml lets a lesson begin at a chapter with "the money, meters and
flags a typical route brings". This tool finds such a state: it plays seeded random
playthroughs, takes the state each one has when it first enters a chapter, and picks
the *real* state nearest the middle of them all (medians for numbers, the majority for
flags). A real state is always consistent (Qin cannot have left school and be sitting
her exams), which a column of medians is not. It prints the ``values:`` to paste:

    python -m game.tools.typical [STORY_DIR] [-n 500] [--mod DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Sequence
from typing import Any

from game.engine import Runner, Story
from game.tools.loading import add_mod_option, load_or_report
from game.tools.reading import MAX_STEPS


def chapter_entries(story: Story, seed: int) -> dict[int, tuple[str, dict[str, Any]]]:
    """For one random playthrough: each chapter's first scene and the state there."""
    runner = Runner(story, seed, record_text=False)
    pick = random.Random(seed)
    entries: dict[int, tuple[str, dict[str, Any]]] = {}
    for _ in range(MAX_STEPS):
        chapter = runner.scene.chapter
        if chapter not in entries:
            entries[chapter] = (runner.scene_id, dict(runner.vars))
        ids = runner.available_choice_ids()
        if not ids:
            break
        runner.choose(pick.choice(ids))
    return entries


def typical_state(story: Story, states: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The state among ``states`` nearest the middle of them all."""
    names = list(states[0])
    middle: dict[str, float] = {}
    spread: dict[str, float] = {}
    for name in names:
        values = [float(state[name]) for state in states]
        middle[name] = statistics.median(values)
        spread[name] = (max(values) - min(values)) or 1.0

    def distance(state: dict[str, Any]) -> float:
        return sum(abs(float(state[n]) - middle[n]) / spread[n] for n in names)

    return min(states, key=distance)


def suggest(story: Story, runs: int, seed: int) -> dict[int, tuple[str, dict[str, Any], int]]:
    """Per chapter after the first: its usual first scene, a typical state, and how
    many of the runs reached it."""
    by_chapter: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for offset in range(runs):
        for chapter, entry in chapter_entries(story, seed + offset).items():
            by_chapter.setdefault(chapter, []).append(entry)
    result = {}
    for chapter, entries in sorted(by_chapter.items()):
        if chapter == story.scenes[story.start].chapter:
            continue
        first = statistics.mode(scene for scene, _ in entries)
        states = [state for scene, state in entries if scene == first]
        result[chapter] = (first, typical_state(story, states), len(entries))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.tools.typical", description=__doc__)
    parser.add_argument("story", nargs="?", default="story")
    parser.add_argument("-n", type=int, default=500, help="random playthroughs")
    parser.add_argument("--seed", type=int, default=1)
    add_mod_option(parser, "the typical state with a mod laid over the story")
    args = parser.parse_args(argv)
    story = load_or_report(args.story, args.mod)
    if story is None:
        return 1
    for chapter, (scene, state, reached) in suggest(story, max(1, args.n), args.seed).items():
        print(f"# chapter {chapter}: first scene {scene}, reached by {reached} of {args.n} runs")
        print("values:")
        for name, value in state.items():
            var = story.variables[name]
            if value != var.initial:
                shown = str(value).lower() if isinstance(value, bool) else value
                print(f"  {name}: {shown}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
