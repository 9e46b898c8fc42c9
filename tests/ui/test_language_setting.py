"""The language setting in the window: Settings switches at once and keeps the player's
place; the first start asks when there is a real choice; the choice is kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.engine import Story
from game.ui.app import App
from game.ui.screens.language import LanguageScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import TitleScreen
from tests.ui.conftest import UI_STORY, key

GERMAN_PO = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Settings"
msgstr "Einstellungen"

msgid "Paused"
msgstr "Pause"
"""


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def german(tmp_path: Path, english: None) -> Path:
    """A second real language: a small German catalogue beside the game's."""
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "de.po").write_text(GERMAN_PO, encoding="utf-8")
    i18n.set_language("en", extra_dirs=[folder])
    return folder


def first_start_app(story: Story, folder: Path) -> App:
    pygame.init()
    return App(
        story,
        str(UI_STORY),
        seed=1,
        data_directory=folder,
        size=(1280, 720),
        asynchronous_art=False,
        audio=False,
    )


def test_changing_the_language_in_settings_switches_at_once_and_keeps_the_place(  # type: ignore[no-untyped-def]
    make_app, german
) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    story = app.top
    assert isinstance(story, StoryScreen)
    session = app.session
    assert session is not None
    session.choose(next(c.id for c in session.view.choices if c.enabled))
    place = (session.view.scene_id, session.runner.step, len(session.runner.ledger))
    app.push(PauseScreen(app))
    app.push(SettingsScreen(app))
    settings = app.top
    assert isinstance(settings, SettingsScreen)
    row = settings.options[0]
    assert row.label == "Language" and row.values == ["de", "en"] and row.enabled
    settings.group.focus = 0
    key(app, pygame.K_LEFT)  # English -> Deutsch, at once
    assert i18n.language() == "de" and settings.title == "Einstellungen"
    assert app.settings.language == "de"
    assert settings.group.focus == 0
    app.set_language("qps")  # every label marked: none was built once and kept
    assert app.settings.language == "qps"
    assert settings.title.startswith("\u00ab") and settings.options[0].label.startswith("\u00ab")
    pause = app.screens[-2]
    assert isinstance(pause, PauseScreen)
    assert pause.title.startswith("\u00ab")
    assert all(b.label.startswith("\u00ab") for b in pause.group.buttons)
    app.draw()
    # The same game, at the same place, on the same story screen.
    assert app.session is session and app.find("story") is story
    assert (session.view.scene_id, session.runner.step, len(session.runner.ledger)) == place
    key(app, pygame.K_LEFT)  # the row steps back through the languages: to English
    assert i18n.language() == "en" and settings.title == "Settings"
    assert pause.title == "Paused"


def test_the_first_start_asks_for_the_language_and_keeps_the_answer(  # type: ignore[no-untyped-def]
    story, german, tmp_path: Path
) -> None:
    app = first_start_app(story, tmp_path / "data")
    try:
        screen = app.top
        assert isinstance(screen, LanguageScreen)
        assert screen.languages == ["de", "en"]
        assert [b.label for b in screen.group.buttons] == ["Deutsch", "English"]
        app.draw()
        screen.pick("de")
        assert isinstance(app.top, TitleScreen)
        assert i18n.language() == "de"
        app.push(SettingsScreen(app))
        assert app.top.title == "Einstellungen"  # type: ignore[attr-defined]
        saved = json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8"))
        assert saved["language"] == "de"
    finally:
        app.writer.close()
        pygame.quit()
    # The next start does not ask again.
    again = first_start_app(story, tmp_path / "data")
    try:
        assert isinstance(again.top, TitleScreen)
    finally:
        again.writer.close()
        pygame.quit()


def test_no_language_screen_when_only_english_is_there(  # type: ignore[no-untyped-def]
    story, english, tmp_path: Path
) -> None:
    app = first_start_app(story, tmp_path / "data")
    try:
        assert isinstance(app.top, TitleScreen)
    finally:
        app.writer.close()
        pygame.quit()
