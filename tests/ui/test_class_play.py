"""Whole-class play in the window: a press per hand, the majority, ties, projector text."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine import Story
from game.ui.app import App
from game.ui.settings import Settings
from tests.ui.conftest import UI_STORY, key, pump, session


def class_app(story, tmp_path: Path, size: tuple[int, int] = (1920, 1080)) -> App:  # type: ignore[no-untyped-def]
    pygame.init()
    app = App(
        story,
        str(UI_STORY),
        seed=1,
        data_directory=tmp_path / "data",
        size=size,
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(window_size=size, text_speed="instant", text_size="small"),
        class_vote=True,
    )
    app.choice_delay = 0.0  # posted keys come faster than a teacher's (tested on its own)
    return app


def reveal(app: App) -> None:
    story = app.find("story")
    for _ in range(6):
        if app.top.name == "story" and story is not None and story.choices_shown:  # type: ignore[attr-defined]
            return
        key(app, pygame.K_SPACE)


def test_hands_are_counted_and_the_majority_is_followed(story: Story, tmp_path: Path) -> None:
    app = class_app(story, tmp_path)
    assert app.classroom and app.settings.text_size == "largest"
    app.start_game()
    pump(app)
    reveal(app)
    screen = app.top
    assert screen.name == "story" and screen.tally is not None  # type: ignore[attr-defined]
    for _ in range(4):
        key(app, pygame.K_1)
    key(app, pygame.K_2)
    key(app, pygame.K_2)
    key(app, pygame.K_3)  # locked: no hand, a toast says why
    key(app, pygame.K_2, pygame.KMOD_SHIFT)  # one hand taken back
    assert screen.tally.full() == {"1": 4, "2": 1}  # type: ignore[attr-defined]
    assert app.session is not None and session(app).view.scene_id == "dorm"
    key(app, pygame.K_RETURN)
    assert session(app).view.scene_id == "peng"
    assert session(app).votes == {0: {"1": 4, "2": 1}}
    assert any("The class goes with 1 (4 to 1)" in t.text for t in app.toasts)
    pygame.quit()


def test_a_tie_waits_for_the_teacher_and_prompts_fill_the_screen(
    story: Story, tmp_path: Path
) -> None:
    app = class_app(story, tmp_path)
    app.start_game()
    pump(app)
    reveal(app)
    key(app, pygame.K_RETURN)  # no hands yet: nothing happens
    assert app.session is not None and session(app).view.scene_id == "dorm"
    key(app, pygame.K_1)
    key(app, pygame.K_2)
    key(app, pygame.K_RETURN)
    assert session(app).view.scene_id == "dorm"
    assert any("A tie between 1 and 2" in t.text for t in app.toasts)
    key(app, pygame.K_2, pygame.KMOD_CTRL)  # the teacher breaks the tie
    assert session(app).view.scene_id == "peng"
    assert session(app).votes == {0: {"1": 1, "2": 1}}
    # Peng's scene has a discussion prompt: in class play it fills the screen at once.
    assert app.top.name == "discuss"
    key(app, pygame.K_RETURN)
    assert app.top.name == "story"
    pygame.quit()


def test_projector_text_is_readable_from_the_back(story: Story, tmp_path: Path) -> None:
    """Every face drawn in class play is at least 2.5% of a 1080-pixel screen's height."""
    app = class_app(story, tmp_path)
    sizes: list[int] = []
    real = app.fonts.face

    def spy(name: str, design_px: int, scale: float):  # type: ignore[no-untyped-def]
        face = real(name, design_px, scale)
        sizes.append(round(design_px * scale))
        return face

    app.fonts.face = spy  # type: ignore[method-assign]
    app.start_game()
    pump(app)
    reveal(app)
    key(app, pygame.K_1)
    sizes.clear()
    app.dirty = True
    app.draw()
    assert sizes and min(sizes) >= 0.025 * 1080, sorted(set(sizes))
    pygame.quit()
