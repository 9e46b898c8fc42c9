"""Playing with the keyboard only, through events posted to SDL's queue: from the title
to an ending and back; undo, history, ledger, quicksave and quickload; the mouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.saves import AUTOSAVE, QUICKSAVE
from game.ui.app import App
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen, TitleScreen
from tests.ui.conftest import key, pump, session, to_choices, top


def test_keyboard_only_from_the_title_to_an_ending(make_app: Callable[..., App]) -> None:
    app = make_app()
    pump(app)
    assert app.top.name == "title"
    key(app, pygame.K_RETURN)  # New game
    assert app.top.name == "notes"
    key(app, pygame.K_RETURN)  # Begin
    assert app.top.name == "story"
    assert session(app).view.scene_id == "dorm"
    key(app, pygame.K_3)  # the text is still appearing: numbers do nothing yet
    assert session(app).view.scene_id == "dorm"
    to_choices(app)  # complete the text, turn the page: the choices come with the last
    key(app, pygame.K_3)  # locked: nothing happens
    assert session(app).view.scene_id == "dorm"
    key(app, pygame.K_RETURN)  # no choice has the focus yet: Enter picks nothing
    assert session(app).view.scene_id == "dorm"
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # the second choice
    assert session(app).view.scene_id == "peng"
    key(app, pygame.K_SPACE)
    key(app, pygame.K_SPACE)  # continue
    assert session(app).view.scene_id == "window"
    key(app, pygame.K_SPACE)
    key(app, pygame.K_2)  # one ticket
    assert session(app).view.scene_id == "alone"
    assert any(t.text == "Qin will remember this." for t in app.toasts)
    key(app, pygame.K_SPACE)
    key(app, pygame.K_SPACE)  # read the ending
    assert app.top.name == "ending"
    key(app, pygame.K_RETURN)  # back to the title
    assert app.top.name == "title"
    assert app.saves.info(AUTOSAVE).usable


def test_undo_history_ledger_and_menus_by_key(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_1)
    assert session(app).view.scene_id == "peng"
    money_after = session(app).view.meters[0].value
    key(app, pygame.K_u)
    assert session(app).view.scene_id == "dorm"
    assert session(app).view.meters[0].value != money_after
    key(app, pygame.K_h)
    assert app.top.name == "history"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l)
    assert app.top.name == "ledger"
    key(app, pygame.K_l)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "story"


def test_undo_can_be_turned_off(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant", undo_allowed=False)
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_1)
    key(app, pygame.K_u)
    assert session(app).view.scene_id == "peng"


def test_quicksave_and_quickload(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_F5)
    assert app.saves.info(QUICKSAVE).usable
    key(app, pygame.K_2)
    assert session(app).view.scene_id == "peng"
    key(app, pygame.K_F9)
    assert session(app).view.scene_id == "dorm"


def test_save_into_a_slot_and_load_it_from_the_title(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_2)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # Save game
    assert app.top.name == "saves"
    key(app, pygame.K_RETURN)  # slot 1
    assert app.saves.info("1").usable
    app.go_title()
    pump(app)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # Load
    assert app.top.name == "saves"
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # slot 1 (below the autosave)
    assert app.top.name == "story" and session(app).view.scene_id == "peng"


def test_mouse_only_play(make_app: Callable[..., App]) -> None:
    app = make_app()
    pump(app)

    def click(rect: pygame.Rect) -> None:
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))
        pump(app)

    click(top(app, TitleScreen).group.buttons[0].rect)  # New game
    click(top(app, ContentNotesScreen).group.buttons[0].rect)  # Begin
    story = top(app, StoryScreen)
    while not story.choices_shown:
        click(story._panel_rect())
    click(story.group.buttons[1].rect)
    assert session(app).view.scene_id == "peng"
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    pump(app)
    assert app.top.name == "history"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=3))
    pump(app)
    assert app.top.name == "story"
    menu = next(b for b in top(app, StoryScreen).bar if b.label == "Ledger")
    click(menu.rect)
    assert app.top.name == "ledger"


def test_settings_change_with_arrows_and_persist(
    make_app: Callable[..., App], tmp_path: Path
) -> None:
    app = make_app()
    app.persist_settings = True
    pump(app)
    for _ in range(3):
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # Settings
    assert app.top.name == "settings"
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)  # text size: medium -> large
    assert app.settings.text_size == "large"
    assert app.settings_store.load().text_size == "large"
    key(app, pygame.K_F11)
    assert app.settings.fullscreen
    key(app, pygame.K_F11)
    assert not app.settings.fullscreen
