"""A game saved with a mod, opened without it: the text mode (o N, --continue), the session
and the save store all say which mod it needs and how to load it, and harm nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import load_save, load_story
from game.play.session import GameSession, LoadNeedsMods
from game.saves import AUTOSAVE, SaveStore
from tests.conftest import ROOT, TEST_STORIES

MANIFEST = """\
id: stall
name: The Lottery Stall
version: 1.2.0
author: A Tester
story: village-day
files: [stall.yaml]
"""

STALL = """\
chapter: 1
scenes:
  st_stall:
    text: A new stall has gone up by the bridge. Nobody is buying.
    choices:
      - text: Buy nothing
        goto: evening
      - text: Buy nothing, slowly
        goto: evening
"""

NEEDS = "this save was made with the mod 'stall' 1.2.0, which is not loaded"


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The village_day story, a mod with one scene, and a data folder of their own."""
    story = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "village_day", story, ignore=shutil.ignore_patterns("trans*"))
    mod = tmp_path / "mods" / "stall"
    mod.mkdir(parents=True)
    (mod / "mod.yaml").write_text(MANIFEST, encoding="utf-8")
    (mod / "stall.yaml").write_text(STALL, encoding="utf-8")
    return story, mod, tmp_path / "data"


def play(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LTH_DATA_DIR=str(data), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "play", "--text", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_a_text_mode_save_with_a_mod_opened_without_it(world: tuple[Path, Path, Path]) -> None:
    story, mod, data = world
    made = play(
        data, "--story", str(story), "--mod", str(mod), "--from", "st_stall", stdin="s 3\nq\n"
    )
    assert made.returncode == 0, made.stderr
    saved = (data / "saves" / "slot-3.json").read_bytes()
    assert b'"mods":[{"id":"stall","version":"1.2.0"}]' in saved

    # --continue without the mod: the newest game needs it, so nothing starts.
    refused = play(data, "--story", str(story), "--continue", stdin="1\n")
    assert refused.returncode == 1
    assert f"Cannot continue: {NEEDS}" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (data / "saves" / "slot-3.json").read_bytes() == saved  # never harmed

    # o 3 without the mod: says which mod and how, and plays on with the game it had.
    opened = play(data, "--story", str(story), stdin="v\no 3\nq\n")
    assert opened.returncode == 0, opened.stderr
    assert f"Cannot open Slot 3: {NEEDS}" in opened.stdout
    assert "--mod mods/stall" in opened.stdout
    assert "needs a mod" in opened.stdout  # the v list
    assert "no longer has" not in opened.stdout and "Traceback" not in opened.stderr

    # With the mod, the same save opens where it was made.
    again = play(data, "--story", str(story), "--mod", str(mod), stdin="o 3\nq\n")
    assert again.returncode == 0, again.stderr
    assert "Nobody is buying" in again.stdout.split("(Opened Slot 3.)")[1]


def test_the_session_and_the_store_name_the_missing_mod(world: tuple[Path, Path, Path]) -> None:
    story_dir, mod, data = world
    modded, _ = load_story(story_dir, [mod])
    plain, _ = load_story(story_dir)
    assert modded is not None and plain is not None
    saves = SaveStore(modded.id, data / "saves")
    session = GameSession.new(modded, 4, saves)
    session.save("2")
    before = saves.path(AUTOSAVE).read_bytes()

    checked = SaveStore(plain.id, data / "saves", validate=lambda runner: load_save(plain, runner))
    info = checked.info("2")
    assert info.state == "needs_mods" and not info.usable
    assert info.reason is not None and info.reason.startswith(NEEDS)
    assert checked.latest() is None
    newest = checked.latest(needing_mods=True)
    assert newest is not None and newest.state == "needs_mods"
    with pytest.raises(LoadNeedsMods) as caught:
        GameSession.from_slot(plain, checked, "2")
    assert "'stall' 1.2.0" in str(caught.value)
    with pytest.raises(LoadNeedsMods):  # a store without a validator says the same
        GameSession.from_slot(plain, SaveStore(plain.id, data / "saves"), AUTOSAVE)
    assert saves.path(AUTOSAVE).read_bytes() == before
    assert GameSession.from_slot(modded, saves, "2").runner.story is modded


def test_continue_with_another_version_of_the_mod_says_so(world: tuple[Path, Path, Path]) -> None:
    story, mod, data = world
    made = play(data, "--story", str(story), "--mod", str(mod), "--from", "st_stall", stdin="q\n")
    assert made.returncode == 0, made.stderr
    manifest = mod / "mod.yaml"
    manifest.write_text(manifest.read_text().replace("1.2.0", "1.3.0"), encoding="utf-8")
    again = play(data, "--story", str(story), "--mod", str(mod), "--continue", stdin="q\n")
    assert again.returncode == 0, again.stderr
    assert "made with version 1.2.0 of the mod 'stall'; version 1.3.0 is loaded now" in (
        " ".join(again.stdout.split())
    )
    assert "Nobody is buying" in again.stdout
