"""A save whose scene was removed from the story loads at its chapter's start, with a message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from game.engine.loader import load_story
from game.engine.runner import Runner
from game.play.session import GameSession
from game.saves import SaveStore
from tests.conftest import TEST_STORIES


def test_a_save_at_a_removed_scene_loads_at_the_chapter_start(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "village_day", folder)
    story, _ = load_story(folder)
    assert story is not None
    runner = Runner(story, seed=2)
    runner.choose("envelope")  # now in qin_room, chapter 1
    store = SaveStore(story.id, directory=tmp_path / "saves")
    session = GameSession(story, runner, store)
    session.save("1")

    day = folder / "day.yaml"
    text = day.read_text()
    start = text.index("  qin_room:")
    day.write_text(text[:start], encoding="utf-8")
    text = (
        day.read_text()
        .replace("goto: qin_room", "goto: market")
        .replace('visited("qin_room")', 'visited("market")')
    )
    day.write_text(text, encoding="utf-8")
    edited, diagnostics = load_story(folder)
    assert edited is not None, [str(d) for d in diagnostics]

    store = SaveStore(edited.id, directory=tmp_path / "saves")
    restored = GameSession.from_slot(edited, store, "1")
    assert restored.runner.scene_id == "morning"
    assert restored.notice and "qin_room" in restored.notice
    assert restored.runner.vars["qin"] == 7  # what the player had is kept
    assert json.dumps(restored.runner.to_json())
