"""Saves across story edits: renames, removed scenes moved to their chapter's start, --against."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.runner import Runner, SaveError
from game.engine.savecheck import chapter_start, load_save, stranded_saves
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES


def copy_story(tmp_path: Path, name: str = "village_day") -> Path:
    folder = tmp_path / name
    shutil.copytree(TEST_STORIES / name, folder, ignore=shutil.ignore_patterns("trans*"))
    return folder


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def saved_at_market(story: Story) -> dict[str, Any]:
    runner = Runner(story, seed=5)
    runner.choose("2")  # pork and tangerines: money changes, 'market' is a 'next' scene
    assert runner.scene_id == "market"
    data: dict[str, Any] = json.loads(json.dumps(runner.to_json()))
    return data


def remove_market(folder: Path) -> None:
    """Cut 'market' out of day.yaml: the choices that led there now go to walk_home."""
    edit(folder, "day.yaml", "goto: market", "goto: walk_home")
    day = (folder / "day.yaml").read_text(encoding="utf-8")
    start = day.index("  market:\n")
    end = day.index("  walk_home:\n")
    (folder / "day.yaml").write_text(day[:start] + day[end:], encoding="utf-8")


# -- load_save --------------------------------------------------------------------------------
def test_a_good_save_loads_exactly_as_from_json(tmp_path: Path) -> None:
    story = load(copy_story(tmp_path))
    data = saved_at_market(story)
    loaded = load_save(story, data)
    assert loaded.relocation is None and loaded.message is None
    assert loaded.runner.to_json() == Runner.from_json(story, data).to_json()


def test_a_save_at_a_removed_scene_moves_to_its_chapters_start(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    data = saved_at_market(load(folder))
    remove_market(folder)
    story = load(folder)
    with pytest.raises(SaveError, match="no longer has"):
        Runner.from_json(story, data)  # the strict way in is unchanged
    loaded = load_save(story, data)
    runner = loaded.runner
    assert runner.scene_id == "morning"  # the first scene of chapter 1 (the start)
    assert loaded.relocation is not None and loaded.relocation.old_scene == "market"
    assert loaded.relocation.chapter == 1
    message = loaded.message or ""
    assert "'market'" in message and "chapter 1, Morning" in message
    assert "everything you had is kept" in message
    assert runner.vars == data["variables"]  # values as saved; no effects run again
    assert runner.ledger and runner.ledger[-1].label == "Pork and tangerines"
    assert not runner.can_undo
    assert runner.view().kind == "choices"
    runner.choose("envelope")  # and the game plays on
    assert runner.scene_id == "qin_room"


def test_the_safe_point_of_a_later_chapter_is_its_entry_scene(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    story = load(folder)
    runner = Runner(story, seed=1)
    for choice in ("2", "next", "1"):
        runner.choose(choice)
    assert runner.scene_id == "evening"
    edit(folder, "evening.yaml", "  evening:\n", "  evening_at_home:\n")
    edit(folder, "day.yaml", "goto: evening", "goto: evening_at_home")
    edit(folder, "day.yaml", "next: evening", "next: evening_at_home")
    loaded = load_save(load(folder), runner.to_json())
    assert loaded.runner.scene_id == "evening_at_home"
    assert "chapter 2, Evening" in (loaded.message or "")
    assert loaded.runner.date == "2007-02-18"


def test_old_saves_without_a_chapter_find_it_from_the_visited_scenes(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    data = saved_at_market(load(folder))
    del data["chapter"]
    remove_market(folder)
    loaded = load_save(load(folder), data)
    assert loaded.runner.scene_id == "morning" and loaded.relocation is not None
    assert loaded.relocation.chapter == 1


def test_a_save_whose_chapter_is_gone_starts_from_the_beginning(tmp_path: Path) -> None:
    story = load(copy_story(tmp_path))
    data = saved_at_market(story)
    data.update(scene="gone", chapter=7)
    loaded = load_save(story, data)
    assert loaded.runner.scene_id == story.start
    assert "beginning of the story" in (loaded.message or "")


def test_renamed_scenes_load_where_they_were(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    data = saved_at_market(load(folder))
    edit(folder, "day.yaml", "market", "bazaar")
    edit(folder, "story.yaml", "ledger:", "renames:\n  market: bazaar\nledger:")
    loaded = load_save(load(folder), data)
    assert loaded.relocation is None and loaded.runner.scene_id == "bazaar"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"story_id": "other"}, "another story"),
        ({"format": 99}, "newer version"),
        ({"scene": 42}, "not a scene id"),
        ({"variables": {"qin": "lots"}}, "whole number"),
    ],
)
def test_damaged_saves_still_raise(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    story = load(copy_story(tmp_path))
    data = saved_at_market(story)
    data.update(change)
    with pytest.raises(SaveError, match=message):
        load_save(story, data)


def test_chapter_start_picks_the_start_or_the_entry_scene(tmp_path: Path) -> None:
    story = load(copy_story(tmp_path))
    assert chapter_start(story, 1) == "morning"
    assert chapter_start(story, 2) == "evening"
    assert chapter_start(story, 5) is None


def test_every_chapter_of_the_shipped_story_has_a_safe_point() -> None:
    story, _ = load_story(STORY_DIR)
    assert story is not None
    for chapter in story.chapters:
        start = chapter_start(story, chapter.number)
        assert start is not None and story.scenes[start].chapter == chapter.number


# -- stranded_saves (lint --against) -----------------------------------------------------------
def test_a_removed_scene_without_a_rename_is_warned_about(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    new_folder = copy_story(tmp_path / "new")
    remove_market(new_folder)
    warnings = stranded_saves(load(old_folder), load(new_folder))
    assert [w.code for w in warnings] == ["W109"]
    warning = warnings[0]
    assert warning.file.endswith("day.yaml") and "old" in warning.file
    assert "'market'" in warning.message and "'morning'" in warning.message
    assert "renames:" in warning.message


def test_renames_and_unchanged_stories_give_no_warnings(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    new_folder = copy_story(tmp_path / "new")
    assert stranded_saves(load(old_folder), load(new_folder)) == []
    edit(new_folder, "day.yaml", "market", "bazaar")
    edit(new_folder, "story.yaml", "ledger:", "renames:\n  market: bazaar\nledger:")
    assert stranded_saves(load(old_folder), load(new_folder)) == []


def test_a_rename_to_a_missing_scene_is_warned_about(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    new_folder = copy_story(tmp_path / "new")
    remove_market(new_folder)
    edit(new_folder, "story.yaml", "ledger:", "renames:\n  market: bazar\nledger:")
    (warning,) = stranded_saves(load(old_folder), load(new_folder))
    assert warning.code == "W109" and "renamed to 'bazar'" in warning.message


def test_changed_kinds_and_ids_are_warned_about(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    new_folder = copy_story(tmp_path / "new")
    edit(new_folder, "story.yaml", "lucky: {type: bool, initial: false}", "lucky: {type: int}")
    edit(new_folder, "day.yaml", "lucky = true", "lucky = 1")
    edit(new_folder, "evening.yaml", "if: lucky", "if: lucky > 0")
    edit(new_folder, "story.yaml", "id: village-day", "id: village-days")
    warnings = {w.code: w for w in stranded_saves(load(old_folder), load(new_folder))}
    assert set(warnings) == {"W111", "W112"}
    assert "'lucky' was true/false and is now number" in warnings["W111"].message
    assert warnings["W112"].file.endswith("story.yaml")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_lint_against_warns_and_still_exits_zero(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    new_folder = copy_story(tmp_path / "new")
    remove_market(new_folder)
    result = run_main("lint", str(new_folder), "--against", str(old_folder))
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if "W109" in line)
    assert "scene 'market' is gone" in line
    payload = json.loads(
        run_main("lint", str(new_folder), "--against", str(old_folder), "--format", "json").stdout
    )
    assert [d["code"] for d in payload["diagnostics"] if d["code"] != "W105"] == ["W109"]


def test_lint_against_a_broken_old_story_says_so(tmp_path: Path) -> None:
    old_folder = copy_story(tmp_path / "old")
    edit(old_folder, "day.yaml", "goto: qin_room", "goto: nowhere")
    result = run_main("lint", str(copy_story(tmp_path / "new")), "--against", str(old_folder))
    assert result.returncode == 1
    assert "cannot be compared" in result.stderr and "Traceback" not in result.stderr
