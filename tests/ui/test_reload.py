"""Live reload (F6) in the window: new text at once from the same state; errors in a
calm overlay while the old story plays on; notices about the state as toasts."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.loader import load_story
from game.ui.app import App
from game.ui.screens.reload import ReloadErrorsScreen, error_blocks
from game.ui.screens.story import StoryScreen
from game.ui.settings import Settings
from tests.ui.conftest import UI_STORY, key, pump, session, to_choices, top

DORM_LINE = "The dormitory lights go out at eleven."


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(UI_STORY, folder)
    return folder


@pytest.fixture
def play_copy(story_copy: Path, tmp_path: Path) -> Iterator[Callable[[], App]]:
    """An app playing the copy of the test story, at its first scene, text shown at once."""
    pygame.init()

    def make() -> App:
        story, _ = load_story(story_copy)
        assert story is not None
        app = App(
            story,
            str(story_copy),
            seed=1,
            data_directory=tmp_path / "data",
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(text_speed="instant"),
            audio=False,
        )
        app.choice_delay = 0.0
        app.start_game()
        pump(app)
        to_choices(app)
        return app

    yield make
    pygame.quit()


def edit(folder: Path, old: str, new: str, name: str = "one.yaml") -> None:
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_f6_shows_the_edited_text_and_keeps_the_state(
    play_copy: Callable[[], App], story_copy: Path
) -> None:
    app = play_copy()
    key(app, pygame.K_1)  # send money home: to Old Peng
    money = session(app).view.meters[0].value
    edit(story_copy, "Fourteen times I have made this trip", "Fifteen times I have made this trip")
    key(app, pygame.K_F6)
    view = session(app).view
    assert view.scene_id == "peng"
    assert any("Fifteen times" in p for p in view.paragraphs)
    assert view.meters[0].value == money
    assert top(app, StoryScreen).view is view
    assert top(app, StoryScreen).typewriter.done, "a writer reads the new text at once"
    assert any("reloaded" in t.text for t in app.toasts)
    to_choices(app)
    key(app, pygame.K_SPACE)  # the game goes on in the new story
    assert session(app).view.scene_id == "window"
    assert app.story is session(app).runner.story


def test_errors_show_in_an_overlay_and_the_old_story_plays_on(
    play_copy: Callable[[], App], story_copy: Path
) -> None:
    app = play_copy()
    edit(story_copy, "goto: peng\n      - text: Keep it", "goto: pengg\n      - text: Keep it")
    old_story = app.story
    key(app, pygame.K_F6)
    overlay = top(app, ReloadErrorsScreen)
    assert overlay.name == "reload-errors"
    assert overlay.overlay, "the game stays visible, dimmed, under the errors"
    assert any(d.code == "E012" or "pengg" in d.message for d in overlay.diagnostics)
    assert all(d.severity == "error" for d in overlay.diagnostics)
    places = [b.text for b in overlay.blocks if b.style == "code"]
    assert any("one.yaml:" in place and ":" in place.split("one.yaml:")[1] for place in places)
    assert app.story is old_story
    app.draw()
    key(app, pygame.K_PAGEDOWN)  # it scrolls
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"
    to_choices(app)
    key(app, pygame.K_1)  # still playing the old story
    assert session(app).view.scene_id == "peng"


def test_f6_after_a_fix_closes_the_overlay(play_copy: Callable[[], App], story_copy: Path) -> None:
    app = play_copy()
    edit(
        story_copy,
        "    background: ticket_hall\n",
        "    background: ticket_hall\n    nonsense: [\n",
    )
    key(app, pygame.K_F6)
    assert app.top.name == "reload-errors"
    key(app, pygame.K_F6)  # still broken: one overlay, not two
    assert [s.name for s in app.screens].count("reload-errors") == 1
    edit(story_copy, "    nonsense: [\n", "")
    key(app, pygame.K_F6)
    assert app.top.name == "story"
    assert "reload-errors" not in [s.name for s in app.screens]


def test_a_removed_scene_goes_back_to_the_scene_before_it_and_says_so(
    play_copy: Callable[[], App], story_copy: Path
) -> None:
    app = play_copy()
    money = session(app).view.meters[0].value
    key(app, pygame.K_1)  # send money home: to Old Peng
    assert session(app).view.scene_id == "peng"
    path = story_copy / "one.yaml"
    text = path.read_text("utf-8").replace("  peng:\n", "  peng_moved:\n")
    path.write_text(text.replace("goto: peng\n", "goto: peng_moved\n"), "utf-8")
    key(app, pygame.K_F6)
    assert app.top.name == "story"
    view = session(app).view
    assert view.scene_id == "dorm" and view.meters[0].value == money  # as it was there
    assert top(app, StoryScreen).view is view and view.kind == "choices"
    assert any(
        "Scene 'peng' is gone from the files: back at 'dorm'" in t.text
        and "1 choice taken back" in t.text
        for t in app.toasts
    )
    assert not any(t.text.startswith("W109") for t in app.toasts)
    to_choices(app)
    key(app, pygame.K_1)  # choose again: into the renamed scene, money sent once
    assert session(app).view.scene_id == "peng_moved"
    assert session(app).view.meters[0].value == money - 1500


def test_a_declared_rename_is_followed_and_undo_is_kept(
    play_copy: Callable[[], App], story_copy: Path
) -> None:
    app = play_copy()
    key(app, pygame.K_1)
    to_choices(app)
    key(app, pygame.K_SPACE)  # Old Peng: continue to the ticket window
    assert session(app).view.scene_id == "window"
    path = story_copy / "one.yaml"
    path.write_text(path.read_text("utf-8").replace("window", "ticket_window"), "utf-8")
    edit(story_copy, "ledger:", "renames:\n  window: ticket_window\nledger:", "story.yaml")
    key(app, pygame.K_F6)
    assert session(app).view.scene_id == "ticket_window"
    assert any("Scene 'window' is now 'ticket_window'" in t.text for t in app.toasts)
    top(app, StoryScreen).undo()
    assert session(app).view.scene_id == "peng"
    top(app, StoryScreen).undo()
    assert session(app).view.scene_id == "dorm"


def test_f6_on_the_title_screen_and_with_an_overlay_open(
    play_copy: Callable[[], App], story_copy: Path
) -> None:
    app = play_copy()
    key(app, pygame.K_h)  # history open over the story
    edit(story_copy, DORM_LINE, "The lights go out at half past ten.")
    key(app, pygame.K_F6)
    assert app.top.name == "history"
    key(app, pygame.K_ESCAPE)
    assert any("half past ten" in p for p in top(app, StoryScreen).view.paragraphs)
    app.go_title()
    edit(story_copy, "title: The Night Train", "title: The Night Bus", "story.yaml")
    key(app, pygame.K_F6)
    assert app.top.name == "title" and app.story.title == "The Night Bus"


def test_error_blocks_name_the_place_code_and_message(story_copy: Path) -> None:
    from game.engine.diagnostics import Diagnostic

    found = Diagnostic("E012", "error", str(story_copy / "one.yaml"), 42, 7, "unknown scene")
    blocks = error_blocks([found], str(story_copy))
    assert blocks[1].text == "story/one.yaml:42:7   error E012"
    assert blocks[2].text == "unknown scene"
    assert "F6" in blocks[0].text
