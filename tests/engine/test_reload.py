"""Live reload: the story loads again and the game in progress carries on in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.diagnostics import Diagnostic
from game.engine.loader import load_story
from game.engine.reload import STATE_CODES, SceneMove, reload_game, reload_story
from game.engine.runner import Runner
from tests.conftest import TEST_STORIES


def copy_story(tmp_path: Path) -> Path:
    folder = tmp_path / "village_day"
    shutil.copytree(TEST_STORIES / "village_day", folder, ignore=shutil.ignore_patterns("trans*"))
    return folder


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def playing(folder: Path, *choices: str, seed: int = 4) -> Runner:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    runner = Runner(story, seed=seed)
    for choice in choices:
        runner.choose(choice)
    return runner


def notices(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code in STATE_CODES]


def test_reloading_unchanged_files_changes_nothing(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2", "next")
    reloaded, diagnostics = reload_story(runner, folder)
    assert reloaded is not None and notices(diagnostics) == []
    assert reloaded is not runner and reloaded.story is not runner.story
    assert reloaded.to_json() == runner.to_json()
    assert reloaded.can_undo
    # The same seed, step and choices give the same playthrough afterwards.
    assert reloaded.choose("1").changes == runner.choose("1").changes
    assert reloaded.to_json() == runner.to_json()


def test_edited_text_shows_at_once(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    assert runner.view().paragraphs[0].startswith("The market is loud")
    edit(folder, "day.yaml", "The market is loud", "The market is roaring")
    reloaded, _ = reload_story(runner, folder)
    assert reloaded is not None
    assert reloaded.scene_id == "market"
    assert reloaded.view().paragraphs[0].startswith("The market is roaring")
    assert reloaded.vars == runner.vars and reloaded.ledger == runner.ledger


def test_broken_files_give_their_errors_and_no_runner(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    before = runner.to_json()
    edit(folder, "day.yaml", "next: walk_home", "next: walk_hom")
    reloaded, diagnostics = reload_story(runner, folder)
    assert reloaded is None
    error = next(d for d in diagnostics if d.severity == "error")
    assert error.code == "E022" and "did you mean 'walk_home'" in error.message
    assert runner.to_json() == before  # the old game plays on untouched
    runner.choose("next")


def test_a_removed_current_scene_goes_back_to_the_scene_before_it(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")  # morning -> market
    before_choice = playing(folder)
    edit(folder, "day.yaml", "goto: market", "goto: walk_home")
    edit(
        folder,
        "day.yaml",
        "  market:\n    next: walk_home\n",
        "  unused_market:\n    next: walk_home\n",
    )
    result = reload_game(runner, folder)
    reloaded = result.runner
    assert reloaded is not None
    # Back at morning as it was there: the choice that led to the gone scene is taken
    # back (its effects are not kept, so choosing again does not apply them twice).
    assert reloaded.scene_id == "morning" and reloaded.step == 0
    assert reloaded.vars == before_choice.vars and reloaded.ledger == ()
    assert result.move == SceneMove("market", "morning", "earlier", 1)
    (notice,) = notices(result.diagnostics)
    assert notice.code == "W109" and "'market' is gone" in notice.message
    assert "nearest earlier scene" in notice.message and notice.file.endswith("day.yaml")
    assert not reloaded.can_undo  # nothing was before morning


def test_a_renamed_current_scene_is_followed(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    edit(folder, "day.yaml", "market", "bazaar")
    edit(folder, "story.yaml", "ledger:", "renames:\n  market: bazaar\nledger:")
    result = reload_game(runner, folder)
    assert result.runner is not None and result.runner.scene_id == "bazaar"
    assert notices(result.diagnostics) == []
    assert result.move == SceneMove("market", "bazaar", "renamed")
    assert result.runner.vars == runner.vars and result.undo_dropped == 0
    assert result.runner.undo() and result.runner.scene_id == "morning"  # undo kept


def test_a_variable_that_changed_kind_starts_again(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    assert runner.vars["tired"] == 1
    edit(
        folder,
        "story.yaml",
        "tired: {type: int, initial: 0, min: 0, max: 3,",
        "tired: {type: bool,",
    )
    edit(folder, "story.yaml", "label: Tiredness}", "initial: true, label: Tiredness}")
    edit(folder, "day.yaml", "tired += 1", "tired = true")
    edit(folder, "day.yaml", "if: tired > 0", "if: tired")
    reloaded, diagnostics = reload_story(runner, folder)
    assert reloaded is not None, [str(d) for d in diagnostics]
    assert reloaded.vars["tired"] is True
    (notice,) = notices(diagnostics)
    assert notice.code == "W111" and "'tired' is now true/false" in notice.message
    assert reloaded.undo()  # undo snapshots were fitted too


def test_new_bounds_and_new_variables_are_respected(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    edit(
        folder,
        "story.yaml",
        "qin: {type: int, initial: 5, min: 0, max: 10",
        "qin: {type: int, initial: 2, min: 0, max: 3",
    )
    edit(
        folder,
        "story.yaml",
        "lucky: {type: bool, initial: false}",
        "lucky: {type: bool, initial: false}\n  rain: {type: int, initial: 7, hud: true}",
    )
    reloaded, _ = reload_story(runner, folder)
    assert reloaded is not None
    assert reloaded.vars["qin"] == 3 and reloaded.vars["rain"] == 7


def test_reload_keeps_the_mods(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "mod.yaml").write_text(
        "id: m\nname: M\nversion: '1'\nauthor: A\nstory: village-day\nfiles: [m.yaml]\n",
        encoding="utf-8",
    )
    (mod / "m.yaml").write_text(
        "chapter: 1\nscenes:\n  market:\n    text: A modded market.\n    next: walk_home\n",
        encoding="utf-8",
    )
    runner = playing(folder, "2")
    reloaded, diagnostics = reload_story(runner, folder, [str(mod)])
    assert reloaded is not None, [str(d) for d in diagnostics]
    assert reloaded.view().paragraphs == ("A modded market.",)
    (mod / "m.yaml").write_text("chapter: [\n", encoding="utf-8")
    broken, diagnostics = reload_story(reloaded, folder, [str(mod)])
    assert broken is None
    assert any(d.code == "E001" and d.file.endswith("m.yaml") for d in diagnostics)


def test_deeper_on_the_route_the_nearest_earlier_scene_keeps_the_undo_below_it(
    tmp_path: Path,
) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2", "next", "1")  # morning -> market -> walk_home -> evening
    assert runner.scene_id == "evening" and len(runner.to_json()["undo"]) == 3
    at_walk_home = playing(folder, "2", "next")
    # evening is renamed without a declaration: the game goes back to walk_home.
    for file in ("day.yaml", "evening.yaml"):
        edit(folder, file, "evening", "late_evening")
    result = reload_game(runner, folder)
    reloaded = result.runner
    assert reloaded is not None
    assert result.move == SceneMove("evening", "walk_home", "earlier", 1)
    assert reloaded.to_json() == at_walk_home.to_json()
    assert result.undo_dropped == 0
    assert reloaded.undo() and reloaded.scene_id == "market"
    assert reloaded.undo() and reloaded.scene_id == "morning"
    assert not reloaded.undo()


def test_undo_entries_whose_scene_is_gone_are_dropped_with_the_older_ones(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2", "next")  # morning -> market -> walk_home
    edit(folder, "day.yaml", "  morning:\n", "  dawn:\n")
    edit(folder, "story.yaml", "start: morning", "start: dawn")
    result = reload_game(runner, folder)
    reloaded = result.runner
    assert reloaded is not None and reloaded.scene_id == "walk_home" and result.move is None
    assert result.undo_dropped == 1 and result.undo_gone == "morning"
    assert reloaded.undo() and reloaded.scene_id == "market"
    assert not reloaded.undo()  # the entry at the gone morning could not be kept


def test_with_no_scene_of_the_route_left_the_game_goes_to_the_chapter_start(
    tmp_path: Path,
) -> None:
    folder = copy_story(tmp_path)
    story, _ = load_story(folder)
    assert story is not None
    runner = Runner(story, seed=4, scene="market")  # a writer's jump: no history before it
    edit(folder, "day.yaml", "goto: market", "goto: walk_home")
    edit(folder, "day.yaml", "  market:\n    next: walk_home\n", "  stall:\n    next: walk_home\n")
    result = reload_game(runner, folder)
    assert result.runner is not None and result.runner.scene_id == "morning"
    assert result.move == SceneMove("market", "morning", "chapter_start")
    (notice,) = notices(result.diagnostics)
    assert "the start of its chapter" in notice.message


def test_a_change_by_hand_is_undone_and_survives_a_save(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    step, money, ledger = runner.step, runner.vars["money"], runner.ledger
    change = runner.set_value("money", 900)
    assert (change.before, change.after) == (money, 900)
    assert runner.step == step and runner.ledger[-1].amount == 900 - money
    assert runner.set_value("lucky", True).after == 1
    restored = Runner.from_json(runner.story, runner.to_json())
    assert restored.to_json() == runner.to_json()
    assert restored.undo() and restored.vars["lucky"] is False and restored.vars["money"] == 900
    assert restored.undo() and restored.vars["money"] == money and restored.ledger == ledger
    assert restored.step == step and restored.scene_id == "market"
    assert restored.undo() and restored.scene_id == "morning"


def test_a_change_by_hand_is_checked_against_the_declaration(tmp_path: Path) -> None:
    runner = playing(copy_story(tmp_path))
    for name, value, words in [
        ("qin", 11, "'qin' must stay within 0..10; 11 is outside"),
        ("qin", True, "'qin' is a whole number"),
        ("lucky", 1, "'lucky' is true or false"),
        ("nobody", 1, "no variable 'nobody'"),
    ]:
        with pytest.raises(ValueError, match=words):
            runner.set_value(name, value)
    assert not runner.can_undo


def test_a_fork_looks_ahead_without_touching_the_runner(tmp_path: Path) -> None:
    runner = playing(copy_story(tmp_path), "2", "next")
    before = runner.to_json()
    twin = runner.fork()
    ahead = twin.choose("1")
    assert runner.to_json() == before  # the game itself has not moved
    real = runner.choose("1")
    assert real.changes == ahead.changes and real.notes == ahead.notes
    assert twin.view().paragraphs == runner.view().paragraphs  # the same random draws
