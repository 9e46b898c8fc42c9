"""The reading font and line spacing settings change the faces the window draws with."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.app import App
from game.ui.screens.settings import SettingsScreen
from tests.ui.conftest import key, pump


def test_the_reading_font_setting_changes_the_face(make_app: Callable[..., App]) -> None:
    app = make_app()
    pump(app)
    standard = app.face("serif", 22)
    assert standard.file == "NotoSerif-Regular.ttf"
    assert app.face("sans", 22).file == "NotoSans-Regular.ttf"
    app.push(SettingsScreen(app))
    pump(app)
    screen = app.top
    labels = [o.label for o in screen.options]  # type: ignore[attr-defined]
    while screen.group.focus != labels.index("Reading font"):  # type: ignore[attr-defined]
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)
    assert app.settings.reading_font == "dyslexic"
    dyslexic = app.face("serif", 22)
    assert dyslexic.file == "OpenDyslexic-Regular.otf"
    assert app.face("serif-bold", 22).file == "OpenDyslexic-Bold.otf"
    assert app.face("choice", 22).file == "OpenDyslexic-Regular.otf"  # the choices too
    assert app.face("sans", 22).file == "NotoSans-Regular.ttf"  # the interface stays
    assert dyslexic.width("The train does not get shorter.") != standard.width(
        "The train does not get shorter."
    )
    key(app, pygame.K_DOWN)
    normal_height = app.face("serif", 22).line_height
    key(app, pygame.K_RIGHT)
    assert app.settings.line_spacing == "wide"
    assert app.face("serif", 22).line_height > normal_height * 1.2
    key(app, pygame.K_LEFT)
    assert app.face("serif", 22).line_height == normal_height
