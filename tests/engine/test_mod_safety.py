"""Mods as safe for saves as the story: declared replacements with the story scene's hash,
renames in mod.yaml, copies that follow the story's renames, saves that know their mods."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine import ModsNotLoaded, Runner, SaveError, load_save, load_story, stranded_saves
from game.engine.diagnostics import Diagnostic
from game.engine.model import Story
from game.engine.scenehash import HASH_RE, saved_hash, scene_hash
from game.engine.yamlread import read_yaml
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES

EXAMPLE_MOD = ROOT / "mods" / "night_train"

MANIFEST = """\
id: stall
name: The Lottery Stall
version: 1.0.0
author: A Tester
story: village-day
files: [stall.yaml]
"""

#: The story's walk_home, with one more choice leading to the mod's own scene.
STALL = """\
chapter: 1
scenes:
  walk_home:
    text: A new stall has gone up by the bridge.
    choices:
      - text: Look at the stall
        goto: st_stall
      - text: Walk straight home
        goto: evening
  st_stall:
    text: Good luck!
    next: evening
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "village_day", folder, ignore=shutil.ignore_patterns("trans*"))
    return folder


def make_mod(folder: Path, manifest: str = MANIFEST, stall: str = STALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mod.yaml").write_text(manifest, encoding="utf-8")
    (folder / "stall.yaml").write_text(stall, encoding="utf-8")
    return folder


def story_hash(story_dir: Path, scene_id: str, file: str = "day.yaml") -> str:
    tree, problems = read_yaml((story_dir / file).read_text(encoding="utf-8"), file)
    assert not problems
    return scene_hash(tree["scenes"][scene_id])


def of(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def loaded(story_dir: Path, mods: list[Path]) -> tuple[Story, list[Diagnostic]]:
    result, diagnostics = load_story(story_dir, mods)
    assert result is not None, [str(d) for d in diagnostics if d.severity == "error"]
    return result, diagnostics


# -- the hash ------------------------------------------------------------------------------
def test_the_hash_covers_meaning_not_layout() -> None:
    one, _ = read_yaml("a:\n  text: |\n    Two words\n    here.\n\n    More.\n  next: b\n", "x")
    two, _ = read_yaml('a: {next: b, text: "Two   words here.\\n\\nMore."}\n', "y")
    three, _ = read_yaml("a:\n  text: Two words here. More.\n  next: b\n", "z")
    four, _ = read_yaml("a:\n  text: |\n    Two words\n    there.\n\n    More.\n  next: b\n", "w")
    assert scene_hash(one["a"]) == scene_hash(two["a"])  # wrapping, order, quoting
    assert scene_hash(one["a"]) != scene_hash(three["a"])  # a paragraph break counts
    assert scene_hash(one["a"]) != scene_hash(four["a"])  # a word counts
    assert HASH_RE.match(scene_hash(one["a"]))


def test_a_hash_yaml_reads_as_a_number_is_still_the_hash() -> None:
    assert saved_hash(22334455) == "22334455"
    assert saved_hash("ab2cd3ef") == "ab2cd3ef"
    assert saved_hash(True) is None and saved_hash("0123abcd") is None


def test_moving_a_scene_to_another_file_keeps_its_hash(story: Path) -> None:
    before = story_hash(story, "walk_home")
    day = (story / "day.yaml").read_text(encoding="utf-8")
    block = day[day.index("  walk_home:\n") : day.index("  qin_room:\n")]
    # Another file, after another scene, indented deeper: the same scene.
    deeper = "".join("  " + line if line.strip() else line for line in block.splitlines(True))
    (story / "moved.yaml").write_text("chapter: 1\nscenes:\n    other:\n      next: x\n" + deeper)
    assert story_hash(story, "walk_home", "moved.yaml") == before


# -- replacing is declared -------------------------------------------------------------------
def test_an_undeclared_replacement_warns_with_both_places_and_the_line_to_add(
    story: Path, tmp_path: Path
) -> None:
    mod = make_mod(tmp_path / "stall")
    result, diagnostics = loaded(story, [mod])
    (warning,) = of(diagnostics, "W140")
    digest = story_hash(story, "walk_home")
    assert warning.file.endswith("stall.yaml") and (warning.line, warning.column) == (3, 3)
    assert "day.yaml:45:3" in warning.message
    assert f"'walk_home: {digest}'" in warning.message
    assert result.scenes["walk_home"].file.endswith("stall.yaml")  # it still replaces


def test_a_declared_replacement_with_the_current_hash_is_clean(story: Path, tmp_path: Path) -> None:
    digest = story_hash(story, "walk_home")
    mod = make_mod(tmp_path / "stall", MANIFEST + f"replaces:\n  walk_home: {digest}\n")
    _, diagnostics = loaded(story, [mod])
    assert [d for d in diagnostics if "stall" in d.file and d.code != "W105"] == []


def test_a_story_scene_changed_since_the_copy_is_a_warning_with_the_new_hash(
    story: Path, tmp_path: Path
) -> None:
    old = story_hash(story, "walk_home")
    mod = make_mod(tmp_path / "stall", MANIFEST + f"replaces:\n  walk_home: {old}\n")
    day = story / "day.yaml"
    day.write_text(day.read_text().replace("Try the lottery stall", "Try the lottery"))
    new = story_hash(story, "walk_home")
    assert new != old
    _, diagnostics = loaded(story, [mod])
    (warning,) = of(diagnostics, "W141")
    assert warning.file.endswith("stall.yaml")
    assert "day.yaml:45:3" in warning.message and "mod.yaml:8:3" in warning.message
    assert f"'{old}'" in warning.message and f"'walk_home: {new}'" in warning.message


def test_a_bad_hash_is_refused_with_how_to_get_one(story: Path, tmp_path: Path) -> None:
    mod = make_mod(tmp_path / "stall", MANIFEST + "replaces:\n  walk_home: true\n")
    result, diagnostics = load_story(story, [mod])
    assert result is None
    (error,) = of(diagnostics, "E014")
    assert error.file.endswith("mod.yaml") and "lint --mod" in error.message


def test_a_declared_scene_the_mod_has_no_copy_of_warns(story: Path, tmp_path: Path) -> None:
    digest = story_hash(story, "walk_home")
    morning = story_hash(story, "morning")
    manifest = MANIFEST + f"replaces:\n  walk_home: {digest}\n  morning: {morning}\n"
    _, diagnostics = loaded(story, [make_mod(tmp_path / "stall", manifest)])
    (warning,) = of(diagnostics, "W142")
    assert "'morning'" in warning.message and (warning.line, warning.column) == (9, 3)


def test_a_replacement_of_a_scene_the_story_removed_is_an_error(
    story: Path, tmp_path: Path
) -> None:
    digest = story_hash(story, "walk_home")
    mod = make_mod(tmp_path / "stall", MANIFEST + f"replaces:\n  walk_home: {digest}\n")
    day = story / "day.yaml"
    day.write_text(day.read_text().replace("walk_home", "walk_homeward"))
    result, diagnostics = load_story(story, [mod])
    assert result is None
    (error,) = of(diagnostics, "E057")
    assert error.file.endswith("mod.yaml") and (error.line, error.column) == (8, 3)
    assert "no longer replaces anything" in error.message
    assert "stall.yaml:3:3" in error.message  # the copy, now a scene of its own
    assert "did you mean 'walk_homeward'" in error.message


def test_a_copy_follows_the_story_s_rename(story: Path, tmp_path: Path) -> None:
    digest = story_hash(story, "walk_home")
    mod = make_mod(tmp_path / "stall", MANIFEST + f"replaces:\n  walk_home: {digest}\n")
    day = story / "day.yaml"
    day.write_text(day.read_text().replace("walk_home", "walk_back"))
    frame = story / "story.yaml"
    frame.write_text(frame.read_text() + "renames:\n  walk_home: walk_back\n")
    result, diagnostics = loaded(story, [mod])
    assert "walk_home" not in result.scenes
    assert result.scenes["walk_back"].file.endswith("stall.yaml")
    assert result.scenes["walk_back"].choices[0].target == "st_stall"
    (warning,) = of(diagnostics, "W143")
    assert "'walk_back'" in warning.message and warning.file.endswith("stall.yaml")
    assert not of(diagnostics, "W141") and not of(diagnostics, "E057")


def test_a_goto_to_a_renamed_scene_names_the_new_id(story: Path, tmp_path: Path) -> None:
    stall = STALL.replace("next: evening", "next: walk_home")
    mod = make_mod(tmp_path / "stall", MANIFEST, stall.replace("  walk_home:", "  st_walk:"))
    day = story / "day.yaml"
    day.write_text(day.read_text().replace("walk_home", "walk_back"))
    frame = story / "story.yaml"
    frame.write_text(frame.read_text() + "renames:\n  walk_home: walk_back\n")
    _, diagnostics = load_story(story, [mod])
    (error,) = of(diagnostics, "E022")
    assert "renamed to 'walk_back'" in error.message


# -- renames in mod.yaml -----------------------------------------------------------------------
def test_mod_renames_join_the_story_s_and_saves_follow_them(story: Path, tmp_path: Path) -> None:
    digest = story_hash(story, "walk_home")
    old_mod = make_mod(tmp_path / "v1", MANIFEST + f"replaces:\n  walk_home: {digest}\n")
    old, _ = loaded(story, [old_mod])
    runner = Runner(old, seed=3, scene="st_stall")
    saved = json.loads(json.dumps(runner.to_json()))
    manifest = MANIFEST.replace("1.0.0", "1.1.0") + f"replaces:\n  walk_home: {digest}\n"
    new_mod = make_mod(
        tmp_path / "v2",
        manifest + "renames:\n  st_stall: st_lottery\n",
        STALL.replace("st_stall", "st_lottery"),
    )
    new, diagnostics = loaded(story, [new_mod])
    assert new.renames["st_stall"] == "st_lottery"
    assert not [d for d in diagnostics if d.file.endswith("mod.yaml")]
    restored = load_save(new, saved)
    assert restored.runner.scene_id == "st_lottery" and restored.relocation is None
    assert restored.message is not None and "version 1.0.0 of the mod 'stall'" in restored.message
    assert "1.1.0 is loaded now" in restored.message


def test_rename_checks_are_the_same_for_mods(story: Path, tmp_path: Path) -> None:
    frame = story / "story.yaml"
    frame.write_text(frame.read_text() + "renames:\n  old_market: market\n")
    manifest = MANIFEST + (
        "renames:\n  st_stall: st_gone\n  old_market: evening\n"
        "  st_old: [x]\n  st_before: st_stall\n"
    )
    result, diagnostics = load_story(story, [make_mod(tmp_path / "stall", manifest)])
    assert result is None
    assert [d.line for d in of(diagnostics, "W144")] == [8]  # st_stall still exists
    (twice,) = of(diagnostics, "E056")
    assert twice.line == 9 and "already renamed to 'market' by the story" in twice.message
    assert [d.line for d in of(diagnostics, "E014") if d.file.endswith("mod.yaml")] == [10]
    assert not of(diagnostics, "W145")  # st_before leads to st_stall, a scene


def test_a_rename_that_leads_nowhere_warns_in_the_story_and_in_a_mod(
    story: Path, tmp_path: Path
) -> None:
    frame = story / "story.yaml"
    frame.write_text(frame.read_text() + "renames:\n  old_market: markt\n")
    manifest = MANIFEST + "renames:\n  st_older: st_stal\n"
    _, diagnostics = loaded(story, [make_mod(tmp_path / "stall", manifest)])
    found = {(Path(d.file).name, d.line): d.message for d in of(diagnostics, "W145")}
    assert set(found) >= {("mod.yaml", 8)}
    assert any("did you mean 'market'" in m for m in found.values())
    assert any("did you mean 'st_stall'" in m for m in found.values())


# -- lint --against-mod's engine half ------------------------------------------------------
def test_a_mod_scene_gone_without_a_rename_says_to_rename_it_in_mod_yaml(
    story: Path, tmp_path: Path
) -> None:
    old, _ = loaded(story, [make_mod(tmp_path / "v1")])
    new, _ = loaded(story, [make_mod(tmp_path / "v2", stall=STALL.replace("st_stall", "st_x"))])
    (warning,) = stranded_saves(old, new)
    assert warning.code == "W109" and warning.file.endswith("v1/stall.yaml")
    assert "'st_stall: new_id' under 'renames:' in mod.yaml" in warning.message


# -- saves know their mods -----------------------------------------------------------------
def test_a_save_records_its_mods_and_a_plain_save_does_not(story: Path, tmp_path: Path) -> None:
    plain, _ = loaded(story, [])
    assert "mods" not in Runner(plain, seed=1).to_json()
    modded, _ = loaded(story, [make_mod(tmp_path / "stall")])
    assert modded.mods == (("stall", "1.0.0"),)
    assert Runner(modded, seed=1).to_json()["mods"] == [{"id": "stall", "version": "1.0.0"}]


def test_a_save_without_its_mod_says_which_mod_and_how_to_load_it(
    story: Path, tmp_path: Path
) -> None:
    modded, _ = loaded(story, [make_mod(tmp_path / "stall")])
    saved = json.loads(json.dumps(Runner(modded, seed=1, scene="st_stall").to_json()))
    before = json.dumps(saved)
    plain, _ = loaded(story, [])
    with pytest.raises(ModsNotLoaded) as caught:
        load_save(plain, saved)
    message = str(caught.value)
    assert message.startswith("this save was made with the mod 'stall' 1.0.0, which is not loaded")
    assert "--mod mods/stall" in message and "no longer has" not in message
    assert caught.value.missing == (("stall", "1.0.0"),)
    with pytest.raises(SaveError):
        Runner.from_json(plain, saved)
    assert json.dumps(saved) == before  # the save is untouched
    # Even at a story scene: the mod's variables and changes would be lost.
    at_story_scene = dict(saved, scene="morning")
    with pytest.raises(ModsNotLoaded):
        load_save(plain, at_story_scene)


def test_two_missing_mods_are_named_together(story: Path) -> None:
    plain, _ = loaded(story, [])
    saved = Runner(plain, seed=1).to_json()
    saved["mods"] = [{"id": "a", "version": "1"}, {"id": "b", "version": "2.0"}]
    with pytest.raises(ModsNotLoaded) as caught:
        load_save(plain, saved)
    assert "the mods 'a' 1 and 'b' 2.0, which are not loaded" in str(caught.value)
    assert "--mod mods/a --mod mods/b" in str(caught.value)


@pytest.mark.parametrize(
    "mods",
    [
        "night_train",
        [1],
        [{"id": "Night Train", "version": "1"}],
        [{"id": "x", "version": "\x1b[2J"}],
        [{"id": "x"}],
        [{"id": "x", "version": "1"}] * 65,
    ],
)
def test_a_damaged_list_of_mods_is_a_damaged_save(story: Path, mods: object) -> None:
    plain, _ = loaded(story, [])
    saved = Runner(plain, seed=1).to_json()
    saved["mods"] = mods
    with pytest.raises(SaveError, match="its list of mods"):
        load_save(plain, saved)


def test_the_example_mod_is_declared_and_up_to_date() -> None:
    result, diagnostics = load_story(STORY_DIR, [EXAMPLE_MOD])
    assert result is not None
    assert [str(d) for d in diagnostics if "night_train" in d.file and d.code != "W105"] == []
    assert result.mods == (("night_train", "1.1.0"),)
    text = (EXAMPLE_MOD / "mod.yaml").read_text(encoding="utf-8")
    assert f"ch1_train: {story_hash(STORY_DIR, 'ch1_train', 'chapter1.yaml')}" in text
