"""Every screen renders headlessly at three window sizes, in both themes and at the
largest text size, without errors and with real content on screen."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.engine.diagnostics import Diagnostic
from game.ui.app import App
from game.ui.screens.about import AboutScreen
from game.ui.screens.base import ConfirmScreen
from game.ui.screens.cards import CardsScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.glossary import GlossaryScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.reload import ReloadErrorsScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen
from game.ui.shot import play_random
from tests.ui.conftest import SIZES, session, top


def colours(surface: pygame.Surface) -> int:
    """How many distinct colours a downscaled copy has: a blank screen has one or two."""
    small = pygame.transform.smoothscale(surface.convert(), (160, 90))
    return len({tuple(small.get_at((x, y))) for x in range(160) for y in range(90)})


def reveal(app: App) -> None:
    story = app.find("story")
    assert isinstance(story, StoryScreen)
    story.typewriter.finish()
    story._page_revealed()


def in_game(app: App, steps: int = 0) -> App:
    app.start_game()
    if steps:
        play_random(session(app), 3, until_ending=False, steps=steps)
        app.top.on_resume()
    reveal(app)
    return app


SCREENS: dict[str, Callable[[App], object]] = {
    "title": lambda app: app,
    "notes": lambda app: app.push(ContentNotesScreen(app)),
    "about": lambda app: app.push(AboutScreen(app)),
    "settings": lambda app: app.push(SettingsScreen(app)),
    "load": lambda app: app.push(SavesScreen(app, "load")),
    "story": lambda app: in_game(app),
    "cards": lambda app: in_game(app).push(CardsScreen(app, session(app).view.cards)),
    "pause": lambda app: in_game(app).push(PauseScreen(app)),
    "confirm": lambda app: in_game(app).push(ConfirmScreen(app, "Quit the game?", app.quit)),
    "save": lambda app: in_game(app).push(SavesScreen(app, "save")),
    "history": lambda app: in_game(app, 3).push(HistoryScreen(app)),
    "ledger": lambda app: in_game(app, 3).push(LedgerScreen(app)),
    "glossary": lambda app: in_game(app).push(GlossaryScreen(app)),
    "reload-errors": lambda app: in_game(app).push(
        ReloadErrorsScreen(
            app, [Diagnostic("E012", "error", "story/one.yaml", 4, 7, "unknown scene 'pengg'")]
        )
    ),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_every_screen_renders_at_every_size(
    make_app: Callable[..., App], screen: str, size: tuple[int, int]
) -> None:
    app = make_app(size)
    SCREENS[screen](app)
    surface = app.draw()
    assert surface.get_size() == size
    assert colours(surface) > 20


@pytest.mark.parametrize("size", SIZES)
def test_the_ending_screen_renders(make_app: Callable[..., App], size: tuple[int, int]) -> None:
    app = make_app(size)
    app.start_game()
    play_random(session(app), 2, until_ending=True, steps=0)
    app.top.on_resume()
    app.push(EndingScreen(app))
    assert colours(app.draw()) > 20


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_high_contrast_and_largest_text_render(make_app: Callable[..., App], screen: str) -> None:
    app = make_app((960, 540), high_contrast=True, text_size="largest")
    SCREENS[screen](app)
    assert colours(app.draw()) > 4


def test_a_wide_window_is_letterboxed(make_app: Callable[..., App]) -> None:
    app = make_app((1600, 700))
    surface = app.draw()
    assert app.vp.x > 0 and app.vp.y == 0
    assert surface.get_at((2, 350))[:3] == app.theme.backdrop
    assert surface.get_at((1597, 350))[:3] == app.theme.backdrop


def test_text_is_drawn_at_the_window_scale(make_app: Callable[..., App]) -> None:
    small = make_app((960, 540))
    large = make_app((1920, 1080))
    assert large.face("serif", 22).height > 1.8 * small.face("serif", 22).height


def test_a_missing_picture_becomes_a_drawn_card(make_app: Callable[..., App]) -> None:
    app = make_app()
    picture = app.art.get_now("background", "no_such_place", (320, 180))
    assert picture.get_size() == (320, 180)
    assert colours(picture) > 8
    assert ("background", "no_such_place") in app.art.missing
    portrait = app.art.get_now("portrait", "nobody", (120, 150))
    assert portrait.get_size() == (120, 150)


@pytest.mark.parametrize("text_size", ["small", "medium", "large", "largest"])
def test_every_settings_row_is_on_screen_at_every_text_size(
    make_app: Callable[..., App], text_size: str
) -> None:
    app = make_app((960, 540), text_size=text_size)
    app.push(SettingsScreen(app))
    app.draw()
    for button in top(app, SettingsScreen).group.buttons:
        assert app.viewport_rect().contains(button.rect), button.label
