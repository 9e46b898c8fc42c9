"""The window with a save made under a mod that is not loaded: the Load screen says the save
needs a mod, loading it and Continue say which mod and how to load it, nothing is harmed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pygame

from game.engine import Runner, Story
from game.play.session import GameSession
from game.saves import AUTOSAVE, SaveStore
from game.ui.app import App
from game.ui.screens.saves import SavesScreen
from tests.ui.conftest import key, pump

NEEDS = "this save was made with the mod 'night_lights' 2.0, which is not loaded"


def save_with_mod(story: Story, folder: Path) -> bytes:
    """A game of ``story`` saved in slot 4 and the autosave as if a mod had been laid."""
    modded = dataclasses.replace(story, mods=(("night_lights", "2.0"),))
    session = GameSession(modded, Runner(modded, seed=5), SaveStore(story.id, folder))
    session.save("4")
    session.autosave()
    return (folder / "slot-4.json").read_bytes()


def test_the_load_screen_and_continue_name_the_missing_mod(
    make_app: Callable[..., App], story: Story, tmp_path: Path
) -> None:
    saved = save_with_mod(story, tmp_path / "data" / "saves")
    app = make_app(text_speed="instant")
    pump(app)
    info = app.saves.info("4")
    assert info.state == "needs_mods" and info.reason is not None
    assert info.reason.startswith(NEEDS)

    # Continue on the title: says what the newest game needs, and stays on the title.
    assert app.top.name == "title"
    app.continue_game()
    assert app.top.name == "title" and app.session is None
    assert any(t.text.startswith(f"Cannot continue: {NEEDS}") for t in app.toasts)

    # The Load screen: the slot says it needs a mod; choosing it says which and how.
    app.toasts.clear()
    app.push(SavesScreen(app, "load"))
    pump(app)
    frame = app.draw()
    assert frame.get_size() == (1280, 720)
    assert app.load_slot("4") is False
    toast = next(t.text for t in app.toasts if t.text.startswith("Cannot load"))
    assert NEEDS in toast and "--mod mods/night_lights" in toast
    assert app.top.name == "saves" and app.session is None
    assert (tmp_path / "data" / "saves" / "slot-4.json").read_bytes() == saved
    assert app.saves.info(AUTOSAVE).state == "needs_mods"  # the autosave is kept too
    key(app, pygame.K_ESCAPE)


def test_with_the_mod_loaded_the_save_opens(
    make_app: Callable[..., App], story: Story, tmp_path: Path
) -> None:
    save_with_mod(story, tmp_path / "data" / "saves")
    app = make_app(text_speed="instant")
    app.story = dataclasses.replace(story, mods=(("night_lights", "2.0"),))
    assert app.saves.info("4").usable
    assert app.load_slot("4")
    assert app.top.name == "story"
    pump(app)
