"""Live reload: the story loads again and the game in progress carries on in it."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.loader import load_story
from game.engine.reload import STATE_CODES, reload_story
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


def test_a_removed_current_scene_moves_to_the_chapter_start(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    edit(folder, "day.yaml", "goto: market", "goto: walk_home")
    edit(
        folder,
        "day.yaml",
        "  market:\n    next: walk_home\n",
        "  unused_market:\n    next: walk_home\n",
    )
    reloaded, diagnostics = reload_story(runner, folder)
    assert reloaded is not None
    assert reloaded.scene_id == "morning"
    (notice,) = notices(diagnostics)
    assert notice.code == "W109" and "'market' is gone" in notice.message
    assert notice.file.endswith("day.yaml")
    assert reloaded.vars == runner.vars


def test_a_renamed_current_scene_is_followed(tmp_path: Path) -> None:
    folder = copy_story(tmp_path)
    runner = playing(folder, "2")
    edit(folder, "day.yaml", "market", "bazaar")
    edit(folder, "story.yaml", "ledger:", "renames:\n  market: bazaar\nledger:")
    reloaded, diagnostics = reload_story(runner, folder)
    assert reloaded is not None and reloaded.scene_id == "bazaar"
    assert notices(diagnostics) == []


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
