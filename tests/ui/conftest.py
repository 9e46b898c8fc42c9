"""Fixtures for the window's tests: the small test story and apps on SDL's dummy driver."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from game.engine import Story

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.engine import load_story
from game.play.session import GameSession
from game.ui.app import App
from game.ui.host import Screen
from game.ui.settings import Settings

UI_STORY = Path(__file__).resolve().parent / "story"
SIZES = [(960, 540), (1280, 720), (1920, 1080)]


@pytest.fixture(scope="session")
def story() -> Story:
    loaded, diagnostics = load_story(UI_STORY)
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture
def make_app(story: Story, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Build an App in a temporary data folder; art loads synchronously."""
    pygame.init()

    def make(size: tuple[int, int] = (1280, 720), seed: int = 1, **settings: object) -> App:
        app = App(
            story,
            str(UI_STORY),
            seed=seed,
            data_directory=tmp_path / "data",
            size=size,
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(window_size=size, **settings),  # type: ignore[arg-type]
        )
        app.choice_delay = 0.0  # posted keys come faster than a player's (tested on its own)
        return app

    yield make
    pygame.quit()


def key(app: App, key_code: int, mod: int = 0) -> None:
    """Post a key press to SDL's queue and let the app handle the queue."""
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key_code, mod=mod, unicode="", scancode=0)
    )
    pump(app)


def pump(app: App, seconds: float = 0.016) -> None:
    for event in pygame.event.get():
        app.handle_event(event)
    app.update(seconds)
    if app.dirty:
        app.draw()


def to_choices(app: App) -> None:
    """Press Space until the story screen shows its choices (the text box pages a long
    scene; the choices come with the last page)."""
    for _ in range(20):
        top = app.top
        if getattr(top, "choices_shown", True):
            return
        key(app, pygame.K_SPACE)
    raise AssertionError("the choices never appeared")


ScreenT = TypeVar("ScreenT", bound=Screen)


def session(app: App) -> GameSession:
    """The window's game session: a test that asks for it expects a game under way."""
    assert app.session is not None, "no game is under way"
    return app.session


def top(app: App, kind: type[ScreenT]) -> ScreenT:
    """The screen on top, which the test expects to be a ``kind``."""
    screen = app.top
    assert isinstance(screen, kind), f"{type(screen).__name__} is on top, not {kind.__name__}"
    return screen
