"""The writer's debug overlay (F3): it opens over the story, shows the state, changes a
variable through the runner (undoable, the scene updates), and never opens in class."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import Story, load_story
from game.play.starting import plan_start
from game.ui.app import App
from game.ui.screens.debug import DebugScreen
from game.ui.screens.story import StoryScreen
from game.ui.settings import Settings
from tests.ui.conftest import UI_STORY, key, pump, to_choices

MakeApp = Callable[..., App]


def type_text(app: App, text: str) -> None:
    for char in text:
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=ord(char), mod=0, unicode=char, scancode=0)
        )
    pump(app)


def at_ticket_window(make_app: MakeApp) -> App:
    """The test story's ticket window: the scalper's choice is locked (1,600 yuan)."""
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_2)  # keep the money: to Old Peng
    to_choices(app)
    key(app, pygame.K_SPACE)  # on to the ticket window
    assert app.session is not None and app.session.view.scene_id == "window"
    return app


def open_debug(app: App) -> DebugScreen:
    key(app, pygame.K_F3)
    screen = app.top
    assert isinstance(screen, DebugScreen)
    return screen


def test_f3_shows_the_scene_its_place_the_seed_and_every_variable(make_app: MakeApp) -> None:
    app = at_ticket_window(make_app)
    screen = open_debug(app)
    assert app.find("story") is not None, "the story stays underneath, in view"
    assert screen.facts[0] == "Scene: window"
    assert screen.facts[1].endswith("one.yaml:44") or "one.yaml:" in screen.facts[1]
    assert screen.facts[2] == "Seed 1 · step 2"
    shown = [name for name, _rect in screen.rows]
    assert shown == list(app.story.variables)[: len(shown)] and "money" in shown
    key(app, pygame.K_F3)
    assert app.top.name == "story"


def test_a_typed_value_goes_through_the_runner_and_locks_a_choice(make_app: MakeApp) -> None:
    app = at_ticket_window(make_app)
    story_screen = app.top
    assert isinstance(story_screen, StoryScreen)
    assert story_screen.view.choices[2].enabled  # the scalper wants 1,600: there is 2,750
    screen = open_debug(app)
    type_text(app, "money")
    assert screen.current == "money"
    key(app, pygame.K_RETURN)
    type_text(app, "1,000")
    key(app, pygame.K_RETURN)
    session = app.session
    assert session is not None and session.runner.vars["money"] == 1000
    assert story_screen.view is session.view and not story_screen.view.choices[2].enabled
    assert story_screen.view.choices[2].locked_reason == "Not enough cash: he wants 1,600 yuan"
    assert session.runner.ledger[-1].amount == 1000 - 2750  # the ledger says so
    assert "money: 2750 → 1000" in screen.message
    key(app, pygame.K_BACKSPACE)  # undo, from the overlay
    assert session.runner.vars["money"] == 2750
    assert story_screen.view.choices[2].enabled
    assert session.view.scene_id == "window" and session.runner.step == 2


def test_a_value_outside_its_range_is_refused_with_a_message(make_app: MakeApp) -> None:
    app = at_ticket_window(make_app)
    screen = open_debug(app)
    type_text(app, "qin")
    key(app, pygame.K_RETURN)
    type_text(app, "12")
    key(app, pygame.K_RETURN)
    assert (
        screen.message_is_error and "'qin' must stay within 0..10; 12 is outside" in screen.message
    )
    assert screen.typed == "12", "still editing: fix the number or Esc"
    assert app.session is not None and app.session.runner.vars["qin"] == 3
    key(app, pygame.K_ESCAPE)  # cancels the edit, not the overlay
    assert screen.typed is None and app.top is screen
    key(app, pygame.K_RIGHT)  # a step up with the keyboard
    assert app.session.runner.vars["qin"] == 4


def test_the_mouse_picks_a_row_and_nudges_a_number(make_app: MakeApp) -> None:
    app = at_ticket_window(make_app)
    screen = open_debug(app)
    name, rect = screen.rows[2]
    assert name == "qin"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))
    pump(app)
    assert screen.current == "qin"
    (_minus, minus), (_plus, plus) = screen.step_buttons
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=plus.center, button=1))
    pump(app)
    assert app.session is not None and app.session.runner.vars["qin"] == 4
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=minus.center, button=1))
    pump(app)
    assert app.session.runner.vars["qin"] == 3
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=screen.close_rect.center, button=1)
    )
    pump(app)
    assert app.top.name == "story"


def test_a_flag_toggles(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(UI_STORY, folder)
    path = folder / "story.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("variables:\n", "variables:\n  lucky: {type: bool, initial: false}\n"), "utf-8"
    )
    story, diagnostics = load_story(folder)
    assert story is not None, diagnostics
    pygame.init()
    app = App(
        story,
        str(folder),
        seed=1,
        data_directory=tmp_path / "data",
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(text_speed="instant"),
        audio=False,
    )
    app.start_game()
    pump(app)
    screen = open_debug(app)
    assert screen.current == "lucky"
    key(app, pygame.K_SPACE)
    assert app.session is not None and app.session.runner.vars["lucky"] is True
    key(app, pygame.K_RETURN)
    assert app.session.runner.vars["lucky"] is False
    assert app.session.runner.undo() and app.session.runner.vars["lucky"] is True
    pygame.quit()


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_it_fits_at_every_size_and_the_largest_text(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(size=size, text_size="largest", text_speed="instant")
    app.start_game()
    pump(app)
    screen = open_debug(app)
    app.draw()
    panel = pygame.Rect(app.vp.rect(*screen_panel()))
    assert screen.rows and all(panel.contains(rect) for _name, rect in screen.rows)
    key(app, pygame.K_END)  # the last variable scrolls into view
    app.draw()
    assert screen.rows[-1][0] == list(app.story.variables)[-1]


def screen_panel() -> tuple[float, float, float, float]:
    from game.ui.screens.debug import PANEL

    return PANEL


def test_f3_does_nothing_in_classroom_mode(story: Story, tmp_path: Path) -> None:
    pygame.init()
    app = App(
        story,
        str(UI_STORY),
        seed=1,
        classroom=True,
        data_directory=tmp_path / "data",
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(text_speed="instant"),
        audio=False,
    )
    app.start_game()
    pump(app)
    key(app, pygame.K_F3)
    assert app.top.name == "story" and app.find("debug") is None
    app.writer.close()
    pygame.quit()


def test_a_jump_with_from_and_set_keeps_working_with_f3_and_f6(
    story: Story, tmp_path: Path
) -> None:
    plan = plan_start(story, from_scene="window", assignments=["money=2000"])
    pygame.init()
    app = App(
        story,
        str(UI_STORY),
        seed=1,
        data_directory=tmp_path / "data",
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(text_speed="instant"),
        audio=False,
        plan=plan,
    )
    pump(app)
    assert app.session is not None and app.session.view.scene_id == "window"
    key(app, pygame.K_F6)
    assert app.session.view.scene_id == "window" and app.session.runner.vars["money"] == 2000
    screen = open_debug(app)
    assert screen.facts[0] == "Scene: window"
    pygame.quit()
