"""The browser runtime (web/engine.js) plays exactly as the Python engine does.

Thousands of seeded random games (choices, undo, save-and-restore) of the shipped
story and of every golden story in tests/stories/ are played through both runtimes;
after every step the full view (shown text, choices, locked reasons, meters, prompts,
cards, ending), the choice's result (notes, changes, ledger lines) and the state
(scene, step, date, variables, visited scenes, the whole ledger, the history's
newest entry, undo depth) are compared, and at the end of each game the whole save.
Each side hashes its canonical JSON of every step; a game whose hashes differ is
replayed with every step printed, and the first differing step is shown.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from game.engine.compiled import compile_story, dumps_compiled
from game.engine.loader import load_story_sources
from game.engine.model import Story
from game.engine.rng import StepRandom
from game.engine.runner import Runner
from game.engine.savecheck import chapter_start
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES
from tests.web.conftest import FIGURES

NODE = shutil.which("node")
SCRIPT = Path(__file__).with_name("conformance.mjs")
MAX_STEPS = 600
# 2,000 games in all: most on the shipped story, the rest on the golden stories.
SHIPPED_GAMES = int(os.environ.get("LTH_CONFORMANCE_GAMES", "1500"))
GOLDEN_GAMES = max(1, SHIPPED_GAMES // 6)

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _default(value: Any) -> Any:
    names = _FIELDS.get(type(value))
    if names is None:
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"cannot compare {type(value).__name__}")
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: getattr(value, name) for name in names}


def canonical(value: Any) -> str:
    """Sorted keys, no spaces, as conformance.mjs's canonical() writes the same data."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def _record(runner: Runner, action: str, result: Any) -> dict[str, Any]:
    transcript = runner.transcript
    return {
        "action": action,
        "view": runner.view(),
        "result": result,
        "state": {
            "scene": runner.scene_id,
            "step": runner.step,
            "date": runner.date,
            "variables": runner.vars,
            "visited": runner.visited,
            "ledger": runner.ledger,
            "transcript_len": len(transcript),
            "transcript_last": transcript[-1],
            "undo": len(runner._undo),
            "choices": runner.available_choice_ids(),
        },
    }


def play(story: Story, game: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The Python twin of conformance.mjs's play()."""
    start = game.get("start") or {}
    runner = Runner(story, game["seed"], scene=start.get("scene"), values=start.get("values"))
    yield _record(runner, "start", None)
    for k in range(MAX_STEPS):
        r = StepRandom(game["policy"], k, 7).random()
        result = None
        if runner.can_undo and r < 0.08:
            action = "undo"
            runner.undo()
        elif r > 0.99:
            action = "reload"
            runner = Runner.from_json(story, json.loads(json.dumps(runner.to_json())))
        else:
            ids = runner.available_choice_ids()
            if not ids:
                break
            action = ids[int(StepRandom(game["policy"], k, 8).random() * len(ids))]
            result = runner.choose(action)
        yield _record(runner, action, result)
    yield {"final": runner.to_json()}


def games_for(story: Story, count: int, base: int) -> list[dict[str, Any]]:
    starts: list[dict[str, Any] | None] = [None]
    starts += [{"scene": s.scene, "values": dict(s.values)} for s in story.starts.values()]
    # Games that begin at each chapter's first scene, as chapter starts and saves moved
    # to a safe point do.
    for chapter in story.chapters:
        scene = chapter_start(story, chapter.number)
        if scene is not None and scene != story.start:
            starts.append({"scene": scene, "values": {}})
    return [
        {
            "seed": base + n,
            "policy": 7919 * n + 3,
            "start": starts[n // 4 % len(starts)] if n % 4 == 0 else None,
        }
        for n in range(count)
    ]


def start_node(
    story_file: Path, plan: dict[str, Any], tmp: Path, dump: bool = False
) -> subprocess.Popen[str]:
    """Start node on ``plan``; it plays while Python plays the same games."""
    plan_file = tmp / ("dump.json" if dump else "plan.json")
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    args = [str(NODE), str(SCRIPT), str(story_file), str(plan_file)] + (["--dump"] if dump else [])
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


def node_lines(process: subprocess.Popen[str]) -> list[str]:
    out, err = process.communicate(timeout=1200)
    assert process.returncode == 0, err
    return out.splitlines()


STORIES = [STORY_DIR, *sorted(p for p in TEST_STORIES.iterdir() if (p / "story.yaml").exists())]


@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_both_runtimes_play_alike(folder: Path, tmp_path: Path) -> None:
    story, diagnostics, sources = load_story_sources(folder)
    assert story is not None, diagnostics
    story_file = tmp_path / "story.json"
    story_file.write_text(dumps_compiled(compile_story(story, sources)), encoding="utf-8")
    count = SHIPPED_GAMES if folder == STORY_DIR else GOLDEN_GAMES
    games = games_for(story, count, base=1)
    plan = {"games": games, "max_steps": MAX_STEPS}
    node = start_node(story_file, plan, tmp_path)
    ours = []
    for game in games:
        digest = hashlib.sha256()
        steps = 0
        for item in play(story, game):
            digest.update((canonical(item) + "\n").encode("utf-8"))
            steps += 1
        ours.append({"steps": steps, "digest": digest.hexdigest()})
    lines = node_lines(node)
    assert len(lines) == len(games)
    compared = 0
    for game, mine, line in zip(games, ours, lines, strict=True):
        theirs = json.loads(line)
        steps = cast(int, mine["steps"])
        if mine != theirs:
            ours_steps = [canonical(item) for item in play(story, game)]
            single = {"games": [game], "max_steps": MAX_STEPS}
            node_steps = node_lines(start_node(story_file, single, tmp_path, True))
            for index, (a, b) in enumerate(zip(ours_steps, node_steps, strict=False)):
                if a != b:
                    pytest.fail(
                        f"{folder.name} game {game}: step {index} differs\n"
                        f"python: {a[:3000]}\nnode:   {b[:3000]}"
                    )
            pytest.fail(
                f"{folder.name} game {game}: {len(ours_steps)} steps in Python,"
                f" {len(node_steps)} in node"
            )
        compared += steps
    FIGURES.append(f"conformance {folder.name}: {len(games)} games, {compared:,} compared steps")
    assert compared > len(games)
